/**
 * Building blocks of the demo estate: a region's network, a web tier behind a load balancer,
 * a worker tier, a database, functions and buckets, all tagged the Northwind way
 * (Name, Owner, Environment, CostCenter, Application). Nothing here plants a problem.
 */
import type { BucketSpec, EstateBuilder } from "./estate-builder.js";
import type {
  EstateAccount,
  EstateClassicLoadBalancer,
  EstateDbCluster,
  EstateDbInstance,
  EstateImage,
  EstateKmsKey,
  EstateInstance,
  EstateSecurityGroup,
  EstateSubnet,
  EstateVolume,
  EstateVpc,
  Tags,
} from "./estate.js";

export interface Team {
  owner: string;
  costCenter: string;
}

export const TEAMS = {
  data: { owner: "data-platform", costCenter: "CC-1010" },
  web: { owner: "web-team", costCenter: "CC-2020" },
  ml: { owner: "ml-team", costCenter: "CC-3030" },
  platform: { owner: "platform-team", costCenter: "CC-4040" },
  finance: { owner: "finops", costCenter: "CC-5050" },
} as const satisfies Record<string, Team>;

export interface Site {
  b: EstateBuilder;
  account: EstateAccount;
  region: string;
  /** Short environment name used in resource names: mgmt, sbx, dev, stg, prod. */
  env: string;
  /** The Environment tag value. */
  environment: string;
  vpc: EstateVpc;
  publicSubnets: EstateSubnet[];
  privateSubnets: EstateSubnet[];
}

export function standardTags(site: Pick<Site, "environment">, name: string, team: Team, app: string): Tags {
  return {
    Name: name,
    Owner: team.owner,
    Environment: site.environment,
    CostCenter: team.costCenter,
    Application: app,
  };
}

export function createSite(
  b: EstateBuilder,
  account: EstateAccount,
  region: string,
  spec: {
    env: string;
    environment: string;
    secondOctet: number;
    azCount: number;
    natGateway?: boolean;
    vpcId?: string;
    flowLogs?: boolean;
  },
): Site {
  const net = b.addStandardVpc(account, region, {
    ...(spec.vpcId === undefined ? {} : { id: spec.vpcId }),
    ...(spec.flowLogs === undefined ? {} : { flowLogs: spec.flowLogs }),
    name: `${spec.env}-${region}-vpc`,
    secondOctet: spec.secondOctet,
    azCount: spec.azCount,
    ...(spec.natGateway === undefined ? {} : { natGateway: spec.natGateway }),
    tagsFor: (name) => ({
      Name: name,
      Owner: TEAMS.platform.owner,
      Environment: spec.environment,
      CostCenter: TEAMS.platform.costCenter,
      Application: "network",
    }),
  });
  return {
    b,
    account,
    region,
    env: spec.env,
    environment: spec.environment,
    vpc: net.vpc,
    publicSubnets: net.publicSubnets,
    privateSubnets: net.privateSubnets,
  };
}

function nth<T>(items: readonly T[], i: number): T {
  const item = items[i % items.length];
  if (item === undefined) throw new Error("empty list");
  return item;
}

function name2(n: number): string {
  return String(n).padStart(2, "0");
}

export function securityGroup(
  site: Site,
  spec: {
    id?: string;
    name: string;
    description: string;
    team: Team;
    app: string;
    ingress: EstateSecurityGroup["ingress"];
  },
): EstateSecurityGroup {
  return site.b.addSecurityGroup(site.account, site.region, {
    ...(spec.id === undefined ? {} : { id: spec.id }),
    vpcId: site.vpc.id,
    name: spec.name,
    description: spec.description,
    ingress: spec.ingress,
    tags: standardTags(site, spec.name, spec.team, spec.app),
  });
}

export function tcpFromGroup(
  port: number,
  groupId: string,
  description?: string,
): EstateSecurityGroup["ingress"][number] {
  return {
    protocol: "tcp",
    fromPort: port,
    toPort: port,
    ipv4: [],
    ipv6: [],
    groups: [{ groupId, ...(description === undefined ? {} : { description }) }],
  };
}

export function tcpFromCidr(
  from: number,
  to: number,
  cidr: string,
  description?: string,
): EstateSecurityGroup["ingress"][number] {
  const peer = { cidr, ...(description === undefined ? {} : { description }) };
  return {
    protocol: "tcp",
    fromPort: from,
    toPort: to,
    ipv4: cidr.includes(":") ? [] : [peer],
    ipv6: cidr.includes(":") ? [peer] : [],
    groups: [],
  };
}

export interface TierResult {
  group: EstateSecurityGroup;
  instances: EstateInstance[];
  volumes: EstateVolume[];
}

/**
 * Instances in the private subnets behind an internet-facing ALB (443 from anywhere, by
 * design: the ALB's group, `albGroupId`, is a planted `sg-open-ingress-web-lb`).
 */
export function webTier(
  site: Site,
  spec: {
    app: string;
    team: Team;
    count: number;
    type: string;
    requestsPerWeek: number;
    ageDays: number;
    albGroupId: string;
  },
): TierResult {
  const { b } = site;
  const albGroup = securityGroup(site, {
    id: spec.albGroupId,
    name: `${site.env}-${spec.app}-alb-sg`,
    description: `HTTPS from the internet to the ${spec.app} load balancer`,
    team: spec.team,
    app: spec.app,
    ingress: [tcpFromCidr(443, 443, "0.0.0.0/0", "HTTPS"), tcpFromCidr(443, 443, "::/0", "HTTPS")],
  });
  const group = securityGroup(site, {
    name: `${site.env}-${spec.app}-web-sg`,
    description: `${spec.app} web servers, from the load balancer only`,
    team: spec.team,
    app: spec.app,
    ingress: [tcpFromGroup(8080, albGroup.id, "from ALB")],
  });
  const tier = instances(site, { ...spec, role: "web", group, dataGiB: 0 });
  b.addLoadBalancer(site.account, site.region, {
    name: `${site.env}-${spec.app}-alb`,
    scheme: "internet-facing",
    subnets: site.publicSubnets,
    securityGroupIds: [albGroup.id],
    targets: tier.instances,
    targetPort: 8080,
    targetHealth: "healthy",
    requestCountLast7Days: spec.requestsPerWeek,
    createdDaysAgo: spec.ageDays,
    tags: standardTags(site, `${site.env}-${spec.app}-alb`, spec.team, spec.app),
  });
  return tier;
}

/** Instances with a data volume each, reachable on 8443 from inside the VPC. */
export function workerTier(
  site: Site,
  spec: {
    app: string;
    team: Team;
    count: number;
    type: string;
    dataGiB: number;
    ageDays: number;
    role?: string;
  },
): TierResult {
  const role = spec.role ?? "worker";
  const group = securityGroup(site, {
    name: `${site.env}-${spec.app}-${role}-sg`,
    description: `${spec.app} ${role}s`,
    team: spec.team,
    app: spec.app,
    ingress: [tcpFromCidr(8443, 8443, site.vpc.cidr, "internal API")],
  });
  const tier = instances(site, { ...spec, role, group });
  // Nightly backups of the data volumes, kept for two weeks.
  for (const volume of tier.volumes.filter((v) => v.attachments[0]?.device !== "/dev/xvda")) {
    for (const days of [1, 7, 14]) {
      site.b.addSnapshot(site.account, site.region, {
        volume,
        startedDaysAgo: days + 0.1,
        description: `Nightly backup of ${volume.id}`,
      });
    }
  }
  return tier;
}

export function instances(
  site: Site,
  spec: {
    app: string;
    team: Team;
    count: number;
    type: string;
    role: string;
    group: EstateSecurityGroup;
    dataGiB: number;
    ageDays: number;
  },
): TierResult {
  const out: TierResult = { group: spec.group, instances: [], volumes: [] };
  for (let i = 0; i < spec.count; i++) {
    const name = `${site.env}-${spec.app}-${spec.role}-${name2(i + 1)}`;
    const built = site.b.addInstance(site.account, site.region, {
      subnet: nth(site.privateSubnets, i),
      type: spec.type,
      securityGroupIds: [spec.group.id],
      tags: standardTags(site, name, spec.team, spec.app),
      launchedDaysAgo: Math.max(1, spec.ageDays - i * 3),
      ...(spec.dataGiB > 0 ? { dataVolumes: [{ sizeGiB: spec.dataGiB }] } : {}),
    });
    out.instances.push(built.instance);
    out.volumes.push(...built.volumes);
  }
  return out;
}

export function database(
  site: Site,
  spec: {
    id: string;
    app: string;
    team: Team;
    engine: "postgres" | "mysql" | "aurora-postgresql";
    engineVersion: string;
    instanceClass: string;
    storageGiB: number;
    clientGroup: EstateSecurityGroup;
    ageDays: number;
    multiAz?: boolean;
    backupRetentionDays?: number;
    storageEncrypted?: boolean;
    publiclyAccessible?: boolean;
  },
): EstateDbInstance {
  const port = spec.engine === "mysql" ? 3306 : 5432;
  const isPublic = spec.publiclyAccessible ?? false;
  const group = securityGroup(site, {
    name: `${site.env}-${spec.id}-db-sg`,
    description: `${spec.id} database clients`,
    team: spec.team,
    app: spec.app,
    ingress: [tcpFromGroup(port, spec.clientGroup.id, `${spec.app} clients`)],
  });
  return site.b.addDbInstance(site.account, site.region, {
    id: spec.id,
    engine: spec.engine,
    engineVersion: spec.engineVersion,
    instanceClass: spec.instanceClass,
    allocatedStorageGiB: spec.storageGiB,
    storageEncrypted: spec.storageEncrypted ?? true,
    publiclyAccessible: isPublic,
    multiAz: spec.multiAz ?? true,
    ...(spec.backupRetentionDays === undefined ? {} : { backupRetentionDays: spec.backupRetentionDays }),
    subnets: isPublic ? site.publicSubnets : site.privateSubnets,
    securityGroupIds: [group.id],
    createdDaysAgo: spec.ageDays,
    tags: standardTags(site, spec.id, spec.team, spec.app),
  });
}

export function functions(
  site: Pick<Site, "b" | "account" | "region" | "env" | "environment">,
  spec: {
    app: string;
    team: Team;
    names: { name: string; runtime: string; memoryMb: number; modifiedDaysAgo: number }[];
  },
): void {
  for (const f of spec.names) {
    const name = `${site.env}-${f.name}`;
    site.b.addFunction(site.account, site.region, {
      name,
      runtime: f.runtime,
      memoryMb: f.memoryMb,
      description: `${spec.app}: ${f.name.replace(/-/g, " ")}`,
      modifiedDaysAgo: f.modifiedDaysAgo,
      roleName: `${site.env}-${spec.app}-lambda-role`,
      tags: standardTags(site, name, spec.team, spec.app),
    });
  }
}

export function bucket(
  site: Pick<Site, "b" | "account" | "environment">,
  spec: {
    name: string;
    region: string;
    app: string;
    team: Team;
    ageDays: number;
    kms?: boolean;
    versioning?: BucketSpec["versioning"];
    publicAccessBlock?: BucketSpec["publicAccessBlock"];
  },
): void {
  site.b.addBucket(site.account, {
    name: spec.name,
    region: spec.region,
    createdDaysAgo: spec.ageDays,
    tags: standardTags(site, spec.name, spec.team, spec.app),
    kms: spec.kms ?? false,
    ...(spec.versioning === undefined ? {} : { versioning: spec.versioning }),
    ...(spec.publicAccessBlock === undefined ? {} : { publicAccessBlock: spec.publicAccessBlock }),
  });
}

/** An Aurora cluster in the private subnets, reachable on its port from the client group. */
export function auroraCluster(
  site: Site,
  spec: {
    id: string;
    app: string;
    team: Team;
    engine: EstateDbCluster["engine"];
    engineVersion: string;
    instanceClass: string;
    instanceCount: number;
    clientGroup: EstateSecurityGroup;
    ageDays: number;
  },
): EstateDbCluster {
  const port = spec.engine === "aurora-mysql" ? 3306 : 5432;
  const group = securityGroup(site, {
    name: `${site.env}-${spec.id}-db-sg`,
    description: `${spec.id} cluster clients`,
    team: spec.team,
    app: spec.app,
    ingress: [tcpFromGroup(port, spec.clientGroup.id, `${spec.app} clients`)],
  });
  return site.b.addDbCluster(site.account, site.region, {
    id: spec.id,
    engine: spec.engine,
    engineVersion: spec.engineVersion,
    instanceClass: spec.instanceClass,
    instanceCount: spec.instanceCount,
    subnets: site.privateSubnets,
    securityGroupIds: [group.id],
    createdDaysAgo: spec.ageDays,
    tags: standardTags(site, spec.id, spec.team, spec.app),
  }).cluster;
}

/** A golden image the account baked (and owns). */
export function goldenImage(
  site: Site,
  spec: { name: string; app: string; team: Team; ageDays: number; platform?: "windows"; arm?: boolean },
): EstateImage {
  return site.b.addImage(site.account, site.region, {
    name: spec.name,
    description: `Northwind ${spec.platform === "windows" ? "Windows Server 2022" : "Amazon Linux 2023"} base image (${spec.app})`,
    createdDaysAgo: spec.ageDays,
    rootGiB: spec.platform === "windows" ? 50 : 8,
    ...(spec.platform === undefined ? {} : { platform: spec.platform }),
    ...(spec.arm === true ? { architecture: "arm64" as const } : {}),
    tags: standardTags(site, spec.name, spec.team, spec.app),
  });
}

/** A customer managed KMS key with its alias. */
export function kmsKey(
  site: Pick<Site, "b" | "account" | "region" | "environment">,
  spec: {
    alias: string;
    description: string;
    app: string;
    team: Team;
    ageDays: number;
    state?: EstateKmsKey["state"];
  },
): EstateKmsKey {
  return site.b.addKmsKey(site.account, site.region, {
    alias: spec.alias,
    description: spec.description,
    createdDaysAgo: spec.ageDays,
    ...(spec.state === undefined ? {} : { state: spec.state }),
    tags: standardTags(site, spec.alias.replace(/^alias\//, ""), spec.team, spec.app),
  });
}

/** A classic load balancer in front of some instances (HTTP from inside the network, by design). */
export function classicLoadBalancer(
  site: Site,
  spec: {
    name: string;
    app: string;
    team: Team;
    instances: EstateInstance[];
    instancePort: number;
    requestsPerWeek: number;
    ageDays: number;
  },
): EstateClassicLoadBalancer {
  const group = securityGroup(site, {
    name: `${spec.name}-sg`,
    description: `HTTP to the ${spec.app} classic load balancer`,
    team: spec.team,
    app: spec.app,
    ingress: [tcpFromCidr(80, 80, "10.0.0.0/8", "internal HTTP")],
  });
  return site.b.addClassicLoadBalancer(site.account, site.region, {
    name: spec.name,
    scheme: "internal",
    subnets: site.privateSubnets,
    securityGroupIds: [group.id],
    instances: spec.instances,
    instancePort: spec.instancePort,
    requestCountLast7Days: spec.requestsPerWeek,
    createdDaysAgo: spec.ageDays,
    tags: standardTags(site, spec.name, spec.team, spec.app),
  });
}
