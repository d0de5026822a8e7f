/** Hand-made audit results for renderer tests. */
import type { AuditCheck, AuditResult } from "../../src/core/findings/audit-result.js";
import { summarizeFindings } from "../../src/core/findings/audit-result.js";
import type { Finding } from "../../src/core/findings/finding.js";

export const PROFILE_ACCOUNT = "111111111111";
export const OTHER_ACCOUNT = "222222222222";

export function check(overrides: Partial<AuditCheck> & Pick<AuditCheck, "id">): AuditCheck {
  return {
    title: `Title of ${overrides.id}`,
    severity: "medium",
    appliesTo: "security-group",
    uses: [],
    description: `What ${overrides.id} looks for.`,
    packs: ["security"],
    wellArchitected: [],
    remediation: `How to fix ${overrides.id}.`,
    fix: {},
    evaluated: 0,
    passed: 0,
    failed: 0,
    suppressed: 0,
    errors: 0,
    notEvaluated: 0,
    ...overrides,
  };
}

export function finding(overrides: Partial<Finding> & Pick<Finding, "checkId">): Finding {
  const id = overrides.resource?.id ?? "sg-0001";
  return {
    title: `Title of ${overrides.checkId}`,
    severity: "medium",
    status: "fail",
    account: PROFILE_ACCOUNT,
    region: "us-east-1",
    resource: {
      type: "security-group",
      id,
      arn: `arn:aws:ec2:us-east-1:${PROFILE_ACCOUNT}:security-group/${id}`,
      name: undefined,
      tags: {},
    },
    message: `${id} fails ${overrides.checkId}`,
    evidence: {},
    ...overrides,
  };
}

export function auditResult(
  findings: Finding[],
  options: {
    checks?: AuditCheck[];
    failures?: AuditResult["failures"];
    workflow?: AuditResult["workflow"];
  } = {},
): AuditResult {
  const failures = options.failures ?? [];
  const regions = ["us-east-1", "eu-west-1"];
  return {
    workflow: options.workflow ?? "security",
    pillar: undefined,
    account: PROFILE_ACCOUNT,
    accounts: [
      {
        id: PROFILE_ACCOUNT,
        name: "prod",
        access: "profile",
        roleArn: undefined,
        regions,
        status: failures.length > 0 ? "partial" : "complete",
      },
    ],
    regions,
    generatedAt: "2026-11-01T12:00:00.000Z",
    runId: undefined,
    checks: options.checks ?? [],
    findings,
    summary: summarizeFindings(findings),
    failures,
    coverage: {
      planned: 8,
      read: 8 - failures.length,
      empty: [],
      notRead: failures.map((f) => ({ partition: f.partition, reason: f.reason })),
      skippedRegions: [],
      resumed: 0,
    },
  };
}

export const SG_OPEN = check({
  id: "ec2.sg-open-ingress",
  title: "Security group allows ingress from the internet",
  severity: "high",
  description: "An inbound rule open to `0.0.0.0/0` exposes the port to everyone.",
  wellArchitected: [
    { pillar: "security", bestPractice: "SEC05-BP02 Control traffic flow within your network layers" },
  ],
  cis: "5.2",
  remediation: "Narrow the rule's source to known ranges | a prefix list.",
  fix: {
    cli: "aws ec2 revoke-security-group-ingress --group-id <group-id> --protocol tcp --port 22 --cidr 0.0.0.0/0",
  },
  evaluated: 3,
  passed: 1,
  failed: 1,
  suppressed: 1,
});

export const RDS_PUBLIC = check({
  id: "rds.publicly-accessible",
  title: "RDS instance is publicly accessible",
  severity: "high",
  appliesTo: "db-instance",
  evaluated: 1,
  failed: 1,
  notEvaluated: 1,
});

export const VOLUME_UNATTACHED = check({
  id: "ebs.volume-unattached",
  title: "EBS volume is not attached",
  severity: "low",
  appliesTo: "volume",
  packs: ["cleanup"],
  evaluated: 3,
  failed: 2,
  errors: 1,
});

/** A security audit: failed findings of three severities, a suppressed one, one not evaluated, one error. */
export function sampleAudit(): AuditResult {
  return auditResult(
    [
      finding({
        checkId: "ec2.sg-open-ingress",
        title: SG_OPEN.title,
        severity: "critical",
        resource: {
          type: "security-group",
          id: "sg-0aaa",
          arn: `arn:aws:ec2:us-east-1:${PROFILE_ACCOUNT}:security-group/sg-0aaa`,
          name: "web|public",
          tags: { Owner: "team-a", env: "prod" },
        },
        message: "sg-0aaa allows tcp/22 from 0.0.0.0/0",
        evidence: { port: 22, cidr: "0.0.0.0/0" },
      }),
      finding({
        checkId: "rds.publicly-accessible",
        title: RDS_PUBLIC.title,
        severity: "high",
        region: "eu-west-1",
        resource: {
          type: "db-instance",
          id: "orders-db",
          arn: `arn:aws:rds:eu-west-1:${PROFILE_ACCOUNT}:db:orders-db`,
          name: "orders-db",
          tags: {},
        },
        message: "orders-db is publicly accessible",
      }),
      finding({
        checkId: "ec2.sg-open-ingress",
        title: SG_OPEN.title,
        severity: "high",
        status: "suppressed",
        resource: {
          type: "security-group",
          id: "sg-0bbb",
          arn: `arn:aws:ec2:us-east-1:${PROFILE_ACCOUNT}:security-group/sg-0bbb`,
          name: "bastion",
          tags: {},
        },
        message: "sg-0bbb allows tcp/22 from 0.0.0.0/0",
        suppression: { reason: "bastion host, approved by security", expires: "2027-01-31" },
      }),
      finding({
        checkId: "rds.publicly-accessible",
        title: RDS_PUBLIC.title,
        severity: "high",
        status: "not-evaluated",
        region: "us-east-1",
        resource: {
          type: "db-instance",
          id: `${PROFILE_ACCOUNT}/us-east-1`,
          arn: "",
          name: undefined,
          tags: {},
        },
        message: `not evaluated: the db-instance records of ${PROFILE_ACCOUNT} us-east-1 could not be read (access denied)`,
        permission: "rds:DescribeDBInstances",
      }),
      finding({
        checkId: "ebs.volume-unattached",
        title: VOLUME_UNATTACHED.title,
        severity: "low",
        status: "error",
        resource: {
          type: "volume",
          id: "vol-0err",
          arn: `arn:aws:ec2:us-east-1:${PROFILE_ACCOUNT}:volume/vol-0err`,
          name: undefined,
          tags: {},
        },
        message: "the check failed on this resource: boom",
      }),
    ],
    {
      checks: [SG_OPEN, RDS_PUBLIC, VOLUME_UNATTACHED],
      failures: [
        {
          partition: `${PROFILE_ACCOUNT}/us-east-1/db-instance`,
          account: PROFILE_ACCOUNT,
          service: "db-instance",
          region: "us-east-1",
          stage: "collect",
          reason: "not-permitted",
          code: "AwsCallFailed",
          awsName: "AccessDenied",
          action: "rds:DescribeDBInstances",
          message: "access denied: the caller may not call rds:DescribeDBInstances.",
          hint: "Grant rds:DescribeDBInstances.",
        },
      ],
    },
  );
}

/** A cleanup audit: unattached volumes with their monthly cost, in two accounts and regions. */
export function cleanupAudit(): AuditResult {
  const volume = (id: string, account: string, region: string, cost: number) =>
    finding({
      checkId: "ebs.volume-unattached",
      title: VOLUME_UNATTACHED.title,
      severity: "low",
      account,
      region,
      resource: {
        type: "volume",
        id,
        arn: `arn:aws:ec2:${region}:${account}:volume/${id}`,
        name: undefined,
        tags: {},
      },
      message: `${id} is attached to nothing`,
      monthlyCostUsd: cost,
    });
  return auditResult(
    [
      volume("vol-1", PROFILE_ACCOUNT, "us-east-1", 8),
      volume("vol-2", PROFILE_ACCOUNT, "eu-west-1", 2.5),
      volume("vol-3", OTHER_ACCOUNT, "eu-west-1", 10.25),
    ],
    { checks: [{ ...VOLUME_UNATTACHED, evaluated: 3, failed: 3, errors: 0 }], workflow: "cleanup" },
  );
}
