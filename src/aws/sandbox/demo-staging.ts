/**
 * The demo staging account (444444444444): a production-like copy, a retired portal, a stopped trail.
 */
import {
  bucket,
  createSite,
  database,
  functions,
  goldenImage,
  securityGroup,
  standardTags,
  tcpFromCidr,
  TEAMS,
  webTier,
  workerTier,
  type Site,
} from "./demo-workloads.js";
import { addAccount, addFunctionRoles, trail } from "./demo-accounts.js";
import { ALB_GROUPS, P, STG, STG_IDLE_LB_ARN, STG_TRAIL_ARN } from "./demo-ids.js";
import type { EstateBuilder } from "./estate-builder.js";

export function buildStaging(b: EstateBuilder): void {
  const account = addAccount(b, {
    id: STG,
    name: "Northwind Staging",
    alias: "northwind-staging",
    environment: "staging",
    profile: "demo-staging",
    regions: ["us-east-1", "eu-west-1"],
    // A password policy from the early days: 8 characters, no symbols, no reuse prevention.
    security: {
      passwordPolicy: {
        minimumPasswordLength: 8,
        requireSymbols: false,
        requireNumbers: true,
        requireUppercaseCharacters: true,
        requireLowercaseCharacters: true,
        allowUsersToChangePassword: true,
        expirePasswords: false,
      },
    },
  });
  b.plant("iam-password-policy-weak", STG, account, "global");
  const env = { env: "stg", environment: "staging" };
  const east = createSite(b, account, "us-east-1", { ...env, secondOctet: 40, azCount: 2 });
  const ingest = webTier(east, {
    app: "ingest-api",
    team: TEAMS.data,
    count: 2,
    type: "m5.large",
    requestsPerWeek: 420_000,
    ageDays: 260,
    albGroupId: ALB_GROUPS.stgIngest,
  });
  b.plant("sg-open-ingress-web-lb", ALB_GROUPS.stgIngest, account, "us-east-1");
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
    albGroupId: ALB_GROUPS.stgInsights,
  });
  b.plant("sg-open-ingress-web-lb", ALB_GROUPS.stgInsights, account, "us-east-1");
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
  const reporting = database(east, {
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
  // An export for a partner, made public instead of shared with the partner's account.
  b.addDbSnapshot(account, "us-east-1", {
    db: reporting,
    identifier: P.stgPublicDbSnapshot,
    snapshotType: "manual",
    createdDaysAgo: 21,
    isPublic: true,
  });
  b.plant("rds-snapshot-public", P.stgPublicDbSnapshot, account, "us-east-1");
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
    // Restored from a copy made before the account turned encryption by default on.
    encrypted: false,
    createdDaysAgo: 95,
    tags: standardTags(east, "stg-etl-restore-test", TEAMS.data, "etl-pipeline"),
  });
  b.plant("ebs-unattached-volume", P.stgLooseVolume, account, "us-east-1");
  b.plant("ebs-volume-unencrypted", P.stgLooseVolume, account, "us-east-1");
  const restoreTest = b.region(account, "us-east-1").volumes.find((v) => v.id === P.stgLooseVolume);
  if (restoreTest === undefined) throw new Error("demo: the restore test volume is missing");
  b.addSnapshot(account, "us-east-1", {
    id: P.stgUnencryptedSnapshot,
    volume: restoreTest,
    startedDaysAgo: 90,
    description: "restore test checkpoint",
  });
  b.plant("ebs-snapshot-unencrypted", P.stgUnencryptedSnapshot, account, "us-east-1");
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
    albGroupId: ALB_GROUPS.stgEuInsights,
  });
  b.plant("sg-open-ingress-web-lb", ALB_GROUPS.stgEuInsights, account, "eu-west-1");
  const rdpGroup = securityGroup(eu, {
    id: P.stgRdpGroup,
    name: "stg-windows-jump-sg",
    description: "RDP to the Windows jump host",
    team: TEAMS.platform,
    app: "jump-host",
    ingress: [tcpFromCidr(3389, 3389, "::/0", "RDP")],
  });
  b.plant("sg-open-rdp-ipv6", P.stgRdpGroup, account, "eu-west-1");
  goldenImage(eu, {
    name: "northwind-windows-jump-2026-06",
    app: "jump-host",
    team: TEAMS.platform,
    ageDays: 150,
    platform: "windows",
  });
  b.addInstance(account, "eu-west-1", {
    id: P.stgJumpHost,
    subnet: eu.publicSubnets[0] as Site["publicSubnets"][number],
    type: "m4.large",
    platform: "windows",
    securityGroupIds: [rdpGroup.id],
    tags: standardTags(eu, "stg-windows-jump-01", TEAMS.platform, "jump-host"),
    launchedDaysAgo: 140,
    hasPublicIp: true,
  });
  b.plant("ec2-previous-generation", P.stgJumpHost, account, "eu-west-1");
  // A one-off export bucket made by hand: no tags, no versioning, no policy.
  b.addBucket(account, {
    name: P.stgUntaggedBucket,
    region: "eu-west-1",
    createdDaysAgo: 190,
    versioning: false,
    tlsOnly: false,
    tags: {},
  });
  b.plant("untagged-resource", P.stgUntaggedBucket, account, "eu-west-1");
  b.plant("s3-versioning-off", P.stgUntaggedBucket, account, "eu-west-1");
  b.plant("s3-no-tls-policy", P.stgUntaggedBucket, account, "eu-west-1");
  bucket(east, {
    name: "northwind-stg-ingest-raw",
    region: "us-east-1",
    app: "ingest-api",
    team: TEAMS.data,
    ageDays: 600,
  });
  trail(b, account, "stg", { isLogging: false });
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
