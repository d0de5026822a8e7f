/**
 * Suppressions: findings an organisation accepts, from the configuration. A suppressed finding
 * is shown as suppressed and counted, never hidden; a suppression past its expiry date stops
 * applying (the finding fails again) and is reported as expired.
 */
import type { SuppressionConfig } from "../config/schema.js";
import { matchGlob } from "../context/glob.js";
import type { Finding } from "./finding.js";

/** The suppression that covers a failed finding on `today` (UTC date), if any. */
export function suppressionFor(
  finding: Pick<Finding, "checkId" | "account" | "resource">,
  suppressions: readonly SuppressionConfig[],
  today: string,
): SuppressionConfig | undefined {
  return suppressions.find(
    (s) =>
      !isExpired(s, today) &&
      matchGlob(s.check, finding.checkId) &&
      (s.accounts === undefined || s.accounts.includes(finding.account)) &&
      [finding.resource.id, finding.resource.arn, finding.resource.name].some(
        (candidate) => candidate !== undefined && matchGlob(s.resource, candidate),
      ),
  );
}

/** True from the day after `expires` (dates compare as YYYY-MM-DD strings). */
export function isExpired(s: SuppressionConfig, today: string): boolean {
  return s.expires !== undefined && s.expires < today;
}

/** Apply the suppressions to failed findings; other statuses are left as they are. */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly SuppressionConfig[],
  today: string,
): Finding[] {
  if (suppressions.length === 0) return [...findings];
  return findings.map((f) => {
    if (f.status !== "fail") return f;
    const s = suppressionFor(f, suppressions, today);
    return s === undefined
      ? f
      : { ...f, status: "suppressed" as const, suppression: { reason: s.reason, expires: s.expires } };
  });
}
