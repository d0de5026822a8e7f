/**
 * The full inventory of a generated organisation of 20,000+ resources (5 accounts × 6
 * regions), `--accounts all --regions all`, through the real client factory, gate, audit log
 * and SDK retry over the sandbox, as the CLI runs it: the management account's profile lists
 * the organisation and enters every member account with sts:AssumeRole. No latency and no
 * rate limits: this checks that nothing is lost or counted twice at scale; speed is measured
 * by `npm run bench`.
 */
import { describe, expect, test } from "vitest";
import { expectedResourceCounts, listEstateResources } from "../../src/aws/sandbox/estate.js";
import { generateEstate } from "../../src/aws/sandbox/generate.js";
import { runInventory } from "../../src/workflows/inventory/index.js";
import { makeOrgFactories } from "../_helpers/org-factory.js";
import { recordingIoHost } from "../_helpers/recording-io-host.js";

const SIX_REGIONS = [
  "us-east-1",
  "us-west-2",
  "eu-west-1",
  "eu-central-1",
  "ap-southeast-2",
  "ap-northeast-1",
];

describe("runInventory over a generated organisation at scale", () => {
  test("--accounts all --regions all finds every one of 20,000+ resources exactly once, cell by cell", async () => {
    const { estate } = generateEstate({
      accounts: 5,
      regions: SIX_REGIONS,
      totalResources: 20_000,
      seed: 2027,
      now: new Date("2026-11-01T00:00:00Z"),
    });
    const expected = expectedResourceCounts(estate);
    expect(expected.total).toBeGreaterThanOrEqual(20_000);
    const expectedKeys = estate.accounts
      .flatMap((a) =>
        listEstateResources(estate, a.id, SIX_REGIONS).map(
          (r) => `${a.id}/${r.region}/${r.service}/${r.type}/${r.id}`,
        ),
      )
      .sort();

    const management = estate.accounts[0]!;
    const org = makeOrgFactories({ estate, profile: management.profiles[0]!.name });
    const io = recordingIoHost();
    const result = await runInventory(
      // AWS's own page sizes (the sandbox pages by 5 unless asked), every service.
      { accounts: "all", regions: "all", pageSize: 1000 },
      {
        factory: org.factory,
        factoryFor: org.factoryFor,
        io,
        account: management.id,
        approve: async () => true,
      },
    );

    expect(result.failures).toEqual([]);
    expect(result.coverage.notRead).toEqual([]);
    expect(result.coverage.read).toBe(result.coverage.planned);
    expect(result.accounts.map((a) => [a.id, a.status])).toEqual(
      estate.accounts.map((a) => [a.id, "complete"]).sort(),
    );
    // `--regions all`: every region each account has enabled (the six with resources among them).
    for (const account of result.accounts)
      expect(account.regions).toEqual(expect.arrayContaining(SIX_REGIONS));

    // Per account, region, service and type: exactly the generator's counts.
    const byCell: Record<string, number> = {};
    for (const r of result.resources) {
      const cell = `${r.account}/${r.region}/${r.service}/${r.type}`;
      byCell[cell] = (byCell[cell] ?? 0) + 1;
    }
    expect(byCell).toEqual(expected.byCell);
    expect(result.summary.total).toBe(expected.total);

    // Every resource exactly once: no duplicate key or ARN, and the same set as the estate's.
    // (Names such as Lambda functions and DB identifiers are unique per region, not per account.)
    const found = result.resources.map((r) => `${r.account}/${r.region}/${r.service}/${r.type}/${r.id}`);
    expect(new Set(found).size).toBe(found.length);
    expect(new Set(result.resources.map((r) => r.arn)).size).toBe(found.length);
    expect(found.sort()).toEqual(expectedKeys);

    // Member accounts were entered through the role; the gate refused nothing.
    const assumed = org.audit.records.filter((r) => r.action === "sts:AssumeRole");
    expect(assumed.map((r) => r.outcome)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(org.audit.records.filter((r) => r.outcome === "refused")).toEqual([]);
  }, 120_000);
});
