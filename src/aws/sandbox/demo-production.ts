/**
 * The demo production account (555555555555): the workloads in three regions, Sydney network only.
 */
import {
  auroraCluster,
  bucket,
  classicLoadBalancer,
  createSite,
  database,
  functions,
  goldenImage,
  kmsKey,
  securityGroup,
  standardTags,
  tcpFromCidr,
  TEAMS,
  webTier,
  workerTier,
} from "./demo-workloads.js";
import { addAccount, addFunctionRoles, policy, trail } from "./demo-accounts.js";
import { ALB_GROUPS, DEMO_REGIONS, P, PROD } from "./demo-ids.js";
import type { EstateBuilder } from "./estate-builder.js";

export function buildProduction(b: EstateBuilder): void {
  const account = addAccount(b, {
    id: PROD,
    name: "Northwind Production",
    alias: "northwind-prod",
    environment: "production",
    profile: "demo-prod",
    regions: [...DEMO_REGIONS],
    // The policy settings of the account-level block were turned off for the marketing site.
    security: {
      accountPublicAccessBlock: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: false,
        restrictPublicBuckets: false,
      },
    },
  });
  b.plant("s3-account-public-access-block-off", PROD, account, "global");
  const env = { env: "prod", environment: "production" };
  const east = createSite(b, account, "us-east-1", { ...env, secondOctet: 50, azCount: 3 });
  const ingest = webTier(east, {
    app: "ingest-api",
    team: TEAMS.data,
    count: 4,
    type: "m5.xlarge",
    requestsPerWeek: 9_400_000,
    ageDays: 420,
    albGroupId: ALB_GROUPS.prodIngest,
  });
  b.plant("sg-open-ingress-web-lb", ALB_GROUPS.prodIngest, account, "us-east-1");
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
    albGroupId: ALB_GROUPS.prodInsights,
  });
  b.plant("sg-open-ingress-web-lb", ALB_GROUPS.prodInsights, account, "us-east-1");
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
  auroraCluster(east, {
    id: "prod-analytics-aurora",
    app: "analytics",
    team: TEAMS.data,
    engine: "aurora-postgresql",
    engineVersion: "16.4",
    instanceClass: "db.r6g.large",
    instanceCount: 2,
    clientGroup: etl.group,
    ageDays: 330,
  });
  classicLoadBalancer(east, {
    name: "prod-legacy-reports-elb",
    app: "legacy-reports",
    team: TEAMS.finance,
    instances: ml.instances,
    instancePort: 8080,
    requestsPerWeek: 12_400,
    ageDays: 1300,
  });
  for (const [name, ageDays, arm] of [
    ["northwind-base-al2023-2026-10-01", 31, false],
    ["northwind-base-al2023-arm-2026-10-01", 31, true],
    ["northwind-base-al2023-2026-07-01", 123, false],
  ] as const) {
    goldenImage(east, { name, app: "platform", team: TEAMS.platform, ageDays, arm });
  }
  kmsKey(east, {
    alias: "alias/prod-warehouse",
    description: "Encrypts the production warehouse exports",
    app: "warehouse",
    team: TEAMS.data,
    ageDays: 880,
  });
  kmsKey(east, {
    alias: "alias/prod-partner-exports",
    description: "Encrypts files shared with analytics partners",
    app: "partner-analytics",
    team: TEAMS.data,
    ageDays: 250,
  });
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
    // Tagged by hand: `Production` differs from the allowed `production` only in case.
    tags: {
      ...standardTags(east, "prod-ingest-ip-old", TEAMS.data, "ingest-api"),
      Environment: "Production",
    },
  });
  b.plant("eip-unassociated", P.prodLooseAddress, account, "us-east-1");
  b.plant("tag-invalid-value", P.prodLooseAddress, account, "us-east-1");
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
    albGroupId: ALB_GROUPS.prodEuInsights,
  });
  b.plant("sg-open-ingress-web-lb", ALB_GROUPS.prodEuInsights, account, "eu-west-1");
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
  b.plant("ebs-gp2-volume", P.prodLooseVolume, account, "eu-west-1");
  functions(eu, {
    app: "insights-web",
    team: TEAMS.web,
    names: [{ name: "insights-cache-warmer", runtime: "nodejs20.x", memoryMb: 256, modifiedDaysAgo: 14 }],
  });

  // Sydney was opened for a customer pilot that has not started: network only, no flow log yet.
  createSite(b, account, "ap-southeast-2", {
    ...env,
    secondOctet: 53,
    azCount: 3,
    natGateway: false,
    vpcId: P.prodSydneyVpc,
    flowLogs: false,
  });
  b.plant("vpc-flow-logs-off", P.prodSydneyVpc, account, "ap-southeast-2");

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
  b.plant("s3-bucket-public-access-block-off", P.prodPublicBucket, account, "us-east-1");
  trail(b, account, "prod");
  const ciDeployer = b.addUser(account, {
    userName: "ci-deployer",
    createdDaysAgo: 900,
    hasConsolePassword: false,
    hasMfa: false,
    accessKeys: [{ id: P.prodOldKey, createdDaysAgo: 412, lastUsedDaysAgo: 1 }],
  });
  b.plant("iam-access-key-old", P.prodOldKey, account, "global");
  policy(
    b,
    account,
    {
      policyName: "ci-deployer-deploy",
      description: "What the CI pipeline needs to deploy the ingest and insights services",
      createdDaysAgo: 900,
      updatedDaysAgo: 35,
      statements: [
        {
          Effect: "Allow",
          Action: ["ecs:UpdateService", "ecs:DescribeServices", "rds:ModifyDBInstance", "iam:PassRole"],
          Resource: "*",
        },
      ],
    },
    [ciDeployer],
  );
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
  // The monitoring vendor done right: its account, with the external id it was given.
  b.addRole(account, {
    roleName: "vendor-monitoring-access",
    description: "Read-only access for the monitoring vendor",
    trustedPrincipals: [`arn:aws:iam::${P.vendorAccount}:root`],
    trustCondition: { StringEquals: { "sts:ExternalId": "northwind-prod-7f3a9c" } },
    attachedPolicyArns: ["arn:aws:iam::aws:policy/SecurityAudit"],
    createdDaysAgo: 330,
    lastUsedDaysAgo: 0.3,
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
