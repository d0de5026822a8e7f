/**
 * Where the audits' records come from: one scan source per record kind, each a collector of
 * src/aws/collectors. A workflow reads only the kinds its checks apply to or use.
 */
import { collectAccountRecord, collectIamPrincipalRecords } from "../../aws/collectors/audit-account.js";
import { collectTrailRecords } from "../../aws/collectors/audit-cloudtrail.js";
import { collectDbInstanceRecords, collectDbSnapshotRecords } from "../../aws/collectors/audit-rds.js";
import { collectBucketRecords } from "../../aws/collectors/audit-s3.js";
import { listBucketLocations } from "../../aws/collectors/s3.js";
import {
  collectElasticIpRecords,
  collectImageRecords,
  collectInstanceRecords,
  collectNetworkInterfaceRecords,
  collectRegionSettingsRecords,
  collectSecurityGroupRecords,
  collectSnapshotRecords,
  collectVolumeRecords,
  collectVpcRecords,
} from "../../aws/collectors/audit-ec2.js";
import { collectLoadBalancerRecords } from "../../aws/collectors/audit-elb.js";
import type { AuditRecord, AuditRecordKind, TaggedResourceRecord } from "../../core/audit/records.js";
import { UsageError } from "../../core/errors.js";
import { INVENTORY_SERVICES } from "../../core/inventory/inventory-result.js";
import {
  RESOURCE_TYPE_NAMES,
  RESOURCE_TYPES_BY_SERVICE,
  unknownResourceTypes,
  type InventoryService,
  type ResourceRecord,
} from "../../core/inventory/resource-record.js";
import { INVENTORY_SERVICE_SPECS } from "../inventory/services.js";
import type { ScanSource } from "../scan/run-scan.js";

export interface AuditSourceOptions {
  /** Days of load balancer traffic read from CloudWatch. */
  idleLoadBalancerDays: number;
  now: () => Date;
}

/** A collector and the kinds of record it yields. */
export interface AuditSource extends ScanSource<AuditRecord> {
  kinds: readonly AuditRecordKind[];
}

/** The audits' sources by name (the partition's "service" in progress, failures and the journal). */
export function auditSources(options: AuditSourceOptions): Record<string, AuditSource> {
  const regional = (
    kinds: readonly AuditRecordKind[],
    label: string,
    collect: ScanSource<AuditRecord>["collect"],
  ): AuditSource => ({ kinds, label, placement: "regional", collect });
  const global = (
    kinds: readonly AuditRecordKind[],
    label: string,
    collect: ScanSource<AuditRecord>["collect"],
  ): AuditSource => ({ kinds, label, placement: "global", collect });
  return {
    "security-groups": regional(["security-group"], "security groups", ({ factory, scope }) =>
      collectSecurityGroupRecords(factory, scope),
    ),
    "network-interfaces": regional(["network-interface"], "network interfaces", ({ factory, scope }) =>
      collectNetworkInterfaceRecords(factory, scope),
    ),
    instances: regional(["instance"], "EC2 instances", ({ factory, scope }) =>
      collectInstanceRecords(factory, scope),
    ),
    volumes: regional(["volume"], "EBS volumes", ({ factory, scope }) =>
      collectVolumeRecords(factory, scope),
    ),
    snapshots: regional(["snapshot"], "EBS snapshots", ({ factory, scope }) =>
      collectSnapshotRecords(factory, scope),
    ),
    images: regional(["image"], "AMIs", ({ factory, scope }) => collectImageRecords(factory, scope)),
    "elastic-ips": regional(["elastic-ip"], "Elastic IPs", ({ factory, scope }) =>
      collectElasticIpRecords(factory, scope),
    ),
    "load-balancers": regional(["load-balancer"], "load balancers", ({ factory, scope }) =>
      collectLoadBalancerRecords(factory, scope, {
        windowDays: options.idleLoadBalancerDays,
        now: options.now(),
      }),
    ),
    "db-instances": regional(["db-instance"], "RDS DB instances", ({ factory, scope }) =>
      collectDbInstanceRecords(factory, scope),
    ),
    "db-snapshots": regional(["db-snapshot"], "RDS snapshots", ({ factory, scope }) =>
      collectDbSnapshotRecords(factory, scope),
    ),
    "region-settings": regional(["region-settings"], "EC2 account settings", ({ factory, scope }) =>
      collectRegionSettingsRecords(factory, scope),
    ),
    vpcs: regional(["vpc"], "VPCs and flow logs", ({ factory, scope }) => collectVpcRecords(factory, scope)),
    trails: regional(["trail"], "CloudTrail trails", ({ factory, scope }) =>
      collectTrailRecords(factory, scope),
    ),
    // ListBuckets is global: listed once per account, each bucket read in its own region.
    buckets: regional(["bucket"], "S3 buckets", async ({ factory, scope, regions, shared }) =>
      collectBucketRecords(
        factory,
        scope,
        await shared("s3:buckets", () =>
          listBucketLocations(factory, { account: scope.account, regions, pageSize: scope.pageSize }),
        ),
      ),
    ),
    account: global(["account"], "account settings", ({ factory, scope }) =>
      collectAccountRecord(factory, scope),
    ),
    "iam-principals": global(["iam-user", "iam-role"], "IAM users and roles", ({ factory, scope }) =>
      collectIamPrincipalRecords(factory, scope),
    ),
  };
}

/**
 * Tag compliance reads the inventory: the services that hold the wanted types (all of them by
 * default), each resource as a tagged-resource record. Unknown types are a usage error.
 */
export function taggedResourceSources(types: readonly string[] | undefined): {
  sources: InventoryService[];
  sourceSpecs: Record<string, ScanSource<AuditRecord>>;
} {
  const wanted = types === undefined || types.length === 0 ? undefined : new Set(types);
  const unknown = unknownResourceTypes([...(wanted ?? [])]);
  if (unknown.length > 0) {
    throw new UsageError(`unknown resource type ${unknown.map((t) => `"${t}"`).join(", ")} in --types`, {
      code: "UnknownResourceType",
      hint: `Write service:type, e.g. ec2:instance,s3:bucket. Types: ${RESOURCE_TYPE_NAMES.join(", ")}.`,
    });
  }
  const sources = INVENTORY_SERVICES.filter((s) =>
    RESOURCE_TYPES_BY_SERVICE[s].some((t) => wanted === undefined || wanted.has(`${s}:${t}`)),
  );
  const sourceSpecs: Record<string, ScanSource<AuditRecord>> = {};
  for (const service of sources) {
    const spec = INVENTORY_SERVICE_SPECS[service];
    sourceSpecs[service] = {
      label: spec.label,
      placement: spec.placement,
      collect: async (ctx) =>
        (await spec.collect(ctx))
          .filter((r) => (wanted === undefined || wanted.has(`${r.service}:${r.type}`)) && !isMadeByAws(r))
          .map(taggedRecord),
    };
  }
  return { sources, sourceSpecs };
}

/**
 * What AWS creates and manages on the account's behalf, which no owner tags: AWS managed KMS
 * keys, interfaces a service manages (load balancers, RDS, NAT…), and each VPC's default
 * security group, main route table and default network ACL. Tag compliance leaves them out.
 */
export function isMadeByAws(r: ResourceRecord): boolean {
  const a = r.attributes;
  switch (`${r.service}:${r.type}`) {
    case "kms:key":
      return a["keyManager"] === "AWS";
    case "vpc:network-interface":
      return a["isRequesterManaged"] === true;
    case "vpc:security-group":
      return a["groupName"] === "default";
    case "vpc:route-table":
      return a["isMain"] === true;
    case "vpc:network-acl":
      return a["isDefault"] === true;
    default:
      return false;
  }
}

function taggedRecord(r: ResourceRecord): TaggedResourceRecord {
  const vpcId = r.attributes["vpcId"];
  return {
    kind: "tagged-resource",
    account: r.account,
    region: r.region,
    id: r.id,
    arn: r.arn,
    name: r.name,
    tags: r.tags,
    resourceType: `${r.service}:${r.type}`,
    vpcId: typeof vpcId === "string" ? vpcId : r.type === "vpc" ? r.id : undefined,
  };
}
