/**
 * VPC and subnet writes: CreateVpc, DeleteVpc, ModifyVpcAttribute, DescribeVpcAttribute,
 * CreateSubnet, DeleteSubnet, ModifySubnetAttribute.
 */
import type {
  CreateSubnetRequest,
  CreateSubnetResult,
  CreateVpcRequest,
  CreateVpcResult,
  DeleteSubnetRequest,
  DeleteVpcRequest,
  DescribeVpcAttributeRequest,
  DescribeVpcAttributeResult,
  ModifySubnetAttributeRequest,
  ModifyVpcAttributeRequest,
} from "@aws-sdk/client-ec2";
import { cidrContains, cidrsOverlap, isIpv4Cidr, isNetworkAddress, prefixLength } from "../cidr.js";
import type { EstateRegion, EstateSubnet, EstateVpc } from "../estate.js";
import { awsError } from "../errors.js";
import { availabilityZones } from "../regions.js";
import { defaultNetworkAclFor, mainRouteTableFor, newSecurityGroup } from "../vpc-parts.js";
import { ensureRegion, op, regionOf, type Handler, type ServiceContext } from "./context.js";
import { subnetOutput, vpcOutput } from "./ec2-network.js";
import { isLiveNatGateway } from "./ec2-routing.js";
import { checkDryRun, dependencyViolation, findOne, ID_KINDS } from "./ec2-shared.js";
import { specifiedTags } from "./ec2-tags.js";

/** A CIDR block for a VPC or subnet: a valid IPv4 network address, /16 to /28. */
function checkBlock(cidr: string | undefined, parameter: string, rangeError: string): string {
  if (cidr === undefined || cidr === "")
    throw awsError("MissingParameter", `The request must contain the parameter ${parameter}`);
  if (!isIpv4Cidr(cidr) || !isNetworkAddress(cidr)) {
    throw awsError(
      "InvalidParameterValue",
      `Value (${cidr}) for parameter ${parameter} is invalid. This is not a valid CIDR block.`,
    );
  }
  const bits = prefixLength(cidr);
  if (bits < 16 || bits > 28) throw awsError(rangeError, `The CIDR '${cidr}' is invalid.`);
  return cidr;
}

function createVpc(ctx: ServiceContext, input: CreateVpcRequest): CreateVpcResult {
  const cidr = checkBlock(input.CidrBlock, "cidrBlock", "InvalidVpc.Range");
  const tags = specifiedTags(input.TagSpecifications, ["vpc"]);
  checkDryRun(input);
  const r = ensureRegion(ctx);
  const vpc: EstateVpc = { id: ctx.ids.ec2("vpc"), cidr, isDefault: false, tags: tags("vpc") };
  r.vpcs.push(vpc);
  r.routeTables.push(mainRouteTableFor(ctx.ids, vpc));
  r.networkAcls.push(defaultNetworkAclFor(ctx.ids, vpc, []));
  // AWS's default group: members may talk to each other, and everything may go out.
  const group = newSecurityGroup({
    id: ctx.ids.ec2("sg"),
    vpcId: vpc.id,
    name: "default",
    description: "default VPC security group",
    tags: {},
  });
  group.ingress.push({ protocol: "-1", ipv4: [], ipv6: [], groups: [{ groupId: group.id }] });
  r.securityGroups.push(group);
  // AWS answers while the VPC is still `pending`; reads see it `available`.
  return { Vpc: { ...vpcOutput(ctx, vpc), State: "pending" } };
}

/** What keeps a VPC from being deleted, as AWS checks it. */
function vpcHasDependencies(r: EstateRegion, vpc: EstateVpc): boolean {
  return (
    r.subnets.some((s) => s.vpcId === vpc.id) ||
    r.internetGateways.some((g) => g.vpcId === vpc.id) ||
    r.routeTables.some((t) => t.vpcId === vpc.id && !t.isMain) ||
    r.securityGroups.some((g) => g.vpcId === vpc.id && g.name !== "default") ||
    r.networkAcls.some((a) => a.vpcId === vpc.id && !a.isDefault) ||
    r.natGateways.some((g) => g.vpcId === vpc.id && isLiveNatGateway(g)) ||
    r.networkInterfaces.some((n) => n.vpcId === vpc.id)
  );
}

function deleteVpc(ctx: ServiceContext, input: DeleteVpcRequest): Record<string, never> {
  const r = regionOf(ctx);
  const vpc = findOne(ID_KINDS.vpc, r.vpcs, input.VpcId, (v) => v.id);
  if (vpcHasDependencies(r, vpc)) throw dependencyViolation("vpc", vpc.id);
  checkDryRun(input);
  // What AWS created with the VPC goes with it, and so do its flow logs.
  r.vpcs = r.vpcs.filter((v) => v !== vpc);
  r.routeTables = r.routeTables.filter((t) => t.vpcId !== vpc.id);
  r.networkAcls = r.networkAcls.filter((a) => a.vpcId !== vpc.id);
  r.securityGroups = r.securityGroups.filter((g) => g.vpcId !== vpc.id);
  r.flowLogs = r.flowLogs.filter((f) => f.resourceId !== vpc.id);
  return {};
}

function dnsSupport(v: EstateVpc): boolean {
  return v.enableDnsSupport ?? true;
}

function dnsHostnames(v: EstateVpc): boolean {
  return v.enableDnsHostnames ?? v.isDefault;
}

function modifyVpcAttribute(ctx: ServiceContext, input: ModifyVpcAttributeRequest): Record<string, never> {
  const vpc = findOne(ID_KINDS.vpc, regionOf(ctx).vpcs, input.VpcId, (v) => v.id);
  const given = [
    ["enableDnsSupport", input.EnableDnsSupport?.Value],
    ["enableDnsHostnames", input.EnableDnsHostnames?.Value],
  ].filter(([, value]) => value !== undefined) as ["enableDnsSupport" | "enableDnsHostnames", boolean][];
  const [first, second] = given;
  if (first === undefined) {
    throw awsError(
      "MissingParameter",
      "The request must contain the parameter EnableDnsSupport or EnableDnsHostnames",
    );
  }
  if (second !== undefined) {
    throw awsError(
      "InvalidParameterCombination",
      "Fields for multiple attribute types specified: enableDnsSupport, enableDnsHostnames",
    );
  }
  const [attribute, value] = first;
  if (attribute === "enableDnsHostnames" && value && !dnsSupport(vpc)) {
    throw awsError(
      "InvalidParameterValue",
      "Cannot enable DNS hostnames when DNS support is disabled for the VPC. Enable DNS support first.",
    );
  }
  // ModifyVpcAttribute has no DryRun parameter.
  vpc[attribute] = value;
  return {};
}

function describeVpcAttribute(
  ctx: ServiceContext,
  input: DescribeVpcAttributeRequest,
): DescribeVpcAttributeResult {
  const vpc = findOne(ID_KINDS.vpc, regionOf(ctx).vpcs, input.VpcId, (v) => v.id);
  checkDryRun(input);
  if (input.Attribute === "enableDnsSupport")
    return { VpcId: vpc.id, EnableDnsSupport: { Value: dnsSupport(vpc) } };
  if (input.Attribute === "enableDnsHostnames")
    return { VpcId: vpc.id, EnableDnsHostnames: { Value: dnsHostnames(vpc) } };
  throw awsError(
    "InvalidParameterValue",
    `Value (${input.Attribute ?? ""}) for parameter attribute is invalid. Unknown attribute.`,
  );
}

function createSubnet(ctx: ServiceContext, input: CreateSubnetRequest): CreateSubnetResult {
  const r = regionOf(ctx);
  const vpc = findOne(ID_KINDS.vpc, r.vpcs, input.VpcId, (v) => v.id);
  const cidr = checkBlock(input.CidrBlock, "cidrBlock", "InvalidSubnet.Range");
  if (!cidrContains(vpc.cidr, cidr)) throw awsError("InvalidSubnet.Range", `The CIDR '${cidr}' is invalid.`);
  if (r.subnets.some((s) => s.vpcId === vpc.id && cidrsOverlap(s.cidr, cidr)))
    throw awsError("InvalidSubnet.Conflict", `The CIDR '${cidr}' conflicts with another subnet`);
  const zones = availabilityZones(ctx.region);
  const zone = input.AvailabilityZone ?? zones[0] ?? `${ctx.region}a`;
  if (!zones.includes(zone)) {
    throw awsError(
      "InvalidParameterValue",
      `Value (${zone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.join(", ")}.`,
    );
  }
  const tags = specifiedTags(input.TagSpecifications, ["subnet"]);
  checkDryRun(input);
  const subnet: EstateSubnet = {
    id: ctx.ids.ec2("subnet"),
    vpcId: vpc.id,
    cidr,
    availabilityZone: zone,
    mapPublicIpOnLaunch: false,
    defaultForAz: false,
    tags: tags("subnet"),
  };
  r.subnets.push(subnet);
  // Every subnet is associated with the VPC's default network ACL until told otherwise.
  r.networkAcls
    .find((a) => a.vpcId === vpc.id && a.isDefault)
    ?.associations.push({ id: ctx.ids.ec2("aclassoc"), subnetId: subnet.id });
  return { Subnet: { ...subnetOutput(ctx, r, subnet), State: "pending" } };
}

function deleteSubnet(ctx: ServiceContext, input: DeleteSubnetRequest): Record<string, never> {
  const r = regionOf(ctx);
  const subnet = findOne(ID_KINDS.subnet, r.subnets, input.SubnetId, (s) => s.id);
  const inUse =
    r.networkInterfaces.some((n) => n.subnetId === subnet.id) ||
    r.natGateways.some((g) => g.subnetId === subnet.id && isLiveNatGateway(g));
  if (inUse) throw dependencyViolation("subnet", subnet.id);
  checkDryRun(input);
  r.subnets = r.subnets.filter((s) => s !== subnet);
  for (const t of r.routeTables) t.associations = t.associations.filter((a) => a.subnetId !== subnet.id);
  for (const a of r.networkAcls) a.associations = a.associations.filter((x) => x.subnetId !== subnet.id);
  return {};
}

function modifySubnetAttribute(
  ctx: ServiceContext,
  input: ModifySubnetAttributeRequest,
): Record<string, never> {
  const subnet = findOne(ID_KINDS.subnet, regionOf(ctx).subnets, input.SubnetId, (s) => s.id);
  const value = input.MapPublicIpOnLaunch?.Value;
  if (value === undefined) {
    throw awsError(
      "InvalidParameterValue",
      "The sandbox models only the MapPublicIpOnLaunch attribute of a subnet; specify it with a Value.",
    );
  }
  // ModifySubnetAttribute has no DryRun parameter.
  subnet.mapPublicIpOnLaunch = value;
  return {};
}

export const VPC_WRITE_HANDLERS: Readonly<Record<string, Handler>> = {
  CreateVpc: op(createVpc),
  DeleteVpc: op(deleteVpc),
  ModifyVpcAttribute: op(modifyVpcAttribute),
  DescribeVpcAttribute: op(describeVpcAttribute),
  CreateSubnet: op(createSubnet),
  DeleteSubnet: op(deleteSubnet),
  ModifySubnetAttribute: op(modifySubnetAttribute),
};
