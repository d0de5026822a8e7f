/** Suppressions: which failed findings they cover, until when, and that they are counted, never hidden. */
import { describe, expect, it } from "vitest";
import { volumeUnencrypted } from "../../../src/core/checks/ebs/volume-unencrypted.js";
import { rdsPubliclyAccessible } from "../../../src/core/checks/rds/publicly-accessible.js";
import type { SuppressionConfig } from "../../../src/core/config/schema.js";
import type { Finding } from "../../../src/core/findings/finding.js";
import { applySuppressions, isExpired, suppressionFor } from "../../../src/core/findings/suppression.js";
import { ACCOUNT, dbInstance, OTHER_ACCOUNT, runChecks, summaryOf, volume } from "../checks/_records.js";

const finding = (o: Partial<Finding> = {}): Finding => ({
  checkId: "ec2.sg-open-ingress",
  title: "Security group allows ingress from the internet",
  severity: "critical",
  status: "fail",
  account: ACCOUNT,
  region: "us-east-1",
  resource: {
    type: "security-group",
    id: "sg-0abc123",
    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0abc123`,
    name: "bastion",
    tags: {},
  },
  message: "bastion (sg-0abc123) allows tcp 22 (SSH) from the internet",
  evidence: {},
  ...o,
});

const s = (o: Partial<SuppressionConfig>): SuppressionConfig => ({
  check: "ec2.sg-open-ingress",
  resource: "sg-0abc123",
  reason: "bastion, reviewed",
  ...o,
});

const TODAY = "2026-11-24";

describe("suppressionFor", () => {
  it.each<[string, Partial<SuppressionConfig>, boolean]>([
    ["the exact check and id", {}, true],
    ["a check glob", { check: "ec2.*" }, true],
    ["a check glob with ?", { check: "ec2.sg-open-ingres?" }, true],
    ["any check", { check: "*" }, true],
    ["another check", { check: "ec2.sg-unused" }, false],
    ["another service's glob", { check: "rds.*" }, false],
    ["an id glob", { resource: "sg-0abc*" }, true],
    ["a case-insensitive id", { resource: "SG-0ABC123" }, true],
    ["the ARN", { resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0abc123` }, true],
    ["an ARN glob", { resource: `arn:aws:ec2:*:${ACCOUNT}:security-group/*` }, true],
    ["the name", { resource: "bastion" }, true],
    ["a name glob", { resource: "bast*" }, true],
    ["a prefix of the id without glob", { resource: "sg-0abc" }, false],
    ["another resource", { resource: "sg-999" }, false],
    ["its account", { accounts: [ACCOUNT] }, true],
    ["its account among others", { accounts: [OTHER_ACCOUNT, ACCOUNT] }, true],
    ["other accounts only", { accounts: [OTHER_ACCOUNT] }, false],
    ["expiring today (the last day it applies)", { expires: TODAY }, true],
    ["expiring tomorrow", { expires: "2026-11-25" }, true],
    ["expired yesterday", { expires: "2026-11-23" }, false],
  ])("%s: %s", (_, fields, covers) => {
    expect(suppressionFor(finding(), [s(fields)], TODAY) !== undefined).toBe(covers);
  });

  it("does not match a name the resource does not have", () => {
    const nameless = finding({ resource: { ...finding().resource, name: undefined } });
    expect(suppressionFor(nameless, [s({ resource: "bastion" })], TODAY)).toBeUndefined();
  });

  it("picks the first suppression that applies, skipping expired ones", () => {
    const expired = s({ reason: "old", expires: "2026-01-01" });
    const current = s({ reason: "current" });
    expect(suppressionFor(finding(), [expired, current], TODAY)?.reason).toBe("current");
  });
});

describe("isExpired", () => {
  it.each<[string | undefined, boolean]>([
    [undefined, false],
    ["2026-11-24", false],
    ["2026-11-23", true],
    ["2027-01-01", false],
    ["2025-12-31", true],
  ])("a suppression expiring %s is expired on 2026-11-24: %s", (expires, expired) => {
    expect(isExpired(s({ expires }), TODAY)).toBe(expired);
  });
});

describe("applySuppressions", () => {
  it("marks covered failures suppressed with the reason and expiry, and leaves other statuses alone", () => {
    const findings = [
      finding(),
      finding({ status: "error" }),
      finding({ status: "not-evaluated" }),
      finding({ resource: { ...finding().resource, id: "sg-other", name: "other", arn: "arn:other" } }),
    ];
    const out = applySuppressions(findings, [s({ expires: "2027-03-31" })], TODAY);
    expect(out.map((f) => f.status)).toEqual(["suppressed", "error", "not-evaluated", "fail"]);
    expect(out[0]?.suppression).toEqual({ reason: "bastion, reviewed", expires: "2027-03-31" });
    expect(findings[0]?.status).toBe("fail");
  });
});

describe("suppressions in the engine", () => {
  const records = [
    dbInstance("db-public", { isPubliclyAccessible: true }),
    dbInstance("db-public", { isPubliclyAccessible: true, account: OTHER_ACCOUNT }),
    volume("vol-1", { isEncrypted: false }),
  ];
  const suppression: SuppressionConfig = {
    check: "rds.*",
    resource: "db-public",
    accounts: [ACCOUNT],
    reason: "demo database",
    expires: "2026-11-24",
  };

  it("counts a suppressed finding and keeps it in the list, on the expiry day", () => {
    const evaluation = runChecks([rdsPubliclyAccessible, volumeUnencrypted], records, {
      suppressions: [suppression],
      now: new Date("2026-11-24T23:59:59.000Z"),
    });
    const rds = evaluation.findings.filter((f) => f.checkId === "rds.publicly-accessible");
    expect(rds.map((f) => `${f.account} ${f.status}`).sort()).toEqual([
      `${ACCOUNT} suppressed`,
      `${OTHER_ACCOUNT} fail`,
    ]);
    expect(rds.find((f) => f.status === "suppressed")?.suppression).toEqual({
      reason: "demo database",
      expires: "2026-11-24",
    });
    expect(summaryOf(evaluation, "rds.publicly-accessible")).toMatchObject({
      evaluated: 2,
      failed: 1,
      suppressed: 1,
    });
    expect(summaryOf(evaluation, "ebs.volume-unencrypted")).toMatchObject({ failed: 1, suppressed: 0 });
  });

  it("fails again from the day after the expiry (UTC)", () => {
    const evaluation = runChecks([rdsPubliclyAccessible], records, {
      suppressions: [suppression],
      now: new Date("2026-11-25T00:00:00.000Z"),
    });
    expect(evaluation.findings.map((f) => f.status)).toEqual(["fail", "fail"]);
    expect(summaryOf(evaluation, "rds.publicly-accessible")).toMatchObject({ failed: 2, suppressed: 0 });
  });
});
