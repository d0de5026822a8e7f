/**
 * An audit as terminal text: the title and header facts, the counts per severity, the
 * accounts (when there are several), the counts per account × region, then every finding
 * worst first (failed; suppressed with reason and expiry; not evaluated with the permission
 * needed; check errors), the cost totals (cleanup), the checks, and the coverage. Nothing is
 * left out, however long (the output is piped); long messages wrap. Colour only when asked.
 */
import { compactTable } from "../compact-table.js";
import { createColors } from "picocolors";
import type { AuditResult } from "../../core/findings/audit-result.js";
import type { Finding } from "../../core/findings/finding.js";
import type { Severity } from "../../core/findings/severity.js";
import { coverageLines, reasonLabel } from "../inventory/overview.js";
import { plainText } from "../inventory/sections.js";
import {
  ACCOUNT_HEADERS,
  accountRows,
  auditFailureWhere,
  auditTitle,
  COST_GROUPINGS,
  costTotals,
  countsCells,
  countsHeaders,
  countsLine,
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

export interface AuditTableOptions {
  /** ANSI colours (the CLI passes false for NO_COLOR, pipes and files). */
  color: boolean;
}

const MESSAGE_WIDTH = 60;

export function renderAuditTable(result: AuditResult, options: AuditTableOptions): string {
  const c = createColors(options.color);
  const out: string[] = [];
  const table = (head: string[], align?: ("left" | "right")[]) => compactTable(c.bold, head, align);
  /** A table whose last column (a message) is wrapped at MESSAGE_WIDTH, never truncated. */
  const wrappingTable = (head: string[], rows: string[][]) => {
    const t = table(head);
    for (const r of rows) t.push([...r.slice(0, -1), wrapText(r.at(-1) ?? "", MESSAGE_WIDTH)]);
    return t.toString();
  };
  const severity = (s: Severity): string => {
    const label = SEVERITY_LABELS[s];
    if (s === "critical") return c.bold(c.red(label));
    if (s === "high") return c.red(label);
    if (s === "medium") return c.yellow(label);
    return c.dim(label);
  };
  const text = (cell: string) => plainText(cell);
  const wrapped = (cell: string) => cell.split("\n").map(plainText).join("\n");
  const withCost = hasCost(result);
  const multi = isMultiAccount(result);

  out.push(c.bold(text(auditTitle(result))), c.dim(text(headerFacts(result).join(" · "))));
  const note = partialAuditNote(result);
  if (note !== undefined) out.push(c.red(c.bold(note)));
  out.push("");

  out.push(`${c.bold("Summary:")} ${countsLine(result.summary)}`, "");

  if (multi) {
    const accounts = table(ACCOUNT_HEADERS, ["left", "left", "right", "left", "right"]);
    for (const row of accountRows(result)) {
      const [label = "", access = "", regions = "", status = "", failed = ""] = row.map(text);
      accounts.push([label, access, regions, status === "complete" ? status : c.red(status), failed]);
    }
    out.push(c.bold("Accounts"), accounts.toString(), "");
  }

  if (result.summary.byAccountRegion.length > 0) {
    const head = ["Account", "Region", ...countsHeaders(withCost)];
    const cells = table(
      head,
      head.map((_, i) => (i < 2 ? "left" : "right")),
    );
    for (const cell of result.summary.byAccountRegion) {
      cells.push([text(cell.account), text(cell.region), ...countsCells(cell, withCost)]);
    }
    cells.push([c.bold("Total"), "", ...countsCells(result.summary, withCost).map((n) => c.bold(n))]);
    out.push(c.bold("By account and region"), cells.toString(), "");
  }

  const failed = findingsWithStatus(result, "fail");
  if (failed.length === 0) {
    out.push(c.bold("Findings (0)"), "No failed findings.", "");
  } else {
    const head = ["Severity", "Check", "Account", "Region", "Resource", ...(withCost ? ["Cost/mo"] : [])];
    const rows = failed.map((f) => [...findingCells(f, severity, withCost), wrapped(f.message)]);
    out.push(c.bold(`Findings (${failed.length})`), wrappingTable([...head, "Message"], rows), "");
  }

  const suppressed = findingsWithStatus(result, "suppressed");
  if (suppressed.length > 0) {
    const head = ["Severity", "Check", "Account", "Region", "Resource", ...(withCost ? ["Cost/mo"] : [])];
    const rows = suppressed.map((f) => [
      ...findingCells(f, severity, withCost),
      wrapped(`${suppressionLabel(f)}\n${f.message}`),
    ]);
    out.push(
      c.bold(`Suppressed (${suppressed.length})`),
      wrappingTable([...head, "Suppressed because / message"], rows),
      "",
    );
  }

  const notEvaluated = findingsWithStatus(result, "not-evaluated");
  if (notEvaluated.length > 0) {
    const rows = notEvaluated.map((f) => [
      text(f.checkId),
      text(f.account),
      text(f.region),
      c.yellow(text(f.permission ?? "-")),
      wrapped(f.message),
    ]);
    out.push(
      c.yellow(c.bold(`Not evaluated (${notEvaluated.length})`)),
      wrappingTable(["Check", "Account", "Region", "Permission needed", "Why"], rows),
      "",
    );
  }

  const errors = findingsWithStatus(result, "error");
  if (errors.length > 0) {
    const rows = errors.map((f) => [
      text(f.checkId),
      text(f.account),
      text(f.region),
      text(resourceLabel(f)),
      wrapped(f.message),
    ]);
    out.push(
      c.red(c.bold(`Check errors (${errors.length})`)),
      wrappingTable(["Check", "Account", "Region", "Resource", "Error"], rows),
      "",
    );
  }

  if (withCost) {
    out.push(c.bold(`Monthly cost of failed findings: ${formatUsd(result.summary.monthlyCostUsd)}`));
    for (const g of COST_GROUPINGS) {
      const totals = costTotals(result, g.keyOf);
      const rows = table([g.header, "Findings", "Monthly cost"], ["left", "right", "right"]);
      for (const t of totals) rows.push([text(t.key), String(t.findings), formatUsd(t.monthlyCostUsd)]);
      out.push(c.bold(g.title), rows.toString());
    }
    out.push("");
  }

  const recommendations = pillarRecommendations(result);
  if (recommendations.length > 0) {
    out.push(c.bold(`Recommendations for the ${result.pillar ?? ""} pillar`));
    for (const r of recommendations) {
      out.push(`${text(r.bestPractice)}: ${r.failed} ${r.failed === 1 ? "finding" : "findings"}`);
      for (const k of r.checks)
        out.push(
          `  ${text(k.id)} (${k.failed}): ${wrapText(text(k.remediation), 96).replace(/\n/g, "\n    ")}`,
        );
    }
    out.push("");
  }

  const checks = table(
    ["Check", "Evaluated", "Passed", "Failed", "Suppressed", "Errors", "Not evaluated"],
    ["left", "right", "right", "right", "right", "right", "right"],
  );
  for (const k of result.checks) {
    checks.push([
      text(k.id),
      String(k.evaluated),
      String(k.passed),
      k.failed > 0 ? c.red(String(k.failed)) : String(k.failed),
      String(k.suppressed),
      k.errors > 0 ? c.red(String(k.errors)) : String(k.errors),
      k.notEvaluated > 0 ? c.yellow(String(k.notEvaluated)) : String(k.notEvaluated),
    ]);
  }
  out.push(c.bold(`Checks (${result.checks.length})`), checks.toString(), "");

  out.push(c.bold("Coverage"), ...coverageLines(result).map(text));
  if (result.failures.length > 0) {
    const rows = result.failures.map((f) => {
      const where = auditFailureWhere(f);
      return [
        text(where.account),
        text(where.region),
        text(where.records),
        reasonLabel(f.reason),
        text(f.awsName ?? f.code),
        wrapped(failureMessage(f)),
      ];
    });
    out.push(
      c.red(c.bold(`Not read (${result.failures.length})`)),
      wrappingTable(["Account", "Region", "Records", "Why", "Error", "Message"], rows),
    );
  }
  out.push("");
  return out.join("\n");
}

function findingCells(f: Finding, severity: (s: Severity) => string, withCost: boolean): string[] {
  return [
    severity(f.severity),
    plainText(f.checkId),
    plainText(f.account),
    plainText(f.region),
    plainText(resourceLabel(f)),
    ...(withCost ? [f.monthlyCostUsd === undefined ? "-" : formatUsd(f.monthlyCostUsd)] : []),
  ];
}

/**
 * Wrap text at `width` columns on spaces; a word longer than the width (an ARN) is cut into
 * pieces rather than truncated, so nothing is lost.
 */
export function wrapText(text: string, width: number): string {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      const pieces = word.length > width ? (word.match(new RegExp(`.{1,${width}}`, "g")) ?? [word]) : [word];
      for (const piece of pieces) {
        if (line === "") line = piece;
        else if (line.length + 1 + piece.length <= width) line += ` ${piece}`;
        else {
          out.push(line);
          line = piece;
        }
      }
    }
    out.push(line);
  }
  return out.join("\n");
}
