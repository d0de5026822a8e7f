/**
 * The inventory as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a
 * quote or a line break, quotes doubled). One row per resource; then one row per partition
 * (or account) not read, of type `partition-failure` (`account-failure`), with why in the state
 * column and its error in the last; then one row per region skipped as not opted in (`region-skipped`). Tags are
 * `key=value` pairs joined by `;` (with `\`, `;` and `=` inside keys and values escaped by a
 * backslash). A cell that a spreadsheet would run as a formula (starting with = + - @) is
 * prefixed with a single quote.
 */
import type { InventoryResult } from "../../core/inventory/inventory-result.js";

export const CSV_COLUMNS = [
  "account",
  "region",
  "service",
  "type",
  "id",
  "name",
  "state",
  "arn",
  "tags",
  "error",
] as const;

export function renderInventoryCsv(result: InventoryResult): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const r of result.resources) {
    rows.push([
      r.account,
      r.region,
      r.service,
      r.type,
      r.id,
      r.name ?? "",
      r.state ?? "",
      r.arn,
      formatTags(r.tags),
      "",
    ]);
  }
  for (const f of result.failures) {
    rows.push([
      f.account,
      f.region ?? "",
      f.service ?? "",
      f.service === undefined ? "account-failure" : "partition-failure",
      f.partition,
      "",
      f.reason,
      "",
      "",
      `${f.awsName ?? f.code}: ${f.message}`,
    ]);
  }
  for (const s of result.coverage.skippedRegions.filter((x) => x.reason === "not-opted-in")) {
    rows.push([
      s.account,
      s.region,
      "",
      "region-skipped",
      `${s.account}/${s.region}`,
      "",
      s.reason,
      "",
      "",
      "",
    ]);
  }
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function formatTags(tags: Readonly<Record<string, string>>): string {
  const escape = (s: string) => s.replace(/[\\;=]/g, "\\$&");
  return Object.keys(tags)
    .sort()
    .map((k) => `${escape(k)}=${escape(tags[k] ?? "")}`)
    .join(";");
}
