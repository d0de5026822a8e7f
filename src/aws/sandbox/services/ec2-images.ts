/**
 * AMIs: DescribeImages over the images the account owns (the estate holds no public or
 * shared images).
 */
import type { DescribeImagesRequest, DescribeImagesResult, Image, PlatformValues } from "@aws-sdk/client-ec2";
import type { EstateImage } from "../estate.js";
import { op, regionOf, tagsMember, type Handler, type ServiceContext } from "./context.js";
import { applyEc2Filters, type FilterFields } from "./ec2-filters.js";
import { checkDryRun, ec2Page, ID_KINDS, nextTokenMember, selectByIds } from "./ec2-shared.js";

/** Whether the owned snapshot behind a device is encrypted (AMI snapshots are in the estate). */
function snapshotEncrypted(ctx: ServiceContext, snapshotId: string): boolean {
  return regionOf(ctx).snapshots.find((s) => s.id === snapshotId)?.encrypted ?? false;
}

function imageOutput(ctx: ServiceContext, i: EstateImage): Image {
  const root = i.blockDevices[0];
  return {
    Architecture: i.architecture,
    // DescribeImages answers CreationDate as an ISO string, not a timestamp.
    CreationDate: i.createdAt,
    ImageId: i.id,
    ImageLocation: `${ctx.account.id}/${i.name}`,
    ImageType: "machine",
    Public: i.isPublic,
    OwnerId: ctx.account.id,
    // As for instances, AWS sends lowercase `windows` although the SDK's enum says `Windows`.
    ...(i.platform === undefined ? {} : { Platform: i.platform as PlatformValues }),
    PlatformDetails: i.platform === "windows" ? "Windows" : "Linux/UNIX",
    UsageOperation: i.platform === "windows" ? "RunInstances:0002" : "RunInstances",
    State: i.state,
    BlockDeviceMappings: i.blockDevices.map((d) => ({
      DeviceName: d.device,
      Ebs: {
        DeleteOnTermination: true,
        SnapshotId: d.snapshotId,
        VolumeSize: d.sizeGiB,
        VolumeType: d.volumeType,
        Encrypted: snapshotEncrypted(ctx, d.snapshotId),
      },
    })),
    Description: i.description,
    EnaSupport: true,
    Hypervisor: "xen",
    Name: i.name,
    RootDeviceName: root?.device ?? "/dev/xvda",
    RootDeviceType: "ebs",
    SriovNetSupport: "simple",
    ...tagsMember(i.tags),
    VirtualizationType: "hvm",
    BootMode: "uefi-preferred",
    ImdsSupport: "v2.0",
  };
}

function imageFilters(ctx: ServiceContext, accountId: string): FilterFields<EstateImage> {
  return {
    "image-id": (i) => i.id,
    name: (i) => i.name,
    description: (i) => i.description,
    state: (i) => i.state,
    "owner-id": () => accountId,
    "is-public": (i) => i.isPublic,
    architecture: (i) => i.architecture,
    platform: (i) => i.platform,
    "image-type": () => "machine",
    "root-device-type": () => "ebs",
    "root-device-name": (i) => i.blockDevices[0]?.device,
    "virtualization-type": () => "hvm",
    hypervisor: () => "xen",
    "creation-date": (i) => i.createdAt,
    "block-device-mapping.snapshot-id": (i) => i.blockDevices.map((d) => d.snapshotId),
    "block-device-mapping.device-name": (i) => i.blockDevices.map((d) => d.device),
    "block-device-mapping.volume-size": (i) => i.blockDevices.map((d) => String(d.sizeGiB)),
    "block-device-mapping.volume-type": (i) => i.blockDevices.map((d) => d.volumeType),
    "block-device-mapping.encrypted": (i) =>
      i.blockDevices.map((d) => String(snapshotEncrypted(ctx, d.snapshotId))),
  };
}

/** Whether the owner list asks for the caller's own images (`self`, its account id, or no list). */
function asksForOwn(ctx: ServiceContext, input: DescribeImagesRequest): boolean {
  const owners = input.Owners ?? [];
  return owners.length === 0 || owners.includes("self") || owners.includes(ctx.account.id);
}

function describeImages(ctx: ServiceContext, input: DescribeImagesRequest): DescribeImagesResult {
  // No public, Amazon, Marketplace or shared images exist here: other owners and
  // ExecutableUsers (images shared with the caller) have none to show.
  const visible =
    asksForOwn(ctx, input) && (input.ExecutableUsers ?? []).length === 0 ? regionOf(ctx).images : [];
  const ids = input.ImageIds ?? [];
  const idsGiven = ids.length > 0;
  const selected = idsGiven ? selectByIds(ID_KINDS.image, visible, ids, (i) => i.id) : visible;
  const matching = applyEc2Filters(selected, input.Filters, imageFilters(ctx, ctx.account.id), (i) => i.tags);
  const page = ec2Page(ctx, input, matching, { min: 5, max: 1000, idsParameter: "ImageIds" }, idsGiven);
  checkDryRun(input);
  return { Images: page.items.map((i) => imageOutput(ctx, i)), ...nextTokenMember(page.nextToken) };
}

export const IMAGE_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeImages: op(describeImages),
};
