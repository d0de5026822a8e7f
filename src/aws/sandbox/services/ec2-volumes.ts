/**
 * EBS: DescribeVolumes, DeleteVolume, DescribeSnapshots, DeleteSnapshot.
 */
import type {
  DeleteSnapshotRequest,
  DeleteVolumeRequest,
  DescribeSnapshotsRequest,
  DescribeSnapshotsResult,
  DescribeVolumesRequest,
  DescribeVolumesResult,
  Snapshot,
  Volume,
} from "@aws-sdk/client-ec2";
import type { EstateSnapshot, EstateVolume } from "../estate.js";
import { awsError } from "../errors.js";
import { op, regionOf, tagsMember, toDate, type Handler, type ServiceContext } from "./context.js";
import { applyEc2Filters, type FilterFields } from "./ec2-filters.js";
import { checkDryRun, ec2Page, findOne, ID_KINDS, nextTokenMember, selectByIds } from "./ec2-shared.js";

export function volumeState(v: EstateVolume): "in-use" | "available" {
  return v.attachments.length > 0 ? "in-use" : "available";
}

function volumeOutput(v: EstateVolume): Volume {
  return {
    Attachments: v.attachments.map((a) => ({
      AttachTime: toDate(a.attachedAt),
      Device: a.device,
      InstanceId: a.instanceId,
      State: "attached",
      VolumeId: v.id,
      DeleteOnTermination: a.deleteOnTermination,
    })),
    AvailabilityZone: v.availabilityZone,
    CreateTime: toDate(v.createdAt),
    Encrypted: v.encrypted,
    ...(v.kmsKeyId === undefined ? {} : { KmsKeyId: v.kmsKeyId }),
    Size: v.sizeGiB,
    SnapshotId: v.snapshotId ?? "",
    State: volumeState(v),
    VolumeId: v.id,
    ...(v.iops === undefined ? {} : { Iops: v.iops }),
    ...(v.throughput === undefined ? {} : { Throughput: v.throughput }),
    ...tagsMember(v.tags),
    VolumeType: v.type,
    MultiAttachEnabled: false,
  };
}

const VOLUME_FILTERS: FilterFields<EstateVolume> = {
  "volume-id": (v) => v.id,
  status: volumeState,
  "attachment.instance-id": (v) => v.attachments.map((a) => a.instanceId),
  "attachment.device": (v) => v.attachments.map((a) => a.device),
  "attachment.status": (v) => v.attachments.map(() => "attached"),
  "attachment.delete-on-termination": (v) => v.attachments.map((a) => String(a.deleteOnTermination)),
  "availability-zone": (v) => v.availabilityZone,
  encrypted: (v) => v.encrypted,
  size: (v) => v.sizeGiB,
  "volume-type": (v) => v.type,
  "snapshot-id": (v) => v.snapshotId,
  "create-time": (v) => v.createdAt,
  "multi-attach-enabled": () => false,
};

function describeVolumes(ctx: ServiceContext, input: DescribeVolumesRequest): DescribeVolumesResult {
  const r = regionOf(ctx);
  const ids = input.VolumeIds ?? [];
  const idsGiven = ids.length > 0;
  const selected = idsGiven ? selectByIds(ID_KINDS.volume, r.volumes, ids, (v) => v.id) : r.volumes;
  const matching = applyEc2Filters(selected, input.Filters, VOLUME_FILTERS, (v) => v.tags);
  // DescribeVolumes accepts 5–500 and answers at most 500 when asked for more.
  const page = ec2Page(
    ctx,
    input,
    matching,
    { min: 5, max: 500, capAboveMax: true, idsParameter: "volumeSet" },
    idsGiven,
  );
  checkDryRun(input);
  return { Volumes: page.items.map(volumeOutput), ...nextTokenMember(page.nextToken) };
}

function deleteVolume(ctx: ServiceContext, input: DeleteVolumeRequest): Record<string, never> {
  const r = regionOf(ctx);
  const volume = findOne(ID_KINDS.volume, r.volumes, input.VolumeId, (v) => v.id);
  const attachment = volume.attachments[0];
  if (attachment !== undefined) {
    throw awsError("VolumeInUse", `Volume ${volume.id} is currently attached to ${attachment.instanceId}`);
  }
  checkDryRun(input);
  r.volumes = r.volumes.filter((v) => v !== volume);
  return {};
}

function snapshotOutput(ctx: ServiceContext, s: EstateSnapshot): Snapshot {
  return {
    Description: s.description,
    Encrypted: s.encrypted,
    OwnerId: ctx.account.id,
    Progress: s.state === "completed" ? "100%" : "40%",
    SnapshotId: s.id,
    StartTime: toDate(s.startedAt),
    State: s.state,
    VolumeId: s.volumeId,
    VolumeSize: s.volumeSizeGiB,
    ...tagsMember(s.tags),
    StorageTier: "standard",
  };
}

function snapshotFilters(accountId: string): FilterFields<EstateSnapshot> {
  return {
    "snapshot-id": (s) => s.id,
    "volume-id": (s) => s.volumeId,
    status: (s) => s.state,
    "owner-id": () => accountId,
    encrypted: (s) => s.encrypted,
    "start-time": (s) => s.startedAt,
    "volume-size": (s) => s.volumeSizeGiB,
    description: (s) => s.description,
    progress: (s) => (s.state === "completed" ? "100%" : "40%"),
    "storage-tier": () => "standard",
  };
}

function describeSnapshots(ctx: ServiceContext, input: DescribeSnapshotsRequest): DescribeSnapshotsResult {
  const r = regionOf(ctx);
  // The estate holds only the account's own snapshots: other owners (amazon, aws-marketplace,
  // other accounts) have none to show.
  const owners = input.OwnerIds ?? [];
  const ownsAny = owners.length === 0 || owners.includes("self") || owners.includes(ctx.account.id);
  const own = ownsAny ? r.snapshots : [];
  const ids = input.SnapshotIds ?? [];
  const idsGiven = ids.length > 0;
  const selected = idsGiven ? selectByIds(ID_KINDS.snapshot, own, ids, (s) => s.id) : own;
  const matching = applyEc2Filters(selected, input.Filters, snapshotFilters(ctx.account.id), (s) => s.tags);
  const page = ec2Page(ctx, input, matching, { min: 5, max: 1000, idsParameter: "snapshotSet" }, idsGiven);
  checkDryRun(input);
  return { Snapshots: page.items.map((s) => snapshotOutput(ctx, s)), ...nextTokenMember(page.nextToken) };
}

function deleteSnapshot(ctx: ServiceContext, input: DeleteSnapshotRequest): Record<string, never> {
  const r = regionOf(ctx);
  const snapshot = findOne(ID_KINDS.snapshot, r.snapshots, input.SnapshotId, (s) => s.id);
  checkDryRun(input);
  r.snapshots = r.snapshots.filter((s) => s !== snapshot);
  return {};
}

export const VOLUME_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeVolumes: op(describeVolumes),
  DeleteVolume: op(deleteVolume),
  DescribeSnapshots: op(describeSnapshots),
  DeleteSnapshot: op(deleteSnapshot),
};
