/** The check engine: cells it could not evaluate, what related() sees, counts and order. */
import { describe, expect, it } from "vitest";
import type { AccountRecord, AuditRecord } from "../../../src/core/audit/records.js";
import { cloudtrailNoMultiRegionTrail } from "../../../src/core/checks/cloudtrail/no-multi-region-trail.js";
import { defineCheck, fail, pass, type AnyCheck } from "../../../src/core/checks/check.js";
import { compareFindings, type UnreadCell } from "../../../src/core/checks/evaluate.js";
import { instanceStoppedLong } from "../../../src/core/checks/ec2/instance-stopped-long.js";
import { sgOpenIngress } from "../../../src/core/checks/ec2/sg-open-ingress.js";
import { sgUnused } from "../../../src/core/checks/ec2/sg-unused.js";
import { sgWidePortRange } from "../../../src/core/checks/ec2/sg-wide-port-range.js";
import { volumeUnencrypted } from "../../../src/core/checks/ebs/volume-unencrypted.js";
import { rdsPubliclyAccessible } from "../../../src/core/checks/rds/publicly-accessible.js";
import { ALL_CHECKS } from "../../../src/core/checks/registry.js";
import type { Finding } from "../../../src/core/findings/finding.js";
import {
  ACCOUNT,
  dbInstance,
  instance,
  networkInterface,
  OTHER_ACCOUNT,
  rule,
  runChecks,
  securityGroup,
  summaryOf,
  volume,
} from "./_records.js";

const unread = (kind: UnreadCell["kind"], region: string, account = ACCOUNT): UnreadCell => ({
  account,
  region,
  kind,
  permission: `ec2:Describe-${kind}`,
  message: "AccessDenied",
});

const open22 = (id: string, region = "us-east-1", account = ACCOUNT) =>
  securityGroup(id, { region, account, ingress: [rule("tcp", 22, 22, "0.0.0.0/0")] });

const cellsOf = (findings: Finding[], checkId: string, status: Finding["status"]) =>
  findings
    .filter((f) => f.checkId === checkId && f.status === status)
    .map((f) => `${f.account}/${f.region}`)
    .sort();

describe("not-evaluated cells", () => {
  it("makes the checks of an unread kind not-evaluated there, with the permission, and evaluates other regions", () => {
    const evaluation = runChecks(
      [sgOpenIngress, volumeUnencrypted],
      [open22("sg-1", "us-east-1"), open22("sg-2", "eu-west-1"), volume("vol-1", { isEncrypted: false })],
      { unread: [unread("security-group", "us-east-1")] },
    );
    const blocked = evaluation.findings.filter((f) => f.status === "not-evaluated");
    expect(blocked).toEqual([
      expect.objectContaining({
        checkId: "ec2.sg-open-ingress",
        account: ACCOUNT,
        region: "us-east-1",
        permission: "ec2:Describe-security-group",
        resource: expect.objectContaining({ type: "security-group", id: `${ACCOUNT}/us-east-1` }),
        evidence: { unreadKind: "security-group" },
      }),
    ]);
    expect(blocked[0]?.message).toContain("could not be read (AccessDenied)");
    // sg-1's record (in the unread cell) is not evaluated; eu-west-1 is; volumes are untouched.
    expect(cellsOf(evaluation.findings, "ec2.sg-open-ingress", "fail")).toEqual([`${ACCOUNT}/eu-west-1`]);
    expect(summaryOf(evaluation, "ec2.sg-open-ingress")).toMatchObject({
      evaluated: 1,
      failed: 1,
      notEvaluated: 1,
    });
    expect(summaryOf(evaluation, "ebs.volume-unencrypted")).toMatchObject({ failed: 1, notEvaluated: 0 });
  });

  it("blocks the checks that use an unread kind, and not those that do not", () => {
    const evaluation = runChecks(
      [sgOpenIngress, sgUnused, sgWidePortRange],
      [securityGroup("sg-1", { ingress: [rule("tcp", 0, 65535, "0.0.0.0/0")] })],
      { unread: [unread("network-interface", "us-east-1")] },
    );
    expect(cellsOf(evaluation.findings, "ec2.sg-open-ingress", "not-evaluated")).toEqual([
      `${ACCOUNT}/us-east-1`,
    ]);
    expect(cellsOf(evaluation.findings, "ec2.sg-unused", "not-evaluated")).toEqual([`${ACCOUNT}/us-east-1`]);
    expect(cellsOf(evaluation.findings, "ec2.sg-wide-port-range", "fail")).toEqual([`${ACCOUNT}/us-east-1`]);
    expect(evaluation.findings.find((f) => f.checkId === "ec2.sg-unused")?.evidence).toEqual({
      unreadKind: "network-interface",
    });
  });

  it("names the check's own kind when both it and a kind it uses are unread", () => {
    const evaluation = runChecks([sgOpenIngress], [], {
      unread: [unread("load-balancer", "us-east-1"), unread("security-group", "us-east-1")],
    });
    expect(evaluation.findings).toHaveLength(1);
    expect(evaluation.findings[0]?.evidence).toEqual({ unreadKind: "security-group" });
  });

  it("blocks, for a used kind unread account-wide (global), every region where the check has records", () => {
    const stopped = (id: string, region: string, account = ACCOUNT) =>
      instance(id, {
        region,
        account,
        state: "stopped",
        stateTransitionReason: "User initiated (2026-01-01 00:00:00 GMT)",
      });
    const evaluation = runChecks(
      [instanceStoppedLong],
      [stopped("i-1", "us-east-1"), stopped("i-2", "eu-west-1"), stopped("i-3", "us-east-1", OTHER_ACCOUNT)],
      { unread: [unread("volume", "global")] },
    );
    expect(cellsOf(evaluation.findings, "ec2.instance-stopped-long", "not-evaluated")).toEqual([
      `${ACCOUNT}/eu-west-1`,
      `${ACCOUNT}/us-east-1`,
    ]);
    expect(cellsOf(evaluation.findings, "ec2.instance-stopped-long", "fail")).toEqual([
      `${OTHER_ACCOUNT}/us-east-1`,
    ]);
    expect(summaryOf(evaluation, "ec2.instance-stopped-long")).toMatchObject({
      evaluated: 1,
      failed: 1,
      notEvaluated: 2,
    });
  });

  it("blocks an account-wide record whose check uses a kind unread in one region (no trail read there is no missing trail)", () => {
    const account = (id: string): AccountRecord => ({
      kind: "account",
      account: id,
      region: "global",
      id,
      arn: `arn:aws:iam::${id}:root`,
      name: undefined,
      tags: {},
      isRootMfaEnabled: true,
      hasRootAccessKeys: false,
      passwordPolicy: undefined,
      publicAccessBlock: undefined,
      organizationManagementAccount: undefined,
    });
    const evaluation = runChecks([cloudtrailNoMultiRegionTrail], [account(ACCOUNT), account(OTHER_ACCOUNT)], {
      unread: [unread("trail", "us-east-1")],
    });
    expect(
      evaluation.findings.filter((f) => f.status === "not-evaluated").map((f) => `${f.account}/${f.region}`),
    ).toEqual([`${ACCOUNT}/global`, `${ACCOUNT}/us-east-1`]);
    // The other account's trails were read: it has none, a definite failure.
    expect(cellsOf(evaluation.findings, "cloudtrail.no-multi-region-trail", "fail")).toEqual([
      `${OTHER_ACCOUNT}/global`,
    ]);
    expect(summaryOf(evaluation, "cloudtrail.no-multi-region-trail")).toMatchObject({
      evaluated: 1,
      passed: 0,
      failed: 1,
    });
  });

  it("names an unread global cell of the check's own kind by its account", () => {
    const evaluation = runChecks([rdsPubliclyAccessible], [], { unread: [unread("db-instance", "global")] });
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        status: "not-evaluated",
        region: "global",
        resource: expect.objectContaining({ id: ACCOUNT, type: "db-instance" }),
      }),
    ]);
  });

  it("is never suppressed", () => {
    const evaluation = runChecks([sgOpenIngress], [], {
      unread: [unread("security-group", "us-east-1")],
      suppressions: [{ check: "*", resource: "*", reason: "accepted" }],
    });
    expect(evaluation.findings.map((f) => f.status)).toEqual(["not-evaluated"]);
  });
});

describe("related()", () => {
  it("sees records of the same account and region, and the account's global ones, only", () => {
    const seen: string[] = [];
    const probe = defineCheck({
      ...sgUnused,
      id: "test.probe",
      uses: ["network-interface"],
      evaluate(group, ctx) {
        if (group.id === "sg-1") seen.push(...ctx.related("network-interface").map((r) => r.id));
        return pass();
      },
    });
    runChecks(
      [probe],
      [
        securityGroup("sg-1"),
        networkInterface("eni-here"),
        networkInterface("eni-global", { region: "global" }),
        networkInterface("eni-other-region", { region: "eu-west-1" }),
        networkInterface("eni-other-account", { account: OTHER_ACCOUNT }),
      ],
    );
    expect(seen.sort()).toEqual(["eni-global", "eni-here"]);
  });
});

describe("counts and order", () => {
  it("counts evaluated, passed, failed, suppressed, errors per check; not-applicable records are not evaluated", () => {
    const flaky = defineCheck({
      ...rdsPubliclyAccessible,
      id: "test.flaky",
      evaluate(db) {
        if (db.id === "db-throws") throw new TypeError("boom");
        if (db.id === "db-na") return { status: "not-applicable" };
        return db.id.startsWith("db-bad") ? fail(`${db.id} is bad`, {}) : pass();
      },
    });
    const evaluation = runChecks(
      [flaky],
      ["db-ok", "db-ok2", "db-bad1", "db-bad2", "db-bad3", "db-throws", "db-na"].map((id) => dbInstance(id)),
      { suppressions: [{ check: "test.*", resource: "db-bad3", reason: "accepted" }] },
    );
    expect(summaryOf(evaluation, "test.flaky")).toEqual({
      checkId: "test.flaky",
      evaluated: 6,
      passed: 2,
      failed: 2,
      suppressed: 1,
      errors: 1,
      notEvaluated: 0,
    });
    expect(evaluation.findings.find((f) => f.status === "error")?.message).toBe(
      "the check failed on this resource: boom",
    );
  });

  it("reports a non-Error thrown value as text", () => {
    const throwsString = defineCheck({
      ...rdsPubliclyAccessible,
      id: "test.throws-string",
      evaluate() {
        throw "nope";
      },
    });
    const evaluation = runChecks([throwsString], [dbInstance("db-1")]);
    expect(evaluation.findings[0]).toMatchObject({
      status: "error",
      message: "the check failed on this resource: nope",
    });
  });

  it("sorts findings worst first, then by check, account, region and resource", () => {
    const records: AuditRecord[] = [
      volume("vol-b", { isEncrypted: false }),
      volume("vol-a", { isEncrypted: false, region: "eu-west-1" }),
      dbInstance("db-1", { isPubliclyAccessible: true, isStorageEncrypted: false, backupRetentionDays: 0 }),
      open22("sg-1"),
      securityGroup("sg-2", { ingress: [rule("tcp", 443, 443, "0.0.0.0/0")] }),
      volume("vol-c", { isEncrypted: false, account: OTHER_ACCOUNT }),
    ];
    const { findings } = runChecks(ALL_CHECKS, records);
    expect(
      findings.map((f) => `${f.severity} ${f.checkId} ${f.account} ${f.region} ${f.resource.id}`),
    ).toEqual([
      `critical ec2.sg-open-ingress ${ACCOUNT} us-east-1 sg-1`,
      `critical rds.publicly-accessible ${ACCOUNT} us-east-1 db-1`,
      `high rds.backups-off ${ACCOUNT} us-east-1 db-1`,
      `high rds.storage-unencrypted ${ACCOUNT} us-east-1 db-1`,
      `medium ebs.volume-unencrypted ${ACCOUNT} eu-west-1 vol-a`,
      `medium ebs.volume-unencrypted ${ACCOUNT} us-east-1 vol-b`,
      `medium ebs.volume-unencrypted ${OTHER_ACCOUNT} us-east-1 vol-c`,
      `medium ec2.sg-open-ingress ${ACCOUNT} us-east-1 sg-2`,
      `low ec2.sg-unused ${ACCOUNT} us-east-1 sg-1`,
      `low ec2.sg-unused ${ACCOUNT} us-east-1 sg-2`,
    ]);
    expect([...findings].sort(compareFindings)).toEqual(findings);
  });

  it("returns a summary for every check, even one with nothing to evaluate", () => {
    const evaluation = runChecks(ALL_CHECKS, []);
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.checks.map((c) => c.checkId)).toEqual(ALL_CHECKS.map((c: AnyCheck) => c.id));
    expect(evaluation.checks.every((c) => c.evaluated === 0)).toBe(true);
  });
});
