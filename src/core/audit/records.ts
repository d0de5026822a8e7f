/**
 * The normalised records audits read: what the collectors (src/aws/collectors/audit) make of
 * the AWS answers, with exactly the facts the checks need. No SDK types past this point; every
 * timestamp is an ISO-8601 string; absent facts are `undefined` (never guessed).
 *
 * Each record has a `kind`; a check applies to one kind. Records of one account and region
 * (or of the account as a whole, region `global`) are evaluated together, so a check can look
 * at related records (the network interfaces that use a security group, the images that use
 * a snapshot).
 */

export interface AuditRecordBase {
  account: string;
  /** The resource's region, or `global` for IAM and account-wide facts. */
  region: string;
  id: string;
  arn: string;
  name: string | undefined;
  tags: Record<string, string>;
}

/** One peer of one security group rule (AWS groups peers under one IpPermission; here each is its own rule). */
export interface SecurityGroupRule {
  /** `tcp`, `udp`, `icmp`, `icmpv6`, a protocol number, or `-1` (all traffic). */
  protocol: string;
  /** Undefined for all traffic (and all ports of a protocol number other than tcp/udp). */
  fromPort: number | undefined;
  toPort: number | undefined;
  peer:
    | { kind: "ipv4"; cidr: string }
    | { kind: "ipv6"; cidr: string }
    | { kind: "group"; groupId: string }
    | { kind: "prefix-list"; prefixListId: string };
  description: string | undefined;
}

export interface SecurityGroupRecord extends AuditRecordBase {
  kind: "security-group";
  groupName: string;
  description: string;
  vpcId: string | undefined;
  /** The VPC's `default` group (it cannot be deleted). */
  isDefault: boolean;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
}

export interface NetworkInterfaceRecord extends AuditRecordBase {
  kind: "network-interface";
  /** `available` (not attached), `in-use`, … */
  status: string | undefined;
  interfaceType: string | undefined;
  /** Created and managed by an AWS service (ELB, RDS, Lambda, NAT…). */
  isRequesterManaged: boolean;
  attachedInstanceId: string | undefined;
  securityGroupIds: string[];
  description: string | undefined;
  vpcId: string | undefined;
  subnetId: string | undefined;
  availabilityZone: string | undefined;
}

export interface InstanceRecord extends AuditRecordBase {
  kind: "instance";
  state: string | undefined;
  instanceType: string | undefined;
  launchedAt: string | undefined;
  /** AWS's StateTransitionReason, e.g. `User initiated (2026-09-01 10:00:00 GMT)`. */
  stateTransitionReason: string | undefined;
  vpcId: string | undefined;
  subnetId: string | undefined;
  securityGroupIds: string[];
  imageId: string | undefined;
  /** The size of each attached EBS volume is on the volume records. */
  volumeIds: string[];
}

export interface VolumeRecord extends AuditRecordBase {
  kind: "volume";
  state: string | undefined;
  sizeGiB: number | undefined;
  volumeType: string | undefined;
  iops: number | undefined;
  throughput: number | undefined;
  isEncrypted: boolean | undefined;
  createdAt: string | undefined;
  attachedInstanceIds: string[];
  availabilityZone: string | undefined;
}

export interface SnapshotRecord extends AuditRecordBase {
  kind: "snapshot";
  /** createVolumePermission includes `all`: anyone can create a volume from it (undefined: not read). */
  isPublic: boolean | undefined;
  state: string | undefined;
  volumeId: string | undefined;
  sizeGiB: number | undefined;
  startedAt: string | undefined;
  isEncrypted: boolean | undefined;
  description: string | undefined;
}

export interface ImageRecord extends AuditRecordBase {
  kind: "image";
  state: string | undefined;
  createdAt: string | undefined;
  /** The EBS snapshots behind the image's block devices. */
  snapshotIds: string[];
}

export interface ElasticIpRecord extends AuditRecordBase {
  kind: "elastic-ip";
  publicIp: string | undefined;
  associationId: string | undefined;
  instanceId: string | undefined;
  networkInterfaceId: string | undefined;
}

export interface LoadBalancerRecord extends AuditRecordBase {
  kind: "load-balancer";
  /** `application`, `network`, `gateway`, or `classic`. */
  loadBalancerType: string;
  scheme: string | undefined;
  state: string | undefined;
  createdAt: string | undefined;
  securityGroupIds: string[];
  /** Targets registered behind it (every target group / the classic balancer's instances). */
  registeredTargets: number;
  healthyTargets: number;
  /** CloudWatch RequestCount (ALB, classic) or NewFlowCount (NLB) over `requestWindowDays`; undefined when unknown. */
  requestCount: number | undefined;
  requestWindowDays: number;
}

export interface DbInstanceRecord extends AuditRecordBase {
  kind: "db-instance";
  engine: string | undefined;
  instanceClass: string | undefined;
  status: string | undefined;
  isStorageEncrypted: boolean | undefined;
  isPubliclyAccessible: boolean | undefined;
  isMultiAz: boolean | undefined;
  backupRetentionDays: number | undefined;
  /** The Aurora cluster it belongs to. */
  clusterId: string | undefined;
  allocatedStorageGiB: number | undefined;
  storageType: string | undefined;
}

export interface DbSnapshotRecord extends AuditRecordBase {
  kind: "db-snapshot";
  dbInstanceId: string | undefined;
  /** `manual`, `automated`, … */
  snapshotType: string | undefined;
  createdAt: string | undefined;
  isEncrypted: boolean | undefined;
  /** The `restore` attribute includes `all`: anyone can copy or restore it. */
  isPublic: boolean | undefined;
}

/** A region's account-level settings. */
export interface RegionSettingsRecord extends AuditRecordBase {
  kind: "region-settings";
  /** EC2 GetEbsEncryptionByDefault. */
  isEbsEncryptionByDefault: boolean | undefined;
}

export interface VpcRecord extends AuditRecordBase {
  kind: "vpc";
  cidr: string | undefined;
  isDefault: boolean;
  /** Its flow logs (DescribeFlowLogs), with their status. */
  flowLogs: { id: string; status: string | undefined; trafficType: string | undefined }[];
  /** The availability zone of each of its subnets. */
  subnetZones: string[];
}

export interface BucketRecord extends AuditRecordBase {
  kind: "bucket";
  createdAt: string | undefined;
  /** ACL grants to everyone (AllUsers) or any AWS user (AuthenticatedUsers). */
  publicGrants: { grantee: "AllUsers" | "AuthenticatedUsers"; permission: string }[];
  /** The bucket policy document (JSON text), when it has one. */
  policy: string | undefined;
  /** GetBucketPolicyStatus: S3's own verdict on the policy. */
  isPolicyPublic: boolean | undefined;
  /** The bucket-level Block Public Access settings; undefined when none is configured. */
  publicAccessBlock: PublicAccessBlock | undefined;
  /** The default encryption algorithm (`AES256`, `aws:kms`, `aws:kms:dsse`); undefined when none. */
  encryption: string | undefined;
  /** `Enabled`, `Suspended`, or undefined when never enabled. */
  versioning: string | undefined;
}

export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

/** An IAM user, from the credential report and the account's authorization details. */
export interface IamUserRecord extends AuditRecordBase {
  kind: "iam-user";
  createdAt: string | undefined;
  hasConsolePassword: boolean;
  passwordLastUsedAt: string | undefined;
  isMfaActive: boolean;
  accessKeys: {
    slot: 1 | 2;
    isActive: boolean;
    lastRotatedAt: string | undefined;
    lastUsedAt: string | undefined;
  }[];
  /** Every policy that applies: attached, inline, and through groups (documents as JSON text). */
  policies: { name: string; arn: string | undefined; via: string; document: string | undefined }[];
}

export interface IamRoleRecord extends AuditRecordBase {
  kind: "iam-role";
  path: string;
  /** The trust policy (JSON text). */
  trustPolicy: string | undefined;
  policies: { name: string; arn: string | undefined; via: string; document: string | undefined }[];
  /** Service-linked roles (path /aws-service-role/) are AWS's; checks leave them out. */
  isServiceLinked: boolean;
}

/** The account as a whole: root user, password policy, account-level S3 settings, organisation. */
export interface AccountRecord extends AuditRecordBase {
  kind: "account";
  isRootMfaEnabled: boolean | undefined;
  hasRootAccessKeys: boolean | undefined;
  /** undefined when the account has no password policy. */
  passwordPolicy:
    | {
        minimumLength: number | undefined;
        requireSymbols: boolean;
        requireNumbers: boolean;
        requireUppercase: boolean;
        requireLowercase: boolean;
        reusePrevention: number | undefined;
        maxAgeDays: number | undefined;
      }
    | undefined;
  /** Account-level S3 Block Public Access; undefined when none is configured. */
  publicAccessBlock: PublicAccessBlock | undefined;
  /** The organisation's management account, when the account is in one. */
  organizationManagementAccount: string | undefined;
}

export interface TrailRecord extends AuditRecordBase {
  kind: "trail";
  /** The account that owns it: another one for an organization trail seen from a member account. */
  ownerAccount: string;
  homeRegion: string | undefined;
  isMultiRegion: boolean;
  isOrganizationTrail: boolean;
  /** GetTrailStatus; undefined for a trail another account owns. */
  isLogging: boolean | undefined;
  isLogFileValidationEnabled: boolean;
  kmsKeyId: string | undefined;
  s3BucketName: string | undefined;
}

/** A resource as the inventory lists it: what tag compliance reads (any taggable type). */
export interface TaggedResourceRecord extends AuditRecordBase {
  kind: "tagged-resource";
  /** `service:type` as tagging rules name them, e.g. `ec2:instance`, `s3:bucket`. */
  resourceType: string;
  /** The VPC the resource is in, when it is in one (to suggest tag values from its neighbours). */
  vpcId: string | undefined;
}

export type AuditRecord =
  | SecurityGroupRecord
  | NetworkInterfaceRecord
  | InstanceRecord
  | VolumeRecord
  | SnapshotRecord
  | ImageRecord
  | ElasticIpRecord
  | LoadBalancerRecord
  | DbInstanceRecord
  | DbSnapshotRecord
  | RegionSettingsRecord
  | VpcRecord
  | BucketRecord
  | IamUserRecord
  | IamRoleRecord
  | AccountRecord
  | TrailRecord
  | TaggedResourceRecord;

export type AuditRecordKind = AuditRecord["kind"];

export type RecordOfKind<K extends AuditRecordKind> = Extract<AuditRecord, { kind: K }>;
