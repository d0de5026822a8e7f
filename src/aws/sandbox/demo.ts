/**
 * The bundled demo estate: Northwind Analytics, a fictional data-analytics company with an
 * AWS Organization of five accounts across four regions, a few hundred resources, and
 * deliberate problems for every audit to find (DEMO_PLANTED_PROBLEMS).
 *
 * Built in code, deterministically: ids come from a seeded generator (planted resources have
 * literal ids, so the list below is fixed), every age is relative to `now`.
 */
import {
  bucket,
  createSite,
  database,
  functions,
  securityGroup,
  standardTags,
  tcpFromCidr,
  TEAMS,
  webTier,
  workerTier,
  type Site,
} from "./demo-workloads.js";
import { estimateMonthlyCosts } from "./costs.js";
import { EstateBuilder } from "./estate-builder.js";
import type { Estate, EstateAccount, EstateEnvironment } from "./estate.js";
import type { PlantedProblem } from "./planted.js";

/** The moment the default demo describes. */
export const DEMO_NOW = new Date("2026-11-01T00:00:00.000Z");
export const DEMO_COMPANY = "Northwind Analytics";
export const DEMO_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"] as const;

export const DEMO_ACCOUNTS = {
  management: "111111111111",
  sandbox: "222222222222",
  development: "333333333333",
  staging: "444444444444",
  production: "555555555555",
} as const;

const SEED = 0x4e574131;

/** A literal id for a planted resource: `<prefix>-0bad` and 13 digits. */
function bad(prefix: string, n: number): string {
  return `${prefix}-0bad${String(n).padStart(13, "0")}`;
}

const MGMT = DEMO_ACCOUNTS.management;
const SBX = DEMO_ACCOUNTS.sandbox;
const DEV = DEMO_ACCOUNTS.development;
const STG = DEMO_ACCOUNTS.staging;
const PROD = DEMO_ACCOUNTS.production;

const P = {
  sbxPublicBucket: "northwind-sbx-share-tmp",
  prodPublicBucket: "northwind-marketing-assets-prod",
  sbxSshGroup: bad("sg", 1),
  devBastionGroup: bad("sg", 2),
  stgRdpGroup: bad("sg", 3),
  devWideGroup: bad("sg", 4),
  sbxUnusedGroup: bad("sg", 5),
  devUnusedGroup: bad("sg", 6),
  prodUnusedGroup: bad("sg", 7),
  devLooseVolume1: bad("vol", 1),
  devLooseVolume2: bad("vol", 2),
  stgLooseVolume: bad("vol", 3),
  prodLooseVolume: bad("vol", 4),
  sbxLooseAddress: "eipalloc-0bad0000000000001",
  prodLooseAddress: "eipalloc-0bad0000000000002",
  sbxUntaggedInstance: bad("i", 1),
  devUntaggedFunction: "jb-test-function",
  stgUntaggedBucket: "northwind-stg-tmp-export-0423",
  prodUntaggedSnapshot: bad("snap", 10),
  devPartialInstance: bad("i", 2),
  stgPartialFunction: "stg-reporting-backfill",
  devUserNoMfa: "jdoe",
  stgUserNoMfa: "contractor-alex",
  prodOldKey: "AKIANWDEMOOLDKEY0001",
  mgmtOldKey: "AKIANWDEMOOLDKEY0002",
  sbxOldUnusedKey: "AKIANWDEMOOLDKEY0003",
  devUnusedKey: "AKIANWDEMOUNUSED0001",
  stgUnencryptedDb: "stg-reporting-mysql",
  prodPublicDb: "prod-partner-analytics-pg",
  sbxPublicDb: "sbx-demo-postgres",
  stgIdleLbHex: "0bad0000000000a1",
  sbxOrphanEni: bad("eni", 1),
  devOrphanEni: bad("eni", 2),
  devOldSnapshot1: bad("snap", 1),
  devOldSnapshot2: bad("snap", 2),
  prodOldSnapshot: bad("snap", 3),
  stgTrail: "northwind-staging-trail",
} as const;

const STG_IDLE_LB_ARN = `arn:aws:elasticloadbalancing:us-east-1:${STG}:loadbalancer/app/stg-legacy-portal-alb/${P.stgIdleLbHex}`;
const STG_TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${STG}:trail/${P.stgTrail}`;

/** Every problem planted in the demo estate, whatever `now` it is built for. */
export const DEMO_PLANTED_PROBLEMS: readonly PlantedProblem[] = [
  { problem: "s3-public-bucket", resourceId: P.sbxPublicBucket, account: SBX, region: "us-east-1" },
  { problem: "s3-public-bucket", resourceId: P.prodPublicBucket, account: PROD, region: "us-east-1" },
  { problem: "sg-open-ssh-ipv4", resourceId: P.sbxSshGroup, account: SBX, region: "us-east-1" },
  { problem: "sg-open-ssh-ipv4", resourceId: P.devBastionGroup, account: DEV, region: "us-east-1" },
  { problem: "sg-open-rdp-ipv6", resourceId: P.stgRdpGroup, account: STG, region: "eu-west-1" },
  { problem: "sg-wide-port-range", resourceId: P.devWideGroup, account: DEV, region: "us-west-2" },
  { problem: "sg-unused", resourceId: P.sbxUnusedGroup, account: SBX, region: "us-east-1" },
  { problem: "sg-unused", resourceId: P.devUnusedGroup, account: DEV, region: "eu-west-1" },
  { problem: "sg-unused", resourceId: P.prodUnusedGroup, account: PROD, region: "us-west-2" },
  { problem: "ebs-unattached-volume", resourceId: P.devLooseVolume1, account: DEV, region: "us-east-1" },
  { problem: "ebs-unattached-volume", resourceId: P.devLooseVolume2, account: DEV, region: "us-east-1" },
  { problem: "ebs-unattached-volume", resourceId: P.stgLooseVolume, account: STG, region: "us-east-1" },
  { problem: "ebs-unattached-volume", resourceId: P.prodLooseVolume, account: PROD, region: "eu-west-1" },
  { problem: "eip-unassociated", resourceId: P.sbxLooseAddress, account: SBX, region: "us-east-1" },
  { problem: "eip-unassociated", resourceId: P.prodLooseAddress, account: PROD, region: "us-east-1" },
  { problem: "untagged-resource", resourceId: P.sbxUntaggedInstance, account: SBX, region: "us-east-1" },
  { problem: "untagged-resource", resourceId: P.devUntaggedFunction, account: DEV, region: "us-west-2" },
  { problem: "untagged-resource", resourceId: P.stgUntaggedBucket, account: STG, region: "eu-west-1" },
  { problem: "untagged-resource", resourceId: P.prodUntaggedSnapshot, account: PROD, region: "us-east-1" },
  {
    problem: "partially-tagged-resource",
    resourceId: P.devPartialInstance,
    account: DEV,
    region: "us-east-1",
  },
  {
    problem: "partially-tagged-resource",
    resourceId: P.stgPartialFunction,
    account: STG,
    region: "us-east-1",
  },
  { problem: "iam-user-no-mfa", resourceId: P.devUserNoMfa, account: DEV, region: "global" },
  { problem: "iam-user-no-mfa", resourceId: P.stgUserNoMfa, account: STG, region: "global" },
  { problem: "iam-access-key-old", resourceId: P.prodOldKey, account: PROD, region: "global" },
  { problem: "iam-access-key-old", resourceId: P.mgmtOldKey, account: MGMT, region: "global" },
  { problem: "iam-access-key-old", resourceId: P.sbxOldUnusedKey, account: SBX, region: "global" },
  { problem: "iam-access-key-unused", resourceId: P.sbxOldUnusedKey, account: SBX, region: "global" },
  { problem: "iam-access-key-unused", resourceId: P.devUnusedKey, account: DEV, region: "global" },
  { problem: "rds-unencrypted", resourceId: P.stgUnencryptedDb, account: STG, region: "us-east-1" },
  { problem: "rds-public", resourceId: P.prodPublicDb, account: PROD, region: "us-east-1" },
  { problem: "rds-public", resourceId: P.sbxPublicDb, account: SBX, region: "us-west-2" },
  { problem: "elb-idle", resourceId: STG_IDLE_LB_ARN, account: STG, region: "us-east-1" },
  { problem: "eni-orphaned", resourceId: P.sbxOrphanEni, account: SBX, region: "us-east-1" },
  { problem: "eni-orphaned", resourceId: P.devOrphanEni, account: DEV, region: "us-west-2" },
  { problem: "ebs-snapshot-old", resourceId: P.devOldSnapshot1, account: DEV, region: "us-east-1" },
  { problem: "ebs-snapshot-old", resourceId: P.devOldSnapshot2, account: DEV, region: "us-east-1" },
  { problem: "ebs-snapshot-old", resourceId: P.prodOldSnapshot, account: PROD, region: "us-east-1" },
  { problem: "cloudtrail-logging-stopped", resourceId: STG_TRAIL_ARN, account: STG, region: "us-east-1" },
];

function addAccount(
  b: EstateBuilder,
  spec: {
    id: string;
    name: string;
    alias: string;
    environment: EstateEnvironment;
    profile: string;
    regions: string[];
  },
): EstateAccount {
  const account = b.addAccount({
    id: spec.id,
    name: spec.name,
    alias: spec.alias,
    email: `aws+${spec.alias}@northwind-analytics.example`,
    environment: spec.environment,
    profiles: [{ name: spec.profile, roleName: "PlatformEngineer", sessionName: "demo-user" }],
    enabledRegions: spec.regions,
    joinedDaysAgo: spec.environment === "management" ? 1400 : 1100,
  });
  b.addRole(account, {
    roleName: "PlatformEngineer",
    description: "Day-to-day platform operations (assumed through IAM Identity Center)",
    trustedPrincipals: [`arn:aws:iam::${MGMT}:root`],
    attachedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess"],
    createdDaysAgo: 900,
    lastUsedDaysAgo: 0.1,
  });
  b.addRole(account, {
    roleName: "SecurityAuditor",
    description: "Read-only access for the security team",
    trustedPrincipals: [`arn:aws:iam::${MGMT}:root`],
    attachedPolicyArns: ["arn:aws:iam::aws:policy/SecurityAudit"],
    createdDaysAgo: 900,
    lastUsedDaysAgo: 3,
  });
  if (spec.environment !== "management") {
    b.addRole(account, {
      roleName: "OrganizationAccountAccessRole",
      description: "Created by AWS Organizations",
      trustedPrincipals: [`arn:aws:iam::${MGMT}:root`],
      attachedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      createdDaysAgo: 1100,
      lastUsedDaysAgo: 40,
    });
  }
  return account;
}

/** Lambda execution roles for every function the account runs. */
function addFunctionRoles(b: EstateBuilder, account: EstateAccount): void {
  const names = new Set<string>();
  for (const region of Object.values(account.regions)) {
    for (const fn of region.functions) names.add(fn.roleArn.slice(fn.roleArn.lastIndexOf("/") + 1));
  }
  for (const roleName of [...names].sort()) {
    b.addRole(account, {
      roleName,
      description: "Lambda execution role",
      trustedPrincipals: ["lambda.amazonaws.com"],
      attachedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
      createdDaysAgo: 300,
      lastUsedDaysAgo: 0.2,
      path: "/service-role/",
    });
  }
}

function trail(b: EstateBuilder, account: EstateAccount, env: string, isLogging = true): void {
  const name = env === "mgmt" ? "northwind-org-trail" : `northwind-${env === "stg" ? "staging" : env}-trail`;
  b.addTrail(account, "us-east-1", {
    name,
    bucketName: `northwind-cloudtrail-${account.id}`,
    isLogging,
    isOrganizationTrail: env === "mgmt",
    tags: { Owner: TEAMS.platform.owner, CostCenter: TEAMS.platform.costCenter },
  });
  b.addBucket(account, {
    name: `northwind-cloudtrail-${account.id}`,
    region: "us-east-1",
    createdDaysAgo: 1000,
    kms: true,
    versioning: true,
    tags: {
      Name: `northwind-cloudtrail-${account.id}`,
      Owner: TEAMS.platform.owner,
      Environment: account.environment,
      CostCenter: TEAMS.platform.costCenter,
      Application: "audit-logging",
    },
  });
}

function buildManagement(b: EstateBuilder): void {
  const account = addAccount(b, {
    id: MGMT,
    name: "Northwind Management",
    alias: "northwind-mgmt",
    environment: "management",
    profile: "demo-mgmt",
    regions: ["us-east-1"],
  });
  const site = createSite(b, account, "us-east-1", {
    env: "mgmt",
    environment: "management",
    secondOctet: 0,
    azCount: 2,
  });
  workerTier(site, {
    app: "tooling",
    team: TEAMS.platform,
    count: 1,
    type: "t3.small",
    dataGiB: 0,
    ageDays: 400,
    role: "runner",
  });
  functions(site, {
    app: "org-automation",
    team: TEAMS.platform,
    names: [
      { name: "account-vending", runtime: "python3.12", memoryMb: 512, modifiedDaysAgo: 45 },
      { name: "guardrail-reporter", runtime: "python3.12", memoryMb: 256, modifiedDaysAgo: 12 },
      { name: "cost-anomaly-notifier", runtime: "nodejs20.x", memoryMb: 256, modifiedDaysAgo: 80 },
    ],
  });
  bucket(site, {
    name: "northwind-billing-reports",
    region: "us-east-1",
    app: "billing",
    team: TEAMS.finance,
    ageDays: 1200,
    kms: true,
  });
  trail(b, account, "mgmt");
  b.addUser(account, {
    userName: "break-glass-admin",
    createdDaysAgo: 1300,
    hasConsolePassword: true,
    passwordLastUsedDaysAgo: 210,
    hasMfa: true,
    accessKeys: [],
    attachedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
  });
  b.addUser(account, {
    userName: "billing-export",
    createdDaysAgo: 800,
    hasConsolePassword: false,
    hasMfa: false,
    accessKeys: [{ id: P.mgmtOldKey, createdDaysAgo: 200, lastUsedDaysAgo: 1 }],
  });
  b.plant("iam-access-key-old", P.mgmtOldKey, account, "global");
  addFunctionRoles(b, account);
}

function buildSandbox(b: EstateBuilder): void {
  const account = addAccount(b, {
    id: SBX,
    name: "Northwind Sandbox",
    alias: "northwind-sandbox",
    environment: "sandbox",
    profile: "demo-sandbox",
    regions: ["us-east-1", "us-west-2"],
  });
  const env = { env: "sbx", environment: "sandbox" };
  // The default VPC, where hand-launched experiments end up.
  const defaultVpc = b.addVpc(account, "us-east-1", {
    cidr: "172.31.0.0/16",
    isDefault: true,
    tags: {},
    subnets: ["a", "b", "c"].map((z, i) => ({
      availabilityZone: `us-east-1${z}`,
      cidr: `172.31.${i * 16}.0/20`,
      isPublic: true,
      tags: {},
    })),
  });
  const dv: Site = {
    b,
    account,
    region: "us-east-1",
    ...env,
    vpc: defaultVpc.vpc,
    publicSubnets: defaultVpc.subnets,
    privateSubnets: defaultVpc.subnets,
  };
  const sshGroup = securityGroup(dv, {
    id: P.sbxSshGroup,
    name: "launch-wizard-1",
    description: "launch-wizard-1 created 2026-03-14T10:02:11.000Z",
    team: TEAMS.platform,
    app: "experiments",
    ingress: [tcpFromCidr(22, 22, "0.0.0.0/0")],
  });
  b.plant("sg-open-ssh-ipv4", P.sbxSshGroup, account, "us-east-1");
  securityGroup(dv, {
    id: P.sbxUnusedGroup,
    name: "launch-wizard-3",
    description: "launch-wizard-3 created 2026-05-02T16:40:51.000Z",
    team: TEAMS.platform,
    app: "experiments",
    ingress: [tcpFromCidr(8888, 8888, "10.0.0.0/8")],
  });
  b.plant("sg-unused", P.sbxUnusedGroup, account, "us-east-1");
  const untagged = b.addInstance(account, "us-east-1", {
    id: P.sbxUntaggedInstance,
    subnet: defaultVpc.subnets[0] as (typeof defaultVpc.subnets)[number],
    type: "t3.medium",
    securityGroupIds: [sshGroup.id],
    tags: {},
    volumeTags: standardTags(dv, "sbx-scratch-root", TEAMS.platform, "experiments"),
    launchedDaysAgo: 37,
    hasPublicIp: true,
    keyName: "sbx-shared",
  });
  b.plant("untagged-resource", untagged.instance.id, account, "us-east-1");
  for (const [i, type] of (["t3.micro", "t3.small", "t4g.medium"] as const).entries()) {
    const name = `sbx-experiment-${String(i + 1).padStart(2, "0")}`;
    b.addInstance(account, "us-east-1", {
      subnet: defaultVpc.subnets[i % 3] as (typeof defaultVpc.subnets)[number],
      type,
      securityGroupIds: [sshGroup.id],
      tags: standardTags(dv, name, TEAMS.platform, "experiments"),
      state: i === 1 ? "stopped" : "running",
      launchedDaysAgo: 20 + i * 9,
      hasPublicIp: true,
      keyName: "sbx-shared",
    });
  }
  b.addDetachedInterface(account, "us-east-1", {
    id: P.sbxOrphanEni,
    subnet: defaultVpc.subnets[1] as (typeof defaultVpc.subnets)[number],
    securityGroupIds: [defaultVpc.defaultGroup.id],
    description: "manually created for a test",
  });
  b.plant("eni-orphaned", P.sbxOrphanEni, account, "us-east-1");
  b.addAddress(account, "us-east-1", {
    id: P.sbxLooseAddress,
    tags: standardTags(dv, "sbx-demo-ip", TEAMS.platform, "experiments"),
  });
  b.plant("eip-unassociated", P.sbxLooseAddress, account, "us-east-1");

  const west = createSite(b, account, "us-west-2", { ...env, secondOctet: 21, azCount: 2 });
  const api = workerTier(west, {
    app: "hackathon-api",
    team: TEAMS.web,
    count: 2,
    type: "t3.small",
    dataGiB: 0,
    ageDays: 60,
    role: "api",
  });
  database(west, {
    id: P.sbxPublicDb,
    app: "hackathon-api",
    team: TEAMS.web,
    engine: "postgres",
    engineVersion: "16.4",
    instanceClass: "db.t3.micro",
    storageGiB: 20,
    clientGroup: api.group,
    ageDays: 58,
    publiclyAccessible: true,
  });
  b.plant("rds-public", P.sbxPublicDb, account, "us-west-2");
  functions(west, {
    app: "hackathon-api",
    team: TEAMS.web,
    names: [{ name: "hackathon-webhook", runtime: "nodejs20.x", memoryMb: 128, modifiedDaysAgo: 55 }],
  });

  bucket(dv, {
    name: "northwind-sbx-experiments",
    region: "us-east-1",
    app: "experiments",
    team: TEAMS.platform,
    ageDays: 500,
  });
  b.addBucket(account, {
    name: P.sbxPublicBucket,
    region: "us-east-1",
    createdDaysAgo: 90,
    isPublic: true,
    tags: standardTags(dv, P.sbxPublicBucket, TEAMS.platform, "experiments"),
  });
  b.plant("s3-public-bucket", P.sbxPublicBucket, account, "us-east-1");
  trail(b, account, "sandbox");
  b.addUser(account, {
    userName: "sbx-admin",
    createdDaysAgo: 700,
    hasConsolePassword: true,
    passwordLastUsedDaysAgo: 4,
    hasMfa: true,
    accessKeys: [],
  });
  b.addUser(account, {
    userName: "hackathon-bot",
    createdDaysAgo: 300,
    hasConsolePassword: false,
    hasMfa: false,
    accessKeys: [{ id: P.sbxOldUnusedKey, createdDaysAgo: 300, lastUsedDaysAgo: 150 }],
  });
  b.plant("iam-access-key-old", P.sbxOldUnusedKey, account, "global");
  b.plant("iam-access-key-unused", P.sbxOldUnusedKey, account, "global");
  addFunctionRoles(b, account);
}

function buildDevelopment(b: EstateBuilder): void {
  const account = addAccount(b, {
    id: DEV,
    name: "Northwind Development",
    alias: "northwind-dev",
    environment: "development",
    profile: "demo-dev",
    regions: ["us-east-1", "us-west-2", "eu-west-1"],
  });
  const env = { env: "dev", environment: "development" };

  const east = createSite(b, account, "us-east-1", { ...env, secondOctet: 30, azCount: 2 });
  const ingest = webTier(east, {
    app: "ingest-api",
    team: TEAMS.data,
    count: 2,
    type: "t3.medium",
    requestsPerWeek: 180_000,
    ageDays: 200,
  });
  const etl = workerTier(east, {
    app: "etl-pipeline",
    team: TEAMS.data,
    count: 2,
    type: "c6i.xlarge",
    dataGiB: 200,
    ageDays: 150,
  });
  webTier(east, {
    app: "insights-web",
    team: TEAMS.web,
    count: 2,
    type: "t3.large",
    requestsPerWeek: 95_000,
    ageDays: 120,
  });
  database(east, {
    id: "dev-warehouse-pg",
    app: "warehouse",
    team: TEAMS.data,
    engine: "postgres",
    engineVersion: "16.4",
    instanceClass: "db.t4g.medium",
    storageGiB: 100,
    clientGroup: etl.group,
    ageDays: 300,
  });
  database(east, {
    id: "dev-ingest-mysql",
    app: "ingest-api",
    team: TEAMS.data,
    engine: "mysql",
    engineVersion: "8.0.39",
    instanceClass: "db.t3.medium",
    storageGiB: 50,
    clientGroup: ingest.group,
    ageDays: 190,
  });
  const bastionGroup = securityGroup(east, {
    id: P.devBastionGroup,
    name: "dev-bastion-sg",
    description: "SSH to the dev bastion",
    team: TEAMS.platform,
    app: "bastion",
    ingress: [tcpFromCidr(22, 22, "0.0.0.0/0", "temporary - jdoe")],
  });
  b.plant("sg-open-ssh-ipv4", P.devBastionGroup, account, "us-east-1");
  const bastion = b.addInstance(account, "us-east-1", {
    subnet: east.publicSubnets[0] as Site["publicSubnets"][number],
    type: "t3.micro",
    securityGroupIds: [bastionGroup.id],
    tags: standardTags(east, "dev-bastion-01", TEAMS.platform, "bastion"),
    launchedDaysAgo: 250,
    keyName: "dev-bastion",
  });
  b.addAddress(account, "us-east-1", {
    instance: bastion.instance,
    tags: standardTags(east, "dev-bastion-ip", TEAMS.platform, "bastion"),
  });
  const notebook = b.addInstance(account, "us-east-1", {
    id: P.devPartialInstance,
    subnet: east.privateSubnets[1] as Site["privateSubnets"][number],
    type: "t3.large",
    securityGroupIds: [etl.group.id],
    tags: { Name: "dev-ml-notebook-01", Environment: "development", Application: "ml-scoring" },
    volumeTags: standardTags(east, "dev-ml-notebook-01", TEAMS.ml, "ml-scoring"),
    launchedDaysAgo: 64,
    state: "stopped",
  });
  b.plant("partially-tagged-resource", notebook.instance.id, account, "us-east-1");
  for (const [n, id, size] of [
    [1, P.devLooseVolume1, 500],
    [2, P.devLooseVolume2, 100],
  ] as const) {
    b.addVolume(account, "us-east-1", {
      id,
      availabilityZone: "us-east-1a",
      sizeGiB: size,
      type: "gp2",
      createdDaysAgo: 180 + n * 40,
      tags: standardTags(east, `dev-etl-scratch-${n}`, TEAMS.data, "etl-pipeline"),
    });
    b.plant("ebs-unattached-volume", id, account, "us-east-1");
  }
  const etlData = etl.volumes.find((v) => v.attachments[0]?.device === "/dev/sdf");
  if (etlData === undefined) throw new Error("demo: the ETL worker has no data volume");
  for (const [id, days] of [
    [P.devOldSnapshot1, 400],
    [P.devOldSnapshot2, 730],
  ] as const) {
    b.addSnapshot(account, "us-east-1", {
      id,
      volume: etlData,
      startedDaysAgo: days,
      description: "before schema migration",
    });
    b.plant("ebs-snapshot-old", id, account, "us-east-1");
  }
  functions(east, {
    app: "ingest-api",
    team: TEAMS.data,
    names: [
      { name: "ingest-normalizer", runtime: "python3.12", memoryMb: 1024, modifiedDaysAgo: 3 },
      { name: "ingest-dlq-replayer", runtime: "python3.11", memoryMb: 256, modifiedDaysAgo: 40 },
    ],
  });

  const west = createSite(b, account, "us-west-2", { ...env, secondOctet: 31, azCount: 2 });
  const wideGroup = securityGroup(west, {
    id: P.devWideGroup,
    name: "dev-etl-workers-sg",
    description: "ETL workers (ephemeral ports)",
    team: TEAMS.data,
    app: "etl-pipeline",
    ingress: [tcpFromCidr(1024, 65535, "10.0.0.0/8", "ephemeral ports")],
  });
  b.plant("sg-wide-port-range", P.devWideGroup, account, "us-west-2");
  for (let i = 0; i < 3; i++) {
    const name = `dev-etl-batch-${String(i + 1).padStart(2, "0")}`;
    b.addInstance(account, "us-west-2", {
      subnet: west.privateSubnets[i % 2] as Site["privateSubnets"][number],
      type: "m5.large",
      securityGroupIds: [wideGroup.id],
      tags: standardTags(west, name, TEAMS.data, "etl-pipeline"),
      launchedDaysAgo: 90 - i * 11,
      dataVolumes: [{ sizeGiB: 150 }],
    });
  }
  workerTier(west, {
    app: "ml-scoring",
    team: TEAMS.ml,
    count: 2,
    type: "t3.large",
    dataGiB: 0,
    ageDays: 75,
  });
  b.addDetachedInterface(account, "us-west-2", {
    id: P.devOrphanEni,
    subnet: west.privateSubnets[0] as Site["privateSubnets"][number],
    securityGroupIds: [wideGroup.id],
    description: "left behind by a deleted endpoint test",
  });
  b.plant("eni-orphaned", P.devOrphanEni, account, "us-west-2");
  b.addFunction(account, "us-west-2", {
    name: P.devUntaggedFunction,
    runtime: "nodejs18.x",
    memoryMb: 128,
    description: "",
    modifiedDaysAgo: 210,
    roleName: "dev-scratch-lambda-role",
    tags: {},
  });
  b.plant("untagged-resource", P.devUntaggedFunction, account, "us-west-2");

  const eu = createSite(b, account, "eu-west-1", { ...env, secondOctet: 32, azCount: 2 });
  webTier(eu, {
    app: "insights-web",
    team: TEAMS.web,
    count: 2,
    type: "t3.medium",
    requestsPerWeek: 40_000,
    ageDays: 100,
  });
  securityGroup(eu, {
    id: P.devUnusedGroup,
    name: "dev-legacy-api-sg",
    description: "legacy API (decommissioned)",
    team: TEAMS.web,
    app: "legacy-api",
    ingress: [tcpFromCidr(8080, 8080, eu.vpc.cidr)],
  });
  b.plant("sg-unused", P.devUnusedGroup, account, "eu-west-1");

  for (const [region, short] of [
    ["us-east-1", "use1"],
    ["us-west-2", "usw2"],
    ["eu-west-1", "euw1"],
  ] as const) {
    bucket(east, {
      name: `northwind-dev-ingest-raw-${short}`,
      region,
      app: "ingest-api",
      team: TEAMS.data,
      ageDays: 400,
    });
  }
  bucket(east, {
    name: "northwind-dev-ml-features",
    region: "us-west-2",
    app: "ml-scoring",
    team: TEAMS.ml,
    ageDays: 220,
  });
  trail(b, account, "dev");
  b.addUser(account, {
    userName: P.devUserNoMfa,
    createdDaysAgo: 500,
    hasConsolePassword: true,
    passwordLastUsedDaysAgo: 1,
    hasMfa: false,
    accessKeys: [],
    groups: ["developers"],
  });
  b.plant("iam-user-no-mfa", P.devUserNoMfa, account, "global");
  b.addUser(account, {
    userName: "priya.sharma",
    createdDaysAgo: 420,
    hasConsolePassword: true,
    passwordLastUsedDaysAgo: 0.5,
    hasMfa: true,
    accessKeys: [],
    groups: ["developers"],
  });
  b.addUser(account, {
    userName: "dev-ci",
    createdDaysAgo: 600,
    hasConsolePassword: false,
    hasMfa: false,
    accessKeys: [{ createdDaysAgo: 20, lastUsedDaysAgo: 0.2 }],
  });
  b.addUser(account, {
    userName: "legacy-reporting",
    createdDaysAgo: 60,
    hasConsolePassword: false,
    hasMfa: false,
    accessKeys: [{ id: P.devUnusedKey, createdDaysAgo: 60 }],
  });
  b.plant("iam-access-key-unused", P.devUnusedKey, account, "global");
  addFunctionRoles(b, account);

  const principal = `arn:aws:iam::${DEV}:user/jdoe`;
  b.addEvent(account, "us-east-1", {
    daysAgo: 0.8,
    eventName: "AuthorizeSecurityGroupIngress",
    eventSource: "ec2.amazonaws.com",
    username: "jdoe",
    principalArn: principal,
    sourceIp: "198.51.100.23",
    resources: [{ type: "AWS::EC2::SecurityGroup", name: P.devBastionGroup }],
    requestParameters: {
      groupId: P.devBastionGroup,
      ipPermissions: { items: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIp: "0.0.0.0/0" }] },
    },
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 0.3,
    eventName: "RunInstances",
    eventSource: "ec2.amazonaws.com",
    username: "dev-ci",
    principalArn: `arn:aws:iam::${DEV}:user/dev-ci`,
    resources: [{ type: "AWS::EC2::Instance", name: ingest.instances[0]?.id ?? "" }],
    userAgent: "aws-sdk-js/3.600.0 ua/2.1 os/linux",
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 0.29,
    eventName: "CreateTags",
    eventSource: "ec2.amazonaws.com",
    username: "dev-ci",
    principalArn: `arn:aws:iam::${DEV}:user/dev-ci`,
    resources: [{ type: "AWS::EC2::Instance", name: ingest.instances[0]?.id ?? "" }],
    userAgent: "aws-sdk-js/3.600.0 ua/2.1 os/linux",
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 0.1,
    eventName: "DescribeInstances",
    eventSource: "ec2.amazonaws.com",
    username: "demo-user",
    principalArn: `arn:aws:sts::${DEV}:assumed-role/PlatformEngineer/demo-user`,
    readOnly: true,
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 2.5,
    eventName: "DeleteBucket",
    eventSource: "s3.amazonaws.com",
    username: "priya.sharma",
    principalArn: `arn:aws:iam::${DEV}:user/priya.sharma`,
    resources: [{ type: "AWS::S3::Bucket", name: "northwind-dev-tmp-2025" }],
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 0.85,
    eventName: "ConsoleLogin",
    eventSource: "signin.amazonaws.com",
    username: "jdoe",
    principalArn: principal,
    sourceIp: "198.51.100.23",
    requestParameters: { mfaUsed: "No" },
  });
}

function buildStaging(b: EstateBuilder): void {
  const account = addAccount(b, {
    id: STG,
    name: "Northwind Staging",
    alias: "northwind-staging",
    environment: "staging",
    profile: "demo-staging",
    regions: ["us-east-1", "eu-west-1"],
  });
  const env = { env: "stg", environment: "staging" };
  const east = createSite(b, account, "us-east-1", { ...env, secondOctet: 40, azCount: 2 });
  const ingest = webTier(east, {
    app: "ingest-api",
    team: TEAMS.data,
    count: 2,
    type: "m5.large",
    requestsPerWeek: 420_000,
    ageDays: 260,
  });
  const etl = workerTier(east, {
    app: "etl-pipeline",
    team: TEAMS.data,
    count: 2,
    type: "c6i.xlarge",
    dataGiB: 300,
    ageDays: 240,
  });
  webTier(east, {
    app: "insights-web",
    team: TEAMS.web,
    count: 2,
    type: "m6g.large",
    requestsPerWeek: 150_000,
    ageDays: 230,
  });
  database(east, {
    id: "stg-warehouse-pg",
    app: "warehouse",
    team: TEAMS.data,
    engine: "postgres",
    engineVersion: "16.4",
    instanceClass: "db.r6g.large",
    storageGiB: 400,
    clientGroup: etl.group,
    ageDays: 500,
  });
  database(east, {
    id: P.stgUnencryptedDb,
    app: "reporting",
    team: TEAMS.finance,
    engine: "mysql",
    engineVersion: "8.0.39",
    instanceClass: "db.t3.medium",
    storageGiB: 100,
    clientGroup: ingest.group,
    ageDays: 700,
    storageEncrypted: false,
  });
  b.plant("rds-unencrypted", P.stgUnencryptedDb, account, "us-east-1");
  // A portal retired last quarter: its balancer is still there, its targets are gone.
  const legacyGroup = securityGroup(east, {
    name: "stg-legacy-portal-alb-sg",
    description: "HTTPS to the legacy portal",
    team: TEAMS.web,
    app: "legacy-portal",
    ingress: [tcpFromCidr(443, 443, "10.0.0.0/8")],
  });
  b.addLoadBalancer(account, "us-east-1", {
    name: "stg-legacy-portal-alb",
    idHex: P.stgIdleLbHex,
    scheme: "internal",
    subnets: east.privateSubnets,
    securityGroupIds: [legacyGroup.id],
    targets: [],
    targetPort: 8080,
    targetHealth: "unhealthy",
    requestCountLast7Days: 0,
    createdDaysAgo: 800,
    tags: standardTags(east, "stg-legacy-portal-alb", TEAMS.web, "legacy-portal"),
  });
  b.plant("elb-idle", STG_IDLE_LB_ARN, account, "us-east-1");
  b.addVolume(account, "us-east-1", {
    id: P.stgLooseVolume,
    availabilityZone: "us-east-1b",
    sizeGiB: 250,
    type: "gp3",
    createdDaysAgo: 95,
    tags: standardTags(east, "stg-etl-restore-test", TEAMS.data, "etl-pipeline"),
  });
  b.plant("ebs-unattached-volume", P.stgLooseVolume, account, "us-east-1");
  functions(east, {
    app: "ingest-api",
    team: TEAMS.data,
    names: [{ name: "ingest-normalizer", runtime: "python3.12", memoryMb: 1024, modifiedDaysAgo: 6 }],
  });
  b.addFunction(account, "us-east-1", {
    name: P.stgPartialFunction,
    runtime: "python3.11",
    memoryMb: 512,
    description: "one-off backfill of reporting tables",
    modifiedDaysAgo: 33,
    roleName: "stg-reporting-lambda-role",
    tags: { Name: P.stgPartialFunction, Environment: "staging", Application: "reporting" },
  });
  b.plant("partially-tagged-resource", P.stgPartialFunction, account, "us-east-1");

  const eu = createSite(b, account, "eu-west-1", { ...env, secondOctet: 42, azCount: 2 });
  webTier(eu, {
    app: "insights-web",
    team: TEAMS.web,
    count: 2,
    type: "m6g.large",
    requestsPerWeek: 60_000,
    ageDays: 180,
  });
  const rdpGroup = securityGroup(eu, {
    id: P.stgRdpGroup,
    name: "stg-windows-jump-sg",
    description: "RDP to the Windows jump host",
    team: TEAMS.platform,
    app: "jump-host",
    ingress: [tcpFromCidr(3389, 3389, "::/0", "RDP")],
  });
  b.plant("sg-open-rdp-ipv6", P.stgRdpGroup, account, "eu-west-1");
  b.addInstance(account, "eu-west-1", {
    subnet: eu.publicSubnets[0] as Site["publicSubnets"][number],
    type: "t3.medium",
    platform: "windows",
    securityGroupIds: [rdpGroup.id],
    tags: standardTags(eu, "stg-windows-jump-01", TEAMS.platform, "jump-host"),
    launchedDaysAgo: 140,
    hasPublicIp: true,
  });
  b.addBucket(account, {
    name: P.stgUntaggedBucket,
    region: "eu-west-1",
    createdDaysAgo: 190,
    tags: {},
  });
  b.plant("untagged-resource", P.stgUntaggedBucket, account, "eu-west-1");
  bucket(east, {
    name: "northwind-stg-ingest-raw",
    region: "us-east-1",
    app: "ingest-api",
    team: TEAMS.data,
    ageDays: 600,
  });
  trail(b, account, "stg", false);
  b.plant("cloudtrail-logging-stopped", STG_TRAIL_ARN, account, "us-east-1");
  b.addUser(account, {
    userName: P.stgUserNoMfa,
    createdDaysAgo: 75,
    hasConsolePassword: true,
    passwordLastUsedDaysAgo: 12,
    hasMfa: false,
    accessKeys: [],
    tags: { Company: "Contoso Consulting" },
  });
  b.plant("iam-user-no-mfa", P.stgUserNoMfa, account, "global");
  b.addUser(account, {
    userName: "stg-ci",
    createdDaysAgo: 650,
    hasConsolePassword: false,
    hasMfa: false,
    accessKeys: [{ createdDaysAgo: 30, lastUsedDaysAgo: 0.5 }],
  });
  addFunctionRoles(b, account);
  b.addEvent(account, "us-east-1", {
    daysAgo: 12,
    eventName: "StopLogging",
    eventSource: "cloudtrail.amazonaws.com",
    username: P.stgUserNoMfa,
    principalArn: `arn:aws:iam::${STG}:user/${P.stgUserNoMfa}`,
    sourceIp: "192.0.2.77",
    resources: [{ type: "AWS::CloudTrail::Trail", name: STG_TRAIL_ARN }],
    requestParameters: { name: P.stgTrail },
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 1.2,
    eventName: "ModifyDBInstance",
    eventSource: "rds.amazonaws.com",
    username: "stg-ci",
    principalArn: `arn:aws:iam::${STG}:user/stg-ci`,
    resources: [{ type: "AWS::RDS::DBInstance", name: "stg-warehouse-pg" }],
    requestParameters: { dBInstanceIdentifier: "stg-warehouse-pg", allocatedStorage: 400 },
  });
}

function buildProduction(b: EstateBuilder): void {
  const account = addAccount(b, {
    id: PROD,
    name: "Northwind Production",
    alias: "northwind-prod",
    environment: "production",
    profile: "demo-prod",
    regions: [...DEMO_REGIONS],
  });
  const env = { env: "prod", environment: "production" };
  const east = createSite(b, account, "us-east-1", { ...env, secondOctet: 50, azCount: 3 });
  const ingest = webTier(east, {
    app: "ingest-api",
    team: TEAMS.data,
    count: 4,
    type: "m5.xlarge",
    requestsPerWeek: 9_400_000,
    ageDays: 420,
  });
  const etl = workerTier(east, {
    app: "etl-pipeline",
    team: TEAMS.data,
    count: 3,
    type: "c5.2xlarge",
    dataGiB: 500,
    ageDays: 400,
  });
  webTier(east, {
    app: "insights-web",
    team: TEAMS.web,
    count: 4,
    type: "m6g.large",
    requestsPerWeek: 2_800_000,
    ageDays: 380,
  });
  const ml = workerTier(east, {
    app: "ml-scoring",
    team: TEAMS.ml,
    count: 2,
    type: "g4dn.xlarge",
    dataGiB: 200,
    ageDays: 150,
  });
  database(east, {
    id: "prod-warehouse-pg",
    app: "warehouse",
    team: TEAMS.data,
    engine: "postgres",
    engineVersion: "16.4",
    instanceClass: "db.r6g.xlarge",
    storageGiB: 2000,
    clientGroup: etl.group,
    ageDays: 900,
    multiAz: true,
  });
  database(east, {
    id: "prod-ingest-mysql",
    app: "ingest-api",
    team: TEAMS.data,
    engine: "mysql",
    engineVersion: "8.0.39",
    instanceClass: "db.m6g.large",
    storageGiB: 500,
    clientGroup: ingest.group,
    ageDays: 800,
    multiAz: true,
  });
  database(east, {
    id: P.prodPublicDb,
    app: "partner-analytics",
    team: TEAMS.data,
    engine: "postgres",
    engineVersion: "15.8",
    instanceClass: "db.t4g.medium",
    storageGiB: 200,
    clientGroup: ml.group,
    ageDays: 260,
    publiclyAccessible: true,
  });
  b.plant("rds-public", P.prodPublicDb, account, "us-east-1");
  const etlData = etl.volumes.find((v) => v.attachments[0]?.device === "/dev/sdf");
  if (etlData === undefined) throw new Error("demo: the ETL worker has no data volume");
  b.addSnapshot(account, "us-east-1", {
    id: P.prodOldSnapshot,
    volume: etlData,
    startedDaysAgo: 540,
    description: "pre-migration copy 2025",
  });
  b.plant("ebs-snapshot-old", P.prodOldSnapshot, account, "us-east-1");
  b.addSnapshot(account, "us-east-1", {
    id: P.prodUntaggedSnapshot,
    volume: etlData,
    startedDaysAgo: 20,
    description: "manual snapshot",
    tags: {},
  });
  b.plant("untagged-resource", P.prodUntaggedSnapshot, account, "us-east-1");
  b.addAddress(account, "us-east-1", {
    id: P.prodLooseAddress,
    tags: standardTags(east, "prod-ingest-ip-old", TEAMS.data, "ingest-api"),
  });
  b.plant("eip-unassociated", P.prodLooseAddress, account, "us-east-1");
  functions(east, {
    app: "ingest-api",
    team: TEAMS.data,
    names: [
      { name: "ingest-normalizer", runtime: "python3.12", memoryMb: 1536, modifiedDaysAgo: 9 },
      { name: "ingest-dlq-replayer", runtime: "python3.11", memoryMb: 256, modifiedDaysAgo: 60 },
      { name: "partner-export", runtime: "java21", memoryMb: 2048, modifiedDaysAgo: 120 },
    ],
  });
  functions(east, {
    app: "billing",
    team: TEAMS.finance,
    names: [{ name: "invoice-generator", runtime: "nodejs20.x", memoryMb: 512, modifiedDaysAgo: 30 }],
  });

  const west = createSite(b, account, "us-west-2", { ...env, secondOctet: 51, azCount: 3 });
  workerTier(west, {
    app: "etl-pipeline",
    team: TEAMS.data,
    count: 2,
    type: "c5.2xlarge",
    dataGiB: 500,
    ageDays: 300,
    role: "standby",
  });
  securityGroup(west, {
    id: P.prodUnusedGroup,
    name: "prod-old-dr-sg",
    description: "disaster-recovery drill 2025",
    team: TEAMS.platform,
    app: "dr",
    ingress: [tcpFromCidr(5432, 5432, west.vpc.cidr)],
  });
  b.plant("sg-unused", P.prodUnusedGroup, account, "us-west-2");

  const eu = createSite(b, account, "eu-west-1", { ...env, secondOctet: 52, azCount: 3 });
  const euWeb = webTier(eu, {
    app: "insights-web",
    team: TEAMS.web,
    count: 3,
    type: "m6g.large",
    requestsPerWeek: 1_900_000,
    ageDays: 350,
  });
  database(eu, {
    id: "prod-insights-eu-pg",
    app: "insights-web",
    team: TEAMS.web,
    engine: "postgres",
    engineVersion: "16.4",
    instanceClass: "db.r6g.large",
    storageGiB: 500,
    clientGroup: euWeb.group,
    ageDays: 340,
    multiAz: true,
  });
  b.addVolume(account, "eu-west-1", {
    id: P.prodLooseVolume,
    availabilityZone: "eu-west-1c",
    sizeGiB: 1000,
    type: "gp2",
    createdDaysAgo: 210,
    tags: standardTags(eu, "prod-insights-eu-old-data", TEAMS.web, "insights-web"),
  });
  b.plant("ebs-unattached-volume", P.prodLooseVolume, account, "eu-west-1");
  functions(eu, {
    app: "insights-web",
    team: TEAMS.web,
    names: [{ name: "insights-cache-warmer", runtime: "nodejs20.x", memoryMb: 256, modifiedDaysAgo: 14 }],
  });

  // Sydney was opened for a customer pilot that has not started: network only.
  createSite(b, account, "ap-southeast-2", { ...env, secondOctet: 53, azCount: 3 });

  for (const [name, region, app, team] of [
    ["northwind-prod-ingest-raw", "us-east-1", "ingest-api", TEAMS.data],
    ["northwind-prod-warehouse-exports", "us-east-1", "warehouse", TEAMS.data],
    ["northwind-prod-ml-models", "us-east-1", "ml-scoring", TEAMS.ml],
    ["northwind-prod-insights-static", "us-east-1", "insights-web", TEAMS.web],
    ["northwind-prod-dr-replica", "us-west-2", "etl-pipeline", TEAMS.data],
    ["northwind-prod-eu-insights", "eu-west-1", "insights-web", TEAMS.web],
    ["northwind-prod-apac-pilot", "ap-southeast-2", "insights-web", TEAMS.web],
  ] as const) {
    bucket(east, { name, region, app, team, ageDays: 700, kms: true, versioning: true });
  }
  b.addBucket(account, {
    name: P.prodPublicBucket,
    region: "us-east-1",
    createdDaysAgo: 45,
    isPublic: true,
    tags: standardTags(east, P.prodPublicBucket, TEAMS.web, "marketing-site"),
  });
  b.plant("s3-public-bucket", P.prodPublicBucket, account, "us-east-1");
  trail(b, account, "prod");
  b.addUser(account, {
    userName: "ci-deployer",
    createdDaysAgo: 900,
    hasConsolePassword: false,
    hasMfa: false,
    accessKeys: [{ id: P.prodOldKey, createdDaysAgo: 412, lastUsedDaysAgo: 1 }],
  });
  b.plant("iam-access-key-old", P.prodOldKey, account, "global");
  b.addUser(account, {
    userName: "prod-monitoring",
    createdDaysAgo: 500,
    hasConsolePassword: false,
    hasMfa: false,
    accessKeys: [{ createdDaysAgo: 45, lastUsedDaysAgo: 0.1 }],
  });
  b.addUser(account, {
    userName: "maria.gonzalez",
    createdDaysAgo: 800,
    hasConsolePassword: true,
    passwordLastUsedDaysAgo: 2,
    hasMfa: true,
    accessKeys: [],
  });
  addFunctionRoles(b, account);
  b.addEvent(account, "us-east-1", {
    daysAgo: 44,
    eventName: "PutBucketPolicy",
    eventSource: "s3.amazonaws.com",
    username: "maria.gonzalez",
    principalArn: `arn:aws:iam::${PROD}:user/maria.gonzalez`,
    resources: [{ type: "AWS::S3::Bucket", name: P.prodPublicBucket }],
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 0.6,
    eventName: "ModifyDBInstance",
    eventSource: "rds.amazonaws.com",
    username: "ci-deployer",
    principalArn: `arn:aws:iam::${PROD}:user/ci-deployer`,
    resources: [{ type: "AWS::RDS::DBInstance", name: P.prodPublicDb }],
    requestParameters: { dBInstanceIdentifier: P.prodPublicDb, publiclyAccessible: true },
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 0.4,
    eventName: "CreateAccessKey",
    eventSource: "iam.amazonaws.com",
    username: "maria.gonzalez",
    principalArn: `arn:aws:iam::${PROD}:user/maria.gonzalez`,
    resources: [{ type: "AWS::IAM::User", name: "prod-monitoring" }],
    errorCode: "AccessDenied",
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 0.2,
    eventName: "UpdateService",
    eventSource: "ecs.amazonaws.com",
    username: "ci-deployer",
    principalArn: `arn:aws:iam::${PROD}:user/ci-deployer`,
  });
}

/**
 * Build the demo estate as it stands at `now` (ages of keys, snapshots and instances are
 * relative to it). The resources and their ids do not depend on `now`.
 */
export function buildDemoEstate(now: Date = DEMO_NOW): Estate {
  const b = new EstateBuilder({ company: DEMO_COMPANY, capturedAt: now, seed: SEED });
  b.setOrganization(MGMT);
  buildManagement(b);
  buildSandbox(b);
  buildDevelopment(b);
  buildStaging(b);
  buildProduction(b);
  for (const account of b.estate.accounts) account.costs = estimateMonthlyCosts(account, now, b.rng);
  const key = (p: PlantedProblem): string => `${p.problem} ${p.resourceId} ${p.account} ${p.region}`;
  const declared = new Set(DEMO_PLANTED_PROBLEMS.map(key));
  const built = new Set(b.planted.map(key));
  if (declared.size !== built.size || [...built].some((k) => !declared.has(k))) {
    throw new Error("demo: the resources planted differ from DEMO_PLANTED_PROBLEMS");
  }
  return b.estate;
}
