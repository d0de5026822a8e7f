import { describe, expect, test } from "vitest";
import { AUDIT_CSV_COLUMNS, renderAuditCsv } from "../../../src/report/findings/csv.js";
import { auditResult, cleanupAudit, finding, sampleAudit } from "../../_helpers/audit-fixtures.js";

describe("renderAuditCsv", () => {
  test("writes the header, then one CRLF-terminated row per finding in the result's order", () => {
    const result = sampleAudit();
    const lines = renderAuditCsv(result).split("\r\n");
    expect(lines[0]).toBe(
      "check_id,title,severity,status,account,region,resource_type,resource_id,resource_arn,resource_name,message,monthly_cost_usd,suppression_reason,suppression_expires,permission",
    );
    expect(lines[0]?.split(",")).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(lines).toHaveLength(result.findings.length + 2);
    expect(lines.at(-1)).toBe("");
    expect(lines[1]).toBe(
      "ec2.sg-open-ingress,Security group allows ingress from the internet,critical,fail,111111111111,us-east-1,security-group,sg-0aaa,arn:aws:ec2:us-east-1:111111111111:security-group/sg-0aaa,web|public,sg-0aaa allows tcp/22 from 0.0.0.0/0,,,,",
    );
  });

  test("fills the suppression columns of a suppressed finding, quoting the reason's comma", () => {
    const row = renderAuditCsv(sampleAudit())
      .split("\r\n")
      .find((l) => l.includes(",suppressed,"));
    expect(row?.endsWith(',"bastion host, approved by security",2027-01-31,')).toBe(true);
  });

  test("puts the permission of a not-evaluated finding in the last column", () => {
    const row = renderAuditCsv(sampleAudit())
      .split("\r\n")
      .find((l) => l.includes(",not-evaluated,"));
    expect(row?.endsWith(",,,,rds:DescribeDBInstances")).toBe(true);
  });

  test("writes the monthly cost as a plain number", () => {
    const lines = renderAuditCsv(cleanupAudit()).split("\r\n");
    expect(lines[1]).toContain(",vol-1 is attached to nothing,8,,,");
    expect(lines[3]).toContain(",10.25,");
  });

  test("quotes commas, quotes and line breaks (RFC 4180) and defuses spreadsheet formulas", () => {
    const csv = renderAuditCsv(
      auditResult([
        finding({
          checkId: "ec2.sg-open-ingress",
          resource: {
            type: "security-group",
            id: "sg-1",
            arn: "arn:aws:ec2:us-east-1:111111111111:security-group/sg-1",
            name: '=HYPERLINK("http://x","y")',
            tags: {},
          },
          message: 'rule "ssh", open\nto all',
        }),
      ]),
    );
    expect(csv).toContain(`,"'=HYPERLINK(""http://x"",""y"")",`);
    expect(csv).toContain(`,"rule ""ssh"", open\nto all",`);
  });

  test("writes only the header when there is no finding", () => {
    expect(renderAuditCsv(auditResult([]))).toBe(`${AUDIT_CSV_COLUMNS.join(",")}\r\n`);
  });
});
