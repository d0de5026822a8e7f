/**
 * The changes review as CSV: one row per event of the window, newest first, with the unusual
 * activity each is part of (kinds separated by `;`, and the worst severity). Quoting and
 * formula defusing as the inventory's CSV.
 */
import type { ChangesResult } from "../../core/changes/changes-result.js";
import { severityRank, type Severity } from "../../core/findings/severity.js";
import { csvField } from "../inventory/csv.js";

export const CHANGES_CSV_COLUMNS = [
  "event_time",
  "account",
  "region",
  "event_source",
  "event_name",
  "change_type",
  "principal_type",
  "principal",
  "principal_id",
  "source_ip",
  "error_code",
  "resources",
  "unusual",
  "severity",
  "event_id",
] as const;

export function renderChangesCsv(result: ChangesResult): string {
  const unusualOf = new Map<string, { kinds: string[]; severity: Severity }>();
  for (const u of result.unusual) {
    for (const id of u.eventIds) {
      const seen = unusualOf.get(id);
      if (seen === undefined) unusualOf.set(id, { kinds: [u.kind], severity: u.severity });
      else {
        if (!seen.kinds.includes(u.kind)) seen.kinds.push(u.kind);
        if (severityRank(u.severity) > severityRank(seen.severity)) seen.severity = u.severity;
      }
    }
  }
  const rows: string[][] = [[...CHANGES_CSV_COLUMNS]];
  for (const e of result.events) {
    const u = unusualOf.get(e.eventId);
    rows.push([
      e.eventTime,
      e.account,
      e.region,
      e.eventSource,
      e.eventName,
      e.changeType,
      e.principal.type,
      e.principal.name,
      e.principal.id,
      e.sourceIp ?? "",
      e.errorCode ?? "",
      e.resources.map((r) => r.name).join(";"),
      u?.kinds.join(";") ?? "",
      u?.severity ?? "",
      e.eventId,
    ]);
  }
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
