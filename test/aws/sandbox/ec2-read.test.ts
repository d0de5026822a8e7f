import type { Instance, Reservation, Volume } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { callerFor, collectPages, expectAwsError, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();
const dev = estate.accounts.find((a) => a.id === "333333333333");
const devEast = dev?.regions["us-east-1"];
if (devEast === undefined) throw new Error("demo: no dev us-east-1");

function setup(pageSize?: number) {
  const sandbox = sandboxOf(estate, pageSize === undefined ? {} : { pageSize });
  return { sandbox, call: callerFor(sandbox, "demo-dev") };
}

function instancesOf(out: Record<string, unknown>): Instance[] {
  return ((out.Reservations as Reservation[] | undefined) ?? []).flatMap((r) => r.Instances ?? []);
}

describe("EC2 DescribeInstances", () => {
  it("returns every instance exactly once across pages of the default (small) size", async () => {
    const { call } = setup();
    const { items, pages } = await collectPages(async (token) => {
      const out = await call("ec2", "DescribeInstances", token === undefined ? {} : { NextToken: token });
      return { items: instancesOf(out).map((i) => i.InstanceId), next: out.NextToken as string | undefined };
    });
    expect(pages).toBeGreaterThan(1);
    expect(items.sort()).toEqual(devEast.instances.map((i) => i.id).sort());
  });

  it("honours MaxResults and groups instances into reservations", async () => {
    const { call } = setup();
    const out = await call("ec2", "DescribeInstances", { MaxResults: 5 });
    expect(instancesOf(out)).toHaveLength(5);
    const reservations = out.Reservations as Reservation[];
    expect(reservations[0]).toMatchObject({
      ReservationId: expect.stringMatching(/^r-/),
      OwnerId: "333333333333",
    });
    expect(typeof out.NextToken).toBe("string");
  });

  it("answers in the SDK's shapes: Date launch times, state objects, tags as Key/Value", async () => {
    const { call } = setup();
    const target = devEast.instances[0];
    const out = await call("ec2", "DescribeInstances", { InstanceIds: [target?.id] });
    const [instance] = instancesOf(out);
    expect(instance?.LaunchTime).toBeInstanceOf(Date);
    expect(instance?.State).toEqual({ Code: 16, Name: "running" });
    expect(instance?.Tags).toEqual(expect.arrayContaining([{ Key: "Name", Value: target?.tags.Name }]));
    expect(instance?.BlockDeviceMappings?.[0]?.Ebs?.VolumeId).toMatch(/^vol-/);
    expect(instance?.SecurityGroups?.[0]?.GroupId).toBe(target?.securityGroupIds[0]);
  });

  it.each([4, 1001])("refuses MaxResults %i with InvalidParameterValue", async (max) => {
    const { call } = setup();
    await expectAwsError(call("ec2", "DescribeInstances", { MaxResults: max }), "InvalidParameterValue");
  });

  it("refuses MaxResults together with InstanceIds", async () => {
    const { call } = setup();
    const e = await expectAwsError(
      call("ec2", "DescribeInstances", { MaxResults: 10, InstanceIds: [devEast.instances[0]?.id] }),
      "InvalidParameterCombination",
    );
    expect(e.message).toContain("instancesSet");
  });

  it("refuses an invalid NextToken, and a token of another operation", async () => {
    const { call } = setup();
    await expectAwsError(
      call("ec2", "DescribeInstances", { NextToken: "not-a-token" }),
      "InvalidPaginationToken",
    );
    const volumes = await call("ec2", "DescribeVolumes", {});
    await expectAwsError(
      call("ec2", "DescribeInstances", { NextToken: volumes.NextToken }),
      "InvalidPaginationToken",
    );
  });

  it("names unknown and malformed instance ids as AWS does", async () => {
    const { call } = setup();
    const e = await expectAwsError(
      call("ec2", "DescribeInstances", { InstanceIds: ["i-0123456789abcdef0"] }),
      "InvalidInstanceID.NotFound",
    );
    expect(e.message).toBe("The instance ID 'i-0123456789abcdef0' does not exist");
    await expectAwsError(
      call("ec2", "DescribeInstances", { InstanceIds: ["vol-0123456789abcdef0"] }),
      "InvalidInstanceID.Malformed",
    );
  });

  it("applies filters: state, VPC, tag:<key>, tag-key, with wildcards", async () => {
    const { call } = setup(1000);
    const stopped = instancesOf(
      await call("ec2", "DescribeInstances", {
        Filters: [{ Name: "instance-state-name", Values: ["stopped"] }],
      }),
    );
    expect(stopped.map((i) => i.InstanceId)).toEqual(
      devEast.instances.filter((i) => i.state === "stopped").map((i) => i.id),
    );
    const vpcId = devEast.vpcs[0]?.id;
    const inVpc = instancesOf(
      await call("ec2", "DescribeInstances", { Filters: [{ Name: "vpc-id", Values: [vpcId] }] }),
    );
    expect(inVpc).toHaveLength(devEast.instances.length);
    const web = instancesOf(
      await call("ec2", "DescribeInstances", { Filters: [{ Name: "tag:Name", Values: ["dev-*-web-0?"] }] }),
    );
    expect(web.length).toBe(
      devEast.instances.filter((i) => /^dev-.*-web-0.$/.test(i.tags.Name ?? "")).length,
    );
    expect(web.length).toBeGreaterThan(0);
    const withOwner = instancesOf(
      await call("ec2", "DescribeInstances", { Filters: [{ Name: "tag-key", Values: ["Owner"] }] }),
    );
    expect(withOwner.length).toBe(devEast.instances.filter((i) => i.tags.Owner !== undefined).length);
    const both = instancesOf(
      await call("ec2", "DescribeInstances", {
        Filters: [
          { Name: "instance-state-name", Values: ["running", "stopped"] },
          { Name: "tag:Application", Values: ["bastion"] },
        ],
      }),
    );
    expect(both).toHaveLength(1);
  });

  it("refuses an unknown filter name with InvalidParameterValue", async () => {
    const { call } = setup();
    const e = await expectAwsError(
      call("ec2", "DescribeInstances", { Filters: [{ Name: "colour", Values: ["blue"] }] }),
      "InvalidParameterValue",
    );
    expect(e.message).toContain("colour");
  });

  it("answers DryRun with DryRunOperation", async () => {
    const { call } = setup();
    await expectAwsError(call("ec2", "DescribeInstances", { DryRun: true }), "DryRunOperation", 412);
  });

  it("answers an empty list in a region the account does not use", async () => {
    const { call } = setup();
    const out = await call("ec2", "DescribeInstances", {}, "eu-central-1");
    expect(out).toEqual({ Reservations: [] });
  });
});

describe("EC2 DescribeVolumes", () => {
  it("returns every volume exactly once across pages", async () => {
    const { call } = setup();
    const { items, pages } = await collectPages(async (token) => {
      const out = await call("ec2", "DescribeVolumes", {
        MaxResults: 5,
        ...(token === undefined ? {} : { NextToken: token }),
      });
      return {
        items: (out.Volumes as Volume[]).map((v) => v.VolumeId),
        next: out.NextToken as string | undefined,
      };
    });
    expect(pages).toBe(Math.ceil(devEast.volumes.length / 5));
    expect(items.sort()).toEqual(devEast.volumes.map((v) => v.id).sort());
  });

  it("filters by status and by attachment.instance-id", async () => {
    const { call } = setup(500);
    const available = (
      await call("ec2", "DescribeVolumes", { Filters: [{ Name: "status", Values: ["available"] }] })
    ).Volumes as Volume[];
    expect(available.map((v) => v.VolumeId).sort()).toEqual([
      "vol-0bad0000000000001",
      "vol-0bad0000000000002",
    ]);
    expect(available[0]?.Attachments).toEqual([]);
    const instanceId = devEast.instances[2]?.id;
    const attached = (
      await call("ec2", "DescribeVolumes", {
        Filters: [{ Name: "attachment.instance-id", Values: [instanceId] }],
      })
    ).Volumes as Volume[];
    expect(attached.length).toBeGreaterThan(0);
    expect(attached.every((v) => v.State === "in-use" && v.Attachments?.[0]?.InstanceId === instanceId)).toBe(
      true,
    );
    expect(attached[0]?.CreateTime).toBeInstanceOf(Date);
  });

  it("caps MaxResults above 500 instead of refusing it, and refuses below 5", async () => {
    const { call } = setup();
    const out = await call("ec2", "DescribeVolumes", { MaxResults: 2000 });
    expect((out.Volumes as Volume[]).length).toBe(devEast.volumes.length);
    await expectAwsError(call("ec2", "DescribeVolumes", { MaxResults: 3 }), "InvalidParameterValue");
  });

  it("names a missing volume InvalidVolume.NotFound", async () => {
    const { call } = setup();
    await expectAwsError(
      call("ec2", "DescribeVolumes", { VolumeIds: ["vol-0aaaaaaaaaaaaaaaa"] }),
      "InvalidVolume.NotFound",
    );
  });
});

describe("EC2 networking reads", () => {
  it("DescribeVpcs and DescribeSubnets page, filter and name missing ids", async () => {
    const { call } = setup(2);
    const { items: subnets } = await collectPages(async (token) => {
      const out = await call("ec2", "DescribeSubnets", token === undefined ? {} : { NextToken: token });
      return {
        items: out.Subnets as { SubnetId: string; AvailableIpAddressCount: number }[],
        next: out.NextToken as string | undefined,
      };
    });
    expect(subnets.map((s) => s.SubnetId).sort()).toEqual(devEast.subnets.map((s) => s.id).sort());
    expect(subnets[0]?.AvailableIpAddressCount).toBeGreaterThan(4000);
    const vpcId = devEast.vpcs[0]?.id;
    const vpcs = await call("ec2", "DescribeVpcs", { Filters: [{ Name: "vpc-id", Values: [vpcId] }] });
    expect(vpcs.Vpcs).toMatchObject([
      { VpcId: vpcId, CidrBlock: "10.30.0.0/16", IsDefault: false, State: "available" },
    ]);
    await expectAwsError(
      call("ec2", "DescribeVpcs", { VpcIds: ["vpc-0aaaaaaaaaaaaaaaa"] }),
      "InvalidVpcID.NotFound",
    );
    await expectAwsError(
      call("ec2", "DescribeSubnets", { SubnetIds: ["subnet-0aaaaaaaaaaaaaaaa"] }),
      "InvalidSubnetID.NotFound",
    );
    await expectAwsError(
      call("ec2", "DescribeSubnets", { SubnetIds: ["subnet-xyz"] }),
      "InvalidSubnetID.Malformed",
    );
  });

  it("DescribeSecurityGroups shows rules as IpPermissions and filters by group-id", async () => {
    const { call } = setup();
    const out = await call("ec2", "DescribeSecurityGroups", {
      Filters: [{ Name: "group-id", Values: ["sg-0bad0000000000002"] }],
    });
    expect(out.SecurityGroups).toMatchObject([
      {
        GroupId: "sg-0bad0000000000002",
        GroupName: "dev-bastion-sg",
        IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
        IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
      },
    ]);
    const open = await call("ec2", "DescribeSecurityGroups", {
      MaxResults: 100,
      Filters: [{ Name: "ip-permission.cidr", Values: ["0.0.0.0/0"] }],
    });
    expect((open.SecurityGroups as { GroupId: string }[]).map((g) => g.GroupId)).toContain(
      "sg-0bad0000000000002",
    );
    await expectAwsError(
      call("ec2", "DescribeSecurityGroups", { GroupIds: ["sg-0aaaaaaaaaaaaaaaa"] }),
      "InvalidGroup.NotFound",
    );
  });

  it("DescribeAddresses filters by domain and is not paginated", async () => {
    const { call } = setup(1);
    const out = await call("ec2", "DescribeAddresses", { Filters: [{ Name: "domain", Values: ["vpc"] }] });
    expect(out.NextToken).toBeUndefined();
    const nat = devEast.natGateways[0];
    // The NAT gateway's address (on its interface, no instance) and one on an instance.
    expect(out.Addresses).toHaveLength(devEast.addresses.length);
    expect(out.Addresses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Domain: "vpc", InstanceId: expect.stringMatching(/^i-/) }),
        expect.objectContaining({
          AllocationId: nat?.allocationId,
          NetworkInterfaceId: nat?.networkInterfaceId,
          AssociationId: expect.any(String),
        }),
      ]),
    );
  });

  it("DescribeNetworkInterfaces shows orphans as available, with TagSet, filtering by status and attachment", async () => {
    const sandbox = sandboxOf(estate);
    const call = callerFor(sandbox, "demo-dev");
    const orphans = await call(
      "ec2",
      "DescribeNetworkInterfaces",
      { Filters: [{ Name: "status", Values: ["available"] }] },
      "us-west-2",
    );
    expect(orphans.NetworkInterfaces).toMatchObject([
      {
        NetworkInterfaceId: "eni-0bad0000000000002",
        Status: "available",
        TagSet: expect.arrayContaining([{ Key: "Owner", Value: "platform-team" }]) as unknown,
      },
    ]);
    const instanceId = devEast.instances[0]?.id;
    const attached = await call("ec2", "DescribeNetworkInterfaces", {
      Filters: [{ Name: "attachment.instance-id", Values: [instanceId] }],
    });
    expect(attached.NetworkInterfaces).toMatchObject([
      { Attachment: { InstanceId: instanceId, DeviceIndex: 0 }, Status: "in-use" },
    ]);
    const managed = await call("ec2", "DescribeNetworkInterfaces", {
      MaxResults: 100,
      Filters: [{ Name: "requester-managed", Values: ["true"] }],
    });
    expect((managed.NetworkInterfaces as unknown[]).length).toBeGreaterThan(0);
  });

  it("DescribeSnapshots with OwnerIds self lists the account's snapshots, with Date start times", async () => {
    const { call } = setup(100);
    const out = await call("ec2", "DescribeSnapshots", { OwnerIds: ["self"] });
    const snapshots = out.Snapshots as { SnapshotId: string; StartTime: Date; OwnerId: string }[];
    expect(snapshots.map((s) => s.SnapshotId).sort()).toEqual(devEast.snapshots.map((s) => s.id).sort());
    expect(snapshots[0]?.StartTime).toBeInstanceOf(Date);
    expect(snapshots[0]?.OwnerId).toBe("333333333333");
    expect(await call("ec2", "DescribeSnapshots", { OwnerIds: ["amazon"] })).toEqual({ Snapshots: [] });
    await expectAwsError(
      call("ec2", "DescribeSnapshots", { SnapshotIds: ["snap-0aaaaaaaaaaaaaaaa"] }),
      "InvalidSnapshot.NotFound",
    );
  });
});

describe("EC2 DescribeRegions and DescribeAvailabilityZones", () => {
  it("lists usable regions by default and every region with AllRegions, with opt-in status", async () => {
    const { call } = setup();
    const usable = (await call("ec2", "DescribeRegions", {})).Regions as {
      RegionName: string;
      OptInStatus: string;
    }[];
    expect(usable.map((r) => r.RegionName)).toContain("us-east-1");
    expect(usable.some((r) => r.OptInStatus === "not-opted-in")).toBe(false);
    const all = (await call("ec2", "DescribeRegions", { AllRegions: true })).Regions as {
      RegionName: string;
      OptInStatus: string;
    }[];
    expect(all.find((r) => r.RegionName === "af-south-1")).toMatchObject({ OptInStatus: "not-opted-in" });
    expect(all.find((r) => r.RegionName === "eu-west-1")).toMatchObject({
      OptInStatus: "opt-in-not-required",
    });
    const filtered = await call("ec2", "DescribeRegions", {
      AllRegions: true,
      Filters: [{ Name: "opt-in-status", Values: ["not-opted-in"] }],
    });
    expect((filtered.Regions as unknown[]).length).toBe(
      all.filter((r) => r.OptInStatus === "not-opted-in").length,
    );
  });

  it("names the availability zones of the client's region", async () => {
    const { call } = setup();
    const out = await call("ec2", "DescribeAvailabilityZones", {}, "ap-southeast-2");
    expect(out.AvailabilityZones).toMatchObject([
      { ZoneName: "ap-southeast-2a", ZoneId: "apse2-az1", State: "available" },
      { ZoneName: "ap-southeast-2b" },
      { ZoneName: "ap-southeast-2c" },
    ]);
  });
});
