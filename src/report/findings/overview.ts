/**
 * The parts of an audit report every human-readable format (table, Markdown) shares: the
 * title and header facts, the partial-result note, labels, the cost totals and where a
 * partition that was not read lies. Plain text; each renderer escapes or sanitises it.
 */
import type { CheckPack } from "../../core/checks/check.js";
import type { AuditResult, FindingCounts } from "../../core/findings/audit-result.js";
import type { Finding, FindingStatus } from "../../core/findings/finding.js";
import { SEVERITIES, severityRank, type Severity } from "../../core/findings/severity.js";
import type { InventoryFailure } from "../../core/inventory/inventory-result.js";
import { accountLabel, accountStatusLabel } from "../inventory/overview.js";

const WORKFLOW_TITLES: Record<CheckPack, string> = {
  security: "Security audit",
  "sg-audit": "Security group audit",
  "tag-compliance": "Tag compliance audit",
  cleanup: "Cleanup audit (unused resources)",
  review: "Well-Architected review",
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: "critical",
  high: "high",
  medium: "medium",
  low: "low",
  informational: "info",
};

/** One row per account: label, access, regions, status, failed findings (several accounts). */
export function accountRows(result: AuditResult): string[][] {
  return result.accounts.map((a) => [
    accountLabel(a),
    a.access === "profile" ? "profile" : `role ${a.roleArn?.split("/").at(-1) ?? ""}`,
    String(a.regions.length),
    accountStatusLabel(a),
    String(result.findings.filter((f) => f.account === a.id && f.status === "fail").length),
  ]);
}

export const ACCOUNT_HEADERS = ["Account", "Access", "Regions", "Status", "Failed"];

export function isMultiAccount(result: AuditResult): boolean {
  return result.accounts.length > 1;
}

/** `Security audit of account 111111111111 (prod)`, or `… of 3 accounts`. */
export function auditTitle(result: AuditResult): string {
  const what = WORKFLOW_TITLES[result.workflow];
  return isMultiAccount(result)
    ? `${what} of ${result.accounts.length} accounts`
    : `${what} of account ${accountLabel(result.accounts[0] ?? { id: result.account, name: undefined })}`;
}

/** The facts under the title: pillar, profile's account (several accounts), regions, time, run. */
export function headerFacts(result: AuditResult): string[] {
  return [
    ...(result.pillar === undefined ? [] : [`Pillar: ${result.pillar}`]),
    ...(isMultiAccount(result) ? [`Profile's account: ${result.account}`] : []),
    `Regions: ${result.regions.join(", ") || "none"}`,
    `Generated: ${result.generatedAt}`,
    ...(result.runId === undefined ? [] : [`Run: ${result.runId}`]),
  ];
}

/** The headline of a partial audit, or undefined when every planned partition was read. */
export function partialAuditNote(result: AuditResult): string | undefined {
  if (result.failures.length === 0) return undefined;
  const partitions = result.failures.filter((f) => f.service !== undefined).length;
  const accounts = result.failures.length - partitions;
  const parts: string[] = [];
  if (partitions > 0) parts.push(`${partitions} of ${result.coverage.planned} partitions were not read`);
  if (accounts > 0) parts.push(`${accounts} account${accounts === 1 ? " was" : "s were"} unreachable`);
  return `PARTIAL RESULT: ${parts.join(" and ")}; the checks that needed them were not evaluated there (see Coverage).`;
}

/** One line of counts: `3 failed (1 critical, 2 high) · 1 suppressed · …`. */
export function countsLine(counts: FindingCounts): string {
  const bySeverity = SEVERITIES.filter((s) => counts.bySeverity[s] > 0).map(
    (s) => `${counts.bySeverity[s]} ${s}`,
  );
  return [
    `${counts.failed} failed${bySeverity.length > 0 ? ` (${bySeverity.join(", ")})` : ""}`,
    `${counts.suppressed} suppressed`,
    `${counts.errors} check error${counts.errors === 1 ? "" : "s"}`,
    `${counts.notEvaluated} not evaluated`,
    ...(counts.monthlyCostUsd > 0 ? [`${formatUsd(counts.monthlyCostUsd)}/month`] : []),
  ].join(" · ");
}

/** The columns of a counts row (severity counts of failed findings, then the other statuses). */
export function countsHeaders(withCost: boolean): string[] {
  return [
    ...SEVERITIES.map((s) => capitalize(SEVERITY_LABELS[s])),
    "Failed",
    "Suppressed",
    "Errors",
    "Not evaluated",
    ...(withCost ? ["Monthly cost"] : []),
  ];
}

export function countsCells(counts: FindingCounts, withCost: boolean): string[] {
  return [
    ...SEVERITIES.map((s) => String(counts.bySeverity[s])),
    String(counts.failed),
    String(counts.suppressed),
    String(counts.errors),
    String(counts.notEvaluated),
    ...(withCost ? [formatUsd(counts.monthlyCostUsd)] : []),
  ];
}

/** True when a finding carries a monthly cost (cleanup): reports add cost columns and totals. */
export function hasCost(result: AuditResult): boolean {
  return result.findings.some((f) => f.monthlyCostUsd !== undefined);
}

/** `i-0abc (web-1)`, or the id alone when there is no name or it is the id. */
export function resourceLabel(f: Finding): string {
  const { id, name } = f.resource;
  return name === undefined || name === "" || name === id ? id : `${id} (${name})`;
}

/** `accepted risk (expires 2027-01-31)`, or `… (no expiry)`. */
export function suppressionLabel(f: Finding): string {
  if (f.suppression === undefined) return "";
  return `${f.suppression.reason} (${f.suppression.expires === undefined ? "no expiry" : `expires ${f.suppression.expires}`})`;
}

export function findingsWithStatus(result: AuditResult, status: FindingStatus): Finding[] {
  return result.findings
    .filter((f) => f.status === status)
    .map((f, i) => ({ f, i }))
    .sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i)
    .map((x) => x.f);
}

/** The monthly cost of failed findings, totalled by one key, most expensive first. */
export interface CostTotal {
  key: string;
  findings: number;
  monthlyCostUsd: number;
}

export function costTotals(result: AuditResult, keyOf: (f: Finding) => string): CostTotal[] {
  const totals = new Map<string, CostTotal>();
  for (const f of result.findings) {
    if (f.status !== "fail" || f.monthlyCostUsd === undefined) continue;
    const key = keyOf(f);
    const t = totals.get(key) ?? { key, findings: 0, monthlyCostUsd: 0 };
    t.findings++;
    t.monthlyCostUsd = Math.round((t.monthlyCostUsd + f.monthlyCostUsd) * 100) / 100;
    totals.set(key, t);
  }
  return [...totals.values()].sort(
    (a, b) => b.monthlyCostUsd - a.monthlyCostUsd || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

export const COST_GROUPINGS: readonly { title: string; header: string; keyOf: (f: Finding) => string }[] = [
  { title: "Monthly cost by check", header: "Check", keyOf: (f) => f.checkId },
  { title: "Monthly cost by account", header: "Account", keyOf: (f) => f.account },
  { title: "Monthly cost by region", header: "Region", keyOf: (f) => f.region },
];

/** USD with two decimals, locale-independent: `$1234.50`. */
export function formatUsd(value: number): string {
  return `$${value.toFixed(2)}`;
}

/** Where a partition not read lies: account, region and the kind of records, or the account step. */
export function auditFailureWhere(f: InventoryFailure<string>): {
  account: string;
  region: string;
  records: string;
} {
  return {
    account: f.account,
    region: f.region ?? "-",
    records: f.service ?? `(account: ${f.stage === "access" ? "sts:AssumeRole" : "ec2:DescribeRegions"})`,
  };
}

export function failureMessage(f: InventoryFailure<string>): string {
  return f.hint ? `${f.message} ${f.hint}` : f.message;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
