/**
 * The result of an audit (security, sg-audit, tag-compliance, cleanup, review): the checks
 * that ran with their counts, the findings, and what could not be read. Pure data: the
 * workflows produce it, every report renders it.
 */
import type { CheckMeta, CheckPack, Pillar } from "../checks/check.js";
import type { CheckSummary } from "../checks/evaluate.js";
import type { InventoryAccount, InventoryCoverage, InventoryFailure } from "../inventory/inventory-result.js";
import type { Finding } from "./finding.js";
import { SEVERITIES, type Severity } from "./severity.js";

export interface AuditCheck extends CheckMeta, Omit<CheckSummary, "checkId"> {}

export interface FindingCounts {
  /** Failed findings per severity (suppressed ones are counted apart). */
  bySeverity: Record<Severity, number>;
  failed: number;
  suppressed: number;
  errors: number;
  notEvaluated: number;
  /** The monthly cost of the failed findings that carry one (unused resources), USD. */
  monthlyCostUsd: number;
}

export interface AuditSummary extends FindingCounts {
  /** The same counts per account × region (`global` for account-wide findings). */
  byAccountRegion: ({ account: string; region: string } & FindingCounts)[];
}

/** Tag compliance: how many resources of a type, in one account and region, meet the policy. */
export interface ComplianceCell {
  resourceType: string;
  account: string;
  region: string;
  resources: number;
  compliant: number;
  /** compliant ÷ resources, as a percentage with one decimal; 100 when there are none. */
  percent: number;
}

export interface AuditResult {
  /** The workflow: security, sg-audit, tag-compliance, cleanup or review. */
  workflow: CheckPack;
  /** For review: the pillar reviewed. */
  pillar: Pillar | undefined;
  /** The account whose credentials ran the audit (the profile's). */
  account: string;
  accounts: InventoryAccount[];
  regions: string[];
  /** ISO 8601. */
  generatedAt: string;
  runId: string | undefined;
  checks: AuditCheck[];
  /** Failures, suppressed failures, check errors and not-evaluated checks, worst first. */
  findings: Finding[];
  summary: AuditSummary;
  /** Tag compliance only: the share of compliant resources per type × account × region. */
  compliance?: ComplianceCell[];
  /** Partitions not read (the checks that needed them are `not-evaluated`). */
  failures: InventoryFailure<string>[];
  coverage: InventoryCoverage;
}

function emptyCounts(): FindingCounts {
  return {
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
    failed: 0,
    suppressed: 0,
    errors: 0,
    notEvaluated: 0,
    monthlyCostUsd: 0,
  };
}

function count(into: FindingCounts, f: Finding): void {
  switch (f.status) {
    case "fail":
      into.failed++;
      into.bySeverity[f.severity]++;
      into.monthlyCostUsd = Math.round((into.monthlyCostUsd + (f.monthlyCostUsd ?? 0)) * 100) / 100;
      break;
    case "suppressed":
      into.suppressed++;
      break;
    case "error":
      into.errors++;
      break;
    case "not-evaluated":
      into.notEvaluated++;
      break;
  }
}

export function summarizeFindings(findings: readonly Finding[]): AuditSummary {
  const total = emptyCounts();
  const cells = new Map<string, { account: string; region: string } & FindingCounts>();
  for (const f of findings) {
    count(total, f);
    const key = `${f.account}|${f.region}`;
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = { account: f.account, region: f.region, ...emptyCounts() };
      cells.set(key, cell);
    }
    count(cell, f);
  }
  const byAccountRegion = [...cells.values()].sort((a, b) =>
    a.account === b.account ? (a.region < b.region ? -1 : 1) : a.account < b.account ? -1 : 1,
  );
  return { ...total, byAccountRegion };
}

/** Compliance per resource type × account × region: a resource complies when no finding fails it. */
export function summarizeCompliance(
  resources: readonly { kind: string; resourceType?: string; account: string; region: string; arn: string }[],
  findings: readonly Finding[],
): ComplianceCell[] {
  const failing = new Set(findings.filter((f) => f.status === "fail").map((f) => f.resource.arn));
  const cells = new Map<string, ComplianceCell>();
  for (const r of resources) {
    const resourceType = r.resourceType ?? r.kind;
    const key = `${resourceType}|${r.account}|${r.region}`;
    const cell = cells.get(key) ?? {
      resourceType,
      account: r.account,
      region: r.region,
      resources: 0,
      compliant: 0,
      percent: 100,
    };
    cell.resources++;
    if (!failing.has(r.arn)) cell.compliant++;
    cells.set(key, cell);
  }
  return [...cells.values()]
    .map((c) => ({ ...c, percent: Math.round((c.compliant / c.resources) * 1000) / 10 }))
    .sort(
      (a, b) => cmp(a.resourceType, b.resourceType) || cmp(a.account, b.account) || cmp(a.region, b.region),
    );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A review's recommendation: one Well-Architected best practice the failed findings fall short of. */
export interface PillarRecommendation {
  bestPractice: string;
  failed: number;
  /** The checks behind it, with their failed findings and what to do. */
  checks: { id: string; title: string; failed: number; remediation: string }[];
}

/**
 * For a review: the pillar's best practices the findings fall short of, the most failed first,
 * each with its checks and their remediation. Empty without a pillar or without failures.
 */
export function pillarRecommendations(
  result: Pick<AuditResult, "pillar" | "checks">,
): PillarRecommendation[] {
  if (result.pillar === undefined) return [];
  const byPractice = new Map<string, PillarRecommendation>();
  for (const check of result.checks) {
    if (check.failed === 0) continue;
    for (const w of check.wellArchitected) {
      if (w.pillar !== result.pillar) continue;
      const r = byPractice.get(w.bestPractice) ?? { bestPractice: w.bestPractice, failed: 0, checks: [] };
      r.failed += check.failed;
      r.checks.push({
        id: check.id,
        title: check.title,
        failed: check.failed,
        remediation: check.remediation,
      });
      byPractice.set(w.bestPractice, r);
    }
  }
  return [...byPractice.values()].sort((a, b) => b.failed - a.failed || cmp(a.bestPractice, b.bestPractice));
}
