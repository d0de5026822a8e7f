/**
 * Every check of the registry three ways, through the engine (cdk-nag's triad): a compliant
 * record passes, a non-compliant one fails once with the expected severity, message, evidence
 * and cost, and a record that makes the check throw is an `error` finding, never a pass.
 */
import { describe, expect, it } from "vitest";
import type { AuditRecord } from "../../../src/core/audit/records.js";
import type { EvidenceObject } from "../../../src/core/findings/finding.js";
import type { Severity } from "../../../src/core/findings/severity.js";
import { ALL_CHECKS } from "../../../src/core/checks/registry.js";
import { rdsBackupsOff } from "../../../src/core/checks/rds/backups-off.js";
import { volumeUnencrypted } from "../../../src/core/checks/ebs/volume-unencrypted.js";
import {
  brokenRecord,
  daysAgo,
  dbInstance,
  elasticIp,
  instance,
  loadBalancer,
  networkInterface,
  rule,
  runChecks,
  securityGroup,
  snapshot,
  summaryOf,
  taggedResource,
  volume,
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
}

const TRIADS: Record<string, Triad> = {
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
    const broken = brokenRecord(check.appliesTo, "broken-1", { region: "eu-west-1" });
    const witness = check.appliesTo === "volume" ? rdsBackupsOff : volumeUnencrypted;
    const witnessRecord =
      witness === rdsBackupsOff
        ? dbInstance("db-w", { backupRetentionDays: 0 })
        : volume("vol-w", { isEncrypted: false });
    const evaluation = runChecks([check, witness], [broken, ...triad.nonCompliant, witnessRecord]);

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
