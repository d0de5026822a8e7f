import { describe, expect, test } from "vitest";
import { collectBuckets, listBucketLocations } from "../../../src/aws/collectors/s3.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import type { SandboxCall, SandboxTransport } from "../../../src/aws/sandbox/types.js";
import { AwsCallError } from "../../../src/core/errors.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { recordInputs, richestAccount } from "./_estate.js";

const estate = buildDemoEstate();
const dev = estate.accounts.find((a) => a.id === DEV_ACCOUNT);
const buckets = dev?.buckets ?? [];
const regions = dev?.enabledRegions ?? [];

/** A transport that answers ListBuckets without BucketRegion, like older endpoints and moto. */
function withoutBucketRegion(inner: SandboxTransport) {
  return {
    identityFor: (profile: string) => inner.identityFor(profile),
    identityForCredentials: (keyId: string) => inner.identityForCredentials(keyId),
    call: async (call: SandboxCall) => {
      const output = await inner.call(call);
      if (call.action !== "ListBuckets") return output;
      const list = (output["Buckets"] as Record<string, unknown>[] | undefined) ?? [];
      return { ...output, Buckets: list.map(({ BucketRegion: _region, ...rest }) => rest) };
    },
  };
}

describe("listBucketLocations", () => {
  test("lists each bucket once with its region, across pages", async () => {
    const { factory } = makeSandboxFactory();
    const located = await listBucketLocations(factory, { account: DEV_ACCOUNT, regions, pageSize: 2 });
    expect(located.map((b) => `${b.region}:${b.name}`).sort()).toEqual(
      buckets.map((b) => `${b.region}:${b.name}`).sort(),
    );
  });

  test("keeps only the buckets of the selected regions", async () => {
    const { factory } = makeSandboxFactory();
    const located = await listBucketLocations(factory, { account: DEV_ACCOUNT, regions: ["us-west-2"] });
    expect(located.map((b) => b.name).sort()).toEqual(
      buckets
        .filter((b) => b.region === "us-west-2")
        .map((b) => b.name)
        .sort(),
    );
  });

  test("falls back to GetBucketLocation when ListBuckets gives no region", async () => {
    const { factory, sandbox } = makeSandboxFactory({ wrap: withoutBucketRegion });
    const located = await listBucketLocations(factory, { account: DEV_ACCOUNT, regions });
    expect(located.map((b) => `${b.region}:${b.name}`).sort()).toEqual(
      buckets.map((b) => `${b.region}:${b.name}`).sort(),
    );
    expect(sandbox.calls.filter((c) => c.action === "GetBucketLocation")).toHaveLength(buckets.length);
  });
});

describe("collectBuckets", () => {
  test("reports a region's buckets with their tags; a bucket without tags has none", async () => {
    const untagged = structuredClone(estate);
    const account = untagged.accounts.find((a) => a.id === DEV_ACCOUNT);
    const target = account?.buckets.find((b) => b.region === "us-east-1");
    if (target !== undefined) target.tags = {};
    const { factory } = makeSandboxFactory({ estate: untagged });
    const records = await collectBuckets(factory, { account: DEV_ACCOUNT, region: "us-east-1" });
    const expected = (account?.buckets ?? []).filter((b) => b.region === "us-east-1");
    expect(records.map((r) => r.id).sort()).toEqual(expected.map((b) => b.name).sort());
    for (const b of expected) {
      expect(records.find((r) => r.id === b.name)).toMatchObject({
        service: "s3",
        type: "bucket",
        arn: `arn:aws:s3:::${b.name}`,
        name: b.name,
        region: "us-east-1",
        state: undefined,
        tags: b.tags,
      });
    }
    expect(records.find((r) => r.id === target?.name)?.tags).toEqual({});
  });

  test("reads tags in the bucket's own region (S3 redirects other regions)", async () => {
    const { factory, sandbox } = makeSandboxFactory();
    await collectBuckets(factory, { account: DEV_ACCOUNT, region: "eu-west-1" });
    const tagging = sandbox.calls.filter((c) => c.action === "GetBucketTagging");
    expect(tagging.length).toBeGreaterThan(0);
    expect(tagging.every((c) => c.region === "eu-west-1" && c.error === undefined)).toBe(true);
  });

  test("a denied GetBucketTagging fails the region with the permission named", async () => {
    const { factory } = makeSandboxFactory({
      faults: { rules: [{ match: { action: "GetBucketTagging" }, fail: "access-denied" }] },
    });
    const failure = collectBuckets(factory, { account: DEV_ACCOUNT, region: "us-east-1" });
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toMatchObject({ action: "s3:GetBucketTagging", awsName: "AccessDenied" });
  });
});

describe("collectBuckets: storage metrics", () => {
  const place = richestAccount((a) => a.buckets);
  const region = (place.items.find((b) => (b.sizeBytes ?? 0) > 0) ?? place.items[0])?.region ?? "us-east-1";
  const inRegion = place.items.filter((b) => b.region === region);
  const scope = { account: place.account, region };

  test("size (Standard storage) and object count come from CloudWatch in the bucket's region", async () => {
    expect(inRegion.some((b) => (b.sizeBytes ?? 0) > 0)).toBe(true);
    const { factory, sandbox } = makeSandboxFactory({ profile: place.profile });
    const records = await collectBuckets(factory, scope);
    for (const bucket of inRegion) {
      expect(records.find((r) => r.id === bucket.name)?.attributes).toMatchObject({
        sizeBytes: bucket.sizeBytes || null,
        objectCount: bucket.objectCount || null,
      });
    }
    const metricCalls = sandbox.calls.filter((c) => c.action === "GetMetricData");
    expect(metricCalls.length).toBeGreaterThan(0);
    expect(metricCalls.every((c) => c.region === region)).toBe(true);
  });

  test("a bucket without datapoints has null figures, not a failure", async () => {
    const empty = structuredClone(estate);
    const account = empty.accounts.find((a) => a.id === place.account);
    for (const b of account?.buckets ?? []) {
      delete b.sizeBytes;
      delete b.objectCount;
    }
    const { factory } = makeSandboxFactory({ estate: empty, profile: place.profile });
    const records = await collectBuckets(factory, scope);
    expect(records).toHaveLength(inRegion.length);
    for (const r of records) {
      expect(r.attributes).toMatchObject({ sizeBytes: null, objectCount: null });
      expect(r.attributes).not.toHaveProperty("storageMetricsError");
    }
  });

  test("asks for up to 500 queries per GetMetricData call: two per bucket, 250 buckets a call", async () => {
    const many = structuredClone(estate);
    const account = many.accounts.find((a) => a.id === place.account);
    const template = account?.buckets.find((b) => b.region === region);
    if (account === undefined || template === undefined) throw new Error("no bucket to copy");
    for (let i = 0; i < 300; i++) {
      account.buckets.push({ ...template, name: `copy-${String(i).padStart(3, "0")}`, sizeBytes: i + 1 });
    }
    const recorded = recordInputs();
    const { factory } = makeSandboxFactory({ estate: many, profile: place.profile, wrap: recorded.wrap });
    const records = await collectBuckets(factory, scope);
    expect(records.find((r) => r.id === "copy-299")?.attributes["sizeBytes"]).toBe(300);
    const queryCounts = recorded
      .inputs("GetMetricData")
      .map((input) => (input["MetricDataQueries"] as unknown[]).length);
    const bucketsInRegion = account.buckets.filter((b) => b.region === region).length;
    expect(new Set(queryCounts)).toEqual(new Set([500, 2 * (bucketsInRegion - 250)]));
  });

  test("when CloudWatch cannot be read, the buckets are still listed, with the AWS error name", async () => {
    const { factory } = makeSandboxFactory({
      profile: place.profile,
      faults: { rules: [{ match: { action: "GetMetricData" }, fail: "access-denied" }] },
    });
    const records = await collectBuckets(factory, scope);
    expect(records.map((r) => r.id).sort()).toEqual(inRegion.map((b) => b.name).sort());
    for (const r of records) {
      expect(r.attributes).toMatchObject({
        sizeBytes: null,
        objectCount: null,
        storageMetricsError: "AccessDenied",
      });
    }
  });
});
