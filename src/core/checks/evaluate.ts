/**
 * The check engine: every check over every record it applies to, in one pass. A check that
 * throws becomes an `error` finding (never a pass, as cdk-nag's applyRule has it); a check
 * whose data could not be read (access denied on an API, a failed partition) becomes one
 * `not-evaluated` finding for that account and region, naming the permission it needed.
 */
import type { AuditRecord, AuditRecordKind } from "../audit/records.js";
import type { SuppressionConfig } from "../config/schema.js";
import type { Finding } from "../findings/finding.js";
import { severityRank } from "../findings/severity.js";
import { applySuppressions } from "../findings/suppression.js";
import type { AnyCheck, CheckContext, CheckMeta } from "./check.js";
import type { AuditSettings } from "./settings.js";

/** Records of a kind that could not be read in one account and region. */
export interface UnreadCell {
  account: string;
  /** A region, or `global`. */
  region: string;
  kind: AuditRecordKind;
  /** The AWS permission that was refused or whose call failed, e.g. `ec2:DescribeSecurityGroups`. */
  permission: string | undefined;
  /** Why it was not read (the AWS error, in a sentence). */
  message: string;
}

export interface EvaluateInput {
  checks: readonly AnyCheck[];
  records: readonly AuditRecord[];
  unread: readonly UnreadCell[];
  settings: AuditSettings;
  suppressions: readonly SuppressionConfig[];
  now: Date;
}

/** How one check went, passes included (findings list only what did not pass). */
export interface CheckSummary {
  checkId: string;
  /** Records the check applied to (not-applicable ones excluded). */
  evaluated: number;
  passed: number;
  failed: number;
  suppressed: number;
  errors: number;
  /** Account × region cells where it could not be evaluated. */
  notEvaluated: number;
}

export interface Evaluation {
  /** Failures, suppressed failures, check errors and not-evaluated cells, worst first. */
  findings: Finding[];
  checks: CheckSummary[];
}

export function evaluateChecks(input: EvaluateInput): Evaluation {
  const index = new Map<string, AuditRecord[]>();
  const byAccount = new Map<string, AuditRecord[]>();
  const push = (map: Map<string, AuditRecord[]>, key: string, r: AuditRecord) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [r]);
    else list.push(r);
  };
  const byKind = new Map<string, AuditRecord[]>();
  for (const r of input.records) {
    push(index, cellKey(r.account, r.region, r.kind), r);
    push(byAccount, `${r.account}|${r.kind}`, r);
    push(byKind, r.kind, r);
  }
  const today = input.now.toISOString().slice(0, 10);
  const findings: Finding[] = [];
  const summaries: CheckSummary[] = [];
  for (const check of input.checks) {
    const summary: CheckSummary = {
      checkId: check.id,
      evaluated: 0,
      passed: 0,
      failed: 0,
      suppressed: 0,
      errors: 0,
      notEvaluated: 0,
    };
    summaries.push(summary);
    // Cells where the check's own records, or those it uses, were not read.
    const blocked = new Map<string, UnreadCell>();
    for (const u of input.unread) {
      if (u.kind === check.appliesTo) blocked.set(`${u.account}|${u.region}`, u);
    }
    for (const u of input.unread) {
      if (!check.uses.includes(u.kind)) continue;
      // A used kind unread in a region blocks that region; unread account-wide, every region
      // where the check has records. An account-wide record (region global: the account, an
      // IAM principal) sees the used kind of every region, so an unread region blocks it too.
      const own = (byKind.get(check.appliesTo) ?? []).filter((r) => r.account === u.account);
      const regions =
        u.region === "global"
          ? new Set(own.map((r) => r.region))
          : new Set([u.region, ...(own.some((r) => r.region === "global") ? ["global"] : [])]);
      for (const region of regions) {
        const key = `${u.account}|${region}`;
        if (!blocked.has(key)) blocked.set(key, u);
      }
    }
    for (const [key, u] of blocked) {
      const [account = "", region = ""] = key.split("|");
      summary.notEvaluated++;
      findings.push(notEvaluated(check, account, region, u));
    }

    for (const record of byKind.get(check.appliesTo) ?? []) {
      if (blocked.has(`${record.account}|${record.region}`)) continue;
      const ctx: CheckContext = {
        now: input.now,
        settings: input.settings,
        related: (kind) => {
          // An account-wide record (region global) sees the whole account.
          if (record.region === "global") return (byAccount.get(`${record.account}|${kind}`) ?? []) as never;
          const here = index.get(cellKey(record.account, record.region, kind)) ?? [];
          const global =
            record.region === "global" ? [] : (index.get(cellKey(record.account, "global", kind)) ?? []);
          return (global.length === 0 ? here : [...here, ...global]) as never;
        },
      };
      let verdict;
      try {
        verdict = (check.evaluate as (r: AuditRecord, c: CheckContext) => ReturnType<typeof check.evaluate>)(
          record,
          ctx,
        );
      } catch (error) {
        summary.evaluated++;
        summary.errors++;
        findings.push({
          ...base(check, record),
          status: "error",
          message: `the check failed on this resource: ${error instanceof Error ? error.message : String(error)}`,
          evidence: {},
        });
        continue;
      }
      if (verdict.status === "not-applicable") continue;
      summary.evaluated++;
      if (verdict.status === "pass") {
        summary.passed++;
        continue;
      }
      findings.push({
        ...base(check, record),
        severity: verdict.severity ?? check.severity,
        status: "fail",
        message: verdict.message,
        evidence: verdict.evidence,
        ...(verdict.monthlyCostUsd !== undefined && { monthlyCostUsd: verdict.monthlyCostUsd }),
      });
    }
  }

  const final = applySuppressions(findings, input.suppressions, today);
  const byCheck = new Map(summaries.map((s) => [s.checkId, s]));
  for (const f of final) {
    const s = byCheck.get(f.checkId);
    if (s === undefined) continue;
    if (f.status === "fail") s.failed++;
    else if (f.status === "suppressed") s.suppressed++;
  }
  return { findings: final.sort(compareFindings), checks: summaries };
}

/** Worst first; then check, account, region, resource. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    cmp(a.checkId, b.checkId) ||
    cmp(a.account, b.account) ||
    cmp(a.region, b.region) ||
    cmp(a.resource.id, b.resource.id)
  );
}

function base(check: CheckMeta, record: AuditRecord): Omit<Finding, "status" | "message" | "evidence"> {
  return {
    checkId: check.id,
    title: check.title,
    severity: check.severity,
    account: record.account,
    region: record.region,
    resource: { type: record.kind, id: record.id, arn: record.arn, name: record.name, tags: record.tags },
  };
}

function notEvaluated(check: CheckMeta, account: string, region: string, u: UnreadCell): Finding {
  return {
    checkId: check.id,
    title: check.title,
    severity: check.severity,
    status: "not-evaluated",
    account,
    region,
    resource: {
      type: check.appliesTo,
      id: region === "global" ? account : `${account}/${region}`,
      arn: "",
      name: undefined,
      tags: {},
    },
    message: `not evaluated: the ${u.kind} records of ${u.account} ${u.region} could not be read (${u.message})`,
    evidence: { unreadKind: u.kind },
    ...(u.permission !== undefined && { permission: u.permission }),
  };
}

function cellKey(account: string, region: string, kind: string): string {
  return `${account}|${region}|${kind}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
