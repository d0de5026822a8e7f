/**
 * What blueprints need to know about an account before drafting a plan: the region's VPCs and
 * availability zones (vpc), whether a bucket name is taken (s3-bucket), and the resources a
 * selection names with their tags (tag). Reads only, through the one client factory.
 */
import {
  DescribeAvailabilityZonesCommand,
  DescribeInstanceAttributeCommand,
  DescribeNetworkInterfacesCommand,
} from "@aws-sdk/client-ec2";
import { HeadBucketCommand } from "@aws-sdk/client-s3";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { S3BucketFacts } from "../../core/plans/blueprints/s3-bucket.js";
import type { TaggableResource } from "../../core/plans/blueprints/tag.js";
import type { DeletableResource } from "../../core/plans/blueprints/delete.js";
import type { VpcFacts } from "../../core/plans/blueprints/vpc.js";
import type { ClientFactory } from "../clients.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, type CollectScope } from "./collect-scope.js";
import { collectElasticIps, collectImages, collectInstances } from "./ec2.js";
import { collectSnapshots, collectVolumes } from "./ebs.js";
import {
  collectInternetGateways,
  collectNatGateways,
  collectNetworkAcls,
  collectNetworkInterfaces,
  collectRouteTables,
  collectSecurityGroups,
  collectSubnets,
  listVpcs,
  collectVpcs,
} from "./vpc.js";

/** AWS's default quota of VPCs per region (Service Quotas L-F678F1CE); not read from the account. */
export const DEFAULT_VPC_QUOTA = 5;

export async function readVpcFacts(factory: ClientFactory, scope: CollectScope): Promise<VpcFacts> {
  const vpcs = await listVpcs(factory, scope);
  const zones = await withAwsErrors(callSite(scope, "ec2:DescribeAvailabilityZones"), async () =>
    (await factory.ec2(scope.region)).send(
      new DescribeAvailabilityZonesCommand({ Filters: [{ Name: "state", Values: ["available"] }] }),
    ),
  );
  return {
    existingCidrs: vpcs.flatMap((v) => [
      ...new Set([
        ...(v.CidrBlock === undefined ? [] : [v.CidrBlock]),
        ...(v.CidrBlockAssociationSet ?? []).flatMap((a) => (a.CidrBlock === undefined ? [] : [a.CidrBlock])),
      ]),
    ]),
    availabilityZones: (zones.AvailabilityZones ?? [])
      .filter((z) => z.ZoneType === undefined || z.ZoneType === "availability-zone")
      .flatMap((z) => (z.ZoneName === undefined ? [] : [z.ZoneName]))
      .sort(),
    vpcCount: vpcs.length,
    vpcQuota: DEFAULT_VPC_QUOTA,
  };
}

/** Whether a bucket name is free: HeadBucket answers 404 (free), 403 (another account's) or 200. */
export async function readBucketFacts(
  factory: ClientFactory,
  scope: CollectScope,
  name: string,
): Promise<S3BucketFacts> {
  try {
    await (await factory.s3(scope.region)).send(new HeadBucketCommand({ Bucket: name }));
    return { existing: "yours" };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const name_ = error instanceof Error ? error.name : "";
    if (name_ === "NotFound" || name_ === "NoSuchBucket" || status === 404) return { existing: "none" };
    if (name_ === "Forbidden" || status === 403) return { existing: "another-account" };
    if (status === 301) return { existing: "yours" }; // exists, in another region
    return withAwsErrors(callSite(scope, "s3:ListBucket"), () => Promise.reject(error));
  }
}

const COLLECTORS: Readonly<Record<string, (f: ClientFactory, s: CollectScope) => Promise<ResourceRecord[]>>> =
  {
    "ec2:instance": collectInstances,
    "ebs:volume": collectVolumes,
    "ebs:snapshot": collectSnapshots,
    "ec2:elastic-ip": collectElasticIps,
    "ec2:image": collectImages,
    "vpc:vpc": collectVpcs,
    "vpc:subnet": collectSubnets,
    "vpc:security-group": collectSecurityGroups,
    "vpc:network-interface": collectNetworkInterfaces,
    "vpc:route-table": collectRouteTables,
    "vpc:internet-gateway": collectInternetGateways,
    "vpc:nat-gateway": collectNatGateways,
    "vpc:network-acl": collectNetworkAcls,
  };

/** The resources of these types in the region (terminated instances and deleted gateways left out). */
export async function readTaggable(
  factory: ClientFactory,
  scope: CollectScope,
  types: readonly string[],
): Promise<TaggableResource[]> {
  return (await readExisting(factory, scope, types)).map((r) => ({
    type: r.type,
    id: r.id,
    name: r.name ?? r.id,
    region: r.region,
    tags: r.tags,
  }));
}

/**
 * The resources of these types in the region with their state and attributes, as the delete
 * and cleanup blueprints need them (terminated instances and deleted resources left out).
 */
export async function readExisting(
  factory: ClientFactory,
  scope: CollectScope,
  types: readonly string[],
): Promise<DeletableResource[]> {
  const out: DeletableResource[] = [];
  for (const type of types) {
    const collect = COLLECTORS[type];
    if (collect === undefined) continue;
    for (const r of await collect(factory, scope)) {
      if (r.state === "terminated" || r.state === "shutting-down" || r.state === "deleted") continue;
      out.push({
        type,
        id: r.id,
        name: r.name,
        region: r.region,
        state: r.state,
        tags: r.tags,
        attributes: r.attributes,
      });
    }
  }
  return out;
}

/** The instances among these that have termination protection (DescribeInstanceAttribute disableApiTermination). */
export async function readTerminationProtected(
  factory: ClientFactory,
  scope: CollectScope,
  instanceIds: readonly string[],
): Promise<Set<string>> {
  const protectedIds = new Set<string>();
  for (const InstanceId of instanceIds) {
    const answer = await withAwsErrors(callSite(scope, "ec2:DescribeInstanceAttribute"), async () =>
      (await factory.ec2(scope.region)).send(
        new DescribeInstanceAttributeCommand({ InstanceId, Attribute: "disableApiTermination" }),
      ),
    );
    if (answer.DisableApiTermination?.Value === true) protectedIds.add(InstanceId);
  }
  return protectedIds;
}

/** For each of these security groups that network interfaces use, the interfaces' ids (AWS refuses to delete it). */
export async function readGroupsInUse(
  factory: ClientFactory,
  scope: CollectScope,
  groupIds: readonly string[],
): Promise<Map<string, string[]>> {
  const used = new Map<string, string[]>();
  if (groupIds.length === 0) return used;
  let NextToken: string | undefined;
  do {
    const page = await withAwsErrors(callSite(scope, "ec2:DescribeNetworkInterfaces"), async () =>
      (await factory.ec2(scope.region)).send(
        new DescribeNetworkInterfacesCommand({
          Filters: [{ Name: "group-id", Values: [...groupIds] }],
          MaxResults: 1000,
          ...(NextToken !== undefined && { NextToken }),
        }),
      ),
    );
    for (const eni of page.NetworkInterfaces ?? []) {
      for (const g of eni.Groups ?? []) {
        if (g.GroupId === undefined || !groupIds.includes(g.GroupId)) continue;
        used.set(g.GroupId, [...(used.get(g.GroupId) ?? []), eni.NetworkInterfaceId ?? "?"]);
      }
    }
    NextToken = page.NextToken;
  } while (NextToken !== undefined && NextToken !== "");
  return used;
}
