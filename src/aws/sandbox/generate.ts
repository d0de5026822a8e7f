/**
 * A deterministic estate generator for accuracy tests and benchmarks: any number of
 * accounts × regions × resources, with problems planted at known rates and the exact list of
 * findings they should produce. Same options (seed included) → byte-identical JSON.
 */
import { estimateMonthlyCosts } from "./costs.js";
import {
  EstateBuilder,
  FULL_PUBLIC_ACCESS_BLOCK,
  STRONG_PASSWORD_POLICY,
  type AccountSpec,
} from "./estate-builder.js";
import {
  policyArn,
  type EstatePasswordPolicy,
  type EstatePublicAccessBlock,
  type Estate,
  type EstateAccount,
  type EstateEnvironment,
  type EstateIamUser,
  type EstateInstance,
  type EstateSecurityGroup,
  type EstateSubnet,
  type EstateVolume,
  type EstateVpc,
  type Tags,
} from "./estate.js";
import { completeStandardTags, type TagCategory } from "./tagging.js";
import {
  addTrailHistory,
  plantUnusualActivity,
  type PlantedActivity,
  type TrailActor,
} from "./trail-history.js";
import { PLANTED_PROBLEM_KINDS, type PlantedProblem, type PlantedProblemKind } from "./planted.js";

export interface GenerateEstateOptions {
  /** Number of accounts; the first is the organization's management account. */
  accounts: number;
  regions: readonly string[];
  /**
   * Roughly how many regional inventory-visible resources (listEstateResources: instances,
   * volumes, snapshots, network, databases, functions, load balancers, keys, the region's
   * buckets…) each account holds in each region; each account adds a few dozen global IAM
   * resources. Give this or totalResources.
   */
  resourcesPerRegion?: number;
  /**
   * Roughly how many inventory-visible resources in all (IAM included), spread evenly over
   * accounts × regions.
   */
  totalResources?: number;
  seed: number;
  /** The estate's capturedAt; every age is relative to it. */
  now: Date;
  company?: string;
  /** Probability per candidate resource of each planted problem (see DEFAULT_PROBLEM_RATES). */
  problemRates?: Partial<Record<PlantedProblemKind, number>>;
  /** Days of routine CloudTrail history in every account and region (default 14; 0: none). */
  trailHistoryDays?: number;
  /** How busy that history is: a multiplier of its events per hour (default 1). */
  trailActivity?: number;
}

export interface GenerateEstateResult {
  estate: Estate;
  /** Every planted problem: what an accurate audit of the whole estate finds, no more, no less. */
  expectedFindings: PlantedProblem[];
  /**
   * The unusual activity planted in the CloudTrail history (in the first member account, or
   * the only account): what `changes --since 24h` reports with automationPrincipals ["ci"].
   */
  plantedActivity: PlantedActivity[];
}

/**
 * Default probability of each problem per candidate:
 * s3-public-bucket per bucket; the three sg-open/wide kinds per workload security group;
 * sg-unused, ebs-unattached-volume, eip-unassociated and eni-orphaned per instance (each adds
 * one stray resource); untagged/partially-tagged and tag-invalid-value (Environment
 * capitalised or abbreviated, or CostCenter without its hyphen) per instance, bucket, function
 * and DB instance (one draw: the three are exclusive); iam-user-no-mfa per console user; iam-access-key-old/-unused per access key;
 * rds-* per DB instance; elb-idle per load balancer; ebs-snapshot-old per snapshot;
 * cloudtrail-logging-stopped per account; s3-public-acl (public-read ACL, ACL settings of the
 * bucket's block off), s3-bucket-public-access-block-off (one setting off), s3-versioning-off
 * (never enabled or Suspended) and s3-no-tls-policy (no policy, or a public one without the
 * TLS statement) per bucket; s3-account-public-access-block-off (none, or one setting off),
 * iam-root-mfa-off, iam-root-access-keys, iam-password-policy-weak (none, or a weak one),
 * iam-role-trust-open (the vendor role trusts its account without the external id condition)
 * and iam-admin-access (one principal: a user with AdministratorAccess directly or through a
 * group, or a role with an inline `*` policy) per account. Public buckets (s3-public-bucket)
 * and public-ACL buckets are also s3-bucket-public-access-block-off. By design every member
 * account's OrganizationAccountAccessRole has AdministratorAccess (as AWS Organizations
 * creates it): it is always an iam-admin-access finding, whatever the rate.
 *
 * The regional audit kinds: ebs-encryption-by-default-off and vpc-single-az (an extra
 * one-subnet VPC) per account and region; ebs-volume-unencrypted and ebs-gp2-volume per data
 * volume and stray volume (an unencrypted volume's snapshots are ebs-snapshot-unencrypted
 * too); ebs-snapshot-unencrypted (a copy of an unencrypted backup) and ebs-snapshot-public (a
 * public copy, unencrypted as AWS requires, so also ebs-snapshot-unencrypted) per data-volume
 * snapshot; rds-snapshot-public per unencrypted DB instance (AWS cannot make an encrypted
 * snapshot public); vpc-flow-logs-off and sg-default-allows-traffic per standard VPC;
 * sg-open-ingress-web-lb per VPC load balancer (the others are internal, reachable from the
 * VPC only); sg-redundant-rule per workload security group; ec2-instance-stopped-long per
 * stopped instance; ec2-previous-generation per instance; rds-single-az and rds-backups-off
 * per DB instance (not cluster members); cloudtrail-no-multi-region (a single-region trail),
 * cloudtrail-log-validation-off and cloudtrail-not-kms-encrypted per account. An account whose
 * only trail is stopped has no logging multi-region trail either: cloudtrail-logging-stopped
 * plants cloudtrail-no-multi-region with it (generated estates have no organization trail).
 */
export const DEFAULT_PROBLEM_RATES: Readonly<Record<PlantedProblemKind, number>> = {
  "s3-public-bucket": 0.05,
  "sg-open-ssh-ipv4": 0.05,
  "sg-open-rdp-ipv6": 0.03,
  "sg-wide-port-range": 0.03,
  "sg-unused": 0.03,
  "ebs-unattached-volume": 0.05,
  "eip-unassociated": 0.02,
  "untagged-resource": 0.04,
  "partially-tagged-resource": 0.04,
  "tag-invalid-value": 0.03,
  "iam-user-no-mfa": 0.2,
  "iam-access-key-old": 0.15,
  "iam-access-key-unused": 0.1,
  "rds-unencrypted": 0.1,
  "rds-public": 0.05,
  "elb-idle": 0.1,
  "eni-orphaned": 0.02,
  "ebs-snapshot-old": 0.15,
  "cloudtrail-logging-stopped": 0.1,
  "s3-public-acl": 0.03,
  "s3-bucket-public-access-block-off": 0.04,
  "s3-account-public-access-block-off": 0.15,
  "s3-versioning-off": 0.1,
  "s3-no-tls-policy": 0.08,
  "iam-root-mfa-off": 0.1,
  "iam-root-access-keys": 0.08,
  "iam-admin-access": 0.2,
  "iam-password-policy-weak": 0.15,
  "iam-role-trust-open": 0.1,
  "ebs-encryption-by-default-off": 0.1,
  "ebs-volume-unencrypted": 0.05,
  "ebs-snapshot-unencrypted": 0.03,
  "ebs-snapshot-public": 0.01,
  "rds-snapshot-public": 0.2,
  "vpc-flow-logs-off": 0.1,
  "sg-default-allows-traffic": 0.1,
  "sg-open-ingress-web-lb": 0.8,
  "sg-redundant-rule": 0.03,
  "ec2-instance-stopped-long": 0.3,
  "cloudtrail-no-multi-region": 0.05,
  "cloudtrail-log-validation-off": 0.1,
  "cloudtrail-not-kms-encrypted": 0.1,
  "rds-single-az": 0.1,
  "rds-backups-off": 0.05,
  "vpc-single-az": 0.05,
  "ec2-previous-generation": 0.03,
  "ebs-gp2-volume": 0.05,
};

const PUBLIC_ACCESS_BLOCK_SETTINGS = [
  "blockPublicAcls",
  "ignorePublicAcls",
  "blockPublicPolicy",
  "restrictPublicBuckets",
] as const;

/** All four settings on but one (drawn). */
function blockWithOneOff(b: EstateBuilder): EstatePublicAccessBlock {
  const off = b.rng.pick(PUBLIC_ACCESS_BLOCK_SETTINGS);
  const block: EstatePublicAccessBlock = { ...FULL_PUBLIC_ACCESS_BLOCK };
  block[off] = false;
  return block;
}

/** A password policy failing the strength definition in one way (drawn). */
function weakPasswordPolicy(b: EstateBuilder): EstatePasswordPolicy {
  const weak: EstatePasswordPolicy = { ...STRONG_PASSWORD_POLICY };
  switch (b.rng.int(0, 3)) {
    case 0:
      weak.minimumPasswordLength = b.rng.pick([6, 8, 10, 12]);
      break;
    case 1:
      weak.requireSymbols = false;
      break;
    case 2:
      delete weak.passwordReusePrevention;
      break;
    default:
      weak.passwordReusePrevention = b.rng.pick([1, 5, 12]);
  }
  return weak;
}

const ENVIRONMENTS: readonly { environment: EstateEnvironment; short: string }[] = [
  { environment: "production", short: "prod" },
  { environment: "staging", short: "stg" },
  { environment: "development", short: "dev" },
  { environment: "sandbox", short: "sbx" },
  { environment: "test", short: "test" },
];
const TEAMS = [
  { owner: "data-platform", costCenter: "CC-1010", app: "ingest" },
  { owner: "web-team", costCenter: "CC-2020", app: "storefront" },
  { owner: "ml-team", costCenter: "CC-3030", app: "scoring" },
  { owner: "platform-team", costCenter: "CC-4040", app: "tooling" },
  { owner: "finops", costCenter: "CC-5050", app: "billing" },
] as const;
const INSTANCE_TYPES = [
  "t3.medium",
  "t3.large",
  "m5.large",
  "m5.xlarge",
  "m6g.large",
  "c6i.xlarge",
  "r6g.xlarge",
] as const;
/** Previous-generation types the generator plants (ec2-previous-generation). */
const PREVIOUS_GENERATION_TYPES = ["t2.medium", "m4.large", "c4.xlarge", "r4.large"] as const;
const RUNTIMES = ["python3.12", "python3.11", "nodejs20.x", "nodejs18.x", "java21"] as const;
const DB_CLASSES = ["db.t3.medium", "db.t4g.medium", "db.m6g.large", "db.r6g.large"] as const;

interface Ctx {
  b: EstateBuilder;
  account: EstateAccount;
  region: string;
  env: string;
  environment: EstateEnvironment;
  rates: Readonly<Record<PlantedProblemKind, number>>;
  /** Buckets made in this region (they live in the account's bucket list). */
  bucketsHere: { count: number };
}

/**
 * `invalid-*`: fully tagged but with one value outside the policy (tag-invalid-value): the
 * Environment capitalised (`Production`), the Environment abbreviated (`prod`), or the
 * CostCenter without its hyphen (`CC1010`).
 */
/** The Application of what the generator's builders leave untagged (see tagging.ts). */
const GENERATED_APPLICATION: Readonly<Record<TagCategory, string>> = {
  network: "network",
  identity: "identity",
  "audit-logging": "audit-logging",
  encryption: "encryption",
  workload: "tooling",
};

type TagStyle = "full" | "none" | "partial" | "invalid-case" | "invalid-short" | "invalid-cost-center";

const SHORT_ENVIRONMENT: Readonly<Record<EstateEnvironment, string>> = {
  management: "mgmt",
  production: "prod",
  staging: "stg",
  development: "dev",
  sandbox: "sbx",
  test: "tst",
};

function tagsFor(ctx: Ctx, name: string, team: (typeof TEAMS)[number], style: TagStyle = "full"): Tags {
  if (style === "none") return {};
  if (style === "partial") return { Name: name, Environment: ctx.environment, Application: team.app };
  const full = {
    Name: name,
    Owner: team.owner,
    Environment: ctx.environment,
    CostCenter: team.costCenter,
    Application: team.app,
  };
  if (style === "invalid-case")
    return { ...full, Environment: ctx.environment.charAt(0).toUpperCase() + ctx.environment.slice(1) };
  if (style === "invalid-short") return { ...full, Environment: SHORT_ENVIRONMENT[ctx.environment] };
  if (style === "invalid-cost-center") return { ...full, CostCenter: team.costCenter.replace("-", "") };
  return {
    Name: name,
    Owner: team.owner,
    Environment: ctx.environment,
    CostCenter: team.costCenter,
    Application: team.app,
  };
}

/** Decide the tag style of a taggable resource and record the problem it plants. */
function tagStyle(ctx: Ctx, resourceId: () => string): { style: TagStyle; plant: () => void } {
  const r = ctx.b.rng.next();
  const untagged = ctx.rates["untagged-resource"];
  const partial = ctx.rates["partially-tagged-resource"];
  if (r < untagged)
    return {
      style: "none",
      plant: () => ctx.b.plant("untagged-resource", resourceId(), ctx.account, ctx.region),
    };
  if (r < untagged + partial) {
    return {
      style: "partial",
      plant: () => ctx.b.plant("partially-tagged-resource", resourceId(), ctx.account, ctx.region),
    };
  }
  const invalid = ctx.rates["tag-invalid-value"];
  if (r < untagged + partial + invalid) {
    const styles = ["invalid-case", "invalid-short", "invalid-cost-center"] as const;
    const which = Math.min(2, Math.floor(((r - untagged - partial) / invalid) * 3));
    return {
      style: styles[which] ?? "invalid-case",
      plant: () => ctx.b.plant("tag-invalid-value", resourceId(), ctx.account, ctx.region),
    };
  }
  return { style: "full", plant: () => undefined };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function plantIf(ctx: Ctx, kind: PlantedProblemKind): boolean {
  return ctx.b.rng.chance(ctx.rates[kind]);
}

function workloadGroup(
  ctx: Ctx,
  vpc: EstateVpc,
  name: string,
  ingress: EstateSecurityGroup["ingress"],
  team: (typeof TEAMS)[number],
): EstateSecurityGroup {
  const group = ctx.b.addSecurityGroup(ctx.account, ctx.region, {
    vpcId: vpc.id,
    name,
    description: `${name} (generated)`,
    ingress,
    tags: tagsFor(ctx, name, team),
  });
  const peer = (cidr: string, from: number, to: number) => ({
    protocol: "tcp",
    fromPort: from,
    toPort: to,
    ipv4: cidr.includes(":") ? [] : [{ cidr }],
    ipv6: cidr.includes(":") ? [{ cidr }] : [],
    groups: [],
  });
  if (plantIf(ctx, "sg-open-ssh-ipv4")) {
    group.ingress.push(peer("0.0.0.0/0", 22, 22));
    ctx.b.plant("sg-open-ssh-ipv4", group.id, ctx.account, ctx.region);
  }
  if (plantIf(ctx, "sg-open-rdp-ipv6")) {
    group.ingress.push(peer("::/0", 3389, 3389));
    ctx.b.plant("sg-open-rdp-ipv6", group.id, ctx.account, ctx.region);
  }
  if (plantIf(ctx, "sg-wide-port-range")) {
    // UDP, so the range contains none of the group's TCP rules (that would be sg-redundant-rule).
    group.ingress.push({ ...peer("10.0.0.0/8", 1024, 65535), protocol: "udp" });
    ctx.b.plant("sg-wide-port-range", group.id, ctx.account, ctx.region);
  }
  if (plantIf(ctx, "sg-redundant-rule")) {
    // A metrics range for the VPC, then one of its ports again: the second rule adds nothing.
    group.ingress.push(peer(vpc.cidr, 9000, 9100), peer(vpc.cidr, 9090, 9090));
    ctx.b.plant("sg-redundant-rule", group.id, ctx.account, ctx.region);
  }
  return group;
}

function addInstanceWithStrays(
  ctx: Ctx,
  spec: {
    subnet: EstateSubnet;
    group: EstateSecurityGroup;
    name: string;
    team: (typeof TEAMS)[number];
    dataGiB: number;
    alwaysRunning?: boolean;
  },
): EstateInstance {
  const { b } = ctx;
  let instanceId = "";
  const tagging = tagStyle(ctx, () => instanceId);
  const previousGeneration = plantIf(ctx, "ec2-previous-generation");
  const stopped = b.rng.chance(0.1) && spec.alwaysRunning !== true;
  const stoppedLong = stopped && plantIf(ctx, "ec2-instance-stopped-long");
  const stoppedDaysAgo = stoppedLong ? b.rng.int(45, 400) : b.rng.int(1, 20);
  const data = spec.dataGiB > 0 ? dataVolume(ctx) : undefined;
  const built = b.addInstance(ctx.account, ctx.region, {
    subnet: spec.subnet,
    type: previousGeneration ? b.rng.pick(PREVIOUS_GENERATION_TYPES) : b.rng.pick(INSTANCE_TYPES),
    securityGroupIds: [spec.group.id],
    tags: tagsFor(ctx, spec.name, spec.team, tagging.style),
    volumeTags: tagsFor(ctx, `${spec.name}-disk`, spec.team),
    state: stopped ? "stopped" : "running",
    launchedDaysAgo: Math.max(b.rng.int(2, 700), stopped ? stoppedDaysAgo + 1 : 0),
    ...(stopped ? { stoppedDaysAgo } : {}),
    ...(data === undefined ? {} : { dataVolumes: [{ sizeGiB: spec.dataGiB, ...data }] }),
  });
  instanceId = built.instance.id;
  tagging.plant();
  if (previousGeneration) b.plant("ec2-previous-generation", instanceId, ctx.account, ctx.region);
  if (stoppedLong) b.plant("ec2-instance-stopped-long", instanceId, ctx.account, ctx.region);
  for (const volume of built.volumes.slice(1)) {
    plantVolume(ctx, volume);
    const old = plantIf(ctx, "ebs-snapshot-old");
    const snapshot = b.addSnapshot(ctx.account, ctx.region, {
      volume,
      startedDaysAgo: old ? b.rng.int(400, 1200) : b.rng.int(1, 300),
      description: `backup of ${volume.id}`,
    });
    if (old) b.plant("ebs-snapshot-old", snapshot.id, ctx.account, ctx.region);
    if (!volume.encrypted) b.plant("ebs-snapshot-unencrypted", snapshot.id, ctx.account, ctx.region);
    const isPublic = plantIf(ctx, "ebs-snapshot-public");
    if (isPublic || plantIf(ctx, "ebs-snapshot-unencrypted")) {
      // A copy of a backup of a volume since deleted, made before encryption was the rule.
      const copy = b.addSnapshot(ctx.account, ctx.region, {
        volume,
        startedDaysAgo: b.rng.int(1, 300),
        description: isPublic ? `public copy of a backup of ${volume.id}` : `copy of an old backup`,
        isPublic,
      });
      copy.encrypted = false;
      copy.volumeId = "vol-ffffffff";
      if (isPublic) b.plant("ebs-snapshot-public", copy.id, ctx.account, ctx.region);
      b.plant("ebs-snapshot-unencrypted", copy.id, ctx.account, ctx.region);
    }
  }
  if (b.rng.chance(0.05) && built.instance.state === "running") {
    b.addAddress(ctx.account, ctx.region, {
      instance: built.instance,
      tags: tagsFor(ctx, `${spec.name}-ip`, spec.team),
    });
  }
  if (plantIf(ctx, "ebs-unattached-volume")) {
    const volume = b.addVolume(ctx.account, ctx.region, {
      availabilityZone: spec.subnet.availabilityZone,
      sizeGiB: b.rng.pick([20, 50, 100, 500]),
      ...dataVolume(ctx),
      createdDaysAgo: b.rng.int(10, 600),
      tags: tagsFor(ctx, `${spec.name}-detached`, spec.team),
    });
    b.plant("ebs-unattached-volume", volume.id, ctx.account, ctx.region);
    plantVolume(ctx, volume);
  }
  if (plantIf(ctx, "eip-unassociated")) {
    const address = b.addAddress(ctx.account, ctx.region, {
      tags: tagsFor(ctx, `${spec.name}-spare-ip`, spec.team),
    });
    b.plant("eip-unassociated", address.allocationId, ctx.account, ctx.region);
  }
  if (plantIf(ctx, "eni-orphaned")) {
    const eni = b.addDetachedInterface(ctx.account, ctx.region, {
      subnet: spec.subnet,
      securityGroupIds: [spec.group.id],
      description: "detached (generated)",
    });
    b.plant("eni-orphaned", eni.id, ctx.account, ctx.region);
  }
  if (plantIf(ctx, "sg-unused")) {
    const unused = b.addSecurityGroup(ctx.account, ctx.region, {
      vpcId: spec.subnet.vpcId,
      name: `${spec.name}-old-sg`,
      description: "no longer used (generated)",
      ingress: [],
      tags: tagsFor(ctx, `${spec.name}-old-sg`, spec.team),
    });
    b.plant("sg-unused", unused.id, ctx.account, ctx.region);
  }
  return built.instance;
}

/** A data or stray volume's type and encryption: gp3 and encrypted unless a problem is planted. */
function dataVolume(ctx: Ctx): { type: "gp2" | "gp3"; encrypted: boolean } {
  const gp2 = plantIf(ctx, "ebs-gp2-volume");
  const unencrypted = plantIf(ctx, "ebs-volume-unencrypted");
  return { type: gp2 ? "gp2" : "gp3", encrypted: !unencrypted };
}

/** Record what dataVolume planted on the volume. */
function plantVolume(ctx: Ctx, volume: EstateVolume): void {
  if (volume.type === "gp2") ctx.b.plant("ebs-gp2-volume", volume.id, ctx.account, ctx.region);
  if (!volume.encrypted) ctx.b.plant("ebs-volume-unencrypted", volume.id, ctx.account, ctx.region);
}

/** The inventory-visible resources of the region so far (every per-region list, and its buckets). */
function regionalCount(ctx: Ctx): number {
  const r = ctx.account.regions[ctx.region];
  if (r === undefined) return ctx.bucketsHere.count;
  return (
    r.instances.length +
    r.volumes.length +
    r.snapshots.length +
    r.addresses.length +
    r.images.length +
    r.vpcs.length +
    r.subnets.length +
    r.routeTables.length +
    r.internetGateways.length +
    r.natGateways.length +
    r.networkAcls.length +
    r.securityGroups.length +
    r.networkInterfaces.length +
    r.dbInstances.length +
    r.dbClusters.length +
    r.functions.length +
    r.loadBalancers.length +
    r.classicLoadBalancers.length +
    r.targetGroups.length +
    r.kmsKeys.length +
    r.trails.length +
    ctx.bucketsHere.count
  );
}

interface Network {
  vpc: EstateVpc;
  publicSubnets: EstateSubnet[];
  privateSubnets: EstateSubnet[];
  team: (typeof TEAMS)[number];
  prefix: string;
  /** The load balancer is internet-facing (its group open to the world on 443), else internal. */
  internetFacing: boolean;
  albGroup: EstateSecurityGroup;
  webGroup: EstateSecurityGroup;
  workerGroup: EstateSecurityGroup;
  /** Running web instances, the targets of the VPC's load balancer. */
  web: EstateInstance[];
  instances: number;
  databases: number;
}

function buildNetwork(ctx: Ctx, v: number, secondOctet: number): Network {
  const { b } = ctx;
  const team = TEAMS[(secondOctet + v) % TEAMS.length] as (typeof TEAMS)[number];
  const noFlowLogs = plantIf(ctx, "vpc-flow-logs-off");
  const net = b.addStandardVpc(ctx.account, ctx.region, {
    name: `${ctx.env}-${ctx.region}-vpc-${pad(v + 1)}`,
    secondOctet: (secondOctet + v) % 256,
    azCount: 2,
    tagsFor: (name) => tagsFor(ctx, name, TEAMS[3]),
    createdDaysAgo: b.rng.int(400, 1500),
    ...(noFlowLogs ? { flowLogs: false } : {}),
  });
  if (noFlowLogs) b.plant("vpc-flow-logs-off", net.vpc.id, ctx.account, ctx.region);
  if (plantIf(ctx, "sg-default-allows-traffic")) {
    // The rules AWS gives a new default group, never removed.
    const g = net.defaultGroup;
    g.ingress.push({ protocol: "-1", ipv4: [], ipv6: [], groups: [{ groupId: g.id }] });
    g.egress.push({ protocol: "-1", ipv4: [{ cidr: "0.0.0.0/0" }], ipv6: [], groups: [] });
    b.plant("sg-default-allows-traffic", g.id, ctx.account, ctx.region);
  }
  const prefix = `${ctx.env}-${team.app}-${pad(v + 1)}`;
  const internetFacing = plantIf(ctx, "sg-open-ingress-web-lb");
  const albGroup = b.addSecurityGroup(ctx.account, ctx.region, {
    vpcId: net.vpc.id,
    name: `${prefix}-alb-sg`,
    description: internetFacing ? "HTTPS from the internet (generated)" : "HTTPS from the VPC (generated)",
    ingress: [
      {
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        ipv4: [{ cidr: internetFacing ? "0.0.0.0/0" : net.vpc.cidr }],
        ipv6: [],
        groups: [],
      },
    ],
    tags: tagsFor(ctx, `${prefix}-alb-sg`, team),
  });
  if (internetFacing) b.plant("sg-open-ingress-web-lb", albGroup.id, ctx.account, ctx.region);
  const webGroup = workloadGroup(
    ctx,
    net.vpc,
    `${prefix}-web-sg`,
    [
      {
        protocol: "tcp",
        fromPort: 8080,
        toPort: 8080,
        ipv4: [],
        ipv6: [],
        groups: [{ groupId: albGroup.id }],
      },
    ],
    team,
  );
  const workerGroup = workloadGroup(
    ctx,
    net.vpc,
    `${prefix}-worker-sg`,
    [{ protocol: "tcp", fromPort: 8443, toPort: 8443, ipv4: [{ cidr: net.vpc.cidr }], ipv6: [], groups: [] }],
    team,
  );
  return {
    vpc: net.vpc,
    publicSubnets: net.publicSubnets,
    privateSubnets: net.privateSubnets,
    team,
    prefix,
    internetFacing,
    albGroup,
    webGroup,
    workerGroup,
    web: [],
    instances: 0,
    databases: 0,
  };
}

function addWorkloadInstance(ctx: Ctx, net: Network): void {
  const i = net.instances++;
  const isWeb = i % 5 === 0 || i % 5 === 3;
  const instance = addInstanceWithStrays(ctx, {
    subnet: net.privateSubnets[i % net.privateSubnets.length] as EstateSubnet,
    group: isWeb ? net.webGroup : net.workerGroup,
    name: `${net.prefix}-${isWeb ? "web" : "worker"}-${pad(i + 1, 3)}`,
    team: net.team,
    dataGiB: !isWeb && ctx.b.rng.chance(0.5) ? ctx.b.rng.pick([100, 200, 500]) : 0,
    // The first two instances keep both workload groups in use, whatever else happens.
    ...(i < 2 ? { alwaysRunning: true } : {}),
  });
  if (isWeb && instance.state === "running") net.web.push(instance);
}

function databaseGroup(ctx: Ctx, net: Network, id: string, port: number): EstateSecurityGroup {
  return ctx.b.addSecurityGroup(ctx.account, ctx.region, {
    vpcId: net.vpc.id,
    name: `${id}-sg`,
    description: "database clients (generated)",
    ingress: [
      {
        protocol: "tcp",
        fromPort: port,
        toPort: port,
        ipv4: [],
        ipv6: [],
        groups: [{ groupId: net.workerGroup.id }],
      },
    ],
    tags: tagsFor(ctx, `${id}-sg`, net.team),
  });
}

function addDatabase(ctx: Ctx, net: Network): void {
  const { b } = ctx;
  const id = `${net.prefix}-db-${pad(++net.databases)}`;
  const postgres = b.rng.chance(0.6);
  const dbGroup = databaseGroup(ctx, net, id, postgres ? 5432 : 3306);
  const unencrypted = plantIf(ctx, "rds-unencrypted");
  const isPublic = plantIf(ctx, "rds-public");
  const singleAz = plantIf(ctx, "rds-single-az");
  const noBackups = plantIf(ctx, "rds-backups-off");
  const tagging = tagStyle(ctx, () => id);
  const db = b.addDbInstance(ctx.account, ctx.region, {
    id,
    engine: postgres ? "postgres" : "mysql",
    engineVersion: postgres ? b.rng.pick(["16.4", "15.8"]) : "8.0.39",
    instanceClass: b.rng.pick(DB_CLASSES),
    allocatedStorageGiB: b.rng.pick([20, 100, 500, 1000]),
    storageEncrypted: !unencrypted,
    publiclyAccessible: isPublic,
    multiAz: !singleAz,
    ...(noBackups ? { backupRetentionDays: 0 } : {}),
    subnets: isPublic ? net.publicSubnets : net.privateSubnets,
    securityGroupIds: [dbGroup.id],
    createdDaysAgo: b.rng.int(10, 1200),
    tags: tagsFor(ctx, id, net.team, tagging.style),
  });
  tagging.plant();
  if (unencrypted) b.plant("rds-unencrypted", id, ctx.account, ctx.region);
  if (isPublic) b.plant("rds-public", id, ctx.account, ctx.region);
  if (singleAz) b.plant("rds-single-az", id, ctx.account, ctx.region);
  if (noBackups) b.plant("rds-backups-off", id, ctx.account, ctx.region);
  if (unencrypted && plantIf(ctx, "rds-snapshot-public")) {
    const identifier = `${id}-public-export`;
    b.addDbSnapshot(ctx.account, ctx.region, {
      db,
      identifier,
      snapshotType: "manual",
      createdDaysAgo: b.rng.int(1, 200),
      isPublic: true,
    });
    b.plant("rds-snapshot-public", identifier, ctx.account, ctx.region);
  }
}

/** An Aurora cluster of two instances; `rds-unencrypted` is planted per cluster, on each member. */
function addCluster(ctx: Ctx, net: Network): void {
  const { b } = ctx;
  const id = `${net.prefix}-aurora-${pad(++net.databases)}`;
  const postgres = b.rng.chance(0.6);
  const group = databaseGroup(ctx, net, id, postgres ? 5432 : 3306);
  const unencrypted = plantIf(ctx, "rds-unencrypted");
  const { cluster, members } = b.addDbCluster(ctx.account, ctx.region, {
    id,
    engine: postgres ? "aurora-postgresql" : "aurora-mysql",
    engineVersion: postgres ? "16.4" : "8.0.mysql_aurora.3.08.0",
    instanceClass: b.rng.pick(["db.r6g.large", "db.t4g.medium"]),
    instanceCount: 2,
    subnets: net.privateSubnets,
    securityGroupIds: [group.id],
    createdDaysAgo: b.rng.int(10, 1200),
    tags: tagsFor(ctx, id, net.team),
  });
  if (unencrypted) {
    cluster.storageEncrypted = false;
    delete cluster.kmsKeyId;
    for (const member of members) {
      member.storageEncrypted = false;
      delete member.kmsKeyId;
      b.plant("rds-unencrypted", member.id, ctx.account, ctx.region);
    }
  }
}

function addLoadBalancers(ctx: Ctx, net: Network): void {
  const { b } = ctx;
  const idle = plantIf(ctx, "elb-idle");
  if (!idle && net.web.length === 0) {
    // A balancer with nothing running behind it would be idle without being planted.
    const instance = addInstanceWithStrays(ctx, {
      subnet: net.privateSubnets[0] as EstateSubnet,
      group: net.webGroup,
      name: `${net.prefix}-web-keep`,
      team: net.team,
      dataGiB: 0,
      alwaysRunning: true,
    });
    net.web.push(instance);
  }
  const { loadBalancer } = b.addLoadBalancer(ctx.account, ctx.region, {
    name: `${net.prefix}-alb`.slice(0, 32),
    scheme: net.internetFacing ? "internet-facing" : "internal",
    subnets: net.publicSubnets,
    securityGroupIds: [net.albGroup.id],
    targets: idle ? [] : net.web,
    targetPort: 8080,
    targetHealth: idle ? "unhealthy" : "healthy",
    requestCountLast7Days: idle ? 0 : b.rng.int(1_000, 5_000_000),
    createdDaysAgo: b.rng.int(30, 900),
    tags: tagsFor(ctx, `${net.prefix}-alb`, net.team),
  });
  if (idle) b.plant("elb-idle", loadBalancer.arn, ctx.account, ctx.region);
}

/** A legacy classic load balancer in front of some running web instances (never idle). */
function addClassicLoadBalancer(ctx: Ctx, net: Network, n: number): void {
  const { b } = ctx;
  const name = `${net.prefix}-legacy-${pad(n)}`.slice(0, 32);
  const group = b.addSecurityGroup(ctx.account, ctx.region, {
    vpcId: net.vpc.id,
    name: `${name}-sg`,
    description: "HTTP to a classic load balancer (generated)",
    ingress: [
      { protocol: "tcp", fromPort: 80, toPort: 80, ipv4: [{ cidr: net.vpc.cidr }], ipv6: [], groups: [] },
    ],
    tags: tagsFor(ctx, `${name}-sg`, net.team),
  });
  b.addClassicLoadBalancer(ctx.account, ctx.region, {
    name,
    scheme: "internal",
    subnets: net.privateSubnets,
    securityGroupIds: [group.id],
    instances: net.web.slice(0, 2),
    instancePort: 8080,
    requestCountLast7Days: b.rng.int(500, 200_000),
    createdDaysAgo: b.rng.int(900, 2500),
    tags: tagsFor(ctx, name, net.team),
  });
}

function addFunction(ctx: Ctx, f: number): void {
  const team = TEAMS[f % TEAMS.length] as (typeof TEAMS)[number];
  const name = `${ctx.env}-${team.app}-fn-${pad(f + 1, 3)}`;
  const tagging = tagStyle(ctx, () => name);
  ctx.b.addFunction(ctx.account, ctx.region, {
    name,
    runtime: ctx.b.rng.pick(RUNTIMES),
    memoryMb: ctx.b.rng.pick([128, 256, 512, 1024, 2048]),
    description: `${team.app} function (generated)`,
    modifiedDaysAgo: ctx.b.rng.int(1, 500),
    roleName: `${ctx.env}-${team.app}-lambda-role`,
    tags: tagsFor(ctx, name, team, tagging.style),
  });
  tagging.plant();
}

function addBucket(ctx: Ctx, k: number): void {
  const team = TEAMS[k % TEAMS.length] as (typeof TEAMS)[number];
  const name = `gen-${ctx.account.id}-${ctx.region}-${team.app}-${pad(k + 1, 3)}`;
  const { b } = ctx;
  const isPublic = plantIf(ctx, "s3-public-bucket");
  const publicAcl = !isPublic && plantIf(ctx, "s3-public-acl");
  const blockOff = !isPublic && !publicAcl && plantIf(ctx, "s3-bucket-public-access-block-off");
  const versioningOff = plantIf(ctx, "s3-versioning-off");
  const noTls = plantIf(ctx, "s3-no-tls-policy");
  const tagging = tagStyle(ctx, () => name);
  b.addBucket(ctx.account, {
    name,
    region: ctx.region,
    createdDaysAgo: b.rng.int(10, 1500),
    isPublic,
    kms: b.rng.chance(0.3),
    ...(publicAcl
      ? {
          aclIsPublic: true,
          publicAccessBlock: { ...FULL_PUBLIC_ACCESS_BLOCK, blockPublicAcls: false, ignorePublicAcls: false },
        }
      : {}),
    ...(blockOff ? { publicAccessBlock: blockWithOneOff(b) } : {}),
    ...(versioningOff ? { versioning: b.rng.chance(0.5) ? false : ("Suspended" as const) } : {}),
    ...(noTls ? { tlsOnly: false } : {}),
    tags: tagsFor(ctx, name, team, tagging.style),
  });
  ctx.bucketsHere.count += 1;
  tagging.plant();
  const plant = (kind: PlantedProblemKind): void => b.plant(kind, name, ctx.account, ctx.region);
  if (isPublic) plant("s3-public-bucket");
  if (publicAcl) plant("s3-public-acl");
  if (isPublic || publicAcl || blockOff) plant("s3-bucket-public-access-block-off");
  if (versioningOff) plant("s3-versioning-off");
  if (noTls) plant("s3-no-tls-policy");
}

function addImage(ctx: Ctx, n: number): void {
  const team = TEAMS[n % TEAMS.length] as (typeof TEAMS)[number];
  const name = `${ctx.env}-${team.app}-ami-${pad(n + 1, 3)}`;
  ctx.b.addImage(ctx.account, ctx.region, {
    name,
    description: `${team.app} golden image (generated)`,
    // Young enough that its backing snapshot is not an old snapshot.
    createdDaysAgo: ctx.b.rng.int(1, 300),
    rootGiB: 8,
    ...(ctx.b.rng.chance(0.3) ? { architecture: "arm64" as const } : {}),
    tags: tagsFor(ctx, name, team),
  });
}

function addKey(ctx: Ctx, n: number): void {
  const team = TEAMS[n % TEAMS.length] as (typeof TEAMS)[number];
  ctx.b.addKmsKey(ctx.account, ctx.region, {
    alias: `alias/${ctx.env}-${team.app}-${pad(n + 1, 3)}`,
    description: `${team.app} data key (generated)`,
    createdDaysAgo: ctx.b.rng.int(10, 1500),
    ...(ctx.b.rng.chance(0.05) ? { state: "Disabled" as const } : {}),
    tags: tagsFor(ctx, `${ctx.env}-${team.app}-key`, team),
  });
}

/** What the budget loop adds, with its share of the added resources. */
const REGION_MIX = [
  { kind: "instance", weight: 0.45 },
  { kind: "function", weight: 0.3 },
  { kind: "database", weight: 0.06 },
  { kind: "cluster", weight: 0.015 },
  { kind: "bucket", weight: 0.08 },
  { kind: "image", weight: 0.04 },
  { kind: "key", weight: 0.04 },
  { kind: "classic-lb", weight: 0.015 },
] as const;

/**
 * A region of about `target` inventory-visible resources: `⌈target / 400⌉` standard VPCs
 * (each with its gateways, route tables, ACL, security groups and an ALB), then instances,
 * functions, databases, Aurora clusters, buckets, images, keys and classic load balancers in
 * a fixed mix until the count reaches the target.
 */
function buildRegion(ctx: Ctx, target: number, secondOctet: number): void {
  const { b } = ctx;
  if (plantIf(ctx, "ebs-encryption-by-default-off")) {
    b.region(ctx.account, ctx.region).ebsEncryptionByDefault = false;
    b.plant("ebs-encryption-by-default-off", ctx.region, ctx.account, ctx.region);
  }
  const vpcCount = Math.max(1, Math.round(target / 400));
  const networks = Array.from({ length: vpcCount }, (_, v) => buildNetwork(ctx, v, secondOctet));
  if (plantIf(ctx, "vpc-single-az")) {
    // A leftover one-subnet VPC (192.168.0.0/16, clear of the 10.x networks).
    const { vpc } = b.addVpc(ctx.account, ctx.region, {
      cidr: "192.168.0.0/16",
      tags: tagsFor(ctx, `${ctx.env}-${ctx.region}-legacy-vpc`, TEAMS[3]),
      subnets: [
        {
          availabilityZone: `${ctx.region}a`,
          cidr: "192.168.0.0/24",
          isPublic: false,
          tags: tagsFor(ctx, `${ctx.env}-${ctx.region}-legacy-a`, TEAMS[3]),
        },
      ],
      createdDaysAgo: b.rng.int(400, 1500),
    });
    b.plant("vpc-single-az", vpc.id, ctx.account, ctx.region);
  }
  // Every VPC gets two instances (so its workload groups are used) and, at the end, its ALB.
  for (const net of networks) for (let i = 0; i < 2; i++) addWorkloadInstance(ctx, net);
  const reserved = vpcCount * 4;
  const made: Record<(typeof REGION_MIX)[number]["kind"], number> = {
    instance: 0,
    function: 0,
    database: 0,
    cluster: 0,
    bucket: 0,
    image: 0,
    key: 0,
    "classic-lb": 0,
  };
  while (regionalCount(ctx) + reserved < target) {
    let pick = b.rng.next();
    const choice = REGION_MIX.find((m) => (pick -= m.weight) < 0)?.kind ?? "instance";
    const net = networks[made[choice] % networks.length] as Network;
    switch (choice) {
      case "instance":
        addWorkloadInstance(ctx, net);
        break;
      case "function":
        addFunction(ctx, made.function);
        break;
      case "database":
        addDatabase(ctx, net);
        break;
      case "cluster":
        addCluster(ctx, net);
        break;
      case "bucket":
        addBucket(ctx, made.bucket);
        break;
      case "image":
        addImage(ctx, made.image);
        break;
      case "key":
        addKey(ctx, made.key);
        break;
      case "classic-lb":
        if (net.web.length > 0) addClassicLoadBalancer(ctx, net, made["classic-lb"] + 1);
        break;
    }
    made[choice] += 1;
  }
  for (const net of networks) addLoadBalancers(ctx, net);
  b.addEvent(ctx.account, ctx.region, {
    daysAgo: b.rng.next() * 3,
    eventName: "CreateTags",
    eventSource: "ec2.amazonaws.com",
    username: "ci",
    principalArn: `arn:aws:iam::${ctx.account.id}:user/ci`,
  });
}

function buildIdentity(ctx: Omit<Ctx, "region" | "bucketsHere">, managementAccountId: string): void {
  const { b, account } = ctx;
  const region = "global";
  for (let u = 0; u < 3; u++) {
    const userName = `${ctx.env}.user${u + 1}`;
    const noMfa = b.rng.chance(ctx.rates["iam-user-no-mfa"]);
    b.addUser(account, {
      userName,
      createdDaysAgo: b.rng.int(30, 1000),
      hasConsolePassword: true,
      passwordLastUsedDaysAgo: b.rng.int(0, 20),
      hasMfa: !noMfa,
      accessKeys: [],
    });
    if (noMfa) b.plant("iam-user-no-mfa", userName, account, region);
  }
  const services: EstateIamUser[] = [];
  for (let s = 0; s < 3; s++) {
    const r = b.rng.next();
    const oldRate = ctx.rates["iam-access-key-old"];
    const unusedRate = ctx.rates["iam-access-key-unused"];
    const kind: "old" | "unused" | "fine" =
      r < oldRate ? "old" : r < oldRate + unusedRate ? "unused" : "fine";
    const user = b.addUser(account, {
      userName: `${ctx.env}-service-${s + 1}`,
      createdDaysAgo: b.rng.int(200, 1000),
      hasConsolePassword: false,
      hasMfa: false,
      accessKeys: [
        kind === "old"
          ? { createdDaysAgo: b.rng.int(120, 900), lastUsedDaysAgo: b.rng.int(0, 5) }
          : kind === "unused"
            ? { createdDaysAgo: b.rng.int(100, 400) }
            : { createdDaysAgo: b.rng.int(1, 80), lastUsedDaysAgo: b.rng.int(0, 1) },
      ],
    });
    services.push(user);
    const keyId = user.accessKeys[0]?.accessKeyId ?? "";
    if (kind === "old") b.plant("iam-access-key-old", keyId, account, region);
    if (kind === "unused") {
      // Never used since it was created more than 90 days ago: unused, and old too.
      b.plant("iam-access-key-unused", keyId, account, region);
      b.plant("iam-access-key-old", keyId, account, region);
    }
  }
  const management = `arn:aws:iam::${managementAccountId}:root`;
  const engineer = b.addRole(account, {
    roleName: "PlatformEngineer",
    description: "Day-to-day platform operations",
    trustedPrincipals: [management],
    attachedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess"],
    createdDaysAgo: 800,
    lastUsedDaysAgo: 0.2,
  });
  if (account.id !== managementAccountId) {
    b.addRole(account, {
      roleName: "OrganizationAccountAccessRole",
      description: "Created by AWS Organizations",
      trustedPrincipals: [management],
      attachedPolicyArns: [ADMINISTRATOR_ACCESS],
      createdDaysAgo: 1000,
      lastUsedDaysAgo: b.rng.int(1, 60),
    });
    // By design, whatever the rate: Organizations creates the role with AdministratorAccess.
    b.plant("iam-admin-access", "OrganizationAccountAccessRole", account, region);
  }
  // Engineers sign in through a group with read-only access and self-service.
  b.addGroup(account, {
    groupName: `${ctx.env}-engineers`,
    createdDaysAgo: b.rng.int(500, 1500),
    attachedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
  });
  for (const user of account.iam.users.slice(0, 3)) user.groups.push(`${ctx.env}-engineers`);
  if (b.rng.chance(ctx.rates["iam-admin-access"])) {
    const how = b.rng.pick(["direct", "group", "inline-role"] as const);
    if (how === "inline-role") {
      const roleName = `${ctx.env}-automation-admin`;
      b.addRole(account, {
        roleName,
        description: "Automation with everything (generated)",
        trustedPrincipals: [`arn:aws:iam::${account.id}:root`],
        attachedPolicyArns: [],
        inlinePolicies: [
          {
            name: "allow-all",
            document: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
            }),
          },
        ],
        createdDaysAgo: b.rng.int(30, 700),
      });
      b.plant("iam-admin-access", roleName, account, region);
    } else {
      const userName = `${ctx.env}.admin`;
      if (how === "group") {
        b.addGroup(account, {
          groupName: `${ctx.env}-admins`,
          createdDaysAgo: b.rng.int(100, 1500),
          attachedPolicyArns: [ADMINISTRATOR_ACCESS],
        });
      }
      b.addUser(account, {
        userName,
        createdDaysAgo: b.rng.int(30, 1000),
        hasConsolePassword: true,
        passwordLastUsedDaysAgo: b.rng.int(0, 20),
        hasMfa: true,
        accessKeys: [],
        ...(how === "group"
          ? { groups: [`${ctx.env}-admins`] }
          : { attachedPolicyArns: [ADMINISTRATOR_ACCESS] }),
      });
      b.plant("iam-admin-access", userName, account, region);
    }
  }
  // A monitoring vendor's account, trusted with the external id it was given (or, planted, without).
  const trustOpen = b.rng.chance(ctx.rates["iam-role-trust-open"]);
  const vendorRole = `${ctx.env}-vendor-monitoring`;
  b.addRole(account, {
    roleName: vendorRole,
    description: "Read-only access for the monitoring vendor (generated)",
    trustedPrincipals: [`arn:aws:iam::${VENDOR_ACCOUNT}:root`],
    ...(trustOpen
      ? {}
      : { trustCondition: { StringEquals: { "sts:ExternalId": `${account.id}-monitoring` } } }),
    attachedPolicyArns: ["arn:aws:iam::aws:policy/SecurityAudit"],
    createdDaysAgo: b.rng.int(30, 900),
    lastUsedDaysAgo: b.rng.int(0, 3),
  });
  if (trustOpen) b.plant("iam-role-trust-open", vendorRole, account, region);
  for (const [p, team] of TEAMS.slice(0, 3).entries()) {
    const policy = b.addPolicy(account, {
      policyName: `${ctx.env}-${team.app}-access`,
      description: `What ${team.owner} needs for ${team.app} (generated)`,
      createdDaysAgo: b.rng.int(100, 900),
      updatedDaysAgo: b.rng.int(1, 99),
      statements: [
        {
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:PutObject"],
          Resource: `arn:aws:s3:::gen-${account.id}-*`,
        },
      ],
    });
    const arn = policyArn(account.id, policy);
    (p === 0 ? engineer : (services[p - 1] as EstateIamUser)).attachedPolicyArns.push(arn);
  }
}

const ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";
/** An account outside every generated organization (account ids there start with 2). */
const VENDOR_ACCOUNT = "999988887777";

/** The root user, password policy and account-level block of an account, drawn at the rates. */
function accountSecurity(
  b: EstateBuilder,
  rates: Readonly<Record<PlantedProblemKind, number>>,
): {
  spec: Pick<
    AccountSpec,
    "rootMfaEnabled" | "rootAccessKeysPresent" | "passwordPolicy" | "accountPublicAccessBlock"
  >;
  planted: PlantedProblemKind[];
} {
  const planted: PlantedProblemKind[] = [];
  const draw = (kind: PlantedProblemKind): boolean => {
    const hit = b.rng.chance(rates[kind]);
    if (hit) planted.push(kind);
    return hit;
  };
  const mfaOff = draw("iam-root-mfa-off");
  const rootKeys = draw("iam-root-access-keys");
  const weak = draw("iam-password-policy-weak");
  const blockOff = draw("s3-account-public-access-block-off");
  return {
    spec: {
      rootMfaEnabled: !mfaOff,
      rootAccessKeysPresent: rootKeys,
      ...(weak ? { passwordPolicy: b.rng.chance(0.3) ? ("none" as const) : weakPasswordPolicy(b) } : {}),
      ...(blockOff
        ? { accountPublicAccessBlock: b.rng.chance(0.5) ? ("none" as const) : blockWithOneOff(b) }
        : {}),
    },
    planted,
  };
}

/** Execution roles for the functions of the account (one per team that runs any). */
function addFunctionRoles(b: EstateBuilder, account: EstateAccount): void {
  const names = new Set<string>();
  for (const r of Object.values(account.regions)) {
    for (const fn of r.functions) names.add(fn.roleArn.slice(fn.roleArn.lastIndexOf("/") + 1));
  }
  for (const roleName of [...names].sort()) {
    b.addRole(account, {
      roleName,
      description: "Lambda execution role (generated)",
      trustedPrincipals: ["lambda.amazonaws.com"],
      attachedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
      createdDaysAgo: 500,
      lastUsedDaysAgo: 0.3,
      path: "/service-role/",
    });
  }
}

/** About how many global (IAM) resources each generated account has: users, roles, policies. */
const GLOBAL_PER_ACCOUNT = 20;

function accountId(seed: number, index: number): string {
  return String(200_000_000_000 + (Math.abs(seed) % 1000) * 100_000_000 + (index + 1) * 10_007);
}

export function generateEstate(options: GenerateEstateOptions): GenerateEstateResult {
  const { accounts, regions } = options;
  if (!Number.isInteger(accounts) || accounts < 1)
    throw new RangeError(`accounts must be a positive integer, got ${accounts}`);
  if (regions.length === 0) throw new RangeError("regions must list at least one region");
  const perRegion =
    options.resourcesPerRegion ??
    (options.totalResources === undefined
      ? undefined
      : Math.max(
          0,
          Math.ceil((options.totalResources - accounts * GLOBAL_PER_ACCOUNT) / (accounts * regions.length)),
        ));
  if (perRegion === undefined || perRegion < 0)
    throw new RangeError("give resourcesPerRegion or totalResources (≥ 0)");
  const rates = { ...DEFAULT_PROBLEM_RATES, ...options.problemRates };
  for (const kind of PLANTED_PROBLEM_KINDS) {
    if (!(rates[kind] >= 0 && rates[kind] <= 1))
      throw new RangeError(`problem rate for ${kind} must be in [0, 1]`);
  }
  const b = new EstateBuilder({
    company: options.company ?? "Generated Estate Co",
    capturedAt: options.now,
    seed: options.seed,
    logBucket: (accountId) => `gen-${accountId}-cloudtrail`,
  });
  const managementAccountId = accountId(options.seed, 0);
  b.setOrganization(managementAccountId);
  for (let i = 0; i < accounts; i++) {
    const isManagement = i === 0;
    const env = isManagement
      ? { environment: "management" as const, short: "mgmt" }
      : (ENVIRONMENTS[(i - 1) % ENVIRONMENTS.length] as (typeof ENVIRONMENTS)[number]);
    const id = accountId(options.seed, i);
    const short = `${env.short}${pad(i, 3)}`;
    const security = accountSecurity(b, rates);
    const account = b.addAccount({
      ...security.spec,
      id,
      name: `${isManagement ? "Management" : env.environment} account ${pad(i, 3)}`,
      alias: `gen-${short}`,
      email: `aws+${short}@generated.example`,
      environment: env.environment,
      profiles: [{ name: `gen-${short}`, roleName: "PlatformEngineer", sessionName: "generated-user" }],
      enabledRegions: [...regions],
      joinedDaysAgo: isManagement ? 2000 : b.rng.int(30, 1500),
    });
    for (const kind of security.planted) b.plant(kind, id, account, "global");
    // The built-in tagging policy allows no `management` Environment: the management
    // account's resources are tagged `production` (how the demo configuration classifies it).
    const environment = isManagement ? ("production" as const) : env.environment;
    const base = { b, account, env: short, environment, rates };
    buildIdentity(base, managementAccountId);
    regions.forEach((region, r) =>
      buildRegion({ ...base, region, bucketsHere: { count: 0 } }, perRegion, (i * regions.length + r) % 250),
    );
    addFunctionRoles(b, account);
    const trailRegion = regions[0] as string;
    const stopped = b.rng.chance(rates["cloudtrail-logging-stopped"]);
    const singleRegion = b.rng.chance(rates["cloudtrail-no-multi-region"]);
    const noValidation = b.rng.chance(rates["cloudtrail-log-validation-off"]);
    const noKms = b.rng.chance(rates["cloudtrail-not-kms-encrypted"]);
    const trailKey = noKms
      ? undefined
      : b.addKmsKey(account, trailRegion, {
          alias: `alias/${short}-cloudtrail`,
          description: "Encrypts the account trail's log files (generated)",
          createdDaysAgo: 1000,
          tags: tagsFor(
            { ...base, region: trailRegion, bucketsHere: { count: 0 } },
            `${short}-cloudtrail`,
            TEAMS[3],
          ),
        });
    const trail = b.addTrail(account, trailRegion, {
      name: `${short}-trail`,
      bucketName: `gen-${id}-cloudtrail`,
      isLogging: !stopped,
      isMultiRegion: !singleRegion,
      logFileValidation: !noValidation,
      ...(trailKey === undefined ? {} : { kmsKeyId: b.keyArn(account, trailRegion, trailKey) }),
      tags: { Owner: TEAMS[3].owner, CostCenter: TEAMS[3].costCenter },
    });
    if (stopped) b.plant("cloudtrail-logging-stopped", trail.arn, account, trailRegion);
    if (noValidation) b.plant("cloudtrail-log-validation-off", trail.arn, account, trailRegion);
    if (noKms) b.plant("cloudtrail-not-kms-encrypted", trail.arn, account, trailRegion);
    // The account's only trail: stopped or single-region, no logging multi-region trail is left.
    if (stopped || singleRegion) b.plant("cloudtrail-no-multi-region", account.id, account, "global");
    b.addBucket(account, {
      name: `gen-${id}-cloudtrail`,
      region: trailRegion,
      createdDaysAgo: 1000,
      kms: true,
      versioning: true,
      tags: tagsFor(
        { ...base, region: trailRegion, bucketsHere: { count: 0 } },
        `gen-${id}-cloudtrail`,
        TEAMS[3],
      ),
    });
  }
  completeStandardTags(b.estate, b.planted, (account, category) => {
    const team = TEAMS[3];
    return {
      Owner: team.owner,
      Environment: account.environment === "management" ? "production" : account.environment,
      CostCenter: team.costCenter,
      Application: GENERATED_APPLICATION[category],
    };
  });
  for (const account of b.estate.accounts) account.costs = estimateMonthlyCosts(account, options.now, b.rng);
  const plantedActivity = addGeneratedTrailHistory(b, options);
  return { estate: b.estate, expectedFindings: b.planted, plantedActivity };
}

/**
 * Routine CloudTrail history in every account and region (an engineer's role session, the `ci`
 * user, Lambda), then the planted unusual activity in the first member account, whose last
 * region (with two regions or more) is left without history: the region it does not normally use.
 */
function addGeneratedTrailHistory(b: EstateBuilder, options: GenerateEstateOptions): PlantedActivity[] {
  const days = options.trailHistoryDays ?? 14;
  if (days <= 0) return [];
  const target = b.estate.accounts[Math.min(1, b.estate.accounts.length - 1)] as EstateAccount;
  const unusedRegion = options.regions.length >= 2 ? options.regions[options.regions.length - 1] : undefined;
  const actorsOf = (
    account: EstateAccount,
  ): { person: TrailActor; automation: TrailActor; all: TrailActor[] } => {
    const person: TrailActor = {
      principalArn: `arn:aws:sts::${account.id}:assumed-role/PlatformEngineer/${account.alias ?? account.id}.engineer`,
      username: `${account.alias ?? account.id}.engineer`,
      kind: "person",
      sourceIp: "198.51.100.10",
    };
    const automation: TrailActor = {
      principalArn: `arn:aws:iam::${account.id}:user/ci`,
      username: "ci",
      kind: "automation",
      sourceIp: "10.40.0.12",
      userAgent: "aws-sdk-js/3.600.0 ua/2.1 os/linux",
    };
    const lambda: TrailActor = {
      principalArn: "lambda.amazonaws.com",
      username: "lambda.amazonaws.com",
      kind: "service",
    };
    return { person, automation, all: [person, automation, lambda] };
  };
  for (const account of b.estate.accounts) {
    const { all } = actorsOf(account);
    for (const region of options.regions) {
      if (account === target && region === unusedRegion) {
        // The builders' own event there would make the region "used".
        b.region(account, region).events = [];
        continue;
      }
      addTrailHistory(b, account, region, {
        days,
        actors: all,
        seed: options.seed,
        intensity: options.trailActivity ?? 1,
      });
    }
  }
  const { person, automation } = actorsOf(target);
  const trailRegion = options.regions[0] as string;
  const trailArn = target.regions[trailRegion]?.trails[0]?.arn ?? "";
  return plantUnusualActivity(b, target, {
    region: trailRegion,
    ...(unusedRegion !== undefined && { unusedRegion }),
    trailArn,
    person,
    automation,
  });
}
