/**
 * The inventory across the demo organisation, through the real client factory, gate, audit
 * log and SDK retry over the sandbox: accounts from Organizations, sts:AssumeRole into each
 * member account, each account's enabled regions, partial results, throttling, approval and
 * resume from the run journal.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildDemoEstate } from "../../src/aws/sandbox/demo.js";
import { listEstateResources } from "../../src/aws/sandbox/estate.js";
import { isRegionEnabled } from "../../src/aws/sandbox/regions.js";
import { CORE_DEFAULTS } from "../../src/core/config/defaults.js";
import { AbortError, RefusedError } from "../../src/core/errors.js";
import type { InventoryResult } from "../../src/core/inventory/inventory-result.js";
import type { IoHost } from "../../src/core/io-host.js";
import { silentIoHost } from "../../src/core/io-host.js";
import { openRunJournal } from "../../src/orchestrate/journal.js";
import {
  inventoryJournal,
  inventorySensitiveReads,
  runInventory,
  type InventoryOptions,
} from "../../src/workflows/inventory/index.js";
import { makeOrgFactories, MGMT_ACCOUNT, MGMT_REGIONS, type OrgFactories } from "../_helpers/org-factory.js";
import { recordingIoHost } from "../_helpers/recording-io-host.js";

const estate = buildDemoEstate();
const ACTIVE = estate.accounts.map((a) => a.id).sort();
const PROD = "555555555555";
const DEV = "333333333333";

const key = (r: { account?: string; service: string; type: string; id: string }, account = r.account) =>
  `${account}/${r.service}/${r.type}/${r.id}`;

/** The regions `--regions all` finds for an account: enabled, within demo-mgmt's regions. */
const regionsOf = (accountId: string) => {
  const account = estate.accounts.find((a) => a.id === accountId);
  return MGMT_REGIONS.filter((r) => isRegionEnabled(account?.enabledRegions ?? [], r));
};
const expectedKeys = (accounts: readonly string[], regions: (a: string) => readonly string[] = regionsOf) =>
  accounts.flatMap((a) => listEstateResources(estate, a, regions(a)).map((r) => key(r, a))).sort();

const ORG: InventoryOptions = { accounts: "all", regions: "all", allowedRegions: MGMT_REGIONS };

function run(
  org: OrgFactories,
  options: InventoryOptions,
  extra: { io?: IoHost } & Record<string, unknown> = {},
) {
  return runInventory(options, {
    factory: org.factory,
    factoryFor: org.factoryFor,
    io: silentIoHost,
    account: MGMT_ACCOUNT,
    ...extra,
  });
}

async function journalIn(dir: string, resume: string | true | undefined, scopeKey = "org") {
  return inventoryJournal(
    await openRunJournal({
      runsDir: dir,
      workflow: "inventory",
      scopeKey,
      scopeLabel: "--accounts all --regions all",
      resume,
      now: () => new Date(),
      randomSuffix: () => Math.random().toString(16).slice(2, 8),
    }),
  );
}

describe("runInventory across the demo organisation", () => {
  test("--accounts all --regions all: every resource of every account and its regions, exactly once", async () => {
    const org = makeOrgFactories();
    const io = recordingIoHost();
    const result = await run(org, ORG, { io });

    expect(result.failures).toEqual([]);
    expect(result.accounts.map((a) => a.id)).toEqual(ACTIVE);
    expect(result.accounts.find((a) => a.id === MGMT_ACCOUNT)).toMatchObject({
      access: "profile",
      status: "complete",
    });
    for (const a of result.accounts.filter((x) => x.id !== MGMT_ACCOUNT)) {
      expect(a).toMatchObject({
        access: "assumed-role",
        roleArn: `arn:aws:iam::${a.id}:role/OrganizationAccountAccessRole`,
        status: "complete",
      });
      expect(a.regions).toEqual(regionsOf(a.id));
    }
    const found = result.resources.map((r) => key(r));
    expect(new Set(result.resources.map((r) => r.arn)).size).toBe(found.length);
    expect([...found].sort()).toEqual(expectedKeys(ACTIVE));
    expect(result.summary.total).toBe(found.length);
    expect(found.length).toBeGreaterThan(200);

    // Each member account was entered once through the role; the declaration made it pass.
    const assumed = org.audit.records.filter((r) => r.action === "sts:AssumeRole");
    expect(assumed.map((r) => r.outcome)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(assumed.every((r) => r.class === "sensitive")).toBe(true);
    // Regions not opted in are skipped, in the result and in a notice.
    expect(result.coverage.skippedRegions.filter((s) => s.reason === "not-opted-in").length).toBeGreaterThan(
      0,
    );
    expect(io.messages.map((m) => m.code)).toContain("CW_ORC_W0001");
    expect(result.coverage.read).toBe(result.coverage.planned);
    expect(result.coverage.notRead).toEqual([]);
    // Past the advise threshold (5 accounts) the plan is shown; no approval is needed.
    expect(io.messages.find((m) => m.code === "CW_ORC_I0001")?.message).toMatch(/workers/);
  });

  test("a list of accounts reads only those, through the role where they are not the profile's", async () => {
    const org = makeOrgFactories();
    const result = await run(org, { accounts: [DEV], regions: ["us-east-1", "eu-west-1"] });
    expect(result.failures).toEqual([]);
    expect(result.accounts.map((a) => [a.id, a.access])).toEqual([[DEV, "assumed-role"]]);
    expect(result.resources.map((r) => key(r)).sort()).toEqual(
      expectedKeys([DEV], () => ["us-east-1", "eu-west-1"]),
    );
    expect(org.sandbox.calls.some((c) => c.action === "ListAccounts")).toBe(false);
  });

  test("AccessDenied in one region of one account: a partial result naming the partition", async () => {
    const org = makeOrgFactories({
      faults: {
        rules: [{ match: { service: "rds", account: PROD, region: "eu-west-1" }, fail: "access-denied" }],
      },
    });
    const io = recordingIoHost();
    const result = await run(org, ORG, { io });

    expect(result.failures).toEqual([
      expect.objectContaining({
        partition: `${PROD}/eu-west-1/rds`,
        account: PROD,
        region: "eu-west-1",
        service: "rds",
        stage: "collect",
        reason: "not-permitted",
        awsName: "AccessDenied",
        message: expect.stringContaining("rds:DescribeDBInstances"),
      }),
    ]);
    expect(result.coverage.notRead).toEqual([
      { partition: `${PROD}/eu-west-1/rds`, reason: "not-permitted" },
    ]);
    expect(result.summary.counts[PROD]?.["rds"]?.["eu-west-1"]).toBeNull();
    expect(result.accounts.find((a) => a.id === PROD)?.status).toBe("partial");
    const lost = new Set(
      listEstateResources(estate, PROD, ["eu-west-1"])
        .filter((r) => r.service === "rds")
        .map((r) => key(r, PROD)),
    );
    expect(lost.size).toBeGreaterThan(0);
    expect(result.resources.map((r) => key(r)).sort()).toEqual(
      expectedKeys(ACTIVE).filter((k) => !lost.has(k)),
    );
    expect(io.messages.filter((m) => m.code === "CW_INV_W0001")).toHaveLength(1);
  });

  test("a failed sts:AssumeRole is a failed account, reported; the other accounts are read", async () => {
    const org = makeOrgFactories({
      faults: {
        rules: [{ match: { service: "sts", action: "AssumeRole" }, fail: "access-denied", times: 1 }],
      },
    });
    const result = await run(org, { ...ORG, concurrency: 1 });
    const first = ACTIVE.find((a) => a !== MGMT_ACCOUNT) as string;
    expect(result.failures).toEqual([
      expect.objectContaining({
        partition: first,
        account: first,
        service: undefined,
        region: undefined,
        stage: "access",
        reason: "not-permitted",
        message: expect.stringContaining("sts:AssumeRole"),
      }),
    ]);
    expect(result.accounts.find((a) => a.id === first)).toMatchObject({ status: "unreachable", regions: [] });
    expect(result.coverage.notRead).toEqual([{ partition: first, reason: "not-permitted" }]);
    const others = ACTIVE.filter((a) => a !== first);
    expect(result.resources.map((r) => key(r)).sort()).toEqual(expectedKeys(others));
  });

  test("without the sts:AssumeRole declaration the gate refuses, and the refusal propagates", async () => {
    const org = makeOrgFactories({ declaredSensitiveReads: [] });
    await expect(run(org, { accounts: [DEV] })).rejects.toBeInstanceOf(RefusedError);
    expect(org.sandbox.calls.filter((c) => c.action === "AssumeRole")).toEqual([]);
  });

  test("--accounts all from a member account says to use the management account", async () => {
    const org = makeOrgFactories({ profile: "demo-dev" });
    await expect(
      runInventory(ORG, { factory: org.factory, factoryFor: org.factoryFor, io: silentIoHost, account: DEV }),
    ).rejects.toMatchObject({ hint: expect.stringContaining("management account") });
  });

  test("a throttling storm is ridden out by the SDK's retries: the inventory is complete", async () => {
    const org = makeOrgFactories({
      // One page per call, and small buckets per account, region and API: bursts of pages throttle.
      pageSize: 1,
      faults: { rateLimits: [{ match: { service: "ec2" }, capacity: 2, refillPerSecond: 20 }] },
    });
    const result = await run(org, { ...ORG, services: ["ec2", "ebs", "vpc"] });
    expect(org.sandbox.calls.filter((c) => c.error !== undefined).length).toBeGreaterThan(10);
    expect(result.failures).toEqual([]);
    const services = new Set(["ec2", "ebs", "vpc"]);
    expect(result.resources.map((r) => key(r)).sort()).toEqual(
      expectedKeys(ACTIVE).filter((k) => services.has(k.split("/")[1] ?? "")),
    );
  }, 60_000);

  test("a partition AWS keeps throttling is reported as throttled out, apart from the empty ones", async () => {
    const org = makeOrgFactories({
      faults: {
        rules: [{ match: { service: "lambda", account: DEV, region: "us-west-2" }, fail: "throttle" }],
      },
    });
    const result = await run(org, {
      accounts: [MGMT_ACCOUNT, DEV],
      regions: ["us-east-1", "us-west-2"],
      services: ["lambda"],
    });
    expect(result.failures.map((f) => [f.partition, f.reason])).toEqual([
      [`${DEV}/us-west-2/lambda`, "throttled"],
    ]);
    expect(result.coverage.notRead).toEqual([{ partition: `${DEV}/us-west-2/lambda`, reason: "throttled" }]);
    expect(result.coverage.empty).not.toContain(`${DEV}/us-west-2/lambda`);
    expect(result.coverage.read).toBe(3);
  }, 60_000);

  test("past the approval threshold it asks first; a no stops it before any collector call", async () => {
    const org = makeOrgFactories();
    let t = 0;
    const thresholds = {
      ...CORE_DEFAULTS.orchestration.thresholds,
      estimatedSeconds: { advise: 5, requireApproval: 10 },
    };
    const asked: string[] = [];
    const attempt = run(
      org,
      { ...ORG, thresholds },
      {
        clock: () => (t += 1000), // every measured call "takes" a second
        approve: async ({ question }: { question: string }) => {
          asked.push(question);
          return false;
        },
      },
    );
    await expect(attempt).rejects.toBeInstanceOf(AbortError);
    await expect(attempt).rejects.toThrow(/not confirmed/);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^This inventory is estimated to take ~\d+ (s|min), \d+ workers/);
    expect(new Set(org.sandbox.calls.map((c) => c.action))).toEqual(
      new Set(["ListAccounts", "AssumeRole", "DescribeRegions"]),
    );

    const yes = await run(
      makeOrgFactories(),
      { ...ORG, thresholds },
      {
        clock: () => (t += 1000),
        approve: async () => true,
      },
    );
    expect(yes.failures).toEqual([]);
  });

  test("interrupted after a few partitions, a resumed run reads only the rest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-resume-"));
    const org = makeOrgFactories();
    const controller = new AbortController();
    let ended = 0;
    const stopping: IoHost = {
      ...silentIoHost,
      spanEnd: () => {
        if (++ended === 2) controller.abort();
      },
    };
    const options: InventoryOptions = {
      accounts: [DEV],
      regions: MGMT_REGIONS,
      services: ["lambda"],
      concurrency: 1,
    };
    const first = await journalIn(dir, undefined);
    const stopped = run(org, options, { io: stopping, signal: controller.signal, journal: first });
    await expect(stopped).rejects.toBeInstanceOf(AbortError);
    await expect(stopped).rejects.toThrow(new RegExp(`2 of 4 partitions finished.*--resume ${first.runId}`));
    const listedBefore = org.sandbox.calls.filter((c) => c.action === "ListFunctions").map((c) => c.region);
    expect(new Set(listedBefore)).toEqual(new Set(MGMT_REGIONS.slice(0, 2)));

    const before = org.sandbox.calls.length;
    const resumed = await journalIn(dir, true);
    expect(resumed.runId).toBe(first.runId);
    const result = await run(org, options, { journal: resumed });
    const after = org.sandbox.calls.slice(before);
    expect(new Set(after.filter((c) => c.action === "ListFunctions").map((c) => c.region))).toEqual(
      new Set(MGMT_REGIONS.slice(2)),
    );
    expect(result.coverage.resumed).toBe(2);
    expect(result.failures).toEqual([]);
    expect(result.resources.map((r) => key(r)).sort()).toEqual(
      expectedKeys([DEV], () => MGMT_REGIONS).filter((k) => k.split("/")[1] === "lambda"),
    );
  });

  test("a resumed run re-reads only the partitions that failed; the organisation and regions come from the journal", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-resume-"));
    const org = makeOrgFactories({
      faults: {
        rules: [{ match: { service: "rds", account: PROD, region: "eu-west-1" }, fail: "access-denied" }],
      },
    });
    const partial = await run(org, ORG, { journal: await journalIn(dir, undefined) });
    expect(partial.failures).toHaveLength(1);

    org.sandbox.configureFaults({});
    const before = org.sandbox.calls.length;
    const journal = await journalIn(dir, true);
    const complete: InventoryResult = await run(org, ORG, { journal });
    const after = org.sandbox.calls.slice(before);

    expect(complete.failures).toEqual([]);
    expect(complete.runId).toBe(partial.runId);
    expect(complete.resources.map((r) => key(r)).sort()).toEqual(expectedKeys(ACTIVE));
    expect(complete.coverage.resumed).toBe(complete.coverage.planned - 1);
    // Only what the failed partition needs: the role into its account, and its own listing.
    expect(
      after
        .filter((c) => c.service !== "sts")
        .every((c) => c.account === PROD && c.region === "eu-west-1" && c.service === "rds"),
    ).toBe(true);
    expect(after.filter((c) => c.action === "DescribeDBInstances").length).toBeGreaterThan(0);
    expect(after.some((c) => c.action === "ListAccounts" || c.action === "DescribeRegions")).toBe(false);
    expect(after.filter((c) => c.action === "AssumeRole")).toHaveLength(1);
  });
});

describe("inventorySensitiveReads", () => {
  test.each([
    [undefined, []],
    [[MGMT_ACCOUNT], []],
    [[MGMT_ACCOUNT, DEV], ["sts:AssumeRole"]],
    ["all", ["sts:AssumeRole"]],
  ] as const)("%j → %j", (accounts, reads) => {
    expect(inventorySensitiveReads(accounts, MGMT_ACCOUNT)).toEqual(reads);
  });
});
