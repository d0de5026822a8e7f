/**
 * The cost overview as terminal text: the headline, spend by the grouping (a bar chart and a
 * daily sparkline when `charts`, i.e. on a TTY), the top drivers, recent changes, new services,
 * anomalies, the optimisation opportunities, and what Cost Explorer cost.
 */
import { compactTable } from "../compact-table.js";
import { createColors } from "picocolors";
import type { CostDaily } from "../../core/cost/cost-overview.js";
import type { CostResult } from "../../core/cost/cost-result.js";
import { plainText } from "../inventory/sections.js";
import {
  costExplorerLine,
  groupingName,
  headline,
  money,
  moveText,
  OPPORTUNITY_LABELS,
  percent,
  share,
  signedMoney,
} from "./summary.js";

export interface CostTableOptions {
  color: boolean;
  /** The bar chart and the sparkline (on a TTY). */
  charts: boolean;
}

const BAR_WIDTH = 30;
const SPARKS = "▁▂▃▄▅▆▇█";

export function sparkline(daily: readonly CostDaily[]): string {
  const max = Math.max(0, ...daily.map((d) => d.amount));
  return daily
    .map((d) => (max === 0 ? SPARKS[0] : SPARKS[Math.min(7, Math.floor((d.amount / max) * 7.999))]))
    .join("");
}

export function bar(value: number, max: number, width = BAR_WIDTH): string {
  if (max <= 0 || value <= 0) return "";
  const eighths = Math.round((value / max) * width * 8);
  const full = Math.floor(eighths / 8);
  const rest = eighths % 8;
  return "█".repeat(full) + (rest === 0 ? "" : (" ▏▎▍▌▋▊▉"[rest] ?? ""));
}

export function renderCostTable(result: CostResult, options: CostTableOptions): string {
  const c = createColors(options.color);
  const out: string[] = [];
  const table = (head: string[], align?: ("left" | "right")[]) => compactTable(c.bold, head, align);
  out.push(c.bold("Cost overview"), ...headline(result).map(plainText), "");
  const o = result.overview;
  const ce = result.costExplorer;
  if (ce.status === "unavailable") {
    out.push(c.yellow(`Cost Explorer could not be read: ${plainText(ce.message)}`));
    if (ce.hint !== undefined) out.push(plainText(ce.hint));
    out.push("");
  }
  if (o !== undefined) {
    const cur = o.currency;
    out.push(c.bold(`Spend by ${groupingName(o.grouping)}`));
    const max = Math.max(0, ...o.groups.map((g) => g.amount));
    const t = table(
      options.charts ? ["", "", "Spend", "Share"] : [groupingName(o.grouping), "Spend", "Share"],
      options.charts ? ["left", "left", "right", "right"] : ["left", "right", "right"],
    );
    for (const g of o.groups) {
      const label = plainText(g.label === g.key || g.key === "" ? g.label : `${g.label} (${g.key})`);
      t.push(
        options.charts
          ? [label, c.cyan(bar(g.amount, max)), money(g.amount, cur), share(g.share)]
          : [label, money(g.amount, cur), share(g.share)],
      );
    }
    t.push(
      options.charts
        ? [c.bold("Total"), "", c.bold(money(o.total, cur)), "100.0%"]
        : [c.bold("Total"), c.bold(money(o.total, cur)), "100.0%"],
    );
    out.push(t.toString());
    if (options.charts && o.daily.length > 1) {
      out.push(
        `Daily: ${c.cyan(sparkline(o.daily))}  ${o.daily[0]?.date ?? ""} → ${o.daily.at(-1)?.date ?? ""}`,
      );
    }
    out.push("", c.bold(`Top ${Math.min(result.top, o.groups.length)} drivers`));
    const top = table(
      ["", "Spend", "Share", "Previous period", "Change"],
      ["left", "right", "right", "right", "right"],
    );
    for (const g of o.groups.slice(0, result.top)) {
      top.push([
        plainText(g.label),
        money(g.amount, cur),
        share(g.share),
        money(g.previous, cur),
        `${signedMoney(g.change, cur)} (${percent(g.changeRatio)})`,
      ]);
    }
    out.push(top.toString(), "", c.bold("Recent changes (daily spend, last 14 days)"));
    if (o.changes.length === 0) out.push("no service moved significantly");
    else {
      const t2 = table(["Service", "Largest day-over-day move", "Last 7 days vs the 7 before"]);
      for (const ch of o.changes) {
        t2.push([
          plainText(ch.service),
          ch.dayOverDay === undefined ? "" : `${ch.dayOverDay.date}: ${moveText(ch.dayOverDay, cur)}`,
          moveText(ch.weekOverWeek, cur),
        ]);
      }
      out.push(t2.toString());
    }
    out.push("", c.bold("New this period"));
    if (o.newServices.length === 0) out.push("no new service");
    else {
      const t3 = table(["Service", "Since", "Spend"], ["left", "left", "right"]);
      for (const n of o.newServices) t3.push([plainText(n.service), n.since, money(n.amount, cur)]);
      out.push(t3.toString());
    }
    out.push("", c.bold("Anomalies (Cost Anomaly Detection)"));
    if (o.anomalies === undefined)
      out.push("no anomaly monitor: create one in Cost Anomaly Detection to be told of anomalies");
    else if (o.anomalies.length === 0) out.push("none in the last 14 days");
    else {
      const t4 = table(
        ["Service", "Account", "Region", "Since", "Impact"],
        ["left", "left", "left", "left", "right"],
      );
      for (const a of o.anomalies)
        t4.push([
          plainText(a.service ?? a.dimension ?? ""),
          a.account ?? "",
          a.region ?? "",
          a.startDate,
          money(a.totalImpact, cur),
        ]);
      out.push(t4.toString());
    }
    out.push("");
  }
  out.push(c.bold(`Optimisation opportunities: about ${money(result.monthlySaving)}/month`));
  if (result.opportunities.length === 0) out.push("none found");
  else {
    const t5 = table(
      ["Kind", "What", "Account", "Region", "Saving/month", "Details"],
      ["left", "left", "left", "left", "right", "left"],
    );
    for (const op of result.opportunities) {
      t5.push([
        OPPORTUNITY_LABELS[op.kind],
        plainText(op.resourceId === "" ? op.title : `${op.resourceId}: ${op.title}`),
        op.account,
        op.region,
        op.monthlySaving === undefined ? "not estimated" : money(op.monthlySaving),
        plainText(op.command),
      ]);
    }
    out.push(t5.toString());
  }
  if (result.estimateFailures.length > 0) {
    out.push(
      c.yellow(
        `the estimates are partial: ${result.estimateFailures.length} part${result.estimateFailures.length === 1 ? "" : "s"} could not be read`,
      ),
    );
  }
  out.push("", costExplorerLine(result), "");
  return out.join("\n");
}
