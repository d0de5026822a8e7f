/**
 * The EC2 writes a change plan calls (the vpc, security-group, ec2-instance, tag and cleanup
 * blueprints, and each step's inverse), against the sandbox: the write itself, what reads
 * (through the real client factory and the inventory collectors) see after it, and the AWS
 * errors that refuse it.
 */
import type {
  Instance,
  NatGateway,
  RouteTable,
  SecurityGroup,
  SecurityGroupRule,
  Snapshot,
  Subnet,
  Vpc,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import {
  collectInternetGateways,
  collectNatGateways,
  collectRouteTables,
  collectSecurityGroups,
  collectSubnets,
  collectVpcs,
} from "../../../src/aws/collectors/vpc.js";
import { listEstateResources } from "../../../src/aws/sandbox/estate.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { callerFor, expectAwsError, type Caller } from "./_helpers.js";

const region = "us-east-1";
const scope = { account: DEV_ACCOUNT, region };

function setup() {
  const built = makeSandboxFactory({ pageSize: 1000 });
  return { ...built, call: callerFor(built.sandbox, "demo-dev") };
}

const tagged = (type: string, name: string) => [{ ResourceType: type, Tags: [{ Key: "Name", Value: name }] }];

async function createVpc(call: Caller, cidr = "10.90.0.0/16"): Promise<string> {
  const out = await call("ec2", "CreateVpc", { CidrBlock: cidr, TagSpecifications: tagged("vpc", "blue") });
  return (out.Vpc as Vpc).VpcId ?? "";
}

async function createSubnet(call: Caller, vpcId: string, cidr: string, zone = "us-east-1a"): Promise<string> {
  const out = await call("ec2", "CreateSubnet", { VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: zone });
  return (out.Subnet as Subnet).SubnetId ?? "";
}

async function createInternetGateway(call: Caller): Promise<string> {
  const out = await call("ec2", "CreateInternetGateway", {});
  return (out.InternetGateway as { InternetGatewayId: string }).InternetGatewayId;
}

async function routeTablesOf(call: Caller, vpcId: string): Promise<RouteTable[]> {
  const out = await call("ec2", "DescribeRouteTables", { Filters: [{ Name: "vpc-id", Values: [vpcId] }] });
  return out.RouteTables as RouteTable[];
}

describe("CreateVpc and DeleteVpc", () => {
  it("creates the VPC with its main route table, default ACL and default group, seen by the collectors", async () => {
    const { call, factory, sandbox } = setup();
    const out = await call("ec2", "CreateVpc", {
      CidrBlock: "10.90.0.0/16",
      TagSpecifications: tagged("vpc", "blue"),
    });
    const vpc = out.Vpc as Vpc;
    expect(vpc).toMatchObject({ CidrBlock: "10.90.0.0/16", State: "pending", IsDefault: false });
    expect(vpc.VpcId).toMatch(/^vpc-0[0-9a-f]{16}$/);
    const id = vpc.VpcId ?? "";
    const seen = (await collectVpcs(factory, scope)).find((r) => r.id === id);
    expect(seen).toMatchObject({ tags: { Name: "blue" }, attributes: { cidrBlock: "10.90.0.0/16" } });
    const tables = (await collectRouteTables(factory, scope)).filter((r) => r.attributes.vpcId === id);
    expect(tables).toHaveLength(1);
    const [main] = await routeTablesOf(call, id);
    expect(main?.Associations).toEqual([expect.objectContaining({ Main: true })]);
    expect(main?.Routes).toEqual([
      expect.objectContaining({ DestinationCidrBlock: "10.90.0.0/16", GatewayId: "local" }),
    ]);
    const acls = await call("ec2", "DescribeNetworkAcls", { Filters: [{ Name: "vpc-id", Values: [id] }] });
    expect(acls.NetworkAcls).toEqual([expect.objectContaining({ IsDefault: true })]);
    const groups = (
      await call("ec2", "DescribeSecurityGroups", { Filters: [{ Name: "vpc-id", Values: [id] }] })
    ).SecurityGroups as SecurityGroup[];
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      GroupName: "default",
      IpPermissions: [
        expect.objectContaining({
          IpProtocol: "-1",
          UserIdGroupPairs: [expect.objectContaining({ GroupId: groups[0]?.GroupId })],
        }),
      ],
      IpPermissionsEgress: [
        expect.objectContaining({ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }),
      ],
    });
    expect(listEstateResources(sandbox.estate, DEV_ACCOUNT, [region])).toEqual(
      expect.arrayContaining([{ service: "vpc", type: "vpc", id, region }]),
    );

    await call("ec2", "DeleteVpc", { VpcId: id });
    await expectAwsError(call("ec2", "DescribeVpcs", { VpcIds: [id] }), "InvalidVpcID.NotFound");
    expect(await routeTablesOf(call, id)).toEqual([]);
    const left = listEstateResources(sandbox.estate, DEV_ACCOUNT, [region]).filter((r) =>
      r.id.startsWith("sg-"),
    );
    expect(left.some((r) => groups.some((g) => g.GroupId === r.id))).toBe(false);
  });

  it("refuses a CIDR outside /16–/28, a wrong TagSpecifications type, and answers DryRun without creating", async () => {
    const { call, sandbox } = setup();
    await expectAwsError(call("ec2", "CreateVpc", { CidrBlock: "10.0.0.0/8" }), "InvalidVpc.Range");
    await expectAwsError(call("ec2", "CreateVpc", { CidrBlock: "10.0.0.0/29" }), "InvalidVpc.Range");
    await expectAwsError(call("ec2", "CreateVpc", { CidrBlock: "10.0.0.1/16" }), "InvalidParameterValue");
    const e = await expectAwsError(
      call("ec2", "CreateVpc", { CidrBlock: "10.90.0.0/16", TagSpecifications: tagged("subnet", "x") }),
      "InvalidParameterValue",
    );
    expect(e.message).toBe("'subnet' is not a valid taggable resource type for this operation.");
    const before = sandbox.estate.accounts.find((a) => a.id === DEV_ACCOUNT)?.regions[region]?.vpcs.length;
    await expectAwsError(
      call("ec2", "CreateVpc", { CidrBlock: "10.90.0.0/16", DryRun: true }),
      "DryRunOperation",
      412,
    );
    expect(sandbox.estate.accounts.find((a) => a.id === DEV_ACCOUNT)?.regions[region]?.vpcs.length).toBe(
      before,
    );
  });

  it("DeleteVpc answers DependencyViolation while a subnet, an attached gateway or a custom group remains", async () => {
    const { call } = setup();
    const vpcId = await createVpc(call);
    const subnetId = await createSubnet(call, vpcId, "10.90.1.0/24");
    await expectAwsError(call("ec2", "DeleteVpc", { VpcId: vpcId }), "DependencyViolation");
    await call("ec2", "DeleteSubnet", { SubnetId: subnetId });
    const igw = await createInternetGateway(call);
    await call("ec2", "AttachInternetGateway", { InternetGatewayId: igw, VpcId: vpcId });
    await expectAwsError(call("ec2", "DeleteVpc", { VpcId: vpcId }), "DependencyViolation");
    await call("ec2", "DetachInternetGateway", { InternetGatewayId: igw, VpcId: vpcId });
    const group = await call("ec2", "CreateSecurityGroup", {
      GroupName: "web",
      Description: "web",
      VpcId: vpcId,
    });
    await expectAwsError(call("ec2", "DeleteVpc", { VpcId: vpcId }), "DependencyViolation");
    await call("ec2", "DeleteSecurityGroup", { GroupId: group.GroupId });
    const table = await call("ec2", "CreateRouteTable", { VpcId: vpcId });
    await expectAwsError(call("ec2", "DeleteVpc", { VpcId: vpcId }), "DependencyViolation");
    await call("ec2", "DeleteRouteTable", { RouteTableId: (table.RouteTable as RouteTable).RouteTableId });
    await call("ec2", "DeleteVpc", { VpcId: vpcId });
    await expectAwsError(call("ec2", "DeleteVpc", { VpcId: vpcId }), "InvalidVpcID.NotFound");
  });

  it("ModifyVpcAttribute changes what DescribeVpcAttribute answers, one attribute per call", async () => {
    const { call } = setup();
    const vpcId = await createVpc(call);
    const hostnames = () =>
      call("ec2", "DescribeVpcAttribute", { VpcId: vpcId, Attribute: "enableDnsHostnames" });
    expect(await hostnames()).toEqual({ VpcId: vpcId, EnableDnsHostnames: { Value: false } });
    await call("ec2", "ModifyVpcAttribute", { VpcId: vpcId, EnableDnsHostnames: { Value: true } });
    expect(await hostnames()).toEqual({ VpcId: vpcId, EnableDnsHostnames: { Value: true } });
    expect(
      await call("ec2", "DescribeVpcAttribute", { VpcId: vpcId, Attribute: "enableDnsSupport" }),
    ).toEqual({
      VpcId: vpcId,
      EnableDnsSupport: { Value: true },
    });
    await expectAwsError(
      call("ec2", "ModifyVpcAttribute", {
        VpcId: vpcId,
        EnableDnsHostnames: { Value: true },
        EnableDnsSupport: { Value: true },
      }),
      "InvalidParameterCombination",
    );
  });
});

describe("CreateSubnet, ModifySubnetAttribute and DeleteSubnet", () => {
  it("creates a subnet in the VPC's range and zone, seen by the collectors, associated with the default ACL", async () => {
    const { call, factory } = setup();
    const vpcId = await createVpc(call);
    const out = await call("ec2", "CreateSubnet", {
      VpcId: vpcId,
      CidrBlock: "10.90.0.0/20",
      AvailabilityZone: "us-east-1b",
      TagSpecifications: tagged("subnet", "blue-public-b"),
    });
    const subnet = out.Subnet as Subnet;
    expect(subnet).toMatchObject({
      VpcId: vpcId,
      AvailabilityZone: "us-east-1b",
      AvailableIpAddressCount: 4091,
    });
    const id = subnet.SubnetId ?? "";
    expect((await collectSubnets(factory, scope)).find((r) => r.id === id)).toMatchObject({
      tags: { Name: "blue-public-b" },
      attributes: { vpcId, cidrBlock: "10.90.0.0/20", availabilityZone: "us-east-1b" },
    });
    const acl = await call("ec2", "DescribeNetworkAcls", {
      Filters: [{ Name: "association.subnet-id", Values: [id] }],
    });
    expect(acl.NetworkAcls).toEqual([expect.objectContaining({ IsDefault: true, VpcId: vpcId })]);
    await call("ec2", "ModifySubnetAttribute", { SubnetId: id, MapPublicIpOnLaunch: { Value: true } });
    const described = await call("ec2", "DescribeSubnets", { SubnetIds: [id] });
    expect((described.Subnets as Subnet[])[0]?.MapPublicIpOnLaunch).toBe(true);
    await call("ec2", "DeleteSubnet", { SubnetId: id });
    await expectAwsError(call("ec2", "DescribeSubnets", { SubnetIds: [id] }), "InvalidSubnetID.NotFound");
  });

  it("refuses a range outside the VPC, an overlapping range and an unknown zone", async () => {
    const { call } = setup();
    const vpcId = await createVpc(call);
    await createSubnet(call, vpcId, "10.90.0.0/24");
    await expectAwsError(
      call("ec2", "CreateSubnet", { VpcId: vpcId, CidrBlock: "10.91.0.0/24" }),
      "InvalidSubnet.Range",
    );
    await expectAwsError(
      call("ec2", "CreateSubnet", { VpcId: vpcId, CidrBlock: "10.90.0.0/29" }),
      "InvalidSubnet.Range",
    );
    await expectAwsError(
      call("ec2", "CreateSubnet", { VpcId: vpcId, CidrBlock: "10.90.0.128/25" }),
      "InvalidSubnet.Conflict",
    );
    const e = await expectAwsError(
      call("ec2", "CreateSubnet", {
        VpcId: vpcId,
        CidrBlock: "10.90.8.0/24",
        AvailabilityZone: "us-east-1z",
      }),
      "InvalidParameterValue",
    );
    expect(e.message).toContain("us-east-1a, us-east-1b, us-east-1c");
    await expectAwsError(
      call("ec2", "CreateSubnet", { VpcId: "vpc-0000000000000000f", CidrBlock: "10.90.8.0/24" }),
      "InvalidVpcID.NotFound",
    );
  });

  it("DeleteSubnet answers DependencyViolation while an instance's interface is in it", async () => {
    const { call } = setup();
    const vpcId = await createVpc(call);
    const subnetId = await createSubnet(call, vpcId, "10.90.0.0/24");
    const run = await call("ec2", "RunInstances", {
      ImageId: "ami-0123456789abcdef0",
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnetId,
    });
    await expectAwsError(call("ec2", "DeleteSubnet", { SubnetId: subnetId }), "DependencyViolation");
    await call("ec2", "TerminateInstances", { InstanceIds: [(run.Instances as Instance[])[0]?.InstanceId] });
    await call("ec2", "DeleteSubnet", { SubnetId: subnetId });
  });
});

describe("internet gateways", () => {
  it("attach, detach and delete, with AWS's errors for each wrong order", async () => {
    const { call, factory } = setup();
    const vpcId = await createVpc(call);
    const other = await createVpc(call, "10.91.0.0/16");
    const created = await call("ec2", "CreateInternetGateway", {
      TagSpecifications: tagged("internet-gateway", "blue-igw"),
    });
    const igw = (created.InternetGateway as { InternetGatewayId: string }).InternetGatewayId;
    expect(created.InternetGateway).toMatchObject({
      Attachments: [],
      Tags: [{ Key: "Name", Value: "blue-igw" }],
    });
    await expectAwsError(
      call("ec2", "DetachInternetGateway", { InternetGatewayId: igw, VpcId: vpcId }),
      "Gateway.NotAttached",
    );
    await call("ec2", "AttachInternetGateway", { InternetGatewayId: igw, VpcId: vpcId });
    expect((await collectInternetGateways(factory, scope)).find((r) => r.id === igw)?.tags).toEqual({
      Name: "blue-igw",
    });
    const seen = await call("ec2", "DescribeInternetGateways", { InternetGatewayIds: [igw] });
    expect(seen.InternetGateways).toEqual([
      expect.objectContaining({ Attachments: [{ State: "available", VpcId: vpcId }] }),
    ]);
    await expectAwsError(
      call("ec2", "AttachInternetGateway", { InternetGatewayId: igw, VpcId: other }),
      "Resource.AlreadyAssociated",
    );
    const second = await createInternetGateway(call);
    await expectAwsError(
      call("ec2", "AttachInternetGateway", { InternetGatewayId: second, VpcId: vpcId }),
      "Resource.AlreadyAssociated",
    );
    await expectAwsError(
      call("ec2", "DeleteInternetGateway", { InternetGatewayId: igw }),
      "DependencyViolation",
    );
    await call("ec2", "DetachInternetGateway", { InternetGatewayId: igw, VpcId: vpcId });
    await call("ec2", "DeleteInternetGateway", { InternetGatewayId: igw });
    await expectAwsError(
      call("ec2", "DescribeInternetGateways", { InternetGatewayIds: [igw] }),
      "InvalidInternetGatewayID.NotFound",
    );
  });
});

describe("route tables and routes", () => {
  it("create, route, associate, disassociate and delete, as DescribeRouteTables shows", async () => {
    const { call } = setup();
    const vpcId = await createVpc(call);
    const subnetId = await createSubnet(call, vpcId, "10.90.0.0/24");
    const igw = await createInternetGateway(call);
    const created = await call("ec2", "CreateRouteTable", {
      VpcId: vpcId,
      TagSpecifications: tagged("route-table", "blue-public-rt"),
    });
    const tableId = (created.RouteTable as RouteTable).RouteTableId ?? "";
    // A gateway not attached to the table's VPC is refused.
    await expectAwsError(
      call("ec2", "CreateRoute", {
        RouteTableId: tableId,
        DestinationCidrBlock: "0.0.0.0/0",
        GatewayId: igw,
      }),
      "InvalidParameterValue",
    );
    await call("ec2", "AttachInternetGateway", { InternetGatewayId: igw, VpcId: vpcId });
    expect(
      await call("ec2", "CreateRoute", {
        RouteTableId: tableId,
        DestinationCidrBlock: "0.0.0.0/0",
        GatewayId: igw,
      }),
    ).toEqual({
      Return: true,
    });
    await expectAwsError(
      call("ec2", "CreateRoute", {
        RouteTableId: tableId,
        DestinationCidrBlock: "0.0.0.0/0",
        GatewayId: igw,
      }),
      "RouteAlreadyExists",
    );
    const association = await call("ec2", "AssociateRouteTable", {
      RouteTableId: tableId,
      SubnetId: subnetId,
    });
    expect(association).toEqual({
      AssociationId: expect.stringMatching(/^rtbassoc-/),
      AssociationState: { State: "associated" },
    });
    const [main] = (await routeTablesOf(call, vpcId)).filter((t) => t.RouteTableId !== tableId);
    await expectAwsError(
      call("ec2", "AssociateRouteTable", { RouteTableId: main?.RouteTableId, SubnetId: subnetId }),
      "Resource.AlreadyAssociated",
    );
    const table = (await call("ec2", "DescribeRouteTables", { RouteTableIds: [tableId] }))
      .RouteTables as RouteTable[];
    expect(table[0]).toMatchObject({
      Associations: [{ RouteTableAssociationId: association.AssociationId, SubnetId: subnetId, Main: false }],
      Routes: [
        expect.objectContaining({ GatewayId: "local", State: "active" }),
        expect.objectContaining({
          DestinationCidrBlock: "0.0.0.0/0",
          GatewayId: igw,
          Origin: "CreateRoute",
          State: "active",
        }),
      ],
      Tags: [{ Key: "Name", Value: "blue-public-rt" }],
    });
    await expectAwsError(call("ec2", "DeleteRouteTable", { RouteTableId: tableId }), "DependencyViolation");
    await expectAwsError(
      call("ec2", "DeleteRouteTable", { RouteTableId: main?.RouteTableId }),
      "DependencyViolation",
    );
    await expectAwsError(
      call("ec2", "DisassociateRouteTable", {
        AssociationId: main?.Associations?.[0]?.RouteTableAssociationId,
      }),
      "InvalidParameterValue",
    );
    await call("ec2", "DisassociateRouteTable", { AssociationId: association.AssociationId });
    await expectAwsError(
      call("ec2", "DisassociateRouteTable", { AssociationId: association.AssociationId }),
      "InvalidAssociationID.NotFound",
    );
    await expectAwsError(
      call("ec2", "DeleteRoute", { RouteTableId: tableId, DestinationCidrBlock: "10.90.0.0/16" }),
      "InvalidParameterValue",
    );
    await call("ec2", "DeleteRoute", { RouteTableId: tableId, DestinationCidrBlock: "0.0.0.0/0" });
    await expectAwsError(
      call("ec2", "DeleteRoute", { RouteTableId: tableId, DestinationCidrBlock: "0.0.0.0/0" }),
      "InvalidRoute.NotFound",
    );
    await call("ec2", "DeleteRouteTable", { RouteTableId: tableId });
    await expectAwsError(
      call("ec2", "DescribeRouteTables", { RouteTableIds: [tableId] }),
      "InvalidRouteTableID.NotFound",
    );
  });
});

describe("Elastic IPs and NAT gateways", () => {
  async function network(call: Caller, { withGateway = true } = {}) {
    const vpcId = await createVpc(call);
    const subnetId = await createSubnet(call, vpcId, "10.90.0.0/24");
    if (withGateway) {
      const igw = await createInternetGateway(call);
      await call("ec2", "AttachInternetGateway", { InternetGatewayId: igw, VpcId: vpcId });
    }
    const eip = await call("ec2", "AllocateAddress", {
      Domain: "vpc",
      TagSpecifications: tagged("elastic-ip", "blue-nat-eip"),
    });
    return { vpcId, subnetId, allocationId: eip.AllocationId as string, publicIp: eip.PublicIp as string };
  }

  it("AllocateAddress then ReleaseAddress, with InvalidAllocationID.NotFound after", async () => {
    const { call } = setup();
    const { allocationId, publicIp } = await network(call);
    expect(allocationId).toMatch(/^eipalloc-/);
    const seen = await call("ec2", "DescribeAddresses", { AllocationIds: [allocationId] });
    expect(seen.Addresses).toEqual([
      expect.objectContaining({
        PublicIp: publicIp,
        Domain: "vpc",
        Tags: [{ Key: "Name", Value: "blue-nat-eip" }],
      }),
    ]);
    await call("ec2", "ReleaseAddress", { AllocationId: allocationId });
    await expectAwsError(
      call("ec2", "ReleaseAddress", { AllocationId: allocationId }),
      "InvalidAllocationID.NotFound",
    );
  });

  it("CreateNatGateway associates the EIP and makes its interface; the same ClientToken creates nothing more", async () => {
    const { call, factory, sandbox } = setup();
    const { vpcId, subnetId, allocationId, publicIp } = await network(call);
    const request = {
      SubnetId: subnetId,
      AllocationId: allocationId,
      ConnectivityType: "public",
      ClientToken: "plan-1-step-7",
      TagSpecifications: tagged("natgateway", "blue-nat"),
    };
    const first = await call("ec2", "CreateNatGateway", request);
    const nat = first.NatGateway as NatGateway;
    expect(first.ClientToken).toBe("plan-1-step-7");
    expect(nat).toMatchObject({
      SubnetId: subnetId,
      VpcId: vpcId,
      State: "pending",
      ConnectivityType: "public",
    });
    const count = () =>
      sandbox.estate.accounts.find((a) => a.id === DEV_ACCOUNT)?.regions[region]?.natGateways.length;
    const before = count();
    const again = await call("ec2", "CreateNatGateway", request);
    expect((again.NatGateway as NatGateway).NatGatewayId).toBe(nat.NatGatewayId);
    expect(count()).toBe(before);
    await expectAwsError(
      call("ec2", "CreateNatGateway", { ...request, SubnetId: undefined }),
      "IdempotentParameterMismatch",
    );

    const natId = nat.NatGatewayId ?? "";
    expect((await collectNatGateways(factory, scope)).find((r) => r.id === natId)?.tags).toEqual({
      Name: "blue-nat",
    });
    const described = (await call("ec2", "DescribeNatGateways", { NatGatewayIds: [natId] }))
      .NatGateways as NatGateway[];
    expect(described[0]).toMatchObject({
      State: "available",
      NatGatewayAddresses: [expect.objectContaining({ AllocationId: allocationId, PublicIp: publicIp })],
    });
    const eni = described[0]?.NatGatewayAddresses?.[0]?.NetworkInterfaceId;
    const interfaces = await call("ec2", "DescribeNetworkInterfaces", { NetworkInterfaceIds: [eni] });
    expect(interfaces.NetworkInterfaces).toEqual([
      expect.objectContaining({ InterfaceType: "natGateway", RequesterManaged: true, SubnetId: subnetId }),
    ]);
    const address = await call("ec2", "DescribeAddresses", { AllocationIds: [allocationId] });
    expect(address.Addresses).toEqual([
      expect.objectContaining({
        NetworkInterfaceId: eni,
        AssociationId: expect.stringMatching(/^eipassoc-/),
      }),
    ]);
    await expectAwsError(
      call("ec2", "ReleaseAddress", { AllocationId: allocationId }),
      "InvalidIPAddress.InUse",
    );
    await expectAwsError(
      call("ec2", "CreateNatGateway", { SubnetId: subnetId, AllocationId: allocationId }),
      "Resource.AlreadyAssociated",
    );
    await expectAwsError(call("ec2", "DeleteSubnet", { SubnetId: subnetId }), "DependencyViolation");
    await expectAwsError(call("ec2", "DeleteVpc", { VpcId: vpcId }), "DependencyViolation");

    // A private route table sends outbound traffic to it; the route is a blackhole once it is deleted.
    const table = (await call("ec2", "CreateRouteTable", { VpcId: vpcId })).RouteTable as RouteTable;
    await call("ec2", "CreateRoute", {
      RouteTableId: table.RouteTableId,
      DestinationCidrBlock: "0.0.0.0/0",
      NatGatewayId: natId,
    });

    expect(await call("ec2", "DeleteNatGateway", { NatGatewayId: natId })).toEqual({ NatGatewayId: natId });
    const deleted = (await call("ec2", "DescribeNatGateways", { NatGatewayIds: [natId] }))
      .NatGateways as NatGateway[];
    expect(deleted[0]).toMatchObject({ State: "deleted", DeleteTime: expect.any(Date) });
    await expectAwsError(
      call("ec2", "DescribeNetworkInterfaces", { NetworkInterfaceIds: [eni] }),
      "InvalidNetworkInterfaceID.NotFound",
    );
    const routes = (
      (await call("ec2", "DescribeRouteTables", { RouteTableIds: [table.RouteTableId] }))
        .RouteTables as RouteTable[]
    )[0]?.Routes;
    expect(routes?.[1]).toMatchObject({ NatGatewayId: natId, State: "blackhole" });
    await call("ec2", "ReleaseAddress", { AllocationId: allocationId });
    await call("ec2", "DeleteSubnet", { SubnetId: subnetId });
  });

  it("a public NAT gateway in a VPC without an internet gateway fails, keeping neither interface nor EIP", async () => {
    const { call } = setup();
    const { vpcId, subnetId, allocationId } = await network(call, { withGateway: false });
    const out = await call("ec2", "CreateNatGateway", { SubnetId: subnetId, AllocationId: allocationId });
    const natId = (out.NatGateway as NatGateway).NatGatewayId;
    const seen = (await call("ec2", "DescribeNatGateways", { NatGatewayIds: [natId] }))
      .NatGateways as NatGateway[];
    expect(seen[0]).toMatchObject({
      State: "failed",
      FailureCode: "Gateway.NotAttached",
      FailureMessage: `Network ${vpcId} has no Internet gateway attached`,
    });
    const address = await call("ec2", "DescribeAddresses", { AllocationIds: [allocationId] });
    expect((address.Addresses as { AssociationId?: string }[])[0]?.AssociationId).toBeUndefined();
    // Nothing of it stands in the way of the rollback.
    await call("ec2", "ReleaseAddress", { AllocationId: allocationId });
    await call("ec2", "DeleteSubnet", { SubnetId: subnetId });
    await call("ec2", "DeleteVpc", { VpcId: vpcId });
  });

  it("CreateNatGateway with DryRun creates nothing", async () => {
    const { call, sandbox } = setup();
    const { subnetId, allocationId } = await network(call);
    const before = sandbox.estate.accounts.find((a) => a.id === DEV_ACCOUNT)?.regions[region]?.natGateways
      .length;
    await expectAwsError(
      call("ec2", "CreateNatGateway", { SubnetId: subnetId, AllocationId: allocationId, DryRun: true }),
      "DryRunOperation",
    );
    expect(
      sandbox.estate.accounts.find((a) => a.id === DEV_ACCOUNT)?.regions[region]?.natGateways.length,
    ).toBe(before);
  });
});

describe("flow logs", () => {
  const toBucket = (vpcId: string, bucket = "northwind-cloudtrail-222222222222") => ({
    ResourceIds: [vpcId],
    ResourceType: "VPC",
    TrafficType: "ALL",
    LogDestinationType: "s3",
    LogDestination: `arn:aws:s3:::${bucket}/vpc-flow-logs/`,
  });

  it("CreateFlowLogs creates an ACTIVE flow log DescribeFlowLogs shows; DeleteFlowLogs removes it", async () => {
    const { call } = setup();
    const vpcId = await createVpc(call);
    const out = await call("ec2", "CreateFlowLogs", {
      ...toBucket(vpcId),
      TagSpecifications: tagged("vpc-flow-log", "blue-flow-log"),
    });
    expect(out).toEqual({ FlowLogIds: [expect.stringMatching(/^fl-/)], Unsuccessful: [] });
    const [flowLogId] = out.FlowLogIds as string[];
    const seen = await call("ec2", "DescribeFlowLogs", { FlowLogIds: [flowLogId] });
    expect(seen.FlowLogs).toEqual([
      expect.objectContaining({
        ResourceId: vpcId,
        TrafficType: "ALL",
        LogDestinationType: "s3",
        FlowLogStatus: "ACTIVE",
        Tags: [{ Key: "Name", Value: "blue-flow-log" }],
      }),
    ]);
    await expectAwsError(call("ec2", "CreateFlowLogs", toBucket(vpcId)), "FlowLogAlreadyExists");
    await call("ec2", "DeleteFlowLogs", { FlowLogIds: [flowLogId] });
    expect((await call("ec2", "DescribeFlowLogs", { FlowLogIds: [flowLogId] })).FlowLogs).toEqual([]);
    await expectAwsError(
      call("ec2", "DeleteFlowLogs", { FlowLogIds: [flowLogId] }),
      "InvalidFlowLogId.NotFound",
    );
  });

  it("delivers to CloudWatch Logs with a role; refuses unknown VPCs and reports a missing bucket in Unsuccessful", async () => {
    const { call } = setup();
    const vpcId = await createVpc(call);
    const cwl = await call("ec2", "CreateFlowLogs", {
      ResourceIds: [vpcId],
      ResourceType: "VPC",
      TrafficType: "REJECT",
      LogGroupName: "/vpc/blue",
      DeliverLogsPermissionArn: "arn:aws:iam::222222222222:role/flow-logs",
    });
    const described = await call("ec2", "DescribeFlowLogs", { FlowLogIds: cwl.FlowLogIds as string[] });
    expect(described.FlowLogs).toEqual([
      expect.objectContaining({ LogDestinationType: "cloud-watch-logs", LogGroupName: "/vpc/blue" }),
    ]);
    await expectAwsError(
      call("ec2", "CreateFlowLogs", {
        ResourceIds: [vpcId],
        ResourceType: "VPC",
        TrafficType: "ALL",
        LogGroupName: "/vpc/x",
      }),
      "InvalidParameter",
    );
    await expectAwsError(
      call("ec2", "CreateFlowLogs", toBucket("vpc-0000000000000000f")),
      "InvalidVpcID.NotFound",
    );
    const missing = await call("ec2", "CreateFlowLogs", toBucket(vpcId, "no-such-flow-log-bucket"));
    expect(missing).toEqual({
      FlowLogIds: [],
      Unsuccessful: [
        {
          ResourceId: vpcId,
          Error: { Code: "400", Message: "LogDestination: no-such-flow-log-bucket does not exist." },
        },
      ],
    });
  });
});

describe("security groups", () => {
  it("CreateSecurityGroup comes with the allow-all egress rule; rules are authorized and revoked both ways", async () => {
    const { call, factory } = setup();
    const vpcId = await createVpc(call);
    const created = await call("ec2", "CreateSecurityGroup", {
      GroupName: "blue-web",
      Description: "web tier",
      VpcId: vpcId,
      TagSpecifications: tagged("security-group", "blue-web"),
    });
    const groupId = created.GroupId as string;
    expect(created).toMatchObject({
      GroupId: expect.stringMatching(/^sg-/),
      Tags: [{ Key: "Name", Value: "blue-web" }],
    });
    expect((await collectSecurityGroups(factory, scope)).find((r) => r.id === groupId)?.tags).toEqual({
      Name: "blue-web",
    });
    await expectAwsError(
      call("ec2", "CreateSecurityGroup", { GroupName: "blue-web", Description: "again", VpcId: vpcId }),
      "InvalidGroup.Duplicate",
    );
    const https = { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] };
    const authorized = await call("ec2", "AuthorizeSecurityGroupIngress", {
      GroupId: groupId,
      IpPermissions: [https],
    });
    expect(authorized.SecurityGroupRules).toEqual([
      expect.objectContaining({ IsEgress: false, FromPort: 443, CidrIpv4: "0.0.0.0/0" }),
    ]);
    await expectAwsError(
      call("ec2", "AuthorizeSecurityGroupIngress", { GroupId: groupId, IpPermissions: [https] }),
      "InvalidPermission.Duplicate",
    );
    const allOut = { IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] };
    await expectAwsError(
      call("ec2", "AuthorizeSecurityGroupEgress", { GroupId: groupId, IpPermissions: [allOut] }),
      "InvalidPermission.Duplicate",
    );
    await call("ec2", "RevokeSecurityGroupEgress", { GroupId: groupId, IpPermissions: [allOut] });
    const postgres = {
      IpProtocol: "tcp",
      FromPort: 5432,
      ToPort: 5432,
      IpRanges: [{ CidrIp: "10.90.0.0/16" }],
    };
    const egress = await call("ec2", "AuthorizeSecurityGroupEgress", {
      GroupId: groupId,
      IpPermissions: [postgres],
    });
    expect((egress.SecurityGroupRules as SecurityGroupRule[])[0]).toMatchObject({
      IsEgress: true,
      ToPort: 5432,
    });
    const group = (
      (await call("ec2", "DescribeSecurityGroups", { GroupIds: [groupId] })).SecurityGroups as SecurityGroup[]
    )[0];
    expect(group?.IpPermissions).toEqual([
      expect.objectContaining({ FromPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }),
    ]);
    expect(group?.IpPermissionsEgress).toEqual([
      expect.objectContaining({ FromPort: 5432, IpRanges: [{ CidrIp: "10.90.0.0/16" }] }),
    ]);
    await call("ec2", "RevokeSecurityGroupIngress", { GroupId: groupId, IpPermissions: [https] });
    await expectAwsError(
      call("ec2", "RevokeSecurityGroupIngress", { GroupId: groupId, IpPermissions: [https] }),
      "InvalidPermission.NotFound",
    );
    await call("ec2", "DeleteSecurityGroup", { GroupId: groupId });
  });

  it("refuses the reserved name default and answers DryRun without creating", async () => {
    const { call } = setup();
    const vpcId = await createVpc(call);
    await expectAwsError(
      call("ec2", "CreateSecurityGroup", { GroupName: "default", Description: "x", VpcId: vpcId }),
      "InvalidGroup.Reserved",
    );
    await expectAwsError(
      call("ec2", "CreateSecurityGroup", { GroupName: "x", Description: "x", VpcId: vpcId, DryRun: true }),
      "DryRunOperation",
    );
    const groups = await call("ec2", "DescribeSecurityGroups", {
      Filters: [{ Name: "vpc-id", Values: [vpcId] }],
    });
    expect(groups.SecurityGroups).toHaveLength(1);
  });
});

describe("instances and snapshots", () => {
  async function subnetAndGroup(call: Caller) {
    const vpcId = await createVpc(call);
    const subnetId = await createSubnet(call, vpcId, "10.90.0.0/24");
    const group = await call("ec2", "CreateSecurityGroup", {
      GroupName: "app",
      Description: "app",
      VpcId: vpcId,
    });
    return { subnetId, groupId: group.GroupId as string };
  }

  it("RunInstances with a ClientToken launches once; the same token answers the same instances", async () => {
    const { call, sandbox } = setup();
    const { subnetId, groupId } = await subnetAndGroup(call);
    const request = {
      ImageId: "ami-0123456789abcdef0",
      InstanceType: "t3.micro",
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnetId,
      SecurityGroupIds: [groupId],
      KeyName: "ops",
      ClientToken: "plan-2-step-1",
      TagSpecifications: [...tagged("instance", "app-1"), ...tagged("volume", "app-1-root")],
    };
    const first = (await call("ec2", "RunInstances", request)).Instances as Instance[];
    const count = () =>
      sandbox.estate.accounts.find((a) => a.id === DEV_ACCOUNT)?.regions[region]?.instances.length;
    const before = count();
    const again = (await call("ec2", "RunInstances", request)).Instances as Instance[];
    expect(again.map((i) => i.InstanceId)).toEqual(first.map((i) => i.InstanceId));
    expect(again[0]).toMatchObject({
      ClientToken: "plan-2-step-1",
      KeyName: "ops",
      State: { Name: "running" },
    });
    expect(count()).toBe(before);
    await expectAwsError(
      call("ec2", "RunInstances", { ...request, InstanceType: "t3.large" }),
      "IdempotentParameterMismatch",
    );
    await expectAwsError(
      call("ec2", "RunInstances", {
        ...request,
        ClientToken: undefined,
        TagSpecifications: tagged("vpc", "x"),
      }),
      "InvalidParameterValue",
    );
  });

  it("TerminateInstances is refused while DisableApiTermination is set, then removes the root volume and interface", async () => {
    const { call } = setup();
    const { subnetId } = await subnetAndGroup(call);
    const run = await call("ec2", "RunInstances", {
      ImageId: "ami-0123456789abcdef0",
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnetId,
      DisableApiTermination: true,
    });
    const id = (run.Instances as Instance[])[0]?.InstanceId ?? "";
    const volumes = await call("ec2", "DescribeVolumes", {
      Filters: [{ Name: "attachment.instance-id", Values: [id] }],
    });
    const volumeId = (volumes.Volumes as { VolumeId: string }[])[0]?.VolumeId;
    await expectAwsError(call("ec2", "TerminateInstances", { InstanceIds: [id] }), "OperationNotPermitted");
    const attribute = () =>
      call("ec2", "DescribeInstanceAttribute", { InstanceId: id, Attribute: "disableApiTermination" });
    expect(await attribute()).toEqual({ InstanceId: id, DisableApiTermination: { Value: true } });
    await call("ec2", "ModifyInstanceAttribute", { InstanceId: id, DisableApiTermination: { Value: false } });
    expect(await attribute()).toEqual({ InstanceId: id, DisableApiTermination: { Value: false } });
    await expectAwsError(
      call("ec2", "TerminateInstances", { InstanceIds: [id], DryRun: true }),
      "DryRunOperation",
    );
    const out = await call("ec2", "TerminateInstances", { InstanceIds: [id] });
    expect(out.TerminatingInstances).toEqual([
      expect.objectContaining({ CurrentState: { Code: 32, Name: "shutting-down" } }),
    ]);
    await expectAwsError(call("ec2", "DescribeVolumes", { VolumeIds: [volumeId] }), "InvalidVolume.NotFound");
    const enis = await call("ec2", "DescribeNetworkInterfaces", {
      Filters: [{ Name: "subnet-id", Values: [subnetId] }],
    });
    expect(enis.NetworkInterfaces).toEqual([]);
  });

  it("CreateSnapshot of a volume is completed for reads, tagged, and then the volume can be deleted", async () => {
    const { call } = setup();
    const volume = (
      await call("ec2", "DescribeVolumes", { Filters: [{ Name: "status", Values: ["available"] }] })
    ).Volumes as { VolumeId: string; Size: number; Encrypted: boolean }[];
    const target = volume[0];
    const out = (await call("ec2", "CreateSnapshot", {
      VolumeId: target?.VolumeId,
      Description: "before cleanup",
      TagSpecifications: tagged("snapshot", "cleanup-backup"),
    })) as Snapshot;
    expect(out).toMatchObject({
      VolumeId: target?.VolumeId,
      VolumeSize: target?.Size,
      State: "pending",
      Description: "before cleanup",
    });
    const seen = (await call("ec2", "DescribeSnapshots", { SnapshotIds: [out.SnapshotId] }))
      .Snapshots as Snapshot[];
    expect(seen[0]).toMatchObject({
      State: "completed",
      Encrypted: target?.Encrypted,
      Tags: [{ Key: "Name", Value: "cleanup-backup" }],
    });
    await call("ec2", "DeleteVolume", { VolumeId: target?.VolumeId });
    await call("ec2", "DeleteSnapshot", { SnapshotId: out.SnapshotId });
    await expectAwsError(
      call("ec2", "CreateSnapshot", { VolumeId: target?.VolumeId }),
      "InvalidVolume.NotFound",
    );
  });
});

describe("tags on every created resource", () => {
  it("CreateTags and DeleteTags work on each kind the blueprints create", async () => {
    const { call } = setup();
    const vpcId = await createVpc(call);
    const subnetId = await createSubnet(call, vpcId, "10.90.0.0/24");
    const igw = await createInternetGateway(call);
    const rtb =
      ((await call("ec2", "CreateRouteTable", { VpcId: vpcId })).RouteTable as RouteTable).RouteTableId ?? "";
    const eip = (await call("ec2", "AllocateAddress", {})).AllocationId as string;
    const nat =
      (
        (await call("ec2", "CreateNatGateway", { SubnetId: subnetId, AllocationId: eip }))
          .NatGateway as NatGateway
      ).NatGatewayId ?? "";
    const sg = (await call("ec2", "CreateSecurityGroup", { GroupName: "t", Description: "t", VpcId: vpcId }))
      .GroupId as string;
    const fl =
      (
        (
          await call("ec2", "CreateFlowLogs", {
            ResourceIds: [vpcId],
            ResourceType: "VPC",
            TrafficType: "ALL",
            LogDestinationType: "s3",
            LogDestination: "arn:aws:s3:::northwind-cloudtrail-222222222222",
          })
        ).FlowLogIds as string[]
      )[0] ?? "";
    const run = await call("ec2", "RunInstances", {
      ImageId: "ami-0123456789abcdef0",
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnetId,
    });
    const instance = (run.Instances as Instance[])[0]?.InstanceId ?? "";
    const ids = [vpcId, subnetId, igw, rtb, eip, nat, sg, fl, instance];
    await call("ec2", "CreateTags", { Resources: ids, Tags: [{ Key: "Owner", Value: "blue-team" }] });
    const tags = await call("ec2", "DescribeTags", {
      Filters: [
        { Name: "key", Values: ["Owner"] },
        { Name: "value", Values: ["blue-team"] },
      ],
    });
    expect((tags.Tags as { ResourceId: string }[]).map((t) => t.ResourceId).sort()).toEqual([...ids].sort());
    await call("ec2", "DeleteTags", { Resources: ids, Tags: [{ Key: "Owner" }] });
    const after = await call("ec2", "DescribeTags", { Filters: [{ Name: "value", Values: ["blue-team"] }] });
    expect(after.Tags).toEqual([]);
  });

  it("CreateTags takes up to 1000 resource ids in one call, and refuses more", async () => {
    const { call, sandbox } = setup();
    const volumes = sandbox.estate.accounts.find((a) => a.id === DEV_ACCOUNT)?.regions[region]?.volumes ?? [];
    const ids = volumes.map((v) => v.id);
    await call("ec2", "CreateTags", { Resources: ids, Tags: [{ Key: "Batch", Value: "1" }] });
    expect(volumes.every((v) => v.tags.Batch === "1")).toBe(true);
    await expectAwsError(
      call("ec2", "CreateTags", {
        Resources: Array.from({ length: 1001 }, () => ids[0]),
        Tags: [{ Key: "a", Value: "b" }],
      }),
      "InvalidParameterValue",
    );
  });
});
