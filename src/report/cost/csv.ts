/**
 * The cost overview as CSV: one row per line of every section (spend by the grouping, recent
 * changes, new services, anomalies, opportunities), told apart by the `section` column.
 */
import type { CostResult } from "../../core/cost/cost-result.js";

export const COST_CSV_COLUMNS = [
  "section",
  "key",
  "label",
  "amount",
  "share",
  "previous",
  "change",
  "date",
  "account",
  "region",
  "detail",
] as const;

function field(value: string | number | undefined): string {
  const text = value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCostCsv(result: CostResult): string {
  const rows: (string | number | undefined)[][] = [];
  const o = result.overview;
  if (o !== undefined) {
    for (const g of o.groups)
      rows.push([
        "spend",
        g.key,
        g.label,
        g.amount,
        Math.round(g.share * 10000) / 10000,
        g.previous,
        g.change,
        "",
        "",
        "",
        o.currency,
      ]);
    rows.push([
      "total",
      "",
      "Total",
      o.total,
      1,
      o.previousTotal,
      Math.round((o.total - o.previousTotal) * 100) / 100,
      "",
      "",
      "",
      o.currency,
    ]);
    for (const c of o.changes)
      rows.push([
        "change",
        c.service,
        c.service,
        c.dayOverDay?.to,
        "",
        c.dayOverDay?.from,
        c.dayOverDay?.change,
        c.dayOverDay?.date,
        "",
        "",
        c.weekOverWeek === undefined ? "" : `week over week ${c.weekOverWeek.change}`,
      ]);
    for (const n of o.newServices)
      rows.push(["new-service", n.service, n.service, n.amount, "", 0, n.amount, n.since, "", "", ""]);
    for (const a of o.anomalies ?? [])
      rows.push([
        "anomaly",
        a.id,
        a.service ?? a.dimension,
        a.totalImpact,
        "",
        "",
        "",
        a.startDate,
        a.account,
        a.region,
        "",
      ]);
    if (o.forecast !== undefined)
      rows.push([
        "forecast",
        "month-end",
        "Month-end forecast",
        o.forecast.monthEnd,
        "",
        o.forecast.monthToDate,
        "",
        "",
        "",
        "",
        `between ${o.forecast.lower ?? ""} and ${o.forecast.upper ?? ""}`,
      ]);
  }
  for (const op of result.opportunities)
    rows.push([
      "opportunity",
      op.resourceId,
      op.title,
      op.monthlySaving,
      "",
      "",
      "",
      "",
      op.account,
      op.region,
      op.command,
    ]);
  return [COST_CSV_COLUMNS.join(","), ...rows.map((r) => r.map(field).join(","))].join("\n") + "\n";
}
