/** How bad a finding is, from worst to mildest (the order reports sort by). */
export const SEVERITIES = ["critical", "high", "medium", "low", "informational"] as const;

export type Severity = (typeof SEVERITIES)[number];

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** 4 for critical … 0 for informational: higher is worse. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

/** True when `severity` is `threshold` or worse (`--fail-on high` fails on high and critical). */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

/** The worse of two severities. */
export function worstOf(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}
