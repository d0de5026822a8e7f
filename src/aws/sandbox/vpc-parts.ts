/**
 * What AWS creates alongside a VPC or a security group, shared by the estate builders and the
 * sandbox's CreateVpc / CreateSubnet / CreateSecurityGroup handlers so both make the same shapes.
 */
import type {
  EstateNetworkAcl,
  EstateNetworkInterface,
  EstateRouteTable,
  EstateSecurityGroup,
  EstateSubnet,
  EstateVpc,
  Tags,
} from "./estate.js";
import type { IdFactory } from "./ids.js";

/** The VPC's main route table: the local route and the main association. */
export function mainRouteTableFor(ids: IdFactory, vpc: EstateVpc): EstateRouteTable {
  return {
    id: ids.ec2("rtb"),
    vpcId: vpc.id,
    isMain: true,
    routes: [{ destinationCidr: vpc.cidr, gatewayId: "local" }],
    associations: [{ id: ids.ec2("rtbassoc"), isMain: true }],
    tags: {},
  };
}

/** The VPC's default network ACL: allow all (rule 100) then deny (`*`), both ways, on every subnet. */
export function defaultNetworkAclFor(
  ids: IdFactory,
  vpc: EstateVpc,
  subnets: readonly EstateSubnet[],
): EstateNetworkAcl {
  const everywhere = "0.0.0.0/0";
  return {
    id: ids.ec2("acl"),
    vpcId: vpc.id,
    isDefault: true,
    entries: [false, true].flatMap((egress) => [
      { ruleNumber: 100, egress, protocol: "-1", action: "allow" as const, cidr: everywhere },
      { ruleNumber: 32767, egress, protocol: "-1", action: "deny" as const, cidr: everywhere },
    ]),
    associations: subnets.map((s) => ({ id: ids.ec2("aclassoc"), subnetId: s.id })),
    tags: {},
  };
}

/** A new security group: no ingress, and the allow-all IPv4 egress rule AWS gives every group. */
export function newSecurityGroup(spec: {
  id: string;
  vpcId: string;
  name: string;
  description: string;
  tags: Tags;
}): EstateSecurityGroup {
  return {
    id: spec.id,
    name: spec.name,
    description: spec.description,
    vpcId: spec.vpcId,
    ingress: [],
    egress: [{ protocol: "-1", ipv4: [{ cidr: "0.0.0.0/0" }], ipv6: [], groups: [] }],
    tags: { ...spec.tags },
  };
}

/**
 * A NAT gateway's requester-managed interface in its subnet (type `natGateway`, attached for
 * `amazon-aws`), carrying the Elastic IP's address when the gateway is public.
 */
export function natGatewayInterface(
  ids: IdFactory,
  spec: {
    natGatewayId: string;
    subnet: EstateSubnet;
    privateIp: string;
    publicIp: string | undefined;
    attachedAt: string;
  },
): EstateNetworkInterface {
  return {
    id: ids.ec2("eni"),
    subnetId: spec.subnet.id,
    vpcId: spec.subnet.vpcId,
    availabilityZone: spec.subnet.availabilityZone,
    privateIp: spec.privateIp,
    ...(spec.publicIp === undefined ? {} : { publicIp: spec.publicIp }),
    macAddress: ids.macAddress(),
    description: `Interface for NAT Gateway ${spec.natGatewayId}`,
    interfaceType: "natGateway",
    requesterManaged: true,
    securityGroupIds: [],
    attachment: {
      attachmentId: ids.ec2("eni-attach"),
      instanceOwnerId: "amazon-aws",
      deviceIndex: 1,
      attachedAt: spec.attachedAt,
      deleteOnTermination: false,
    },
    tags: {},
  };
}
