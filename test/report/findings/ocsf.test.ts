import { describe, expect, test } from "vitest";
import type { Severity } from "../../../src/core/findings/severity.js";
import {
  ocsfFindingUid,
  OCSF_VERSION,
  renderAuditOcsf,
  toOcsfFindings,
} from "../../../src/report/findings/ocsf.js";
import { auditResult, cleanupAudit, finding, sampleAudit } from "../../_helpers/audit-fixtures.js";

const byStatus = (status: string) => toOcsfFindings(sampleAudit()).find((e) => e.unmapped.status === status);

describe("toOcsfFindings", () => {
  test("emits one OCSF 1.1.0 Detection Finding per finding, with the required attributes", () => {
    const result = sampleAudit();
    const events = toOcsfFindings(result);
    expect(events).toHaveLength(result.findings.length);
    for (const e of events) {
      expect(e).toMatchObject({
        activity_id: 1,
        category_uid: 2,
        category_name: "Findings",
        class_uid: 2004,
        class_name: "Detection Finding",
        type_uid: 200401,
        time: Date.parse("2026-11-01T12:00:00.000Z"),
        time_dt: "2026-11-01T12:00:00.000Z",
        metadata: {
          version: "1.1.0",
          product: { name: "AWS Coworker", vendor_name: "AWS Coworker" },
          profiles: ["cloud", "datetime"],
        },
        cloud: { provider: "AWS", account: { uid: "111111111111", name: "prod", type_id: 10 } },
      });
      expect(e.finding_info.uid).not.toBe("");
      expect(e.finding_info.title).not.toBe("");
      expect(e.resources).toHaveLength(1);
    }
    expect(OCSF_VERSION).toBe("1.1.0");
  });

  test.each<[Severity, number, string]>([
    ["critical", 5, "Critical"],
    ["high", 4, "High"],
    ["medium", 3, "Medium"],
    ["low", 2, "Low"],
    ["informational", 1, "Informational"],
  ])("maps severity %s to severity_id %i (%s)", (severity, id, name) => {
    const [e] = toOcsfFindings(auditResult([finding({ checkId: "x.y", severity })]));
    expect(e?.severity_id).toBe(id);
    expect(e?.severity).toBe(name);
  });

  test("a failed finding is New; a suppressed one is Suppressed, still FAIL, with its reason and expiry", () => {
    expect(byStatus("fail")).toMatchObject({ status_id: 1, status: "New", status_code: "FAIL" });
    const suppressed = byStatus("suppressed");
    expect(suppressed).toMatchObject({
      status_id: 3,
      status: "Suppressed",
      status_code: "FAIL",
      severity_id: 4,
      status_detail: "suppressed: bastion host, approved by security (expires 2027-01-31)",
      unmapped: { suppression: { reason: "bastion host, approved by security", expires: "2027-01-31" } },
    });
  });

  test("not-evaluated and error findings are kept, as Other with Unknown severity, never as New", () => {
    expect(byStatus("not-evaluated")).toMatchObject({
      status_id: 99,
      status: "Not Evaluated",
      status_code: "NOT_EVALUATED",
      severity_id: 0,
      severity: "Unknown",
      unmapped: { check_severity: "high", permission: "rds:DescribeDBInstances" },
    });
    expect(byStatus("error")).toMatchObject({
      status_id: 99,
      status: "Error",
      status_code: "ERROR",
      severity_id: 0,
    });
  });

  test("describes the finding, its resource (ARN, tags as labels and data) and the remediation from the check", () => {
    const e = byStatus("fail");
    expect(e?.message).toBe("sg-0aaa allows tcp/22 from 0.0.0.0/0");
    expect(e?.finding_info).toMatchObject({
      title: "Security group allows ingress from the internet",
      desc: "An inbound rule open to `0.0.0.0/0` exposes the port to everyone.",
      types: ["ec2.sg-open-ingress"],
      created_time: e?.time,
    });
    expect(e?.resources[0]).toEqual({
      uid: "arn:aws:ec2:us-east-1:111111111111:security-group/sg-0aaa",
      name: "web|public",
      type: "security-group",
      region: "us-east-1",
      group: { name: "ec2" },
      cloud_partition: "aws",
      labels: ["Owner:team-a", "env:prod"],
      data: { id: "sg-0aaa", tags: { Owner: "team-a", env: "prod" } },
    });
    expect(e?.cloud.region).toBe("us-east-1");
    expect(e?.remediation).toEqual({
      desc: "Narrow the rule's source to known ranges | a prefix list.",
      references: [
        "AWS Well-Architected SEC05-BP02 Control traffic flow within your network layers",
        "CIS AWS Foundations Benchmark v3.0.0 5.2",
      ],
    });
    expect(e?.unmapped).toMatchObject({
      evidence: { port: 22, cidr: "0.0.0.0/0" },
      pillars: [
        { pillar: "security", best_practice: "SEC05-BP02 Control traffic flow within your network layers" },
      ],
      cis: "5.2",
      fix: { cli: expect.stringContaining("revoke-security-group-ingress") as unknown },
      workflow: "security",
    });
  });

  test("uses the id as the resource uid when there is no ARN, and carries the monthly cost", () => {
    expect(byStatus("not-evaluated")?.resources[0]?.uid).toBe("111111111111/us-east-1");
    expect(byStatus("not-evaluated")?.resources[0]).not.toHaveProperty("cloud_partition");
    const [cost] = toOcsfFindings(cleanupAudit());
    expect(cost?.unmapped.monthly_cost_usd).toBe(8);
  });

  test("gives each finding a stable uid from check, account, region and resource, distinct between findings", () => {
    const result = sampleAudit();
    const uids = toOcsfFindings(result).map((e) => e.finding_info.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(toOcsfFindings(sampleAudit()).map((e) => e.finding_info.uid)).toEqual(uids);
    expect(uids[0]).toBe(
      "aws-coworker/ec2.sg-open-ingress/111111111111/us-east-1/arn:aws:ec2:us-east-1:111111111111:security-group/sg-0aaa",
    );
    expect(ocsfFindingUid(result.findings[0]!)).toBe(uids[0]);
  });
});

describe("renderAuditOcsf", () => {
  test("writes a JSON array with a trailing newline, and an empty array when there is no finding", () => {
    const text = renderAuditOcsf(sampleAudit());
    expect(text.startsWith("[\n")).toBe(true);
    expect(text.endsWith("]\n")).toBe(true);
    expect(JSON.parse(text)).toHaveLength(5);
    expect(renderAuditOcsf(auditResult([]))).toBe("[]\n");
  });
});
