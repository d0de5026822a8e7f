/**
 * VPC routing and gateways: DescribeRouteTables, DescribeInternetGateways,
 * DescribeNatGateways (its filter parameter is `Filter`, not `Filters`), DescribeNetworkAcls.
 */
import type {
  AttachmentStatus,
  DescribeInternetGatewaysRequest,
  DescribeInternetGatewaysResult,
  DescribeNatGatewaysRequest,
  DescribeNatGatewaysResult,
  DescribeNetworkAclsRequest,
  DescribeNetworkAclsResult,
  DescribeRouteTablesRequest,
  DescribeRouteTablesResult,
  InternetGateway,
  NatGateway,
  NetworkAcl,
  RouteTable,
} from "@aws-sdk/client-ec2";
import type {
  EstateInternetGateway,
  EstateNatGateway,
  EstateNetworkAcl,
  EstateNetworkAclEntry,
  EstateRegion,
  EstateRoute,
  EstateRouteTable,
} from "../estate.js";
import { op, regionOf, tagsMember, toDate, type Handler, type ServiceContext } from "./context.js";
import { applyEc2Filters, type FilterFields } from "./ec2-filters.js";
import { checkDryRun, ec2Page, ID_KINDS, nextTokenMember, selectByIds, type IdKind } from "./ec2-shared.js";

/**
 * The shared shape of these Describe calls: ids (Malformed/NotFound as AWS names them), then
 * filters, then a page.
 */
function describe<T extends { id: string; tags: Record<string, string> }>(
  ctx: ServiceContext,
  input: { MaxResults?: number | undefined; NextToken?: string | undefined; DryRun?: boolean | undefined },
  spec: {
    kind: IdKind;
    items: readonly T[];
    ids: readonly string[] | undefined;
    filters: Parameters<typeof applyEc2Filters>[1];
    fields: FilterFields<T>;
    maxResults: number;
  },
): { items: T[]; nextToken?: string } {
  const ids = spec.ids ?? [];
  const selected = ids.length > 0 ? selectByIds(spec.kind, spec.items, ids, (x) => x.id) : spec.items;
  const matching = applyEc2Filters(selected, spec.filters, spec.fields, (x) => x.tags);
  const page = ec2Page(ctx, input, matching, { min: 5, max: spec.maxResults }, ids.length > 0);
  checkDryRun(input);
  return page;
}

/**
 * A route whose target is gone (a NAT gateway deleted, an internet gateway detached from the
 * table's VPC) is a `blackhole`, as AWS reports it.
 */
function routeState(r: EstateRegion, t: EstateRouteTable, route: EstateRoute): "active" | "blackhole" {
  if (route.natGatewayId !== undefined) {
    const nat = r.natGateways.find((g) => g.id === route.natGatewayId);
    return nat !== undefined && isLiveNatGateway(nat) ? "active" : "blackhole";
  }
  if (route.gatewayId !== undefined && route.gatewayId.startsWith("igw-")) {
    const igw = r.internetGateways.find((g) => g.id === route.gatewayId);
    return igw?.vpcId === t.vpcId ? "active" : "blackhole";
  }
  return "active";
}

export function routeTableOutput(ctx: ServiceContext, t: EstateRouteTable): RouteTable {
  const r = regionOf(ctx);
  return {
    Associations: t.associations.map((a) => ({
      Main: a.isMain,
      RouteTableAssociationId: a.id,
      RouteTableId: t.id,
      ...(a.subnetId === undefined ? {} : { SubnetId: a.subnetId }),
      AssociationState: { State: "associated" },
    })),
    PropagatingVgws: [],
    RouteTableId: t.id,
    Routes: t.routes.map((route) => ({
      DestinationCidrBlock: route.destinationCidr,
      ...(route.gatewayId === undefined ? {} : { GatewayId: route.gatewayId }),
      ...(route.natGatewayId === undefined ? {} : { NatGatewayId: route.natGatewayId }),
      Origin: route.gatewayId === "local" ? "CreateRouteTable" : "CreateRoute",
      State: routeState(r, t, route),
    })),
    ...tagsMember(t.tags),
    VpcId: t.vpcId,
    OwnerId: ctx.account.id,
  };
}

function routeTableFilters(accountId: string): FilterFields<EstateRouteTable> {
  return {
    "route-table-id": (t) => t.id,
    "vpc-id": (t) => t.vpcId,
    "owner-id": () => accountId,
    "association.main": (t) => t.associations.some((a) => a.isMain),
    "association.subnet-id": (t) => t.associations.map((a) => a.subnetId),
    "association.route-table-association-id": (t) => t.associations.map((a) => a.id),
    "association.route-table-id": (t) => (t.associations.length > 0 ? t.id : undefined),
    "route.destination-cidr-block": (t) => t.routes.map((r) => r.destinationCidr),
    "route.gateway-id": (t) => t.routes.map((r) => r.gatewayId),
    "route.nat-gateway-id": (t) => t.routes.map((r) => r.natGatewayId),
    "route.origin": (t) =>
      t.routes.map((r) => (r.gatewayId === "local" ? "CreateRouteTable" : "CreateRoute")),
    "route.state": (t) => (t.routes.length > 0 ? "active" : undefined),
  };
}

function describeRouteTables(
  ctx: ServiceContext,
  input: DescribeRouteTablesRequest,
): DescribeRouteTablesResult {
  const page = describe(ctx, input, {
    kind: ID_KINDS.routeTable,
    items: regionOf(ctx).routeTables,
    ids: input.RouteTableIds,
    filters: input.Filters,
    fields: routeTableFilters(ctx.account.id),
    maxResults: 100,
  });
  return {
    RouteTables: page.items.map((t) => routeTableOutput(ctx, t)),
    ...nextTokenMember(page.nextToken),
  };
}

export function internetGatewayOutput(ctx: ServiceContext, g: EstateInternetGateway): InternetGateway {
  return {
    // EC2 reports an attached internet gateway's attachment as `available`, a value the
    // SDK's AttachmentStatus enum does not list.
    Attachments: g.vpcId === undefined ? [] : [{ State: "available" as AttachmentStatus, VpcId: g.vpcId }],
    InternetGatewayId: g.id,
    OwnerId: ctx.account.id,
    ...tagsMember(g.tags),
  };
}

function internetGatewayFilters(accountId: string): FilterFields<EstateInternetGateway> {
  return {
    "internet-gateway-id": (g) => g.id,
    "attachment.vpc-id": (g) => g.vpcId,
    "attachment.state": (g) => (g.vpcId === undefined ? undefined : "available"),
    "owner-id": () => accountId,
  };
}

function describeInternetGateways(
  ctx: ServiceContext,
  input: DescribeInternetGatewaysRequest,
): DescribeInternetGatewaysResult {
  const page = describe(ctx, input, {
    kind: ID_KINDS.internetGateway,
    items: regionOf(ctx).internetGateways,
    ids: input.InternetGatewayIds,
    filters: input.Filters,
    fields: internetGatewayFilters(ctx.account.id),
    maxResults: 1000,
  });
  return {
    InternetGateways: page.items.map((g) => internetGatewayOutput(ctx, g)),
    ...nextTokenMember(page.nextToken),
  };
}

/** A NAT gateway that is (or will be) there: not failed, deleting or deleted. */
export function isLiveNatGateway(g: EstateNatGateway): boolean {
  return g.state === "available" || g.state === "pending";
}

export function natGatewayOutput(r: EstateRegion, g: EstateNatGateway): NatGateway {
  const address = r.addresses.find(
    (a) => a.allocationId === g.allocationId && a.networkInterfaceId === g.networkInterfaceId,
  );
  const addresses =
    g.failure === undefined
      ? [
          {
            ...(g.allocationId === undefined ? {} : { AllocationId: g.allocationId }),
            NetworkInterfaceId: g.networkInterfaceId,
            PrivateIp: g.privateIp,
            ...(g.publicIp === undefined ? {} : { PublicIp: g.publicIp }),
            ...(address?.associationId === undefined ? {} : { AssociationId: address.associationId }),
            IsPrimary: true,
            Status: "succeeded" as const,
          },
        ]
      : // A failed gateway never got its interface.
        [
          {
            ...(g.allocationId === undefined ? {} : { AllocationId: g.allocationId }),
            IsPrimary: true,
            Status: "failed" as const,
            FailureMessage: g.failure.message,
          },
        ];
  return {
    CreateTime: toDate(g.createdAt),
    ...(g.deletedAt === undefined ? {} : { DeleteTime: toDate(g.deletedAt) }),
    ...(g.failure === undefined ? {} : { FailureCode: g.failure.code, FailureMessage: g.failure.message }),
    NatGatewayAddresses: addresses,
    NatGatewayId: g.id,
    State: g.state,
    SubnetId: g.subnetId,
    VpcId: g.vpcId,
    ...tagsMember(g.tags),
    ConnectivityType: g.connectivityType,
  };
}

const NAT_GATEWAY_FILTERS: FilterFields<EstateNatGateway> = {
  "nat-gateway-id": (g) => g.id,
  state: (g) => g.state,
  "subnet-id": (g) => g.subnetId,
  "vpc-id": (g) => g.vpcId,
};

function describeNatGateways(
  ctx: ServiceContext,
  input: DescribeNatGatewaysRequest,
): DescribeNatGatewaysResult {
  const r = regionOf(ctx);
  const page = describe(ctx, input, {
    kind: ID_KINDS.natGateway,
    items: r.natGateways,
    ids: input.NatGatewayIds,
    // DescribeNatGateways names its filter list `Filter` (singular), unlike every other Describe call.
    filters: input.Filter,
    fields: NAT_GATEWAY_FILTERS,
    maxResults: 1000,
  });
  return { NatGateways: page.items.map((g) => natGatewayOutput(r, g)), ...nextTokenMember(page.nextToken) };
}

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { tcp: "6", udp: "17", icmp: "1" };

function entryProtocol(e: EstateNetworkAclEntry): string {
  return PROTOCOL_NUMBERS[e.protocol] ?? e.protocol;
}

function networkAclOutput(ctx: ServiceContext, acl: EstateNetworkAcl): NetworkAcl {
  return {
    Associations: acl.associations.map((a) => ({
      NetworkAclAssociationId: a.id,
      NetworkAclId: acl.id,
      SubnetId: a.subnetId,
    })),
    Entries: acl.entries.map((e) => ({
      CidrBlock: e.cidr,
      Egress: e.egress,
      Protocol: entryProtocol(e),
      RuleAction: e.action,
      RuleNumber: e.ruleNumber,
      ...(e.fromPort === undefined ? {} : { PortRange: { From: e.fromPort, To: e.toPort ?? e.fromPort } }),
    })),
    IsDefault: acl.isDefault,
    NetworkAclId: acl.id,
    ...tagsMember(acl.tags),
    VpcId: acl.vpcId,
    OwnerId: ctx.account.id,
  };
}

function networkAclFilters(accountId: string): FilterFields<EstateNetworkAcl> {
  return {
    "network-acl-id": (acl) => acl.id,
    "vpc-id": (acl) => acl.vpcId,
    default: (acl) => acl.isDefault,
    "owner-id": () => accountId,
    "association.association-id": (acl) => acl.associations.map((a) => a.id),
    "association.network-acl-id": (acl) => (acl.associations.length > 0 ? acl.id : undefined),
    "association.subnet-id": (acl) => acl.associations.map((a) => a.subnetId),
    "entry.cidr": (acl) => acl.entries.map((e) => e.cidr),
    "entry.egress": (acl) => acl.entries.map((e) => String(e.egress)),
    "entry.protocol": (acl) => acl.entries.map(entryProtocol),
    "entry.rule-action": (acl) => acl.entries.map((e) => e.action),
    "entry.rule-number": (acl) => acl.entries.map((e) => String(e.ruleNumber)),
    "entry.port-range.from": (acl) => acl.entries.map((e) => e.fromPort?.toString()),
    "entry.port-range.to": (acl) => acl.entries.map((e) => e.toPort?.toString()),
  };
}

function describeNetworkAcls(
  ctx: ServiceContext,
  input: DescribeNetworkAclsRequest,
): DescribeNetworkAclsResult {
  const page = describe(ctx, input, {
    kind: ID_KINDS.networkAcl,
    items: regionOf(ctx).networkAcls,
    ids: input.NetworkAclIds,
    filters: input.Filters,
    fields: networkAclFilters(ctx.account.id),
    maxResults: 100,
  });
  return {
    NetworkAcls: page.items.map((acl) => networkAclOutput(ctx, acl)),
    ...nextTokenMember(page.nextToken),
  };
}

export const ROUTING_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeRouteTables: op(describeRouteTables),
  DescribeInternetGateways: op(describeInternetGateways),
  DescribeNatGateways: op(describeNatGateways),
  DescribeNetworkAcls: op(describeNetworkAcls),
};
