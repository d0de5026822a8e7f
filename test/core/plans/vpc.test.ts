/** The vpc blueprint: CIDR choice and checks, subnets, NAT layouts, costs, tags, lookups, references. */
import { describe, expect, it } from "vitest";
import { natGatewayMonthly, publicIpv4Monthly } from "../../../src/core/cost/pricing.js";
import { UsageError } from "../../../src/core/errors.js";
import { cidrContains, parseCidr, type CidrBlock } from "../../../src/core/net/cidr.js";
import {
  resolveParams,
  resourceTags,
  stepTagFilters,
  type Draft,
} from "../../../src/core/plans/blueprints/blueprint.js";
import {
  defaultVpcCidr,
  VPC_PARAMS,
  vpcBlueprint,
  type VpcFacts,
} from "../../../src/core/plans/blueprints/vpc.js";
import {
  executionOrder,
  PLAN_TAG,
  STEP_TAG,
  stepSchema,
  type PlanStep,
} from "../../../src/core/plans/plan.js";
import { referencedSteps, resolveRefs } from "../../../src/core/plans/refs.js";
import { blueprintContext, GOOD_TAGS, PLAN_ID, REGION, thrown } from "./_plans.js";

const AZS = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
const facts = (over: Partial<VpcFacts> = {}): VpcFacts => ({
  existingCidrs: ["172.31.0.0/16"],
  availabilityZones: AZS,
  vpcCount: 1,
  vpcQuota: 5,
  ...over,
});

/** The blueprint as plan-create runs it: --set values resolved, the default CIDR from the facts. */
function draft(given: Record<string, string> = {}, f: VpcFacts = facts(), region = REGION): Draft {
  const params = resolveParams("vpc", VPC_PARAMS, given, { cidr: defaultVpcCidr(f.existingCidrs) });
  return vpcBlueprint(params, f, blueprintContext({ region }));
}

const byAction = (d: Draft, action: string) => d.steps.filter((s) => s.action === action);
const block = (text: string): CidrBlock => {
  const b = parseCidr(text);
  if (b === undefined) throw new Error(`${text} should parse`);
  return b;
};

describe("defaultVpcCidr", () => {
  it.each<[string[], string]>([
    [[], "10.0.0.0/16"],
    [["172.31.0.0/16"], "10.0.0.0/16"],
    [["10.0.0.0/16", "10.1.0.0/16"], "10.2.0.0/16"],
    [["10.0.128.0/20"], "10.1.0.0/16"], // a smaller block inside 10.0/16 makes it used
    [["10.0.0.0/15", "10.3.0.0/16"], "10.2.0.0/16"], // a /15 covers 10.0 and 10.1
    [["10.0.0.0/16", "2001:db8::/56", "not a cidr"], "10.1.0.0/16"],
  ])("with %j in use picks %s", (existing, expected) => {
    expect(defaultVpcCidr(existing)).toBe(expected);
  });

  it("refuses when every 10.x.0.0/16 is in use, saying to pass a cidr", () => {
    const error = thrown(() => defaultVpcCidr(["10.0.0.0/8"]));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("BlueprintParamMissing");
    expect(error.message).toBe("every 10.x.0.0/16 block is in use in this region");
    expect(error.hint).toContain("--set cidr=");
  });
});

describe("vpcBlueprint: what it refuses", () => {
  it.each([["10.0.0.0/8"], ["10.0.0.0/15"], ["10.0.0.0/25"], ["2001:db8::/56"], ["10.0.0.0"], ["ten"]])(
    "refuses cidr=%s: BlueprintParamInvalid naming it and the range allowed",
    (cidr) => {
      const error = thrown(() => draft({ cidr }));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.code).toBe("BlueprintParamInvalid");
      expect(error.message).toBe(`vpc cidr="${cidr}" is not an IPv4 block from /16 to /24`);
      expect(error.hint).toContain("--set cidr=10.20.0.0/16");
    },
  );

  it.each<[string, string]>([
    ["10.0.64.0/18", "10.0.0.0/16"], // inside a VPC in use
    ["10.0.0.0/16", "10.0.5.0/24"], // around one
    ["10.0.0.0/16", "10.0.0.0/16"], // the same block
  ])("refuses cidr=%s overlapping %s: BlueprintCidrOverlap naming both and a free block", (cidr, used) => {
    const error = thrown(() => draft({ cidr }, facts({ existingCidrs: ["172.31.0.0/16", used] })));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("BlueprintCidrOverlap");
    expect(error.message).toBe(`vpc cidr ${cidr} overlaps ${used}, already used by a VPC in ${REGION}`);
    expect(error.hint).toBe(`Pick a free block, e.g. --set cidr=${defaultVpcCidr(["172.31.0.0/16", used])}.`);
  });

  it("accepts a block next to one in use", () => {
    expect(() => draft({ cidr: "10.1.0.0/16" }, facts({ existingCidrs: ["10.0.0.0/16"] }))).not.toThrow();
  });

  it.each([[5], [6]])("refuses a region with %i VPCs of a quota of 5: BlueprintQuotaReached", (count) => {
    const error = thrown(() => draft({}, facts({ vpcCount: count })));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("BlueprintQuotaReached");
    expect(error.message).toBe(
      `${REGION} already has ${count} VPCs, the quota of 5 per region: AWS would refuse another (VpcLimitExceeded)`,
    );
    expect(error.hint).toContain("Service Quotas");
  });

  it("accepts the last VPC the quota allows", () => {
    expect(() => draft({}, facts({ vpcCount: 4 }))).not.toThrow();
  });

  it("refuses more AZs than the region has available, naming both and the fix", () => {
    const error = thrown(() =>
      draft({ azs: "3" }, facts({ availabilityZones: ["eu-west-1a", "eu-west-1b"] })),
    );
    expect(error.code).toBe("BlueprintParamInvalid");
    expect(error.message).toBe(`${REGION} has 2 availability zones available, fewer than azs=3`);
    expect(error.hint).toBe("Pass --set azs=2 or fewer.");
  });

  it.each<[Record<string, string>, string, string]>([
    [
      { publicSubnets: "0", privateSubnets: "0", nat: "none" },
      "the vpc would have no subnets",
      "--set publicSubnets=1",
    ],
    [
      { publicSubnets: "0", nat: "one" },
      "nat=one needs public subnets (for the gateway) and private subnets (to use it)",
      "--set nat=none",
    ],
    [
      { privateSubnets: "0", nat: "per-az" },
      "nat=per-az needs public subnets (for the gateway) and private subnets (to use it)",
      "--set nat=none",
    ],
    [
      { cidr: "10.0.0.0/24", azs: "3", publicSubnets: "3", privateSubnets: "3", nat: "none" },
      "10.0.0.0/24 has no room for 18 subnets (AWS's smallest subnet is /28)",
      "a larger block",
    ],
  ])("refuses %j: BlueprintParamInvalid, %s", (given, message, fix) => {
    const error = thrown(() => draft(given));
    expect(error.code).toBe("BlueprintParamInvalid");
    expect(error.message).toBe(message);
    expect(error.hint).toContain(fix);
  });
});

describe("vpcBlueprint: subnets", () => {
  it.each<[Record<string, string>, number, number]>([
    [{}, 4, 20],
    [{ azs: "3", publicSubnets: "2", privateSubnets: "2" }, 12, 20],
    [{ cidr: "10.0.0.0/24", azs: "2", publicSubnets: "4", privateSubnets: "4" }, 16, 28],
    [{ cidr: "10.5.0.0/20", azs: "3", publicSubnets: "4", privateSubnets: "4", nat: "per-az" }, 24, 25],
    [{ azs: "1", publicSubnets: "0", privateSubnets: "1", nat: "none" }, 1, 20],
  ])("%j: %i subnets of /%i, inside the VPC and overlapping none", (given, count, prefix) => {
    const d = draft(given);
    const vpc = block(String(byAction(d, "CreateVpc")[0]!.params["CidrBlock"]));
    const subnets = byAction(d, "CreateSubnet").map((s) => block(String(s.params["CidrBlock"])));
    expect(subnets).toHaveLength(count);
    for (const [i, subnet] of subnets.entries()) {
      expect(subnet.prefix).toBe(prefix);
      expect(cidrContains(vpc, subnet)).toBe(true);
      for (const other of subnets.slice(i + 1)) {
        expect(cidrContains(subnet, other) || cidrContains(other, subnet)).toBe(false);
      }
    }
  });

  it("spreads public and private subnets over the first AZs, named after the VPC", () => {
    const d = draft({ name: "data", azs: "2", publicSubnets: "2" });
    expect(
      byAction(d, "CreateSubnet").map((s) => [s.id, s.params["AvailabilityZone"], s.resources[0]?.name]),
    ).toEqual([
      ["subnet-public-a", "eu-west-1a", "data-public-eu-west-1a"],
      ["subnet-public-a-2", "eu-west-1a", "data-public-eu-west-1a-2"],
      ["subnet-public-b", "eu-west-1b", "data-public-eu-west-1b"],
      ["subnet-public-b-2", "eu-west-1b", "data-public-eu-west-1b-2"],
      ["subnet-private-a", "eu-west-1a", "data-private-eu-west-1a"],
      ["subnet-private-b", "eu-west-1b", "data-private-eu-west-1b"],
    ]);
  });

  it("uses the default CIDR the facts leave free", () => {
    const d = draft({}, facts({ existingCidrs: ["10.0.0.0/16"] }));
    expect(byAction(d, "CreateVpc")[0]?.params["CidrBlock"]).toBe("10.1.0.0/16");
    expect(d.goal).toContain("(10.1.0.0/16)");
  });
});

describe("vpcBlueprint: NAT none, one, per-az (2 AZs, 1 public and 1 private subnet each)", () => {
  const nat = natGatewayMonthly(REGION);
  const ip = publicIpv4Monthly(REGION);

  it.each<[string, number, Record<string, number>]>([
    [
      "none",
      14,
      {
        AllocateAddress: 0,
        CreateNatGateway: 0,
        CreateRouteTable: 2,
        CreateRoute: 1,
        AssociateRouteTable: 4,
      },
    ],
    [
      "one",
      17,
      {
        AllocateAddress: 1,
        CreateNatGateway: 1,
        CreateRouteTable: 2,
        CreateRoute: 2,
        AssociateRouteTable: 4,
      },
    ],
    [
      "per-az",
      21,
      {
        AllocateAddress: 2,
        CreateNatGateway: 2,
        CreateRouteTable: 3,
        CreateRoute: 3,
        AssociateRouteTable: 4,
      },
    ],
  ])("nat=%s: %i steps", (mode, total, counts) => {
    const d = draft({ nat: mode });
    expect(d.steps).toHaveLength(total);
    for (const [action, n] of Object.entries(counts))
      expect([action, byAction(d, action).length]).toEqual([action, n]);
    expect(byAction(d, "CreateVpc")).toHaveLength(1);
    expect(byAction(d, "CreateInternetGateway")).toHaveLength(1);
    expect(byAction(d, "AttachInternetGateway")).toHaveLength(1);
  });

  it("nat=none costs nothing and says the private subnets have no way out", () => {
    const d = draft({ nat: "none" });
    expect(d.cost).toEqual([]);
    expect(d.notes).toContain("nat=none: the private subnets have no route to the internet.");
  });

  it("nat=one costs one NAT gateway and its Elastic IP at the price table's rates", () => {
    expect(draft({ nat: "one" }).cost).toEqual([
      { item: "NAT gateway dev-vpc-nat-eu-west-1a", monthlyUsd: nat.monthlyUsd, basis: nat.basis },
      { item: "Elastic IP of dev-vpc-nat-eu-west-1a", monthlyUsd: ip.monthlyUsd, basis: ip.basis },
    ]);
    expect(nat.monthlyUsd).toBeGreaterThan(30);
    expect(ip.monthlyUsd).toBeGreaterThan(3);
  });

  it("nat=per-az costs a NAT gateway and an Elastic IP in each AZ", () => {
    const d = draft({ nat: "per-az" });
    expect(d.cost.map((c) => [c.item, c.monthlyUsd])).toEqual([
      ["NAT gateway dev-vpc-nat-eu-west-1a", nat.monthlyUsd],
      ["Elastic IP of dev-vpc-nat-eu-west-1a", ip.monthlyUsd],
      ["NAT gateway dev-vpc-nat-eu-west-1b", nat.monthlyUsd],
      ["Elastic IP of dev-vpc-nat-eu-west-1b", ip.monthlyUsd],
    ]);
  });

  it("prices a region outside the table at us-east-1's rates, and says so", () => {
    const d = draft({ nat: "one" }, facts({ availabilityZones: ["xx-test-1a", "xx-test-1b"] }), "xx-test-1");
    expect(d.cost[0]).toEqual({
      item: "NAT gateway dev-vpc-nat-xx-test-1a",
      ...natGatewayMonthly("xx-test-1"),
    });
    expect(d.cost[0]?.basis).toContain("xx-test-1 not in the price table: us-east-1 prices");
  });

  it("nat=one routes every private subnet through the one gateway in the first public subnet", () => {
    const d = draft({ nat: "one" });
    const gateway = byAction(d, "CreateNatGateway")[0]!;
    expect(gateway.params["SubnetId"]).toEqual({ $ref: "subnet-public-a.subnetId" });
    expect(byAction(d, "CreateRoute").find((s) => s.id === "route-private")?.params).toEqual({
      RouteTableId: { $ref: "rt-private.routeTableId" },
      DestinationCidrBlock: "0.0.0.0/0",
      NatGatewayId: { $ref: "nat-a.natGatewayId" },
    });
    const privateAssociations = byAction(d, "AssociateRouteTable").filter((s) =>
      s.id.startsWith("assoc-private"),
    );
    expect(privateAssociations.map((s) => s.params["RouteTableId"])).toEqual([
      { $ref: "rt-private.routeTableId" },
      { $ref: "rt-private.routeTableId" },
    ]);
    expect(d.notes.some((n) => n.startsWith("nat=one: one NAT gateway serves every AZ"))).toBe(true);
  });

  it("nat=per-az routes each AZ's private subnets through its own AZ's gateway", () => {
    const d = draft({ nat: "per-az" });
    const routes = Object.fromEntries(
      byAction(d, "CreateRoute").map((s) => [s.id, s.params["NatGatewayId"] ?? s.params["GatewayId"]]),
    );
    expect(routes).toEqual({
      "route-public": { $ref: "igw.internetGatewayId" },
      "route-private-a": { $ref: "nat-a.natGatewayId" },
      "route-private-b": { $ref: "nat-b.natGatewayId" },
    });
    const gateways = byAction(d, "CreateNatGateway");
    expect(gateways.map((s) => s.params["SubnetId"])).toEqual([
      { $ref: "subnet-public-a.subnetId" },
      { $ref: "subnet-public-b.subnetId" },
    ]);
    expect(
      byAction(d, "AssociateRouteTable")
        .filter((s) => s.id.startsWith("assoc-private"))
        .map((s) => [s.params["SubnetId"], s.params["RouteTableId"]]),
    ).toEqual([
      [{ $ref: "subnet-private-a.subnetId" }, { $ref: "rt-private-a.routeTableId" }],
      [{ $ref: "subnet-private-b.subnetId" }, { $ref: "rt-private-b.routeTableId" }],
    ]);
  });

  it("gives each NAT gateway an idempotency token of at most 64 characters, unique per gateway", () => {
    const tokens = byAction(draft({ nat: "per-az" }), "CreateNatGateway").map((s) =>
      String(s.params["ClientToken"]),
    );
    expect(tokens).toEqual([`${PLAN_ID}-nat-a`, `${PLAN_ID}-nat-b`]);
    for (const t of tokens) expect(t.length).toBeLessThanOrEqual(64);
  });

  it("a VPC without public subnets has no internet gateway", () => {
    const d = draft({ publicSubnets: "0", nat: "none" });
    expect(byAction(d, "CreateInternetGateway")).toEqual([]);
    expect(byAction(d, "CreateRoute")).toEqual([]);
  });
});

/** Every layout the tests below hold to. */
const LAYOUTS: Record<string, string>[] = [
  { nat: "none" },
  { nat: "one" },
  { nat: "per-az", azs: "3", publicSubnets: "2", privateSubnets: "2" },
  { nat: "one", flowLogsBucket: "org-flow-logs" },
  { nat: "none", publicSubnets: "0" },
  { nat: "none", privateSubnets: "0", flowLogsBucket: "org-flow-logs" },
];

/** The ec2 ResourceType of TagSpecifications for each create action (as AWS spells it). */
const RESOURCE_TYPE: Record<string, string> = {
  CreateVpc: "vpc",
  CreateSubnet: "subnet",
  CreateRouteTable: "route-table",
  CreateInternetGateway: "internet-gateway",
  AllocateAddress: "elastic-ip",
  CreateNatGateway: "natgateway",
  CreateFlowLogs: "vpc-flow-log",
};

/**
 * The filter member of each lookup's read, as the SDK's request types name it: the SDK drops a
 * member the request does not have, so `Filters` on DescribeNatGateways would filter nothing.
 */
const LOOKUP_FILTER_MEMBER: Record<string, string> = {
  DescribeVpcs: "Filters",
  DescribeSubnets: "Filters",
  DescribeRouteTables: "Filters",
  DescribeInternetGateways: "Filters",
  DescribeAddresses: "Filters",
  DescribeNatGateways: "Filter",
  DescribeFlowLogs: "Filter",
};

describe.each(LAYOUTS)("vpcBlueprint %j: the plan's steps hold together", (given) => {
  const d = draft(given);
  const creates = d.steps.filter((s) => s.resources.some((r) => r.change === "create"));

  it("every step is a valid plan step with a unique id", () => {
    for (const s of d.steps) expect(stepSchema.parse(s)).toEqual(s);
    expect(new Set(d.steps.map((s) => s.id)).size).toBe(d.steps.length);
  });

  it("every create step tags what it creates with the plan's tags, its Name and the plan/step markers", () => {
    expect(creates.length).toBeGreaterThan(0);
    for (const s of creates) {
      const name = s.resources[0]!.name;
      const expected = resourceTags(blueprintContext(), s.id, name);
      expect(expected).toMatchObject({ ...GOOD_TAGS, Name: name, [PLAN_TAG]: PLAN_ID, [STEP_TAG]: s.id });
      expect(s.params["TagSpecifications"]).toEqual([
        {
          ResourceType: RESOURCE_TYPE[s.action],
          Tags: Object.entries(expected).map(([Key, Value]) => ({ Key, Value })),
        },
      ]);
      expect(s.resources).toEqual([{ type: s.resources[0]!.type, name, change: "create", tags: expected }]);
    }
  });

  it("every create step has a lookup that finds what it made by its plan and step tags", () => {
    for (const s of creates) {
      expect(s.lookup, s.id).toBeDefined();
      const member = LOOKUP_FILTER_MEMBER[s.lookup!.action];
      expect(member, s.lookup!.action).toBeDefined();
      expect(s.lookup!.params).toEqual({ [member!]: stepTagFilters(blueprintContext(), s.id) });
      expect(Object.keys(s.lookup!.outputs)).toEqual(Object.keys(s.outputs));
    }
  });

  it("every $ref in a step's call and lookup names a step it depends on; in its validation and rollback, that step or itself", () => {
    for (const s of d.steps) {
      for (const target of referencedSteps([s.params, s.lookup?.params]))
        expect(s.dependsOn, s.id).toContain(target);
      for (const target of referencedSteps([s.validation, s.rollback]))
        expect([...s.dependsOn, s.id], s.id).toContain(target);
    }
  });

  it("every step depends only on earlier steps, so the plan runs in its own order", () => {
    const seen = new Set<string>();
    for (const s of d.steps) {
      for (const dep of s.dependsOn) expect(seen.has(dep), `${s.id} → ${dep}`).toBe(true);
      seen.add(s.id);
    }
    expect(executionOrder(d.steps).map((s) => s.id)).toEqual(d.steps.map((s) => s.id));
  });

  it("every $ref names an output its step declares (the whole plan resolves once every step ran)", () => {
    const outputs = Object.fromEntries(
      d.steps.map((s: PlanStep) => [
        s.id,
        Object.fromEntries(Object.keys(s.outputs).map((o) => [o, `${s.id}:${o}`])),
      ]),
    );
    const resolved = resolveRefs(d.steps, outputs);
    expect(referencedSteps(resolved)).toEqual([]);
  });

  it("has a flow logs step only when flowLogsBucket names a bucket", () => {
    const flowLogs = byAction(d, "CreateFlowLogs");
    if (given["flowLogsBucket"] === undefined) {
      expect(flowLogs).toEqual([]);
      expect(d.notes.some((n) => n.includes("Pass --set flowLogsBucket=<bucket>"))).toBe(true);
    } else {
      expect(flowLogs).toHaveLength(1);
      expect(flowLogs[0]).toMatchObject({
        id: "flow-logs",
        dependsOn: ["vpc"],
        params: {
          ResourceIds: [{ $ref: "vpc.vpcId" }],
          ResourceType: "VPC",
          TrafficType: "ALL",
          LogDestinationType: "s3",
          LogDestination: `arn:aws:s3:::${given["flowLogsBucket"]}`,
        },
      });
    }
  });

  it("every step is in the blueprint's region and can be rolled back by calls", () => {
    for (const s of d.steps) {
      expect(s.region).toBe(REGION);
      expect(s.rollback.kind).toBe("calls");
    }
  });
});
