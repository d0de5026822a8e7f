/**
 * EBS → ResourceRecord: volumes (DescribeVolumes) and the snapshots the account owns
 * (DescribeSnapshots, OwnerIds ["self"]: not the public or shared ones), with the SDK's paginators.
 */
import {
  paginateDescribeSnapshots,
  paginateDescribeVolumes,
  type Snapshot,
  type Volume,
} from "@aws-sdk/client-ec2";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { ec2Arn, ec2ArnWithoutAccount } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { itemsFromPages } from "./pages.js";
import { isoDate, nameTag, tagMap } from "./tags.js";

export async function collectVolumes(factory: ClientFactory, scope: CollectScope): Promise<ResourceRecord[]> {
  const volumes = await listVolumes(factory, scope);
  return volumes.flatMap((v) => (v.VolumeId === undefined ? [] : [volumeRecord(v, v.VolumeId, scope)]));
}

export async function listVolumes(factory: ClientFactory, scope: CollectScope): Promise<Volume[]> {
  const client = await factory.ec2(scope.region);
  return withAwsErrors(callSite(scope, "ec2:DescribeVolumes"), () =>
    itemsFromPages(
      paginateDescribeVolumes(
        { client, pageSize: pageSizeWithin(scope.pageSize, 5, 500), stopOnSameToken: true },
        {},
      ),
      (page) => page.Volumes,
    ),
  );
}

export async function collectSnapshots(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const own = await listOwnSnapshots(factory, scope);
  return own.flatMap((s) => (s.SnapshotId === undefined ? [] : [snapshotRecord(s, s.SnapshotId, scope)]));
}

/**
 * The snapshots the account owns (OwnerIds ["self"]); with `restorableByAll`, only those anyone
 * may restore (RestorableByUserIds ["all"]: the public ones).
 */
export async function listOwnSnapshots(
  factory: ClientFactory,
  scope: CollectScope,
  options: { restorableByAll?: boolean } = {},
): Promise<Snapshot[]> {
  const client = await factory.ec2(scope.region);
  const snapshots = await withAwsErrors(callSite(scope, "ec2:DescribeSnapshots"), () =>
    itemsFromPages(
      paginateDescribeSnapshots(
        { client, pageSize: pageSizeWithin(scope.pageSize, 5, 1000), stopOnSameToken: true },
        { OwnerIds: ["self"], ...(options.restorableByAll === true && { RestorableByUserIds: ["all"] }) },
      ),
      (page) => page.Snapshots,
    ),
  );
  // OwnerIds ["self"] already limits the answer; an endpoint that ignores it (moto) is filtered here.
  return snapshots.filter((s) => s.OwnerId === undefined || s.OwnerId === scope.account);
}

export function volumeRecord(volume: Volume, id: string, scope: CollectScope): ResourceRecord {
  const tags = tagMap(volume.Tags);
  const attachedTo = (volume.Attachments ?? [])
    .map((a) => a.InstanceId)
    .filter((instanceId): instanceId is string => instanceId !== undefined);
  return {
    service: "ebs",
    type: "volume",
    id,
    arn: ec2Arn(scope.region, scope.account, "volume", id),
    name: nameTag(tags),
    account: scope.account,
    region: scope.region,
    state: volume.State,
    tags,
    attributes: {
      sizeGiB: volume.Size ?? null,
      volumeType: volume.VolumeType ?? null,
      availabilityZone: volume.AvailabilityZone ?? null,
      isEncrypted: volume.Encrypted ?? null,
      attachedTo: attachedTo.length === 0 ? null : attachedTo.join(","),
      iops: volume.Iops ?? null,
      snapshotId: volume.SnapshotId === undefined || volume.SnapshotId === "" ? null : volume.SnapshotId,
      createTime: isoDate(volume.CreateTime),
    },
  };
}

export function snapshotRecord(snapshot: Snapshot, id: string, scope: CollectScope): ResourceRecord {
  const tags = tagMap(snapshot.Tags);
  return {
    service: "ebs",
    type: "snapshot",
    id,
    arn: ec2ArnWithoutAccount(scope.region, "snapshot", id),
    name: nameTag(tags),
    account: scope.account,
    region: scope.region,
    state: snapshot.State,
    tags,
    attributes: {
      // A snapshot copied or made by an AMI registration names the placeholder vol-ffffffff.
      volumeId: snapshot.VolumeId ?? null,
      volumeSizeGiB: snapshot.VolumeSize ?? null,
      startTime: isoDate(snapshot.StartTime),
      isEncrypted: snapshot.Encrypted ?? null,
      progress: snapshot.Progress ?? null,
      storageTier: snapshot.StorageTier ?? null,
      description: snapshot.Description ?? null,
    },
  };
}
