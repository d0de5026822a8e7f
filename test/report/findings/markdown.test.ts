import { describe, expect, test } from "vitest";
import { renderAuditMarkdown } from "../../../src/report/findings/markdown.js";
import { auditResult, check, cleanupAudit, finding, sampleAudit } from "../../_helpers/audit-fixtures.js";

describe("renderAuditMarkdown", () => {
  test("has a title, the header facts, the partial-result note and the summary tables", () => {
    const md = renderAuditMarkdown(sampleAudit());
    expect(md.startsWith("# Security audit of account 111111111111 (prod)\n")).toBe(true);
    expect(md).toContain("Regions: us-east-1, eu-west-1 · Generated: 2026-11-01T12:00:00.000Z");
    expect(md).toContain("> **PARTIAL RESULT: 1 of 8 partitions were not read");
    expect(md).toContain(
      "| Critical | High | Medium | Low | Info | Failed | Suppressed | Errors | Not evaluated |",
    );
    expect(md).toContain("| 1 | 1 | 0 | 0 | 0 | 2 | 1 | 1 | 1 |");
    expect(md).toContain("| 111111111111 | us-east-1 | 1 | 0 | 0 | 0 | 0 | 1 | 1 | 1 | 1 |");
    expect(md).toContain("| **Total** |  | **1** | **1** |");
  });

  test("lists failed findings in one table per severity, worst first, escaping pipes in names", () => {
    const md = renderAuditMarkdown(sampleAudit());
    const critical = md.indexOf("### Critical (1)");
    const high = md.indexOf("### High (1)");
    expect(critical).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(critical);
    expect(md).not.toContain("### Medium");
    expect(md).toContain(
      "| `ec2.sg-open-ingress` | 111111111111 | us-east-1 | sg-0aaa (web\\|public) | sg-0aaa allows tcp/22 from 0.0.0.0/0 |",
    );
  });

  test("shows suppressed findings with reason and expiry, not-evaluated ones with the permission, and check errors", () => {
    const md = renderAuditMarkdown(sampleAudit());
    expect(md).toContain("## Suppressed (1)");
    expect(md).toContain("bastion host, approved by security (expires 2027-01-31)");
    expect(md).toContain("## Not evaluated (1)");
    expect(md).toContain("| `rds:DescribeDBInstances` |");
    expect(md).toContain("## Check errors (1)");
    expect(md).toContain("the check failed on this resource: boom");
  });

  test("gives the remediation of each failing check: text, fix in a code block, Well-Architected, CIS", () => {
    const md = renderAuditMarkdown(sampleAudit());
    expect(md).toContain("## Remediation");
    expect(md).toContain("### `ec2.sg-open-ingress`: Security group allows ingress from the internet");
    expect(md).toContain(
      "Well-Architected: SEC05-BP02 Control traffic flow within your network layers (security)",
    );
    expect(md).toContain("CIS AWS Foundations Benchmark v3.0.0: 5.2");
    expect(md).toContain("An inbound rule open to `0.0.0.0/0` exposes the port to everyone.");
    expect(md).toContain("**Fix:** Narrow the rule's source to known ranges \\| a prefix list.");
    expect(md).toContain(
      "```sh\naws ec2 revoke-security-group-ingress --group-id <group-id> --protocol tcp --port 22 --cidr 0.0.0.0/0\n```",
    );
  });

  test("leaves out the remediation of checks that did not fail", () => {
    const passing = check({ id: "ec2.sg-unused", evaluated: 2, passed: 2 });
    const md = renderAuditMarkdown(auditResult([], { checks: [passing] }));
    expect(md).not.toContain("## Remediation");
    expect(md).toContain("No failed findings.");
    expect(md).toContain("| `ec2.sg-unused` | Title of ec2.sg-unused | medium | 2 | 2 | 0 | 0 | 0 | 0 |");
  });

  test("escapes Markdown and strips line breaks in values from AWS, and fences a fix holding backticks", () => {
    const risky = check({
      id: "ec2.sg-open-ingress",
      failed: 1,
      fix: { iac: "resource `x` ```\n{}" },
    });
    const md = renderAuditMarkdown(
      auditResult(
        [
          finding({
            checkId: "ec2.sg-open-ingress",
            message: "a|b *c* <script>\nnext [link](x)",
          }),
        ],
        { checks: [risky] },
      ),
    );
    expect(md).toContain("a\\|b \\*c\\* \\<script\\> next \\[link\\](x)");
    expect(md).toContain("````\nresource `x` ```\n{}\n````");
  });

  test("adds cost columns and totals per check, account and region for a cleanup", () => {
    const md = renderAuditMarkdown(cleanupAudit());
    expect(md).toContain("## Monthly cost: $20.75");
    expect(md).toContain("| vol-3 | vol-3 is attached to nothing | $10.25 |");
    expect(md).toContain("### Monthly cost by check");
    expect(md).toContain("| ebs.volume-unattached | 3 | $20.75 |");
    expect(md).toContain("| 111111111111 | 2 | $10.50 |");
    expect(md).toContain("| eu-west-1 | 2 | $12.75 |");
  });

  test("shows the cost of a suppressed finding but leaves it out of the totals", () => {
    const result = cleanupAudit();
    const findings = result.findings.map((f) =>
      f.resource.id === "vol-3"
        ? { ...f, status: "suppressed" as const, suppression: { reason: "kept for DR", expires: undefined } }
        : f,
    );
    const md = renderAuditMarkdown(auditResult(findings, { workflow: "cleanup" }));
    expect(md).toContain("| kept for DR (no expiry) | $10.25 |");
    expect(md).toContain("## Monthly cost: $10.50");
    expect(md).toContain("| eu-west-1 | 1 | $2.50 |");
  });

  test("lists the partitions not read in the coverage", () => {
    const md = renderAuditMarkdown(sampleAudit());
    expect(md).toContain("- Read 7 of 8 partitions");
    expect(md).toContain(
      "| 111111111111 | us-east-1 | db-instance | not permitted | AccessDenied | access denied: the caller may not call rds:DescribeDBInstances. Grant rds:DescribeDBInstances. |",
    );
  });
});
