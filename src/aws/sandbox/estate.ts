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
  iam: EstateIam;
  buckets: EstateBucket[];
  /** Per-region resources, keyed by region name. */
  regions: Record<string, EstateRegion>;
  /** Monthly cost per service (Cost Explorer style), for the cost overview. */
  costs: EstateMonthlyCost[];
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
  /** Principals allowed to assume the role (service names or ARNs). */
  trustedPrincipals: string[];
  attachedPolicyArns: string[];
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
}

export interface EstatePublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface EstateRegion {
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
  /** A small list of recent CloudTrail events recorded in this region. */
  events: EstateTrailEvent[];
}

export interface EstateVpc {
  id: string;
  cidr: string;
  isDefault: boolean;
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
  interfaceType: "interface" | "network_load_balancer" | "lambda";
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
  /** The account id for instances, or the service (`amazon-rds`, `amazon-elb`) for managed interfaces. */
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
  storageType: "gp2" | "gp3" | "io1" | "io2" | "standard";
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

export interface EstateResource {
  service: InventoryService;
  type: ResourceType;
  id: string;
  /** The region the resource lives in (a bucket's own region). */
  region: string;
}

/**
 * Every inventory-visible resource of one account in the given regions: instances (any
 * state), volumes, buckets whose region is listed, DB instances, Lambda functions, VPCs and
 * subnets. The inventory workflow over the same scope must find exactly these.
 */
export function listEstateResources(
  estate: Estate,
  accountId: string,
  regions: readonly string[],
): EstateResource[] {
  const account = estate.accounts.find((a) => a.id === accountId);
  if (account === undefined) return [];
  const out: EstateResource[] = [];
  for (const region of regions) {
    const r = account.regions[region];
    if (r === undefined) continue;
    for (const x of r.instances) out.push({ service: "ec2", type: "instance", id: x.id, region });
    for (const x of r.volumes) out.push({ service: "ebs", type: "volume", id: x.id, region });
    for (const x of r.dbInstances) out.push({ service: "rds", type: "db-instance", id: x.id, region });
    for (const x of r.functions) out.push({ service: "lambda", type: "function", id: x.name, region });
    for (const x of r.vpcs) out.push({ service: "vpc", type: "vpc", id: x.id, region });
    for (const x of r.subnets) out.push({ service: "vpc", type: "subnet", id: x.id, region });
  }
  for (const b of account.buckets) {
    if (regions.includes(b.region)) out.push({ service: "s3", type: "bucket", id: b.name, region: b.region });
  }
  return out;
}
