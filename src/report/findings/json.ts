/**
 * An audit as JSON: the whole AuditResult, two-space indented, keys in the object's order.
 * Absent optional values (`pillar`, `runId`, a resource's `name`, a suppression's `expires`)
 * are written as null, so every record has the same keys, as in the inventory's JSON.
 */
import type { AuditResult } from "../../core/findings/audit-result.js";

export function renderAuditJson(result: AuditResult): string {
  return `${JSON.stringify(result, (_key, value: unknown) => (value === undefined ? null : value), 2)}\n`;
}
