import { describe, expect, test } from "vitest";
import { renderAuditTable, wrapText } from "../../../src/report/findings/table.js";
import {
  auditResult,
  cleanupAudit,
  finding,
  OTHER_ACCOUNT,
  sampleAudit,
} from "../../_helpers/audit-fixtures.js";

const ANSI = new RegExp(String.fromCharCode(27) + "\\[[0-9;]*m");
const ESC = String.fromCharCode(27);

describe("renderAuditTable", () => {
  test("starts with the title, the header facts and the partial-result note", () => {
    const text = renderAuditTable(sampleAudit(), { color: false });
    const [title, facts, note] = text.split("\n");
    expect(title).toBe("Security audit of account 111111111111 (prod)");
    expect(facts).toBe("Regions: us-east-1, eu-west-1 · Generated: 2026-11-01T12:00:00.000Z");
    expect(note).toContain("PARTIAL RESULT: 1 of 8 partitions were not read");
  });

  test("names the pillar of a review and the profile's account when there are several accounts", () => {
    const result = { ...sampleAudit(), workflow: "review" as const, pillar: "reliability" as const };
    result.accounts = [
      ...result.accounts,
      {
        id: OTHER_ACCOUNT,
        name: undefined,
        access: "assumed-role",
        roleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/Audit`,
        regions: ["eu-west-1"],
        status: "unreachable",
      },
    ];
    const text = renderAuditTable(result, { color: false });
    expect(text).toContain("Well-Architected review of 2 accounts");
    expect(text).toContain("Pillar: reliability · Profile's account: 111111111111");
    expect(text).toMatch(/│ 222222222222\s+│ role Audit │\s+1 │ unreachable │\s+0 │/);
  });

  test("summarises the counts per severity and status, then per account × region with a total", () => {
    const text = renderAuditTable(sampleAudit(), { color: false });
    expect(text).toContain(
      "Summary: 2 failed (1 critical, 1 high) · 1 suppressed · 1 check error · 1 not evaluated",
    );
    expect(text).not.toContain("/month");
    expect(text).toMatch(
      /│ 111111111111 │ us-east-1 │\s+1 │\s+0 │\s+0 │\s+0 │\s+0 │\s+1 │\s+1 │\s+1 │\s+1 │/,
    );
    expect(text).toMatch(/│ Total\s+│\s+│\s+1 │\s+1 │\s+0 │\s+0 │\s+0 │\s+2 │\s+1 │\s+1 │\s+1 │/);
  });

  test("lists every failed finding worst first with severity, check, account, region, resource and message", () => {
    const text = renderAuditTable(sampleAudit(), { color: false });
    expect(text).toContain("Findings (2)");
    const critical = text.search(
      /│ critical │ ec2\.sg-open-ingress\s+│ 111111111111 │ us-east-1 │ sg-0aaa \(web\|public\) │ sg-0aaa allows tcp\/22 from 0\.0\.0\.0\/0 │/,
    );
    const high = text.search(
      /│ high\s+│ rds\.publicly-accessible │ 111111111111 │ eu-west-1 │ orders-db\s+│ orders-db is publicly accessible/,
    );
    expect(critical).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(critical);
  });

  test("sorts failed findings worst first even when the result is not sorted", () => {
    const text = renderAuditTable(
      auditResult([
        finding({ checkId: "a.low", severity: "low" }),
        finding({ checkId: "b.critical", severity: "critical" }),
      ]),
      { color: false },
    );
    expect(text.indexOf("b.critical")).toBeLessThan(text.indexOf("a.low"));
  });

  test("shows suppressed findings with reason and expiry, not-evaluated ones with the permission, and check errors", () => {
    const text = renderAuditTable(sampleAudit(), { color: false });
    expect(text).toContain("Suppressed (1)");
    expect(text).toContain("bastion host, approved by security (expires 2027-01-31)");
    expect(text).toContain("Not evaluated (1)");
    expect(text).toMatch(/│ rds\.publicly-accessible │ 111111111111 │ us-east-1 │ rds:DescribeDBInstances │/);
    expect(text).toContain("Check errors (1)");
    expect(text).toContain("the check failed on this resource: boom");
  });

  test("lists the checks with their counts, and the coverage with the partitions not read", () => {
    const text = renderAuditTable(sampleAudit(), { color: false });
    expect(text).toContain("Checks (3)");
    expect(text).toMatch(/│ ec2\.sg-open-ingress\s+│\s+3 │\s+1 │\s+1 │\s+1 │\s+0 │\s+0 │/);
    expect(text).toContain("Coverage\nRead 7 of 8 partitions");
    expect(text).toContain("Not read (1)");
    expect(text).toMatch(/│ 111111111111 │ us-east-1 │ db-instance │ not permitted │ AccessDenied │/);
    expect(text).toContain("Grant rds:DescribeDBInstances.");
  });

  test("for a cleanup, adds the cost column and totals per check, account and region", () => {
    const text = renderAuditTable(cleanupAudit(), { color: false });
    expect(text).toContain("· $20.75/month");
    expect(text).toMatch(
      /│ low\s+│ ebs\.volume-unattached │ 222222222222 │ eu-west-1 │ vol-3\s+│ \$10\.25\s+│/,
    );
    expect(text).toContain("Monthly cost of failed findings: $20.75");
    expect(text).toMatch(/Monthly cost by check\n[\s\S]*│ ebs\.volume-unattached │\s+3 │\s+\$20\.75 │/);
    expect(text).toMatch(/Monthly cost by account\n[\s\S]*│ 111111111111 │\s+2 │\s+\$10\.50 │/);
    expect(text).toMatch(/Monthly cost by region\n[\s\S]*│ eu-west-1 │\s+2 │\s+\$12\.75 │/);
  });

  test("says so when nothing failed", () => {
    const text = renderAuditTable(auditResult([]), { color: false });
    expect(text).toContain("Summary: 0 failed · 0 suppressed · 0 check errors · 0 not evaluated");
    expect(text).toContain("No failed findings.");
    expect(text).not.toContain("PARTIAL RESULT");
  });

  test("colours only when asked: severities red, yellow or dim", () => {
    expect(renderAuditTable(sampleAudit(), { color: false })).not.toMatch(ANSI);
    const coloured = renderAuditTable(sampleAudit(), { color: true });
    expect(coloured).toContain(`${ESC}[31mhigh${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[1m${ESC}[31mcritical${ESC}[39m${ESC}[22m`);
    const low = renderAuditTable(cleanupAudit(), { color: true });
    expect(low).toContain(`${ESC}[2mlow${ESC}[22m`);
    const medium = renderAuditTable(auditResult([finding({ checkId: "x.y", severity: "medium" })]), {
      color: true,
    });
    expect(medium).toContain(`${ESC}[33mmedium${ESC}[39m`);
  });

  test("strips terminal control sequences that came from AWS", () => {
    const text = renderAuditTable(
      auditResult([
        finding({
          checkId: "x.y",
          message: "evil\u001b]0;pwned\u0007 message",
          resource: { type: "volume", id: "vol-1", arn: "", name: "n\u001b[31m", tags: {} },
        }),
      ]),
      { color: false },
    );
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("\u0007");
  });

  test("wraps a long message and keeps every character of it, even an ARN longer than the column", () => {
    const arn = `arn:aws:ec2:us-east-1:111111111111:security-group/${"sg-0123456789abcdef0".repeat(4)}`;
    const message = `the rule references ${arn} which is open to the world on every port from every address`;
    const text = renderAuditTable(auditResult([finding({ checkId: "x.y", message })]), { color: false });
    const messageCells = text
      .split("\n")
      .filter((l) => l.startsWith("│ medium") || l.startsWith("│  "))
      .map((l) => l.split("│").at(-2)?.trim() ?? "");
    expect(messageCells.join("").replace(/ /g, "")).toBe(message.replace(/ /g, ""));
    expect(messageCells.length).toBeGreaterThan(2);
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(140);
  });
});

describe("wrapText", () => {
  test.each([
    ["short", 10, "short"],
    ["one two three", 7, "one two\nthree"],
    ["abcdefghij", 4, "abcd\nefgh\nij"],
    ["a\nb c", 10, "a\nb c"],
  ])("%j at %i → %j", (input, width, expected) => {
    expect(wrapText(input, width)).toBe(expected);
  });
});
