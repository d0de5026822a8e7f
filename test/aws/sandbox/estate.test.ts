import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/core/errors.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import {
  expectedResourceCounts,
  listEstateResources,
  loadEstate,
  saveEstate,
  type EstateResource,
} from "../../../src/aws/sandbox/estate.js";

const estate = buildDemoEstate();

function broken(mutate: (json: Record<string, unknown>) => void): unknown {
  const json = JSON.parse(saveEstate(estate)) as Record<string, unknown>;
  mutate(json);
  return json;
}

function problemOf(json: unknown): ConfigError {
  try {
    loadEstate(json);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected loadEstate to refuse the estate");
}

describe("saveEstate / loadEstate", () => {
  it("round-trips: save → load → save gives the same text", () => {
    const text = saveEstate(estate);
    expect(saveEstate(loadEstate(JSON.parse(text)))).toBe(text);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("fills missing per-region lists, so a hand-written estate need only list what it has", () => {
    const minimal = broken((json) => {
      const accounts = json.accounts as { regions: Record<string, unknown> }[];
      const account = accounts[0];
      if (account) account.regions = { "us-east-1": { vpcs: [] } };
    });
    const loaded = loadEstate(minimal);
    expect(loaded.accounts[0]?.regions["us-east-1"]?.instances).toEqual([]);
  });

  it("loads an estate saved before the full-inventory lists and IAM policies existed", () => {
    const older = broken((json) => {
      for (const account of json.accounts as {
        iam: Record<string, unknown>;
        regions: Record<string, Record<string, unknown>>;
      }[]) {
        delete account.iam.policies;
        for (const region of Object.values(account.regions)) {
          for (const list of [
            "images",
            "routeTables",
            "internetGateways",
            "natGateways",
            "networkAcls",
            "dbClusters",
            "classicLoadBalancers",
            "kmsKeys",
          ]) {
            delete region[list];
          }
        }
      }
    });
    const loaded = loadEstate(older);
    expect(loaded.accounts[0]?.iam.policies).toEqual([]);
    expect(loaded.accounts[4]?.regions["us-east-1"]?.routeTables).toEqual([]);
    expect(
      listEstateResources(loaded, "555555555555", ["us-east-1"]).some((r) => r.type === "route-table"),
    ).toBe(false);
  });

  it("loads an estate saved before the account, group and audit fields existed, with AWS's defaults", () => {
    const older = broken((json) => {
      for (const account of json.accounts as Record<string, unknown>[]) {
        delete account.rootAccessKeysPresent;
        delete account.passwordPolicy;
        delete account.accountPublicAccessBlock;
        delete (account.iam as Record<string, unknown>).groups;
      }
    });
    const loaded = loadEstate(older);
    expect(loaded.accounts[2]).toMatchObject({ rootAccessKeysPresent: false, iam: { groups: [] } });
    expect(loaded.accounts[2]).not.toHaveProperty("passwordPolicy");
    expect(loaded.accounts[2]).not.toHaveProperty("accountPublicAccessBlock");
  });

  it.each([
    [
      "a password policy without its minimum length",
      (j: Record<string, unknown>) =>
        delete (j.accounts as { passwordPolicy: Record<string, unknown> }[])[0]!.passwordPolicy
          .minimumPasswordLength,
      "estate.accounts[0].passwordPolicy.minimumPasswordLength: is required",
    ],
    [
      "an account-level block setting that is not a boolean",
      (j: Record<string, unknown>) =>
        ((
          j.accounts as { accountPublicAccessBlock: Record<string, unknown> }[]
        )[0]!.accountPublicAccessBlock.blockPublicAcls = "yes"),
      'estate.accounts[0].accountPublicAccessBlock.blockPublicAcls: expected a boolean, got "yes"',
    ],
    [
      "a group without attached policies",
      (j: Record<string, unknown>) =>
        delete (j.accounts as { iam: { groups: Record<string, unknown>[] } }[])[2]!.iam.groups[0]!
          .attachedPolicyArns,
      "estate.accounts[2].iam.groups[0].attachedPolicyArns: is required",
    ],
    [
      "an inline policy without a document",
      (j: Record<string, unknown>) =>
        delete (j.accounts as { iam: { groups: { inlinePolicies: Record<string, unknown>[] }[] } }[])[2]!.iam
          .groups[0]!.inlinePolicies[0]!.document,
      "estate.accounts[2].iam.groups[0].inlinePolicies[0].document: is required",
    ],
  ])("refuses %s with a message naming the path", (_what, mutate, message) => {
    expect(problemOf(broken(mutate)).message).toContain(message);
  });

  it("loads an estate saved before the regional audit data existed, with AWS's defaults", () => {
    const older = broken((json) => {
      for (const account of json.accounts as { regions: Record<string, Record<string, unknown>> }[]) {
        for (const region of Object.values(account.regions)) {
          delete region.ebsEncryptionByDefault;
          delete region.flowLogs;
          delete region.dbSnapshots;
          for (const s of region.snapshots as Record<string, unknown>[]) delete s.isPublic;
        }
      }
    });
    const loaded = loadEstate(older);
    const east = loaded.accounts[4]?.regions["us-east-1"];
    expect(east?.flowLogs).toEqual([]);
    expect(east?.dbSnapshots).toEqual([]);
    // Absent means off, as in AWS.
    expect(east?.ebsEncryptionByDefault).toBeUndefined();
  });

  it("names the path of a bad flow log, DB snapshot or encryption-by-default setting", () => {
    const badFlowLog = problemOf(
      broken((json) => {
        const regions = (
          json.accounts as { regions: Record<string, { flowLogs: { createdAt: unknown }[] }> }[]
        )[2]?.regions;
        const log = regions?.["us-east-1"]?.flowLogs[0];
        if (log) log.createdAt = "yesterday";
      }),
    );
    expect(badFlowLog.message).toContain('accounts[2].regions["us-east-1"].flowLogs[0].createdAt');
    const badSnapshot = problemOf(
      broken((json) => {
        const regions = (
          json.accounts as { regions: Record<string, { dbSnapshots: { isPublic: unknown }[] }> }[]
        )[3]?.regions;
        const snapshot = regions?.["us-east-1"]?.dbSnapshots[0];
        if (snapshot) snapshot.isPublic = "yes";
      }),
    );
    expect(badSnapshot.message).toContain('accounts[3].regions["us-east-1"].dbSnapshots[0].isPublic');
    const badSetting = problemOf(
      broken((json) => {
        const regions = (json.accounts as { regions: Record<string, Record<string, unknown>> }[])[1]?.regions;
        const east = regions?.["us-east-1"];
        if (east) east.ebsEncryptionByDefault = "no";
      }),
    );
    expect(badSetting.message).toContain('accounts[1].regions["us-east-1"].ebsEncryptionByDefault');
  });

  it("names the path of a bad timestamp", () => {
    const e = problemOf(
      broken((json) => {
        const accounts = json.accounts as {
          regions: Record<string, { instances: { launchedAt: string }[] }>;
        }[];
        const instance = accounts[2]?.regions["us-east-1"]?.instances[3];
        if (instance) instance.launchedAt = "yesterday";
      }),
    );
    expect(e.message).toBe(
      'estate.accounts[2].regions["us-east-1"].instances[3].launchedAt: expected an ISO timestamp, got "yesterday"',
    );
    expect(e.keyPath).toBe('estate.accounts[2].regions["us-east-1"].instances[3].launchedAt');
    expect(e.code).toBe("EstateInvalid");
  });

  it.each([
    [
      "a wrong version",
      (j: Record<string, unknown>) => (j.version = 2),
      "estate.version: unsupported version 2",
    ],
    ["a missing company", (j: Record<string, unknown>) => delete j.company, "estate.company: is required"],
    [
      "a bad account id",
      (j: Record<string, unknown>) => ((j.accounts as { id: string }[])[1]!.id = "12"),
      "estate.accounts[1].id: expected a 12-digit account id",
    ],
    [
      "a duplicate profile",
      (j: Record<string, unknown>) =>
        ((j.accounts as { profiles: { name: string }[] }[])[1]!.profiles[0]!.name = "demo-mgmt"),
      'estate.accounts[1].profiles[0].name: duplicate profile "demo-mgmt"',
    ],
    [
      "non-string tags",
      (j: Record<string, unknown>) =>
        ((j.accounts as { buckets: { tags: unknown }[] }[])[0]!.buckets[0]!.tags = { Owner: 7 }),
      "estate.accounts[0].buckets[0].tags.Owner: expected a string tag value, got 7",
    ],
  ])("refuses %s with a message naming the path", (_what, mutate, message) => {
    expect(problemOf(broken(mutate)).message).toContain(message);
  });

  it("refuses things that are not estates at all", () => {
    expect(problemOf(null).message).toBe("estate: expected an object, got null");
    expect(problemOf([1, 2]).message).toBe("estate: expected an object, got an array");
  });
});

describe("listEstateResources", () => {
  const prod = estate.accounts[4];
  const eu = prod?.regions["eu-west-1"];
  const ids = (resources: readonly EstateResource[], key: string) =>
    resources.filter((r) => `${r.service}/${r.type}` === key).map((r) => r.id);

  it("lists every inventory-visible resource of the regions asked, each once", () => {
    const resources = listEstateResources(estate, "555555555555", ["eu-west-1"]);
    const keys = resources.map((r) => `${r.service}/${r.type}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(ids(resources, "ec2/instance").sort()).toEqual(eu?.instances.map((i) => i.id).sort());
    expect(ids(resources, "ebs/volume")).toHaveLength(eu?.volumes.length ?? -1);
    expect(ids(resources, "ebs/snapshot")).toHaveLength(eu?.snapshots.length ?? -1);
    expect(ids(resources, "ec2/elastic-ip")).toEqual(eu?.addresses.map((a) => a.allocationId));
    expect(ids(resources, "rds/db-instance")).toEqual(["prod-insights-eu-pg"]);
    expect(ids(resources, "lambda/function")).toEqual(["prod-insights-cache-warmer"]);
    expect(ids(resources, "vpc/vpc")).toHaveLength(1);
    expect(ids(resources, "vpc/subnet")).toHaveLength(6);
    // Main, public and private route tables; the default ACL; IGW and NAT gateway.
    expect(ids(resources, "vpc/route-table")).toHaveLength(3);
    expect(ids(resources, "vpc/network-acl")).toHaveLength(1);
    expect(ids(resources, "vpc/internet-gateway")).toHaveLength(1);
    expect(ids(resources, "vpc/nat-gateway")).toHaveLength(1);
    expect(ids(resources, "vpc/security-group")).toContain(
      eu?.securityGroups.find((g) => g.name === "default")?.id,
    );
    expect(ids(resources, "vpc/network-interface")).toHaveLength(eu?.networkInterfaces.length ?? -1);
    expect(ids(resources, "elb/load-balancer")).toEqual(eu?.loadBalancers.map((lb) => lb.arn));
    expect(ids(resources, "elb/target-group")).toEqual(eu?.targetGroups.map((tg) => tg.arn));
    expect(ids(resources, "kms/key")).toEqual(eu?.kmsKeys.map((k) => k.id));
    expect(ids(resources, "s3/bucket")).toEqual(["northwind-prod-eu-insights"]);
    expect(resources.find((r) => r.type === "volume")).toEqual({
      service: "ebs",
      type: "volume",
      id: expect.stringMatching(/^vol-/),
      region: "eu-west-1",
    });
  });

  it("names classic load balancers by name, v2 ones by ARN, images, clusters and trails", () => {
    const east = listEstateResources(estate, "555555555555", ["us-east-1"]);
    expect(ids(east, "elb/load-balancer")).toEqual(
      expect.arrayContaining([
        "prod-legacy-reports-elb",
        expect.stringMatching(/^arn:aws:elasticloadbalancing:/),
      ]),
    );
    expect(ids(east, "rds/db-cluster")).toEqual(["prod-analytics-aurora"]);
    expect(ids(east, "rds/db-instance")).toEqual(
      expect.arrayContaining(["prod-analytics-aurora-1", "prod-analytics-aurora-2"]),
    );
    expect(ids(east, "ec2/image")).toHaveLength(3);
    expect(ids(east, "cloudtrail/trail")).toEqual([
      "arn:aws:cloudtrail:us-east-1:555555555555:trail/northwind-prod-trail",
    ]);
  });

  it("lists the account's IAM users, roles and customer managed policies once, in region global", () => {
    const resources = listEstateResources(estate, "555555555555", ["eu-west-1", "us-west-2"]);
    const global = resources.filter((r) => r.region === "global");
    expect(ids(global, "iam/user").sort()).toEqual(prod?.iam.users.map((u) => u.userName).sort());
    expect(ids(global, "iam/role").sort()).toEqual(prod?.iam.roles.map((r) => r.roleName).sort());
    expect(ids(global, "iam/policy")).toEqual(
      expect.arrayContaining([
        "arn:aws:iam::555555555555:policy/northwind/NorthwindRequireTags",
        "arn:aws:iam::555555555555:policy/ci-deployer-deploy",
      ]),
    );
    expect(global).toHaveLength(
      (prod?.iam.users.length ?? 0) + (prod?.iam.roles.length ?? 0) + (prod?.iam.policies.length ?? 0),
    );
  });

  it("is only the global resources in a region without any, and empty for an unknown account", () => {
    expect(listEstateResources(estate, "999999999999", ["us-east-1"])).toEqual([]);
    const none = listEstateResources(estate, "111111111111", ["eu-central-1"]);
    expect(none.length).toBeGreaterThan(0);
    expect(none.every((r) => r.region === "global")).toBe(true);
  });

  it("lists an organization trail under the management account only, in its home region", () => {
    const everywhere = (id: string) =>
      listEstateResources(estate, id, Object.keys(estate.accounts.find((a) => a.id === id)?.regions ?? {}));
    const trails = estate.accounts.flatMap((a) => ids(everywhere(a.id), "cloudtrail/trail"));
    expect(trails.filter((t) => t.endsWith("/northwind-org-trail"))).toEqual([
      "arn:aws:cloudtrail:us-east-1:111111111111:trail/northwind-org-trail",
    ]);
    expect(new Set(trails).size).toBe(estate.accounts.length);
  });
});

describe("expectedResourceCounts", () => {
  it("counts what listEstateResources lists over every account and region of the estate", () => {
    const counts = expectedResourceCounts(estate);
    const listed = estate.accounts.flatMap((a) =>
      listEstateResources(estate, a.id, [
        ...new Set([...Object.keys(a.regions), ...a.buckets.map((b) => b.region)]),
      ]).map((r) => ({ ...r, account: a.id })),
    );
    expect(counts.total).toBe(listed.length);
    const byType: Record<string, number> = {};
    for (const r of listed) byType[`${r.service}/${r.type}`] = (byType[`${r.service}/${r.type}`] ?? 0) + 1;
    expect(counts.byType).toEqual(byType);
    const byCell: Record<string, number> = {};
    for (const r of listed) {
      const cell = `${r.account}/${r.region}/${r.service}/${r.type}`;
      byCell[cell] = (byCell[cell] ?? 0) + 1;
    }
    expect(counts.byCell).toEqual(byCell);
    expect(Object.values(counts.byAccount).reduce((a, b) => a + b, 0)).toBe(counts.total);
    expect(Object.keys(byType).sort()).toEqual(
      [
        "ebs/snapshot",
        "ebs/volume",
        "ec2/elastic-ip",
        "ec2/image",
        "ec2/instance",
        "elb/load-balancer",
        "elb/target-group",
        "iam/policy",
        "iam/role",
        "iam/user",
        "cloudtrail/trail",
        "kms/key",
        "lambda/function",
        "rds/db-cluster",
        "rds/db-instance",
        "s3/bucket",
        "vpc/internet-gateway",
        "vpc/nat-gateway",
        "vpc/network-acl",
        "vpc/network-interface",
        "vpc/route-table",
        "vpc/security-group",
        "vpc/subnet",
        "vpc/vpc",
      ].sort(),
    );
  });
});
