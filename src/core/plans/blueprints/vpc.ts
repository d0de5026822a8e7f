/**
 * The `vpc` blueprint: a VPC with public and private subnets across AZs, an internet gateway,
 * NAT (none, one, or one per AZ), route tables and, optionally, flow logs to S3. The CIDR is
 * checked against the account's VPCs in the region, and the count against the VPC quota.
 */
import { UsageError } from "../../errors.js";
import { natGatewayMonthly, publicIpv4Monthly } from "../../cost/pricing.js";
import { parseCidr } from "../../net/cidr.js";
import type { PlanStep, ResourceRef } from "../plan.js";
import { ref } from "../refs.js";
import {
  resourceTags,
  stepTagFilters,
  tagSpecifications,
  type BlueprintContext,
  type BlueprintParam,
  type Draft,
  type ParamValue,
} from "./blueprint.js";

export const VPC_PARAMS: readonly BlueprintParam[] = [
  {
    name: "name",
    kind: "string",
    description: "The VPC's Name tag; subnets and gateways are named after it",
    default: "dev-vpc",
  },
  {
    name: "cidr",
    kind: "string",
    description:
      "The VPC's IPv4 CIDR block, /16 to /24 (default: the first 10.x.0.0/16 no VPC of the region uses)",
  },
  {
    name: "azs",
    kind: "int",
    description: "How many availability zones to spread the subnets over",
    default: 2,
    min: 1,
    max: 6,
  },
  {
    name: "publicSubnets",
    kind: "int",
    description: "Public subnets per AZ (routed to the internet gateway)",
    default: 1,
    min: 0,
    max: 4,
  },
  {
    name: "privateSubnets",
    kind: "int",
    description: "Private subnets per AZ (routed through NAT, if any)",
    default: 1,
    min: 0,
    max: 4,
  },
  {
    name: "nat",
    kind: "enum",
    choices: ["none", "one", "per-az"],
    description:
      "NAT gateways for the private subnets: none, one shared, or one per AZ (each about $33/month)",
    default: "one",
  },
  {
    name: "flowLogsBucket",
    kind: "string",
    description: "An S3 bucket to deliver the VPC's flow logs to, or none",
    default: "none",
  },
];

/**
 * The reads whose filters are `Filter`, not `Filters` (as the SDK names them): the SDK drops a
 * member its request does not have, and an unfiltered lookup would adopt another resource.
 */
const FILTER_MEMBER: Readonly<Record<string, string>> = {
  DescribeNatGateways: "Filter",
  DescribeFlowLogs: "Filter",
};

/** What the workflow reads from the account before drafting. */
export interface VpcFacts {
  /** CIDR blocks of the region's VPCs. */
  existingCidrs: readonly string[];
  /** The region's availability zones (available ones), in order. */
  availabilityZones: readonly string[];
  vpcCount: number;
  /** VPCs per region (AWS's default quota is 5). */
  vpcQuota: number;
}

export function defaultVpcCidr(existing: readonly string[]): string {
  const used = existing.map(parseCidr).filter((c) => c !== undefined);
  for (let second = 0; second < 256; second++) {
    const candidate = `10.${second}.0.0/16`;
    const block = parseCidr(candidate)!;
    if (!used.some((u) => overlaps(u, block))) return candidate;
  }
  throw new UsageError("every 10.x.0.0/16 block is in use in this region", {
    code: "BlueprintParamMissing",
    hint: "Pass --set cidr=<block> with a free range, e.g. 172.20.0.0/16.",
  });
}

function overlaps(
  a: NonNullable<ReturnType<typeof parseCidr>>,
  b: NonNullable<ReturnType<typeof parseCidr>>,
) {
  if (a.version !== b.version) return false;
  const bits = a.version === 4 ? 32 : 128;
  const prefix = Math.min(a.prefix, b.prefix);
  const shift = BigInt(bits - prefix);
  return a.network >> shift === b.network >> shift;
}

/** The i-th subnet of `size` prefix inside a VPC block, as text. */
function subnetCidr(vpc: NonNullable<ReturnType<typeof parseCidr>>, prefix: number, index: number): string {
  const network = vpc.network + (BigInt(index) << BigInt(32 - prefix));
  const octets = [24n, 16n, 8n, 0n].map((s) => Number((network >> s) & 255n));
  return `${octets.join(".")}/${prefix}`;
}

export function vpcBlueprint(
  params: Record<string, ParamValue>,
  facts: VpcFacts,
  ctx: BlueprintContext,
): Draft {
  const name = String(params["name"]);
  const cidrText = String(params["cidr"]);
  const cidr = parseCidr(cidrText);
  if (cidr === undefined || cidr.version !== 4 || cidr.prefix < 16 || cidr.prefix > 24) {
    throw new UsageError(`vpc cidr="${cidrText}" is not an IPv4 block from /16 to /24`, {
      code: "BlueprintParamInvalid",
      hint: "Pass --set cidr=10.20.0.0/16 (AWS allows /16 to /28; subnets need room, so the blueprint asks for /24 or larger).",
    });
  }
  const clash = facts.existingCidrs.find((c) => {
    const other = parseCidr(c);
    return other !== undefined && overlaps(other, cidr);
  });
  if (clash !== undefined) {
    throw new UsageError(`vpc cidr ${cidrText} overlaps ${clash}, already used by a VPC in ${ctx.region}`, {
      code: "BlueprintCidrOverlap",
      hint: `Pick a free block, e.g. --set cidr=${defaultVpcCidr(facts.existingCidrs)}.`,
    });
  }
  if (facts.vpcCount >= facts.vpcQuota) {
    throw new UsageError(
      `${ctx.region} already has ${facts.vpcCount} VPCs, the quota of ${facts.vpcQuota} per region: AWS would refuse another (VpcLimitExceeded)`,
      {
        code: "BlueprintQuotaReached",
        hint: "Delete an unused VPC, or ask AWS for a higher quota (Service Quotas, L-F678F1CE).",
      },
    );
  }
  const azCount = Number(params["azs"]);
  if (facts.availabilityZones.length < azCount) {
    throw new UsageError(
      `${ctx.region} has ${facts.availabilityZones.length} availability zones available, fewer than azs=${azCount}`,
      { code: "BlueprintParamInvalid", hint: `Pass --set azs=${facts.availabilityZones.length} or fewer.` },
    );
  }
  const azs = facts.availabilityZones.slice(0, azCount);
  const publicPerAz = Number(params["publicSubnets"]);
  const privatePerAz = Number(params["privateSubnets"]);
  const nat = String(params["nat"]);
  const flowLogsBucket = String(params["flowLogsBucket"]);
  const subnetsTotal = azCount * (publicPerAz + privatePerAz);
  if (subnetsTotal === 0) {
    throw new UsageError("the vpc would have no subnets", {
      code: "BlueprintParamInvalid",
      hint: "Pass --set publicSubnets=1 or --set privateSubnets=1.",
    });
  }
  if (nat !== "none" && (publicPerAz === 0 || privatePerAz === 0)) {
    throw new UsageError(
      `nat=${nat} needs public subnets (for the gateway) and private subnets (to use it)`,
      {
        code: "BlueprintParamInvalid",
        hint: "Pass --set nat=none, or at least one public and one private subnet per AZ.",
      },
    );
  }
  // Sixteen subnets' room at least, more when more are asked for; AWS's smallest subnet is /28.
  const subnetPrefix = cidr.prefix + Math.max(4, Math.ceil(Math.log2(subnetsTotal)));
  if (subnetPrefix > 28) {
    throw new UsageError(
      `${cidrText} has no room for ${subnetsTotal} subnets (AWS's smallest subnet is /28)`,
      {
        code: "BlueprintParamInvalid",
        hint: "Pass a larger block (--set cidr=10.20.0.0/16) or fewer subnets.",
      },
    );
  }
  const region = ctx.region;
  const steps: PlanStep[] = [];
  const cost: Draft["cost"] = [];
  const add = (step: Omit<PlanStep, "region" | "outputs" | "dependsOn"> & Partial<PlanStep>) =>
    steps.push({ region, outputs: {}, dependsOn: [], ...step } as PlanStep);
  const created = (type: string, resourceName: string, stepId: string): ResourceRef => ({
    type,
    name: resourceName,
    change: "create",
    tags: resourceTags(ctx, stepId, resourceName),
  });
  const lookup = (action: string, listKey: string, idKey: string, stepId: string, output: string) => ({
    service: "ec2" as const,
    action,
    params: { [FILTER_MEMBER[action] ?? "Filters"]: stepTagFilters(ctx, stepId) },
    outputs: { [output]: `${listKey}.0.${idKey}` },
  });
  const vpcId = ref("vpc", "vpcId");

  add({
    id: "vpc",
    title: `Create VPC ${name} (${cidrText})`,
    service: "ec2",
    action: "CreateVpc",
    params: { CidrBlock: cidrText, TagSpecifications: tagSpecifications("vpc", ctx, "vpc", name) },
    outputs: { vpcId: "Vpc.VpcId" },
    validation: {
      service: "ec2",
      action: "DescribeVpcs",
      params: { VpcIds: [vpcId] },
      expect: [{ path: "Vpcs.0.State", equals: "available" }],
      attempts: 30,
      delayMs: 2000,
    },
    rollback: { kind: "calls", calls: [{ service: "ec2", action: "DeleteVpc", params: { VpcId: vpcId } }] },
    resources: [created("vpc/vpc", name, "vpc")],
    lookup: lookup("DescribeVpcs", "Vpcs", "VpcId", "vpc", "vpcId"),
  });

  let index = 0;
  const subnetStep = (kind: "public" | "private", az: string, n: number): string => {
    const suffix = az.slice(-1);
    const id = `subnet-${kind}-${suffix}${n > 0 ? `-${n + 1}` : ""}`;
    const subnetName = `${name}-${kind}-${az}${n > 0 ? `-${n + 1}` : ""}`;
    const block = subnetCidr(cidr, subnetPrefix, index++);
    add({
      id,
      title: `Create ${kind} subnet ${subnetName} (${block}, ${az})`,
      service: "ec2",
      action: "CreateSubnet",
      params: {
        VpcId: vpcId,
        CidrBlock: block,
        AvailabilityZone: az,
        TagSpecifications: tagSpecifications("subnet", ctx, id, subnetName),
      },
      dependsOn: ["vpc"],
      outputs: { subnetId: "Subnet.SubnetId" },
      validation: {
        service: "ec2",
        action: "DescribeSubnets",
        params: { SubnetIds: [ref(id, "subnetId")] },
        expect: [{ path: "Subnets.0.State", equals: "available" }],
        attempts: 30,
        delayMs: 2000,
      },
      rollback: {
        kind: "calls",
        calls: [{ service: "ec2", action: "DeleteSubnet", params: { SubnetId: ref(id, "subnetId") } }],
      },
      resources: [created("vpc/subnet", subnetName, id)],
      lookup: lookup("DescribeSubnets", "Subnets", "SubnetId", id, "subnetId"),
    });
    return id;
  };
  const publicSubnets = azs.map((az) =>
    Array.from({ length: publicPerAz }, (_, n) => subnetStep("public", az, n)),
  );
  const privateSubnets = azs.map((az) =>
    Array.from({ length: privatePerAz }, (_, n) => subnetStep("private", az, n)),
  );

  const routeTable = (id: string, rtName: string) =>
    add({
      id,
      title: `Create route table ${rtName}`,
      service: "ec2",
      action: "CreateRouteTable",
      params: { VpcId: vpcId, TagSpecifications: tagSpecifications("route-table", ctx, id, rtName) },
      dependsOn: ["vpc"],
      outputs: { routeTableId: "RouteTable.RouteTableId" },
      rollback: {
        kind: "calls",
        calls: [
          { service: "ec2", action: "DeleteRouteTable", params: { RouteTableId: ref(id, "routeTableId") } },
        ],
      },
      resources: [created("vpc/route-table", rtName, id)],
      lookup: lookup("DescribeRouteTables", "RouteTables", "RouteTableId", id, "routeTableId"),
    });
  const associate = (rtId: string, subnetId: string) =>
    add({
      id: `assoc-${subnetId.replace(/^subnet-/, "")}`,
      title: `Associate ${subnetId} with ${rtId}`,
      service: "ec2",
      action: "AssociateRouteTable",
      params: { RouteTableId: ref(rtId, "routeTableId"), SubnetId: ref(subnetId, "subnetId") },
      dependsOn: [rtId, subnetId],
      outputs: { associationId: "AssociationId" },
      rollback: {
        kind: "calls",
        calls: [
          {
            service: "ec2",
            action: "DisassociateRouteTable",
            params: { AssociationId: ref(`assoc-${subnetId.replace(/^subnet-/, "")}`, "associationId") },
          },
        ],
      },
      resources: [],
    });
  const defaultRoute = (
    id: string,
    rtId: string,
    target: { GatewayId?: unknown; NatGatewayId?: unknown },
    deps: string[],
  ) =>
    add({
      id,
      title: `Route 0.0.0.0/0 from ${rtId} through ${target.GatewayId !== undefined ? "the internet gateway" : "NAT"}`,
      service: "ec2",
      action: "CreateRoute",
      params: { RouteTableId: ref(rtId, "routeTableId"), DestinationCidrBlock: "0.0.0.0/0", ...target },
      dependsOn: [rtId, ...deps],
      rollback: {
        kind: "calls",
        calls: [
          {
            service: "ec2",
            action: "DeleteRoute",
            params: { RouteTableId: ref(rtId, "routeTableId"), DestinationCidrBlock: "0.0.0.0/0" },
          },
        ],
      },
      resources: [],
    });

  if (publicPerAz > 0) {
    add({
      id: "igw",
      title: `Create internet gateway ${name}-igw`,
      service: "ec2",
      action: "CreateInternetGateway",
      params: { TagSpecifications: tagSpecifications("internet-gateway", ctx, "igw", `${name}-igw`) },
      outputs: { internetGatewayId: "InternetGateway.InternetGatewayId" },
      rollback: {
        kind: "calls",
        calls: [
          {
            service: "ec2",
            action: "DeleteInternetGateway",
            params: { InternetGatewayId: ref("igw", "internetGatewayId") },
          },
        ],
      },
      resources: [created("vpc/internet-gateway", `${name}-igw`, "igw")],
      lookup: lookup(
        "DescribeInternetGateways",
        "InternetGateways",
        "InternetGatewayId",
        "igw",
        "internetGatewayId",
      ),
    });
    add({
      id: "igw-attach",
      title: `Attach ${name}-igw to ${name}`,
      service: "ec2",
      action: "AttachInternetGateway",
      params: { InternetGatewayId: ref("igw", "internetGatewayId"), VpcId: vpcId },
      dependsOn: ["igw", "vpc"],
      validation: {
        service: "ec2",
        action: "DescribeInternetGateways",
        params: { InternetGatewayIds: [ref("igw", "internetGatewayId")] },
        expect: [{ path: "InternetGateways.0.Attachments.0.State", equals: "available" }],
        attempts: 15,
        delayMs: 2000,
      },
      rollback: {
        kind: "calls",
        calls: [
          {
            service: "ec2",
            action: "DetachInternetGateway",
            params: { InternetGatewayId: ref("igw", "internetGatewayId"), VpcId: vpcId },
          },
        ],
      },
      resources: [],
    });
    routeTable("rt-public", `${name}-public`);
    defaultRoute("route-public", "rt-public", { GatewayId: ref("igw", "internetGatewayId") }, [
      "igw",
      "igw-attach",
    ]);
    for (const subnet of publicSubnets.flat()) associate("rt-public", subnet);
  }

  const natAzs = nat === "none" ? [] : nat === "one" ? azs.slice(0, 1) : azs;
  const natStepOf = new Map<string, string>();
  azs.forEach((az, i) => {
    if (!natAzs.includes(az)) return;
    const suffix = az.slice(-1);
    const eip = `eip-nat-${suffix}`;
    const natId = `nat-${suffix}`;
    add({
      id: eip,
      title: `Allocate an Elastic IP for the NAT gateway in ${az}`,
      service: "ec2",
      action: "AllocateAddress",
      params: {
        Domain: "vpc",
        TagSpecifications: tagSpecifications("elastic-ip", ctx, eip, `${name}-nat-${az}`),
      },
      outputs: { allocationId: "AllocationId" },
      rollback: {
        kind: "calls",
        calls: [
          { service: "ec2", action: "ReleaseAddress", params: { AllocationId: ref(eip, "allocationId") } },
        ],
      },
      resources: [created("ec2/elastic-ip", `${name}-nat-${az}`, eip)],
      lookup: lookup("DescribeAddresses", "Addresses", "AllocationId", eip, "allocationId"),
    });
    add({
      id: natId,
      title: `Create NAT gateway ${name}-nat-${az}`,
      service: "ec2",
      action: "CreateNatGateway",
      params: {
        SubnetId: ref(publicSubnets[i]![0]!, "subnetId"),
        AllocationId: ref(eip, "allocationId"),
        ConnectivityType: "public",
        ClientToken: `${ctx.planId}-${natId}`.slice(0, 64),
        TagSpecifications: tagSpecifications("natgateway", ctx, natId, `${name}-nat-${az}`),
      },
      dependsOn: [eip, publicSubnets[i]![0]!, "igw-attach"],
      outputs: { natGatewayId: "NatGateway.NatGatewayId" },
      validation: {
        service: "ec2",
        action: "DescribeNatGateways",
        params: { NatGatewayIds: [ref(natId, "natGatewayId")] },
        expect: [{ path: "NatGateways.0.State", equals: "available" }],
        attempts: 60,
        delayMs: 10000,
      },
      rollback: {
        kind: "calls",
        calls: [
          {
            service: "ec2",
            action: "DeleteNatGateway",
            params: { NatGatewayId: ref(natId, "natGatewayId") },
          },
        ],
        validation: {
          service: "ec2",
          action: "DescribeNatGateways",
          params: { NatGatewayIds: [ref(natId, "natGatewayId")] },
          expect: [{ path: "NatGateways.0.State", equals: "deleted" }],
          attempts: 60,
          delayMs: 10000,
        },
      },
      resources: [created("vpc/nat-gateway", `${name}-nat-${az}`, natId)],
      lookup: lookup("DescribeNatGateways", "NatGateways", "NatGatewayId", natId, "natGatewayId"),
    });
    natStepOf.set(az, natId);
    const natCost = natGatewayMonthly(region);
    const ipCost = publicIpv4Monthly(region);
    cost.push({
      item: `NAT gateway ${name}-nat-${az}`,
      monthlyUsd: natCost.monthlyUsd,
      basis: natCost.basis,
    });
    cost.push({
      item: `Elastic IP of ${name}-nat-${az}`,
      monthlyUsd: ipCost.monthlyUsd,
      basis: ipCost.basis,
    });
  });

  if (privatePerAz > 0) {
    const perAz = nat === "per-az";
    azs.forEach((az, i) => {
      const rtId = perAz ? `rt-private-${az.slice(-1)}` : "rt-private";
      if (perAz || i === 0) {
        routeTable(rtId, perAz ? `${name}-private-${az}` : `${name}-private`);
        const natStep = natStepOf.get(perAz ? az : (natAzs[0] ?? ""));
        if (natStep !== undefined) {
          defaultRoute(
            `route-${rtId.replace(/^rt-/, "")}`,
            rtId,
            { NatGatewayId: ref(natStep, "natGatewayId") },
            [natStep],
          );
        }
      }
      for (const subnet of privateSubnets[i]!) associate(rtId, subnet);
    });
  }

  const notes: string[] = [
    `Subnets are /${subnetPrefix} blocks of ${cidrText}; public subnets do not assign public IPv4 addresses by default (each costs about $${publicIpv4Monthly(region).monthlyUsd}/month): launch with a public address where one is needed.`,
  ];
  if (flowLogsBucket !== "none") {
    add({
      id: "flow-logs",
      title: `Deliver the VPC's flow logs to s3://${flowLogsBucket}`,
      service: "ec2",
      action: "CreateFlowLogs",
      params: {
        ResourceIds: [vpcId],
        ResourceType: "VPC",
        TrafficType: "ALL",
        LogDestinationType: "s3",
        LogDestination: `arn:aws:s3:::${flowLogsBucket}`,
        TagSpecifications: tagSpecifications("vpc-flow-log", ctx, "flow-logs", `${name}-flow-logs`),
      },
      dependsOn: ["vpc"],
      outputs: { flowLogId: "FlowLogIds.0" },
      rollback: {
        kind: "calls",
        calls: [
          {
            service: "ec2",
            action: "DeleteFlowLogs",
            params: { FlowLogIds: [ref("flow-logs", "flowLogId")] },
          },
        ],
      },
      resources: [created("vpc/flow-log", `${name}-flow-logs`, "flow-logs")],
      lookup: lookup("DescribeFlowLogs", "FlowLogs", "FlowLogId", "flow-logs", "flowLogId"),
    });
    notes.push("Flow log delivery to S3 is charged per GB delivered (vended logs); not in the estimate.");
  } else {
    notes.push(
      "No flow logs (flowLogsBucket=none): the security audit will report the VPC (vpc.flow-logs-off). Pass --set flowLogsBucket=<bucket> to add them.",
    );
  }
  if (nat === "none" && privatePerAz > 0)
    notes.push("nat=none: the private subnets have no route to the internet.");
  if (nat === "one" && azCount > 1)
    notes.push(
      "nat=one: one NAT gateway serves every AZ; an AZ outage cuts the others' outbound traffic (nat=per-az avoids it).",
    );

  return {
    goal: `Create a VPC ${name} (${cidrText}) in ${region}: ${azCount} AZ${azCount > 1 ? "s" : ""}, ${azCount * publicPerAz} public and ${azCount * privatePerAz} private subnets, NAT ${nat}`,
    steps,
    cost,
    notes,
  };
}
