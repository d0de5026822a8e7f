/**
 * EC2, EBS and VPC → audit records (core/audit/records.ts): the same listings as the
 * inventory, the same ids, ARNs, names and tags, plus the facts the checks read (rules,
 * attachments, encryption, states).
 */
import {
  DescribeSnapshotAttributeCommand,
  GetEbsEncryptionByDefaultCommand,
  paginateDescribeFlowLogs,
  type IpPermission,
  type SecurityGroup,
} from "@aws-sdk/client-ec2";
import type {
  AuditRecordBase,
  ElasticIpRecord,
  ImageRecord,
  InstanceRecord,
  NetworkInterfaceRecord,
  RegionSettingsRecord,
  SecurityGroupRecord,
  SecurityGroupRule,
  SnapshotRecord,
  VolumeRecord,
  VpcRecord,
} from "../../core/audit/records.js";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { partitionOf } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { itemsFromPages, mapConcurrently, PER_RESOURCE_CONCURRENCY } from "./pages.js";
import { listOwnSnapshots, listVolumes, snapshotRecord, volumeRecord } from "./ebs.js";
import {
  addressRecord,
  imageRecord,
  instanceRecord,
  listAddresses,
  listOwnImages,
  listReservations,
} from "./ec2.js";
import { isoDate } from "./tags.js";
import {
  listNetworkInterfaces,
  listSecurityGroups,
  listSubnets,
  listVpcs,
  networkInterfaceRecord,
  securityGroupRecord,
  vpcRecord,
} from "./vpc.js";

/** The fields every audit record shares, from the inventory's record of the same resource. */
export function auditBase(r: ResourceRecord): AuditRecordBase {
  return { account: r.account, region: r.region, id: r.id, arn: r.arn, name: r.name, tags: r.tags };
}

const date = (value: Date | string | undefined): string | undefined => isoDate(value) ?? undefined;

export async function collectSecurityGroupRecords(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<SecurityGroupRecord[]> {
  const groups = await listSecurityGroups(factory, scope);
  return groups.flatMap((g) => (g.GroupId === undefined ? [] : [securityGroupAudit(g, g.GroupId, scope)]));
}

export function securityGroupAudit(g: SecurityGroup, id: string, scope: CollectScope): SecurityGroupRecord {
  return {
    ...auditBase(securityGroupRecord(g, id, scope)),
    kind: "security-group",
    groupName: g.GroupName ?? id,
    description: g.Description ?? "",
    vpcId: g.VpcId,
    isDefault: g.GroupName === "default",
    ingress: (g.IpPermissions ?? []).flatMap(rulesOf),
    egress: (g.IpPermissionsEgress ?? []).flatMap(rulesOf),
  };
}

/** One IpPermission → one rule per peer (CIDR, IPv6 CIDR, group, prefix list). */
export function rulesOf(p: IpPermission): SecurityGroupRule[] {
  const protocol = p.IpProtocol ?? "-1";
  const allTraffic = protocol === "-1";
  const base = {
    protocol,
    fromPort: allTraffic ? undefined : p.FromPort,
    toPort: allTraffic ? undefined : p.ToPort,
  };
  return [
    ...(p.IpRanges ?? []).flatMap((r) =>
      r.CidrIp === undefined
        ? []
        : [{ ...base, peer: { kind: "ipv4" as const, cidr: r.CidrIp }, description: r.Description }],
    ),
    ...(p.Ipv6Ranges ?? []).flatMap((r) =>
      r.CidrIpv6 === undefined
        ? []
        : [{ ...base, peer: { kind: "ipv6" as const, cidr: r.CidrIpv6 }, description: r.Description }],
    ),
    ...(p.UserIdGroupPairs ?? []).flatMap((r) =>
      r.GroupId === undefined
        ? []
        : [{ ...base, peer: { kind: "group" as const, groupId: r.GroupId }, description: r.Description }],
    ),
    ...(p.PrefixListIds ?? []).flatMap((r) =>
      r.PrefixListId === undefined
        ? []
        : [
            {
              ...base,
              peer: { kind: "prefix-list" as const, prefixListId: r.PrefixListId },
              description: r.Description,
            },
          ],
    ),
  ];
}

export async function collectNetworkInterfaceRecords(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<NetworkInterfaceRecord[]> {
  const interfaces = await listNetworkInterfaces(factory, scope);
  return interfaces.flatMap((eni) => {
    const id = eni.NetworkInterfaceId;
    if (id === undefined) return [];
    return [
      {
        ...auditBase(networkInterfaceRecord(eni, id, scope)),
        kind: "network-interface" as const,
        status: eni.Status,
        interfaceType: eni.InterfaceType,
        isRequesterManaged: eni.RequesterManaged === true,
        attachedInstanceId: eni.Attachment?.InstanceId,
        securityGroupIds: (eni.Groups ?? []).flatMap((g) => (g.GroupId === undefined ? [] : [g.GroupId])),
        description: eni.Description === "" ? undefined : eni.Description,
        vpcId: eni.VpcId,
        subnetId: eni.SubnetId,
        availabilityZone: eni.AvailabilityZone,
      },
    ];
  });
}

export async function collectInstanceRecords(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<InstanceRecord[]> {
  const reservations = await listReservations(factory, scope);
  return reservations
    .flatMap((r) => r.Instances ?? [])
    .flatMap((i) => {
      const id = i.InstanceId;
      if (id === undefined) return [];
      return [
        {
          ...auditBase(instanceRecord(i, id, scope)),
          kind: "instance" as const,
          state: i.State?.Name,
          instanceType: i.InstanceType,
          launchedAt: date(i.LaunchTime),
          stateTransitionReason: i.StateTransitionReason === "" ? undefined : i.StateTransitionReason,
          vpcId: i.VpcId,
          subnetId: i.SubnetId,
          securityGroupIds: (i.SecurityGroups ?? []).flatMap((g) =>
            g.GroupId === undefined ? [] : [g.GroupId],
          ),
          imageId: i.ImageId,
          volumeIds: (i.BlockDeviceMappings ?? []).flatMap((b) =>
            b.Ebs?.VolumeId === undefined ? [] : [b.Ebs.VolumeId],
          ),
        },
      ];
    });
}

export async function collectVolumeRecords(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<VolumeRecord[]> {
  const volumes = await listVolumes(factory, scope);
  return volumes.flatMap((v) => {
    const id = v.VolumeId;
    if (id === undefined) return [];
    return [
      {
        ...auditBase(volumeRecord(v, id, scope)),
        kind: "volume" as const,
        state: v.State,
        sizeGiB: v.Size,
        volumeType: v.VolumeType,
        iops: v.Iops,
        throughput: v.Throughput,
        isEncrypted: v.Encrypted,
        createdAt: date(v.CreateTime),
        attachedInstanceIds: (v.Attachments ?? []).flatMap((a) =>
          a.InstanceId === undefined ? [] : [a.InstanceId],
        ),
        availabilityZone: v.AvailabilityZone,
      },
    ];
  });
}

/**
 * The account's snapshots; which of them are public comes from one more listing
 * (DescribeSnapshots with RestorableByUserIds ["all"]: the snapshots anyone may restore), not
 * from a DescribeSnapshotAttribute call per snapshot. Each snapshot that listing names is then
 * confirmed with DescribeSnapshotAttribute (createVolumePermission has group `all`): on AWS
 * that is the public snapshots only, usually none; an endpoint that ignores
 * RestorableByUserIds (moto lists every snapshot) would otherwise make every snapshot public.
 */
export async function collectSnapshotRecords(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<SnapshotRecord[]> {
  const snapshots = await listOwnSnapshots(factory, scope);
  const candidates = (await listOwnSnapshots(factory, scope, { restorableByAll: true })).flatMap((s) =>
    s.SnapshotId === undefined ? [] : [s.SnapshotId],
  );
  const client = await factory.ec2(scope.region);
  const confirmed = await mapConcurrently(candidates, PER_RESOURCE_CONCURRENCY, async (SnapshotId) => {
    const out = await withAwsErrors(callSite(scope, "ec2:DescribeSnapshotAttribute"), () =>
      client.send(new DescribeSnapshotAttributeCommand({ SnapshotId, Attribute: "createVolumePermission" })),
    );
    return (out.CreateVolumePermissions ?? []).some((p) => p.Group === "all") ? [SnapshotId] : [];
  });
  const publicIds = new Set(confirmed.flat());
  return snapshots.flatMap((s) => {
    const id = s.SnapshotId;
    if (id === undefined) return [];
    return [
      {
        ...auditBase(snapshotRecord(s, id, scope)),
        kind: "snapshot" as const,
        isPublic: publicIds.has(id),
        state: s.State,
        volumeId: s.VolumeId === "vol-ffffffff" ? undefined : s.VolumeId,
        sizeGiB: s.VolumeSize,
        startedAt: date(s.StartTime),
        isEncrypted: s.Encrypted,
        description: s.Description === "" ? undefined : s.Description,
      },
    ];
  });
}

export async function collectImageRecords(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ImageRecord[]> {
  const images = await listOwnImages(factory, scope);
  return images.flatMap((image) => {
    const id = image.ImageId;
    if (id === undefined) return [];
    return [
      {
        ...auditBase(imageRecord(image, id, scope)),
        kind: "image" as const,
        state: image.State,
        createdAt: date(image.CreationDate),
        snapshotIds: (image.BlockDeviceMappings ?? []).flatMap((b) =>
          b.Ebs?.SnapshotId === undefined ? [] : [b.Ebs.SnapshotId],
        ),
      },
    ];
  });
}

export async function collectElasticIpRecords(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ElasticIpRecord[]> {
  const addresses = await listAddresses(factory, scope);
  return addresses.flatMap((a) => {
    const id = a.AllocationId;
    if (id === undefined) return [];
    return [
      {
        ...auditBase(addressRecord(a, id, scope)),
        kind: "elastic-ip" as const,
        publicIp: a.PublicIp,
        // Some endpoints (moto) answer an unassociated address with empty InstanceId and
        // NetworkInterfaceId elements where AWS leaves them out: empty is absent.
        associationId: presentOrUndefined(a.AssociationId),
        instanceId: presentOrUndefined(a.InstanceId),
        networkInterfaceId: presentOrUndefined(a.NetworkInterfaceId),
      },
    ];
  });
}

/** A string field of a response, with an empty element read as absent. */
function presentOrUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** The region's account-level settings: EBS encryption by default. */
export async function collectRegionSettingsRecords(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<RegionSettingsRecord[]> {
  const client = await factory.ec2(scope.region);
  const out = await withAwsErrors(callSite(scope, "ec2:GetEbsEncryptionByDefault"), () =>
    client.send(new GetEbsEncryptionByDefaultCommand({})),
  );
  return [
    {
      kind: "region-settings",
      account: scope.account,
      region: scope.region,
      id: scope.region,
      arn: `arn:${partitionOf(scope.region)}:ec2:${scope.region}:${scope.account}:settings`,
      name: `${scope.region} settings`,
      tags: {},
      isEbsEncryptionByDefault: out.EbsEncryptionByDefault,
    },
  ];
}

/** VPCs, each with its flow logs (DescribeFlowLogs) and the zones of its subnets. */
export async function collectVpcRecords(factory: ClientFactory, scope: CollectScope): Promise<VpcRecord[]> {
  const vpcs = await listVpcs(factory, scope);
  if (vpcs.length === 0) return [];
  const subnets = await listSubnets(factory, scope);
  const client = await factory.ec2(scope.region);
  const flowLogs = await withAwsErrors(callSite(scope, "ec2:DescribeFlowLogs"), () =>
    itemsFromPages(
      paginateDescribeFlowLogs(
        { client, pageSize: pageSizeWithin(scope.pageSize, 1, 1000), stopOnSameToken: true },
        {},
      ),
      (p) => p.FlowLogs,
    ),
  );
  return vpcs.flatMap((v) => {
    const id = v.VpcId;
    if (id === undefined) return [];
    return [
      {
        ...auditBase(vpcRecord(v, id, scope)),
        kind: "vpc" as const,
        cidr: v.CidrBlock,
        isDefault: v.IsDefault === true,
        flowLogs: flowLogs
          .filter((f) => f.ResourceId === id)
          .map((f) => ({ id: f.FlowLogId ?? "", status: f.FlowLogStatus, trafficType: f.TrafficType })),
        subnetZones: subnets
          .filter((sn) => sn.VpcId === id)
          .flatMap((sn) => (sn.AvailabilityZone === undefined ? [] : [sn.AvailabilityZone])),
      },
    ];
  });
}
