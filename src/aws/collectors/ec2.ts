/**
 * EC2 → ResourceRecord: instances (DescribeInstances), Elastic IPs (DescribeAddresses, which
 * AWS does not paginate) and the AMIs the account owns (DescribeImages, Owners ["self"]).
 */
import {
  DescribeAddressesCommand,
  paginateDescribeImages,
  paginateDescribeInstances,
  type Address,
  type Image,
  type Instance,
  type Reservation,
} from "@aws-sdk/client-ec2";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { ec2Arn, ec2ArnWithoutAccount } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { itemsFromPages } from "./pages.js";
import { isoDate, nameTag, tagMap } from "./tags.js";

export async function collectInstances(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const reservations = await listReservations(factory, scope);
  return reservations
    .flatMap((reservation) => reservation.Instances ?? [])
    .flatMap((i) => (i.InstanceId === undefined ? [] : [instanceRecord(i, i.InstanceId, scope)]));
}

export async function listReservations(factory: ClientFactory, scope: CollectScope): Promise<Reservation[]> {
  const client = await factory.ec2(scope.region);
  return withAwsErrors(callSite(scope, "ec2:DescribeInstances"), () =>
    itemsFromPages(
      paginateDescribeInstances(
        { client, pageSize: pageSizeWithin(scope.pageSize, 5, 1000), stopOnSameToken: true },
        {},
      ),
      (page) => page.Reservations,
    ),
  );
}

/** Elastic IPs of the region (VPC addresses: each has an allocation id, the record's id). */
export async function collectElasticIps(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  return (await listAddresses(factory, scope)).flatMap((a) =>
    a.AllocationId === undefined ? [] : [addressRecord(a, a.AllocationId, scope)],
  );
}

/** The region's Elastic IPs (DescribeAddresses is not paginated). */
export async function listAddresses(factory: ClientFactory, scope: CollectScope): Promise<Address[]> {
  const client = await factory.ec2(scope.region);
  const out = await withAwsErrors(callSite(scope, "ec2:DescribeAddresses"), () =>
    client.send(new DescribeAddressesCommand({})),
  );
  return out.Addresses ?? [];
}

/** The AMIs the account owns (not the public or shared ones it may launch). */
export async function collectImages(factory: ClientFactory, scope: CollectScope): Promise<ResourceRecord[]> {
  const images = await listOwnImages(factory, scope);
  return images.flatMap((image) =>
    image.ImageId === undefined ? [] : [imageRecord(image, image.ImageId, scope)],
  );
}

export async function listOwnImages(factory: ClientFactory, scope: CollectScope): Promise<Image[]> {
  const client = await factory.ec2(scope.region);
  return withAwsErrors(callSite(scope, "ec2:DescribeImages"), () =>
    itemsFromPages(
      paginateDescribeImages(
        { client, pageSize: pageSizeWithin(scope.pageSize, 5, 1000), stopOnSameToken: true },
        { Owners: ["self"] },
      ),
      (page) => page.Images,
    ),
  );
}

export function instanceRecord(instance: Instance, id: string, scope: CollectScope): ResourceRecord {
  const tags = tagMap(instance.Tags);
  return {
    service: "ec2",
    type: "instance",
    id,
    arn: ec2Arn(scope.region, scope.account, "instance", id),
    name: nameTag(tags),
    account: scope.account,
    region: scope.region,
    state: instance.State?.Name,
    tags,
    attributes: {
      instanceType: instance.InstanceType ?? null,
      availabilityZone: instance.Placement?.AvailabilityZone ?? null,
      vpcId: instance.VpcId ?? null,
      subnetId: instance.SubnetId ?? null,
      privateIpAddress: instance.PrivateIpAddress ?? null,
      publicIpAddress: instance.PublicIpAddress ?? null,
      imageId: instance.ImageId ?? null,
      platform: instance.PlatformDetails ?? instance.Platform ?? null,
      launchTime: isoDate(instance.LaunchTime),
    },
  };
}

export function addressRecord(address: Address, id: string, scope: CollectScope): ResourceRecord {
  const tags = tagMap(address.Tags);
  return {
    service: "ec2",
    type: "elastic-ip",
    id,
    arn: ec2Arn(scope.region, scope.account, "elastic-ip", id),
    name: nameTag(tags),
    account: scope.account,
    region: scope.region,
    // An Elastic IP has no lifecycle state: whether it is associated is an attribute.
    state: undefined,
    tags,
    attributes: {
      publicIp: address.PublicIp ?? null,
      isAssociated: address.AssociationId !== undefined && address.AssociationId !== "",
      // Empty elements (moto answers them for an unassociated address) are absent values.
      associationId: address.AssociationId || null,
      instanceId: address.InstanceId || null,
      networkInterfaceId: address.NetworkInterfaceId || null,
      privateIpAddress: address.PrivateIpAddress ?? null,
      domain: address.Domain ?? null,
      networkBorderGroup: address.NetworkBorderGroup ?? null,
    },
  };
}

export function imageRecord(image: Image, id: string, scope: CollectScope): ResourceRecord {
  const tags = tagMap(image.Tags);
  const snapshotIds = (image.BlockDeviceMappings ?? [])
    .map((m) => m.Ebs?.SnapshotId)
    .filter((s): s is string => s !== undefined);
  return {
    service: "ec2",
    type: "image",
    id,
    arn: ec2ArnWithoutAccount(scope.region, "image", id),
    name: nameTag(tags) ?? image.Name,
    account: scope.account,
    region: scope.region,
    state: image.State,
    tags,
    attributes: {
      imageName: image.Name ?? null,
      description: image.Description ?? null,
      creationDate: isoDate(image.CreationDate),
      architecture: image.Architecture ?? null,
      platform: image.PlatformDetails ?? image.Platform ?? null,
      rootDeviceType: image.RootDeviceType ?? null,
      isPublic: image.Public ?? null,
      snapshotIds: snapshotIds.length === 0 ? null : snapshotIds.join(","),
      deprecationTime: isoDate(image.DeprecationTime),
    },
  };
}
