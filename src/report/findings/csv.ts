/**
 * An audit as CSV: one row per finding (failed, suppressed, not evaluated, check error), in
 * the result's order (worst first). Quoting and formula defusing as the inventory's CSV
 * (RFC 4180, CRLF line ends; a cell starting with = + - @ is prefixed with a single quote).
 * Partitions not read have no row of their own: the checks that needed them have a
 * `not-evaluated` row, with the permission.
 */
import type { AuditResult } from "../../core/findings/audit-result.js";
import { csvField } from "../inventory/csv.js";

export const AUDIT_CSV_COLUMNS = [
  "check_id",
  "title",
  "severity",
  "status",
  "account",
  "region",
  "resource_type",
  "resource_id",
  "resource_arn",
  "resource_name",
  "message",
  "monthly_cost_usd",
  "suppression_reason",
  "suppression_expires",
  "permission",
] as const;

export function renderAuditCsv(result: AuditResult): string {
  const rows: string[][] = [[...AUDIT_CSV_COLUMNS]];
  for (const f of result.findings) {
    rows.push([
      f.checkId,
      f.title,
      f.severity,
      f.status,
      f.account,
      f.region,
      f.resource.type,
      f.resource.id,
      f.resource.arn,
      f.resource.name ?? "",
      f.message,
      f.monthlyCostUsd === undefined ? "" : String(f.monthlyCostUsd),
      f.suppression?.reason ?? "",
      f.suppression?.expires ?? "",
      f.permission ?? "",
    ]);
  }
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
