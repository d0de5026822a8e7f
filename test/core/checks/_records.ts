/**
 * Typed fixture builders for audit records: every field has a harmless default, a test names
 * only what it is about. `brokenRecord` makes a record whose check-visible fields throw, and
 * `runChecks` runs checks through the engine with fixed settings and clock.
 */
import type {
  TaggedResourceRecord,
  AccountRecord,
  AuditRecord,
  AuditRecordKind,
  BucketRecord,
  DbInstanceRecord,
  DbSnapshotRecord,
  IamRoleRecord,
  IamUserRecord,
  PublicAccessBlock,
  RegionSettingsRecord,
  TrailRecord,
  VpcRecord,
  ElasticIpRecord,
  ImageRecord,
  InstanceRecord,
  LoadBalancerRecord,
  NetworkInterfaceRecord,
  SecurityGroupRecord,
  SecurityGroupRule,
  SnapshotRecord,
  VolumeRecord,
} from "../../../src/core/audit/records.js";
import type { AnyCheck } from "../../../src/core/checks/check.js";
import {
  evaluateChecks,
  type CheckSummary,
  type Evaluation,
  type UnreadCell,
} from "../../../src/core/checks/evaluate.js";
import type { AuditSettings } from "../../../src/core/checks/settings.js";
import type { SuppressionConfig } from "../../../src/core/config/schema.js";

export const ACCOUNT = "111111111111";
export const OTHER_ACCOUNT = "222222222222";
export const REGION = "us-east-1";
/** The injected clock of every test: 2026-11-24 12:00 UTC. */
export const NOW = new Date("2026-11-24T12:00:00.000Z");

/** The configuration defaults (src/core/config/defaults.ts). */
export const SETTINGS: AuditSettings = {
  maxPortRange: 1000,
  snapshotMaxAgeDays: 365,
  stoppedInstanceMaxDays: 30,
  accessKeyMaxAgeDays: 90,
  accessKeyMaxUnusedDays: 90,
  idleLoadBalancerDays: 14,
  trustedAccounts: [],
  requiredTags: [
    { key: "Owner" },
    { key: "Environment", allowedValues: ["development", "production"] },
    { key: "CostCenter", pattern: "^CC-[0-9]{4}$", appliesTo: ["ec2:instance"] },
  ],
};

/** An ISO timestamp `days` days before NOW. */
export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * 86_400_000).toISOString();
}

type Base = { account?: string; region?: string; name?: string | undefined; tags?: Record<string, string> };

function base(service: string, type: string, id: string, o: Base) {
  const account = o.account ?? ACCOUNT;
  const region = o.region ?? REGION;
  return {
    account,
    region,
    id,
    arn: `arn:aws:${service}:${region}:${account}:${type}/${id}`,
    name: o.name,
    tags: o.tags ?? {},
  };
}

type Fields<R extends AuditRecord> = Partial<Omit<R, "kind" | "id">> & Base;

/** An ingress or egress rule: `rule("tcp", 22, 22, "0.0.0.0/0")`; a peer starting sg-/pl- is a group/prefix list. */
export function rule(
  protocol: string,
  fromPort: number | undefined,
  toPort: number | undefined,
  peer: string,
  description?: string,
): SecurityGroupRule {
  return {
    protocol,
    fromPort,
    toPort,
    peer: peer.startsWith("sg-")
      ? { kind: "group", groupId: peer }
      : peer.startsWith("pl-")
        ? { kind: "prefix-list", prefixListId: peer }
        : peer.includes(":")
          ? { kind: "ipv6", cidr: peer }
          : { kind: "ipv4", cidr: peer },
    description,
  };
}

export function securityGroup(id: string, o: Fields<SecurityGroupRecord> = {}): SecurityGroupRecord {
  return {
    kind: "security-group",
    ...base("ec2", "security-group", id, o),
    groupName: `${id}-name`,
    description: "test group",
    vpcId: "vpc-1",
    isDefault: false,
    ingress: [],
    egress: [],
    ...o,
  };
}

export function networkInterface(id: string, o: Fields<NetworkInterfaceRecord> = {}): NetworkInterfaceRecord {
  return {
    kind: "network-interface",
    ...base("ec2", "network-interface", id, o),
    status: "in-use",
    interfaceType: "interface",
    isRequesterManaged: false,
    attachedInstanceId: undefined,
    securityGroupIds: [],
    description: undefined,
    vpcId: "vpc-1",
    subnetId: "subnet-1",
    availabilityZone: "us-east-1a",
    ...o,
  };
}

export function instance(id: string, o: Fields<InstanceRecord> = {}): InstanceRecord {
  return {
    kind: "instance",
    ...base("ec2", "instance", id, o),
    state: "running",
    instanceType: "m7i.large",
    launchedAt: daysAgo(100),
    stateTransitionReason: undefined,
    vpcId: "vpc-1",
    subnetId: "subnet-1",
    securityGroupIds: [],
    imageId: "ami-1",
    volumeIds: [],
    ...o,
  };
}

export function volume(id: string, o: Fields<VolumeRecord> = {}): VolumeRecord {
  return {
    kind: "volume",
    ...base("ec2", "volume", id, o),
    state: "in-use",
    sizeGiB: 100,
    volumeType: "gp3",
    iops: 3000,
    throughput: 125,
    isEncrypted: true,
    createdAt: daysAgo(100),
    attachedInstanceIds: [],
    availabilityZone: "us-east-1a",
    ...o,
  };
}

export function snapshot(id: string, o: Fields<SnapshotRecord> = {}): SnapshotRecord {
  return {
    kind: "snapshot",
    isPublic: false,
    ...base("ec2", "snapshot", id, o),
    state: "completed",
    volumeId: "vol-1",
    sizeGiB: 100,
    startedAt: daysAgo(30),
    isEncrypted: true,
    description: undefined,
    ...o,
  };
}

export function image(id: string, o: Fields<ImageRecord> = {}): ImageRecord {
  return {
    kind: "image",
    ...base("ec2", "image", id, o),
    state: "available",
    createdAt: daysAgo(500),
    snapshotIds: [],
    ...o,
  };
}

export function elasticIp(id: string, o: Fields<ElasticIpRecord> = {}): ElasticIpRecord {
  return {
    kind: "elastic-ip",
    ...base("ec2", "elastic-ip", id, o),
    publicIp: "203.0.113.10",
    associationId: undefined,
    instanceId: undefined,
    networkInterfaceId: undefined,
    ...o,
  };
}

export function loadBalancer(id: string, o: Fields<LoadBalancerRecord> = {}): LoadBalancerRecord {
  return {
    kind: "load-balancer",
    ...base("elasticloadbalancing", "loadbalancer/app", id, o),
    loadBalancerType: "application",
    scheme: "internet-facing",
    state: "active",
    createdAt: daysAgo(200),
    securityGroupIds: [],
    registeredTargets: 2,
    healthyTargets: 2,
    requestCount: 1000,
    requestWindowDays: 14,
    ...o,
  };
}

export function dbInstance(id: string, o: Fields<DbInstanceRecord> = {}): DbInstanceRecord {
  return {
    kind: "db-instance",
    ...base("rds", "db", id, o),
    engine: "postgres",
    instanceClass: "db.m7g.large",
    status: "available",
    isStorageEncrypted: true,
    isPubliclyAccessible: false,
    isMultiAz: true,
    backupRetentionDays: 7,
    clusterId: undefined,
    allocatedStorageGiB: 100,
    storageType: "gp3",
    ...o,
  };
}

export function taggedResource(id: string, o: Fields<TaggedResourceRecord> = {}): TaggedResourceRecord {
  return {
    kind: "tagged-resource",
    ...base("ec2", "instance", id, o),
    resourceType: "ec2:instance",
    vpcId: "vpc-1",
    ...o,
  };
}

/** Block Public Access with every setting on, or with the named ones off. */
export function publicAccessBlock(...off: (keyof PublicAccessBlock)[]): PublicAccessBlock {
  return {
    blockPublicAcls: !off.includes("blockPublicAcls"),
    ignorePublicAcls: !off.includes("ignorePublicAcls"),
    blockPublicPolicy: !off.includes("blockPublicPolicy"),
    restrictPublicBuckets: !off.includes("restrictPublicBuckets"),
  };
}

/** A policy document (JSON text) of these statements. */
export function policyDocument(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** The statement that denies requests made without TLS (what s3.bucket-tls-only looks for). */
export const DENY_INSECURE_TRANSPORT = {
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: ["arn:aws:s3:::bucket-1", "arn:aws:s3:::bucket-1/*"],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};

/** A bucket that passes every S3 check: private, Block Public Access on, encrypted, versioned, TLS only. */
export function bucket(id: string, o: Fields<BucketRecord> = {}): BucketRecord {
  const b = base("s3", "bucket", id, o);
  return {
    kind: "bucket",
    ...b,
    arn: `arn:aws:s3:::${id}`,
    createdAt: daysAgo(300),
    publicGrants: [],
    policy: policyDocument(DENY_INSECURE_TRANSPORT),
    isPolicyPublic: false,
    publicAccessBlock: publicAccessBlock(),
    encryption: "AES256",
    versioning: "Enabled",
    ...o,
  };
}

/** The account record (region global): root MFA on, no root keys, a strong password policy, BPA on. */
export function account(o: Fields<AccountRecord> = {}): AccountRecord {
  const a = o.account ?? ACCOUNT;
  return {
    kind: "account",
    ...base("iam", "root", a, { region: "global", ...o }),
    arn: `arn:aws:iam::${a}:root`,
    isRootMfaEnabled: true,
    hasRootAccessKeys: false,
    passwordPolicy: {
      minimumLength: 14,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercase: true,
      requireLowercase: true,
      reusePrevention: 24,
      maxAgeDays: 90,
    },
    publicAccessBlock: publicAccessBlock(),
    organizationManagementAccount: undefined,
    ...o,
  };
}

/** An IAM user (region global): no password, no keys, no policies. */
export function iamUser(id: string, o: Fields<IamUserRecord> = {}): IamUserRecord {
  const a = o.account ?? ACCOUNT;
  return {
    kind: "iam-user",
    ...base("iam", "user", id, { region: "global", ...o }),
    arn: `arn:aws:iam::${a}:user/${id}`,
    name: id,
    createdAt: daysAgo(400),
    hasConsolePassword: false,
    passwordLastUsedAt: undefined,
    isMfaActive: false,
    accessKeys: [],
    policies: [],
    ...o,
  };
}

/** An IAM role (region global) trusted by a service, with no policies. */
export function iamRole(id: string, o: Fields<IamRoleRecord> = {}): IamRoleRecord {
  const a = o.account ?? ACCOUNT;
  return {
    kind: "iam-role",
    ...base("iam", "role", id, { region: "global", ...o }),
    arn: `arn:aws:iam::${a}:role/${id}`,
    name: id,
    path: "/",
    trustPolicy: policyDocument({
      Effect: "Allow",
      Principal: { Service: "ec2.amazonaws.com" },
      Action: "sts:AssumeRole",
    }),
    policies: [],
    isServiceLinked: false,
    ...o,
  };
}

/** A trail the account owns: multi-region, logging, validated, KMS-encrypted. */
export function trail(id: string, o: Fields<TrailRecord> = {}): TrailRecord {
  const a = o.account ?? ACCOUNT;
  const owner = o.ownerAccount ?? a;
  const region = o.region ?? REGION;
  return {
    kind: "trail",
    ...base("cloudtrail", "trail", id, o),
    arn: `arn:aws:cloudtrail:${region}:${owner}:trail/${id}`,
    name: id,
    ownerAccount: owner,
    homeRegion: region,
    isMultiRegion: true,
    isOrganizationTrail: false,
    isLogging: true,
    isLogFileValidationEnabled: true,
    kmsKeyId: `arn:aws:kms:${region}:${owner}:key/1111-2222`,
    s3BucketName: "trail-logs",
    ...o,
  };
}

export function regionSettings(o: Fields<RegionSettingsRecord> = {}): RegionSettingsRecord {
  const region = o.region ?? REGION;
  return {
    kind: "region-settings",
    ...base("ec2", "region-settings", region, o),
    isEbsEncryptionByDefault: true,
    ...o,
  };
}

/** A VPC with an active flow log and subnets in two zones. */
export function vpc(id: string, o: Fields<VpcRecord> = {}): VpcRecord {
  return {
    kind: "vpc",
    ...base("ec2", "vpc", id, o),
    cidr: "10.0.0.0/16",
    isDefault: false,
    flowLogs: [{ id: `fl-${id}`, status: "ACTIVE", trafficType: "ALL" }],
    subnetZones: ["us-east-1a", "us-east-1b"],
    ...o,
  };
}

export function dbSnapshot(id: string, o: Fields<DbSnapshotRecord> = {}): DbSnapshotRecord {
  return {
    kind: "db-snapshot",
    ...base("rds", "snapshot", id, o),
    dbInstanceId: "db-1",
    snapshotType: "manual",
    createdAt: daysAgo(10),
    isEncrypted: true,
    isPublic: false,
    ...o,
  };
}

/** The fields the engine itself reads (to index, filter and name a finding). */
const ENGINE_FIELDS = new Set(["kind", "account", "region", "id", "arn", "name", "tags"]);

/** A record of `kind` whose every other field throws when read: the check evaluating it must fail. */
export function brokenRecord(kind: AuditRecordKind, id: string, o: Base = {}): AuditRecord {
  const known: Record<string, unknown> = { kind, ...base("ec2", kind, id, o) };
  return new Proxy(known, {
    get(target, prop) {
      if (typeof prop !== "string") return undefined;
      if (ENGINE_FIELDS.has(prop)) return target[prop];
      throw new Error(`field ${prop} is unreadable`);
    },
  }) as unknown as AuditRecord;
}

export interface RunOptions {
  unread?: UnreadCell[];
  settings?: Partial<AuditSettings>;
  suppressions?: SuppressionConfig[];
  now?: Date;
}

/** The checks over the records through the engine, with the default settings and NOW. */
export function runChecks(
  checks: readonly AnyCheck[],
  records: readonly AuditRecord[],
  o: RunOptions = {},
): Evaluation {
  return evaluateChecks({
    checks,
    records,
    unread: o.unread ?? [],
    settings: { ...SETTINGS, ...o.settings },
    suppressions: o.suppressions ?? [],
    now: o.now ?? NOW,
  });
}

/** The summary of one check in an evaluation. */
export function summaryOf(evaluation: Evaluation, checkId: string): CheckSummary {
  const s = evaluation.checks.find((c) => c.checkId === checkId);
  if (s === undefined) throw new Error(`no summary for ${checkId}`);
  return s;
}
