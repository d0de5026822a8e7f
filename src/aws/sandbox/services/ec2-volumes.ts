/**
 * EBS: DescribeVolumes, CreateVolume, DeleteVolume, CreateSnapshot, DescribeSnapshots, DeleteSnapshot,
 * DescribeSnapshotAttribute, GetEbsEncryptionByDefault.
 */
import type {
  CreateSnapshotRequest,
  CreateVolumeRequest,
  DeleteSnapshotRequest,
  DeleteVolumeRequest,
  DescribeSnapshotAttributeRequest,
  DescribeSnapshotAttributeResult,
  DescribeSnapshotsRequest,
  DescribeSnapshotsResult,
  DescribeVolumesRequest,
  DescribeVolumesResult,
  GetEbsEncryptionByDefaultRequest,
  GetEbsEncryptionByDefaultResult,
  Snapshot,
  Volume,
} from "@aws-sdk/client-ec2";
import type { EstateSnapshot, EstateVolume } from "../estate.js";
import { awsError } from "../errors.js";
import { availabilityZones } from "../regions.js";
import { op, regionOf, tagsMember, toDate, type Handler, type ServiceContext } from "./context.js";
import { applyEc2Filters, type FilterFields } from "./ec2-filters.js";
import { checkDryRun, ec2Page, findOne, ID_KINDS, nextTokenMember, selectByIds } from "./ec2-shared.js";
import { specifiedTags } from "./ec2-tags.js";

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

const VOLUME_TYPES: readonly EstateVolume["type"][] = ["gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"];

/**
 * CreateVolume: in an availability zone of the region, empty (`Size`) or from a snapshot of the
 * account (at least its size; encrypted when it is). AWS answers `creating`; reads see it
 * `available` at once.
 */
function createVolume(ctx: ServiceContext, input: CreateVolumeRequest): Volume {
  const r = regionOf(ctx);
  const zone = input.AvailabilityZone;
  if (zone === undefined || zone === "")
    throw awsError("MissingParameter", "The request must contain the parameter AvailabilityZone");
  if (!availabilityZones(ctx.region).includes(zone))
    throw awsError("InvalidParameterValue", `Invalid availability zone: [${zone}]`);
  const type = (input.VolumeType ?? "gp2") as EstateVolume["type"];
  if (!VOLUME_TYPES.includes(type))
    throw awsError("InvalidParameterValue", `Value (${type}) for parameter volumeType is invalid.`);
  if ((type === "io1" || type === "io2") && input.Iops === undefined)
    throw awsError(
      "InvalidParameterCombination",
      `The parameter iops must be specified for ${type} volumes.`,
    );
  if (input.Iops !== undefined && (type === "gp2" || type === "st1" || type === "sc1" || type === "standard"))
    throw awsError("InvalidParameterCombination", `The parameter iops is not supported for ${type} volumes.`);
  const snapshot =
    input.SnapshotId === undefined || input.SnapshotId === ""
      ? undefined
      : findOne(ID_KINDS.snapshot, r.snapshots, input.SnapshotId, (s) => s.id);
  if (snapshot === undefined && input.Size === undefined)
    throw awsError("MissingParameter", "The request must contain the parameter size or snapshotId");
  const size = input.Size ?? snapshot?.volumeSizeGiB ?? 0;
  if (snapshot !== undefined && size < snapshot.volumeSizeGiB) {
    throw awsError(
      "InvalidParameterValue",
      `Volume of size ${size}GB is smaller than snapshot '${snapshot.id}', expect size >= ${snapshot.volumeSizeGiB}GB`,
    );
  }
  const tags = specifiedTags(input.TagSpecifications, ["volume"]);
  checkDryRun(input);
  const volume: EstateVolume = {
    id: ctx.ids.ec2("vol"),
    sizeGiB: size,
    type,
    availabilityZone: zone,
    encrypted: snapshot?.encrypted === true || input.Encrypted === true,
    ...(input.KmsKeyId !== undefined && { kmsKeyId: input.KmsKeyId }),
    createdAt: ctx.now().toISOString(),
    ...(input.Iops !== undefined && { iops: input.Iops }),
    ...(input.Throughput !== undefined && { throughput: input.Throughput }),
    ...(snapshot !== undefined && { snapshotId: snapshot.id }),
    attachments: [],
    tags: tags("volume"),
  };
  r.volumes.push(volume);
  const { Attachments: _none, ...answer } = volumeOutput(volume);
  return { ...answer, State: "creating" };
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

/** A snapshot and the account that owns it. */
interface OwnedSnapshot {
  snapshot: EstateSnapshot;
  ownerId: string;
}

function snapshotOutput({ snapshot: s, ownerId }: OwnedSnapshot): Snapshot {
  return {
    Description: s.description,
    Encrypted: s.encrypted,
    OwnerId: ownerId,
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

/**
 * CreateSnapshot: a snapshot of the volume, encrypted when it is, `completed` at once (AWS
 * answers `pending` and completes it later; the sandbox's reads see it completed).
 */
function createSnapshot(ctx: ServiceContext, input: CreateSnapshotRequest): Snapshot {
  const r = regionOf(ctx);
  const volume = findOne(ID_KINDS.volume, r.volumes, input.VolumeId, (v) => v.id);
  const description = input.Description ?? "";
  if (description.length > 255)
    throw awsError("InvalidParameterValue", "The snapshot description must be at most 255 characters.");
  const tags = specifiedTags(input.TagSpecifications, ["snapshot"]);
  checkDryRun(input);
  const snapshot: EstateSnapshot = {
    id: ctx.ids.ec2("snap"),
    volumeId: volume.id,
    volumeSizeGiB: volume.sizeGiB,
    startedAt: ctx.now().toISOString(),
    state: "completed",
    encrypted: volume.encrypted,
    description,
    tags: tags("snapshot"),
  };
  r.snapshots.push(snapshot);
  return {
    ...snapshotOutput({ snapshot, ownerId: ctx.account.id }),
    State: "pending",
    Progress: "",
    ...(volume.kmsKeyId === undefined ? {} : { KmsKeyId: volume.kmsKeyId }),
  };
}

const SNAPSHOT_FILTERS: FilterFields<OwnedSnapshot> = {
  "snapshot-id": ({ snapshot: s }) => s.id,
  "volume-id": ({ snapshot: s }) => s.volumeId,
  status: ({ snapshot: s }) => s.state,
  "owner-id": ({ ownerId }) => ownerId,
  encrypted: ({ snapshot: s }) => s.encrypted,
  "start-time": ({ snapshot: s }) => s.startedAt,
  "volume-size": ({ snapshot: s }) => s.volumeSizeGiB,
  description: ({ snapshot: s }) => s.description,
  progress: ({ snapshot: s }) => (s.state === "completed" ? "100%" : "40%"),
  "storage-tier": () => "standard",
};

/**
 * The snapshots the caller can see in the region: its own, and (when `others`) the public
 * snapshots of the estate's other accounts there.
 */
function visibleSnapshots(ctx: ServiceContext, others: boolean): OwnedSnapshot[] {
  const own = regionOf(ctx).snapshots.map((snapshot) => ({ snapshot, ownerId: ctx.account.id }));
  if (!others) return own;
  const othersPublic = ctx.estate.accounts
    .filter((a) => a.id !== ctx.account.id)
    .flatMap((a) =>
      (a.regions[ctx.region]?.snapshots ?? [])
        .filter((s) => s.isPublic === true)
        .map((snapshot) => ({ snapshot, ownerId: a.id })),
    );
  return [...own, ...othersPublic];
}

/**
 * Whether one of the RestorableByUserIds may create volumes from the snapshot: anyone (`all`
 * included) when it is public; otherwise only its owner (explicit shares are not modelled).
 */
function restorableBy(ctx: ServiceContext, users: readonly string[], s: OwnedSnapshot): boolean {
  if (s.snapshot.isPublic === true) return true;
  return users.some((user) => user !== "all" && (user === "self" ? ctx.account.id : user) === s.ownerId);
}

function describeSnapshots(ctx: ServiceContext, input: DescribeSnapshotsRequest): DescribeSnapshotsResult {
  const owners = (input.OwnerIds ?? []).map((o) => (o === "self" ? ctx.account.id : o));
  const restorable = input.RestorableByUserIds ?? [];
  const ids = input.SnapshotIds ?? [];
  const idsGiven = ids.length > 0;
  // Other owners (amazon, aws-marketplace) have none. Without OwnerIds, RestorableByUserIds
  // or SnapshotIds, the sandbox answers the account's own snapshots only (AWS also lists
  // every public snapshot of the region).
  const ownOnly =
    owners.length > 0 ? owners.every((o) => o === ctx.account.id) : restorable.length === 0 && !idsGiven;
  let candidates = visibleSnapshots(ctx, !ownOnly);
  if (owners.length > 0) candidates = candidates.filter((s) => owners.includes(s.ownerId));
  if (restorable.length > 0) candidates = candidates.filter((s) => restorableBy(ctx, restorable, s));
  const selected = idsGiven
    ? selectByIds(ID_KINDS.snapshot, candidates, ids, (s) => s.snapshot.id)
    : candidates;
  const matching = applyEc2Filters(selected, input.Filters, SNAPSHOT_FILTERS, (s) => s.snapshot.tags);
  const page = ec2Page(ctx, input, matching, { min: 5, max: 1000, idsParameter: "snapshotSet" }, idsGiven);
  checkDryRun(input);
  return { Snapshots: page.items.map(snapshotOutput), ...nextTokenMember(page.nextToken) };
}

/**
 * DescribeSnapshotAttribute of an owned snapshot: `createVolumePermission` (group `all` when
 * public; explicit account shares are not modelled) or `productCodes` (none).
 */
function describeSnapshotAttribute(
  ctx: ServiceContext,
  input: DescribeSnapshotAttributeRequest,
): DescribeSnapshotAttributeResult {
  const snapshot = findOne(ID_KINDS.snapshot, regionOf(ctx).snapshots, input.SnapshotId, (s) => s.id);
  const attribute: string | undefined = input.Attribute;
  if (attribute === undefined || attribute === "")
    throw awsError("MissingParameter", "The request must contain the parameter attribute");
  if (attribute !== "createVolumePermission" && attribute !== "productCodes") {
    throw awsError(
      "InvalidParameterValue",
      `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
    );
  }
  checkDryRun(input);
  return attribute === "createVolumePermission"
    ? {
        SnapshotId: snapshot.id,
        CreateVolumePermissions: snapshot.isPublic === true ? [{ Group: "all" }] : [],
      }
    : { SnapshotId: snapshot.id, ProductCodes: [] };
}

/** EBS encryption by default in the client's region (off unless the estate says on, as in AWS). */
function getEbsEncryptionByDefault(
  ctx: ServiceContext,
  input: GetEbsEncryptionByDefaultRequest,
): GetEbsEncryptionByDefaultResult {
  checkDryRun(input);
  const on = ctx.account.regions[ctx.region]?.ebsEncryptionByDefault === true;
  return { EbsEncryptionByDefault: on, SseType: on ? "sse-ebs" : "none" };
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
  CreateVolume: op(createVolume),
  DeleteVolume: op(deleteVolume),
  CreateSnapshot: op(createSnapshot),
  DescribeSnapshots: op(describeSnapshots),
  DeleteSnapshot: op(deleteSnapshot),
  DescribeSnapshotAttribute: op(describeSnapshotAttribute),
  GetEbsEncryptionByDefault: op(getEbsEncryptionByDefault),
};
