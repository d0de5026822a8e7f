/** Governance: every built-in plan rule and the organisation's own rules, on the real defaults. */
import { describe, expect, it } from "vitest";
import type { Classification, Config } from "../../../src/core/config/schema.js";
import { blastRadius } from "../../../src/core/plans/blast-radius.js";
import { evaluateGovernance, valuesAt } from "../../../src/core/plans/governance.js";
import type { GovernanceResult, PlanStep, ResourceRef } from "../../../src/core/plans/plan.js";
import { ACCOUNT, configWith, DEFAULTS, DEMO, GOOD_TAGS, REGION, step } from "./_plans.js";

interface Govern {
  classification?: Classification;
  allowedRegions?: readonly string[];
  monthlyUsd?: number;
  config?: Config;
}

function govern(steps: PlanStep[], o: Govern = {}): GovernanceResult[] {
  const config = o.config ?? DEFAULTS;
  return evaluateGovernance({
    steps,
    classification: o.classification ?? "development",
    allowedRegions: o.allowedRegions,
    monthlyUsd: o.monthlyUsd ?? 0,
    blastRadius: blastRadius(steps, { account: ACCOUNT, typedCountAbove: config.plans.typedCountAbove }),
    config,
  });
}

const ofRule = (results: GovernanceResult[], rule: string) => results.filter((r) => r.rule === rule);

const created = (type: string, name: string, tags?: Record<string, string>): ResourceRef => ({
  type,
  name,
  change: "create",
  ...(tags !== undefined && { tags }),
});

describe("plan.required-tags (tagging.required of the defaults: Owner, Environment, CostCenter)", () => {
  const tagged = (tags: Record<string, string>, type = "vpc/vpc", change: ResourceRef["change"] = "create") =>
    step("make", { action: "CreateVpc", resources: [{ type, name: "dev-vpc", change, tags }] });

  it("passes when every new resource carries valid required tags", () => {
    const results = ofRule(govern([tagged({ ...GOOD_TAGS })]), "plan.required-tags");
    expect(results).toEqual([
      {
        rule: "plan.required-tags",
        outcome: "pass",
        reason: "all 1 new or tagged resources carry the required tags",
      },
    ]);
  });

  it.each([
    ["a missing tag", { Environment: "development", CostCenter: "CC-1" }, "Owner is missing"],
    [
      "a value not in allowedValues",
      { ...GOOD_TAGS, Environment: "prod" },
      'Environment="prod" is not one of "sandbox", "development", "test", "staging", "production"',
    ],
    [
      "a value that differs from an allowed one only in case",
      { ...GOOD_TAGS, Environment: "Production" },
      'Environment="Production" differs from the allowed value "production" only in case',
    ],
    [
      "a value that breaks the pattern",
      { ...GOOD_TAGS, CostCenter: "1234" },
      'CostCenter="1234" does not match ^CC-[0-9]+$',
    ],
    ["an empty value", { ...GOOD_TAGS, Owner: "  " }, 'Owner="  " is empty'],
  ])("blocks %s, naming the tag, the value and the fix", (_name, tags, problem) => {
    const [result, ...rest] = ofRule(govern([tagged(tags)]), "plan.required-tags");
    expect(rest).toEqual([]);
    expect(result?.outcome).toBe("block");
    expect(result?.stepId).toBe("make");
    expect(result?.reason).toContain("vpc/vpc dev-vpc: ");
    expect(result?.reason).toContain(problem);
    expect(result?.reason).toContain("add them with --set tags.<Key>=<value>");
  });

  it("lists every problem of a resource in one result", () => {
    const [result] = ofRule(govern([tagged({ Environment: "prod" })]), "plan.required-tags");
    expect(result?.reason).toMatch(/Owner is missing; Environment="prod" .*; CostCenter is missing/);
  });

  it("gives one block per resource that breaks the policy, and no pass", () => {
    const two = step("two", {
      resources: [created("vpc/subnet", "a", {}), created("vpc/subnet", "b", { ...GOOD_TAGS })],
    });
    const results = ofRule(govern([two]), "plan.required-tags");
    expect(results.map((r) => [r.outcome, r.reason.split(":")[0]])).toEqual([["block", "vpc/subnet a"]]);
  });

  it("does not look at resources without tags (existing ones a step uses) nor at deleted ones", () => {
    const steps = [
      step("use", { resources: [{ type: "vpc/vpc", id: "vpc-1", name: "old", change: "modify" }] }),
      tagged({}, "vpc/vpc", "delete"),
    ];
    expect(ofRule(govern(steps), "plan.required-tags")).toEqual([]);
  });

  it("holds a tagged existing resource (a tag plan's modify) to the tags the step sets, and only those", () => {
    const tagStep = (tags: Record<string, string>, set: Record<string, string>) =>
      step("tag", {
        action: "CreateTags",
        params: { Resources: ["i-1"], Tags: Object.entries(set).map(([Key, Value]) => ({ Key, Value })) },
        resources: [
          { type: "ec2/instance", id: "i-1", name: "web-1", change: "modify", tags: { ...tags, ...set } },
        ],
      });
    // Setting Owner on an instance that lacks Environment: the plan improves it, and passes.
    const owner = ofRule(govern([tagStep({}, { Owner: "platform-team" })]), "plan.required-tags");
    expect(owner.map((r) => r.outcome)).toEqual(["pass"]);
    // Setting an Environment value the policy does not allow blocks.
    const bad = ofRule(govern([tagStep({}, { Environment: "prod" })]), "plan.required-tags");
    expect(bad[0]?.outcome).toBe("block");
    expect(bad[0]?.reason).toContain('ec2/instance web-1: Environment="prod" is not one of');
  });

  describe("appliesTo and when", () => {
    const config = configWith({
      tagging: {
        required: [
          { key: "Backup", appliesTo: ["ec2:instance"] },
          { key: "Network", appliesTo: ["vpc"] },
          { key: "DataClass", when: { tag: "Environment", equals: "production" } },
        ],
      },
    });
    const only = (type: string, tags: Record<string, string>) =>
      ofRule(govern([tagged({ ...GOOD_TAGS, ...tags }, type)], { config }), "plan.required-tags");

    it.each([
      ["ec2/instance", {}, "Backup is missing"],
      ["vpc/subnet", {}, "Network is missing"], // appliesTo names the whole vpc service
      ["vpc/vpc", { Network: "core", Environment: "production" }, "DataClass is missing"],
    ])("a rule that applies to %s %j blocks: %s", (type, tags, problem) => {
      const [result] = only(type, tags);
      expect(result?.outcome).toBe("block");
      expect(result?.reason).toContain(problem);
    });

    it.each([
      ["s3/bucket", {}], // neither ec2:instance nor the vpc service
      ["vpc/vpc", { Network: "core" }], // Environment is development: DataClass is not required
      ["ec2/instance", { Backup: "daily" }],
    ])("a rule that does not apply to %s %j is not asked for", (type, tags) => {
      expect(only(type, tags).map((r) => r.outcome)).toEqual(["pass"]);
    });

    it("the when rule's own value is still checked against the rule once it applies", () => {
      const [result] = only("vpc/vpc", { Network: "core", Environment: "production", DataClass: "" });
      expect(result?.reason).toContain('DataClass="" is empty');
    });
  });
});

describe("plan.required-tags with the demo organisation's policy (config/demo.yaml)", () => {
  const PROD = { Owner: "data-team", Environment: "production", CostCenter: "CC-1234" };
  const outcome = (type: string, tags: Record<string, string>) =>
    ofRule(
      govern([step("make", { resources: [{ type, name: "x", change: "create", tags }] })], { config: DEMO }),
      "plan.required-tags",
    ).map((r) => [r.outcome, r.reason]);

  it.each<[string, Record<string, string>, string | undefined]>([
    ["s3/bucket", PROD, "DataClassification is missing"],
    ["ebs/volume", PROD, "DataClassification is missing"],
    ["rds/db-instance", PROD, "DataClassification is missing"],
    ["s3/bucket", { ...PROD, DataClassification: "secret" }, 'DataClassification="secret" is not one of'],
    ["s3/bucket", { ...PROD, DataClassification: "internal" }, undefined],
    ["vpc/vpc", PROD, undefined], // not a data store
    ["s3/bucket", { ...PROD, Environment: "development" }, undefined], // not production
    ["vpc/vpc", { ...PROD, CostCenter: "CC-1" }, 'CostCenter="CC-1" does not match ^CC-[0-9]{4}$'],
    ["vpc/vpc", { ...PROD, Environment: "test" }, 'Environment="test" is not one of'],
  ])("%s %j: %s", (type, tags, problem) => {
    const [result] = outcome(type, tags);
    if (problem === undefined) expect(result?.[0]).toBe("pass");
    else {
      expect(result?.[0]).toBe("block");
      expect(result?.[1]).toContain(problem);
    }
  });
});

describe("plan.open-admin-ports", () => {
  const ingress = (permissions: Record<string, unknown>[]) =>
    step("open", {
      action: "AuthorizeSecurityGroupIngress",
      params: { GroupId: "sg-1", IpPermissions: permissions },
    });
  const tcp = (port: number, cidr: string, toPort = port) =>
    cidr.includes(":")
      ? { IpProtocol: "tcp", FromPort: port, ToPort: toPort, Ipv6Ranges: [{ CidrIpv6: cidr }] }
      : { IpProtocol: "tcp", FromPort: port, ToPort: toPort, IpRanges: [{ CidrIp: cidr }] };

  it.each([
    [22, "0.0.0.0/0", "SSH (22)"],
    [22, "::/0", "SSH (22)"],
    [3389, "0.0.0.0/0", "RDP (3389)"],
    [3389, "::/0", "RDP (3389)"],
    [5432, "0.0.0.0/0", "PostgreSQL (5432)"],
    [5432, "::/0", "PostgreSQL (5432)"],
  ])("blocks port %i from %s, naming the CIDR, the port and the fix", (port, cidr, named) => {
    const results = ofRule(govern([ingress([tcp(port, cidr)])]), "plan.open-admin-ports");
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ outcome: "block", stepId: "open" });
    expect(results[0]?.reason).toContain(`${cidr} may reach ${named}`);
    expect(results[0]?.reason).toContain("allow a narrower CIDR or use SSM Session Manager");
  });

  it.each([["0.0.0.0/0"], ["::/0"]])(
    "warns on 443 from %s (open to the internet, not an admin port)",
    (cidr) => {
      expect(ofRule(govern([ingress([tcp(443, cidr)])]), "plan.open-admin-ports")).toEqual([
        {
          rule: "plan.open-admin-ports",
          outcome: "warn",
          stepId: "open",
          reason: `${cidr} may reach port 443: open to the whole internet; make sure that is intended`,
        },
      ]);
    },
  );

  it("warns on a port range with no admin port in it, naming the range", () => {
    const [result] = ofRule(govern([ingress([tcp(8000, "0.0.0.0/0", 8100)])]), "plan.open-admin-ports");
    expect(result?.outcome).toBe("warn");
    expect(result?.reason).toContain("ports 8000-8100");
  });

  it("blocks a range that contains an admin port, and every protocol (-1) from the world", () => {
    const results = ofRule(
      govern([
        ingress([tcp(20, "0.0.0.0/0", 25), { IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }]),
      ]),
      "plan.open-admin-ports",
    );
    expect(results.map((r) => r.outcome)).toEqual(["block", "block"]);
    expect(results[0]?.reason).toContain("FTP data (20), FTP (21), SSH (22), Telnet (23)");
    expect(results[1]?.reason).toMatch(/…: remote administration/);
  });

  it.each([["10.0.0.0/8"], ["192.168.1.0/24"], ["2001:db8::/32"]])(
    "passes SSH from the private range %s",
    (cidr) => {
      expect(ofRule(govern([ingress([tcp(22, cidr)])]), "plan.open-admin-ports")).toEqual([
        {
          rule: "plan.open-admin-ports",
          outcome: "pass",
          reason: "no ingress rule opens a port to the internet",
        },
      ]);
    },
  );

  it("judges each range of a permission: a private one passes, the world one blocks", () => {
    const both = {
      IpProtocol: "tcp",
      FromPort: 22,
      ToPort: 22,
      IpRanges: [{ CidrIp: "10.0.0.0/8" }, { CidrIp: "0.0.0.0/0" }],
    };
    const results = ofRule(govern([ingress([both])]), "plan.open-admin-ports");
    expect(results.map((r) => r.outcome)).toEqual(["block"]);
  });

  it.each<[string, Record<string, unknown>, GovernanceResult["outcome"]]>([
    ["SSH from the world", { IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "0.0.0.0/0" }, "block"],
    ["HTTPS from the world", { IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "0.0.0.0/0" }, "warn"],
    ["every protocol from the world", { IpProtocol: "-1", CidrIp: "0.0.0.0/0" }, "block"],
    [
      "SSH from a private range",
      { IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "10.0.0.0/8" },
      "pass",
    ],
  ])("judges the call's single top-level rule too (%s)", (_name, rule, outcome) => {
    const s = step("open", { action: "AuthorizeSecurityGroupIngress", params: { GroupId: "sg-1", ...rule } });
    expect(ofRule(govern([s]), "plan.open-admin-ports").map((r) => r.outcome)).toEqual([outcome]);
  });

  it("says nothing about a plan without ingress rules", () => {
    expect(ofRule(govern([step("vpc", { action: "CreateVpc" })]), "plan.open-admin-ports")).toEqual([]);
  });
});

describe("plan.storage-encrypted", () => {
  const volume = (params: Record<string, unknown>) => step("vol", { action: "CreateVolume", params });
  const launch = (mappings: unknown[]) =>
    step("run", {
      action: "RunInstances",
      params: { InstanceType: "t3.micro", BlockDeviceMappings: mappings },
    });

  it.each([
    ["an encrypted volume", volume({ Size: 10, Encrypted: true })],
    [
      "an instance whose every volume is encrypted",
      launch([{ DeviceName: "/dev/xvda", Ebs: { Encrypted: true } }]),
    ],
    ["a new bucket (S3 encrypts every new bucket)", step("b", { service: "s3", action: "CreateBucket" })],
  ])("passes %s", (_name, s) => {
    expect(ofRule(govern([s]), "plan.storage-encrypted")).toEqual([
      { rule: "plan.storage-encrypted", outcome: "pass", reason: "all new storage is encrypted" },
    ]);
  });

  it.each([
    ["a volume with Encrypted false", volume({ Size: 10, Encrypted: false })],
    ["a volume that does not say Encrypted", volume({ Size: 10 })],
    [
      "an instance with one unencrypted volume",
      launch([{ Ebs: { Encrypted: true } }, { DeviceName: "/dev/sdf", Ebs: { VolumeSize: 100 } }]),
    ],
  ])("blocks %s, with the fix", (_name, s) => {
    expect(ofRule(govern([s]), "plan.storage-encrypted")).toEqual([
      {
        rule: "plan.storage-encrypted",
        outcome: "block",
        stepId: s.id,
        reason: "an EBS volume would be created unencrypted; set Encrypted: true",
      },
    ]);
  });

  it("blocks a step that removes a bucket's default encryption", () => {
    const s = step("off", { service: "s3", action: "DeleteBucketEncryption", params: { Bucket: "b" } });
    expect(ofRule(govern([s]), "plan.storage-encrypted")).toEqual([
      {
        rule: "plan.storage-encrypted",
        outcome: "block",
        stepId: "off",
        reason: "the step removes a bucket's default encryption",
      },
    ]);
  });

  it("says nothing about a plan that creates no storage", () => {
    expect(ofRule(govern([step("vpc", { action: "CreateVpc" })]), "plan.storage-encrypted")).toEqual([]);
  });
});

describe("plan.allowed-regions", () => {
  const steps = [step("a", { region: "eu-west-1" }), step("b", { region: "us-east-1" })];

  it("passes when the profile does not restrict regions", () => {
    expect(ofRule(govern(steps), "plan.allowed-regions")).toEqual([
      { rule: "plan.allowed-regions", outcome: "pass", reason: "the profile does not restrict regions" },
    ]);
  });

  it("passes when every step is in one of the profile's regions", () => {
    const results = ofRule(
      govern(steps, { allowedRegions: ["us-east-1", "eu-west-1"] }),
      "plan.allowed-regions",
    );
    expect(results).toEqual([
      { rule: "plan.allowed-regions", outcome: "pass", reason: "every step is in us-east-1, eu-west-1" },
    ]);
  });

  it("blocks each step outside them, naming its region and the allowed ones", () => {
    expect(ofRule(govern(steps, { allowedRegions: ["eu-west-1"] }), "plan.allowed-regions")).toEqual([
      {
        rule: "plan.allowed-regions",
        outcome: "block",
        stepId: "b",
        reason: "us-east-1 is not one of the profile's regions (eu-west-1)",
      },
    ]);
  });

  it("blocks every step when the profile allows no region at all", () => {
    const results = ofRule(govern(steps, { allowedRegions: [] }), "plan.allowed-regions");
    expect(results.map((r) => [r.outcome, r.stepId])).toEqual([
      ["block", "a"],
      ["block", "b"],
    ]);
  });
});

describe("plan.instance-types", () => {
  const config = configWith({ plans: { instanceTypes: { development: ["t3.*", "m7g.large"] } } });
  const launch = (type: string) =>
    step(`run-${type.replace(".", "-")}`, { action: "RunInstances", params: { InstanceType: type } });

  it.each([["t3.micro"], ["T3.Large"], ["m7g.large"]])("passes %s, allowed in development", (type) => {
    expect(ofRule(govern([launch(type)], { config }), "plan.instance-types")).toEqual([
      { rule: "plan.instance-types", outcome: "pass", reason: "instance types allowed in development" },
    ]);
  });

  it.each([["m5.large"], ["m7g.xlarge"], ["t3"]])("blocks %s, naming it and the allowed globs", (type) => {
    expect(ofRule(govern([launch(type)], { config }), "plan.instance-types")).toEqual([
      {
        rule: "plan.instance-types",
        outcome: "block",
        stepId: launch(type).id,
        reason: `instance type ${type} is not allowed in development (plans.instanceTypes: t3.*, m7g.large)`,
      },
    ]);
  });

  it("passes any type in an environment the configuration does not list", () => {
    expect(
      ofRule(govern([launch("p5.48xlarge")], { config, classification: "sandbox" }), "plan.instance-types"),
    ).toEqual([{ rule: "plan.instance-types", outcome: "pass", reason: "sandbox allows any instance type" }]);
  });

  it("says nothing about a plan that launches no instance", () => {
    expect(ofRule(govern([step("vpc", { action: "CreateVpc" })], { config }), "plan.instance-types")).toEqual(
      [],
    );
  });
});

describe("plan.cost-limit", () => {
  const config = configWith({ plans: { monthlyCostLimitUsd: { development: 50 } } });
  const steps = [step("a")];

  it.each([[0], [49.99], [50]])(
    "passes $%d/month, within development's $50 (the limit itself included)",
    (usd) => {
      const [result] = ofRule(govern(steps, { config, monthlyUsd: usd }), "plan.cost-limit");
      expect(result).toEqual({
        rule: "plan.cost-limit",
        outcome: "pass",
        reason: `$${usd.toFixed(2)}/month is within development's $50/month`,
      });
    },
  );

  it("blocks a plan over the limit, naming both figures and the setting", () => {
    expect(ofRule(govern(steps, { config, monthlyUsd: 50.01 }), "plan.cost-limit")).toEqual([
      {
        rule: "plan.cost-limit",
        outcome: "block",
        reason:
          "the plan adds about $50.01/month, over development's limit of $50/month (plans.monthlyCostLimitUsd)",
      },
    ]);
  });

  it("says nothing where no limit is configured (the defaults set none)", () => {
    expect(ofRule(govern(steps, { monthlyUsd: 10_000 }), "plan.cost-limit")).toEqual([]);
    expect(
      ofRule(govern(steps, { config, classification: "sandbox", monthlyUsd: 10_000 }), "plan.cost-limit"),
    ).toEqual([]);
  });
});

describe("plan.naming", () => {
  const config = configWith({
    plans: { naming: [{ type: "vpc/vpc", pattern: "^[a-z]+-vpc$", description: "<team>-vpc, lower case" }] },
  });
  const vpcNamed = (name: string, change: ResourceRef["change"] = "create") =>
    step("vpc", { action: "CreateVpc", resources: [{ type: "vpc/vpc", name, change }] });

  it("passes a new resource whose name follows the convention", () => {
    expect(ofRule(govern([vpcNamed("data-vpc")], { config }), "plan.naming")).toEqual([
      { rule: "plan.naming", outcome: "pass", reason: "new resources follow the naming conventions" },
    ]);
  });

  it("blocks a name that breaks it, naming the name, the pattern and the convention", () => {
    expect(ofRule(govern([vpcNamed("DataVPC")], { config }), "plan.naming")).toEqual([
      {
        rule: "plan.naming",
        outcome: "block",
        stepId: "vpc",
        reason: 'vpc/vpc name "DataVPC" does not match ^[a-z]+-vpc$ (<team>-vpc, lower case)',
      },
    ]);
  });

  it("leaves out the description when the convention has none", () => {
    const bare = configWith({ plans: { naming: [{ type: "vpc/vpc", pattern: "^x" }] } });
    expect(ofRule(govern([vpcNamed("y")], { config: bare }), "plan.naming")[0]?.reason).toBe(
      'vpc/vpc name "y" does not match ^x',
    );
  });

  it("looks only at created resources of the convention's type", () => {
    const steps = [
      vpcNamed("Legacy", "modify"),
      step("subnet", { resources: [{ type: "vpc/subnet", name: "Whatever", change: "create" }] }),
    ];
    expect(ofRule(govern(steps, { config }), "plan.naming")).toEqual([]);
  });
});

describe("plan.max-resources (plans.maxResources)", () => {
  const config = configWith({ plans: { maxResources: 2 } });
  const deleting = (n: number) =>
    step("delete", {
      action: "DeleteVolume",
      resources: Array.from({ length: n }, (_, i) => ({
        type: "ebs/volume",
        id: `vol-${i}`,
        name: `vol-${i}`,
        change: "delete" as const,
      })),
    });

  it("passes a destructive plan within the limit (the limit itself included)", () => {
    expect(ofRule(govern([deleting(2)], { config }), "plan.max-resources")).toEqual([
      { rule: "plan.max-resources", outcome: "pass", reason: "2 resources, within plans.maxResources (2)" },
    ]);
  });

  it("blocks a destructive plan over it, naming the limit, the count and the fix", () => {
    expect(ofRule(govern([deleting(3)], { config }), "plan.max-resources")).toEqual([
      {
        rule: "plan.max-resources",
        outcome: "block",
        reason:
          "a destructive plan may touch at most 2 resources (plans.maxResources); this one touches 3: split it",
      },
    ]);
  });

  it("says nothing about a plan that deletes nothing, however large", () => {
    const many = step("tag", {
      action: "CreateTags",
      resources: Array.from({ length: 5 }, (_, i) => ({
        type: "ebs/volume",
        id: `vol-${i}`,
        name: `v${i}`,
        change: "modify" as const,
      })),
    });
    expect(ofRule(govern([many], { config }), "plan.max-resources")).toEqual([]);
  });

  it("uses the default limit of 100", () => {
    expect(DEFAULTS.plans.maxResources).toBe(100);
    expect(ofRule(govern([deleting(101)]), "plan.max-resources")[0]?.outcome).toBe("block");
    expect(ofRule(govern([deleting(100)]), "plan.max-resources")[0]?.outcome).toBe("pass");
  });
});

describe("valuesAt", () => {
  const params = {
    CidrBlock: "10.0.0.0/16",
    IpPermissions: [
      { FromPort: 22, IpRanges: [{ CidrIp: "10.0.0.0/8" }, { CidrIp: "0.0.0.0/0" }] },
      { FromPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
    ],
    Tags: { Owner: "a", Team: "b" },
  };

  it.each<[string, unknown[]]>([
    ["CidrBlock", ["10.0.0.0/16"]],
    ["IpPermissions.0.FromPort", [22]],
    ["IpPermissions.*.FromPort", [22, 443]],
    ["IpPermissions.*.IpRanges.*.CidrIp", ["10.0.0.0/8", "0.0.0.0/0", "0.0.0.0/0"]],
    ["Tags.*", ["a", "b"]],
    ["Missing", []],
    ["CidrBlock.deeper", []],
    ["IpPermissions.5.FromPort", []],
  ])("%s → %j", (path, expected) => {
    expect(valuesAt(params, path)).toEqual(expected);
  });
});

describe("the organisation's own rules (plans.rules)", () => {
  type Rule = Config["plans"]["rules"][number];
  const rule = (over: Partial<Rule>): Rule => ({
    id: "org.test",
    description: "VPCs use 10.0.0.0/8",
    effect: "block",
    select: { action: "ec2:CreateVpc" },
    conditions: [{ path: "CidrBlock", matches: "^10\\." }],
    ...over,
  });
  const run = (r: Rule, steps: PlanStep[], classification: Classification = "development") =>
    ofRule(govern(steps, { config: configWith({ plans: { rules: [r] } }), classification }), r.id);
  const vpc = (params: Record<string, unknown>, id = "vpc") => step(id, { action: "CreateVpc", params });

  it("passes a selected step that meets every condition, with the rule's description", () => {
    expect(run(rule({}), [vpc({ CidrBlock: "10.1.0.0/16" })])).toEqual([
      { rule: "org.test", outcome: "pass", reason: "VPCs use 10.0.0.0/8" },
    ]);
  });

  it("blocks a selected step that breaks a condition, saying which", () => {
    expect(run(rule({}), [vpc({ CidrBlock: "172.16.0.0/16" })])).toEqual([
      {
        rule: "org.test",
        outcome: "block",
        stepId: "vpc",
        reason: "VPCs use 10.0.0.0/8 (CidrBlock must match ^10\\.)",
      },
    ]);
  });

  it("warns instead when the rule's effect is warn", () => {
    expect(run(rule({ effect: "warn" }), [vpc({ CidrBlock: "172.16.0.0/16" })])[0]?.outcome).toBe("warn");
  });

  it("selects steps by a glob on service:Action (case-insensitive), and only those", () => {
    const steps = [
      vpc({ CidrBlock: "172.16.0.0/16" }),
      step("subnet", { action: "CreateSubnet", params: { CidrBlock: "172.16.1.0/24" } }),
      step("delete", { action: "DeleteVpc", params: { VpcId: "vpc-1" } }),
      step("bucket", { service: "s3", action: "CreateBucket", params: { Bucket: "b" } }),
    ];
    expect(run(rule({ select: { action: "EC2:create*" } }), steps).map((r) => r.stepId)).toEqual([
      "vpc",
      "subnet",
    ]);
  });

  it("selects every step when select names no action", () => {
    const steps = [vpc({ CidrBlock: "172.16.0.0/16" }), step("other", { action: "DeleteVpc", params: {} })];
    expect(run(rule({ select: {} }), steps).map((r) => r.stepId)).toEqual(["vpc", "other"]);
  });

  it("applies only in its classifications", () => {
    const r = rule({ select: { action: "ec2:CreateVpc", classifications: ["production", "staging"] } });
    const steps = [vpc({ CidrBlock: "172.16.0.0/16" })];
    expect(run(r, steps, "development")).toEqual([]);
    expect(run(r, steps, "production")[0]?.outcome).toBe("block");
  });

  it("says nothing when it selects no step", () => {
    expect(run(rule({}), [step("subnet", { action: "CreateSubnet", params: {} })])).toEqual([]);
  });

  type Condition = Rule["conditions"][number];
  it.each<[string, Condition, Record<string, unknown>, boolean, string]>([
    [
      "equals a string",
      { path: "InstanceTenancy", equals: "default" },
      { InstanceTenancy: "default" },
      true,
      "",
    ],
    [
      "equals a string (broken)",
      { path: "InstanceTenancy", equals: "default" },
      { InstanceTenancy: "dedicated" },
      false,
      "InstanceTenancy must be default",
    ],
    [
      "equals a boolean",
      { path: "AmazonProvidedIpv6CidrBlock", equals: false },
      { AmazonProvidedIpv6CidrBlock: false },
      true,
      "",
    ],
    ["equals compares as text", { path: "Size", equals: "8" }, { Size: 8 }, true, ""],
    [
      "equals: a missing value breaks it",
      { path: "InstanceTenancy", equals: "default" },
      {},
      false,
      "InstanceTenancy must be default",
    ],
    [
      "notEquals",
      { path: "InstanceTenancy", notEquals: "dedicated" },
      { InstanceTenancy: "default" },
      true,
      "",
    ],
    [
      "notEquals (broken)",
      { path: "InstanceTenancy", notEquals: "dedicated" },
      { InstanceTenancy: "dedicated" },
      false,
      "InstanceTenancy must not be dedicated",
    ],
    ["matches", { path: "CidrBlock", matches: "/16$" }, { CidrBlock: "10.0.0.0/16" }, true, ""],
    [
      "matches (broken)",
      { path: "CidrBlock", matches: "/16$" },
      { CidrBlock: "10.0.0.0/20" },
      false,
      "CidrBlock must match /16$",
    ],
    ["in", { path: "Region", in: ["eu-west-1", "eu-central-1"] }, { Region: "eu-west-1" }, true, ""],
    [
      "in (broken)",
      { path: "Region", in: ["eu-west-1", "eu-central-1"] },
      { Region: "us-east-1" },
      false,
      "Region must be one of eu-west-1, eu-central-1",
    ],
    ["exists true", { path: "Ipv4IpamPoolId", exists: true }, { Ipv4IpamPoolId: "ipam-pool-1" }, true, ""],
    [
      "exists true (broken)",
      { path: "Ipv4IpamPoolId", exists: true },
      {},
      false,
      "Ipv4IpamPoolId must be set",
    ],
    ["exists false", { path: "Ipv6Pool", exists: false }, {}, true, ""],
    [
      "exists false (broken)",
      { path: "Ipv6Pool", exists: false },
      { Ipv6Pool: "p" },
      false,
      "Ipv6Pool must not be set",
    ],
    [
      "a * path: every value must meet it",
      { path: "IpPermissions.*.IpRanges.*.CidrIp", notEquals: "0.0.0.0/0" },
      {
        IpPermissions: [
          { IpRanges: [{ CidrIp: "10.0.0.0/8" }] },
          { IpRanges: [{ CidrIp: "192.168.0.0/16" }] },
        ],
      },
      true,
      "",
    ],
    [
      "a * path: one value that breaks it is enough",
      { path: "IpPermissions.*.IpRanges.*.CidrIp", notEquals: "0.0.0.0/0" },
      { IpPermissions: [{ IpRanges: [{ CidrIp: "10.0.0.0/8" }] }, { IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] },
      false,
      "IpPermissions.*.IpRanges.*.CidrIp must not be 0.0.0.0/0",
    ],
  ])("condition %s", (_name, condition, params, holds, described) => {
    const [result] = run(rule({ select: {}, conditions: [condition] }), [
      step("s", { action: "CreateVpc", params }),
    ]);
    if (holds) expect(result?.outcome).toBe("pass");
    else {
      expect(result?.outcome).toBe("block");
      expect(result?.reason).toBe(`VPCs use 10.0.0.0/8 (${described})`);
    }
  });

  it("names every broken condition of a step", () => {
    const r = rule({
      conditions: [
        { path: "CidrBlock", matches: "^10\\." },
        { path: "InstanceTenancy", equals: "default" },
        { path: "Ipv4IpamPoolId", exists: true },
      ],
    });
    const [result] = run(r, [vpc({ CidrBlock: "172.16.0.0/16", InstanceTenancy: "default" })]);
    expect(result?.reason).toBe(
      "VPCs use 10.0.0.0/8 (CidrBlock must match ^10\\.; Ipv4IpamPoolId must be set)",
    );
  });

  it("runs after the built-in rules, and a rule's results carry its own id", () => {
    const results = govern([vpc({ CidrBlock: "172.16.0.0/16" })], {
      config: configWith({ plans: { rules: [rule({})] } }),
      allowedRegions: [REGION],
    });
    expect(results.at(-1)?.rule).toBe("org.test");
    expect(results.map((r) => r.rule)).toContain("plan.allowed-regions");
  });
});
