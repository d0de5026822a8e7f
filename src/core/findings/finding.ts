/**
 * A finding: what one check concluded about one resource (or an account, or a region). Pure
 * data: the workflows produce findings, the reports render them.
 */
import type { Severity } from "./severity.js";

/**
 * - `fail`: the resource breaks the check;
 * - `suppressed`: it breaks the check, and a suppression in the configuration covers it
 *   (shown and counted, never hidden);
 * - `not-evaluated`: the data the check needs could not be read (e.g. access denied); never a pass;
 * - `error`: the check itself threw; never a pass.
 * Passes are counted per check (see CheckSummary), not listed one by one.
 */
export type FindingStatus = "fail" | "suppressed" | "not-evaluated" | "error";

export type EvidenceValue = string | number | boolean | null | readonly EvidenceValue[] | EvidenceObject;
export interface EvidenceObject {
  readonly [key: string]: EvidenceValue;
}

export interface FindingResource {
  /** The record kind the check applies to, e.g. `security-group`, `bucket`, `account`. */
  type: string;
  id: string;
  arn: string;
  name: string | undefined;
  tags: Record<string, string>;
}

export interface Finding {
  checkId: string;
  title: string;
  severity: Severity;
  status: FindingStatus;
  account: string;
  /** The region, or `global` for account-wide resources (IAM, the account itself). */
  region: string;
  resource: FindingResource;
  /** One sentence: what is wrong, with the offending values. */
  message: string;
  /** The facts behind it: the offending rule, grant, age, size… */
  evidence: EvidenceObject;
  /** For unused resources: what keeping it costs per month, in USD (from the built-in price table). */
  monthlyCostUsd?: number;
  /** Present when status is `suppressed`. */
  suppression?: { reason: string; expires: string | undefined };
  /** Present when status is `not-evaluated`: the AWS permission the check needed. */
  permission?: string;
}
