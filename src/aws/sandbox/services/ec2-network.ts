/**
 * EC2 networking: DescribeVpcs, DescribeSubnets, DescribeNetworkInterfaces,
 * DeleteNetworkInterface, DescribeAddresses, ReleaseAddress.
 */
import type {
  Address,
  DeleteNetworkInterfaceRequest,
  DescribeAddressesRequest,
  DescribeAddressesResult,
  DescribeNetworkInterfacesRequest,
  DescribeNetworkInterfacesResult,
  DescribeSubnetsRequest,
  DescribeSubnetsResult,
  DescribeVpcsRequest,
  DescribeVpcsResult,
  NetworkInterface,
  ReleaseAddressRequest,
  Subnet,
  Vpc,
} from "@aws-sdk/client-ec2";
import { parseCidr, RESERVED_PER_SUBNET } from "../cidr.js";
import type {
  EstateAddress,
  EstateNetworkInterface,
  EstateRegion,
  EstateSubnet,
  EstateVpc,
} from "../estate.js";
import { awsError } from "../errors.js";
import { op, regionOf, tagList, tagsMember, toDate, type Handler, type ServiceContext } from "./context.js";
import { applyEc2Filters, type FilterFields } from "./ec2-filters.js";
import { checkDryRun, ec2Page, findOne, ID_KINDS, nextTokenMember, selectByIds } from "./ec2-shared.js";

/** The hex part of an EC2 id (`vpc-0abc…` → `0abc…`), to derive related ids stably. */
function idHex(id: string): string {
  return id.slice(id.lastIndexOf("-") + 1);
}

export function vpcOutput(ctx: ServiceContext, v: EstateVpc): Vpc {
  return {
    CidrBlock: v.cidr,
    DhcpOptionsId: `dopt-${idHex(v.id)}`,
    State: "available",
    VpcId: v.id,
    OwnerId: ctx.account.id,
    InstanceTenancy: "default",
    CidrBlockAssociationSet: [
      {
        AssociationId: `vpc-cidr-assoc-${idHex(v.id)}`,
        CidrBlock: v.cidr,
        CidrBlockState: { State: "associated" },
      },
    ],
    IsDefault: v.isDefault,
    ...tagsMember(v.tags),
  };
}

function vpcFilters(accountId: string): FilterFields<EstateVpc> {
  return {
    "vpc-id": (v) => v.id,
    cidr: (v) => v.cidr,
    "cidr-block-association.cidr-block": (v) => v.cidr,
    "cidr-block-association.state": () => "associated",
    state: () => "available",
    "is-default": (v) => v.isDefault,
    isDefault: (v) => v.isDefault,
    "owner-id": () => accountId,
    "dhcp-options-id": (v) => `dopt-${idHex(v.id)}`,
  };
}

function describeVpcs(ctx: ServiceContext, input: DescribeVpcsRequest): DescribeVpcsResult {
  const r = regionOf(ctx);
  const ids = input.VpcIds ?? [];
  const selected = ids.length > 0 ? selectByIds(ID_KINDS.vpc, r.vpcs, ids, (v) => v.id) : r.vpcs;
  const matching = applyEc2Filters(selected, input.Filters, vpcFilters(ctx.account.id), (v) => v.tags);
  const page = ec2Page(ctx, input, matching, { min: 5, max: 1000 }, ids.length > 0);
  checkDryRun(input);
  return { Vpcs: page.items.map((v) => vpcOutput(ctx, v)), ...nextTokenMember(page.nextToken) };
}

function freeAddresses(r: EstateRegion, s: EstateSubnet): number {
  const used = r.networkInterfaces.filter((n) => n.subnetId === s.id).length;
  return parseCidr(s.cidr).size - RESERVED_PER_SUBNET - used;
}

export function subnetOutput(ctx: ServiceContext, r: EstateRegion, s: EstateSubnet): Subnet {
  return {
    AvailabilityZone: s.availabilityZone,
    AvailableIpAddressCount: freeAddresses(r, s),
    CidrBlock: s.cidr,
    DefaultForAz: s.defaultForAz,
    MapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    State: "available",
    SubnetId: s.id,
    VpcId: s.vpcId,
    OwnerId: ctx.account.id,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    ...tagsMember(s.tags),
    SubnetArn: `arn:aws:ec2:${ctx.region}:${ctx.account.id}:subnet/${s.id}`,
  };
}

function subnetFilters(r: EstateRegion, accountId: string): FilterFields<EstateSubnet> {
  return {
    "subnet-id": (s) => s.id,
    "vpc-id": (s) => s.vpcId,
    "availability-zone": (s) => s.availabilityZone,
    availabilityZone: (s) => s.availabilityZone,
    "cidr-block": (s) => s.cidr,
    cidr: (s) => s.cidr,
    cidrBlock: (s) => s.cidr,
    state: () => "available",
    "default-for-az": (s) => s.defaultForAz,
    defaultForAz: (s) => s.defaultForAz,
    "map-public-ip-on-launch": (s) => s.mapPublicIpOnLaunch,
    "owner-id": () => accountId,
    "available-ip-address-count": (s) => freeAddresses(r, s),
  };
}

function describeSubnets(ctx: ServiceContext, input: DescribeSubnetsRequest): DescribeSubnetsResult {
  const r = regionOf(ctx);
  const ids = input.SubnetIds ?? [];
  const selected = ids.length > 0 ? selectByIds(ID_KINDS.subnet, r.subnets, ids, (s) => s.id) : r.subnets;
  const matching = applyEc2Filters(selected, input.Filters, subnetFilters(r, ctx.account.id), (s) => s.tags);
  const page = ec2Page(ctx, input, matching, { min: 5, max: 1000 }, ids.length > 0);
  checkDryRun(input);
  return { Subnets: page.items.map((s) => subnetOutput(ctx, r, s)), ...nextTokenMember(page.nextToken) };
}

export function interfaceStatus(n: EstateNetworkInterface): "in-use" | "available" {
  return n.attachment === undefined ? "available" : "in-use";
}

function privateDnsName(region: string, ip: string): string {
  const host = `ip-${ip.replace(/\./g, "-")}`;
  return region === "us-east-1" ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

function interfaceOutput(ctx: ServiceContext, r: EstateRegion, n: EstateNetworkInterface): NetworkInterface {
  const address = r.addresses.find((a) => a.networkInterfaceId === n.id);
  const association =
    n.publicIp === undefined
      ? undefined
      : {
          IpOwnerId: address === undefined ? "amazon" : ctx.account.id,
          PublicDnsName: "",
          PublicIp: n.publicIp,
          ...(address === undefined
            ? {}
            : { AllocationId: address.allocationId, AssociationId: address.associationId }),
        };
  const dns = privateDnsName(ctx.region, n.privateIp);
  return {
    ...(association === undefined ? {} : { Association: association }),
    ...(n.attachment === undefined
      ? {}
      : {
          Attachment: {
            AttachTime: toDate(n.attachment.attachedAt),
            AttachmentId: n.attachment.attachmentId,
            DeleteOnTermination: n.attachment.deleteOnTermination,
            DeviceIndex: n.attachment.deviceIndex,
            NetworkCardIndex: 0,
            ...(n.attachment.instanceId === undefined ? {} : { InstanceId: n.attachment.instanceId }),
            InstanceOwnerId: n.attachment.instanceOwnerId,
            Status: "attached",
          },
        }),
    AvailabilityZone: n.availabilityZone,
    Description: n.description,
    Groups: n.securityGroupIds.map((id) => ({
      GroupId: id,
      GroupName: r.securityGroups.find((g) => g.id === id)?.name ?? id,
    })),
    InterfaceType: n.interfaceType,
    Ipv6Addresses: [],
    MacAddress: n.macAddress,
    NetworkInterfaceId: n.id,
    OwnerId: ctx.account.id,
    PrivateDnsName: dns,
    PrivateIpAddress: n.privateIp,
    PrivateIpAddresses: [
      {
        Primary: true,
        PrivateDnsName: dns,
        PrivateIpAddress: n.privateIp,
        ...(association === undefined ? {} : { Association: association }),
      },
    ],
    ...(n.requesterId === undefined ? {} : { RequesterId: n.requesterId }),
    RequesterManaged: n.requesterManaged,
    SourceDestCheck: true,
    Status: interfaceStatus(n),
    SubnetId: n.subnetId,
    // Network interfaces carry `TagSet`, not `Tags`.
    TagSet: tagList(n.tags),
    VpcId: n.vpcId,
  };
}

function interfaceFilters(r: EstateRegion, accountId: string): FilterFields<EstateNetworkInterface> {
  return {
    "network-interface-id": (n) => n.id,
    status: interfaceStatus,
    "vpc-id": (n) => n.vpcId,
    "subnet-id": (n) => n.subnetId,
    "availability-zone": (n) => n.availabilityZone,
    "attachment.instance-id": (n) => n.attachment?.instanceId,
    "attachment.instance-owner-id": (n) => n.attachment?.instanceOwnerId,
    "attachment.attachment-id": (n) => n.attachment?.attachmentId,
    "attachment.status": (n) => (n.attachment === undefined ? undefined : "attached"),
    "attachment.device-index": (n) => n.attachment?.deviceIndex,
    "group-id": (n) => n.securityGroupIds,
    "group-name": (n) =>
      n.securityGroupIds.map((id) => r.securityGroups.find((g) => g.id === id)?.name ?? ""),
    "interface-type": (n) => n.interfaceType,
    "requester-managed": (n) => n.requesterManaged,
    "requester-id": (n) => n.requesterId,
    description: (n) => n.description,
    "private-ip-address": (n) => n.privateIp,
    "addresses.private-ip-address": (n) => n.privateIp,
    "association.public-ip": (n) => n.publicIp,
    "mac-address": (n) => n.macAddress,
    "owner-id": () => accountId,
  };
}

function describeNetworkInterfaces(
  ctx: ServiceContext,
  input: DescribeNetworkInterfacesRequest,
): DescribeNetworkInterfacesResult {
  const r = regionOf(ctx);
  const ids = input.NetworkInterfaceIds ?? [];
  const idsGiven = ids.length > 0;
  const selected = idsGiven
    ? selectByIds(ID_KINDS.networkInterface, r.networkInterfaces, ids, (n) => n.id)
    : r.networkInterfaces;
  const matching = applyEc2Filters(
    selected,
    input.Filters,
    interfaceFilters(r, ctx.account.id),
    (n) => n.tags,
  );
  const page = ec2Page(
    ctx,
    input,
    matching,
    { min: 5, max: 1000, idsParameter: "networkInterfaceIdSet" },
    idsGiven,
  );
  checkDryRun(input);
  return {
    NetworkInterfaces: page.items.map((n) => interfaceOutput(ctx, r, n)),
    ...nextTokenMember(page.nextToken),
  };
}

function deleteNetworkInterface(
  ctx: ServiceContext,
  input: DeleteNetworkInterfaceRequest,
): Record<string, never> {
  const r = regionOf(ctx);
  const eni = findOne(ID_KINDS.networkInterface, r.networkInterfaces, input.NetworkInterfaceId, (n) => n.id);
  if (eni.attachment !== undefined) {
    throw awsError("InvalidNetworkInterface.InUse", `The network interface '${eni.id}' is currently in use.`);
  }
  checkDryRun(input);
  r.networkInterfaces = r.networkInterfaces.filter((n) => n !== eni);
  for (const a of r.addresses.filter((x) => x.networkInterfaceId === eni.id)) {
    delete a.associationId;
    delete a.networkInterfaceId;
    delete a.privateIp;
  }
  return {};
}

function addressOutput(ctx: ServiceContext, a: EstateAddress): Address {
  return {
    AllocationId: a.allocationId,
    ...(a.associationId === undefined ? {} : { AssociationId: a.associationId }),
    Domain: "vpc",
    ...(a.instanceId === undefined ? {} : { InstanceId: a.instanceId }),
    ...(a.networkInterfaceId === undefined
      ? {}
      : { NetworkInterfaceId: a.networkInterfaceId, NetworkInterfaceOwnerId: ctx.account.id }),
    ...(a.privateIp === undefined ? {} : { PrivateIpAddress: a.privateIp }),
    PublicIp: a.publicIp,
    PublicIpv4Pool: "amazon",
    NetworkBorderGroup: ctx.region,
    ...tagsMember(a.tags),
  };
}

function addressFilters(region: string): FilterFields<EstateAddress> {
  return {
    "allocation-id": (a) => a.allocationId,
    "association-id": (a) => a.associationId,
    domain: () => "vpc",
    "instance-id": (a) => a.instanceId,
    "network-interface-id": (a) => a.networkInterfaceId,
    "private-ip-address": (a) => a.privateIp,
    "public-ip": (a) => a.publicIp,
    "network-border-group": () => region,
  };
}

function describeAddresses(ctx: ServiceContext, input: DescribeAddressesRequest): DescribeAddressesResult {
  const r = regionOf(ctx);
  let selected: readonly EstateAddress[] = r.addresses;
  if (input.AllocationIds !== undefined && input.AllocationIds.length > 0) {
    selected = selectByIds(ID_KINDS.allocation, selected, input.AllocationIds, (a) => a.allocationId);
  }
  if (input.PublicIps !== undefined && input.PublicIps.length > 0) {
    const missing = input.PublicIps.filter((ip) => !selected.some((a) => a.publicIp === ip));
    if (missing.length > 0)
      throw awsError("InvalidAddress.NotFound", `Address '${missing.join(", ")}' not found.`);
    selected = selected.filter((a) => input.PublicIps?.includes(a.publicIp));
  }
  const matching = applyEc2Filters(selected, input.Filters, addressFilters(ctx.region), (a) => a.tags);
  checkDryRun(input);
  // DescribeAddresses is not paginated.
  return { Addresses: matching.map((a) => addressOutput(ctx, a)) };
}

function releaseAddress(ctx: ServiceContext, input: ReleaseAddressRequest): Record<string, never> {
  const r = regionOf(ctx);
  let address: EstateAddress | undefined;
  if (input.AllocationId !== undefined) {
    address = findOne(ID_KINDS.allocation, r.addresses, input.AllocationId, (a) => a.allocationId);
  } else if (input.PublicIp !== undefined) {
    address = r.addresses.find((a) => a.publicIp === input.PublicIp);
    if (address === undefined)
      throw awsError("InvalidAddress.NotFound", `Address '${input.PublicIp}' not found.`);
  } else {
    throw awsError("MissingParameter", "Either public IP or allocation id must be specified");
  }
  if (address.associationId !== undefined) {
    throw awsError(
      "InvalidIPAddress.InUse",
      `The address with allocation id '${address.allocationId}' is in use.`,
    );
  }
  checkDryRun(input);
  const released = address;
  r.addresses = r.addresses.filter((a) => a !== released);
  return {};
}

export const NETWORK_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeVpcs: op(describeVpcs),
  DescribeSubnets: op(describeSubnets),
  DescribeNetworkInterfaces: op(describeNetworkInterfaces),
  DeleteNetworkInterface: op(deleteNetworkInterface),
  DescribeAddresses: op(describeAddresses),
  ReleaseAddress: op(releaseAddress),
};
