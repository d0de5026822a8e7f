import type { Image, InternetGateway, NatGateway, NetworkAcl, RouteTable } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { callerFor, collectPages, expectAwsError, sandboxOf, type Caller } from "./_helpers.js";

const estate = buildDemoEstate();
const prod = estate.accounts.find((a) => a.id === "555555555555");
const prodEast = prod?.regions["us-east-1"];
if (prodEast === undefined) throw new Error("demo: no prod us-east-1");

function prodCaller(pageSize?: number): Caller {
  return callerFor(sandboxOf(estate, pageSize === undefined ? {} : { pageSize }), "demo-prod");
}

async function everyPage<T>(
  call: Caller,
  action: string,
  member: string,
  input: Record<string, unknown> = {},
) {
  return collectPages(async (token) => {
    const out = await call("ec2", action, { ...input, ...(token === undefined ? {} : { NextToken: token }) });
    return { items: out[member] as T[], next: out.NextToken as string | undefined };
  });
}

describe("EC2 DescribeRouteTables", () => {
  it("returns every route table exactly once across pages", async () => {
    const { items, pages } = await everyPage<RouteTable>(prodCaller(2), "DescribeRouteTables", "RouteTables");
    expect(pages).toBeGreaterThan(1);
    expect(items.map((t) => t.RouteTableId).sort()).toEqual(prodEast.routeTables.map((t) => t.id).sort());
  });

  it("shows the main table's local route and main association, and the public table's route to the IGW", async () => {
    const call = prodCaller();
    const vpcId = prodEast.vpcs[0]?.id;
    const main = await call("ec2", "DescribeRouteTables", {
      Filters: [
        { Name: "vpc-id", Values: [vpcId] },
        { Name: "association.main", Values: ["true"] },
      ],
    });
    expect(main.RouteTables).toMatchObject([
      {
        VpcId: vpcId,
        OwnerId: "555555555555",
        Associations: [{ Main: true, AssociationState: { State: "associated" } }],
        Routes: [{ DestinationCidrBlock: "10.50.0.0/16", GatewayId: "local", State: "active" }],
      },
    ]);
    const igw = prodEast.internetGateways[0]?.id;
    const publicTables = await call("ec2", "DescribeRouteTables", {
      Filters: [{ Name: "route.gateway-id", Values: [igw] }],
    });
    const table = (publicTables.RouteTables as RouteTable[])[0];
    expect(table?.Routes).toContainEqual(
      expect.objectContaining({ DestinationCidrBlock: "0.0.0.0/0", GatewayId: igw, Origin: "CreateRoute" }),
    );
    expect(table?.Associations?.map((a) => a.SubnetId)).toHaveLength(3);
    expect(table?.Tags).toContainEqual({ Key: "Name", Value: "prod-us-east-1-vpc-public-rt" });
  });

  it("finds a subnet's table by association.subnet-id, and routes private subnets to the NAT gateway", async () => {
    const subnet = prodEast.subnets.find((s) => !s.mapPublicIpOnLaunch);
    const out = await prodCaller()("ec2", "DescribeRouteTables", {
      Filters: [{ Name: "association.subnet-id", Values: [subnet?.id] }],
    });
    expect((out.RouteTables as RouteTable[])[0]?.Routes).toContainEqual(
      expect.objectContaining({
        DestinationCidrBlock: "0.0.0.0/0",
        NatGatewayId: prodEast.natGateways[0]?.id,
      }),
    );
  });

  it("names malformed and missing ids as AWS does, and refuses MaxResults above 100", async () => {
    const call = prodCaller();
    await expectAwsError(
      call("ec2", "DescribeRouteTables", { RouteTableIds: ["rtb-xyz"] }),
      "InvalidRouteTableId.Malformed",
    );
    await expectAwsError(
      call("ec2", "DescribeRouteTables", { RouteTableIds: ["rtb-0123456789abcdef0"] }),
      "InvalidRouteTableID.NotFound",
    );
    await expectAwsError(call("ec2", "DescribeRouteTables", { MaxResults: 101 }), "InvalidParameterValue");
    await expectAwsError(
      call("ec2", "DescribeRouteTables", { Filters: [{ Name: "colour", Values: ["red"] }] }),
      "InvalidParameterValue",
    );
  });
});

describe("EC2 DescribeInternetGateways", () => {
  it("pages every gateway once, attached with state available, and filters by attachment.vpc-id", async () => {
    const { items } = await everyPage<InternetGateway>(
      prodCaller(1),
      "DescribeInternetGateways",
      "InternetGateways",
    );
    expect(items.map((g) => g.InternetGatewayId).sort()).toEqual(
      prodEast.internetGateways.map((g) => g.id).sort(),
    );
    const vpcId = prodEast.vpcs[0]?.id;
    const out = await prodCaller()("ec2", "DescribeInternetGateways", {
      Filters: [{ Name: "attachment.vpc-id", Values: [vpcId] }],
    });
    expect(out.InternetGateways).toMatchObject([{ Attachments: [{ State: "available", VpcId: vpcId }] }]);
    await expectAwsError(
      prodCaller()("ec2", "DescribeInternetGateways", { InternetGatewayIds: ["igw-0123456789abcdef0"] }),
      "InvalidInternetGatewayID.NotFound",
    );
    await expectAwsError(
      prodCaller()("ec2", "DescribeInternetGateways", { InternetGatewayIds: ["igw-1"] }),
      "InvalidInternetGatewayId.Malformed",
    );
  });
});

describe("EC2 DescribeNatGateways", () => {
  it("filters with `Filter` (singular, as the SDK names it) and shows the gateway's address", async () => {
    const nat = prodEast.natGateways[0];
    const out = await prodCaller()("ec2", "DescribeNatGateways", {
      Filter: [
        { Name: "state", Values: ["available"] },
        { Name: "vpc-id", Values: [nat?.vpcId] },
      ],
    });
    expect(out.NatGateways).toMatchObject([
      {
        NatGatewayId: nat?.id,
        State: "available",
        ConnectivityType: "public",
        CreateTime: expect.any(Date),
        NatGatewayAddresses: [
          {
            AllocationId: nat?.allocationId,
            NetworkInterfaceId: nat?.networkInterfaceId,
            PublicIp: nat?.publicIp,
            IsPrimary: true,
            Status: "succeeded",
          },
        ],
      },
    ]);
    const none = await prodCaller()("ec2", "DescribeNatGateways", {
      Filter: [{ Name: "state", Values: ["deleted"] }],
    });
    expect(none.NatGateways).toEqual([]);
  });

  it("pages every gateway once and names unknown or malformed ids", async () => {
    const dev = callerFor(sandboxOf(estate, { pageSize: 1 }), "demo-dev");
    const devNats = estate.accounts[2]?.regions["us-east-1"]?.natGateways ?? [];
    const { items } = await everyPage<NatGateway>(dev, "DescribeNatGateways", "NatGateways");
    expect(items.map((g) => g.NatGatewayId)).toEqual(devNats.map((g) => g.id));
    await expectAwsError(
      dev("ec2", "DescribeNatGateways", { NatGatewayIds: ["nat-0123456789abcdef0"] }),
      "NatGatewayNotFound",
    );
    await expectAwsError(
      dev("ec2", "DescribeNatGateways", { NatGatewayIds: ["nat-zz"] }),
      "NatGatewayMalformed",
    );
  });

  it("shows the gateway's managed interface as type natGateway, and its Elastic IP as associated", async () => {
    const nat = prodEast.natGateways[0];
    const call = prodCaller();
    const eni = await call("ec2", "DescribeNetworkInterfaces", {
      NetworkInterfaceIds: [nat?.networkInterfaceId],
    });
    expect(eni.NetworkInterfaces).toMatchObject([
      { InterfaceType: "natGateway", RequesterManaged: true, Status: "in-use" },
    ]);
    const eip = await call("ec2", "DescribeAddresses", { AllocationIds: [nat?.allocationId] });
    expect(eip.Addresses).toMatchObject([
      { NetworkInterfaceId: nat?.networkInterfaceId, AssociationId: expect.any(String) },
    ]);
  });
});

describe("EC2 DescribeNetworkAcls", () => {
  it("shows the default ACL of each VPC, associated with every subnet, with allow-all and deny rules", async () => {
    const { items } = await everyPage<NetworkAcl>(prodCaller(1), "DescribeNetworkAcls", "NetworkAcls");
    expect(items).toHaveLength(prodEast.vpcs.length);
    const acl = items[0];
    expect(acl).toMatchObject({ IsDefault: true, OwnerId: "555555555555" });
    expect(acl?.Associations).toHaveLength(prodEast.subnets.length);
    expect(acl?.Entries).toEqual(
      expect.arrayContaining([
        { CidrBlock: "0.0.0.0/0", Egress: false, Protocol: "-1", RuleAction: "allow", RuleNumber: 100 },
        { CidrBlock: "0.0.0.0/0", Egress: true, Protocol: "-1", RuleAction: "deny", RuleNumber: 32767 },
      ]),
    );
  });

  it("filters by default and association.subnet-id, and names missing ids", async () => {
    const call = prodCaller();
    const subnet = prodEast.subnets[0]?.id;
    const out = await call("ec2", "DescribeNetworkAcls", {
      Filters: [
        { Name: "default", Values: ["true"] },
        { Name: "association.subnet-id", Values: [subnet] },
      ],
    });
    expect((out.NetworkAcls as NetworkAcl[]).map((a) => a.NetworkAclId)).toEqual([
      prodEast.networkAcls[0]?.id,
    ]);
    await expectAwsError(
      call("ec2", "DescribeNetworkAcls", { NetworkAclIds: ["acl-0123456789abcdef0"] }),
      "InvalidNetworkAclID.NotFound",
    );
  });
});

describe("EC2 DescribeImages", () => {
  it("lists the account's own images with Owners self, every one once across pages", async () => {
    const { items } = await everyPage<Image>(prodCaller(2), "DescribeImages", "Images", { Owners: ["self"] });
    expect(items.map((i) => i.ImageId).sort()).toEqual(prodEast.images.map((i) => i.id).sort());
    expect(items[0]).toMatchObject({
      OwnerId: "555555555555",
      Public: false,
      State: "available",
      ImageType: "machine",
      RootDeviceType: "ebs",
      CreationDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      BlockDeviceMappings: [{ Ebs: { SnapshotId: expect.stringMatching(/^snap-/) } }],
    });
  });

  it("backs each image with a snapshot the account owns", async () => {
    const image = prodEast.images[0];
    const snapshotId = image?.blockDevices[0]?.snapshotId;
    const out = await prodCaller()("ec2", "DescribeSnapshots", {
      OwnerIds: ["self"],
      SnapshotIds: [snapshotId],
    });
    expect(out.Snapshots).toMatchObject([
      { SnapshotId: snapshotId, Description: expect.stringContaining(image?.id ?? "?") },
    ]);
  });

  it("has no images of other owners than the account and Amazon, and none shared with the caller", async () => {
    const call = prodCaller();
    const amazon = (await call("ec2", "DescribeImages", { Owners: ["amazon"] })).Images as Image[];
    expect(amazon.length).toBeGreaterThan(0);
    expect(amazon.some((i) => prodEast.images.some((own) => own.id === i.ImageId))).toBe(false);
    expect((await call("ec2", "DescribeImages", { Owners: ["aws-marketplace"] })).Images).toEqual([]);
    expect((await call("ec2", "DescribeImages", { ExecutableUsers: ["self"] })).Images).toEqual([]);
    expect((await call("ec2", "DescribeImages", { Owners: ["555555555555"] })).Images).toHaveLength(
      prodEast.images.length,
    );
  });

  it("filters by name and architecture, and names missing, malformed and over-specified requests", async () => {
    const call = prodCaller();
    const arm = await call("ec2", "DescribeImages", {
      Owners: ["self"],
      Filters: [
        { Name: "name", Values: ["northwind-base-*"] },
        { Name: "architecture", Values: ["arm64"] },
      ],
    });
    expect((arm.Images as Image[]).map((i) => i.Name)).toEqual(["northwind-base-al2023-arm-2026-10-01"]);
    await expectAwsError(
      call("ec2", "DescribeImages", { ImageIds: ["ami-0123456789abcdef0"] }),
      "InvalidAMIID.NotFound",
    );
    await expectAwsError(call("ec2", "DescribeImages", { ImageIds: ["ami-xyz"] }), "InvalidAMIID.Malformed");
    await expectAwsError(
      call("ec2", "DescribeImages", { ImageIds: [prodEast.images[0]?.id], MaxResults: 5 }),
      "InvalidParameterCombination",
    );
  });
});

describe("EC2 tags on the new resource types", () => {
  it("CreateTags on a route table, NAT gateway and image is seen by their Describe calls and DescribeTags", async () => {
    const sandbox = sandboxOf(estate);
    const call = callerFor(sandbox, "demo-prod");
    const ids = [prodEast.routeTables[0]?.id, prodEast.natGateways[0]?.id, prodEast.images[0]?.id];
    await call("ec2", "CreateTags", { Resources: ids, Tags: [{ Key: "Reviewed", Value: "2026-11" }] });
    const tables = await call("ec2", "DescribeRouteTables", {
      Filters: [{ Name: "tag:Reviewed", Values: ["2026-11"] }],
    });
    expect(tables.RouteTables).toHaveLength(1);
    const nats = await call("ec2", "DescribeNatGateways", {
      Filter: [{ Name: "tag-key", Values: ["Reviewed"] }],
    });
    expect(nats.NatGateways).toHaveLength(1);
    const tags = await call("ec2", "DescribeTags", {
      Filters: [{ Name: "key", Values: ["Reviewed"] }],
      MaxResults: 10,
    });
    expect((tags.Tags as { ResourceType: string }[]).map((t) => t.ResourceType).sort()).toEqual(
      ["image", "natgateway", "route-table"].sort(),
    );
  });
});
