/**
 * An audit as GitHub-flavoured Markdown, for a pull request or a ticket: the title and header
 * facts, the summary (counts per severity, per account × region), the failed findings in one
 * table per severity (worst first), the suppressed, not-evaluated and errored ones, the cost
 * totals (cleanup), the remediation of each failing check (what to do, the fix command, the
 * Well-Architected best practice and the CIS control), the checks, and the coverage. Every
 * value that came from AWS or the configuration is escaped.
 */
import type { AuditResult } from "../../core/findings/audit-result.js";
import { SEVERITIES } from "../../core/findings/severity.js";
import { coverageLines, reasonLabel } from "../inventory/overview.js";
import { escapeMarkdown } from "../inventory/markdown.js";
import {
  ACCOUNT_HEADERS,
  accountRows,
  auditFailureWhere,
  auditTitle,
  capitalize,
  COST_GROUPINGS,
  costTotals,
  countsCells,
  countsHeaders,
  failureMessage,
  findingsWithStatus,
  formatUsd,
  hasCost,
  headerFacts,
  isMultiAccount,
  partialAuditNote,
  resourceLabel,
  SEVERITY_LABELS,
  suppressionLabel,
} from "./overview.js";
import { pillarRecommendations } from "../../core/findings/audit-result.js";

export function renderAuditMarkdown(result: AuditResult): string {
  const out: string[] = [];
  const e = escapeMarkdown;
  const withCost = hasCost(result);
  const cost = (usd: number | undefined) => (usd === undefined ? "-" : formatUsd(usd));

  out.push(`# ${e(auditTitle(result))}`, "", headerFacts(result).map(e).join(" · "), "");
  const note = partialAuditNote(result);
  if (note !== undefined) out.push(`> **${e(note)}**`, "");

  out.push("## Summary", "");
  out.push(
    ...markdownTable(countsHeaders(withCost), [countsCells(result.summary, withCost)], "right"),
    "",
    "Severity counts are of failed findings; suppressed ones are counted apart.",
    "",
  );
  if (isMultiAccount(result)) {
    out.push(
      "### Accounts",
      "",
      ...markdownTable(
        ACCOUNT_HEADERS,
        accountRows(result).map((r) => r.map(e)),
      ),
      "",
    );
  }
  if (result.summary.byAccountRegion.length > 0) {
    const rows = result.summary.byAccountRegion.map((cell) => [
      e(cell.account),
      e(cell.region),
      ...countsCells(cell, withCost),
    ]);
    rows.push(["**Total**", "", ...countsCells(result.summary, withCost).map((n) => `**${n}**`)]);
    out.push(
      "### By account and region",
      "",
      ...markdownTable(["Account", "Region", ...countsHeaders(withCost)], rows, "right", 2),
      "",
    );
  }

  const failed = findingsWithStatus(result, "fail");
  out.push(`## Findings (${failed.length})`, "");
  if (failed.length === 0) out.push("No failed findings.", "");
  for (const severity of SEVERITIES) {
    const list = failed.filter((f) => f.severity === severity);
    if (list.length === 0) continue;
    out.push(`### ${capitalize(severity)} (${list.length})`, "");
    const rows = list.map((f) => [
      code(f.checkId),
      e(f.account),
      e(f.region),
      e(resourceLabel(f)),
      e(f.message),
      ...(withCost ? [cost(f.monthlyCostUsd)] : []),
    ]);
    out.push(
      ...markdownTable(
        ["Check", "Account", "Region", "Resource", "Message", ...(withCost ? ["Monthly cost"] : [])],
        rows,
      ),
      "",
    );
  }

  const suppressed = findingsWithStatus(result, "suppressed");
  if (suppressed.length > 0) {
    out.push(`## Suppressed (${suppressed.length})`, "");
    const rows = suppressed.map((f) => [
      SEVERITY_LABELS[f.severity],
      code(f.checkId),
      e(f.account),
      e(f.region),
      e(resourceLabel(f)),
      e(f.message),
      e(suppressionLabel(f)),
      ...(withCost ? [cost(f.monthlyCostUsd)] : []),
    ]);
    out.push(
      ...markdownTable(
        [
          "Severity",
          "Check",
          "Account",
          "Region",
          "Resource",
          "Message",
          "Suppressed because",
          ...(withCost ? ["Monthly cost"] : []),
        ],
        rows,
      ),
      "",
    );
  }

  const notEvaluated = findingsWithStatus(result, "not-evaluated");
  if (notEvaluated.length > 0) {
    out.push(`## Not evaluated (${notEvaluated.length})`, "");
    const rows = notEvaluated.map((f) => [
      code(f.checkId),
      e(f.account),
      e(f.region),
      f.permission === undefined ? "-" : code(f.permission),
      e(f.message),
    ]);
    out.push(...markdownTable(["Check", "Account", "Region", "Permission needed", "Why"], rows), "");
  }

  const errors = findingsWithStatus(result, "error");
  if (errors.length > 0) {
    out.push(`## Check errors (${errors.length})`, "");
    const rows = errors.map((f) => [
      code(f.checkId),
      e(f.account),
      e(f.region),
      e(resourceLabel(f)),
      e(f.message),
    ]);
    out.push(...markdownTable(["Check", "Account", "Region", "Resource", "Error"], rows), "");
  }

  if (withCost) {
    out.push(`## Monthly cost: ${formatUsd(result.summary.monthlyCostUsd)}`, "");
    for (const g of COST_GROUPINGS) {
      const rows = costTotals(result, g.keyOf).map((t) => [
        e(t.key),
        String(t.findings),
        formatUsd(t.monthlyCostUsd),
      ]);
      out.push(
        `### ${g.title}`,
        "",
        ...markdownTable([g.header, "Findings", "Monthly cost"], rows, "right", 1),
        "",
      );
    }
  }

  const failing = result.checks.filter((k) => k.failed > 0);
  if (failing.length > 0) {
    out.push("## Remediation", "");
    for (const k of failing) {
      out.push(`### ${code(k.id)}: ${e(k.title)}`, "");
      out.push(
        [
          `Severity: ${k.severity}`,
          `Failed: ${k.failed}`,
          ...(k.wellArchitected.length > 0
            ? [
                `Well-Architected: ${k.wellArchitected.map((w) => `${e(w.bestPractice)} (${w.pillar})`).join("; ")}`,
              ]
            : []),
          ...(k.cis === undefined ? [] : [`CIS AWS Foundations Benchmark v3.0.0: ${e(k.cis)}`]),
        ].join(" · "),
        "",
        prose(k.description),
        "",
        `**Fix:** ${prose(k.remediation)}`,
        "",
      );
      if (k.fix.cli !== undefined) out.push(...codeBlock(k.fix.cli, "sh"), "");
      if (k.fix.iac !== undefined) out.push(...codeBlock(k.fix.iac, ""), "");
    }
  }

  const recommendations = pillarRecommendations(result);
  if (recommendations.length > 0) {
    out.push(`## Recommendations for the ${e(result.pillar ?? "")} pillar`, "");
    for (const r of recommendations) {
      out.push(`- **${e(r.bestPractice)}** — ${r.failed} ${r.failed === 1 ? "finding" : "findings"}`);
      for (const k of r.checks) out.push(`  - ${code(k.id)} (${k.failed}): ${prose(k.remediation)}`);
    }
    out.push("");
  }

  out.push(`## Checks (${result.checks.length})`, "");
  out.push(
    ...markdownTable(
      [
        "Check",
        "Title",
        "Severity",
        "Evaluated",
        "Passed",
        "Failed",
        "Suppressed",
        "Errors",
        "Not evaluated",
      ],
      result.checks.map((k) => [
        code(k.id),
        e(k.title),
        k.severity,
        String(k.evaluated),
        String(k.passed),
        String(k.failed),
        String(k.suppressed),
        String(k.errors),
        String(k.notEvaluated),
      ]),
      "right",
      3,
    ),
    "",
  );

  out.push("## Coverage", "", ...coverageLines(result).map((l) => `- ${e(l)}`), "");
  if (result.failures.length > 0) {
    out.push(`### Not read (${result.failures.length})`, "");
    const rows = result.failures.map((f) => {
      const where = auditFailureWhere(f);
      return [
        where.account,
        where.region,
        where.records,
        reasonLabel(f.reason),
        f.awsName ?? f.code,
        failureMessage(f),
      ].map(e);
    });
    out.push(...markdownTable(["Account", "Region", "Records", "Why", "Error", "Message"], rows), "");
  }
  return out.join("\n");
}

/** An identifier (check id, permission) as code when it is plain, escaped text otherwise. */
function code(id: string): string {
  return /^[A-Za-z0-9.:/-]+$/.test(id) ? `\`${id}\`` : escapeMarkdown(id);
}

/** A check's own prose: its `code spans` kept, everything else escaped. */
function prose(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : escapeMarkdown(part)))
    .join("");
}

/**
 * A Markdown table; with `align` "right", every column from `firstRight` on is right-aligned
 * (the counts). Cells must already be escaped.
 */
function markdownTable(head: string[], rows: string[][], align?: "right", firstRight = 0): string[] {
  const rule = head.map((_, i) => (align === "right" && i >= firstRight ? "---:" : "---"));
  return [head, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`);
}

/** A fenced code block whose fence is longer than any run of backticks inside it. */
function codeBlock(text: string, lang: string): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [`${fence}${lang}`, text, fence];
}
