/**
 * The CloudTrail checks seen from a member account of an organisation (whose trail it does not
 * own and cannot ask the status of), and the VPC checks' not-applicable cases.
 */
import { describe, expect, it } from "vitest";
import type { AuditRecord } from "../../../src/core/audit/records.js";
import type { AnyCheck } from "../../../src/core/checks/check.js";
import { cloudtrailLoggingStopped } from "../../../src/core/checks/cloudtrail/logging-stopped.js";
import { cloudtrailLogValidationOff } from "../../../src/core/checks/cloudtrail/log-validation-off.js";
import { cloudtrailNoMultiRegionTrail } from "../../../src/core/checks/cloudtrail/no-multi-region-trail.js";
import { cloudtrailNotKmsEncrypted } from "../../../src/core/checks/cloudtrail/not-kms-encrypted.js";
import { vpcFlowLogsOff } from "../../../src/core/checks/vpc/flow-logs-off.js";
import { vpcSingleAz } from "../../../src/core/checks/vpc/single-az.js";
import { account, ACCOUNT, OTHER_ACCOUNT, runChecks, summaryOf, trail, vpc } from "./_records.js";

function findingsOf(check: AnyCheck, records: AuditRecord[]) {
  return runChecks([check], records).findings;
}

function summary(check: AnyCheck, records: AuditRecord[]) {
  return summaryOf(runChecks([check], records), check.id);
}

/** The organisation's trail as a member account sees it: owned by the management account, status unknown. */
const orgTrail = (o: Parameters<typeof trail>[1] = {}) =>
  trail("org-trail", {
    ownerAccount: OTHER_ACCOUNT,
    isOrganizationTrail: true,
    isLogging: undefined,
    ...o,
  });

describe("cloudtrail.no-multi-region-trail", () => {
  it("passes a member account covered by the organisation's trail", () => {
    expect(findingsOf(cloudtrailNoMultiRegionTrail, [account(), orgTrail()])).toEqual([]);
  });

  it("passes with a trail seen in another region than the account record's", () => {
    expect(
      findingsOf(cloudtrailNoMultiRegionTrail, [account(), trail("main", { region: "eu-west-1" })]),
    ).toEqual([]);
  });

  it("fails with only a single-region trail", () => {
    const findings = findingsOf(cloudtrailNoMultiRegionTrail, [
      account(),
      trail("local", { isMultiRegion: false }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence).toEqual({
      trails: [{ name: "local", isMultiRegion: false, isLogging: true }],
    });
  });

  it("fails with a stopped multi-region trail", () => {
    const findings = findingsOf(cloudtrailNoMultiRegionTrail, [
      account(),
      trail("main", { isLogging: false }),
    ]);
    expect(findings[0]?.evidence).toEqual({
      trails: [{ name: "main", isMultiRegion: true, isLogging: false }],
    });
  });

  it("fails with its own multi-region trail whose status is unknown", () => {
    expect(
      findingsOf(cloudtrailNoMultiRegionTrail, [account(), trail("main", { isLogging: undefined })]),
    ).toHaveLength(1);
  });

  it("fails with no trail at all, and does not count another account's trails", () => {
    const findings = findingsOf(cloudtrailNoMultiRegionTrail, [
      account(),
      trail("theirs", { account: OTHER_ACCOUNT }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      message: `${ACCOUNT} has no logging multi-region trail`,
      evidence: { trails: [] },
    });
  });

  it("passes when one of several trails covers the account", () => {
    const records = [
      account(),
      trail("local", { isMultiRegion: false }),
      trail("main", { region: "eu-west-1" }),
    ];
    expect(findingsOf(cloudtrailNoMultiRegionTrail, records)).toEqual([]);
  });
});

describe("the checks of each trail", () => {
  const checks = [cloudtrailLoggingStopped, cloudtrailLogValidationOff, cloudtrailNotKmsEncrypted];

  it.each(checks.map((c) => [c.id, c] as const))(
    "%s is not applicable to another account's trail, however it is configured",
    (_, check) => {
      const theirs = orgTrail({ isLogging: false, isLogFileValidationEnabled: false, kmsKeyId: undefined });
      expect(summary(check, [theirs]).evaluated).toBe(0);
    },
  );

  it("cloudtrail.logging-stopped passes a trail whose status is unknown (no verdict without it)", () => {
    expect(findingsOf(cloudtrailLoggingStopped, [trail("main", { isLogging: undefined })])).toEqual([]);
  });

  it("cloudtrail.not-kms-encrypted fails an empty key id", () => {
    expect(findingsOf(cloudtrailNotKmsEncrypted, [trail("main", { kmsKeyId: "" })])).toHaveLength(1);
  });

  it("names the trail by its id when it has no name", () => {
    const findings = findingsOf(cloudtrailLogValidationOff, [
      trail("main", { name: undefined, isLogFileValidationEnabled: false }),
    ]);
    expect(findings[0]?.message).toBe("trail main does not validate its log files");
  });
});

describe("vpc.single-az", () => {
  it("is not applicable to a default VPC", () => {
    const record = vpc("vpc-d", { isDefault: true, subnetZones: ["us-east-1a"] });
    expect(summary(vpcSingleAz, [record]).evaluated).toBe(0);
  });

  it("is not applicable to a VPC without subnets", () => {
    expect(summary(vpcSingleAz, [vpc("vpc-1", { subnetZones: [] })]).evaluated).toBe(0);
  });

  it("fails a single subnet", () => {
    const findings = findingsOf(vpcSingleAz, [vpc("vpc-1", { subnetZones: ["us-east-1c"] })]);
    expect(findings[0]).toMatchObject({ message: "vpc-1 (vpc-1) has all 1 subnets in us-east-1c" });
  });
});

describe("vpc.flow-logs-off", () => {
  it("passes when one of several flow logs is active", () => {
    const record = vpc("vpc-1", {
      flowLogs: [
        { id: "fl-1", status: "FAILED", trafficType: "ALL" },
        { id: "fl-2", status: "ACTIVE", trafficType: "REJECT" },
      ],
    });
    expect(findingsOf(vpcFlowLogsOff, [record])).toEqual([]);
  });

  it("also fails a default VPC, and says it is one", () => {
    const findings = findingsOf(vpcFlowLogsOff, [vpc("vpc-d", { isDefault: true, flowLogs: [] })]);
    expect(findings[0]?.evidence).toEqual({ flowLogs: [], isDefault: true });
  });
});
