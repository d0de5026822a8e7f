/**
 * The estate: everything the sandbox simulates, as one JSON-serialisable value.
 *
 * Timestamps are ISO-8601 strings here (the JSON form); the service handlers turn them into
 * Date objects (or Lambda's string format) when they answer. Tags are plain objects here and
 * `[{Key, Value}]` lists in answers. Derived facts (a volume's state, an interface's status,
 * a subnet's free addresses) are not stored: they are computed from the rest, so they cannot
 * disagree with it.
 */
import type { InventoryService, ResourceType } from "../../core/inventory/resource-record.js";
import { parseEstate } from "./estate-validate.js";

export const ESTATE_VERSION = 1;

/** An ISO-8601 timestamp, e.g. `2026-10-31T09:15:00.000Z`. */
export type IsoTimestamp = string;
export type Tags = Record<string, string>;
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type EstateEnvironment = "management" | "sandbox" | "development" | "test" | "staging" | "production";

export interface Estate {
  version: typeof ESTATE_VERSION;
  company: string;
  /** The moment the estate describes ("now" for a generated estate, capture time for a snapshot). */
  capturedAt: IsoTimestamp;
  /** Absent when the accounts are not in an AWS Organization. */
  organization?: EstateOrganization;
  accounts: EstateAccount[];
}

export interface EstateOrganization {
  /** `o-` followed by 10 lowercase letters/digits. */
  id: string;
  managementAccountId: string;
}

export interface EstateAccount {
  /** 12 digits. */
  id: string;
  name: string;
  /** The IAM account alias, when set. */
  alias?: string;
  email: string;
  environment: EstateEnvironment;
  joinedAt: IsoTimestamp;
  /** The named profiles that resolve to this account in the sandbox. */
  profiles: EstateProfile[];
  /**
   * Regions this account uses. Opt-in regions (see regions.ts) answer only when listed here;
   * regions enabled by default always answer (empty when they hold nothing).
   */
  enabledRegions: string[];
  rootMfaEnabled: boolean;
  /** The root user has access keys (GetAccountSummary AccountAccessKeysPresent). Default false. */
  rootAccessKeysPresent: boolean;
  /** The IAM account password policy; absent: none is set (GetAccountPasswordPolicy NoSuchEntity). */
  passwordPolicy?: EstatePasswordPolicy;
  /** The account-level S3 public access block (S3 Control); absent: none is configured. */
  accountPublicAccessBlock?: EstatePublicAccessBlock;
  iam: EstateIam;
  buckets: EstateBucket[];
  /** Per-region resources, keyed by region name. */
  regions: Record<string, EstateRegion>;
  /** Monthly cost per service (Cost Explorer style), for the cost overview. */
  costs: EstateMonthlyCost[];
  /**
   * Cost Explorer of this account (absent: enabled, no anomaly monitor, no extra usage). The
   * bills themselves are derived from the resources (see cost-usage.ts).
   */
  costExplorer?: EstateCostExplorer;
}

export interface EstateCostExplorer {
  /** False: Cost Explorer is not enabled (every Cost Explorer call answers DataUnavailableException). Default true. */
  enabled?: boolean;
  /** Cost Anomaly Detection monitors (names) of the account; absent or empty: none. */
  anomalyMonitors?: string[];
  /** Usage the resources do not explain: a spike (an anomaly) or a service no modelled resource bills. */
  events?: EstateCostEvent[];
}

export interface EstateCostEvent {
  kind: "spike" | "new-service";
  /** The Cost Explorer service name, e.g. `AWS Lambda`. */
  service: string;
  region: string;
  /** First day billed, `YYYY-MM-DD`. */
  from: string;
  /** Last day billed (inclusive), `YYYY-MM-DD`; absent: still billed. */
  to?: string;
  /** USD a day, on top of what the resources bill. */
  dailyUsd: number;
  /** Cost allocation tags of the usage. */
  tags: Tags;
}

/** The account password policy, as GetAccountPasswordPolicy answers it. */
export interface EstatePasswordPolicy {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  /** True when maxPasswordAge is set (AWS derives it). */
  expirePasswords: boolean;
  /** Days a password stays valid (1–1095); absent: passwords never expire. */
  maxPasswordAge?: number;
  /** How many previous passwords cannot be reused (1–24); absent: no restriction. */
  passwordReusePrevention?: number;
  hardExpiry?: boolean;
}

/** A profile assumes a role (the identity is an assumed-role session) or signs in as an IAM user. */
export interface EstateProfile {
  name: string;
  roleName?: string;
  /** The session name of the assumed-role ARN; defaults to `sandbox-user`. */
  sessionName?: string;
  userName?: string;
}

export interface EstateIam {
  users: EstateIamUser[];
  roles: EstateIamRole[];
  /** Customer managed policies (AWS managed ones are referenced by ARN only). */
  policies: EstateIamPolicy[];
  /** IAM groups (users name theirs in `groups`). Missing in older estates: filled with []. */
  groups: EstateIamGroup[];
  /** When GenerateCredentialReport last built the account's credential report (sandbox clock). */
  credentialReportGeneratedAt?: IsoTimestamp;
}

/** An inline policy embedded in a user, group or role. */
export interface EstateInlinePolicy {
  name: string;
  /** The policy document (JSON text). */
  document: string;
}

export interface EstateIamGroup {
  groupName: string;
  /** `AGPA…` */
  groupId: string;
  path: string;
  createdAt: IsoTimestamp;
  attachedPolicyArns: string[];
  inlinePolicies: EstateInlinePolicy[];
}

/** A customer managed policy. Its ARN is `arn:aws:iam::<account>:policy<path><name>`. */
export interface EstateIamPolicy {
  policyName: string;
  /** `ANPA…` */
  policyId: string;
  path: string;
  description?: string;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
  /** The default version's number (`v3` → 3); earlier versions are not kept. */
  defaultVersion: number;
  /** The default version's policy document (JSON text). */
  document: string;
  tags: Tags;
}

export interface EstateIamUser {
  userName: string;
  /** `AIDA…` */
  userId: string;
  path: string;
  createdAt: IsoTimestamp;
  hasConsolePassword: boolean;
  passwordLastUsedAt?: IsoTimestamp;
  mfaDevices: EstateMfaDevice[];
  accessKeys: EstateAccessKey[];
  groups: string[];
  attachedPolicyArns: string[];
  inlinePolicies?: EstateInlinePolicy[];
  tags: Tags;
}

export interface EstateMfaDevice {
  serialNumber: string;
  enabledAt: IsoTimestamp;
}

/** Access key metadata only: the sandbox never holds a secret. */
export interface EstateAccessKey {
  /** `AKIA…` */
  accessKeyId: string;
  status: "Active" | "Inactive";
  createdAt: IsoTimestamp;
  lastUsedAt?: IsoTimestamp;
  lastUsedService?: string;
  lastUsedRegion?: string;
}

export interface EstateIamRole {
  roleName: string;
  /** `AROA…` */
  roleId: string;
  path: string;
  description?: string;
  createdAt: IsoTimestamp;
  /** Principals allowed to assume the role (service names, ARNs, account ids or `*`). */
  trustedPrincipals: string[];
  /**
   * The Condition block of every trust statement, e.g.
   * `{"StringEquals": {"sts:ExternalId": "…"}}`; absent: the statements have no condition.
   */
  trustCondition?: Record<string, Record<string, string | string[]>>;
  attachedPolicyArns: string[];
  inlinePolicies?: EstateInlinePolicy[];
  lastUsedAt?: IsoTimestamp;
  tags: Tags;
}

export interface EstateBucket {
  name: string;
  region: string;
  createdAt: IsoTimestamp;
  tags: Tags;
  /** Absent: no bucket-level public access block is configured. */
  publicAccessBlock?: EstatePublicAccessBlock;
  /** Absent: the bucket has no bucket policy. */
  policy?: { document: string; isPublic: boolean };
  /** True when the ACL grants access to AllUsers or AuthenticatedUsers. */
  aclIsPublic: boolean;
  encryption: {
    algorithm: "AES256" | "aws:kms" | "aws:kms:dsse";
    kmsKeyId?: string;
    bucketKeyEnabled: boolean;
  };
  versioning?: "Enabled" | "Suspended";
  /**
   * What the daily CloudWatch storage metrics report in the bucket's region: AWS/S3
   * BucketSizeBytes (StorageType StandardStorage) and NumberOfObjects (AllStorageTypes).
   * Absent or 0: no datapoints, as for an empty bucket.
   */
  sizeBytes?: number;
  objectCount?: number;
  /** The lifecycle configuration's rules, in the SDK's LifecycleRule shape. Absent: none is set. */
  lifecycleRules?: JsonValue[];
}

export interface EstatePublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface EstateRegion {
  /**
   * EC2 GetEbsEncryptionByDefault: new volumes are encrypted whatever the request says.
   * Absent: false (AWS's default for a region until it is turned on).
   */
  ebsEncryptionByDefault?: boolean;
  vpcs: EstateVpc[];
  subnets: EstateSubnet[];
  securityGroups: EstateSecurityGroup[];
  instances: EstateInstance[];
  volumes: EstateVolume[];
  snapshots: EstateSnapshot[];
  addresses: EstateAddress[];
  networkInterfaces: EstateNetworkInterface[];
  dbInstances: EstateDbInstance[];
  functions: EstateFunction[];
  loadBalancers: EstateLoadBalancer[];
  targetGroups: EstateTargetGroup[];
  trails: EstateTrail[];
  /** The CloudTrail management events recorded in this region (LookupEvents answers them). */
  events: EstateTrailEvent[];
  /** AMIs the account owns (DescribeImages Owners self). */
  images: EstateImage[];
  routeTables: EstateRouteTable[];
  internetGateways: EstateInternetGateway[];
  natGateways: EstateNatGateway[];
  networkAcls: EstateNetworkAcl[];
  /** Aurora clusters; their instances are in dbInstances with `clusterId`. */
  dbClusters: EstateDbCluster[];
  classicLoadBalancers: EstateClassicLoadBalancer[];
  /** Customer and AWS managed KMS keys (what ListKeys answers). */
  kmsKeys: EstateKmsKey[];
  /** VPC flow logs (EC2 DescribeFlowLogs). */
  flowLogs: EstateFlowLog[];
  /** RDS DB snapshots, manual and automated (RDS DescribeDBSnapshots). */
  dbSnapshots: EstateDbSnapshot[];
}

/** A VPC flow log (only VPC-level flow logs are modelled). */
export interface EstateFlowLog {
  /** `fl-…` */
  id: string;
  /** The VPC it captures (`vpc-…`). */
  resourceId: string;
  trafficType: "ALL" | "ACCEPT" | "REJECT";
  logDestinationType: "cloud-watch-logs" | "s3";
  /** The log group ARN or the bucket ARN (`arn:aws:s3:::bucket/prefix/`). */
  logDestination: string;
  /** The only status AWS reports for a flow log that exists. */
  status: "ACTIVE";
  createdAt: IsoTimestamp;
  tags: Tags;
}

/** An RDS DB snapshot of a DB instance. */
export interface EstateDbSnapshot {
  /** The DB snapshot identifier (`rds:<db>-<yyyy-mm-dd-hh-mm>` for automated ones). */
  identifier: string;
  dbInstanceId: string;
  snapshotType: "manual" | "automated";
  createdAt: IsoTimestamp;
  engine: string;
  engineVersion?: string;
  allocatedStorageGiB: number;
  encrypted: boolean;
  kmsKeyId?: string;
  status: "available" | "creating";
  /** The `restore` attribute includes `all`: anyone can restore it. Absent: false. */
  isPublic?: boolean;
  tags: Tags;
}
export interface EstateVpc {
  id: string;
  cidr: string;
  isDefault: boolean;
  /** DescribeVpcAttribute enableDnsSupport. Absent: true (AWS's default). */
  enableDnsSupport?: boolean;
  /** DescribeVpcAttribute enableDnsHostnames. Absent: true for a default VPC, false otherwise. */
  enableDnsHostnames?: boolean;
  tags: Tags;
}

export interface EstateSubnet {
  id: string;
  vpcId: string;
  cidr: string;
  availabilityZone: string;
  mapPublicIpOnLaunch: boolean;
  defaultForAz: boolean;
  tags: Tags;
}

export interface EstateSecurityGroup {
  id: string;
  name: string;
  description: string;
  vpcId: string;
  ingress: EstateSecurityGroupRule[];
  egress: EstateSecurityGroupRule[];
  tags: Tags;
}

/** One IpPermission: a protocol and port range, and the peers it allows. */
export interface EstateSecurityGroupRule {
  /** `tcp`, `udp`, `icmp`, or `-1` for all traffic. */
  protocol: string;
  /** Absent for protocol `-1`. */
  fromPort?: number;
  toPort?: number;
  ipv4: { cidr: string; description?: string }[];
  ipv6: { cidr: string; description?: string }[];
  groups: { groupId: string; description?: string }[];
}

export type EstateInstanceState =
  "pending" | "running" | "stopping" | "stopped" | "shutting-down" | "terminated";

export interface EstateInstance {
  id: string;
  reservationId: string;
  type: string;
  state: EstateInstanceState;
  stateTransitionReason?: string;
  launchedAt: IsoTimestamp;
  imageId: string;
  architecture: "x86_64" | "arm64";
  platform?: "windows";
  availabilityZone: string;
  vpcId: string;
  subnetId: string;
  privateIp: string;
  publicIp?: string;
  securityGroupIds: string[];
  keyName?: string;
  iamInstanceProfileArn?: string;
  /** TerminateInstances is refused (OperationNotPermitted) while set. Absent: false. */
  disableApiTermination?: boolean;
  /** The RunInstances ClientToken that launched it (idempotency). */
  clientToken?: string;
  tags: Tags;
}

export interface EstateVolume {
  id: string;
  sizeGiB: number;
  type: "gp2" | "gp3" | "io1" | "io2" | "st1" | "sc1" | "standard";
  availabilityZone: string;
  encrypted: boolean;
  kmsKeyId?: string;
  createdAt: IsoTimestamp;
  iops?: number;
  throughput?: number;
  snapshotId?: string;
  /** Empty: the volume is `available`; otherwise `in-use`. */
  attachments: EstateVolumeAttachment[];
  tags: Tags;
}

export interface EstateVolumeAttachment {
  instanceId: string;
  device: string;
  attachedAt: IsoTimestamp;
  deleteOnTermination: boolean;
}

export interface EstateSnapshot {
  id: string;
  volumeId: string;
  volumeSizeGiB: number;
  startedAt: IsoTimestamp;
  state: "pending" | "completed" | "error";
  encrypted: boolean;
  description: string;
  /** The `createVolumePermission` attribute includes group `all`. Absent: false. */
  isPublic?: boolean;
  tags: Tags;
}

export interface EstateAddress {
  allocationId: string;
  publicIp: string;
  /** Present while associated. */
  associationId?: string;
  instanceId?: string;
  networkInterfaceId?: string;
  privateIp?: string;
  tags: Tags;
}

export interface EstateNetworkInterface {
  id: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  privateIp: string;
  publicIp?: string;
  macAddress: string;
  description: string;
  interfaceType: "interface" | "network_load_balancer" | "lambda" | "natGateway";
  /** Created by an AWS service (RDS, ELB…) on the account's behalf. */
  requesterManaged: boolean;
  requesterId?: string;
  securityGroupIds: string[];
  /** Absent: the interface is `available` (not attached). */
  attachment?: EstateNetworkInterfaceAttachment;
  tags: Tags;
}

export interface EstateNetworkInterfaceAttachment {
  attachmentId: string;
  /** The instance, for interfaces attached to EC2 instances. */
  instanceId?: string;
  /**
   * The account id for instances, or the service (`amazon-rds`, `amazon-elb`, `amazon-aws` for
   * NAT gateways) for managed interfaces.
   */
  instanceOwnerId: string;
  deviceIndex: number;
  attachedAt: IsoTimestamp;
  deleteOnTermination: boolean;
}

export interface EstateDbInstance {
  /** The DB instance identifier. */
  id: string;
  /** `db-…` */
  resourceId: string;
  engine: string;
  engineVersion: string;
  instanceClass: string;
  status: "available" | "stopped" | "creating" | "deleting" | "modifying" | "backing-up";
  allocatedStorageGiB: number;
  storageType: "gp2" | "gp3" | "io1" | "io2" | "standard" | "aurora";
  storageEncrypted: boolean;
  kmsKeyId?: string;
  publiclyAccessible: boolean;
  multiAz: boolean;
  availabilityZone: string;
  vpcId: string;
  subnetGroupName: string;
  subnetIds: string[];
  securityGroupIds: string[];
  masterUsername: string;
  port: number;
  createdAt: IsoTimestamp;
  backupRetentionDays: number;
  deletionProtection: boolean;
  /** The Aurora cluster this instance belongs to. */
  clusterId?: string;
  tags: Tags;
}

/** An Aurora DB cluster. */
export interface EstateDbCluster {
  /** The DB cluster identifier. */
  id: string;
  /** `cluster-` and 26 uppercase letters/digits. */
  resourceId: string;
  engine: "aurora-postgresql" | "aurora-mysql";
  engineVersion: string;
  status: "available" | "stopped" | "creating" | "deleting" | "modifying" | "backing-up";
  storageEncrypted: boolean;
  kmsKeyId?: string;
  /** The writer first; every member is a DB instance with this cluster's id. */
  memberIds: string[];
  availabilityZones: string[];
  vpcId: string;
  subnetGroupName: string;
  securityGroupIds: string[];
  masterUsername: string;
  port: number;
  createdAt: IsoTimestamp;
  backupRetentionDays: number;
  deletionProtection: boolean;
  tags: Tags;
}

export interface EstateFunction {
  name: string;
  runtime: string;
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  codeSizeBytes: number;
  roleArn: string;
  description: string;
  lastModifiedAt: IsoTimestamp;
  architecture: "x86_64" | "arm64";
  tags: Tags;
}

export interface EstateLoadBalancer {
  arn: string;
  name: string;
  type: "application" | "network";
  scheme: "internet-facing" | "internal";
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
  state: "active" | "provisioning" | "failed";
  dnsName: string;
  createdAt: IsoTimestamp;
  listeners: { port: number; protocol: string; defaultTargetGroupArn?: string }[];
  /** Requests served over the last 7 days (CloudWatch RequestCount sum); 0 means idle. */
  requestCountLast7Days: number;
  tags: Tags;
}

export interface EstateTargetGroup {
  arn: string;
  name: string;
  protocol: string;
  port: number;
  vpcId: string;
  targetType: "instance" | "ip" | "lambda";
  healthCheckPath?: string;
  loadBalancerArns: string[];
  targets: {
    id: string;
    port: number;
    health: "healthy" | "unhealthy" | "initial" | "unused" | "draining";
  }[];
  tags: Tags;
}

/** A classic load balancer (ELB API version 2012-06-01). */
export interface EstateClassicLoadBalancer {
  name: string;
  scheme: "internet-facing" | "internal";
  vpcId: string;
  subnetIds: string[];
  availabilityZones: string[];
  securityGroupIds: string[];
  dnsName: string;
  createdAt: IsoTimestamp;
  listeners: { protocol: string; port: number; instanceProtocol: string; instancePort: number }[];
  healthCheckTarget: string;
  /** Registered instances and whether each passes the health check. */
  instances: { instanceId: string; state: "InService" | "OutOfService" }[];
  /** Requests served over the last 7 days (CloudWatch RequestCount sum); 0 means idle. */
  requestCountLast7Days: number;
  tags: Tags;
}

export interface EstateImage {
  /** `ami-…` */
  id: string;
  name: string;
  description: string;
  createdAt: IsoTimestamp;
  state: "available" | "pending" | "failed";
  architecture: "x86_64" | "arm64";
  platform?: "windows";
  /** Owned snapshots backing the image, root device first. */
  blockDevices: { device: string; snapshotId: string; sizeGiB: number; volumeType: "gp2" | "gp3" }[];
  isPublic: boolean;
  tags: Tags;
}

export interface EstateRouteTable {
  /** `rtb-…` */
  id: string;
  vpcId: string;
  /** The VPC's main route table (created with the VPC). */
  isMain: boolean;
  routes: EstateRoute[];
  /** Explicit subnet associations (`rtbassoc-…`); the main table also has its main association. */
  associations: { id: string; subnetId?: string; isMain: boolean }[];
  tags: Tags;
}

export interface EstateRoute {
  destinationCidr: string;
  /** `local` for the VPC's own range, or an internet gateway `igw-…`. */
  gatewayId?: string;
  natGatewayId?: string;
}

export interface EstateInternetGateway {
  /** `igw-…` */
  id: string;
  /** The VPC it is attached to; absent when detached. */
  vpcId?: string;
  tags: Tags;
}

export interface EstateNatGateway {
  /** `nat-…` */
  id: string;
  vpcId: string;
  subnetId: string;
  state: "pending" | "available" | "deleting" | "deleted" | "failed";
  connectivityType: "public" | "private";
  /** The Elastic IP (public NAT gateways); it is in `addresses`, associated with the interface. */
  allocationId?: string;
  /** The requester-managed interface (type `natGateway`) in `networkInterfaces`. */
  networkInterfaceId: string;
  privateIp: string;
  publicIp?: string;
  createdAt: IsoTimestamp;
  /** When DeleteNatGateway deleted it (state `deleted`). */
  deletedAt?: IsoTimestamp;
  /** Why it is `failed`, as AWS reports it (e.g. `Gateway.NotAttached`). */
  failure?: { code: string; message: string };
  /** The CreateNatGateway ClientToken that created it (idempotency). */
  clientToken?: string;
  tags: Tags;
}

export interface EstateNetworkAcl {
  /** `acl-…` */
  id: string;
  vpcId: string;
  /** The VPC's default ACL (created with the VPC). */
  isDefault: boolean;
  entries: EstateNetworkAclEntry[];
  /** Subnet associations (`aclassoc-…`); every subnet has exactly one ACL. */
  associations: { id: string; subnetId: string }[];
  tags: Tags;
}

export interface EstateNetworkAclEntry {
  ruleNumber: number;
  egress: boolean;
  /** `-1` (all), `6` (tcp), `17` (udp), `1` (icmp). */
  protocol: string;
  action: "allow" | "deny";
  cidr: string;
  fromPort?: number;
  toPort?: number;
}

export interface EstateKmsKey {
  /** A UUID. The ARN is `arn:aws:kms:<region>:<account>:key/<id>`. */
  id: string;
  description: string;
  keyManager: "CUSTOMER" | "AWS";
  state: "Enabled" | "Disabled" | "PendingDeletion";
  createdAt: IsoTimestamp;
  /** For keys pending deletion. */
  deletionAt?: IsoTimestamp;
  rotationEnabled: boolean;
  /** Alias names (`alias/…`) pointing at this key. */
  aliases: string[];
  tags: Tags;
}

export interface EstateTrail {
  name: string;
  arn: string;
  s3BucketName: string;
  isMultiRegion: boolean;
  isOrganizationTrail: boolean;
  isLogging: boolean;
  logFileValidation: boolean;
  kmsKeyId?: string;
  latestDeliveryAt?: IsoTimestamp;
  tags: Tags;
}

export interface EstateTrailEvent {
  eventId: string;
  eventTime: IsoTimestamp;
  eventName: string;
  /** e.g. `ec2.amazonaws.com` */
  eventSource: string;
  username: string;
  principalArn: string;
  sourceIp: string;
  userAgent: string;
  readOnly: boolean;
  resources: { type: string; name: string }[];
  requestParameters?: { [key: string]: JsonValue };
  errorCode?: string;
  /** The error's message, with `errorCode`. Default: none. */
  errorMessage?: string;
  /**
   * CloudTrail's userIdentity.type. Default: from `principalArn` (`…:root` Root, `…:user/…`
   * IAMUser, `…:assumed-role/…` AssumedRole, `…:federated-user/…` FederatedUser, a service
   * name such as `backup.amazonaws.com` AWSService).
   */
  identityType?: "Root" | "IAMUser" | "AssumedRole" | "FederatedUser" | "AWSService";
  /** The access key the call was signed with. Default: none (console and AWS service calls). */
  accessKeyId?: string;
  /** e.g. ConsoleLogin's `{ConsoleLogin: "Success"}`. Default: none. */
  responseElements?: { [key: string]: JsonValue };
  /** e.g. ConsoleLogin's `{MFAUsed: "No"}`. Default: none. */
  additionalEventData?: { [key: string]: JsonValue };
}

export interface EstateMonthlyCost {
  /** `YYYY-MM` */
  month: string;
  /** The Cost Explorer service name, e.g. `Amazon Elastic Compute Cloud - Compute`. */
  service: string;
  amountUsd: number;
}

/** An empty region, every list present. */
export function emptyRegion(): EstateRegion {
  return {
    vpcs: [],
    subnets: [],
    securityGroups: [],
    instances: [],
    volumes: [],
    snapshots: [],
    addresses: [],
    networkInterfaces: [],
    dbInstances: [],
    functions: [],
    loadBalancers: [],
    targetGroups: [],
    trails: [],
    events: [],
    images: [],
    routeTables: [],
    internetGateways: [],
    natGateways: [],
    networkAcls: [],
    dbClusters: [],
    classicLoadBalancers: [],
    kmsKeys: [],
    flowLogs: [],
    dbSnapshots: [],
  };
}

/**
 * Validate parsed JSON as an estate. Throws ConfigError naming the path of the first problem,
 * e.g. `accounts[1].regions["us-east-1"].instances[3].launchedAt`. Missing per-region lists
 * are filled with [] so a hand-written or captured estate need only list what it has.
 */
export function loadEstate(json: unknown): Estate {
  return parseEstate(json);
}

/** Stable, pretty JSON (two-space indent, trailing newline). Same estate → same string. */
export function saveEstate(estate: Estate): string {
  return `${JSON.stringify(estate, null, 2)}\n`;
}

/** The service of an inventory-visible resource: the inventory's own names (core). */
export type EstateResourceService = InventoryService;

/** The type of an inventory-visible resource within its service: the inventory's own names (core). */
export type EstateResourceType = ResourceType;

export interface EstateResource {
  service: EstateResourceService;
  type: EstateResourceType;
  /**
   * The id the inventory reports: the resource's AWS id (`i-…`, `vol-…`, `rtb-…`…), the
   * AllocationId of an Elastic IP, a bucket's or function's name, a DB instance or cluster
   * identifier, a v2 load balancer's ARN but a classic one's name, a target group's or trail's
   * ARN, an IAM user's or role's name, a policy's ARN, a KMS KeyId.
   */
  id: string;
  /** The region the resource lives in (a bucket's own region), or `global` for IAM. */
  region: string;
}

type ResourceKey = `${EstateResourceService}/${EstateResourceType}`;

/** How each per-region list of the estate appears in an inventory. */
const REGIONAL_RESOURCES: readonly {
  key: ResourceKey;
  ids: (r: EstateRegion, accountId: string, region: string) => readonly string[];
  count: (r: EstateRegion, accountId: string, region: string) => number;
}[] = [
  list(
    "ec2/instance",
    (r) => r.instances,
    (x) => x.id,
  ),
  list(
    "ebs/volume",
    (r) => r.volumes,
    (x) => x.id,
  ),
  list(
    "ebs/snapshot",
    (r) => r.snapshots,
    (x) => x.id,
  ),
  list(
    "ec2/elastic-ip",
    (r) => r.addresses,
    (x) => x.allocationId,
  ),
  list(
    "ec2/image",
    (r) => r.images,
    (x) => x.id,
  ),
  list(
    "vpc/vpc",
    (r) => r.vpcs,
    (x) => x.id,
  ),
  list(
    "vpc/subnet",
    (r) => r.subnets,
    (x) => x.id,
  ),
  list(
    "vpc/route-table",
    (r) => r.routeTables,
    (x) => x.id,
  ),
  list(
    "vpc/internet-gateway",
    (r) => r.internetGateways,
    (x) => x.id,
  ),
  list(
    "vpc/nat-gateway",
    (r) => r.natGateways,
    (x) => x.id,
  ),
  list(
    "vpc/network-acl",
    (r) => r.networkAcls,
    (x) => x.id,
  ),
  list(
    "vpc/security-group",
    (r) => r.securityGroups,
    (x) => x.id,
  ),
  list(
    "vpc/network-interface",
    (r) => r.networkInterfaces,
    (x) => x.id,
  ),
  list(
    "rds/db-instance",
    (r) => r.dbInstances,
    (x) => x.id,
  ),
  list(
    "rds/db-cluster",
    (r) => r.dbClusters,
    (x) => x.id,
  ),
  list(
    "lambda/function",
    (r) => r.functions,
    (x) => x.name,
  ),
  list(
    "elb/load-balancer",
    (r) => r.loadBalancers,
    (x) => x.arn,
  ),
  list(
    "elb/load-balancer",
    (r) => r.classicLoadBalancers,
    (x) => x.name,
  ),
  list(
    "elb/target-group",
    (r) => r.targetGroups,
    (x) => x.arn,
  ),
  {
    key: "cloudtrail/trail",
    // A trail is listed once, in its home region, by the account that owns it (the ARN says both).
    ids: (r, accountId, region) => r.trails.filter((t) => ownsTrail(t, accountId, region)).map((t) => t.arn),
    count: (r, accountId, region) => r.trails.filter((t) => ownsTrail(t, accountId, region)).length,
  },
  list(
    "kms/key",
    (r) => r.kmsKeys,
    (x) => x.id,
  ),
];

function list<T>(
  key: ResourceKey,
  items: (r: EstateRegion) => readonly T[],
  idOf: (item: T) => string,
): (typeof REGIONAL_RESOURCES)[number] {
  return { key, ids: (r) => items(r).map(idOf), count: (r) => items(r).length };
}

function ownsTrail(t: EstateTrail, accountId: string, region: string): boolean {
  return t.arn.startsWith(`arn:aws:cloudtrail:${region}:${accountId}:`);
}

function splitKey(key: ResourceKey): { service: EstateResourceService; type: EstateResourceType } {
  const [service, type] = key.split("/") as [EstateResourceService, EstateResourceType];
  return { service, type };
}

/**
 * Every inventory-visible resource of one account in the given regions, as `{service, type,
 * id, region}`: the full inventory's list (see EstateResourceType), each resource once.
 * Regional resources of the listed regions; buckets whose own region is listed; a trail in its
 * home region only, by the account that owns it; every KMS key ListKeys answers (AWS managed
 * ones included); and the account's IAM users, roles and customer managed policies once, with
 * region `global`, whatever the regions. The inventory workflow over the same scope must find
 * exactly these.
 */
export function listEstateResources(
  estate: Estate,
  accountId: string,
  regions: readonly string[],
): EstateResource[] {
  const account = estate.accounts.find((a) => a.id === accountId);
  if (account === undefined) return [];
  const out: EstateResource[] = [];
  for (const region of new Set(regions)) {
    const r = account.regions[region];
    if (r === undefined) continue;
    for (const resource of REGIONAL_RESOURCES) {
      const { service, type } = splitKey(resource.key);
      for (const id of resource.ids(r, accountId, region)) out.push({ service, type, id, region });
    }
  }
  for (const b of account.buckets) {
    if (regions.includes(b.region)) out.push({ service: "s3", type: "bucket", id: b.name, region: b.region });
  }
  const global = "global";
  for (const u of account.iam.users)
    out.push({ service: "iam", type: "user", id: u.userName, region: global });
  for (const r of account.iam.roles)
    out.push({ service: "iam", type: "role", id: r.roleName, region: global });
  for (const p of account.iam.policies) {
    out.push({ service: "iam", type: "policy", id: policyArn(account.id, p), region: global });
  }
  return out;
}

export function policyArn(accountId: string, p: Pick<EstateIamPolicy, "path" | "policyName">): string {
  return `arn:aws:iam::${accountId}:policy${p.path}${p.policyName}`;
}

export interface ResourceCounts {
  /** Every inventory-visible resource of every account in every region it has. */
  total: number;
  /** By `service/type`, e.g. `vpc/route-table`. */
  byType: Partial<Record<ResourceKey, number>>;
  /** By account id. */
  byAccount: Record<string, number>;
  /**
   * By `account/region/service/type` (region `global` for IAM, a bucket's own region for S3):
   * what one inventory partition per account, region and service must find.
   */
  byCell: Record<string, number>;
}

/**
 * How many resources a full inventory of the estate (every account, every region it holds
 * anything in) must find: the same resources as listEstateResources, counted without listing
 * them, for tests and benchmarks at scale.
 */
export function expectedResourceCounts(estate: Estate): ResourceCounts {
  const counts: ResourceCounts = { total: 0, byType: {}, byAccount: {}, byCell: {} };
  const add = (accountId: string, region: string, key: ResourceKey, n: number): void => {
    if (n === 0) return;
    counts.total += n;
    counts.byType[key] = (counts.byType[key] ?? 0) + n;
    counts.byAccount[accountId] = (counts.byAccount[accountId] ?? 0) + n;
    const cell = `${accountId}/${region}/${key}`;
    counts.byCell[cell] = (counts.byCell[cell] ?? 0) + n;
  };
  for (const account of estate.accounts) {
    counts.byAccount[account.id] = 0;
    for (const [region, r] of Object.entries(account.regions)) {
      for (const resource of REGIONAL_RESOURCES)
        add(account.id, region, resource.key, resource.count(r, account.id, region));
    }
    for (const bucket of account.buckets) add(account.id, bucket.region, "s3/bucket", 1);
    add(account.id, "global", "iam/user", account.iam.users.length);
    add(account.id, "global", "iam/role", account.iam.roles.length);
    add(account.id, "global", "iam/policy", account.iam.policies.length);
  }
  return counts;
}
