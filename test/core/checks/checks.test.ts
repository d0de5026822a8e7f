/**
 * Every check of the registry three ways, through the engine (cdk-nag's triad): a compliant
 * record passes, a non-compliant one fails once with the expected severity, message, evidence
 * and cost, and a record that makes the check throw is an `error` finding, never a pass.
 */
import { describe, expect, it } from "vitest";
import type { AuditRecord, AuditRecordKind } from "../../../src/core/audit/records.js";
import type { EvidenceObject } from "../../../src/core/findings/finding.js";
import type { Severity } from "../../../src/core/findings/severity.js";
import { ALL_CHECKS } from "../../../src/core/checks/registry.js";
import { rdsBackupsOff } from "../../../src/core/checks/rds/backups-off.js";
import { volumeUnencrypted } from "../../../src/core/checks/ebs/volume-unencrypted.js";
import {
  account,
  brokenRecord,
  bucket,
  daysAgo,
  dbInstance,
  dbSnapshot,
  elasticIp,
  iamRole,
  iamUser,
  instance,
  loadBalancer,
  networkInterface,
  OTHER_ACCOUNT,
  policyDocument,
  publicAccessBlock,
  regionSettings,
  rule,
  runChecks,
  securityGroup,
  snapshot,
  summaryOf,
  taggedResource,
  trail,
  volume,
  vpc,
} from "./_records.js";

interface Triad {
  /** The first record is the one evaluated; the others are what it relates to. */
  compliant: AuditRecord[];
  nonCompliant: AuditRecord[];
  severity: Severity;
  /** Substrings of the message (the offending values). */
  message: string[];
  evidence: EvidenceObject;
  /** Absent: the check estimates no cost. */
  monthlyCostUsd?: number;
  /**
   * For a check that reads nothing of its own record but the engine's fields (an account-wide
   * verdict on related records): kinds of related record made unreadable too. The broken
   * records then go to another account, so the non-compliant record does not see them.
   */
  brokenRelated?: AuditRecordKind[];
}

const TRIADS: Record<string, Triad> = {
  "s3.bucket-public-acl": {
    compliant: [bucket("bucket-1"), account()],
    nonCompliant: [
      bucket("bucket-1", {
        publicGrants: [{ grantee: "AllUsers", permission: "READ" }],
        publicAccessBlock: undefined,
      }),
      account({ publicAccessBlock: undefined }),
    ],
    severity: "critical",
    message: ["bucket bucket-1 grants READ to AllUsers"],
    evidence: {
      grants: [{ grantee: "AllUsers", permission: "READ" }],
      isBlockedByPublicAccessBlock: false,
    },
  },
  "s3.bucket-public-policy": {
    compliant: [bucket("bucket-1"), account()],
    nonCompliant: [
      bucket("bucket-1", {
        policy: policyDocument({
          Sid: "PublicRead",
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::bucket-1/*",
        }),
        isPolicyPublic: true,
        publicAccessBlock: undefined,
      }),
      account({ publicAccessBlock: undefined }),
    ],
    severity: "critical",
    message: ["bucket bucket-1 has a public policy", "(s3:GetObject to *)"],
    evidence: {
      statements: [{ sid: "PublicRead", actions: ["s3:GetObject"] }],
      isPolicyPublic: true,
      isBlockedByPublicAccessBlock: false,
    },
  },
  "s3.bucket-public-access-block-off": {
    compliant: [bucket("bucket-1")],
    nonCompliant: [bucket("bucket-1", { publicAccessBlock: undefined })],
    severity: "medium",
    message: ["bucket bucket-1 has no Block Public Access configuration"],
    evidence: {
      off: ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"],
      isConfigured: false,
    },
  },
  "s3.account-public-access-block-off": {
    compliant: [account()],
    nonCompliant: [
      account({ publicAccessBlock: publicAccessBlock("blockPublicPolicy", "restrictPublicBuckets") }),
    ],
    severity: "high",
    message: [
      "111111111111 has account-level Block Public Access partly off: blockPublicPolicy, restrictPublicBuckets",
    ],
    evidence: { off: ["blockPublicPolicy", "restrictPublicBuckets"], isConfigured: true },
  },
  "s3.bucket-default-encryption": {
    compliant: [bucket("bucket-1")],
    nonCompliant: [bucket("bucket-1", { encryption: undefined })],
    severity: "medium",
    message: ["bucket bucket-1 has no default encryption"],
    evidence: { encryption: null },
  },
  "s3.bucket-versioning-off": {
    compliant: [bucket("bucket-1")],
    nonCompliant: [bucket("bucket-1", { versioning: "Suspended" })],
    severity: "low",
    message: ["bucket bucket-1 has versioning suspended"],
    evidence: { versioning: "Suspended" },
  },
  "s3.bucket-tls-only": {
    compliant: [bucket("bucket-1")],
    nonCompliant: [bucket("bucket-1", { policy: undefined, isPolicyPublic: undefined })],
    severity: "medium",
    message: ["bucket bucket-1 does not deny requests made without TLS"],
    evidence: { hasPolicy: false },
  },
  "iam.root-mfa-off": {
    compliant: [account()],
    nonCompliant: [account({ isRootMfaEnabled: false })],
    severity: "critical",
    message: ["the root user of 111111111111 has no MFA"],
    evidence: { isRootMfaEnabled: false },
  },
  "iam.root-access-keys": {
    compliant: [account()],
    nonCompliant: [account({ hasRootAccessKeys: true })],
    severity: "critical",
    message: ["the root user of 111111111111 has access keys"],
    evidence: { hasRootAccessKeys: true },
  },
  "iam.user-console-no-mfa": {
    compliant: [iamUser("alice", { hasConsolePassword: true, isMfaActive: true })],
    nonCompliant: [iamUser("alice", { hasConsolePassword: true, passwordLastUsedAt: daysAgo(3) })],
    severity: "high",
    message: ["user alice has a console password and no MFA"],
    evidence: { passwordLastUsedAt: daysAgo(3) },
  },
  "iam.access-key-old": {
    compliant: [
      iamUser("alice", {
        accessKeys: [{ slot: 1, isActive: true, lastRotatedAt: daysAgo(30), lastUsedAt: daysAgo(1) }],
      }),
    ],
    nonCompliant: [
      iamUser("alice", {
        accessKeys: [{ slot: 1, isActive: true, lastRotatedAt: daysAgo(120), lastUsedAt: daysAgo(1) }],
      }),
    ],
    severity: "medium",
    message: ["user alice has an active access key not rotated for 120 days (key 1)"],
    evidence: { keys: [{ slot: 1, ageDays: 120 }], maxAgeDays: 90 },
  },
  "iam.access-key-unused": {
    compliant: [
      iamUser("alice", {
        accessKeys: [{ slot: 1, isActive: true, lastRotatedAt: daysAgo(30), lastUsedAt: daysAgo(1) }],
      }),
    ],
    nonCompliant: [
      iamUser("alice", {
        accessKeys: [{ slot: 1, isActive: true, lastRotatedAt: daysAgo(200), lastUsedAt: daysAgo(100) }],
      }),
    ],
    severity: "medium",
    message: ["user alice has active access keys unused for 100 days (key 1)"],
    evidence: { keys: [{ slot: 1, lastUsedAt: daysAgo(100), idleDays: 100 }], maxUnusedDays: 90 },
  },
  "iam.user-admin-access": {
    compliant: [
      iamUser("alice", {
        policies: [
          {
            name: "ReadOnlyAccess",
            arn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
            via: "attached",
            document: undefined,
          },
        ],
      }),
    ],
    nonCompliant: [
      iamUser("alice", {
        policies: [
          {
            name: "AdministratorAccess",
            arn: "arn:aws:iam::aws:policy/AdministratorAccess",
            via: "attached",
            document: undefined,
          },
        ],
      }),
    ],
    severity: "high",
    message: ["user alice has administrator access through AdministratorAccess (attached)"],
    evidence: { policies: [{ name: "AdministratorAccess", via: "attached" }] },
  },
  "iam.role-admin-access": {
    compliant: [
      iamRole("deployer", {
        policies: [
          {
            name: "deploy",
            arn: undefined,
            via: "inline",
            document: policyDocument({ Effect: "Allow", Action: "s3:*", Resource: "*" }),
          },
        ],
      }),
    ],
    nonCompliant: [
      iamRole("deployer", {
        policies: [
          {
            name: "everything",
            arn: undefined,
            via: "inline",
            document: policyDocument({ Effect: "Allow", Action: "*", Resource: "*" }),
          },
        ],
      }),
    ],
    severity: "high",
    message: ["role deployer has administrator access through everything (inline)"],
    evidence: { policies: [{ name: "everything", via: "inline" }] },
  },
  "iam.password-policy-weak": {
    compliant: [account()],
    nonCompliant: [
      account({
        passwordPolicy: {
          minimumLength: 8,
          requireSymbols: true,
          requireNumbers: true,
          requireUppercase: true,
          requireLowercase: true,
          reusePrevention: undefined,
          maxAgeDays: undefined,
        },
      }),
    ],
    severity: "medium",
    message: [
      "the password policy of 111111111111 is weak",
      "minimum length 8 (< 14)",
      "reuse prevention off (< 24)",
    ],
    evidence: { gaps: ["minimum length 8 (< 14)", "reuse prevention off (< 24)"] },
  },
  "iam.role-trust-open": {
    compliant: [iamRole("deployer"), account()],
    nonCompliant: [
      iamRole("deployer", {
        trustPolicy: policyDocument({
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
          Action: "sts:AssumeRole",
        }),
      }),
      account(),
    ],
    severity: "high",
    message: [`role deployer can be assumed by arn:aws:iam::${OTHER_ACCOUNT}:root with no condition`],
    evidence: { principals: [`arn:aws:iam::${OTHER_ACCOUNT}:root`] },
  },
  "cloudtrail.no-multi-region-trail": {
    compliant: [account(), trail("main")],
    nonCompliant: [account(), trail("regional", { isMultiRegion: false })],
    severity: "high",
    message: ["111111111111 has no logging multi-region trail"],
    evidence: { trails: [{ name: "regional", isMultiRegion: false, isLogging: true }] },
    brokenRelated: ["trail"],
  },
  "cloudtrail.logging-stopped": {
    compliant: [trail("main")],
    nonCompliant: [trail("main", { isLogging: false })],
    severity: "high",
    message: ["trail main is not logging"],
    evidence: { isLogging: false, homeRegion: "us-east-1" },
  },
  "cloudtrail.log-validation-off": {
    compliant: [trail("main")],
    nonCompliant: [trail("main", { isLogFileValidationEnabled: false })],
    severity: "medium",
    message: ["trail main does not validate its log files"],
    evidence: { isLogFileValidationEnabled: false },
  },
  "cloudtrail.not-kms-encrypted": {
    compliant: [trail("main")],
    nonCompliant: [trail("main", { kmsKeyId: undefined })],
    severity: "medium",
    message: ["trail main does not encrypt its logs with KMS"],
    evidence: { kmsKeyId: null },
  },
  "ec2.ebs-encryption-by-default-off": {
    compliant: [regionSettings()],
    nonCompliant: [regionSettings({ isEbsEncryptionByDefault: false })],
    severity: "medium",
    message: ["EBS encryption by default is off in us-east-1"],
    evidence: { isEbsEncryptionByDefault: false },
  },
  "ebs.snapshot-public": {
    compliant: [snapshot("snap-1")],
    nonCompliant: [snapshot("snap-1", { isPublic: true, isEncrypted: false })],
    severity: "critical",
    message: ["snap-1 can be restored by anyone"],
    evidence: { isPublic: true, isEncrypted: false },
  },
  "rds.snapshot-public": {
    compliant: [dbSnapshot("rds-snap-1")],
    nonCompliant: [dbSnapshot("rds-snap-1", { isPublic: true })],
    severity: "critical",
    message: ["DB snapshot rds-snap-1 can be restored by anyone"],
    evidence: { isPublic: true, dbInstanceId: "db-1" },
  },
  "vpc.flow-logs-off": {
    compliant: [vpc("vpc-1")],
    nonCompliant: [
      vpc("vpc-1", { name: "prod", flowLogs: [{ id: "fl-1", status: "FAILED", trafficType: "ALL" }] }),
    ],
    severity: "medium",
    message: ["prod (vpc-1) has no active flow log"],
    evidence: { flowLogs: [{ id: "fl-1", status: "FAILED" }], isDefault: false },
  },
  "vpc.single-az": {
    compliant: [vpc("vpc-1")],
    nonCompliant: [vpc("vpc-1", { name: "prod", subnetZones: ["us-east-1a", "us-east-1a"] })],
    severity: "medium",
    message: ["prod (vpc-1) has all 2 subnets in us-east-1a"],
    evidence: { zones: ["us-east-1a"], subnets: 2 },
  },
  "ec2.sg-open-ingress": {
    compliant: [securityGroup("sg-1", { ingress: [rule("tcp", 22, 22, "10.0.0.0/8")] })],
    nonCompliant: [securityGroup("sg-1", { ingress: [rule("tcp", 22, 22, "0.0.0.0/0")] })],
    severity: "critical",
    message: ["sg-1-name (sg-1)", "tcp 22 (SSH)", "from the internet"],
    evidence: { rules: [{ protocol: "tcp", ports: "tcp 22", peer: "0.0.0.0/0" }] },
  },
  "ec2.sg-wide-port-range": {
    compliant: [securityGroup("sg-1", { ingress: [rule("tcp", 8000, 8999, "10.0.0.0/8")] })],
    nonCompliant: [securityGroup("sg-1", { ingress: [rule("tcp", 0, 65535, "10.0.0.0/8")] })],
    severity: "medium",
    message: ["sg-1", "65,536 ports", "more than 1000"],
    evidence: { rules: [{ peer: "10.0.0.0/8", portCount: 65536 }], maxPortRange: 1000 },
  },
  "ec2.sg-unused": {
    compliant: [securityGroup("sg-1"), networkInterface("eni-1", { securityGroupIds: ["sg-1"] })],
    nonCompliant: [securityGroup("sg-1"), networkInterface("eni-1", { securityGroupIds: ["sg-2"] })],
    severity: "low",
    message: ["sg-1-name (sg-1)", "attached to nothing"],
    evidence: { vpcId: "vpc-1" },
  },
  "ec2.sg-redundant-rule": {
    compliant: [
      securityGroup("sg-1", {
        ingress: [rule("tcp", 22, 22, "10.0.0.0/8"), rule("tcp", 443, 443, "10.1.0.0/16")],
      }),
    ],
    nonCompliant: [
      securityGroup("sg-1", {
        ingress: [rule("tcp", 22, 22, "10.0.0.0/8"), rule("tcp", 22, 22, "10.1.0.0/16")],
      }),
    ],
    severity: "low",
    message: ["sg-1", "tcp 22 from 10.1.0.0/16 (within tcp 22 from 10.0.0.0/8)"],
    evidence: { rules: [{ rule: { peer: "10.1.0.0/16" }, coveredBy: { peer: "10.0.0.0/8" } }] },
  },
  "ec2.sg-default-allows-traffic": {
    compliant: [securityGroup("sg-d", { isDefault: true })],
    nonCompliant: [
      securityGroup("sg-d", {
        isDefault: true,
        ingress: [rule("-1", undefined, undefined, "sg-d")],
        egress: [rule("-1", undefined, undefined, "0.0.0.0/0")],
      }),
    ],
    severity: "medium",
    message: ["vpc-1 (sg-d)", "1 inbound and 1 outbound rules"],
    evidence: { ingress: [{ ports: "all traffic", peer: "sg-d" }], egress: [{ peer: "0.0.0.0/0" }] },
  },
  "ec2.eip-unassociated": {
    compliant: [elasticIp("eipalloc-1", { associationId: "eipassoc-1", instanceId: "i-1" })],
    nonCompliant: [elasticIp("eipalloc-1")],
    severity: "low",
    // 730 h × $0.005/h
    message: ["203.0.113.10 (eipalloc-1)", "$3.65/month"],
    evidence: { publicIp: "203.0.113.10" },
    monthlyCostUsd: 3.65,
  },
  "ec2.eni-orphaned": {
    compliant: [networkInterface("eni-1", { status: "in-use", attachedInstanceId: "i-1" })],
    nonCompliant: [networkInterface("eni-1", { status: "available", description: "left over" })],
    severity: "low",
    message: ["eni-1", '"left over"'],
    evidence: { subnetId: "subnet-1", description: "left over" },
    monthlyCostUsd: 0,
  },
  "ec2.instance-stopped-long": {
    compliant: [
      instance("i-1", {
        state: "stopped",
        stateTransitionReason: "User initiated (2026-11-14 10:00:00 GMT)",
      }),
    ],
    nonCompliant: [
      instance("i-1", {
        state: "stopped",
        stateTransitionReason: "User initiated (2026-09-01 10:00:00 GMT)",
        volumeIds: ["vol-1"],
      }),
      volume("vol-1", { sizeGiB: 100, volumeType: "gp3", attachedInstanceIds: ["i-1"] }),
      volume("vol-2", { sizeGiB: 50, volumeType: "gp2", attachedInstanceIds: ["i-1"] }),
      volume("vol-3", { sizeGiB: 500, attachedInstanceIds: ["i-other"] }),
    ],
    severity: "low",
    // 100 GiB × $0.08 + 50 GiB × $0.10
    message: ["(i-1)", "stopped for 84 days", "2 volumes", "$13.00/month"],
    evidence: {
      stoppedAt: "2026-09-01T10:00:00.000Z",
      stoppedDays: 84,
      volumes: [{ id: "vol-1" }, { id: "vol-2" }],
    },
    monthlyCostUsd: 13,
  },
  "ec2.previous-generation-type": {
    compliant: [instance("i-1", { instanceType: "m7i.large" })],
    nonCompliant: [instance("i-1", { instanceType: "m4.large" })],
    severity: "low",
    message: ["(i-1)", "m4.large"],
    evidence: { instanceType: "m4.large", family: "m4" },
  },
  "ebs.volume-unattached": {
    compliant: [volume("vol-1", { state: "in-use", attachedInstanceIds: ["i-1"] })],
    nonCompliant: [volume("vol-1", { state: "available", sizeGiB: 100, volumeType: "gp3" })],
    severity: "low",
    // 100 GiB × $0.08/GB-month
    message: ["vol-1", "100 GiB gp3", "$8.00/month"],
    evidence: { sizeGiB: 100, volumeType: "gp3", ageDays: 100 },
    monthlyCostUsd: 8,
  },
  "ebs.volume-unencrypted": {
    compliant: [volume("vol-1", { isEncrypted: true })],
    nonCompliant: [volume("vol-1", { isEncrypted: false, attachedInstanceIds: ["i-1"] })],
    severity: "medium",
    message: ["vol-1", "not encrypted"],
    evidence: { isEncrypted: false, attachedTo: ["i-1"] },
  },
  "ebs.gp2-volume": {
    compliant: [volume("vol-1", { volumeType: "gp3" })],
    nonCompliant: [volume("vol-1", { volumeType: "gp2", sizeGiB: 100 })],
    severity: "low",
    // 100 GiB × ($0.10 − $0.08): a saving, not a cost
    message: ["vol-1 (100 GiB) is gp2", "$2.00/month"],
    evidence: { sizeGiB: 100, monthlySavingUsd: 2 },
  },
  "ebs.snapshot-old": {
    compliant: [snapshot("snap-1", { startedAt: daysAgo(30) })],
    nonCompliant: [snapshot("snap-1", { startedAt: daysAgo(400), sizeGiB: 100 })],
    severity: "low",
    // at most 100 GiB × $0.05/GB-month
    message: ["snap-1", "400 days old", "more than 365", "$5.00/month"],
    evidence: { ageDays: 400, sizeGiB: 100 },
    monthlyCostUsd: 5,
  },
  "ebs.snapshot-unencrypted": {
    compliant: [snapshot("snap-1", { isEncrypted: true })],
    nonCompliant: [snapshot("snap-1", { isEncrypted: false, sizeGiB: 8 })],
    severity: "medium",
    message: ["snap-1 (8 GiB)", "not encrypted"],
    evidence: { isEncrypted: false, sizeGiB: 8 },
  },
  "elb.load-balancer-idle": {
    compliant: [loadBalancer("lb-1", { registeredTargets: 2, healthyTargets: 2, requestCount: 1000 })],
    nonCompliant: [
      loadBalancer("lb-1", { name: "web", registeredTargets: 0, healthyTargets: 0, requestCount: 0 }),
    ],
    severity: "low",
    // 730 h × $0.0225/h
    message: ["web is idle", "no registered targets", "no requests in 14 days", "$16.43/month"],
    evidence: { registeredTargets: 0, requestCount: 0, loadBalancerType: "application" },
    monthlyCostUsd: 16.43,
  },
  "rds.storage-unencrypted": {
    compliant: [dbInstance("db-1")],
    nonCompliant: [dbInstance("db-1", { isStorageEncrypted: false })],
    severity: "high",
    message: ["db-1 (postgres)", "unencrypted"],
    evidence: { isStorageEncrypted: false, engine: "postgres" },
  },
  "rds.publicly-accessible": {
    compliant: [dbInstance("db-1")],
    nonCompliant: [dbInstance("db-1", { isPubliclyAccessible: true })],
    severity: "critical",
    message: ["db-1 (postgres)", "publicly accessible"],
    evidence: { isPubliclyAccessible: true, engine: "postgres" },
  },
  "rds.multi-az-off": {
    compliant: [dbInstance("db-1")],
    nonCompliant: [dbInstance("db-1", { isMultiAz: false })],
    severity: "medium",
    message: ["db-1 (postgres)", "single Availability Zone"],
    evidence: { isMultiAz: false, engine: "postgres" },
  },
  "tags.missing-required": {
    compliant: [
      taggedResource("i-1", {
        tags: { Owner: "data-team", Environment: "production", CostCenter: "CC-1010" },
      }),
    ],
    nonCompliant: [taggedResource("i-1", { tags: { Environment: "production" } })],
    severity: "medium",
    message: ["ec2:instance", "lacks Owner, CostCenter"],
    evidence: { missing: ["Owner", "CostCenter"], suggested: {} },
  },
  "tags.invalid-value": {
    compliant: [
      taggedResource("i-1", {
        tags: { Owner: "data-team", Environment: "production", CostCenter: "CC-1010" },
      }),
    ],
    nonCompliant: [
      taggedResource("i-1", { tags: { Owner: "data-team", Environment: "Production", CostCenter: "1010" } }),
    ],
    severity: "low",
    message: [
      'Environment="Production" differs from the allowed value "production" only in case',
      "CostCenter",
    ],
    evidence: {
      invalid: [
        { key: "Environment", value: "Production" },
        { key: "CostCenter", value: "1010", problem: "does not match ^CC-[0-9]{4}$" },
      ],
    },
  },
  "rds.backups-off": {
    compliant: [dbInstance("db-1")],
    nonCompliant: [dbInstance("db-1", { backupRetentionDays: 0 })],
    severity: "high",
    message: ["db-1", "retention 0 days"],
    evidence: { backupRetentionDays: 0 },
  },
};

const CASES = ALL_CHECKS.map((check) => [check.id, check] as const);

describe("the triad table", () => {
  it("covers every check of the registry and nothing else", () => {
    expect(Object.keys(TRIADS).sort()).toEqual(ALL_CHECKS.map((c) => c.id).sort());
  });
});

describe.each(CASES)("%s", (id, check) => {
  const triad = TRIADS[id];
  if (triad === undefined) throw new Error(`no triad for ${id}`);
  const subject = (records: AuditRecord[]): AuditRecord => {
    const first = records[0];
    if (first === undefined || first.kind !== check.appliesTo) throw new Error(`bad fixture for ${id}`);
    return first;
  };

  it("passes the compliant record and counts it as passed", () => {
    const evaluation = runChecks([check], triad.compliant);
    expect(subject(triad.compliant).kind).toBe(check.appliesTo);
    expect(evaluation.findings).toEqual([]);
    expect(summaryOf(evaluation, id)).toEqual({
      checkId: id,
      evaluated: 1,
      passed: 1,
      failed: 0,
      suppressed: 0,
      errors: 0,
      notEvaluated: 0,
    });
  });

  it("fails the non-compliant record once, with severity, message, evidence and cost", () => {
    const record = subject(triad.nonCompliant);
    const evaluation = runChecks([check], triad.nonCompliant);
    expect(evaluation.findings).toHaveLength(1);
    const [finding] = evaluation.findings;
    expect(finding).toMatchObject({
      checkId: id,
      title: check.title,
      status: "fail",
      severity: triad.severity,
      account: record.account,
      region: record.region,
      resource: { type: check.appliesTo, id: record.id, arn: record.arn },
      evidence: triad.evidence,
    });
    for (const part of triad.message) expect(finding?.message).toContain(part);
    expect(finding?.monthlyCostUsd).toBe(triad.monthlyCostUsd);
    expect(summaryOf(evaluation, id)).toMatchObject({ evaluated: 1, passed: 0, failed: 1, errors: 0 });
  });

  it("turns a throwing record into an error finding, never a pass, and still runs the rest", () => {
    // The broken record is in another region so the check's related records stay readable.
    const where = { region: "eu-west-1", ...(triad.brokenRelated && { account: OTHER_ACCOUNT }) };
    const broken = brokenRecord(check.appliesTo, "broken-1", where);
    const brokenRelated = (triad.brokenRelated ?? []).map((kind, i) =>
      brokenRecord(kind, `broken-r${i}`, where),
    );
    const witness = check.appliesTo === "volume" ? rdsBackupsOff : volumeUnencrypted;
    const witnessRecord =
      witness === rdsBackupsOff
        ? dbInstance("db-w", { backupRetentionDays: 0 })
        : volume("vol-w", { isEncrypted: false });
    const evaluation = runChecks(
      [check, witness],
      [broken, ...brokenRelated, ...triad.nonCompliant, witnessRecord],
    );

    const errors = evaluation.findings.filter((f) => f.checkId === id && f.status === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      severity: check.severity,
      region: "eu-west-1",
      resource: { id: "broken-1" },
      evidence: {},
    });
    expect(errors[0]?.message).toMatch(/^the check failed on this resource: field \w+ is unreadable$/);
    // The non-compliant record of the same check and the other check still ran.
    expect(evaluation.findings.filter((f) => f.checkId === id && f.status === "fail")).toHaveLength(1);
    expect(summaryOf(evaluation, id)).toMatchObject({ evaluated: 2, passed: 0, failed: 1, errors: 1 });
    expect(summaryOf(evaluation, witness.id)).toMatchObject({ failed: 1, errors: 0 });
  });
});

describe("a malformed record", () => {
  const malformed = <T>(value: unknown): T => value as T;
  it.each<[string, AuditRecord[]]>([
    ["ec2.sg-open-ingress", [securityGroup("sg-1", { ingress: malformed(undefined) })]],
    [
      "ec2.sg-redundant-rule",
      [securityGroup("sg-1", { ingress: [malformed({ protocol: "tcp" }), malformed(null)] })],
    ],
    [
      "ec2.sg-unused",
      [securityGroup("sg-1"), networkInterface("eni-1", { securityGroupIds: malformed(undefined) })],
    ],
    [
      "ec2.instance-stopped-long",
      [
        instance("i-1", {
          state: "stopped",
          stateTransitionReason: "User initiated (2026-01-01 00:00:00 GMT)",
          volumeIds: malformed(undefined),
        }),
        volume("vol-1"),
      ],
    ],
    [
      "elb.load-balancer-idle",
      [loadBalancer("lb-1", { requestCount: 0, requestWindowDays: malformed(Object.create(null)) })],
    ],
  ])("makes %s report an error, not a pass", (id, records) => {
    const check = ALL_CHECKS.find((c) => c.id === id);
    if (check === undefined) throw new Error(id);
    const evaluation = runChecks([check], records);
    expect(evaluation.findings.map((f) => f.status)).toEqual(["error"]);
    expect(summaryOf(evaluation, id)).toMatchObject({ passed: 0, errors: 1 });
  });
});
