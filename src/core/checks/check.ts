/**
 * A check is data plus one pure function (the model of cdk-nag's rules): its metadata says
 * what it looks for, why, and how to fix it; `evaluate` looks at one normalised record and
 * says pass, fail (with the evidence) or not applicable. A check never does I/O: related
 * records and settings come in through the context.
 */
import type { AuditRecordKind, RecordOfKind } from "../audit/records.js";
import type { EvidenceObject } from "../findings/finding.js";
import type { Severity } from "../findings/severity.js";
import type { AuditSettings } from "./settings.js";

/** The pillars of the AWS Well-Architected Framework. */
export const PILLARS = [
  "security",
  "reliability",
  "cost-optimization",
  "operational-excellence",
  "performance-efficiency",
  "sustainability",
] as const;

export type Pillar = (typeof PILLARS)[number];

/** The workflows that run checks: each runs the checks that name it. */
export const CHECK_PACKS = ["security", "sg-audit", "tag-compliance", "cleanup", "review"] as const;

export type CheckPack = (typeof CHECK_PACKS)[number];

export interface CheckMeta {
  /** Stable, kebab-case, namespaced by service (`ec2.sg-open-ingress`); never reused. */
  id: string;
  title: string;
  /** The default severity; a failure may raise or lower it (e.g. by port) and says so in its evidence. */
  severity: Severity;
  /** The kind of record it evaluates. */
  appliesTo: AuditRecordKind;
  /** Other kinds of record of the same account and region it reads (e.g. the interfaces that use a group). */
  uses: readonly AuditRecordKind[];
  /** What it looks for and why it matters, in a sentence or two. */
  description: string;
  packs: readonly CheckPack[];
  /** The Well-Architected pillars it serves, with the best practice (e.g. `SEC05-BP02`). */
  wellArchitected: readonly { pillar: Pillar; bestPractice: string }[];
  /** The CIS AWS Foundations Benchmark (v3.0.0) control, where one applies. */
  cis?: string;
  remediation: string;
  /** The AWS CLI command (with <placeholders>) or an IaC snippet that fixes it. */
  fix: { cli?: string; iac?: string };
}

export type Verdict =
  | { status: "pass" }
  | { status: "not-applicable" }
  | {
      status: "fail";
      message: string;
      evidence: EvidenceObject;
      /** Overrides the check's severity for this resource (e.g. SSH open to the world is critical). */
      severity?: Severity;
      /** What the resource costs per month (unused resources), USD. */
      monthlyCostUsd?: number;
    };

export interface CheckContext {
  now: Date;
  settings: AuditSettings;
  /**
   * Records of a kind the check `uses`: in the same account and region as the evaluated one,
   * plus the account's global ones; for an account-wide record (region `global`), the whole account.
   */
  related<K extends AuditRecordKind>(kind: K): readonly RecordOfKind<K>[];
}

export interface Check<K extends AuditRecordKind> extends CheckMeta {
  appliesTo: K;
  evaluate(record: RecordOfKind<K>, ctx: CheckContext): Verdict;
}

/** A check of any kind (what registries and the engine hold). */
export type AnyCheck = { [K in AuditRecordKind]: Check<K> }[AuditRecordKind];

export function defineCheck<K extends AuditRecordKind>(check: Check<K>): Check<K> {
  return check;
}

const PASS: Verdict = { status: "pass" };
const NOT_APPLICABLE: Verdict = { status: "not-applicable" };

export const pass = (): Verdict => PASS;
export const notApplicable = (): Verdict => NOT_APPLICABLE;
export const fail = (
  message: string,
  evidence: EvidenceObject,
  extra: { severity?: Severity; monthlyCostUsd?: number } = {},
): Verdict => ({ status: "fail", message, evidence, ...extra });
