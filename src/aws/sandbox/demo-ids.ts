/**
 * The demo estate's fixed identities: its accounts and the literal ids of every planted
 * resource (so DEMO_PLANTED_PROBLEMS can name them without building the estate).
 */
export const DEMO_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"] as const;

export const DEMO_ACCOUNTS = {
  management: "111111111111",
  sandbox: "222222222222",
  development: "333333333333",
  staging: "444444444444",
  production: "555555555555",
} as const;

/** A literal id for a planted resource: `<prefix>-0bad` and 13 digits. */
function bad(prefix: string, n: number): string {
  return `${prefix}-0bad${String(n).padStart(13, "0")}`;
}

export const MGMT = DEMO_ACCOUNTS.management;
export const SBX = DEMO_ACCOUNTS.sandbox;
export const DEV = DEMO_ACCOUNTS.development;
export const STG = DEMO_ACCOUNTS.staging;
export const PROD = DEMO_ACCOUNTS.production;

/** Literal ids of the planted resources, by what they are. */
export const P = {
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
  devBastionAddress: "eipalloc-0bad0000000000003",
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
  sbxAclBucket: "northwind-sbx-legacy-acl-share",
  devSharingBucket: "northwind-dev-ml-features",
  sbxSuspendedBucket: "northwind-sbx-experiments",
  mgmtAdminUser: "break-glass-admin",
  devAdminUser: "ops-lead",
  devAdminGroup: "platform-admins",
  sbxAdminRole: "sbx-experiments-runner",
  devVendorRole: "vendor-monitoring-access",
  sbxOpenRole: "sbx-any-principal-test",
  orgAccessRole: "OrganizationAccountAccessRole",
  /** An account outside the organization (a monitoring vendor's). */
  vendorAccount: "999988887777",
  // Regional security, cleanup and Well-Architected problems.
  sbxUnencryptedVolume: bad("vol", 5),
  sbxPublicSnapshot: bad("snap", 12),
  stgUnencryptedSnapshot: bad("snap", 11),
  stgPublicDbSnapshot: "stg-reporting-mysql-partner-export",
  sbxDefaultVpc: bad("vpc", 1),
  prodSydneyVpc: bad("vpc", 2),
  mgmtVpc: bad("vpc", 3),
  sbxDefaultGroup: bad("sg", 8),
  devBastion: bad("i", 3),
  stgJumpHost: bad("i", 4),
  devSingleAzDb: "dev-warehouse-pg",
  devNoBackupDb: "dev-ingest-mysql",
  devTrail: "northwind-dev-trail",
  sbxTrail: "northwind-sandbox-trail",
} as const;

/** A literal id for a load balancer's security group (open to the world on 443 by design). */
function web(n: number): string {
  return `sg-0a1b${String(n).padStart(13, "0")}`;
}

/** The security groups of the demo's internet-facing ALBs (`sg-open-ingress-web-lb`, by design). */
export const ALB_GROUPS = {
  devIngest: web(1),
  devInsights: web(2),
  devEuInsights: web(3),
  stgIngest: web(4),
  stgInsights: web(5),
  stgEuInsights: web(6),
  prodIngest: web(7),
  prodInsights: web(8),
  prodEuInsights: web(9),
} as const;

export const STG_IDLE_LB_ARN = `arn:aws:elasticloadbalancing:us-east-1:${STG}:loadbalancer/app/stg-legacy-portal-alb/${P.stgIdleLbHex}`;
export const STG_TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${STG}:trail/${P.stgTrail}`;
export const DEV_TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${DEV}:trail/${P.devTrail}`;
export const SBX_TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${SBX}:trail/${P.sbxTrail}`;
