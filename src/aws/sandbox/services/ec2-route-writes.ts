/**
 * Route table writes: CreateRouteTable, DeleteRouteTable, CreateRoute, DeleteRoute,
 * AssociateRouteTable, DisassociateRouteTable.
 */
import type {
  AssociateRouteTableRequest,
  AssociateRouteTableResult,
  CreateRouteRequest,
  CreateRouteResult,
  CreateRouteTableRequest,
  CreateRouteTableResult,
  DeleteRouteRequest,
  DeleteRouteTableRequest,
  DisassociateRouteTableRequest,
} from "@aws-sdk/client-ec2";
import { isIpv4Cidr } from "../cidr.js";
import type { EstateRoute, EstateRouteTable } from "../estate.js";
import { awsError } from "../errors.js";
import { op, regionOf, type Handler, type ServiceContext } from "./context.js";
import { routeTableOutput } from "./ec2-routing.js";
import { checkDryRun, dependencyViolation, findOne, ID_KINDS } from "./ec2-shared.js";
import { specifiedTags } from "./ec2-tags.js";

function createRouteTable(ctx: ServiceContext, input: CreateRouteTableRequest): CreateRouteTableResult {
  const r = regionOf(ctx);
  const vpc = findOne(ID_KINDS.vpc, r.vpcs, input.VpcId, (v) => v.id);
  const tags = specifiedTags(input.TagSpecifications, ["route-table"]);
  checkDryRun(input);
  const table: EstateRouteTable = {
    id: ctx.ids.ec2("rtb"),
    vpcId: vpc.id,
    isMain: false,
    routes: [{ destinationCidr: vpc.cidr, gatewayId: "local" }],
    associations: [],
    tags: tags("route-table"),
  };
  r.routeTables.push(table);
  return { RouteTable: routeTableOutput(ctx, table) };
}

function deleteRouteTable(ctx: ServiceContext, input: DeleteRouteTableRequest): Record<string, never> {
  const r = regionOf(ctx);
  const table = findOne(ID_KINDS.routeTable, r.routeTables, input.RouteTableId, (t) => t.id);
  // The main route table and any table with subnet associations cannot go.
  if (table.isMain || table.associations.length > 0) throw dependencyViolation("routeTable", table.id);
  checkDryRun(input);
  r.routeTables = r.routeTables.filter((t) => t !== table);
  return {};
}

function destinationOf(input: { DestinationCidrBlock?: string | undefined }): string {
  const cidr = input.DestinationCidrBlock;
  if (cidr === undefined || cidr === "")
    throw awsError("MissingParameter", "The request must contain the parameter destinationCidrBlock");
  if (!isIpv4Cidr(cidr)) {
    throw awsError(
      "InvalidParameterValue",
      `Value (${cidr}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`,
    );
  }
  return cidr;
}

function createRoute(ctx: ServiceContext, input: CreateRouteRequest): CreateRouteResult {
  const r = regionOf(ctx);
  const table = findOne(ID_KINDS.routeTable, r.routeTables, input.RouteTableId, (t) => t.id);
  const destination = destinationOf(input);
  const targets = [input.GatewayId, input.NatGatewayId].filter((t) => t !== undefined);
  if (targets.length !== 1) {
    throw awsError(
      "InvalidParameterCombination",
      "The request must contain exactly one of gatewayId or natGatewayId (the targets the sandbox models).",
    );
  }
  // The target must be in the table's VPC (an internet gateway: attached to it).
  const target =
    input.GatewayId !== undefined
      ? {
          what: "network gateway",
          vpcId: findOne(ID_KINDS.internetGateway, r.internetGateways, input.GatewayId, (g) => g.id).vpcId,
          route: { destinationCidr: destination, gatewayId: input.GatewayId },
        }
      : {
          what: "NAT gateway",
          vpcId: findOne(ID_KINDS.natGateway, r.natGateways, input.NatGatewayId, (g) => g.id).vpcId,
          route: { destinationCidr: destination, natGatewayId: input.NatGatewayId ?? "" },
        };
  if (target.vpcId !== table.vpcId) {
    throw awsError(
      "InvalidParameterValue",
      `route table ${table.id} and ${target.what} ${input.GatewayId ?? input.NatGatewayId ?? ""} belong to different networks`,
    );
  }
  const route: EstateRoute = target.route;
  if (table.routes.some((x) => x.destinationCidr === destination)) {
    throw awsError("RouteAlreadyExists", `The route identified by ${destination} already exists.`);
  }
  checkDryRun(input);
  table.routes.push(route);
  return { Return: true };
}

function deleteRoute(ctx: ServiceContext, input: DeleteRouteRequest): Record<string, never> {
  const r = regionOf(ctx);
  const table = findOne(ID_KINDS.routeTable, r.routeTables, input.RouteTableId, (t) => t.id);
  const destination = destinationOf(input);
  const route = table.routes.find((x) => x.destinationCidr === destination);
  if (route === undefined) {
    throw awsError(
      "InvalidRoute.NotFound",
      `no route with destination-cidr-block ${destination} in route table ${table.id}`,
    );
  }
  if (route.gatewayId === "local") {
    throw awsError(
      "InvalidParameterValue",
      `cannot remove local route ${destination} in route table ${table.id}`,
    );
  }
  checkDryRun(input);
  table.routes = table.routes.filter((x) => x !== route);
  return {};
}

function associateRouteTable(
  ctx: ServiceContext,
  input: AssociateRouteTableRequest,
): AssociateRouteTableResult {
  const r = regionOf(ctx);
  const table = findOne(ID_KINDS.routeTable, r.routeTables, input.RouteTableId, (t) => t.id);
  const subnet = findOne(ID_KINDS.subnet, r.subnets, input.SubnetId, (s) => s.id);
  if (subnet.vpcId !== table.vpcId) {
    throw awsError(
      "InvalidParameterValue",
      `Route table ${table.id} and subnet ${subnet.id} belong to different networks`,
    );
  }
  // A subnet has at most one explicit association.
  const existing = r.routeTables.find((t) => t.associations.some((a) => a.subnetId === subnet.id));
  if (existing !== undefined) {
    throw awsError(
      "Resource.AlreadyAssociated",
      `the specified association for route table ${existing.id} conflicts with an existing association`,
    );
  }
  checkDryRun(input);
  const id = ctx.ids.ec2("rtbassoc");
  table.associations.push({ id, subnetId: subnet.id, isMain: false });
  return { AssociationId: id, AssociationState: { State: "associated" } };
}

function disassociateRouteTable(
  ctx: ServiceContext,
  input: DisassociateRouteTableRequest,
): Record<string, never> {
  const r = regionOf(ctx);
  const id = input.AssociationId;
  if (id === undefined || id === "")
    throw awsError("MissingParameter", "The request must contain the parameter associationId");
  const table = r.routeTables.find((t) => t.associations.some((a) => a.id === id));
  const association = table?.associations.find((a) => a.id === id);
  if (table === undefined || association === undefined)
    throw awsError("InvalidAssociationID.NotFound", `The association ID '${id}' does not exist`);
  if (association.isMain) {
    throw awsError("InvalidParameterValue", `cannot disassociate the main route table association ${id}`);
  }
  checkDryRun(input);
  table.associations = table.associations.filter((a) => a !== association);
  return {};
}

export const ROUTE_WRITE_HANDLERS: Readonly<Record<string, Handler>> = {
  CreateRouteTable: op(createRouteTable),
  DeleteRouteTable: op(deleteRouteTable),
  CreateRoute: op(createRoute),
  DeleteRoute: op(deleteRoute),
  AssociateRouteTable: op(associateRouteTable),
  DisassociateRouteTable: op(disassociateRouteTable),
};
