import { describe, expect, it } from "vitest";
import { listEstateResources, saveEstate } from "../../../src/aws/sandbox/estate.js";
import { DEFAULT_PROBLEM_RATES, generateEstate } from "../../../src/aws/sandbox/generate.js";
import { PLANTED_PROBLEM_KINDS } from "../../../src/aws/sandbox/planted.js";
import { CORE_DEFAULTS } from "../../../src/core/config/defaults.js";
import { detectProblems, NOW, ownedResources, sortedKeys, tagPolicyBreaches } from "./_helpers.js";

const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];

describe("generateEstate", () => {
  it("is deterministic: the same options give byte-identical JSON", () => {
    const a = generateEstate({ accounts: 4, regions: REGIONS, resourcesPerRegion: 60, seed: 7, now: NOW });
    const b = generateEstate({ accounts: 4, regions: REGIONS, resourcesPerRegion: 60, seed: 7, now: NOW });
    expect(saveEstate(a.estate)).toBe(saveEstate(b.estate));
    expect(a.expectedFindings).toEqual(b.expectedFindings);
  });

  it("gives a different estate for a different seed", () => {
    const a = generateEstate({ accounts: 2, regions: REGIONS, resourcesPerRegion: 40, seed: 1, now: NOW });
    const b = generateEstate({ accounts: 2, regions: REGIONS, resourcesPerRegion: 40, seed: 2, now: NOW });
    expect(saveEstate(a.estate)).not.toBe(saveEstate(b.estate));
  });

  it("lists as expected findings exactly what the estate contains", () => {
    const { estate, expectedFindings } = generateEstate({
      accounts: 6,
      regions: REGIONS,
      resourcesPerRegion: 120,
      seed: 99,
      now: NOW,
    });
    expect(sortedKeys(detectProblems(estate))).toEqual(sortedKeys(expectedFindings));
  });

  it("follows the built-in tagging policy everywhere but on the planted tag problems", () => {
    const { estate, expectedFindings } = generateEstate({
      accounts: 4,
      regions: ["us-east-1", "eu-west-1"],
      resourcesPerRegion: 200,
      seed: 5,
      now: NOW,
    });
    const environments = CORE_DEFAULTS.tagging.required.find((r) => r.key === "Environment")?.allowedValues;
    expect(environments).not.toContain("management");
    expect(tagPolicyBreaches(estate, expectedFindings, environments ?? [])).toEqual([]);
    // The management account keeps its environment; its resources are tagged production.
    const management = estate.accounts[0];
    expect(management?.environment).toBe("management");
    const mgmtEnvironments = new Set(
      ownedResources(estate)
        .filter((r) => r.account === management?.id)
        .map((r) => r.tags.Environment),
    );
    expect(mgmtEnvironments.has("production")).toBe(true);
    expect(mgmtEnvironments.has("management")).toBe(false);
    expect(expectedFindings.some((p) => p.problem === "tag-invalid-value")).toBe(true);
  });

  it("plants nothing at rate 0 but the by-design admin roles, and every candidate at rate 1", () => {
    const none = Object.fromEntries(PLANTED_PROBLEM_KINDS.map((k) => [k, 0]));
    const clean = generateEstate({
      accounts: 3,
      regions: REGIONS,
      resourcesPerRegion: 50,
      seed: 5,
      now: NOW,
      problemRates: none,
    });
    // By design, Organizations' OrganizationAccountAccessRole has AdministratorAccess in every member account.
    const byDesign = clean.estate.accounts.slice(1).map((a) => ({
      problem: "iam-admin-access",
      resourceId: "OrganizationAccountAccessRole",
      account: a.id,
      region: "global",
    }));
    expect(clean.expectedFindings).toEqual(byDesign);
    expect(detectProblems(clean.estate)).toEqual(byDesign);
    const all = generateEstate({
      accounts: 2,
      regions: ["us-east-1"],
      resourcesPerRegion: 50,
      seed: 5,
      now: NOW,
      problemRates: { "rds-unencrypted": 1, "cloudtrail-logging-stopped": 1 },
    });
    const dbs = all.estate.accounts.flatMap((a) => Object.values(a.regions).flatMap((r) => r.dbInstances));
    expect(all.expectedFindings.filter((f) => f.problem === "rds-unencrypted")).toHaveLength(dbs.length);
    expect(all.expectedFindings.filter((f) => f.problem === "cloudtrail-logging-stopped")).toHaveLength(2);
    const accountLevel = generateEstate({
      accounts: 3,
      regions: ["us-east-1"],
      resourcesPerRegion: 30,
      seed: 5,
      now: NOW,
      problemRates: {
        "iam-root-mfa-off": 1,
        "iam-root-access-keys": 1,
        "iam-password-policy-weak": 1,
        "s3-account-public-access-block-off": 1,
        "iam-role-trust-open": 1,
        "s3-versioning-off": 1,
      },
    });
    for (const kind of [
      "iam-root-mfa-off",
      "iam-root-access-keys",
      "iam-password-policy-weak",
      "s3-account-public-access-block-off",
      "iam-role-trust-open",
    ] as const) {
      expect(accountLevel.expectedFindings.filter((f) => f.problem === kind)).toHaveLength(3);
    }
    const buckets = accountLevel.estate.accounts.flatMap((a) => a.buckets);
    const notVersioned = accountLevel.expectedFindings.filter((f) => f.problem === "s3-versioning-off");
    // Every bucket but the trails' (kept clean) is a candidate.
    expect(notVersioned).toHaveLength(buckets.filter((b) => !b.name.endsWith("-cloudtrail")).length);
    expect(sortedKeys(detectProblems(accountLevel.estate))).toEqual(
      sortedKeys(accountLevel.expectedFindings),
    );
  });

  it("plants the regional audit kinds on every candidate at rate 1", () => {
    const all = generateEstate({
      accounts: 2,
      regions: ["us-east-1", "eu-west-1"],
      resourcesPerRegion: 80,
      seed: 6,
      now: NOW,
      problemRates: {
        "rds-single-az": 1,
        "rds-backups-off": 1,
        "vpc-flow-logs-off": 1,
        "ebs-encryption-by-default-off": 1,
        "ec2-previous-generation": 1,
        "cloudtrail-not-kms-encrypted": 1,
      },
    });
    const regions = all.estate.accounts.flatMap((a) => Object.values(a.regions));
    const count = (kind: string): number => all.expectedFindings.filter((f) => f.problem === kind).length;
    const dbs = regions.flatMap((r) => r.dbInstances).filter((d) => d.clusterId === undefined);
    expect(count("rds-single-az")).toBe(dbs.length);
    expect(count("rds-backups-off")).toBe(dbs.length);
    expect(count("vpc-flow-logs-off")).toBe(regions.flatMap((r) => r.vpcs).length);
    expect(regions.flatMap((r) => r.flowLogs)).toEqual([]);
    expect(count("ebs-encryption-by-default-off")).toBe(4);
    expect(count("ec2-previous-generation")).toBe(regions.flatMap((r) => r.instances).length);
    expect(count("cloudtrail-not-kms-encrypted")).toBe(2);
    // Without backups, no automated snapshot.
    expect(regions.flatMap((r) => r.dbSnapshots).filter((s) => s.snapshotType === "automated")).toEqual([]);
    expect(sortedKeys(detectProblems(all.estate))).toEqual(sortedKeys(all.expectedFindings));
  });

  it("plants cloudtrail-no-multi-region, which the demo cannot, with every stopped or single-region trail", () => {
    const { estate, expectedFindings } = generateEstate({
      accounts: 3,
      regions: ["us-east-1"],
      resourcesPerRegion: 20,
      seed: 8,
      now: NOW,
      problemRates: { "cloudtrail-no-multi-region": 1 },
    });
    expect(
      estate.accounts.flatMap((a) => a.regions["us-east-1"]?.trails.map((t) => t.isMultiRegion)),
    ).toEqual([false, false, false]);
    expect(
      expectedFindings
        .filter((f) => f.problem === "cloudtrail-no-multi-region")
        .map((f) => [f.resourceId, f.region]),
    ).toEqual(estate.accounts.map((a) => [a.id, "global"]));
  });

  it("plants problems near their rates at scale (50 accounts × 4 regions × 200 resources)", () => {
    const { estate, expectedFindings } = generateEstate({
      accounts: 50,
      regions: REGIONS,
      resourcesPerRegion: 200,
      seed: 2026,
      now: NOW,
    });
    const total = estate.accounts.reduce((n, a) => n + listEstateResources(estate, a.id, REGIONS).length, 0);
    expect(total).toBeGreaterThan(50 * 4 * 200 * 0.9);
    expect(total).toBeLessThan(50 * 4 * 200 * 1.1);
    const dbs = estate.accounts.flatMap((a) => Object.values(a.regions).flatMap((r) => r.dbInstances)).length;
    const unencrypted = expectedFindings.filter((f) => f.problem === "rds-unencrypted").length;
    expect(unencrypted / dbs).toBeGreaterThan(DEFAULT_PROBLEM_RATES["rds-unencrypted"] * 0.7);
    expect(unencrypted / dbs).toBeLessThan(DEFAULT_PROBLEM_RATES["rds-unencrypted"] * 1.3);
    expect(new Set(expectedFindings.map((f) => f.problem)).size).toBe(PLANTED_PROBLEM_KINDS.length);
  });

  it("spreads totalResources over accounts × regions", () => {
    const { estate } = generateEstate({
      accounts: 2,
      regions: ["us-east-1", "eu-west-1"],
      totalResources: 400,
      seed: 3,
      now: NOW,
    });
    const total = estate.accounts.reduce(
      (n, a) => n + listEstateResources(estate, a.id, ["us-east-1", "eu-west-1"]).length,
      0,
    );
    expect(total).toBeGreaterThan(320);
    expect(total).toBeLessThan(480);
  });

  it("makes the first account the management account, with one profile per account", () => {
    const { estate } = generateEstate({
      accounts: 3,
      regions: ["us-east-1"],
      resourcesPerRegion: 10,
      seed: 11,
      now: NOW,
    });
    expect(estate.organization?.managementAccountId).toBe(estate.accounts[0]?.id);
    expect(estate.accounts[0]?.environment).toBe("management");
    expect(estate.accounts.map((a) => a.profiles.length)).toEqual([1, 1, 1]);
    expect(new Set(estate.accounts.map((a) => a.id)).size).toBe(3);
  });

  it("refuses impossible options", () => {
    expect(() =>
      generateEstate({ accounts: 0, regions: REGIONS, resourcesPerRegion: 1, seed: 1, now: NOW }),
    ).toThrow(/accounts/);
    expect(() =>
      generateEstate({ accounts: 1, regions: [], resourcesPerRegion: 1, seed: 1, now: NOW }),
    ).toThrow(/regions/);
    expect(() => generateEstate({ accounts: 1, regions: REGIONS, seed: 1, now: NOW })).toThrow(
      /resourcesPerRegion/,
    );
    expect(() =>
      generateEstate({
        accounts: 1,
        regions: REGIONS,
        resourcesPerRegion: 5,
        seed: 1,
        now: NOW,
        problemRates: { "elb-idle": 2 },
      }),
    ).toThrow(/elb-idle/);
  });
});
