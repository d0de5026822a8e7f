/**
 * The thresholds checks compare against, from the configuration's `checks` section (every
 * field has a default). The tagging policy comes from the configuration's `tagging`.
 */
import type { Config, TagRule } from "../config/schema.js";

export interface AuditSettings {
  /** An ingress rule opening more ports than this (to any peer) is overly permissive. */
  maxPortRange: number;
  /** Snapshots older than this that no AMI uses are cleanup candidates. */
  snapshotMaxAgeDays: number;
  /** Instances stopped longer than this are cleanup candidates. */
  stoppedInstanceMaxDays: number;
  /** Active access keys older than this should be rotated. */
  accessKeyMaxAgeDays: number;
  /** Active access keys unused for this long (or never used) should be removed. */
  accessKeyMaxUnusedDays: number;
  /** The window of load balancer traffic read from CloudWatch (no requests in it: idle). */
  idleLoadBalancerDays: number;
  /**
   * Accounts trusted like your own in role trust policies: the configuration's
   * `checks.trustedAccounts`, plus every account of the audit.
   */
  trustedAccounts: readonly string[];
  /** The tagging policy (configuration `tagging.required`). */
  requiredTags: readonly TagRule[];
}

/** The settings of a (merged) configuration. */
export function auditSettingsOf(config: Pick<Config, "checks" | "tagging">): AuditSettings {
  const { suppressions: _suppressions, ...thresholds } = config.checks;
  return { ...thresholds, requiredTags: config.tagging.required };
}
