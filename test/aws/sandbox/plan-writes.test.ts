/**
 * A change plan's steps against the sandbox, as the executor will send them: a `vpc` blueprint
 * (two zones, public and private subnets, an internet gateway, one NAT gateway, route tables, a
 * flow log), a security group, an instance and an `s3-bucket` blueprint; the inventory sees
 * every resource they made; each step's inverse, in reverse order, brings the estate back.
 * And DryRun on every EC2 write answers DryRunOperation and changes nothing.
 */
import type { Instance, NatGateway, RouteTable, Subnet, Vpc } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { listEstateResources, loadEstate, saveEstate } from "../../../src/aws/sandbox/estate.js";
import { silentIoHost } from "../../../src/core/io-host.js";
import type { ResourceRecord } from "../../../src/core/inventory/resource-record.js";
import { runInventory } from "../../../src/workflows/inventory/index.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { callerFor, expectAwsError, type Caller } from "./_helpers.js";

const region = "us-east-1";
const key = (r: Pick<ResourceRecord, "service" | "type" | "id">) => `${r.service}/${r.type}/${r.id}`;

type Step = { forward: () => Promise<void>; inverse: () => Promise<void> };

/** The steps of a plan: each forward call remembers what its inverse needs. */
function vpcPlan(call: Caller): { steps: Step[]; created: string[] } {
  const created: string[] = [];
  const ids: Record<string, string> = {};
  const step = (forward: () => Promise<void>, inverse: () => Promise<void>): Step => ({ forward, inverse });
  const steps: Step[] = [
    step(
      async () => {
        const out = await call("ec2", "CreateVpc", { CidrBlock: "10.77.0.0/16" });
        ids.vpc = (out.Vpc as Vpc).VpcId ?? "";
        created.push(`vpc/vpc/${ids.vpc}`);
      },
      async () => void (await call("ec2", "DeleteVpc", { VpcId: ids.vpc })),
    ),
    ...(["a", "b"] as const).flatMap((zone, i) =>
      (["public", "private"] as const).map((tier, j) =>
        step(
          async () => {
            const out = await call("ec2", "CreateSubnet", {
              VpcId: ids.vpc,
              CidrBlock: `10.77.${(j * 2 + i) * 16}.0/20`,
              AvailabilityZone: `${region}${zone}`,
            });
            ids[`${tier}-${zone}`] = (out.Subnet as Subnet).SubnetId ?? "";
            created.push(`vpc/subnet/${ids[`${tier}-${zone}`]}`);
          },
          async () => void (await call("ec2", "DeleteSubnet", { SubnetId: ids[`${tier}-${zone}`] })),
        ),
      ),
    ),
    step(
      async () => {
        const out = await call("ec2", "CreateInternetGateway", {});
        ids.igw = (out.InternetGateway as { InternetGatewayId: string }).InternetGatewayId;
        created.push(`vpc/internet-gateway/${ids.igw}`);
      },
      async () => void (await call("ec2", "DeleteInternetGateway", { InternetGatewayId: ids.igw })),
    ),
    step(
      async () =>
        void (await call("ec2", "AttachInternetGateway", { InternetGatewayId: ids.igw, VpcId: ids.vpc })),
      async () =>
        void (await call("ec2", "DetachInternetGateway", { InternetGatewayId: ids.igw, VpcId: ids.vpc })),
    ),
    ...(["public", "private"] as const).map((tier) =>
      step(
        async () => {
          const out = await call("ec2", "CreateRouteTable", { VpcId: ids.vpc });
          ids[`rt-${tier}`] = (out.RouteTable as RouteTable).RouteTableId ?? "";
          created.push(`vpc/route-table/${ids[`rt-${tier}`]}`);
        },
        async () => void (await call("ec2", "DeleteRouteTable", { RouteTableId: ids[`rt-${tier}`] })),
      ),
    ),
    step(
      async () =>
        void (await call("ec2", "CreateRoute", {
          RouteTableId: ids["rt-public"],
          DestinationCidrBlock: "0.0.0.0/0",
          GatewayId: ids.igw,
        })),
      async () =>
        void (await call("ec2", "DeleteRoute", {
          RouteTableId: ids["rt-public"],
          DestinationCidrBlock: "0.0.0.0/0",
        })),
    ),
    ...(["public-a", "public-b", "private-a", "private-b"] as const).map((subnet) =>
      step(
        async () => {
          const table = subnet.startsWith("public") ? ids["rt-public"] : ids["rt-private"];
          const out = await call("ec2", "AssociateRouteTable", {
            RouteTableId: table,
            SubnetId: ids[subnet],
          });
          ids[`assoc-${subnet}`] = out.AssociationId as string;
        },
        async () =>
          void (await call("ec2", "DisassociateRouteTable", { AssociationId: ids[`assoc-${subnet}`] })),
      ),
    ),
    step(
      async () => {
        const out = await call("ec2", "AllocateAddress", { Domain: "vpc" });
        ids.eip = out.AllocationId as string;
        created.push(`ec2/elastic-ip/${ids.eip}`);
      },
      async () => void (await call("ec2", "ReleaseAddress", { AllocationId: ids.eip })),
    ),
    step(
      async () => {
        const out = await call("ec2", "CreateNatGateway", {
          SubnetId: ids["public-a"],
          AllocationId: ids.eip,
          ClientToken: "plan-vpc-nat-a",
        });
        ids.nat = (out.NatGateway as NatGateway).NatGatewayId ?? "";
        created.push(`vpc/nat-gateway/${ids.nat}`);
      },
      async () => void (await call("ec2", "DeleteNatGateway", { NatGatewayId: ids.nat })),
    ),
    step(
      async () =>
        void (await call("ec2", "CreateRoute", {
          RouteTableId: ids["rt-private"],
          DestinationCidrBlock: "0.0.0.0/0",
          NatGatewayId: ids.nat,
        })),
      async () =>
        void (await call("ec2", "DeleteRoute", {
          RouteTableId: ids["rt-private"],
          DestinationCidrBlock: "0.0.0.0/0",
        })),
    ),
    step(
      async () => {
        const out = await call("ec2", "CreateFlowLogs", {
          ResourceIds: [ids.vpc],
          ResourceType: "VPC",
          TrafficType: "ALL",
          LogDestinationType: "s3",
          LogDestination: "arn:aws:s3:::northwind-cloudtrail-222222222222/vpc-flow-logs/",
        });
        ids.flowLog = (out.FlowLogIds as string[])[0] ?? "";
      },
      async () => void (await call("ec2", "DeleteFlowLogs", { FlowLogIds: [ids.flowLog] })),
    ),
    step(
      async () => {
        const out = await call("ec2", "CreateSecurityGroup", {
          GroupName: "app",
          Description: "app tier",
          VpcId: ids.vpc,
        });
        ids.sg = out.GroupId as string;
        created.push(`vpc/security-group/${ids.sg}`);
      },
      async () => void (await call("ec2", "DeleteSecurityGroup", { GroupId: ids.sg })),
    ),
    step(
      async () =>
        void (await call("ec2", "AuthorizeSecurityGroupIngress", {
          GroupId: ids.sg,
          IpPermissions: [
            { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.77.0.0/16" }] },
          ],
        })),
      async () =>
        void (await call("ec2", "RevokeSecurityGroupIngress", {
          GroupId: ids.sg,
          IpPermissions: [
            { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.77.0.0/16" }] },
          ],
        })),
    ),
    step(
      async () => {
        const out = await call("ec2", "RunInstances", {
          ImageId: "ami-0123456789abcdef0",
          InstanceType: "t3.micro",
          MinCount: 1,
          MaxCount: 1,
          SubnetId: ids["private-a"],
          SecurityGroupIds: [ids.sg],
          ClientToken: "plan-app-1",
        });
        ids.instance = (out.Instances as Instance[])[0]?.InstanceId ?? "";
        created.push(`ec2/instance/${ids.instance}`);
      },
      async () => void (await call("ec2", "TerminateInstances", { InstanceIds: [ids.instance] })),
    ),
    step(
      async () => {
        await call("s3", "CreateBucket", { Bucket: "northwind-dev-plan-artifacts" });
        created.push("s3/bucket/northwind-dev-plan-artifacts");
      },
      async () => void (await call("s3", "DeleteBucket", { Bucket: "northwind-dev-plan-artifacts" })),
    ),
    step(
      async () =>
        void (await call("s3", "PutBucketVersioning", {
          Bucket: "northwind-dev-plan-artifacts",
          VersioningConfiguration: { Status: "Enabled" },
        })),
      async () =>
        void (await call("s3", "PutBucketVersioning", {
          Bucket: "northwind-dev-plan-artifacts",
          VersioningConfiguration: { Status: "Suspended" },
        })),
    ),
  ];
  return { steps, created };
}

async function inventoryKeys(factory: ReturnType<typeof makeSandboxFactory>["factory"]): Promise<string[]> {
  const result = await runInventory(
    { regions: [region] },
    { factory, io: silentIoHost, account: DEV_ACCOUNT },
  );
  expect(result.failures).toEqual([]);
  return result.resources.map(key).sort();
}

describe("a plan's steps and their rollback against the sandbox", () => {
  it("the inventory sees every resource the steps create, and the inverse steps remove them in reverse order", async () => {
    const { factory, sandbox } = makeSandboxFactory();
    const call = callerFor(sandbox, "demo-dev");
    const before = await inventoryKeys(factory);
    const { steps, created } = vpcPlan(call);
    for (const s of steps) await s.forward();

    const after = await inventoryKeys(factory);
    expect(after).toEqual(listEstateResources(sandbox.estate, DEV_ACCOUNT, [region]).map(key).sort());
    expect(after).toEqual(expect.arrayContaining(created));
    // The NAT gateway's requester-managed interface and the instance's interface and volume too.
    expect(after.length).toBe(before.length + created.length + 6);
    // The written estate saves and loads as it is.
    expect(loadEstate(JSON.parse(saveEstate(sandbox.estate)))).toEqual(sandbox.estate);

    for (const s of [...steps].reverse()) await s.inverse();
    const rolledBack = await inventoryKeys(factory);
    // What AWS keeps listing for a while: the deleted NAT gateway and the terminated instance.
    const lingering = created.filter(
      (k) => k.startsWith("vpc/nat-gateway/") || k.startsWith("ec2/instance/"),
    );
    expect(rolledBack).toEqual([...before, ...lingering].sort());
  });
});

describe("DryRun on every EC2 write", () => {
  it("answers DryRunOperation and leaves the estate unchanged", async () => {
    const { sandbox } = makeSandboxFactory();
    const call = callerFor(sandbox, "demo-dev");
    // A small network to aim the calls at.
    const vpcId = ((await call("ec2", "CreateVpc", { CidrBlock: "10.78.0.0/16" })).Vpc as Vpc).VpcId;
    const subnetId = (
      (await call("ec2", "CreateSubnet", { VpcId: vpcId, CidrBlock: "10.78.0.0/24" })).Subnet as Subnet
    ).SubnetId;
    const igw = (
      (await call("ec2", "CreateInternetGateway", {})).InternetGateway as { InternetGatewayId: string }
    ).InternetGatewayId;
    const table = ((await call("ec2", "CreateRouteTable", { VpcId: vpcId })).RouteTable as RouteTable)
      .RouteTableId;
    const eip = (await call("ec2", "AllocateAddress", {})).AllocationId;
    const sg = (await call("ec2", "CreateSecurityGroup", { GroupName: "d", Description: "d", VpcId: vpcId }))
      .GroupId;
    const run = await call("ec2", "RunInstances", { ImageId: "ami-0123456789abcdef0", SubnetId: subnetId });
    const instance = (run.Instances as Instance[])[0]?.InstanceId;
    const volume = sandbox.estate.accounts
      .find((a) => a.id === DEV_ACCOUNT)
      ?.regions[region]?.volumes.find((v) => v.attachments.some((x) => x.instanceId === instance))?.id;
    // Empty ones to delete: a delete with dependencies fails its validation before DryRun.
    const emptyVpc = ((await call("ec2", "CreateVpc", { CidrBlock: "10.80.0.0/16" })).Vpc as Vpc).VpcId;
    const emptySubnet = (
      (await call("ec2", "CreateSubnet", { VpcId: vpcId, CidrBlock: "10.78.2.0/24" })).Subnet as Subnet
    ).SubnetId;
    const rule = { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "10.0.0.0/8" }] };
    const calls: [string, Record<string, unknown>][] = [
      ["CreateVpc", { CidrBlock: "10.79.0.0/16" }],
      ["DeleteVpc", { VpcId: emptyVpc }],
      ["CreateSubnet", { VpcId: vpcId, CidrBlock: "10.78.1.0/24" }],
      ["DeleteSubnet", { SubnetId: emptySubnet }],
      ["CreateInternetGateway", {}],
      ["AttachInternetGateway", { InternetGatewayId: igw, VpcId: vpcId }],
      ["DeleteInternetGateway", { InternetGatewayId: igw }],
      ["CreateRouteTable", { VpcId: vpcId }],
      ["AssociateRouteTable", { RouteTableId: table, SubnetId: subnetId }],
      ["DeleteRouteTable", { RouteTableId: table }],
      ["AllocateAddress", {}],
      ["ReleaseAddress", { AllocationId: eip }],
      ["CreateNatGateway", { SubnetId: subnetId, AllocationId: eip }],
      [
        "CreateFlowLogs",
        {
          ResourceIds: [vpcId],
          ResourceType: "VPC",
          TrafficType: "ALL",
          LogDestinationType: "s3",
          LogDestination: "arn:aws:s3:::northwind-cloudtrail-222222222222",
        },
      ],
      ["CreateSecurityGroup", { GroupName: "e", Description: "e", VpcId: vpcId }],
      ["AuthorizeSecurityGroupIngress", { GroupId: sg, IpPermissions: [rule] }],
      ["AuthorizeSecurityGroupEgress", { GroupId: sg, IpPermissions: [rule] }],
      ["DeleteSecurityGroup", { GroupId: sg }],
      ["RunInstances", { ImageId: "ami-0123456789abcdef0", SubnetId: subnetId }],
      ["StopInstances", { InstanceIds: [instance] }],
      ["TerminateInstances", { InstanceIds: [instance] }],
      ["ModifyInstanceAttribute", { InstanceId: instance, DisableApiTermination: { Value: true } }],
      ["CreateSnapshot", { VolumeId: volume }],
      ["CreateTags", { Resources: [vpcId], Tags: [{ Key: "a", Value: "b" }] }],
      ["DeleteTags", { Resources: [vpcId] }],
    ];
    const snapshot = saveEstate(sandbox.estate);
    for (const [action, input] of calls) {
      await expectAwsError(call("ec2", action, { ...input, DryRun: true }), "DryRunOperation", 412);
    }
    expect(saveEstate(sandbox.estate)).toBe(snapshot);
  });
});
