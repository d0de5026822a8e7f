/**
 * AMIs: DescribeImages over the images the account owns and Amazon's public images
 * (public-images.ts: the same Amazon Linux set in every region, visible to every account).
 * No Marketplace or shared images exist here.
 */
import type { DescribeImagesRequest, DescribeImagesResult, Image, PlatformValues } from "@aws-sdk/client-ec2";
import type { EstateImage } from "../estate.js";
import { AMAZON_OWNER_ALIAS, AMAZON_OWNER_ID, publicImages, type PublicImage } from "../public-images.js";
import { op, regionOf, tagsMember, type Handler, type ServiceContext } from "./context.js";
import { applyEc2Filters, type FilterFields } from "./ec2-filters.js";
import { checkDryRun, ec2Page, ID_KINDS, nextTokenMember, selectByIds } from "./ec2-shared.js";

/** An image as DescribeImages sees it: the account's own, or one of Amazon's public ones. */
interface ImageView {
  image: EstateImage;
  ownerId: string;
  ownerAlias?: string;
  bootMode: string | undefined;
  imdsSupport: string | undefined;
  /** Whether the snapshot behind a device is encrypted. */
  encrypted(snapshotId: string): boolean;
}

/** Whether the owned snapshot behind a device is encrypted (AMI snapshots are in the estate). */
function snapshotEncrypted(ctx: ServiceContext, snapshotId: string): boolean {
  return regionOf(ctx).snapshots.find((s) => s.id === snapshotId)?.encrypted ?? false;
}

function ownView(ctx: ServiceContext, image: EstateImage): ImageView {
  return {
    image,
    ownerId: ctx.account.id,
    bootMode: "uefi-preferred",
    imdsSupport: "v2.0",
    encrypted: (id) => snapshotEncrypted(ctx, id),
  };
}

/** Amazon's public image, in the estate image's shape (its snapshot is Amazon's, unencrypted). */
function publicView(p: PublicImage): ImageView {
  return {
    image: {
      id: p.id,
      name: p.name,
      description: p.description,
      createdAt: p.createdAt,
      state: "available",
      architecture: p.architecture,
      blockDevices: [
        { device: "/dev/xvda", snapshotId: p.snapshotId, sizeGiB: p.rootSizeGiB, volumeType: p.volumeType },
      ],
      isPublic: true,
      tags: {},
    },
    ownerId: AMAZON_OWNER_ID,
    ownerAlias: AMAZON_OWNER_ALIAS,
    bootMode: p.bootMode,
    imdsSupport: p.imdsSupport,
    encrypted: () => false,
  };
}

function imageOutput(view: ImageView): Image {
  const i = view.image;
  const root = i.blockDevices[0];
  return {
    Architecture: i.architecture,
    // DescribeImages answers CreationDate as an ISO string, not a timestamp.
    CreationDate: i.createdAt,
    ImageId: i.id,
    ImageLocation: `${view.ownerAlias ?? view.ownerId}/${i.name}`,
    ImageType: "machine",
    Public: i.isPublic,
    OwnerId: view.ownerId,
    ...(view.ownerAlias === undefined ? {} : { ImageOwnerAlias: view.ownerAlias }),
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
        Encrypted: view.encrypted(d.snapshotId),
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
    ...(view.bootMode === undefined ? {} : { BootMode: view.bootMode as Image["BootMode"] }),
    ...(view.imdsSupport === undefined ? {} : { ImdsSupport: view.imdsSupport as Image["ImdsSupport"] }),
  };
}

const IMAGE_FILTERS: FilterFields<ImageView> = {
  "image-id": (v) => v.image.id,
  name: (v) => v.image.name,
  description: (v) => v.image.description,
  state: (v) => v.image.state,
  "owner-id": (v) => v.ownerId,
  "owner-alias": (v) => v.ownerAlias,
  "is-public": (v) => v.image.isPublic,
  architecture: (v) => v.image.architecture,
  platform: (v) => v.image.platform,
  "image-type": () => "machine",
  "root-device-type": () => "ebs",
  "root-device-name": (v) => v.image.blockDevices[0]?.device,
  "virtualization-type": () => "hvm",
  hypervisor: () => "xen",
  "creation-date": (v) => v.image.createdAt,
  "block-device-mapping.snapshot-id": (v) => v.image.blockDevices.map((d) => d.snapshotId),
  "block-device-mapping.device-name": (v) => v.image.blockDevices.map((d) => d.device),
  "block-device-mapping.volume-size": (v) => v.image.blockDevices.map((d) => String(d.sizeGiB)),
  "block-device-mapping.volume-type": (v) => v.image.blockDevices.map((d) => d.volumeType),
  "block-device-mapping.encrypted": (v) => v.image.blockDevices.map((d) => String(v.encrypted(d.snapshotId))),
};

/**
 * The images a request may see. Owners: `self` or the account id for its own, `amazon` or
 * Amazon's account id for the public ones; no list, both. ExecutableUsers: `all` keeps the
 * public images; no image is shared with an account here, so own images never match it.
 */
function visibleImages(ctx: ServiceContext, input: DescribeImagesRequest): ImageView[] {
  const owners = input.Owners ?? [];
  const executable = input.ExecutableUsers ?? [];
  const own =
    (owners.length === 0 || owners.includes("self") || owners.includes(ctx.account.id)) &&
    executable.length === 0;
  const amazon =
    (owners.length === 0 || owners.includes(AMAZON_OWNER_ALIAS) || owners.includes(AMAZON_OWNER_ID)) &&
    (executable.length === 0 || executable.includes("all"));
  return [
    ...(own ? regionOf(ctx).images.map((i) => ownView(ctx, i)) : []),
    ...(amazon ? publicImages(ctx.region).map(publicView) : []),
  ];
}

function describeImages(ctx: ServiceContext, input: DescribeImagesRequest): DescribeImagesResult {
  const visible = visibleImages(ctx, input);
  const ids = input.ImageIds ?? [];
  const idsGiven = ids.length > 0;
  const selected = idsGiven ? selectByIds(ID_KINDS.image, visible, ids, (v) => v.image.id) : visible;
  const matching = applyEc2Filters(selected, input.Filters, IMAGE_FILTERS, (v) => v.image.tags);
  const page = ec2Page(ctx, input, matching, { min: 5, max: 1000, idsParameter: "ImageIds" }, idsGiven);
  checkDryRun(input);
  return { Images: page.items.map(imageOutput), ...nextTokenMember(page.nextToken) };
}

export const IMAGE_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeImages: op(describeImages),
};
