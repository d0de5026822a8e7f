/**
 * An audit: the checks of one workflow (security, sg-audit, cleanup, review) over one account
 * or several, in the selected regions. A scan (../scan/run-scan.ts) reads the record kinds the
 * checks need, then the check engine evaluates them; what could not be read makes the checks
 * that needed it `not-evaluated`, never passes.
 *
 * Never prints: progress and notices go to the IoHost.
 */
import type { AuditRecord, AuditRecordKind, TaggedResourceRecord } from "../../core/audit/records.js";
import type { AnyCheck, CheckPack, Pillar } from "../../core/checks/check.js";
import { evaluateChecks, type UnreadCell } from "../../core/checks/evaluate.js";
import { checksFor } from "../../core/checks/registry.js";
import type { AuditSettings } from "../../core/checks/settings.js";
import type { SuppressionConfig } from "../../core/config/schema.js";
import { UsageError } from "../../core/errors.js";
import {
  summarizeCompliance,
  summarizeFindings,
  type AuditResult,
} from "../../core/findings/audit-result.js";
import { runScan, type ScanDeps, type ScanOptions } from "../scan/run-scan.js";
import { auditSources, taggedResourceSources, type AuditSource } from "./sources.js";

export interface AuditOptions extends ScanOptions {
  workflow: CheckPack;
  /** Tag compliance: the resource types to check, as `service:type` (default: every type inventoried). */
  types?: readonly string[];
  /** For review: the pillar; default every check of the review pack. */
  pillar?: Pillar;
  settings: AuditSettings;
  suppressions: readonly SuppressionConfig[];
}

export type AuditDeps = ScanDeps<AuditRecord>;

const NOUNS: Record<AuditOptions["workflow"], string> = {
  security: "security audit",
  "sg-audit": "security group audit",
  "tag-compliance": "tag compliance audit",
  cleanup: "unused-resource audit",
  review: "Well-Architected review",
};

export async function runAudit(options: AuditOptions, deps: AuditDeps): Promise<AuditResult> {
  const now = deps.now ?? (() => new Date());
  const checks = checksFor(options.workflow, options.pillar);
  const isTagAudit = options.workflow === "tag-compliance";
  const { sources, sourceSpecs } = isTagAudit
    ? taggedResourceSources(options.types)
    : recordSources(checks, options.settings, now);
  if (checks.length === 0 || sources.length === 0) {
    throw new UsageError(
      `no checks to run for ${options.workflow}${options.pillar ? ` --pillar ${options.pillar}` : ""}`,
      { code: "NoChecks" },
    );
  }
  const scan = await runScan(
    {
      noun: NOUNS[options.workflow],
      roleSessionName: `aws-coworker-${options.workflow}`,
      sources,
      sourceSpecs,
      // The account is part of the key: an organization trail is seen from every member account.
      keyOf: (r) => `${r.kind}|${r.account}|${r.arn}`,
      narrowHint: isTagAudit ? "--accounts, --regions or --types" : "--accounts or --regions",
    },
    options,
    deps,
  );
  const kindsOf = (source: string): readonly AuditRecordKind[] =>
    isTagAudit ? ["tagged-resource"] : ((sourceSpecs as Record<string, AuditSource>)[source]?.kinds ?? []);
  const unread: UnreadCell[] = scan.failures.flatMap((f) =>
    f.service === undefined || f.region === undefined
      ? []
      : kindsOf(f.service).map((kind) => ({
          account: f.account,
          region: f.region as string,
          kind,
          permission: f.action,
          message: f.message,
        })),
  );
  const at = now();
  const evaluation = evaluateChecks({
    checks,
    records: scan.records,
    unread,
    settings: {
      ...options.settings,
      trustedAccounts: [...options.settings.trustedAccounts, ...scan.accounts.map((a) => a.id)],
    },
    suppressions: options.suppressions,
    now: at,
  });
  return {
    workflow: options.workflow,
    pillar: options.pillar,
    account: deps.account,
    accounts: scan.accounts,
    regions: scan.regions,
    generatedAt: at.toISOString(),
    runId: scan.runId,
    // The engine summarises every check it is given, in order.
    checks: evaluation.checks.map(({ checkId: _id, ...counts }, i) => {
      const { evaluate: _evaluate, ...meta } = checks[i] as AnyCheck;
      return { ...meta, ...counts };
    }),
    findings: evaluation.findings,
    summary: summarizeFindings(evaluation.findings),
    ...(isTagAudit && {
      compliance: summarizeCompliance(scan.records as TaggedResourceRecord[], evaluation.findings),
    }),
    failures: scan.failures,
    coverage: scan.coverage,
  };
}

/** The sources of the record kinds the checks apply to or use. */
function recordSources(
  checks: readonly AnyCheck[],
  settings: AuditSettings,
  now: () => Date,
): { sources: string[]; sourceSpecs: Record<string, AuditSource> } {
  const sourceSpecs = auditSources({ idleLoadBalancerDays: settings.idleLoadBalancerDays, now });
  const needed = new Set<AuditRecordKind>(checks.flatMap((c) => [c.appliesTo, ...c.uses]));
  const sources = Object.keys(sourceSpecs).filter((name) =>
    sourceSpecs[name]?.kinds.some((k) => needed.has(k)),
  );
  return { sources, sourceSpecs };
}
