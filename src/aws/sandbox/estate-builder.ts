/**
 * Builds estates resource by resource, keeping the relations consistent (an instance gets
 * its network interface and root volume, a load balancer its target group and managed
 * interfaces, a DB instance its managed interface). demo.ts and generate.ts both use it;
 * everything random comes from the seeded generator, every time from `capturedAt`.
 */
import { parseCidr, subnetAddress } from "./cidr.js";
import {
  emptyRegion,
  type Estate,
  type EstateAccount,
  type EstateAddress,
  type EstateBucket,
  type EstateClassicLoadBalancer,
  type EstateDbCluster,
  type EstateDbInstance,
  type EstateDbSnapshot,
  type EstateEnvironment,
  type EstateFlowLog,
  type EstateFunction,
  type EstateIamGroup,
  type EstateIamPolicy,
  type EstateIamRole,
  type EstateInlinePolicy,
  type EstatePasswordPolicy,
  type EstatePublicAccessBlock,
  type EstateIamUser,
  type EstateImage,
  type EstateInstance,
  type EstateInstanceState,
  type EstateInternetGateway,
  type EstateKmsKey,
  type EstateLoadBalancer,
  type EstateNatGateway,
  type EstateNetworkAcl,
  type EstateNetworkInterface,
  type EstateProfile,
  type EstateRegion,
  type EstateRouteTable,
  type EstateSecurityGroup,
  type EstateSecurityGroupRule,
  type EstateSnapshot,
  type EstateSubnet,
  type EstateTargetGroup,
  type EstateTrail,
  type EstateTrailEvent,
  type EstateVolume,
  type EstateVpc,
  type IsoTimestamp,
  type Tags,
} from "./estate.js";
import { IdFactory } from "./ids.js";
import type { PlantedProblem, PlantedProblemKind } from "./planted.js";
import { createRng, type Rng } from "./prng.js";
import {
  defaultNetworkAclFor,
  mainRouteTableFor,
  natGatewayInterface,
  newSecurityGroup,
} from "./vpc-parts.js";

const DAY_MS = 86_400_000;

export interface AccountSpec {
  id: string;
  name: string;
  alias?: string;
  email: string;
  environment: EstateEnvironment;
  profiles: EstateProfile[];
  enabledRegions: string[];
  joinedDaysAgo: number;
  rootMfaEnabled?: boolean;
  rootAccessKeysPresent?: boolean;
  /** Default: STRONG_PASSWORD_POLICY; `"none"`: no password policy is set. */
  passwordPolicy?: EstatePasswordPolicy | "none";
  /** Default: FULL_PUBLIC_ACCESS_BLOCK; `"none"`: no account-level block is configured. */
  accountPublicAccessBlock?: EstatePublicAccessBlock | "none";
}

/** What a clean account has: CIS-level requirements (14 characters, all classes, 24 remembered, 90 days). */
export const STRONG_PASSWORD_POLICY: Readonly<EstatePasswordPolicy> = {
  minimumPasswordLength: 14,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
  expirePasswords: true,
  maxPasswordAge: 90,
  passwordReusePrevention: 24,
  hardExpiry: false,
};

/** All four settings on: what clean accounts and buckets have. */
export const FULL_PUBLIC_ACCESS_BLOCK: Readonly<EstatePublicAccessBlock> = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

/** The statement that makes a bucket policy refuse requests not sent over TLS. */
export function tlsOnlyStatement(bucketName: string): Record<string, unknown> {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

export interface SubnetSpec {
  availabilityZone: string;
  cidr: string;
  isPublic: boolean;
  tags: Tags;
}

export interface InstanceSpec {
  id?: string;
  subnet: EstateSubnet;
  type: string;
  securityGroupIds: string[];
  tags: Tags;
  /** Tags for the root and data volumes; defaults to the instance's tags. */
  volumeTags?: Tags;
  state?: EstateInstanceState;
  launchedDaysAgo: number;
  /** For a stopped instance: when it stopped (default: 2 days ago, or at launch if later). */
  stoppedDaysAgo?: number;
  platform?: "windows";
  architecture?: "x86_64" | "arm64";
  hasPublicIp?: boolean;
  keyName?: string;
  rootGiB?: number;
  dataVolumes?: { id?: string; sizeGiB: number; type?: EstateVolume["type"]; encrypted?: boolean }[];
}

export interface VolumeSpec {
  id?: string;
  availabilityZone: string;
  sizeGiB: number;
  type?: EstateVolume["type"];
  encrypted?: boolean;
  createdDaysAgo: number;
  tags: Tags;
}

export interface NetworkInterfaceSpec {
  id?: string;
  subnet: EstateSubnet;
  securityGroupIds: string[];
  description: string;
  tags?: Tags;
}

export interface DbInstanceSpec {
  id: string;
  engine: string;
  engineVersion: string;
  instanceClass: string;
  allocatedStorageGiB: number;
  storageEncrypted: boolean;
  publiclyAccessible: boolean;
  /** Default: true, except for Aurora cluster members (whose cluster spans the zones). */
  multiAz?: boolean;
  /** Default 7; 0 turns automated backups off (and leaves no automated snapshot). */
  backupRetentionDays?: number;
  subnets: EstateSubnet[];
  securityGroupIds: string[];
  createdDaysAgo: number;
  status?: EstateDbInstance["status"];
  /** Aurora members: their cluster, whose storage they share. */
  clusterId?: string;
  tags: Tags;
}

export interface FunctionSpec {
  name: string;
  runtime: string;
  memoryMb: number;
  timeoutSeconds?: number;
  description: string;
  modifiedDaysAgo: number;
  roleName: string;
  tags: Tags;
}

export interface LoadBalancerSpec {
  name: string;
  /** The 16 hex digits ending the ARN; drawn from the generator when absent. */
  idHex?: string;
  type?: "application" | "network";
  scheme: "internet-facing" | "internal";
  subnets: EstateSubnet[];
  securityGroupIds: string[];
  targets: EstateInstance[];
  targetPort: number;
  /** Health of every target; `unhealthy` or no targets plus no requests makes an idle balancer. */
  targetHealth: "healthy" | "unhealthy";
  requestCountLast7Days: number;
  createdDaysAgo: number;
  tags: Tags;
}

export interface BucketSpec {
  name: string;
  region: string;
  createdDaysAgo: number;
  tags: Tags;
  /** A public-read bucket policy (and, unless publicAccessBlock says otherwise, no public access block). */
  isPublic?: boolean;
  kms?: boolean;
  /** Default true (Enabled); false: never enabled; `"Suspended"`. */
  versioning?: boolean | "Suspended";
  /**
   * The bucket-level public access block. Default: all four on, or none for a public bucket;
   * `"none"`: none configured.
   */
  publicAccessBlock?: EstatePublicAccessBlock | "none";
  /** The ACL grants READ to AllUsers. Default false. */
  aclIsPublic?: boolean;
  /**
   * The bucket policy carries the TLS-only statement (Deny when aws:SecureTransport is false).
   * Default true; false: no policy at all, or only the public statement for a public bucket.
   */
  tlsOnly?: boolean;
  /** What the storage metrics report; drawn from the generator when absent. */
  sizeBytes?: number;
  objectCount?: number;
}

export interface DbClusterSpec {
  id: string;
  engine: EstateDbCluster["engine"];
  engineVersion: string;
  instanceClass: string;
  /** Members: the writer, then readers. */
  instanceCount: number;
  subnets: EstateSubnet[];
  securityGroupIds: string[];
  createdDaysAgo: number;
  tags: Tags;
}

export interface ClassicLoadBalancerSpec {
  name: string;
  scheme: "internet-facing" | "internal";
  subnets: EstateSubnet[];
  securityGroupIds: string[];
  instances: EstateInstance[];
  instancePort: number;
  requestCountLast7Days: number;
  createdDaysAgo: number;
  tags: Tags;
}

export interface ImageSpec {
  name: string;
  description: string;
  createdDaysAgo: number;
  rootGiB: number;
  platform?: "windows";
  architecture?: "x86_64" | "arm64";
  tags: Tags;
}

export interface KmsKeySpec {
  alias: string;
  description: string;
  createdDaysAgo: number;
  rotationEnabled?: boolean;
  state?: EstateKmsKey["state"];
  tags: Tags;
}

export interface PolicySpec {
  policyName: string;
  description: string;
  createdDaysAgo: number;
  updatedDaysAgo?: number;
  path?: string;
  /** Statements of the default version's document. */
  statements: { Effect: "Allow" | "Deny"; Action: string | string[]; Resource: string | string[] }[];
  tags?: Tags;
}

/** What AWS creates with a VPC: its main route table, default network ACL and default security group. */
export interface VpcDefaults {
  mainRouteTable: EstateRouteTable;
  defaultAcl: EstateNetworkAcl;
  defaultGroup: EstateSecurityGroup;
}

const AWS_MANAGED_KEY_DESCRIPTIONS = {
  ebs: "Default key that protects my EBS volumes when no other key is defined",
  rds: "Default key that protects my RDS database volumes when no other key is defined",
  s3: "Default key that protects my S3 objects when no other key is defined",
  lambda: "Default key that protects my Lambda functions when no other key is defined",
} as const;

export interface UserSpec {
  userName: string;
  createdDaysAgo: number;
  hasConsolePassword: boolean;
  passwordLastUsedDaysAgo?: number;
  hasMfa: boolean;
  accessKeys: {
    createdDaysAgo: number;
    lastUsedDaysAgo?: number;
    status?: "Active" | "Inactive";
    id?: string;
  }[];
  groups?: string[];
  attachedPolicyArns?: string[];
  inlinePolicies?: EstateInlinePolicy[];
  tags?: Tags;
}

export interface TrailEventSpec {
  daysAgo: number;
  /** A literal event id (planted events are named in lists); default: a seeded UUID. */
  eventId?: string;
  identityType?: EstateTrailEvent["identityType"];
  accessKeyId?: string;
  errorMessage?: string;
  responseElements?: EstateTrailEvent["responseElements"];
  additionalEventData?: EstateTrailEvent["additionalEventData"];
  eventName: string;
  eventSource: string;
  username: string;
  principalArn: string;
  readOnly?: boolean;
  resources?: { type: string; name: string }[];
  requestParameters?: EstateTrailEvent["requestParameters"];
  sourceIp?: string;
  userAgent?: string;
  errorCode?: string;
}

export class EstateBuilder {
  readonly rng: Rng;
  readonly ids: IdFactory;
  readonly estate: Estate;
  readonly planted: PlantedProblem[] = [];
  readonly #now: number;
  readonly #nextAddress = new Map<string, number>();
  readonly #logBucket: (accountId: string) => string;

  /**
   * `logBucket` names the bucket each account's VPC flow logs are delivered to (default
   * `aws-logs-<account id>`).
   */
  constructor(options: {
    company: string;
    capturedAt: Date;
    seed: number;
    logBucket?: (accountId: string) => string;
  }) {
    this.rng = createRng(options.seed);
    this.ids = new IdFactory(this.rng);
    this.#now = options.capturedAt.getTime();
    this.#logBucket = options.logBucket ?? ((id) => `aws-logs-${id}`);
    this.estate = {
      version: 1,
      company: options.company,
      capturedAt: options.capturedAt.toISOString(),
      accounts: [],
    };
  }

  /** The timestamp `days` (fractions allowed) before capturedAt. */
  daysAgo(days: number): IsoTimestamp {
    return new Date(this.#now - Math.round(days * DAY_MS)).toISOString();
  }

  plant(problem: PlantedProblemKind, resourceId: string, account: EstateAccount, region: string): void {
    this.planted.push({ problem, resourceId, account: account.id, region });
  }

  setOrganization(managementAccountId: string): void {
    this.estate.organization = { id: this.ids.organizationId(), managementAccountId };
  }

  addAccount(spec: AccountSpec): EstateAccount {
    const account: EstateAccount = {
      id: spec.id,
      name: spec.name,
      ...(spec.alias === undefined ? {} : { alias: spec.alias }),
      email: spec.email,
      environment: spec.environment,
      joinedAt: this.daysAgo(spec.joinedDaysAgo),
      profiles: spec.profiles,
      enabledRegions: spec.enabledRegions,
      rootMfaEnabled: spec.rootMfaEnabled ?? true,
      rootAccessKeysPresent: spec.rootAccessKeysPresent ?? false,
      ...(spec.passwordPolicy === "none"
        ? {}
        : { passwordPolicy: { ...(spec.passwordPolicy ?? STRONG_PASSWORD_POLICY) } }),
      ...(spec.accountPublicAccessBlock === "none"
        ? {}
        : { accountPublicAccessBlock: { ...(spec.accountPublicAccessBlock ?? FULL_PUBLIC_ACCESS_BLOCK) } }),
      iam: { users: [], roles: [], policies: [], groups: [] },
      buckets: [],
      regions: {},
      costs: [],
    };
    this.estate.accounts.push(account);
    return account;
  }

  /** The account's region, created (with EBS encryption by default on) the first time. */
  region(account: EstateAccount, name: string): EstateRegion {
    const existing = account.regions[name];
    if (existing !== undefined) return existing;
    const created: EstateRegion = { ebsEncryptionByDefault: true, ...emptyRegion() };
    account.regions[name] = created;
    return created;
  }

  #id(prefix: Parameters<IdFactory["ec2"]>[0], explicit: string | undefined): string {
    return explicit === undefined ? this.ids.ec2(prefix) : this.ids.reserve(explicit);
  }

  #privateIp(subnet: EstateSubnet): string {
    const n = this.#nextAddress.get(subnet.id) ?? this.rng.int(0, 20);
    this.#nextAddress.set(subnet.id, n + 1 + this.rng.int(0, 3));
    if (n >= parseCidr(subnet.cidr).size - 5) throw new Error(`subnet ${subnet.id} is full`);
    return subnetAddress(subnet.cidr, n);
  }

  /**
   * A VPC and its subnets, with what AWS creates alongside: the main route table (the local
   * route; subnets without an explicit association use it), the default network ACL (allow
   * all, associated with every subnet) and the `default` security group — with no rule, the
   * CIS hardened state (AWS creates it with a self-referencing ingress rule and an allow-all
   * egress rule; `defaultGroupRules` keeps those). A default VPC also gets its internet
   * gateway, which its main route table sends 0.0.0.0/0 to. Unless `flowLogs` is false, an
   * ACTIVE flow log of all traffic to the account's log bucket.
   */
  addVpc(
    account: EstateAccount,
    region: string,
    spec: {
      id?: string;
      cidr: string;
      tags: Tags;
      isDefault?: boolean;
      subnets: SubnetSpec[];
      defaultGroupId?: string;
      defaultGroupRules?: boolean;
      flowLogs?: boolean;
      createdDaysAgo?: number;
    },
  ): { vpc: EstateVpc; subnets: EstateSubnet[] } & VpcDefaults {
    const r = this.region(account, region);
    const vpc: EstateVpc = {
      id: this.#id("vpc", spec.id),
      cidr: spec.cidr,
      isDefault: spec.isDefault ?? false,
      tags: { ...spec.tags },
    };
    r.vpcs.push(vpc);
    const subnets = spec.subnets.map((s) => {
      const subnet: EstateSubnet = {
        id: this.ids.ec2("subnet"),
        vpcId: vpc.id,
        cidr: s.cidr,
        availabilityZone: s.availabilityZone,
        mapPublicIpOnLaunch: s.isPublic,
        defaultForAz: vpc.isDefault,
        tags: s.tags,
      };
      r.subnets.push(subnet);
      return subnet;
    });
    const mainRouteTable = mainRouteTableFor(this.ids, vpc);
    r.routeTables.push(mainRouteTable);
    if (vpc.isDefault) {
      const igw = this.addInternetGateway(account, region, { vpc, tags: {} });
      mainRouteTable.routes.push({ destinationCidr: "0.0.0.0/0", gatewayId: igw.id });
    }
    const defaultAcl = defaultNetworkAclFor(this.ids, vpc, subnets);
    r.networkAcls.push(defaultAcl);
    const defaultGroup = this.addSecurityGroup(account, region, {
      ...(spec.defaultGroupId === undefined ? {} : { id: spec.defaultGroupId }),
      vpcId: vpc.id,
      name: "default",
      description: "default VPC security group",
      ingress: [],
      tags: {},
    });
    if (spec.defaultGroupRules === true) {
      defaultGroup.ingress.push({
        protocol: "-1",
        ipv4: [],
        ipv6: [],
        groups: [{ groupId: defaultGroup.id }],
      });
    } else {
      defaultGroup.egress = [];
    }
    if (spec.flowLogs !== false)
      this.addFlowLog(account, region, { vpc, createdDaysAgo: spec.createdDaysAgo ?? 700 });
    return { vpc, subnets, mainRouteTable, defaultAcl, defaultGroup };
  }

  /** An ACTIVE flow log of all the VPC's traffic, delivered to the account's log bucket. */
  addFlowLog(
    account: EstateAccount,
    region: string,
    spec: { vpc: EstateVpc; createdDaysAgo: number; trafficType?: EstateFlowLog["trafficType"] },
  ): EstateFlowLog {
    const flowLog: EstateFlowLog = {
      id: this.ids.ec2("fl"),
      resourceId: spec.vpc.id,
      trafficType: spec.trafficType ?? "ALL",
      logDestinationType: "s3",
      logDestination: `arn:aws:s3:::${this.#logBucket(account.id)}/vpc-flow-logs/`,
      status: "ACTIVE",
      createdAt: this.daysAgo(spec.createdDaysAgo),
      tags: spec.vpc.tags.Name === undefined ? {} : { Name: `${spec.vpc.tags.Name}-flow-log` },
    };
    this.region(account, region).flowLogs.push(flowLog);
    return flowLog;
  }

  /** A route table of the VPC, explicitly associated with the given subnets. */
  addRouteTable(
    account: EstateAccount,
    region: string,
    spec: { vpc: EstateVpc; subnets: EstateSubnet[]; routes: EstateRouteTable["routes"]; tags: Tags },
  ): EstateRouteTable {
    const table: EstateRouteTable = {
      id: this.ids.ec2("rtb"),
      vpcId: spec.vpc.id,
      isMain: false,
      routes: [{ destinationCidr: spec.vpc.cidr, gatewayId: "local" }, ...spec.routes],
      associations: spec.subnets.map((s) => ({
        id: this.ids.ec2("rtbassoc"),
        subnetId: s.id,
        isMain: false,
      })),
      tags: { ...spec.tags },
    };
    this.region(account, region).routeTables.push(table);
    return table;
  }

  addInternetGateway(
    account: EstateAccount,
    region: string,
    spec: { vpc: EstateVpc; tags: Tags },
  ): EstateInternetGateway {
    const gateway: EstateInternetGateway = {
      id: this.ids.ec2("igw"),
      vpcId: spec.vpc.id,
      tags: { ...spec.tags },
    };
    this.region(account, region).internetGateways.push(gateway);
    return gateway;
  }

  /**
   * A public NAT gateway in the subnet: its Elastic IP (tagged like the gateway) and its
   * requester-managed interface come with it, as in AWS.
   */
  addNatGateway(
    account: EstateAccount,
    region: string,
    spec: { subnet: EstateSubnet; createdDaysAgo: number; tags: Tags },
  ): EstateNatGateway {
    const r = this.region(account, region);
    const id = this.ids.ec2("nat");
    const createdAt = this.daysAgo(spec.createdDaysAgo);
    const privateIp = this.#privateIp(spec.subnet);
    const publicIp = this.ids.publicIp();
    const eni = natGatewayInterface(this.ids, {
      natGatewayId: id,
      subnet: spec.subnet,
      privateIp,
      publicIp,
      attachedAt: createdAt,
    });
    r.networkInterfaces.push(eni);
    const address: EstateAddress = {
      allocationId: this.ids.ec2("eipalloc"),
      publicIp,
      associationId: this.ids.ec2("eipassoc"),
      networkInterfaceId: eni.id,
      privateIp,
      tags: { ...spec.tags },
    };
    r.addresses.push(address);
    const gateway: EstateNatGateway = {
      id,
      vpcId: spec.subnet.vpcId,
      subnetId: spec.subnet.id,
      state: "available",
      connectivityType: "public",
      allocationId: address.allocationId,
      networkInterfaceId: eni.id,
      privateIp,
      publicIp,
      createdAt,
      tags: { ...spec.tags },
    };
    r.natGateways.push(gateway);
    return gateway;
  }

  /**
   * A VPC `10.<secondOctet>.0.0/16` with a public and a private /20 subnet in each of the
   * first `azCount` zones, tagged through `tagsFor(name)`: an internet gateway and a public
   * route table for the public subnets, and (unless `natGateway` is false) a NAT gateway in
   * the first public subnet that the private route table sends outbound traffic to.
   */
  addStandardVpc(
    account: EstateAccount,
    region: string,
    spec: {
      id?: string;
      name: string;
      secondOctet: number;
      azCount: number;
      tagsFor: (name: string) => Tags;
      natGateway?: boolean;
      flowLogs?: boolean;
      createdDaysAgo?: number;
    },
  ): {
    vpc: EstateVpc;
    publicSubnets: EstateSubnet[];
    privateSubnets: EstateSubnet[];
  } & VpcDefaults {
    const zones = ["a", "b", "c"].slice(0, spec.azCount);
    const net = `10.${spec.secondOctet}`;
    const subnets: SubnetSpec[] = [
      ...zones.map((z, i) => ({
        availabilityZone: `${region}${z}`,
        cidr: `${net}.${i * 16}.0/20`,
        isPublic: true,
        tags: spec.tagsFor(`${spec.name}-public-${z}`),
      })),
      ...zones.map((z, i) => ({
        availabilityZone: `${region}${z}`,
        cidr: `${net}.${128 + i * 16}.0/20`,
        isPublic: false,
        tags: spec.tagsFor(`${spec.name}-private-${z}`),
      })),
    ];
    const built = this.addVpc(account, region, {
      ...(spec.id === undefined ? {} : { id: spec.id }),
      cidr: `${net}.0.0/16`,
      tags: spec.tagsFor(spec.name),
      subnets,
      ...(spec.flowLogs === undefined ? {} : { flowLogs: spec.flowLogs }),
      ...(spec.createdDaysAgo === undefined ? {} : { createdDaysAgo: spec.createdDaysAgo }),
    });
    const publicSubnets = built.subnets.slice(0, zones.length);
    const privateSubnets = built.subnets.slice(zones.length);
    const igw = this.addInternetGateway(account, region, {
      vpc: built.vpc,
      tags: spec.tagsFor(`${spec.name}-igw`),
    });
    this.addRouteTable(account, region, {
      vpc: built.vpc,
      subnets: publicSubnets,
      routes: [{ destinationCidr: "0.0.0.0/0", gatewayId: igw.id }],
      tags: spec.tagsFor(`${spec.name}-public-rt`),
    });
    const nat =
      spec.natGateway === false
        ? undefined
        : this.addNatGateway(account, region, {
            subnet: publicSubnets[0] as EstateSubnet,
            createdDaysAgo: spec.createdDaysAgo ?? 700,
            tags: spec.tagsFor(`${spec.name}-nat`),
          });
    this.addRouteTable(account, region, {
      vpc: built.vpc,
      subnets: privateSubnets,
      routes: nat === undefined ? [] : [{ destinationCidr: "0.0.0.0/0", natGatewayId: nat.id }],
      tags: spec.tagsFor(`${spec.name}-private-rt`),
    });
    return {
      vpc: built.vpc,
      publicSubnets,
      privateSubnets,
      mainRouteTable: built.mainRouteTable,
      defaultAcl: built.defaultAcl,
      defaultGroup: built.defaultGroup,
    };
  }

  addSecurityGroup(
    account: EstateAccount,
    region: string,
    spec: {
      id?: string;
      vpcId: string;
      name: string;
      description: string;
      ingress: EstateSecurityGroupRule[];
      tags: Tags;
    },
  ): EstateSecurityGroup {
    const group = newSecurityGroup({ ...spec, id: this.#id("sg", spec.id) });
    group.ingress = spec.ingress;
    this.region(account, region).securityGroups.push(group);
    return group;
  }

  addInstance(
    account: EstateAccount,
    region: string,
    spec: InstanceSpec,
  ): { instance: EstateInstance; volumes: EstateVolume[]; networkInterface: EstateNetworkInterface } {
    const r = this.region(account, region);
    const launchedAt = this.daysAgo(spec.launchedDaysAgo);
    const state = spec.state ?? "running";
    const publicIp = spec.hasPublicIp === true && state === "running" ? this.ids.publicIp() : undefined;
    const instance: EstateInstance = {
      id: this.#id("i", spec.id),
      reservationId: this.ids.ec2("r"),
      type: spec.type,
      state,
      ...(state === "stopped"
        ? {
            stateTransitionReason: this.#stoppedReason(
              Math.min(spec.launchedDaysAgo, spec.stoppedDaysAgo ?? 2),
            ),
          }
        : {}),
      launchedAt,
      imageId: this.#imageId(region, spec.platform),
      architecture: spec.architecture ?? (spec.type.includes("g.") ? "arm64" : "x86_64"),
      ...(spec.platform === undefined ? {} : { platform: spec.platform }),
      availabilityZone: spec.subnet.availabilityZone,
      vpcId: spec.subnet.vpcId,
      subnetId: spec.subnet.id,
      privateIp: this.#privateIp(spec.subnet),
      ...(publicIp === undefined ? {} : { publicIp }),
      securityGroupIds: [...spec.securityGroupIds],
      ...(spec.keyName === undefined ? {} : { keyName: spec.keyName }),
      tags: { ...spec.tags },
    };
    r.instances.push(instance);
    const networkInterface = this.#attachedInterface(r, instance, account.id);
    const volumeTags = spec.volumeTags ?? spec.tags;
    const volumes: EstateVolume[] = [];
    const root = this.#volume(account, region, {
      availabilityZone: instance.availabilityZone,
      sizeGiB: spec.rootGiB ?? (spec.platform === "windows" ? 50 : 8),
      type: "gp3",
      encrypted: true,
      createdDaysAgo: spec.launchedDaysAgo,
      tags: volumeTags,
    });
    root.attachments.push({
      instanceId: instance.id,
      device: "/dev/xvda",
      attachedAt: launchedAt,
      deleteOnTermination: true,
    });
    volumes.push(root);
    (spec.dataVolumes ?? []).forEach((d, i) => {
      const volume = this.#volume(account, region, {
        ...(d.id === undefined ? {} : { id: d.id }),
        availabilityZone: instance.availabilityZone,
        sizeGiB: d.sizeGiB,
        type: d.type ?? "gp3",
        encrypted: d.encrypted ?? true,
        createdDaysAgo: spec.launchedDaysAgo,
        tags: volumeTags,
      });
      const device = `/dev/sd${String.fromCharCode(102 + i)}`;
      volume.attachments.push({
        instanceId: instance.id,
        device,
        attachedAt: launchedAt,
        deleteOnTermination: false,
      });
      volumes.push(volume);
    });
    return { instance, volumes, networkInterface };
  }

  /** EC2's StateTransitionReason for a stop: `User initiated (2026-10-30 00:00:00 GMT)`. */
  #stoppedReason(daysAgo: number): string {
    return `User initiated (${this.daysAgo(daysAgo).slice(0, 19).replace("T", " ")} GMT)`;
  }

  #imageId(region: string, platform: "windows" | undefined): string {
    // One stable AMI per region and platform, like a golden image.
    const seed = `${region}:${platform ?? "linux"}`;
    let h = 0;
    for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return `ami-0${h.toString(16).padStart(8, "0")}4c2e9b1d`;
  }

  #attachedInterface(r: EstateRegion, instance: EstateInstance, accountId: string): EstateNetworkInterface {
    const eni: EstateNetworkInterface = {
      id: this.ids.ec2("eni"),
      subnetId: instance.subnetId,
      vpcId: instance.vpcId,
      availabilityZone: instance.availabilityZone,
      privateIp: instance.privateIp,
      ...(instance.publicIp === undefined ? {} : { publicIp: instance.publicIp }),
      macAddress: this.ids.macAddress(),
      description: "",
      interfaceType: "interface",
      requesterManaged: false,
      securityGroupIds: [...instance.securityGroupIds],
      attachment: {
        attachmentId: this.ids.ec2("eni-attach"),
        instanceId: instance.id,
        instanceOwnerId: accountId,
        deviceIndex: 0,
        attachedAt: instance.launchedAt,
        deleteOnTermination: true,
      },
      tags: {},
    };
    r.networkInterfaces.push(eni);
    return eni;
  }

  #volume(account: EstateAccount, region: string, spec: VolumeSpec): EstateVolume {
    const r = this.region(account, region);
    const type = spec.type ?? "gp3";
    const encrypted = spec.encrypted ?? true;
    const volume: EstateVolume = {
      id: this.#id("vol", spec.id),
      sizeGiB: spec.sizeGiB,
      type,
      availabilityZone: spec.availabilityZone,
      encrypted,
      ...(encrypted
        ? { kmsKeyId: this.keyArn(account, region, this.awsManagedKey(account, region, "ebs")) }
        : {}),
      createdAt: this.daysAgo(spec.createdDaysAgo),
      ...(type === "gp3" ? { iops: 3000, throughput: 125 } : {}),
      ...(type === "gp2" ? { iops: Math.max(100, spec.sizeGiB * 3) } : {}),
      attachments: [],
      tags: { ...spec.tags },
    };
    r.volumes.push(volume);
    return volume;
  }

  /** A volume with no attachment. */
  addVolume(account: EstateAccount, region: string, spec: VolumeSpec): EstateVolume {
    return this.#volume(account, region, spec);
  }

  addSnapshot(
    account: EstateAccount,
    region: string,
    spec: {
      id?: string;
      volume: EstateVolume;
      startedDaysAgo: number;
      description: string;
      tags?: Tags;
      isPublic?: boolean;
    },
  ): EstateSnapshot {
    const snapshot: EstateSnapshot = {
      id: this.#id("snap", spec.id),
      volumeId: spec.volume.id,
      volumeSizeGiB: spec.volume.sizeGiB,
      startedAt: this.daysAgo(spec.startedDaysAgo),
      state: "completed",
      encrypted: spec.volume.encrypted,
      description: spec.description,
      ...(spec.isPublic === true ? { isPublic: true } : {}),
      tags: { ...(spec.tags ?? spec.volume.tags) },
    };
    this.region(account, region).snapshots.push(snapshot);
    return snapshot;
  }

  /** An Elastic IP, associated with the instance's primary interface when one is given. */
  addAddress(
    account: EstateAccount,
    region: string,
    spec: { id?: string; instance?: EstateInstance; tags: Tags },
  ): EstateAddress {
    const r = this.region(account, region);
    const address: EstateAddress = {
      allocationId: spec.id === undefined ? this.ids.ec2("eipalloc") : this.ids.reserve(spec.id),
      publicIp: this.ids.publicIp(),
      tags: { ...spec.tags },
    };
    const instance = spec.instance;
    if (instance !== undefined) {
      const eni = r.networkInterfaces.find((n) => n.attachment?.instanceId === instance.id);
      if (eni === undefined) throw new Error(`instance ${instance.id} has no network interface`);
      address.associationId = this.ids.ec2("eipassoc");
      address.instanceId = instance.id;
      address.networkInterfaceId = eni.id;
      address.privateIp = eni.privateIp;
      instance.publicIp = address.publicIp;
      eni.publicIp = address.publicIp;
    }
    r.addresses.push(address);
    return address;
  }

  /** A network interface with no attachment (an orphan, unless something attaches it later). */
  addDetachedInterface(
    account: EstateAccount,
    region: string,
    spec: NetworkInterfaceSpec,
  ): EstateNetworkInterface {
    const eni: EstateNetworkInterface = {
      id: this.#id("eni", spec.id),
      subnetId: spec.subnet.id,
      vpcId: spec.subnet.vpcId,
      availabilityZone: spec.subnet.availabilityZone,
      privateIp: this.#privateIp(spec.subnet),
      macAddress: this.ids.macAddress(),
      description: spec.description,
      interfaceType: "interface",
      requesterManaged: false,
      securityGroupIds: [...spec.securityGroupIds],
      tags: { ...spec.tags },
    };
    this.region(account, region).networkInterfaces.push(eni);
    return eni;
  }

  #managedInterface(
    r: EstateRegion,
    subnet: EstateSubnet,
    spec: {
      owner: "amazon-rds" | "amazon-elb";
      description: string;
      groups: string[];
      type: EstateNetworkInterface["interfaceType"];
      at: IsoTimestamp;
      publicIp?: boolean;
    },
  ): void {
    r.networkInterfaces.push({
      id: this.ids.ec2("eni"),
      subnetId: subnet.id,
      vpcId: subnet.vpcId,
      availabilityZone: subnet.availabilityZone,
      privateIp: this.#privateIp(subnet),
      ...(spec.publicIp === true ? { publicIp: this.ids.publicIp() } : {}),
      macAddress: this.ids.macAddress(),
      description: spec.description,
      interfaceType: spec.type,
      requesterManaged: true,
      requesterId: spec.owner === "amazon-rds" ? "amazon-rds" : "amazon-elb",
      securityGroupIds: [...spec.groups],
      attachment: {
        attachmentId: this.ids.ec2("eni-attach"),
        instanceOwnerId: spec.owner,
        deviceIndex: 1,
        attachedAt: spec.at,
        deleteOnTermination: false,
      },
      tags: {},
    });
  }

  addDbInstance(account: EstateAccount, region: string, spec: DbInstanceSpec): EstateDbInstance {
    const r = this.region(account, region);
    const first = spec.subnets[0];
    if (first === undefined) throw new Error(`DB instance ${spec.id} needs subnets`);
    const postgres = spec.engine.includes("postgres");
    const db: EstateDbInstance = {
      id: spec.id,
      resourceId: this.ids.dbResourceId(),
      engine: spec.engine,
      engineVersion: spec.engineVersion,
      instanceClass: spec.instanceClass,
      status: spec.status ?? "available",
      allocatedStorageGiB: spec.allocatedStorageGiB,
      storageType: spec.clusterId === undefined ? "gp3" : "aurora",
      storageEncrypted: spec.storageEncrypted,
      ...(spec.storageEncrypted
        ? { kmsKeyId: this.keyArn(account, region, this.awsManagedKey(account, region, "rds")) }
        : {}),
      publiclyAccessible: spec.publiclyAccessible,
      multiAz: spec.multiAz ?? spec.clusterId === undefined,
      availabilityZone: first.availabilityZone,
      vpcId: first.vpcId,
      subnetGroupName: `${spec.id}-subnets`,
      subnetIds: spec.subnets.map((s) => s.id),
      securityGroupIds: [...spec.securityGroupIds],
      masterUsername: postgres ? "postgres" : "admin",
      port: postgres ? 5432 : 3306,
      createdAt: this.daysAgo(spec.createdDaysAgo),
      backupRetentionDays: spec.backupRetentionDays ?? 7,
      deletionProtection: account.environment === "production",
      ...(spec.clusterId === undefined ? {} : { clusterId: spec.clusterId }),
      tags: { ...spec.tags },
    };
    r.dbInstances.push(db);
    this.#managedInterface(r, first, {
      owner: "amazon-rds",
      description: "RDSNetworkInterface",
      groups: [...spec.securityGroupIds],
      type: "interface",
      at: db.createdAt,
      publicIp: spec.publiclyAccessible,
    });
    // Last night's automated snapshot (Aurora members are backed up by their cluster).
    if (db.backupRetentionDays > 0 && db.clusterId === undefined && spec.createdDaysAgo >= 1) {
      const at = new Date(Math.floor((this.#now - DAY_MS) / DAY_MS) * DAY_MS + 3 * 3_600_000 + 600_000);
      const stamp = at.toISOString().slice(0, 16).replace("T", "-").replace(":", "-");
      this.addDbSnapshot(account, region, {
        db,
        identifier: `rds:${db.id}-${stamp}`,
        snapshotType: "automated",
        createdAt: at.toISOString(),
      });
    }
    return db;
  }

  /** A snapshot of the DB instance, encrypted like it, tagged like it (CopyTagsToSnapshot). */
  addDbSnapshot(
    account: EstateAccount,
    region: string,
    spec: {
      db: EstateDbInstance;
      identifier: string;
      snapshotType: EstateDbSnapshot["snapshotType"];
      createdAt?: IsoTimestamp;
      createdDaysAgo?: number;
      isPublic?: boolean;
      tags?: Tags;
    },
  ): EstateDbSnapshot {
    const { db } = spec;
    const snapshot: EstateDbSnapshot = {
      identifier: spec.identifier,
      dbInstanceId: db.id,
      snapshotType: spec.snapshotType,
      createdAt: spec.createdAt ?? this.daysAgo(spec.createdDaysAgo ?? 1),
      engine: db.engine,
      engineVersion: db.engineVersion,
      allocatedStorageGiB: db.allocatedStorageGiB,
      encrypted: db.storageEncrypted,
      ...(db.kmsKeyId === undefined ? {} : { kmsKeyId: db.kmsKeyId }),
      status: "available",
      ...(spec.isPublic === true ? { isPublic: true } : {}),
      tags: { ...(spec.tags ?? db.tags) },
    };
    this.region(account, region).dbSnapshots.push(snapshot);
    return snapshot;
  }

  addFunction(account: EstateAccount, region: string, spec: FunctionSpec): EstateFunction {
    const fn: EstateFunction = {
      name: spec.name,
      runtime: spec.runtime,
      handler: spec.runtime.startsWith("python") ? "app.handler" : "index.handler",
      memoryMb: spec.memoryMb,
      timeoutSeconds: spec.timeoutSeconds ?? 30,
      codeSizeBytes: this.rng.int(20_000, 9_000_000),
      roleArn: `arn:aws:iam::${account.id}:role/${spec.roleName}`,
      description: spec.description,
      lastModifiedAt: this.daysAgo(spec.modifiedDaysAgo),
      architecture: this.rng.chance(0.4) ? "arm64" : "x86_64",
      tags: { ...spec.tags },
    };
    this.region(account, region).functions.push(fn);
    return fn;
  }

  addLoadBalancer(
    account: EstateAccount,
    region: string,
    spec: LoadBalancerSpec,
  ): { loadBalancer: EstateLoadBalancer; targetGroup: EstateTargetGroup } {
    const r = this.region(account, region);
    const type = spec.type ?? "application";
    const first = spec.subnets[0];
    if (first === undefined) throw new Error(`load balancer ${spec.name} needs subnets`);
    const lbHex = spec.idHex === undefined ? this.ids.hex(16) : this.ids.reserve(spec.idHex);
    const lbPath = `${type === "application" ? "app" : "net"}/${spec.name}/${lbHex}`;
    const createdAt = this.daysAgo(spec.createdDaysAgo);
    const tgName = `${spec.name}-tg`.slice(0, 32);
    const targetGroup: EstateTargetGroup = {
      arn: `arn:aws:elasticloadbalancing:${region}:${account.id}:targetgroup/${tgName}/${this.ids.hex(16)}`,
      name: tgName,
      protocol: type === "application" ? "HTTP" : "TCP",
      port: spec.targetPort,
      vpcId: first.vpcId,
      targetType: "instance",
      ...(type === "application" ? { healthCheckPath: "/healthz" } : {}),
      loadBalancerArns: [],
      targets: spec.targets.map((t) => ({ id: t.id, port: spec.targetPort, health: spec.targetHealth })),
      tags: { ...spec.tags },
    };
    const dnsPrefix = spec.scheme === "internal" ? "internal-" : "";
    const loadBalancer: EstateLoadBalancer = {
      arn: `arn:aws:elasticloadbalancing:${region}:${account.id}:loadbalancer/${lbPath}`,
      name: spec.name,
      type,
      scheme: spec.scheme,
      vpcId: first.vpcId,
      subnetIds: spec.subnets.map((s) => s.id),
      securityGroupIds: [...spec.securityGroupIds],
      state: "active",
      dnsName: `${dnsPrefix}${spec.name}-${this.rng.int(100_000_000, 2_099_999_999)}.${region}.elb.amazonaws.com`,
      createdAt,
      listeners: [
        type === "application"
          ? { port: 443, protocol: "HTTPS", defaultTargetGroupArn: targetGroup.arn }
          : { port: spec.targetPort, protocol: "TCP", defaultTargetGroupArn: targetGroup.arn },
      ],
      requestCountLast7Days: spec.requestCountLast7Days,
      tags: { ...spec.tags },
    };
    targetGroup.loadBalancerArns.push(loadBalancer.arn);
    r.loadBalancers.push(loadBalancer);
    r.targetGroups.push(targetGroup);
    for (const subnet of spec.subnets) {
      this.#managedInterface(r, subnet, {
        owner: "amazon-elb",
        description: `ELB ${lbPath}`,
        groups: [...spec.securityGroupIds],
        type: type === "application" ? "interface" : "network_load_balancer",
        at: createdAt,
        publicIp: spec.scheme === "internet-facing",
      });
    }
    return { loadBalancer, targetGroup };
  }

  addTrail(
    account: EstateAccount,
    region: string,
    spec: {
      name: string;
      bucketName: string;
      isLogging: boolean;
      isOrganizationTrail?: boolean;
      /** Default true. */
      isMultiRegion?: boolean;
      /** Default true. */
      logFileValidation?: boolean;
      kmsKeyId?: string;
      tags: Tags;
    },
  ): EstateTrail {
    const trail: EstateTrail = {
      name: spec.name,
      arn: `arn:aws:cloudtrail:${region}:${account.id}:trail/${spec.name}`,
      s3BucketName: spec.bucketName,
      isMultiRegion: spec.isMultiRegion ?? true,
      isOrganizationTrail: spec.isOrganizationTrail ?? false,
      isLogging: spec.isLogging,
      logFileValidation: spec.logFileValidation ?? true,
      ...(spec.kmsKeyId === undefined ? {} : { kmsKeyId: spec.kmsKeyId }),
      latestDeliveryAt: this.daysAgo(spec.isLogging ? 0.01 : 12),
      tags: { ...spec.tags },
    };
    this.region(account, region).trails.push(trail);
    return trail;
  }

  addEvent(account: EstateAccount, region: string, spec: TrailEventSpec): EstateTrailEvent {
    const event: EstateTrailEvent = {
      eventId: spec.eventId ?? this.ids.uuid(),
      eventTime: this.daysAgo(spec.daysAgo),
      eventName: spec.eventName,
      eventSource: spec.eventSource,
      username: spec.username,
      principalArn: spec.principalArn,
      sourceIp: spec.sourceIp ?? `203.0.113.${this.rng.int(10, 200)}`,
      userAgent: spec.userAgent ?? "aws-cli/2.17.20 Python/3.11.9 Linux/6.5.0",
      readOnly: spec.readOnly ?? false,
      resources: spec.resources ?? [],
      ...(spec.requestParameters === undefined ? {} : { requestParameters: spec.requestParameters }),
      ...(spec.errorCode === undefined ? {} : { errorCode: spec.errorCode }),
      ...(spec.errorMessage === undefined ? {} : { errorMessage: spec.errorMessage }),
      ...(spec.identityType === undefined ? {} : { identityType: spec.identityType }),
      ...(spec.accessKeyId === undefined ? {} : { accessKeyId: spec.accessKeyId }),
      ...(spec.responseElements === undefined ? {} : { responseElements: spec.responseElements }),
      ...(spec.additionalEventData === undefined ? {} : { additionalEventData: spec.additionalEventData }),
    };
    this.region(account, region).events.push(event);
    return event;
  }

  /**
   * A bucket. Clean by default: a policy with the TLS-only statement, all four public access
   * block settings on, a private ACL, versioning enabled, default encryption.
   */
  addBucket(account: EstateAccount, spec: BucketSpec): EstateBucket {
    const isPublic = spec.isPublic ?? false;
    const statements: Record<string, unknown>[] = [];
    if (isPublic) {
      statements.push({
        Sid: "PublicRead",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: `arn:aws:s3:::${spec.name}/*`,
      });
    }
    if (spec.tlsOnly ?? true) statements.push(tlsOnlyStatement(spec.name));
    const block =
      spec.publicAccessBlock === undefined
        ? isPublic
          ? undefined
          : { ...FULL_PUBLIC_ACCESS_BLOCK }
        : spec.publicAccessBlock === "none"
          ? undefined
          : { ...spec.publicAccessBlock };
    const versioning = spec.versioning ?? true;
    const bucket: EstateBucket = {
      name: spec.name,
      region: spec.region,
      createdAt: this.daysAgo(spec.createdDaysAgo),
      tags: { ...spec.tags },
      ...(block === undefined ? {} : { publicAccessBlock: block }),
      ...(statements.length === 0
        ? {}
        : {
            policy: {
              document: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
              isPublic,
            },
          }),
      aclIsPublic: spec.aclIsPublic ?? false,
      encryption:
        spec.kms === true
          ? {
              algorithm: "aws:kms",
              kmsKeyId: this.keyArn(account, spec.region, this.awsManagedKey(account, spec.region, "s3")),
              bucketKeyEnabled: true,
            }
          : { algorithm: "AES256", bucketKeyEnabled: false },
      ...(versioning === false
        ? {}
        : { versioning: versioning === "Suspended" ? ("Suspended" as const) : ("Enabled" as const) }),
      ...this.#bucketContents(spec),
    };
    account.buckets.push(bucket);
    return bucket;
  }

  #bucketContents(spec: BucketSpec): { sizeBytes: number; objectCount: number } {
    if (spec.sizeBytes !== undefined && spec.objectCount !== undefined) {
      return { sizeBytes: spec.sizeBytes, objectCount: spec.objectCount };
    }
    // Between a few hundred objects and a few million, averaging ~40 KiB to ~8 MiB each.
    const objectCount = spec.objectCount ?? Math.round(10 ** (2.5 + this.rng.next() * 4));
    const averageBytes = Math.round(10 ** (4.6 + this.rng.next() * 2.3));
    return { sizeBytes: spec.sizeBytes ?? objectCount * averageBytes, objectCount };
  }

  addUser(account: EstateAccount, spec: UserSpec): EstateIamUser {
    const user: EstateIamUser = {
      userName: spec.userName,
      userId: this.ids.iam("AIDA"),
      path: "/",
      createdAt: this.daysAgo(spec.createdDaysAgo),
      hasConsolePassword: spec.hasConsolePassword,
      ...(spec.passwordLastUsedDaysAgo === undefined
        ? {}
        : { passwordLastUsedAt: this.daysAgo(spec.passwordLastUsedDaysAgo) }),
      mfaDevices: spec.hasMfa
        ? [
            {
              serialNumber: `arn:aws:iam::${account.id}:mfa/${spec.userName}`,
              enabledAt: this.daysAgo(Math.max(0, spec.createdDaysAgo - 1)),
            },
          ]
        : [],
      accessKeys: spec.accessKeys.map((k) => ({
        accessKeyId: k.id === undefined ? this.ids.iam("AKIA") : this.ids.reserve(k.id),
        status: k.status ?? "Active",
        createdAt: this.daysAgo(k.createdDaysAgo),
        ...(k.lastUsedDaysAgo === undefined
          ? {}
          : {
              lastUsedAt: this.daysAgo(k.lastUsedDaysAgo),
              lastUsedService: this.rng.pick(["s3", "ec2", "sts", "lambda"]),
              lastUsedRegion: "us-east-1",
            }),
      })),
      groups: spec.groups ?? [],
      attachedPolicyArns: spec.attachedPolicyArns ?? [],
      ...(spec.inlinePolicies === undefined ? {} : { inlinePolicies: spec.inlinePolicies }),
      tags: { ...spec.tags },
    };
    account.iam.users.push(user);
    return user;
  }

  addRole(
    account: EstateAccount,
    spec: {
      roleName: string;
      description: string;
      trustedPrincipals: string[];
      attachedPolicyArns: string[];
      createdDaysAgo: number;
      lastUsedDaysAgo?: number;
      path?: string;
      trustCondition?: EstateIamRole["trustCondition"];
      inlinePolicies?: EstateInlinePolicy[];
      tags?: Tags;
    },
  ): EstateIamRole {
    const role: EstateIamRole = {
      roleName: spec.roleName,
      roleId: this.ids.iam("AROA"),
      path: spec.path ?? "/",
      description: spec.description,
      createdAt: this.daysAgo(spec.createdDaysAgo),
      trustedPrincipals: spec.trustedPrincipals,
      ...(spec.trustCondition === undefined ? {} : { trustCondition: spec.trustCondition }),
      attachedPolicyArns: spec.attachedPolicyArns,
      ...(spec.inlinePolicies === undefined ? {} : { inlinePolicies: spec.inlinePolicies }),
      ...(spec.lastUsedDaysAgo === undefined ? {} : { lastUsedAt: this.daysAgo(spec.lastUsedDaysAgo) }),
      tags: { ...spec.tags },
    };
    account.iam.roles.push(role);
    return role;
  }

  /** An IAM group (add its name to users' `groups` to make them members). */
  addGroup(
    account: EstateAccount,
    spec: {
      groupName: string;
      createdDaysAgo: number;
      attachedPolicyArns?: string[];
      inlinePolicies?: EstateInlinePolicy[];
      path?: string;
    },
  ): EstateIamGroup {
    const group: EstateIamGroup = {
      groupName: spec.groupName,
      groupId: this.ids.iam("AGPA"),
      path: spec.path ?? "/",
      createdAt: this.daysAgo(spec.createdDaysAgo),
      attachedPolicyArns: spec.attachedPolicyArns ?? [],
      inlinePolicies: spec.inlinePolicies ?? [],
    };
    account.iam.groups.push(group);
    return group;
  }

  /** `arn:aws:kms:<region>:<account>:key/<id>` */
  keyArn(account: EstateAccount, region: string, key: EstateKmsKey): string {
    return `arn:aws:kms:${region}:${account.id}:key/${key.id}`;
  }

  /**
   * The AWS managed key of a service in a region (`alias/aws/ebs`…), created the first time a
   * resource there is encrypted with it, as AWS does.
   */
  awsManagedKey(
    account: EstateAccount,
    region: string,
    service: keyof typeof AWS_MANAGED_KEY_DESCRIPTIONS,
  ): EstateKmsKey {
    const r = this.region(account, region);
    const alias = `alias/aws/${service}`;
    const existing = r.kmsKeys.find((k) => k.aliases.includes(alias));
    if (existing !== undefined) return existing;
    const key: EstateKmsKey = {
      id: this.ids.uuid(),
      description: AWS_MANAGED_KEY_DESCRIPTIONS[service],
      keyManager: "AWS",
      state: "Enabled",
      createdAt: account.joinedAt,
      rotationEnabled: true,
      aliases: [alias],
      tags: {},
    };
    r.kmsKeys.push(key);
    return key;
  }

  /** A customer managed symmetric key with one alias. */
  addKmsKey(account: EstateAccount, region: string, spec: KmsKeySpec): EstateKmsKey {
    const state = spec.state ?? "Enabled";
    const key: EstateKmsKey = {
      id: this.ids.uuid(),
      description: spec.description,
      keyManager: "CUSTOMER",
      state,
      createdAt: this.daysAgo(spec.createdDaysAgo),
      ...(state === "PendingDeletion" ? { deletionAt: this.daysAgo(-7) } : {}),
      rotationEnabled: spec.rotationEnabled ?? true,
      aliases: [spec.alias],
      tags: { ...spec.tags },
    };
    this.region(account, region).kmsKeys.push(key);
    return key;
  }

  /** An AMI the account owns, with the snapshot that backs its root device. */
  addImage(account: EstateAccount, region: string, spec: ImageSpec): EstateImage {
    const r = this.region(account, region);
    const id = this.ids.ec2("ami");
    const createdAt = this.daysAgo(spec.createdDaysAgo);
    const snapshot: EstateSnapshot = {
      id: this.ids.ec2("snap"),
      volumeId: "vol-ffffffff",
      volumeSizeGiB: spec.rootGiB,
      startedAt: createdAt,
      state: "completed",
      encrypted: true,
      description: `Created by CreateImage(${this.ids.ec2("i")}) for ${id}`,
      tags: { ...spec.tags },
    };
    r.snapshots.push(snapshot);
    const image: EstateImage = {
      id,
      name: spec.name,
      description: spec.description,
      createdAt,
      state: "available",
      architecture: spec.architecture ?? "x86_64",
      ...(spec.platform === undefined ? {} : { platform: spec.platform }),
      blockDevices: [
        {
          device: spec.platform === "windows" ? "/dev/sda1" : "/dev/xvda",
          snapshotId: snapshot.id,
          sizeGiB: spec.rootGiB,
          volumeType: "gp3",
        },
      ],
      isPublic: false,
      tags: { ...spec.tags },
    };
    r.images.push(image);
    return image;
  }

  /** An encrypted Aurora cluster and its member DB instances (writer first), spread over the subnets. */
  addDbCluster(
    account: EstateAccount,
    region: string,
    spec: DbClusterSpec,
  ): { cluster: EstateDbCluster; members: EstateDbInstance[] } {
    const r = this.region(account, region);
    const first = spec.subnets[0];
    if (first === undefined) throw new Error(`DB cluster ${spec.id} needs subnets`);
    const postgres = spec.engine === "aurora-postgresql";
    const cluster: EstateDbCluster = {
      id: spec.id,
      resourceId: this.ids.dbClusterResourceId(),
      engine: spec.engine,
      engineVersion: spec.engineVersion,
      status: "available",
      storageEncrypted: true,
      kmsKeyId: this.keyArn(account, region, this.awsManagedKey(account, region, "rds")),
      memberIds: [],
      availabilityZones: [...new Set(spec.subnets.map((s) => s.availabilityZone))],
      vpcId: first.vpcId,
      subnetGroupName: `${spec.id}-subnets`,
      securityGroupIds: [...spec.securityGroupIds],
      masterUsername: postgres ? "postgres" : "admin",
      port: postgres ? 5432 : 3306,
      createdAt: this.daysAgo(spec.createdDaysAgo),
      backupRetentionDays: 7,
      deletionProtection: account.environment === "production",
      tags: { ...spec.tags },
    };
    r.dbClusters.push(cluster);
    const members: EstateDbInstance[] = [];
    for (let i = 0; i < spec.instanceCount; i++) {
      const id = `${spec.id}-${i + 1}`;
      const subnets = [
        ...spec.subnets.slice(i % spec.subnets.length),
        ...spec.subnets.slice(0, i % spec.subnets.length),
      ];
      const member = this.addDbInstance(account, region, {
        id,
        engine: spec.engine,
        engineVersion: spec.engineVersion,
        instanceClass: spec.instanceClass,
        allocatedStorageGiB: 1,
        storageEncrypted: true,
        publiclyAccessible: false,
        subnets,
        securityGroupIds: spec.securityGroupIds,
        createdDaysAgo: spec.createdDaysAgo,
        clusterId: spec.id,
        tags: { ...spec.tags, Name: id },
      });
      member.subnetGroupName = cluster.subnetGroupName;
      cluster.memberIds.push(id);
      members.push(member);
    }
    return { cluster, members };
  }

  /** A classic load balancer with the instances registered, and its managed interfaces. */
  addClassicLoadBalancer(
    account: EstateAccount,
    region: string,
    spec: ClassicLoadBalancerSpec,
  ): EstateClassicLoadBalancer {
    const r = this.region(account, region);
    const first = spec.subnets[0];
    if (first === undefined) throw new Error(`load balancer ${spec.name} needs subnets`);
    const createdAt = this.daysAgo(spec.createdDaysAgo);
    const prefix = spec.scheme === "internal" ? "internal-" : "";
    const lb: EstateClassicLoadBalancer = {
      name: spec.name,
      scheme: spec.scheme,
      vpcId: first.vpcId,
      subnetIds: spec.subnets.map((s) => s.id),
      availabilityZones: spec.subnets.map((s) => s.availabilityZone),
      securityGroupIds: [...spec.securityGroupIds],
      dnsName: `${prefix}${spec.name}-${this.rng.int(100_000_000, 2_099_999_999)}.${region}.elb.amazonaws.com`,
      createdAt,
      listeners: [{ protocol: "HTTP", port: 80, instanceProtocol: "HTTP", instancePort: spec.instancePort }],
      healthCheckTarget: `HTTP:${spec.instancePort}/health`,
      instances: spec.instances.map((i) => ({ instanceId: i.id, state: "InService" as const })),
      requestCountLast7Days: spec.requestCountLast7Days,
      tags: { ...spec.tags },
    };
    r.classicLoadBalancers.push(lb);
    for (const subnet of spec.subnets) {
      this.#managedInterface(r, subnet, {
        owner: "amazon-elb",
        description: `ELB ${spec.name}`,
        groups: [...spec.securityGroupIds],
        type: "interface",
        at: createdAt,
        publicIp: spec.scheme === "internet-facing",
      });
    }
    return lb;
  }

  /** A customer managed policy (attach it by adding its ARN to a user's or role's attachedPolicyArns). */
  addPolicy(account: EstateAccount, spec: PolicySpec): EstateIamPolicy {
    const updatedDaysAgo = spec.updatedDaysAgo ?? spec.createdDaysAgo;
    const policy: EstateIamPolicy = {
      policyName: spec.policyName,
      policyId: this.ids.iam("ANPA"),
      path: spec.path ?? "/",
      description: spec.description,
      createdAt: this.daysAgo(spec.createdDaysAgo),
      updatedAt: this.daysAgo(updatedDaysAgo),
      defaultVersion: updatedDaysAgo < spec.createdDaysAgo ? 2 : 1,
      document: JSON.stringify({ Version: "2012-10-17", Statement: spec.statements }),
      tags: { ...spec.tags },
    };
    account.iam.policies.push(policy);
    return policy;
  }
}
