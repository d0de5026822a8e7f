import { describe, expect, it } from "vitest";
import {
  buildDemoEstate,
  DEMO_ACCOUNTS,
  DEMO_NOW,
  DEMO_PLANTED_PROBLEMS,
  DEMO_REGIONS,
} from "../../../src/aws/sandbox/demo.js";
import { listEstateResources, loadEstate, saveEstate } from "../../../src/aws/sandbox/estate.js";
import { GENERATOR_ONLY_PROBLEM_KINDS, PLANTED_PROBLEM_KINDS } from "../../../src/aws/sandbox/planted.js";
import {
  callerFor,
  detectProblems,
  ownedResources,
  sandboxOf,
  sortedKeys,
  tagPolicyBreaches,
} from "./_helpers.js";

describe("the demo estate", () => {
  const estate = buildDemoEstate();

  it("is Northwind Analytics, an organization of five accounts with the documented aliases", () => {
    expect(estate.company).toBe("Northwind Analytics");
    expect(estate.capturedAt).toBe(DEMO_NOW.toISOString());
    expect(estate.organization?.managementAccountId).toBe("111111111111");
    expect(estate.accounts.map((a) => [a.id, a.alias, a.environment])).toEqual([
      ["111111111111", "northwind-mgmt", "management"],
      ["222222222222", "northwind-sandbox", "sandbox"],
      ["333333333333", "northwind-dev", "development"],
      ["444444444444", "northwind-staging", "staging"],
      ["555555555555", "northwind-prod", "production"],
    ]);
  });

  it("holds at least 200 inventory-visible resources across the four regions", () => {
    const total = estate.accounts.reduce(
      (n, a) => n + listEstateResources(estate, a.id, DEMO_REGIONS).length,
      0,
    );
    expect(total).toBeGreaterThanOrEqual(200);
  });

  it("keeps ap-southeast-2 to a network (no NAT gateway), one bucket and the AWS managed key it uses", () => {
    const sydney = estate.accounts
      .flatMap((a) => listEstateResources(estate, a.id, ["ap-southeast-2"]))
      .filter((r) => r.region === "ap-southeast-2");
    expect(new Set(sydney.map((r) => `${r.service}/${r.type}`))).toEqual(
      new Set([
        "vpc/vpc",
        "vpc/subnet",
        "vpc/route-table",
        "vpc/internet-gateway",
        "vpc/network-acl",
        "vpc/security-group",
        "s3/bucket",
        "kms/key",
      ]),
    );
  });

  it("contains exactly the planted problems, each one present and nothing else meeting a definition", () => {
    expect(sortedKeys(detectProblems(estate))).toEqual(sortedKeys(DEMO_PLANTED_PROBLEMS));
  });

  it("plants every problem kind at least once, except those only the generator can plant", () => {
    const kinds = new Set(DEMO_PLANTED_PROBLEMS.map((p) => p.problem));
    expect([...kinds].sort()).toEqual(
      PLANTED_PROBLEM_KINDS.filter((k) => !GENERATOR_ONLY_PROBLEM_KINDS.includes(k)).sort(),
    );
  });

  it("cannot plant cloudtrail-no-multi-region: every account sees the logging organization trail", async () => {
    const sandbox = sandboxOf(estate);
    for (const profile of ["demo-mgmt", "demo-sandbox", "demo-dev", "demo-staging", "demo-prod"]) {
      const call = callerFor(sandbox, profile);
      const { trailList } = (await call("cloudtrail", "DescribeTrails", {}, "eu-west-1")) as {
        trailList: { Name: string; TrailARN: string; IsMultiRegionTrail: boolean }[];
      };
      const org = trailList.find((t) => t.Name === "northwind-org-trail");
      expect(org?.IsMultiRegionTrail).toBe(true);
      const status = await call("cloudtrail", "GetTrailStatus", { Name: org?.TrailARN }, "eu-west-1");
      expect(status.IsLogging).toBe(true);
    }
  });

  it("says when each stopped instance stopped, as EC2 does (StateTransitionReason)", () => {
    const stopped = estate.accounts.flatMap((a) =>
      Object.values(a.regions).flatMap((r) => r.instances.filter((i) => i.state === "stopped")),
    );
    expect(stopped.length).toBeGreaterThan(0);
    for (const i of stopped) {
      expect(i.stateTransitionReason).toMatch(/^User initiated \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} GMT\)$/);
    }
  });

  it("is the same estate every time, and keeps its planted ids whatever `now` is", () => {
    expect(saveEstate(buildDemoEstate())).toBe(saveEstate(estate));
    const later = buildDemoEstate(new Date("2027-03-01T00:00:00Z"));
    expect(later.capturedAt).toBe("2027-03-01T00:00:00.000Z");
    expect(detectProblems(later).map((p) => p.resourceId)).toEqual(
      expect.arrayContaining(DEMO_PLANTED_PROBLEMS.map((p) => p.resourceId)),
    );
  });

  it("survives a save → load round trip unchanged", () => {
    expect(saveEstate(loadEstate(JSON.parse(saveEstate(estate))))).toBe(saveEstate(estate));
  });

  it.each([
    ["demo-mgmt", DEMO_ACCOUNTS.management],
    ["demo-sandbox", DEMO_ACCOUNTS.sandbox],
    ["demo-dev", DEMO_ACCOUNTS.development],
    ["demo-staging", DEMO_ACCOUNTS.staging],
    ["demo-prod", DEMO_ACCOUNTS.production],
  ])("resolves profile %s to account %s as the PlatformEngineer assumed role", async (profile, account) => {
    const sandbox = sandboxOf(estate);
    const identity = sandbox.identityFor(profile);
    expect(identity.accountId).toBe(account);
    expect(identity.arn).toBe(`arn:aws:sts::${account}:assumed-role/PlatformEngineer/demo-user`);
    const answer = await callerFor(sandbox, profile)("sts", "GetCallerIdentity");
    expect(answer).toEqual({ UserId: identity.userId, Account: account, Arn: identity.arn });
  });

  it("has real-looking tags with CC-nnnn cost centres and monthly costs per service", () => {
    const prod = estate.accounts[4];
    const instance = prod?.regions["us-east-1"]?.instances[0];
    expect(instance?.tags).toMatchObject({
      Environment: "production",
      CostCenter: expect.stringMatching(/^CC-\d{4}$/),
    });
    expect(prod?.costs.length).toBeGreaterThan(0);
    expect(new Set(prod?.costs.map((c) => c.month))).toEqual(new Set(["2026-08", "2026-09", "2026-10"]));
  });

  it("follows the demo tagging policy everywhere but on the planted tag problems", () => {
    // config/demo.yaml: Environment one of these, CostCenter CC-nnnn, DataClassification on
    // production data stores.
    const environments = ["management", "sandbox", "development", "staging", "production"];
    expect(tagPolicyBreaches(estate, DEMO_PLANTED_PROBLEMS, environments)).toEqual([]);
    const planted = (kind: string) =>
      DEMO_PLANTED_PROBLEMS.filter((p) => p.problem === kind).map((p) => p.resourceId);
    const tagsOf = (id: string) => ownedResources(estate).find((r) => r.id === id)?.tags;
    expect(
      planted("tag-invalid-value").map((id) => [tagsOf(id)?.Environment, tagsOf(id)?.CostCenter]),
    ).toEqual([
      ["Production", "CC-1010"],
      ["dev", "CC-4040"],
      ["development", "CC-404"],
    ]);
    // Production data stores carry a DataClassification; what AWS manages stays untagged.
    const prod = estate.accounts[4];
    expect(prod?.regions["us-east-1"]?.dbInstances[0]?.tags.DataClassification).toBe("confidential");
    const east = prod?.regions["us-east-1"];
    expect(east?.securityGroups.find((g) => g.name === "default")?.tags).toEqual({});
    expect(east?.routeTables.find((t) => t.isMain)?.tags).toEqual({});
  });

  it("records recent CloudTrail events, including the StopLogging behind the stopped trail", () => {
    const events = estate.accounts[3]?.regions["us-east-1"]?.events ?? [];
    expect(events.map((e) => e.eventName)).toContain("StopLogging");
  });
});
