/**
 * An audit: the checks of one workflow (security, sg-audit, cleanup, review) over one account
 * or several, in the selected regions. A scan (../scan/run-scan.ts) reads the record kinds the
 * checks need, then the check engine evaluates them; what could not be read makes the checks
 * that needed it `not-evaluated`, never passes.
 *
 * Never prints: progress and notices go to the IoHost.
 */
import type { AuditRecord, AuditRecordKind } from "../../core/audit/records.js";
import type { CheckPack, Pillar } from "../../core/checks/check.js";
import { evaluateChecks, type UnreadCell } from "../../core/checks/evaluate.js";
import { checksFor } from "../../core/checks/registry.js";
import type { AuditSettings } from "../../core/checks/settings.js";
import type { SuppressionConfig } from "../../core/config/schema.js";
import { UsageError } from "../../core/errors.js";
import { summarizeFindings, type AuditResult } from "../../core/findings/audit-result.js";
import { runScan, type ScanDeps, type ScanOptions } from "../scan/run-scan.js";
import { auditSources, type CollectedKind } from "./sources.js";

export interface AuditOptions extends ScanOptions {
  workflow: Exclude<CheckPack, "tag-compliance">;
  /** For review: the pillar; default every check of the review pack. */
  pillar?: Pillar;
  settings: AuditSettings;
  suppressions: readonly SuppressionConfig[];
}

export type AuditDeps = ScanDeps<AuditRecord>;

const NOUNS: Record<AuditOptions["workflow"], string> = {
  security: "security audit",
  "sg-audit": "security group audit",
  cleanup: "unused-resource audit",
  review: "Well-Architected review",
};

export async function runAudit(options: AuditOptions, deps: AuditDeps): Promise<AuditResult> {
  const now = deps.now ?? (() => new Date());
  const checks = checksFor(options.workflow, options.pillar);
  const sourceSpecs = auditSources({ idleLoadBalancerDays: options.settings.idleLoadBalancerDays, now });
  const needed = new Set<AuditRecordKind>(checks.flatMap((c) => [c.appliesTo, ...c.uses]));
  const sources = (Object.keys(sourceSpecs) as CollectedKind[]).filter((k) => needed.has(k));
  if (checks.length === 0 || sources.length === 0) {
    throw new UsageError(
      `no checks to run for ${options.workflow}${options.pillar ? ` --pillar ${options.pillar}` : ""}`,
      {
        code: "NoChecks",
      },
    );
  }
  const scan = await runScan(
    {
      noun: NOUNS[options.workflow],
      roleSessionName: `aws-coworker-${options.workflow}`,
      sources,
      sourceSpecs,
      keyOf: (r) => `${r.kind}|${r.arn}`,
      narrowHint: "--accounts or --regions",
    },
    options,
    deps,
  );
  const unread: UnreadCell[] = scan.failures.flatMap((f) =>
    f.service === undefined || f.region === undefined
      ? []
      : [{ account: f.account, region: f.region, kind: f.service, permission: f.action, message: f.message }],
  );
  const at = now();
  const evaluation = evaluateChecks({
    checks,
    records: scan.records,
    unread,
    settings: options.settings,
    suppressions: options.suppressions,
    now: at,
  });
  const summaries = new Map(evaluation.checks.map((s) => [s.checkId, s]));
  return {
    workflow: options.workflow,
    pillar: options.pillar,
    account: deps.account,
    accounts: scan.accounts,
    regions: scan.regions,
    generatedAt: at.toISOString(),
    runId: scan.runId,
    checks: checks.map((c) => {
      const { evaluate: _evaluate, ...meta } = c;
      const { checkId: _id, ...counts } = summaries.get(c.id) ?? {
        checkId: c.id,
        evaluated: 0,
        passed: 0,
        failed: 0,
        suppressed: 0,
        errors: 0,
        notEvaluated: 0,
      };
      return { ...meta, ...counts };
    }),
    findings: evaluation.findings,
    summary: summarizeFindings(evaluation.findings),
    failures: scan.failures,
    coverage: scan.coverage,
  };
}
