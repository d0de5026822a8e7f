/**
 * Gateways and Elastic IPs: CreateInternetGateway, AttachInternetGateway,
 * DetachInternetGateway, DeleteInternetGateway, AllocateAddress, CreateNatGateway,
 * DeleteNatGateway. NAT gateways are `available` as soon as they are created.
 */
import type {
  AllocateAddressRequest,
  AllocateAddressResult,
  AttachInternetGatewayRequest,
  CreateInternetGatewayRequest,
  CreateInternetGatewayResult,
  CreateNatGatewayRequest,
  CreateNatGatewayResult,
  DeleteInternetGatewayRequest,
  DeleteNatGatewayRequest,
  DeleteNatGatewayResult,
  DetachInternetGatewayRequest,
} from "@aws-sdk/client-ec2";
import type { EstateAddress, EstateInternetGateway, EstateNatGateway } from "../estate.js";
import { awsError } from "../errors.js";
import { natGatewayInterface } from "../vpc-parts.js";
import { ensureRegion, op, regionOf, tagsMember, type Handler, type ServiceContext } from "./context.js";
import { nextFreeAddress } from "./ec2-instances.js";
import { internetGatewayOutput, natGatewayOutput } from "./ec2-routing.js";
import { checkDryRun, dependencyViolation, findOne, ID_KINDS } from "./ec2-shared.js";
import { specifiedTags } from "./ec2-tags.js";

function createInternetGateway(
  ctx: ServiceContext,
  input: CreateInternetGatewayRequest,
): CreateInternetGatewayResult {
  const tags = specifiedTags(input.TagSpecifications, ["internet-gateway"]);
  checkDryRun(input);
  const gateway: EstateInternetGateway = { id: ctx.ids.ec2("igw"), tags: tags("internet-gateway") };
  ensureRegion(ctx).internetGateways.push(gateway);
  return { InternetGateway: internetGatewayOutput(ctx, gateway) };
}

function attachInternetGateway(
  ctx: ServiceContext,
  input: AttachInternetGatewayRequest,
): Record<string, never> {
  const r = regionOf(ctx);
  const gateway = findOne(ID_KINDS.internetGateway, r.internetGateways, input.InternetGatewayId, (g) => g.id);
  const vpc = findOne(ID_KINDS.vpc, r.vpcs, input.VpcId, (v) => v.id);
  if (gateway.vpcId !== undefined) {
    throw awsError(
      "Resource.AlreadyAssociated",
      `resource ${gateway.id} is already attached to network ${gateway.vpcId}`,
    );
  }
  // A VPC has at most one internet gateway.
  const other = r.internetGateways.find((g) => g.vpcId === vpc.id);
  if (other !== undefined) {
    throw awsError(
      "Resource.AlreadyAssociated",
      `resource ${vpc.id} is already attached to network ${other.id}`,
    );
  }
  checkDryRun(input);
  gateway.vpcId = vpc.id;
  return {};
}

function detachInternetGateway(
  ctx: ServiceContext,
  input: DetachInternetGatewayRequest,
): Record<string, never> {
  const r = regionOf(ctx);
  const gateway = findOne(ID_KINDS.internetGateway, r.internetGateways, input.InternetGatewayId, (g) => g.id);
  const vpc = findOne(ID_KINDS.vpc, r.vpcs, input.VpcId, (v) => v.id);
  if (gateway.vpcId !== vpc.id) {
    throw awsError("Gateway.NotAttached", `resource ${gateway.id} is not attached to network ${vpc.id}`);
  }
  // Public addresses in the VPC (instances, Elastic IPs, NAT gateways) need the gateway.
  if (r.networkInterfaces.some((n) => n.vpcId === vpc.id && n.publicIp !== undefined)) {
    throw awsError(
      "DependencyViolation",
      `Network ${vpc.id} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
    );
  }
  checkDryRun(input);
  delete gateway.vpcId;
  return {};
}

function deleteInternetGateway(
  ctx: ServiceContext,
  input: DeleteInternetGatewayRequest,
): Record<string, never> {
  const r = regionOf(ctx);
  const gateway = findOne(ID_KINDS.internetGateway, r.internetGateways, input.InternetGatewayId, (g) => g.id);
  if (gateway.vpcId !== undefined) throw dependencyViolation("internetGateway", gateway.id);
  checkDryRun(input);
  r.internetGateways = r.internetGateways.filter((g) => g !== gateway);
  return {};
}

function allocateAddress(ctx: ServiceContext, input: AllocateAddressRequest): AllocateAddressResult {
  if (input.Domain !== undefined && input.Domain !== "vpc") {
    throw awsError(
      "InvalidParameterValue",
      `Value (${input.Domain}) for parameter domain is invalid. EC2-Classic is retired; use vpc.`,
    );
  }
  const tags = specifiedTags(input.TagSpecifications, ["elastic-ip"]);
  checkDryRun(input);
  const address: EstateAddress = {
    allocationId: ctx.ids.ec2("eipalloc"),
    publicIp: ctx.ids.publicIp(),
    tags: tags("elastic-ip"),
  };
  ensureRegion(ctx).addresses.push(address);
  return {
    AllocationId: address.allocationId,
    PublicIp: address.publicIp,
    Domain: "vpc",
    PublicIpv4Pool: "amazon",
    NetworkBorderGroup: ctx.region,
  };
}

/** Whether a gateway created with a ClientToken was asked for with the same parameters. */
function sameNatRequest(g: EstateNatGateway, input: CreateNatGatewayRequest): boolean {
  return (
    g.subnetId === input.SubnetId &&
    g.connectivityType === (input.ConnectivityType ?? "public") &&
    g.allocationId === input.AllocationId
  );
}

function createNatGateway(ctx: ServiceContext, input: CreateNatGatewayRequest): CreateNatGatewayResult {
  const r = regionOf(ctx);
  if (input.ClientToken !== undefined) {
    const earlier = r.natGateways.find((g) => g.clientToken === input.ClientToken);
    if (earlier !== undefined) {
      if (!sameNatRequest(earlier, input)) {
        throw awsError(
          "IdempotentParameterMismatch",
          `The client token ${input.ClientToken} was already used with different parameters.`,
        );
      }
      checkDryRun(input);
      return { ClientToken: input.ClientToken, NatGateway: natGatewayOutput(r, earlier) };
    }
  }
  const subnet = findOne(ID_KINDS.subnet, r.subnets, input.SubnetId, (s) => s.id);
  const connectivity = input.ConnectivityType ?? "public";
  let address: EstateAddress | undefined;
  if (connectivity === "public") {
    if (input.AllocationId === undefined) {
      throw awsError(
        "MissingParameter",
        "The request must contain the parameter AllocationId for a public NAT gateway",
      );
    }
    address = findOne(ID_KINDS.allocation, r.addresses, input.AllocationId, (a) => a.allocationId);
    if (address.associationId !== undefined) {
      throw awsError(
        "Resource.AlreadyAssociated",
        `Elastic IP address [${address.allocationId}] is already associated`,
      );
    }
  } else if (input.AllocationId !== undefined) {
    throw awsError("InvalidParameterCombination", "A private NAT gateway cannot have an Elastic IP address.");
  }
  const tags = specifiedTags(input.TagSpecifications, ["natgateway"]);
  checkDryRun(input);
  const now = ctx.now().toISOString();
  const id = ctx.ids.ec2("nat");
  const common = {
    id,
    vpcId: subnet.vpcId,
    subnetId: subnet.id,
    connectivityType: connectivity,
    createdAt: now,
    ...(input.ClientToken === undefined ? {} : { clientToken: input.ClientToken }),
    tags: tags("natgateway"),
  };
  const answer = (gateway: EstateNatGateway): CreateNatGatewayResult => ({
    ...(input.ClientToken === undefined ? {} : { ClientToken: input.ClientToken }),
    // AWS answers `pending`; the sandbox's reads already see the outcome.
    NatGateway: { ...natGatewayOutput(r, gateway), State: "pending", ...tagsMember(gateway.tags) },
  });
  // A public NAT gateway needs the VPC's internet gateway: without one AWS fails it (after
  // answering), keeping neither its interface nor the Elastic IP.
  if (address !== undefined && !r.internetGateways.some((g) => g.vpcId === subnet.vpcId)) {
    const failed: EstateNatGateway = {
      ...common,
      state: "failed",
      allocationId: address.allocationId,
      networkInterfaceId: "",
      privateIp: "",
      failure: {
        code: "Gateway.NotAttached",
        message: `Network ${subnet.vpcId} has no Internet gateway attached`,
      },
    };
    r.natGateways.push(failed);
    return answer(failed);
  }
  const privateIp = nextFreeAddress(r, subnet.id, subnet.cidr);
  const eni = natGatewayInterface(ctx.ids, {
    natGatewayId: id,
    subnet,
    privateIp,
    publicIp: address?.publicIp,
    attachedAt: now,
  });
  r.networkInterfaces.push(eni);
  if (address !== undefined) {
    address.associationId = ctx.ids.ec2("eipassoc");
    address.networkInterfaceId = eni.id;
    address.privateIp = privateIp;
  }
  const gateway: EstateNatGateway = {
    ...common,
    state: "available",
    ...(address === undefined ? {} : { allocationId: address.allocationId, publicIp: address.publicIp }),
    networkInterfaceId: eni.id,
    privateIp,
  };
  r.natGateways.push(gateway);
  return answer(gateway);
}

function deleteNatGateway(ctx: ServiceContext, input: DeleteNatGatewayRequest): DeleteNatGatewayResult {
  const r = regionOf(ctx);
  const gateway = findOne(ID_KINDS.natGateway, r.natGateways, input.NatGatewayId, (g) => g.id);
  checkDryRun(input);
  if (gateway.state === "deleted" || gateway.state === "failed") return { NatGatewayId: gateway.id };
  gateway.state = "deleted";
  gateway.deletedAt = ctx.now().toISOString();
  r.networkInterfaces = r.networkInterfaces.filter((n) => n.id !== gateway.networkInterfaceId);
  for (const a of r.addresses.filter((x) => x.networkInterfaceId === gateway.networkInterfaceId)) {
    delete a.associationId;
    delete a.networkInterfaceId;
    delete a.privateIp;
  }
  return { NatGatewayId: gateway.id };
}

export const GATEWAY_WRITE_HANDLERS: Readonly<Record<string, Handler>> = {
  CreateInternetGateway: op(createInternetGateway),
  AttachInternetGateway: op(attachInternetGateway),
  DetachInternetGateway: op(detachInternetGateway),
  DeleteInternetGateway: op(deleteInternetGateway),
  AllocateAddress: op(allocateAddress),
  CreateNatGateway: op(createNatGateway),
  DeleteNatGateway: op(deleteNatGateway),
};
