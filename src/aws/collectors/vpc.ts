/**
 * VPC networking → ResourceRecord, each with the SDK's paginator: VPCs, subnets, route tables,
 * internet gateways, NAT gateways, network ACLs, security groups and network interfaces.
 * Resources shared with the account (AWS RAM) are listed too; their ARN names the owner.
 */
import {
  paginateDescribeInternetGateways,
  paginateDescribeNatGateways,
  paginateDescribeNetworkAcls,
  paginateDescribeNetworkInterfaces,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  type InternetGateway,
  type NatGateway,
  type NetworkAcl,
  type NetworkInterface,
  type RouteTable,
  type SecurityGroup,
  type Subnet,
  type Vpc,
} from "@aws-sdk/client-ec2";
import type { AttributeValue, ResourceRecord, ResourceType } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { ec2Arn } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { itemsFromPages } from "./pages.js";
import { isoDate, nameTag, tagMap } from "./tags.js";

type PaginatorConfig = Parameters<typeof paginateDescribeVpcs>[0];

/** The paginator configuration for an EC2 Describe call whose MaxResults lies in [min, max]. */
async function paging(
  factory: ClientFactory,
  scope: CollectScope,
  min: number,
  max: number,
): Promise<PaginatorConfig> {
  return {
    client: await factory.ec2(scope.region),
    pageSize: pageSizeWithin(scope.pageSize, min, max),
    stopOnSameToken: true,
  };
}

export async function collectVpcs(factory: ClientFactory, scope: CollectScope): Promise<ResourceRecord[]> {
  const vpcs = await listVpcs(factory, scope);
  return vpcs.flatMap((v) => (v.VpcId === undefined ? [] : [vpcRecord(v, v.VpcId, scope)]));
}

export async function listVpcs(factory: ClientFactory, scope: CollectScope): Promise<Vpc[]> {
  return withAwsErrors(callSite(scope, "ec2:DescribeVpcs"), async () =>
    itemsFromPages(paginateDescribeVpcs(await paging(factory, scope, 5, 1000), {}), (p) => p.Vpcs),
  );
}

export async function collectSubnets(factory: ClientFactory, scope: CollectScope): Promise<ResourceRecord[]> {
  const subnets = await listSubnets(factory, scope);
  return subnets.flatMap((s) => (s.SubnetId === undefined ? [] : [subnetRecord(s, s.SubnetId, scope)]));
}

export async function listSubnets(factory: ClientFactory, scope: CollectScope): Promise<Subnet[]> {
  return withAwsErrors(callSite(scope, "ec2:DescribeSubnets"), async () =>
    itemsFromPages(paginateDescribeSubnets(await paging(factory, scope, 5, 1000), {}), (p) => p.Subnets),
  );
}

export async function collectRouteTables(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const tables = await withAwsErrors(callSite(scope, "ec2:DescribeRouteTables"), async () =>
    itemsFromPages(
      paginateDescribeRouteTables(await paging(factory, scope, 5, 100), {}),
      (p) => p.RouteTables,
    ),
  );
  return tables.flatMap((t) =>
    t.RouteTableId === undefined ? [] : [routeTableRecord(t, t.RouteTableId, scope)],
  );
}

export async function collectInternetGateways(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const gateways = await withAwsErrors(callSite(scope, "ec2:DescribeInternetGateways"), async () =>
    itemsFromPages(
      paginateDescribeInternetGateways(await paging(factory, scope, 5, 1000), {}),
      (p) => p.InternetGateways,
    ),
  );
  return gateways.flatMap((g) =>
    g.InternetGatewayId === undefined ? [] : [internetGatewayRecord(g, g.InternetGatewayId, scope)],
  );
}

/** NAT gateways, including those AWS still lists for about an hour after deletion (state `deleted`). */
export async function collectNatGateways(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const gateways = await withAwsErrors(callSite(scope, "ec2:DescribeNatGateways"), async () =>
    itemsFromPages(
      paginateDescribeNatGateways(await paging(factory, scope, 5, 1000), {}),
      (p) => p.NatGateways,
    ),
  );
  return gateways.flatMap((g) =>
    g.NatGatewayId === undefined ? [] : [natGatewayRecord(g, g.NatGatewayId, scope)],
  );
}

export async function collectNetworkAcls(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const acls = await withAwsErrors(callSite(scope, "ec2:DescribeNetworkAcls"), async () =>
    itemsFromPages(
      paginateDescribeNetworkAcls(await paging(factory, scope, 5, 100), {}),
      (p) => p.NetworkAcls,
    ),
  );
  return acls.flatMap((a) =>
    a.NetworkAclId === undefined ? [] : [networkAclRecord(a, a.NetworkAclId, scope)],
  );
}

export async function collectSecurityGroups(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const groups = await listSecurityGroups(factory, scope);
  return groups.flatMap((g) => (g.GroupId === undefined ? [] : [securityGroupRecord(g, g.GroupId, scope)]));
}

export async function listSecurityGroups(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<SecurityGroup[]> {
  return withAwsErrors(callSite(scope, "ec2:DescribeSecurityGroups"), async () =>
    itemsFromPages(
      paginateDescribeSecurityGroups(await paging(factory, scope, 5, 1000), {}),
      (p) => p.SecurityGroups,
    ),
  );
}

/** Network interfaces, including those AWS services (RDS, ELB, Lambda…) manage for the account. */
export async function collectNetworkInterfaces(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const interfaces = await listNetworkInterfaces(factory, scope);
  return interfaces.flatMap((i) =>
    i.NetworkInterfaceId === undefined ? [] : [networkInterfaceRecord(i, i.NetworkInterfaceId, scope)],
  );
}

export async function listNetworkInterfaces(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<NetworkInterface[]> {
  return withAwsErrors(callSite(scope, "ec2:DescribeNetworkInterfaces"), async () =>
    itemsFromPages(
      paginateDescribeNetworkInterfaces(await paging(factory, scope, 5, 1000), {}),
      (p) => p.NetworkInterfaces,
    ),
  );
}

interface Ec2Facts {
  type: ResourceType;
  /** The ARN's resource type (`vpc`, `natgateway`, …). */
  arnType: string;
  id: string;
  /** The ARN AWS returned, when it returns one. */
  arn?: string | undefined;
  /** The owning account, when AWS says (shared resources belong to another account). */
  ownerId?: string | undefined;
  tags: { Key?: string; Value?: string }[] | undefined;
  state: string | undefined;
  /** The resource's own name, shown when it has no Name tag. */
  ownName?: string | undefined;
  attributes: Record<string, AttributeValue>;
}

function vpcServiceRecord(facts: Ec2Facts, scope: CollectScope): ResourceRecord {
  const tags = tagMap(facts.tags);
  const owner = facts.ownerId ?? scope.account;
  return {
    service: "vpc",
    type: facts.type,
    id: facts.id,
    arn: facts.arn ?? ec2Arn(scope.region, owner, facts.arnType, facts.id),
    name: nameTag(tags) ?? facts.ownName,
    account: scope.account,
    region: scope.region,
    state: facts.state,
    tags,
    attributes: { ...facts.attributes, ...(owner !== scope.account && { ownerId: owner }) },
  };
}

export function vpcRecord(vpc: Vpc, id: string, scope: CollectScope): ResourceRecord {
  return vpcServiceRecord(
    {
      type: "vpc",
      arnType: "vpc",
      id,
      ownerId: vpc.OwnerId,
      tags: vpc.Tags,
      state: vpc.State,
      attributes: { cidrBlock: vpc.CidrBlock ?? null, isDefault: vpc.IsDefault ?? null },
    },
    scope,
  );
}

function subnetRecord(subnet: Subnet, id: string, scope: CollectScope): ResourceRecord {
  return vpcServiceRecord(
    {
      type: "subnet",
      arnType: "subnet",
      id,
      arn: subnet.SubnetArn,
      ownerId: subnet.OwnerId,
      tags: subnet.Tags,
      state: subnet.State,
      attributes: {
        vpcId: subnet.VpcId ?? null,
        cidrBlock: subnet.CidrBlock ?? null,
        availabilityZone: subnet.AvailabilityZone ?? null,
        availableIpAddressCount: subnet.AvailableIpAddressCount ?? null,
        isPublicIpOnLaunch: subnet.MapPublicIpOnLaunch ?? null,
      },
    },
    scope,
  );
}

function routeTableRecord(table: RouteTable, id: string, scope: CollectScope): ResourceRecord {
  const associations = table.Associations ?? [];
  const defaultRoute = (table.Routes ?? []).find((r) => r.DestinationCidrBlock === "0.0.0.0/0");
  const defaultTarget =
    defaultRoute === undefined
      ? null
      : (defaultRoute.GatewayId ??
        defaultRoute.NatGatewayId ??
        defaultRoute.TransitGatewayId ??
        defaultRoute.NetworkInterfaceId ??
        defaultRoute.VpcPeeringConnectionId ??
        defaultRoute.InstanceId ??
        null);
  return vpcServiceRecord(
    {
      type: "route-table",
      arnType: "route-table",
      id,
      ownerId: table.OwnerId,
      tags: table.Tags,
      state: undefined,
      attributes: {
        vpcId: table.VpcId ?? null,
        isMain: associations.some((a) => a.Main === true),
        subnetAssociationCount: associations.filter((a) => a.SubnetId !== undefined).length,
        routeCount: (table.Routes ?? []).length,
        defaultRouteTarget: defaultTarget,
      },
    },
    scope,
  );
}

function internetGatewayRecord(gateway: InternetGateway, id: string, scope: CollectScope): ResourceRecord {
  const attachment = gateway.Attachments?.[0];
  return vpcServiceRecord(
    {
      type: "internet-gateway",
      arnType: "internet-gateway",
      id,
      ownerId: gateway.OwnerId,
      tags: gateway.Tags,
      // The attachment's state (`available` when attached); a gateway in no VPC is `detached`.
      state: attachment?.State ?? "detached",
      attributes: { vpcId: attachment?.VpcId ?? null },
    },
    scope,
  );
}

function natGatewayRecord(gateway: NatGateway, id: string, scope: CollectScope): ResourceRecord {
  const primary =
    gateway.NatGatewayAddresses?.find((a) => a.IsPrimary === true) ?? gateway.NatGatewayAddresses?.[0];
  return vpcServiceRecord(
    {
      type: "nat-gateway",
      arnType: "natgateway",
      id,
      tags: gateway.Tags,
      state: gateway.State,
      attributes: {
        vpcId: gateway.VpcId ?? null,
        subnetId: gateway.SubnetId ?? null,
        connectivityType: gateway.ConnectivityType ?? null,
        publicIp: primary?.PublicIp ?? null,
        privateIp: primary?.PrivateIp ?? null,
        allocationId: primary?.AllocationId ?? null,
        createTime: isoDate(gateway.CreateTime),
      },
    },
    scope,
  );
}

function networkAclRecord(acl: NetworkAcl, id: string, scope: CollectScope): ResourceRecord {
  // Every ACL ends with the unchangeable deny-all rule 32767 in each direction: not counted.
  const rules = (acl.Entries ?? []).filter((e) => e.RuleNumber !== 32767);
  return vpcServiceRecord(
    {
      type: "network-acl",
      arnType: "network-acl",
      id,
      ownerId: acl.OwnerId,
      tags: acl.Tags,
      state: undefined,
      attributes: {
        vpcId: acl.VpcId ?? null,
        isDefault: acl.IsDefault ?? null,
        inboundRuleCount: rules.filter((e) => e.Egress !== true).length,
        outboundRuleCount: rules.filter((e) => e.Egress === true).length,
        subnetAssociationCount: (acl.Associations ?? []).length,
      },
    },
    scope,
  );
}

export function securityGroupRecord(group: SecurityGroup, id: string, scope: CollectScope): ResourceRecord {
  return vpcServiceRecord(
    {
      type: "security-group",
      arnType: "security-group",
      id,
      arn: group.SecurityGroupArn,
      ownerId: group.OwnerId,
      tags: group.Tags,
      state: undefined,
      ownName: group.GroupName,
      attributes: {
        groupName: group.GroupName ?? null,
        description: group.Description ?? null,
        vpcId: group.VpcId ?? null,
        inboundRuleCount: (group.IpPermissions ?? []).length,
        outboundRuleCount: (group.IpPermissionsEgress ?? []).length,
      },
    },
    scope,
  );
}

export function networkInterfaceRecord(
  eni: NetworkInterface,
  id: string,
  scope: CollectScope,
): ResourceRecord {
  const attachment = eni.Attachment;
  return vpcServiceRecord(
    {
      type: "network-interface",
      arnType: "network-interface",
      id,
      ownerId: eni.OwnerId,
      tags: eni.TagSet,
      state: eni.Status,
      attributes: {
        interfaceType: eni.InterfaceType ?? null,
        vpcId: eni.VpcId ?? null,
        subnetId: eni.SubnetId ?? null,
        availabilityZone: eni.AvailabilityZone ?? null,
        privateIpAddress: eni.PrivateIpAddress ?? null,
        publicIp: eni.Association?.PublicIp ?? null,
        attachedTo: attachment?.InstanceId ?? attachment?.InstanceOwnerId ?? null,
        isRequesterManaged: eni.RequesterManaged ?? null,
        description: eni.Description === undefined || eni.Description === "" ? null : eni.Description,
      },
    },
    scope,
  );
}
