/**
 * The bundled demo estate: Northwind Analytics, a fictional data-analytics company with an
 * AWS Organization of five accounts across four regions, a few hundred resources, and
 * deliberate problems for every audit to find (DEMO_PLANTED_PROBLEMS).
 *
 * Built in code, deterministically: ids come from a seeded generator (planted resources have
 * literal ids, so the list below is fixed), every age is relative to `now`.
 */
import { estimateMonthlyCosts } from "./costs.js";
import { plantDemoCosts } from "./demo-costs.js";
import { buildDevelopment } from "./demo-development.js";
import {
  ALB_GROUPS,
  DEMO_ACCOUNTS,
  DEMO_REGIONS,
  MGMT,
  P,
  PROD,
  SBX,
  STG,
  DEV,
  DEV_TRAIL_ARN,
  SBX_TRAIL_ARN,
  STG_IDLE_LB_ARN,
  STG_TRAIL_ARN,
} from "./demo-ids.js";
import { buildManagement } from "./demo-management.js";
import { buildProduction } from "./demo-production.js";
import { buildSandbox } from "./demo-sandbox.js";
import { buildStaging } from "./demo-staging.js";
import { addDemoTrailHistory } from "./demo-trail.js";
import { EstateBuilder } from "./estate-builder.js";
import type { Estate } from "./estate.js";
import type { PlantedProblem } from "./planted.js";
import { completeStandardTags, type TagCategory } from "./tagging.js";
import { TEAMS } from "./demo-workloads.js";

export { DEMO_ACCOUNTS, DEMO_REGIONS };
export { DEMO_PLANTED_ACTIVITY, type PlantedActivity } from "./demo-trail.js";

/** The moment the default demo describes. */
export const DEMO_NOW = new Date("2026-11-01T00:00:00.000Z");
export const DEMO_COMPANY = "Northwind Analytics";

const SEED = 0x4e574131;

/** The Application of what the demo's builders leave untagged: the platform team's (tagging.ts). */
const DEMO_APPLICATION: Readonly<Record<TagCategory, string>> = {
  network: "network",
  identity: "identity",
  "audit-logging": "audit-logging",
  encryption: "encryption",
  workload: "platform-tooling",
};

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
  { problem: "tag-invalid-value", resourceId: P.prodLooseAddress, account: PROD, region: "us-east-1" },
  { problem: "tag-invalid-value", resourceId: P.devBastion, account: DEV, region: "us-east-1" },
  { problem: "tag-invalid-value", resourceId: P.devBastionAddress, account: DEV, region: "us-east-1" },
  { problem: "iam-user-no-mfa", resourceId: P.devUserNoMfa, account: DEV, region: "global" },
  { problem: "iam-user-no-mfa", resourceId: P.stgUserNoMfa, account: STG, region: "global" },
  { problem: "iam-access-key-old", resourceId: P.prodOldKey, account: PROD, region: "global" },
  { problem: "iam-access-key-old", resourceId: P.mgmtOldKey, account: MGMT, region: "global" },
  { problem: "iam-access-key-old", resourceId: P.sbxOldUnusedKey, account: SBX, region: "global" },
  { problem: "iam-access-key-old", resourceId: P.devUnusedKey, account: DEV, region: "global" },
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
  { problem: "s3-public-acl", resourceId: P.sbxAclBucket, account: SBX, region: "us-west-2" },
  {
    problem: "s3-bucket-public-access-block-off",
    resourceId: P.sbxPublicBucket,
    account: SBX,
    region: "us-east-1",
  },
  {
    problem: "s3-bucket-public-access-block-off",
    resourceId: P.sbxAclBucket,
    account: SBX,
    region: "us-west-2",
  },
  {
    problem: "s3-bucket-public-access-block-off",
    resourceId: P.devSharingBucket,
    account: DEV,
    region: "us-west-2",
  },
  {
    problem: "s3-bucket-public-access-block-off",
    resourceId: P.prodPublicBucket,
    account: PROD,
    region: "us-east-1",
  },
  { problem: "s3-account-public-access-block-off", resourceId: SBX, account: SBX, region: "global" },
  { problem: "s3-account-public-access-block-off", resourceId: PROD, account: PROD, region: "global" },
  { problem: "s3-versioning-off", resourceId: P.sbxSuspendedBucket, account: SBX, region: "us-east-1" },
  { problem: "s3-versioning-off", resourceId: P.stgUntaggedBucket, account: STG, region: "eu-west-1" },
  { problem: "s3-no-tls-policy", resourceId: P.sbxPublicBucket, account: SBX, region: "us-east-1" },
  { problem: "s3-no-tls-policy", resourceId: P.stgUntaggedBucket, account: STG, region: "eu-west-1" },
  { problem: "iam-root-mfa-off", resourceId: SBX, account: SBX, region: "global" },
  { problem: "iam-root-access-keys", resourceId: DEV, account: DEV, region: "global" },
  { problem: "iam-admin-access", resourceId: P.mgmtAdminUser, account: MGMT, region: "global" },
  { problem: "iam-admin-access", resourceId: P.devAdminUser, account: DEV, region: "global" },
  { problem: "iam-admin-access", resourceId: P.sbxAdminRole, account: SBX, region: "global" },
  // By design: AWS Organizations creates this role with AdministratorAccess in every member account.
  ...[SBX, DEV, STG, PROD].map((account): PlantedProblem => ({
    problem: "iam-admin-access",
    resourceId: P.orgAccessRole,
    account,
    region: "global",
  })),
  { problem: "iam-password-policy-weak", resourceId: SBX, account: SBX, region: "global" },
  { problem: "iam-password-policy-weak", resourceId: STG, account: STG, region: "global" },
  { problem: "iam-role-trust-open", resourceId: P.devVendorRole, account: DEV, region: "global" },
  { problem: "iam-role-trust-open", resourceId: P.sbxOpenRole, account: SBX, region: "global" },
  // Regional security, security-group, cleanup and Well-Architected problems.
  { problem: "ebs-encryption-by-default-off", resourceId: "us-east-1", account: SBX, region: "us-east-1" },
  { problem: "ebs-encryption-by-default-off", resourceId: "us-west-2", account: DEV, region: "us-west-2" },
  {
    problem: "ebs-volume-unencrypted",
    resourceId: P.sbxUnencryptedVolume,
    account: SBX,
    region: "us-east-1",
  },
  { problem: "ebs-volume-unencrypted", resourceId: P.stgLooseVolume, account: STG, region: "us-east-1" },
  { problem: "ebs-snapshot-unencrypted", resourceId: P.sbxPublicSnapshot, account: SBX, region: "us-east-1" },
  {
    problem: "ebs-snapshot-unencrypted",
    resourceId: P.stgUnencryptedSnapshot,
    account: STG,
    region: "us-east-1",
  },
  { problem: "ebs-snapshot-public", resourceId: P.sbxPublicSnapshot, account: SBX, region: "us-east-1" },
  { problem: "rds-snapshot-public", resourceId: P.stgPublicDbSnapshot, account: STG, region: "us-east-1" },
  { problem: "vpc-flow-logs-off", resourceId: P.sbxDefaultVpc, account: SBX, region: "us-east-1" },
  { problem: "vpc-flow-logs-off", resourceId: P.prodSydneyVpc, account: PROD, region: "ap-southeast-2" },
  { problem: "sg-default-allows-traffic", resourceId: P.sbxDefaultGroup, account: SBX, region: "us-east-1" },
  { problem: "sg-open-ingress-web-lb", resourceId: ALB_GROUPS.devIngest, account: DEV, region: "us-east-1" },
  {
    problem: "sg-open-ingress-web-lb",
    resourceId: ALB_GROUPS.devInsights,
    account: DEV,
    region: "us-east-1",
  },
  {
    problem: "sg-open-ingress-web-lb",
    resourceId: ALB_GROUPS.devEuInsights,
    account: DEV,
    region: "eu-west-1",
  },
  { problem: "sg-open-ingress-web-lb", resourceId: ALB_GROUPS.stgIngest, account: STG, region: "us-east-1" },
  {
    problem: "sg-open-ingress-web-lb",
    resourceId: ALB_GROUPS.stgInsights,
    account: STG,
    region: "us-east-1",
  },
  {
    problem: "sg-open-ingress-web-lb",
    resourceId: ALB_GROUPS.stgEuInsights,
    account: STG,
    region: "eu-west-1",
  },
  {
    problem: "sg-open-ingress-web-lb",
    resourceId: ALB_GROUPS.prodIngest,
    account: PROD,
    region: "us-east-1",
  },
  {
    problem: "sg-open-ingress-web-lb",
    resourceId: ALB_GROUPS.prodInsights,
    account: PROD,
    region: "us-east-1",
  },
  {
    problem: "sg-open-ingress-web-lb",
    resourceId: ALB_GROUPS.prodEuInsights,
    account: PROD,
    region: "eu-west-1",
  },
  { problem: "sg-redundant-rule", resourceId: P.devWideGroup, account: DEV, region: "us-west-2" },
  {
    problem: "ec2-instance-stopped-long",
    resourceId: P.devPartialInstance,
    account: DEV,
    region: "us-east-1",
  },
  { problem: "cloudtrail-log-validation-off", resourceId: DEV_TRAIL_ARN, account: DEV, region: "us-east-1" },
  { problem: "cloudtrail-not-kms-encrypted", resourceId: SBX_TRAIL_ARN, account: SBX, region: "us-east-1" },
  { problem: "rds-single-az", resourceId: P.devSingleAzDb, account: DEV, region: "us-east-1" },
  { problem: "rds-single-az", resourceId: P.sbxPublicDb, account: SBX, region: "us-west-2" },
  { problem: "rds-backups-off", resourceId: P.devNoBackupDb, account: DEV, region: "us-east-1" },
  { problem: "vpc-single-az", resourceId: P.mgmtVpc, account: MGMT, region: "us-east-1" },
  { problem: "ec2-previous-generation", resourceId: P.devBastion, account: DEV, region: "us-east-1" },
  { problem: "ec2-previous-generation", resourceId: P.stgJumpHost, account: STG, region: "eu-west-1" },
  { problem: "ebs-gp2-volume", resourceId: P.devLooseVolume1, account: DEV, region: "us-east-1" },
  { problem: "ebs-gp2-volume", resourceId: P.devLooseVolume2, account: DEV, region: "us-east-1" },
  { problem: "ebs-gp2-volume", resourceId: P.prodLooseVolume, account: PROD, region: "eu-west-1" },
];

/**
 * Build the demo estate as it stands at `now` (ages of keys, snapshots and instances are
 * relative to it). The resources and their ids do not depend on `now`.
 */
export function buildDemoEstate(now: Date = DEMO_NOW): Estate {
  const b = new EstateBuilder({
    company: DEMO_COMPANY,
    capturedAt: now,
    seed: SEED,
    logBucket: (accountId) => `northwind-cloudtrail-${accountId}`,
  });
  b.setOrganization(MGMT);
  buildManagement(b);
  buildSandbox(b);
  buildDevelopment(b);
  buildStaging(b);
  buildProduction(b);
  completeStandardTags(b.estate, b.planted, (account, category) => ({
    Owner: TEAMS.platform.owner,
    Environment: account.environment,
    CostCenter: TEAMS.platform.costCenter,
    Application: DEMO_APPLICATION[category],
  }));
  for (const account of b.estate.accounts) account.costs = estimateMonthlyCosts(account, now, b.rng);
  plantDemoCosts(b.estate, now);
  addDemoTrailHistory(b);
  const key = (p: PlantedProblem): string => `${p.problem} ${p.resourceId} ${p.account} ${p.region}`;
  const declared = new Set(DEMO_PLANTED_PROBLEMS.map(key));
  const built = new Set(b.planted.map(key));
  if (declared.size !== built.size || [...built].some((k) => !declared.has(k))) {
    throw new Error("demo: the resources planted differ from DEMO_PLANTED_PROBLEMS");
  }
  return b.estate;
}
