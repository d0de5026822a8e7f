import type { Instance, Reservation, Volume } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { saveEstate } from "../../../src/aws/sandbox/estate.js";
import { callerFor, expectAwsError, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();

function setup() {
  const sandbox = sandboxOf(estate, { pageSize: 1000 });
  return { sandbox, call: callerFor(sandbox, "demo-dev") };
}

async function describeInstance(
  call: ReturnType<typeof setup>["call"],
  id: string,
): Promise<Instance | undefined> {
  const out = await call("ec2", "DescribeInstances", { InstanceIds: [id] });
  return (out.Reservations as Reservation[])[0]?.Instances?.[0];
}

describe("EC2 writes are visible to reads", () => {
  it("CreateTags then DeleteTags change what DescribeInstances and DescribeTags report", async () => {
    const { call } = setup();
    const id = "i-0bad0000000000002";
    await call("ec2", "CreateTags", {
      Resources: [id],
      Tags: [
        { Key: "Owner", Value: "ml-team" },
        { Key: "CostCenter", Value: "CC-3030" },
      ],
    });
    expect((await describeInstance(call, id))?.Tags).toEqual(
      expect.arrayContaining([{ Key: "Owner", Value: "ml-team" }]),
    );
    const tags = await call("ec2", "DescribeTags", {
      Filters: [
        { Name: "resource-id", Values: [id] },
        { Name: "key", Values: ["Owner"] },
      ],
    });
    expect(tags.Tags).toEqual([{ Key: "Owner", Value: "ml-team", ResourceId: id, ResourceType: "instance" }]);
    await call("ec2", "DeleteTags", { Resources: [id], Tags: [{ Key: "Owner", Value: "someone-else" }] });
    expect((await describeInstance(call, id))?.Tags).toEqual(
      expect.arrayContaining([{ Key: "Owner", Value: "ml-team" }]),
    );
    await call("ec2", "DeleteTags", { Resources: [id], Tags: [{ Key: "Owner" }] });
    expect((await describeInstance(call, id))?.Tags?.some((t) => t.Key === "Owner")).toBe(false);
    await call("ec2", "DeleteTags", { Resources: [id] });
    expect((await describeInstance(call, id))?.Tags).toBeUndefined();
  });

  it("CreateTags refuses reserved keys, unknown ids and unknown id kinds", async () => {
    const { call } = setup();
    await expectAwsError(
      call("ec2", "CreateTags", { Resources: ["i-0bad0000000000002"], Tags: [{ Key: "aws:x", Value: "y" }] }),
      "InvalidParameterValue",
    );
    await expectAwsError(
      call("ec2", "CreateTags", { Resources: ["vol-0aaaaaaaaaaaaaaaa"], Tags: [{ Key: "a", Value: "b" }] }),
      "InvalidVolume.NotFound",
    );
    await expectAwsError(
      call("ec2", "CreateTags", { Resources: ["foo-0aaaaaaaaaaaaaaaa"], Tags: [{ Key: "a", Value: "b" }] }),
      "InvalidID",
    );
  });

  it("DeleteVolume removes an unattached volume, then answers InvalidVolume.NotFound", async () => {
    const { call, sandbox } = setup();
    await call("ec2", "DeleteVolume", { VolumeId: "vol-0bad0000000000001" });
    await expectAwsError(
      call("ec2", "DescribeVolumes", { VolumeIds: ["vol-0bad0000000000001"] }),
      "InvalidVolume.NotFound",
    );
    await expectAwsError(
      call("ec2", "DeleteVolume", { VolumeId: "vol-0bad0000000000001" }),
      "InvalidVolume.NotFound",
    );
    expect(
      sandbox.estate.accounts[2]?.regions["us-east-1"]?.volumes.some((v) => v.id === "vol-0bad0000000000001"),
    ).toBe(false);
  });

  it("DeleteVolume refuses an attached volume with VolumeInUse", async () => {
    const { call } = setup();
    const attached = estate.accounts[2]?.regions["us-east-1"]?.volumes.find((v) => v.attachments.length > 0);
    const e = await expectAwsError(call("ec2", "DeleteVolume", { VolumeId: attached?.id }), "VolumeInUse");
    expect(e.message).toContain(attached?.attachments[0]?.instanceId);
  });

  it("DeleteVolume with DryRun changes nothing", async () => {
    const { call } = setup();
    await expectAwsError(
      call("ec2", "DeleteVolume", { VolumeId: "vol-0bad0000000000002", DryRun: true }),
      "DryRunOperation",
    );
    const out = await call("ec2", "DescribeVolumes", { VolumeIds: ["vol-0bad0000000000002"] });
    expect(out.Volumes).toHaveLength(1);
  });

  it("RunInstances launches into a subnet, tags instance and volumes, and reads see the instance running", async () => {
    const { call } = setup();
    const subnet = estate.accounts[2]?.regions["us-east-1"]?.subnets[2];
    const group = estate.accounts[2]?.regions["us-east-1"]?.securityGroups.find(
      (g) => g.vpcId === subnet?.vpcId && g.name !== "default",
    );
    const out = await call("ec2", "RunInstances", {
      ImageId: "ami-0123456789abcdef0",
      InstanceType: "t3.micro",
      MinCount: 2,
      MaxCount: 2,
      SubnetId: subnet?.id,
      SecurityGroupIds: [group?.id],
      TagSpecifications: [
        { ResourceType: "instance", Tags: [{ Key: "Name", Value: "dev-new" }] },
        { ResourceType: "volume", Tags: [{ Key: "Name", Value: "dev-new-root" }] },
      ],
    });
    const launched = out.Instances as Instance[];
    expect(launched).toHaveLength(2);
    expect(launched[0]?.State).toEqual({ Code: 0, Name: "pending" });
    expect(out.ReservationId).toMatch(/^r-/);
    const id = launched[0]?.InstanceId ?? "";
    const seen = await describeInstance(call, id);
    expect(seen).toMatchObject({
      State: { Name: "running" },
      SubnetId: subnet?.id,
      InstanceType: "t3.micro",
      Tags: [{ Key: "Name", Value: "dev-new" }],
    });
    const volumes = (
      await call("ec2", "DescribeVolumes", { Filters: [{ Name: "attachment.instance-id", Values: [id] }] })
    ).Volumes as Volume[];
    expect(volumes).toMatchObject([{ Size: 8, Tags: [{ Key: "Name", Value: "dev-new-root" }] }]);
    const enis = await call("ec2", "DescribeNetworkInterfaces", {
      Filters: [{ Name: "attachment.instance-id", Values: [id] }],
    });
    expect(enis.NetworkInterfaces).toHaveLength(1);
  });

  it("RunInstances without a subnet needs a default VPC", async () => {
    const { call } = setup();
    await expectAwsError(
      call("ec2", "RunInstances", { ImageId: "ami-0123456789abcdef0", MinCount: 1, MaxCount: 1 }),
      "VPCIdNotSpecified",
    );
    const sandboxCall = callerFor(sandboxOf(estate), "demo-sandbox");
    const out = await sandboxCall("ec2", "RunInstances", {
      ImageId: "ami-0123456789abcdef0",
      MinCount: 1,
      MaxCount: 1,
    });
    expect((out.Instances as Instance[])[0]?.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it("RunInstances validates the image id, subnet and groups", async () => {
    const { call } = setup();
    await expectAwsError(
      call("ec2", "RunInstances", { ImageId: "my-image", MinCount: 1, MaxCount: 1 }),
      "InvalidAMIID.Malformed",
    );
    await expectAwsError(
      call("ec2", "RunInstances", {
        ImageId: "ami-0123456789abcdef0",
        MinCount: 1,
        MaxCount: 1,
        SubnetId: "subnet-0aaaaaaaaaaaaaaaa",
      }),
      "InvalidSubnetID.NotFound",
    );
  });

  it("TerminateInstances terminates, deletes the root volume and frees the Elastic IP", async () => {
    const { call } = setup();
    const bastion = estate.accounts[2]?.regions["us-east-1"]?.instances.find(
      (i) => i.tags.Name === "dev-bastion-01",
    );
    const id = bastion?.id ?? "";
    const out = await call("ec2", "TerminateInstances", { InstanceIds: [id] });
    expect(out.TerminatingInstances).toEqual([
      {
        InstanceId: id,
        CurrentState: { Code: 32, Name: "shutting-down" },
        PreviousState: { Code: 16, Name: "running" },
      },
    ]);
    expect((await describeInstance(call, id))?.State).toEqual({ Code: 48, Name: "terminated" });
    const volumes = await call("ec2", "DescribeVolumes", {
      Filters: [{ Name: "attachment.instance-id", Values: [id] }],
    });
    expect(volumes.Volumes).toEqual([]);
    const addresses = await call("ec2", "DescribeAddresses", {
      Filters: [{ Name: "tag:Name", Values: ["dev-bastion-ip"] }],
    });
    expect(addresses.Addresses).toMatchObject([{ PublicIp: expect.any(String) }]);
    expect((addresses.Addresses as { AssociationId?: string }[])[0]?.AssociationId).toBeUndefined();
    await expectAwsError(call("ec2", "StartInstances", { InstanceIds: [id] }), "IncorrectInstanceState");
  });

  it("StopInstances and StartInstances move instances between stopped and running", async () => {
    const { call } = setup();
    const id = "i-0bad0000000000002";
    const start = await call("ec2", "StartInstances", { InstanceIds: [id] });
    expect(start.StartingInstances).toMatchObject([
      { CurrentState: { Name: "pending" }, PreviousState: { Name: "stopped" } },
    ]);
    expect((await describeInstance(call, id))?.State?.Name).toBe("running");
    await call("ec2", "StopInstances", { InstanceIds: [id] });
    expect((await describeInstance(call, id))?.State?.Name).toBe("stopped");
  });

  it("ReleaseAddress releases an unassociated address and refuses an associated one", async () => {
    const sandbox = sandboxOf(estate);
    const call = callerFor(sandbox, "demo-sandbox");
    await call("ec2", "ReleaseAddress", { AllocationId: "eipalloc-0bad0000000000001" });
    await expectAwsError(
      call("ec2", "DescribeAddresses", { AllocationIds: ["eipalloc-0bad0000000000001"] }),
      "InvalidAllocationID.NotFound",
    );
    const devCall = callerFor(sandbox, "demo-dev");
    const associated = (await devCall("ec2", "DescribeAddresses", {})).Addresses as {
      AllocationId: string;
    }[];
    await expectAwsError(
      devCall("ec2", "ReleaseAddress", { AllocationId: associated[0]?.AllocationId }),
      "InvalidIPAddress.InUse",
    );
  });

  it("AuthorizeSecurityGroupIngress adds a rule, refuses a duplicate; Revoke removes it", async () => {
    const { call } = setup();
    const groupId = "sg-0bad0000000000002";
    const rule = {
      IpProtocol: "tcp",
      FromPort: 443,
      ToPort: 443,
      IpRanges: [{ CidrIp: "10.0.0.0/8", Description: "vpn" }],
    };
    const out = await call("ec2", "AuthorizeSecurityGroupIngress", {
      GroupId: groupId,
      IpPermissions: [rule],
    });
    expect(out).toMatchObject({
      Return: true,
      SecurityGroupRules: [{ GroupId: groupId, CidrIpv4: "10.0.0.0/8", FromPort: 443 }],
    });
    await expectAwsError(
      call("ec2", "AuthorizeSecurityGroupIngress", { GroupId: groupId, IpPermissions: [rule] }),
      "InvalidPermission.Duplicate",
    );
    const group = async () =>
      (
        (await call("ec2", "DescribeSecurityGroups", { GroupIds: [groupId] })).SecurityGroups as {
          IpPermissions: unknown[];
        }[]
      )[0];
    expect((await group())?.IpPermissions).toHaveLength(2);
    await call("ec2", "RevokeSecurityGroupIngress", {
      GroupId: groupId,
      IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
    });
    expect((await group())?.IpPermissions).toMatchObject([{ FromPort: 443 }]);
    await expectAwsError(
      call("ec2", "RevokeSecurityGroupIngress", {
        GroupId: groupId,
        IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
      }),
      "InvalidPermission.NotFound",
    );
  });

  it("DeleteSecurityGroup deletes an unused group and refuses one in use", async () => {
    const { call } = setup();
    await expectAwsError(
      call("ec2", "DeleteSecurityGroup", { GroupId: "sg-0bad0000000000002" }),
      "DependencyViolation",
    );
    await call("ec2", "DeleteSecurityGroup", { GroupId: "sg-0bad0000000000006" }, "eu-west-1");
    await expectAwsError(
      call("ec2", "DescribeSecurityGroups", { GroupIds: ["sg-0bad0000000000006"] }, "eu-west-1"),
      "InvalidGroup.NotFound",
    );
  });

  it("DeleteNetworkInterface deletes an orphan and refuses an attached interface", async () => {
    const { call } = setup();
    await call("ec2", "DeleteNetworkInterface", { NetworkInterfaceId: "eni-0bad0000000000002" }, "us-west-2");
    const left = await call(
      "ec2",
      "DescribeNetworkInterfaces",
      { Filters: [{ Name: "status", Values: ["available"] }] },
      "us-west-2",
    );
    expect(left.NetworkInterfaces).toEqual([]);
    const attached = estate.accounts[2]?.regions["us-east-1"]?.networkInterfaces[0]?.id;
    await expectAwsError(
      call("ec2", "DeleteNetworkInterface", { NetworkInterfaceId: attached }),
      "InvalidNetworkInterface.InUse",
    );
  });

  it("DeleteSnapshot removes a snapshot", async () => {
    const { call } = setup();
    await call("ec2", "DeleteSnapshot", { SnapshotId: "snap-0bad0000000000001" });
    await expectAwsError(
      call("ec2", "DescribeSnapshots", { SnapshotIds: ["snap-0bad0000000000001"] }),
      "InvalidSnapshot.NotFound",
    );
  });

  it("leaves the estate it was created from untouched, and reset() restores the original", async () => {
    const { call, sandbox } = setup();
    await call("ec2", "DeleteVolume", { VolumeId: "vol-0bad0000000000002" });
    expect(
      estate.accounts[2]?.regions["us-east-1"]?.volumes.some((v) => v.id === "vol-0bad0000000000002"),
    ).toBe(true);
    sandbox.reset();
    expect(sandbox.calls).toEqual([]);
    const out = await call("ec2", "DescribeVolumes", { VolumeIds: ["vol-0bad0000000000002"] });
    expect(out.Volumes).toHaveLength(1);
  });

  it("reset() gives back the estate exactly as given, and new ids in a fresh sandbox's sequence", async () => {
    const { call, sandbox } = setup();
    const newIds = async () => {
      const snapshot = await call("ec2", "CreateSnapshot", { VolumeId: "vol-0bad0000000000002" });
      const volume = await call("ec2", "CreateVolume", {
        AvailabilityZone: "us-east-1a",
        SnapshotId: snapshot.SnapshotId,
      });
      return [snapshot.SnapshotId, volume.VolumeId];
    };
    const first = await newIds();
    await call("ec2", "DeleteVolume", { VolumeId: "vol-0bad0000000000002" });
    expect(saveEstate(sandbox.estate)).not.toBe(saveEstate(estate));
    sandbox.reset();
    expect(saveEstate(sandbox.estate)).toBe(saveEstate(estate));
    expect(await newIds()).toEqual(first);
  });
});
