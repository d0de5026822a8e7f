/**
 * A deterministic estate generator for accuracy tests and benchmarks: any number of
 * accounts × regions × resources, with problems planted at known rates and the exact list of
 * findings they should produce. Same options (seed included) → byte-identical JSON.
 */
import { estimateMonthlyCosts } from "./costs.js";
import { EstateBuilder } from "./estate-builder.js";
import type {
  Estate,
  EstateAccount,
  EstateEnvironment,
  EstateInstance,
  EstateSecurityGroup,
  EstateSubnet,
  Tags,
} from "./estate.js";
import { PLANTED_PROBLEM_KINDS, type PlantedProblem, type PlantedProblemKind } from "./planted.js";

export interface GenerateEstateOptions {
  /** Number of accounts; the first is the organization's management account. */
  accounts: number;
  regions: readonly string[];
  /**
   * Roughly how many inventory-visible resources (instances, volumes, buckets, DB instances,
   * functions, VPCs, subnets) each account holds in each region. Give this or totalResources.
   */
  resourcesPerRegion?: number;
  /** Roughly how many inventory-visible resources in all, spread evenly over accounts × regions. */
  totalResources?: number;
  seed: number;
  /** The estate's capturedAt; every age is relative to it. */
  now: Date;
  company?: string;
  /** Probability per candidate resource of each planted problem (see DEFAULT_PROBLEM_RATES). */
  problemRates?: Partial<Record<PlantedProblemKind, number>>;
}

export interface GenerateEstateResult {
  estate: Estate;
  /** Every planted problem: what an accurate audit of the whole estate finds, no more, no less. */
  expectedFindings: PlantedProblem[];
}

/**
 * Default probability of each problem per candidate:
 * s3-public-bucket per bucket; the three sg-open/wide kinds per workload security group;
 * sg-unused, ebs-unattached-volume, eip-unassociated and eni-orphaned per instance (each adds
 * one stray resource); untagged/partially-tagged per instance, bucket, function and DB
 * instance; iam-user-no-mfa per console user; iam-access-key-old/-unused per access key;
 * rds-* per DB instance; elb-idle per load balancer; ebs-snapshot-old per snapshot;
 * cloudtrail-logging-stopped per account.
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
  "iam-user-no-mfa": 0.2,
  "iam-access-key-old": 0.15,
  "iam-access-key-unused": 0.1,
  "rds-unencrypted": 0.1,
  "rds-public": 0.05,
  "elb-idle": 0.1,
  "eni-orphaned": 0.02,
  "ebs-snapshot-old": 0.15,
  "cloudtrail-logging-stopped": 0.1,
};

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
const RUNTIMES = ["python3.12", "python3.11", "nodejs20.x", "nodejs18.x", "java21"] as const;
const DB_CLASSES = ["db.t3.medium", "db.t4g.medium", "db.m6g.large", "db.r6g.large"] as const;

interface Ctx {
  b: EstateBuilder;
  account: EstateAccount;
  region: string;
  env: string;
  environment: EstateEnvironment;
  rates: Readonly<Record<PlantedProblemKind, number>>;
}

type TagStyle = "full" | "none" | "partial";

function tagsFor(ctx: Ctx, name: string, team: (typeof TEAMS)[number], style: TagStyle = "full"): Tags {
  if (style === "none") return {};
  if (style === "partial") return { Name: name, Environment: ctx.environment, Application: team.app };
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
  vpcId: string,
  name: string,
  ingress: EstateSecurityGroup["ingress"],
  team: (typeof TEAMS)[number],
): EstateSecurityGroup {
  const group = ctx.b.addSecurityGroup(ctx.account, ctx.region, {
    vpcId,
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
    group.ingress.push(peer("10.0.0.0/8", 1024, 65535));
    ctx.b.plant("sg-wide-port-range", group.id, ctx.account, ctx.region);
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
  const built = b.addInstance(ctx.account, ctx.region, {
    subnet: spec.subnet,
    type: b.rng.pick(INSTANCE_TYPES),
    securityGroupIds: [spec.group.id],
    tags: tagsFor(ctx, spec.name, spec.team, tagging.style),
    volumeTags: tagsFor(ctx, `${spec.name}-disk`, spec.team),
    state: b.rng.chance(0.1) && spec.alwaysRunning !== true ? "stopped" : "running",
    launchedDaysAgo: b.rng.int(2, 700),
    ...(spec.dataGiB > 0 ? { dataVolumes: [{ sizeGiB: spec.dataGiB }] } : {}),
  });
  instanceId = built.instance.id;
  tagging.plant();
  for (const volume of built.volumes.slice(1)) {
    const old = plantIf(ctx, "ebs-snapshot-old");
    const snapshot = b.addSnapshot(ctx.account, ctx.region, {
      volume,
      startedDaysAgo: old ? b.rng.int(400, 1200) : b.rng.int(1, 300),
      description: `backup of ${volume.id}`,
    });
    if (old) b.plant("ebs-snapshot-old", snapshot.id, ctx.account, ctx.region);
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
      type: b.rng.pick(["gp2", "gp3"] as const),
      createdDaysAgo: b.rng.int(10, 600),
      tags: tagsFor(ctx, `${spec.name}-detached`, spec.team),
    });
    b.plant("ebs-unattached-volume", volume.id, ctx.account, ctx.region);
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

function buildRegion(ctx: Ctx, resources: number, secondOctet: number): void {
  const { b } = ctx;
  const vpcCount = Math.max(1, Math.round(resources / 120));
  const budget = Math.max(0, resources - vpcCount * 5);
  const instanceCount = Math.round(budget * 0.32);
  const dbCount = Math.round(budget * 0.05);
  const functionCount = Math.round(budget * 0.12);
  const bucketCount = Math.round(budget * 0.05);
  const perVpc = (n: number, v: number): number => Math.floor(n / vpcCount) + (v < n % vpcCount ? 1 : 0);
  for (let v = 0; v < vpcCount; v++) {
    const team = TEAMS[(secondOctet + v) % TEAMS.length] as (typeof TEAMS)[number];
    const net = b.addStandardVpc(ctx.account, ctx.region, {
      name: `${ctx.env}-${ctx.region}-vpc-${pad(v + 1)}`,
      secondOctet: (secondOctet + v) % 256,
      azCount: 2,
      tagsFor: (name) => tagsFor(ctx, name, TEAMS[3]),
    });
    const prefix = `${ctx.env}-${team.app}-${pad(v + 1)}`;
    const albGroup = b.addSecurityGroup(ctx.account, ctx.region, {
      vpcId: net.vpc.id,
      name: `${prefix}-alb-sg`,
      description: "HTTPS from the internet (generated)",
      ingress: [
        { protocol: "tcp", fromPort: 443, toPort: 443, ipv4: [{ cidr: "0.0.0.0/0" }], ipv6: [], groups: [] },
      ],
      tags: tagsFor(ctx, `${prefix}-alb-sg`, team),
    });
    const webGroup = workloadGroup(
      ctx,
      net.vpc.id,
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
      net.vpc.id,
      `${prefix}-worker-sg`,
      [
        {
          protocol: "tcp",
          fromPort: 8443,
          toPort: 8443,
          ipv4: [{ cidr: net.vpc.cidr }],
          ipv6: [],
          groups: [],
        },
      ],
      team,
    );
    // Every workload group gets at least one instance, so no group is unused unless planted.
    const web: EstateInstance[] = [];
    const instances = Math.max(2, perVpc(instanceCount, v));
    for (let i = 0; i < instances; i++) {
      const isWeb = i % 5 === 0 || i % 5 === 3;
      const instance = addInstanceWithStrays(ctx, {
        subnet: net.privateSubnets[i % net.privateSubnets.length] as EstateSubnet,
        group: isWeb ? webGroup : workerGroup,
        name: `${prefix}-${isWeb ? "web" : "worker"}-${pad(i + 1, 3)}`,
        team,
        dataGiB: !isWeb && b.rng.chance(0.5) ? b.rng.pick([100, 200, 500]) : 0,
      });
      if (isWeb && instance.state === "running") web.push(instance);
    }
    const idle = plantIf(ctx, "elb-idle");
    if (!idle && web.length === 0) {
      // A balancer with nothing running behind it would be idle without being planted.
      web.push(
        addInstanceWithStrays(ctx, {
          subnet: net.privateSubnets[0] as EstateSubnet,
          group: webGroup,
          name: `${prefix}-web-keep`,
          team,
          dataGiB: 0,
          alwaysRunning: true,
        }),
      );
    }
    const { loadBalancer } = b.addLoadBalancer(ctx.account, ctx.region, {
      name: `${prefix}-alb`.slice(0, 32),
      scheme: "internet-facing",
      subnets: net.publicSubnets,
      securityGroupIds: [albGroup.id],
      targets: idle ? [] : web,
      targetPort: 8080,
      targetHealth: idle ? "unhealthy" : "healthy",
      requestCountLast7Days: idle ? 0 : b.rng.int(1_000, 5_000_000),
      createdDaysAgo: b.rng.int(30, 900),
      tags: tagsFor(ctx, `${prefix}-alb`, team),
    });
    if (idle) b.plant("elb-idle", loadBalancer.arn, ctx.account, ctx.region);
    for (let d = 0; d < perVpc(dbCount, v); d++) {
      const id = `${prefix}-db-${pad(d + 1)}`;
      const dbGroup = b.addSecurityGroup(ctx.account, ctx.region, {
        vpcId: net.vpc.id,
        name: `${id}-sg`,
        description: "database clients (generated)",
        ingress: [
          {
            protocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
            ipv4: [],
            ipv6: [],
            groups: [{ groupId: workerGroup.id }],
          },
        ],
        tags: tagsFor(ctx, `${id}-sg`, team),
      });
      const unencrypted = plantIf(ctx, "rds-unencrypted");
      const isPublic = plantIf(ctx, "rds-public");
      const tagging = tagStyle(ctx, () => id);
      b.addDbInstance(ctx.account, ctx.region, {
        id,
        engine: b.rng.chance(0.6) ? "postgres" : "mysql",
        engineVersion: b.rng.pick(["16.4", "15.8", "8.0.39"]),
        instanceClass: b.rng.pick(DB_CLASSES),
        allocatedStorageGiB: b.rng.pick([20, 100, 500, 1000]),
        storageEncrypted: !unencrypted,
        publiclyAccessible: isPublic,
        subnets: isPublic ? net.publicSubnets : net.privateSubnets,
        securityGroupIds: [dbGroup.id],
        createdDaysAgo: b.rng.int(10, 1200),
        tags: tagsFor(ctx, id, team, tagging.style),
      });
      tagging.plant();
      if (unencrypted) b.plant("rds-unencrypted", id, ctx.account, ctx.region);
      if (isPublic) b.plant("rds-public", id, ctx.account, ctx.region);
    }
  }
  for (let f = 0; f < functionCount; f++) {
    const team = TEAMS[f % TEAMS.length] as (typeof TEAMS)[number];
    const name = `${ctx.env}-${team.app}-fn-${pad(f + 1, 3)}`;
    const tagging = tagStyle(ctx, () => name);
    b.addFunction(ctx.account, ctx.region, {
      name,
      runtime: b.rng.pick(RUNTIMES),
      memoryMb: b.rng.pick([128, 256, 512, 1024, 2048]),
      description: `${team.app} function (generated)`,
      modifiedDaysAgo: b.rng.int(1, 500),
      roleName: `${ctx.env}-${team.app}-lambda-role`,
      tags: tagsFor(ctx, name, team, tagging.style),
    });
    tagging.plant();
  }
  for (let k = 0; k < bucketCount; k++) {
    const team = TEAMS[k % TEAMS.length] as (typeof TEAMS)[number];
    const name = `gen-${ctx.account.id}-${ctx.region}-${team.app}-${pad(k + 1, 3)}`;
    const isPublic = plantIf(ctx, "s3-public-bucket");
    const tagging = tagStyle(ctx, () => name);
    b.addBucket(ctx.account, {
      name,
      region: ctx.region,
      createdDaysAgo: b.rng.int(10, 1500),
      isPublic,
      kms: b.rng.chance(0.3),
      tags: tagsFor(ctx, name, team, tagging.style),
    });
    tagging.plant();
    if (isPublic) b.plant("s3-public-bucket", name, ctx.account, ctx.region);
  }
  b.addEvent(ctx.account, ctx.region, {
    daysAgo: b.rng.next() * 3,
    eventName: "CreateTags",
    eventSource: "ec2.amazonaws.com",
    username: "ci",
    principalArn: `arn:aws:iam::${ctx.account.id}:user/ci`,
  });
}

function buildIdentity(ctx: Omit<Ctx, "region">): void {
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
            ? { createdDaysAgo: b.rng.int(30, 80) }
            : { createdDaysAgo: b.rng.int(1, 80), lastUsedDaysAgo: b.rng.int(0, 1) },
      ],
    });
    const keyId = user.accessKeys[0]?.accessKeyId ?? "";
    if (kind === "old") b.plant("iam-access-key-old", keyId, account, region);
    if (kind === "unused") b.plant("iam-access-key-unused", keyId, account, region);
  }
  b.addRole(account, {
    roleName: "PlatformEngineer",
    description: "Day-to-day platform operations",
    trustedPrincipals: [`arn:aws:iam::${ctx.b.estate.organization?.managementAccountId ?? account.id}:root`],
    attachedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess"],
    createdDaysAgo: 800,
    lastUsedDaysAgo: 0.2,
  });
}

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
      : Math.ceil(options.totalResources / (accounts * regions.length)));
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
  });
  b.setOrganization(accountId(options.seed, 0));
  for (let i = 0; i < accounts; i++) {
    const isManagement = i === 0;
    const env = isManagement
      ? { environment: "management" as const, short: "mgmt" }
      : (ENVIRONMENTS[(i - 1) % ENVIRONMENTS.length] as (typeof ENVIRONMENTS)[number]);
    const id = accountId(options.seed, i);
    const short = `${env.short}${pad(i, 3)}`;
    const account = b.addAccount({
      id,
      name: `${isManagement ? "Management" : env.environment} account ${pad(i, 3)}`,
      alias: `gen-${short}`,
      email: `aws+${short}@generated.example`,
      environment: env.environment,
      profiles: [{ name: `gen-${short}`, roleName: "PlatformEngineer", sessionName: "generated-user" }],
      enabledRegions: [...regions],
      joinedDaysAgo: isManagement ? 2000 : b.rng.int(30, 1500),
    });
    const base = { b, account, env: short, environment: env.environment, rates };
    buildIdentity(base);
    regions.forEach((region, r) =>
      buildRegion({ ...base, region }, perRegion, (i * regions.length + r) % 250),
    );
    const trailRegion = regions[0] as string;
    const stopped = b.rng.chance(rates["cloudtrail-logging-stopped"]);
    const trail = b.addTrail(account, trailRegion, {
      name: `${short}-trail`,
      bucketName: `gen-${id}-cloudtrail`,
      isLogging: !stopped,
      tags: { Owner: TEAMS[3].owner, CostCenter: TEAMS[3].costCenter },
    });
    if (stopped) b.plant("cloudtrail-logging-stopped", trail.arn, account, trailRegion);
    b.addBucket(account, {
      name: `gen-${id}-cloudtrail`,
      region: trailRegion,
      createdDaysAgo: 1000,
      kms: true,
      versioning: true,
      tags: tagsFor({ ...base, region: trailRegion }, `gen-${id}-cloudtrail`, TEAMS[3]),
    });
  }
  for (const account of b.estate.accounts) account.costs = estimateMonthlyCosts(account, options.now, b.rng);
  return { estate: b.estate, expectedFindings: b.planted };
}
