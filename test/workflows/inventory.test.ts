import { describe, expect, test } from "vitest";
import { buildDemoEstate } from "../../src/aws/sandbox/demo.js";
import { listEstateResources } from "../../src/aws/sandbox/estate.js";
import { RefusedError, UsageError } from "../../src/core/errors.js";
import type { ResourceRecord } from "../../src/core/inventory/resource-record.js";
import { silentIoHost } from "../../src/core/io-host.js";
import { INVENTORY_SERVICES } from "../../src/core/inventory/inventory-result.js";
import { renderInventory } from "../../src/report/inventory/index.js";
import { INVENTORY_SERVICE_SPECS } from "../../src/workflows/inventory/services.js";
import { runInventory } from "../../src/workflows/inventory/index.js";
import { recordingIoHost } from "../_helpers/recording-io-host.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../_helpers/sandbox-factory.js";

const estate = buildDemoEstate();
const DEV_REGIONS = estate.accounts.find((a) => a.id === DEV_ACCOUNT)?.enabledRegions ?? [];

const key = (r: Pick<ResourceRecord, "service" | "type" | "id">) => `${r.service}/${r.type}/${r.id}`;
const expectedKeys = (regions: readonly string[]) =>
  listEstateResources(estate, DEV_ACCOUNT, regions).map(key).sort();

describe("runInventory against the demo estate", () => {
  test("lists every resource of the development account in all its regions exactly once", async () => {
    expect(DEV_REGIONS.length).toBeGreaterThan(1);
    const { factory } = makeSandboxFactory();
    const result = await runInventory(
      { regions: DEV_REGIONS },
      { factory, io: silentIoHost, account: DEV_ACCOUNT },
    );

    expect(result.failures).toEqual([]);
    const found = result.resources.map(key);
    expect(new Set(found).size).toBe(found.length);
    expect([...found].sort()).toEqual(expectedKeys(DEV_REGIONS));
    expect(result.summary.total).toBe(found.length);
    expect(result.account).toBe(DEV_ACCOUNT);
    expect(result.regions).toEqual(DEV_REGIONS);
  });

  test("puts each resource in its own region and each bucket exactly once", async () => {
    const { factory, sandbox } = makeSandboxFactory();
    const result = await runInventory(
      { regions: DEV_REGIONS },
      { factory, io: silentIoHost, account: DEV_ACCOUNT },
    );
    for (const region of DEV_REGIONS) {
      const inRegion = result.resources.filter((r) => r.region === region).map(key);
      const expected = listEstateResources(estate, DEV_ACCOUNT, [region]).filter((r) => r.region === region);
      expect(inRegion.sort()).toEqual(expected.map(key).sort());
    }
    const buckets = result.resources.filter((r) => r.type === "bucket");
    const account = estate.accounts.find((a) => a.id === DEV_ACCOUNT);
    expect(buckets.map((b) => `${b.region}:${b.id}`).sort()).toEqual(
      (account?.buckets ?? []).map((b) => `${b.region}:${b.name}`).sort(),
    );
    // ListBuckets is global: listed once per inventory, whatever the number of regions.
    expect(sandbox.calls.filter((c) => c.action === "ListBuckets" && c.error === undefined)).toHaveLength(1);
    // ListBuckets gives each bucket's region: no GetBucketLocation needed.
    expect(sandbox.calls.filter((c) => c.action === "GetBucketLocation")).toEqual([]);
  });

  test("with one region, asks S3 for that region's buckets only", async () => {
    const { factory, sandbox } = makeSandboxFactory();
    const result = await runInventory(
      { regions: ["us-west-2"], services: ["s3"] },
      { factory, io: silentIoHost, account: DEV_ACCOUNT },
    );
    expect(result.resources.map(key).sort()).toEqual(
      expectedKeys(["us-west-2"]).filter((k) => k.startsWith("s3/")),
    );
    expect(sandbox.calls.filter((c) => c.action === "GetBucketLocation")).toEqual([]);
  });

  test("defaults to the factory's default region", async () => {
    const { factory } = makeSandboxFactory({ defaultRegion: "eu-west-1" });
    const result = await runInventory({}, { factory, io: silentIoHost, account: DEV_ACCOUNT });
    expect(result.regions).toEqual(["eu-west-1"]);
    expect(result.resources.map(key).sort()).toEqual(expectedKeys(["eu-west-1"]));
  });

  test("follows every page when pages are small", async () => {
    const { factory, sandbox } = makeSandboxFactory({ pageSize: 2 });
    const result = await runInventory(
      { regions: DEV_REGIONS },
      { factory, io: silentIoHost, account: DEV_ACCOUNT },
    );
    expect(result.failures).toEqual([]);
    expect(result.resources.map(key).sort()).toEqual(expectedKeys(DEV_REGIONS));
    const pagesOf = (action: string) => sandbox.calls.filter((c) => c.action === action).length;
    expect(pagesOf("DescribeSubnets")).toBeGreaterThan(DEV_REGIONS.length);
    expect(pagesOf("DescribeInstances")).toBeGreaterThan(DEV_REGIONS.length);
  });

  test("passes an explicit page size to every List/Describe call (clamped per API)", async () => {
    const { factory, sandbox } = makeSandboxFactory({ pageSize: 1000 });
    const result = await runInventory(
      { regions: DEV_REGIONS, pageSize: 1 },
      { factory, io: silentIoHost, account: DEV_ACCOUNT },
    );
    expect(result.failures).toEqual([]);
    expect(result.resources.map(key).sort()).toEqual(expectedKeys(DEV_REGIONS));
    expect(sandbox.calls.filter((c) => c.action === "ListBuckets").length).toBeGreaterThan(1);
    expect(sandbox.calls.filter((c) => c.action === "ListFunctions").length).toBeGreaterThan(
      DEV_REGIONS.length,
    );
  });

  test("injected throttling is retried by the SDK and the inventory is still complete", async () => {
    const { factory, sandbox, audit } = makeSandboxFactory({
      faults: {
        rules: [
          { match: { service: "ec2", action: "Describe*" }, fail: "throttle", times: 2 },
          { match: { service: "rds" }, fail: "throttle", times: 1 },
          { match: { service: "lambda", action: "ListFunctions" }, fail: "throttle", times: 1 },
          { match: { service: "s3", action: "GetBucketTagging" }, fail: "throttle", times: 1 },
        ],
      },
    });
    const result = await runInventory(
      { regions: DEV_REGIONS },
      { factory, io: silentIoHost, account: DEV_ACCOUNT },
    );
    expect(result.failures).toEqual([]);
    expect(result.resources.map(key).sort()).toEqual(expectedKeys(DEV_REGIONS));
    const throttled = sandbox.calls.filter((c) => c.error !== undefined).map((c) => c.error);
    expect(new Set(throttled)).toEqual(
      new Set(["RequestLimitExceeded", "Throttling", "TooManyRequestsException", "SlowDown"]),
    );
    const retried = audit.records.filter((r) => (r.attempts ?? 1) > 1);
    expect(retried.length).toBeGreaterThanOrEqual(4);
    expect(retried.every((r) => r.outcome === "ok")).toBe(true);
    expect(new Set(retried.map((r) => r.action.split(":")[0]))).toEqual(
      new Set(["ec2", "rds", "lambda", "s3"]),
    );
  });

  test("an invalid region is a usage error with suggestions, and no call is made", async () => {
    const { factory, sandbox, audit } = makeSandboxFactory();
    const run = runInventory(
      { regions: ["us-east-1", "eu-wset-1"] },
      { factory, io: silentIoHost, account: DEV_ACCOUNT },
    );
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toMatchObject({
      code: "UnknownRegion",
      message: expect.stringContaining('"eu-wset-1"'),
    });
    await expect(run).rejects.toMatchObject({ message: expect.stringContaining('did you mean "eu-west-1"') });
    expect(sandbox.calls).toEqual([]);
    expect(audit.records).toEqual([]);
  });

  test("a failed partition is reported while the rest is complete", async () => {
    const region = DEV_REGIONS.find((r) =>
      listEstateResources(estate, DEV_ACCOUNT, [r]).some((x) => x.service === "rds"),
    );
    expect(region).toBeDefined();
    const { factory } = makeSandboxFactory({
      faults: { rules: [{ match: { service: "rds", region }, fail: "access-denied" }] },
    });
    const io = recordingIoHost();
    const result = await runInventory({ regions: DEV_REGIONS }, { factory, io, account: DEV_ACCOUNT });

    expect(result.failures).toEqual([
      {
        partition: `${DEV_ACCOUNT}/${region}/rds`,
        account: DEV_ACCOUNT,
        service: "rds",
        region,
        stage: "collect",
        reason: "not-permitted",
        code: "AwsCallFailed",
        action: "rds:DescribeDBInstances",
        awsName: "AccessDenied",
        message: expect.stringContaining("rds:DescribeDBInstances"),
        hint: expect.stringContaining("Grant rds:DescribeDBInstances"),
      },
    ]);
    const lost = new Set(
      listEstateResources(estate, DEV_ACCOUNT, [region ?? ""])
        .filter((r) => r.service === "rds")
        .map(key),
    );
    expect(result.resources.map(key).sort()).toEqual(expectedKeys(DEV_REGIONS).filter((k) => !lost.has(k)));
    expect(result.summary.counts[DEV_ACCOUNT]?.["rds"]?.[region ?? ""]).toBeNull();
    expect(result.coverage.notRead).toEqual([
      { partition: `${DEV_ACCOUNT}/${region}/rds`, reason: "not-permitted" },
    ]);
    expect(io.messages.filter((m) => m.code === "CW_INV_W0001")).toHaveLength(1);
  });

  test("a region the account has not enabled fails its partitions with a message that says so", async () => {
    const { factory } = makeSandboxFactory();
    const result = await runInventory(
      { regions: ["us-east-1", "af-south-1"], services: ["ec2", "lambda"] },
      { factory, io: silentIoHost, account: DEV_ACCOUNT },
    );
    expect(result.failures.map((f) => `${f.region}/${f.service}`)).toEqual([
      "af-south-1/ec2",
      "af-south-1/lambda",
    ]);
    for (const f of result.failures)
      expect(f.message).toContain(`region af-south-1 is not enabled for account ${DEV_ACCOUNT}`);
    expect(result.resources.every((r) => r.region === "us-east-1")).toBe(true);
    expect(result.resources.length).toBeGreaterThan(0);
  });

  test("a refusal by the safety model propagates instead of becoming a failure", async () => {
    const { factory } = makeSandboxFactory();
    const refusal = new RefusedError(
      "MutationNotAuthorized",
      "ec2:DescribeInstances",
      "refused for the test",
    );
    const refusing = {
      ...factory,
      ec2: () => {
        throw refusal;
      },
    };
    await expect(
      runInventory({ regions: ["us-east-1"] }, { factory: refusing, io: silentIoHost, account: DEV_ACCOUNT }),
    ).rejects.toBe(refusal);
  });

  test("reports one progress span per partition (service × region, global services once)", async () => {
    const { factory } = makeSandboxFactory();
    const io = recordingIoHost();
    const result = await runInventory({ regions: DEV_REGIONS }, { factory, io, account: DEV_ACCOUNT });
    const ends = io.spans.filter((s) => s.kind === "end");
    const regional = INVENTORY_SERVICES.filter((s) => INVENTORY_SERVICE_SPECS[s].placement === "regional");
    const partitions = DEV_REGIONS.length * regional.length + (INVENTORY_SERVICES.length - regional.length);
    expect(io.spans.filter((s) => s.kind === "start")).toHaveLength(partitions);
    expect(ends).toHaveLength(partitions);
    const counted = ends.reduce((n, s) => n + (s.kind === "end" ? (s.counters["resources"] ?? 0) : 0), 0);
    expect(counted).toBe(result.resources.length);
    expect(ends.map((s) => s.id)).toContain(`${DEV_ACCOUNT}/eu-west-1/lambda`);
  });

  test("only the selected services are inventoried, and the result is sorted", async () => {
    const { factory, sandbox } = makeSandboxFactory();
    const result = await runInventory(
      { regions: DEV_REGIONS, services: ["lambda", "ebs"] },
      { factory, io: silentIoHost, account: DEV_ACCOUNT },
    );
    expect(result.services).toEqual(["ebs", "lambda"]);
    expect(new Set(result.resources.map((r) => r.service))).toEqual(new Set(["ebs", "lambda"]));
    expect(new Set(sandbox.calls.map((c) => c.action))).toEqual(
      new Set(["DescribeVolumes", "DescribeSnapshots", "ListFunctions", "ListTags"]),
    );
    const order = result.resources.map((r) => [r.service, r.region, r.type, r.id].join("\u0000"));
    expect(order).toEqual([...order].sort());
  });

  test("Lambda environment variables never reach the result or its JSON", async () => {
    const secret = "postgres://admin:hunter2@db.internal/prod";
    const { factory } = makeSandboxFactory({
      wrap: (inner) => ({
        identityFor: (profile) => inner.identityFor(profile),
        identityForCredentials: (keyId) => inner.identityForCredentials(keyId),
        call: async (call) => {
          const output = await inner.call(call);
          if (call.action !== "ListFunctions") return output;
          const functions = (output["Functions"] as Record<string, unknown>[] | undefined) ?? [];
          return {
            ...output,
            Functions: functions.map((f) => ({
              ...f,
              Environment: { Variables: { DATABASE_URL: secret, API_TOKEN: "tok-123" } },
            })),
          };
        },
      }),
    });
    const result = await runInventory(
      { regions: DEV_REGIONS, services: ["lambda"] },
      { factory, io: silentIoHost, account: DEV_ACCOUNT },
    );
    expect(result.resources.length).toBeGreaterThan(0);
    for (const format of ["json", "csv", "markdown", "table"] as const) {
      const text = renderInventory(result, { format, color: false });
      expect(text).not.toContain("hunter2");
      expect(text).not.toContain("DATABASE_URL");
      expect(text).not.toContain("tok-123");
    }
  });
});
