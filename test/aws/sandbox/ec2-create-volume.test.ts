/**
 * CreateVolume, which the cleanup blueprint's rollback calls: a volume from a snapshot in an
 * availability zone of the region, seen by DescribeVolumes and the inventory collector, and the
 * AWS errors that refuse it.
 */
import type { Snapshot, Volume } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { collectVolumes } from "../../../src/aws/collectors/ebs.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { callerFor, expectAwsError } from "./_helpers.js";

const region = "us-east-1";

function setup() {
  const built = makeSandboxFactory({ pageSize: 1000 });
  return { ...built, call: callerFor(built.sandbox, "demo-dev") };
}

async function snapshotOfAVolume(call: ReturnType<typeof setup>["call"]) {
  const volumes = (await call("ec2", "DescribeVolumes", {})).Volumes as Volume[];
  const volume = volumes[0]!;
  const snapshot = (await call("ec2", "CreateSnapshot", { VolumeId: volume.VolumeId })) as Snapshot;
  return { volume, snapshotId: snapshot.SnapshotId! };
}

describe("CreateVolume", () => {
  it("makes a volume from a snapshot: answered creating, read available, with a new id, its tags and the snapshot's size", async () => {
    const { call, factory } = setup();
    const { volume, snapshotId } = await snapshotOfAVolume(call);
    const out = (await call("ec2", "CreateVolume", {
      AvailabilityZone: "us-east-1b",
      SnapshotId: snapshotId,
      VolumeType: "gp3",
      Encrypted: true,
      TagSpecifications: [{ ResourceType: "volume", Tags: [{ Key: "Name", Value: "restored" }] }],
    })) as Volume;
    expect(out).toMatchObject({
      State: "creating",
      AvailabilityZone: "us-east-1b",
      SnapshotId: snapshotId,
      Size: volume.Size,
      VolumeType: "gp3",
      Encrypted: true,
      Tags: [{ Key: "Name", Value: "restored" }],
    });
    expect(out.VolumeId).toMatch(/^vol-[0-9a-f]{17}$/);
    expect(out.VolumeId).not.toBe(volume.VolumeId);
    const seen = (
      await call("ec2", "DescribeVolumes", { Filters: [{ Name: "snapshot-id", Values: [snapshotId] }] })
    ).Volumes as Volume[];
    expect(seen).toMatchObject([{ VolumeId: out.VolumeId, State: "available", Attachments: [] }]);
    const inventoried = await collectVolumes(factory, { account: DEV_ACCOUNT, region });
    expect(inventoried.find((v) => v.id === out.VolumeId)).toMatchObject({
      state: "available",
      name: "restored",
    });
  });

  it("refuses what AWS refuses", async () => {
    const { call } = setup();
    const { snapshotId } = await snapshotOfAVolume(call);
    await expectAwsError(call("ec2", "CreateVolume", { SnapshotId: snapshotId }), "MissingParameter");
    await expectAwsError(
      call("ec2", "CreateVolume", { AvailabilityZone: "eu-west-1a", SnapshotId: snapshotId }),
      "InvalidParameterValue",
    );
    await expectAwsError(
      call("ec2", "CreateVolume", { AvailabilityZone: "us-east-1a", SnapshotId: "snap-0123456789abcdef0" }),
      "InvalidSnapshot.NotFound",
    );
    await expectAwsError(
      call("ec2", "CreateVolume", { AvailabilityZone: "us-east-1a", SnapshotId: snapshotId, Size: 1 }),
      "InvalidParameterValue",
    );
    await expectAwsError(call("ec2", "CreateVolume", { AvailabilityZone: "us-east-1a" }), "MissingParameter");
    await expectAwsError(
      call("ec2", "CreateVolume", { AvailabilityZone: "us-east-1a", Size: 10, VolumeType: "io2" }),
      "InvalidParameterCombination",
    );
    await expectAwsError(
      call("ec2", "CreateVolume", { AvailabilityZone: "us-east-1a", Size: 10, VolumeType: "gp2", Iops: 100 }),
      "InvalidParameterCombination",
    );
  });
});
