/** The cost overview as Markdown: the same sections as the terminal table, as Markdown tables. */
import type { CostResult } from "../../core/cost/cost-result.js";
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

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
}

function mdTable(head: string[], rows: string[][], right: number[] = []): string[] {
  return [
    `| ${head.map(cell).join(" | ")} |`,
    `| ${head.map((_, i) => (right.includes(i) ? "---:" : "---")).join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ];
}

export function renderCostMarkdown(result: CostResult): string {
  const out: string[] = ["# Cost overview", "", ...headline(result).map((l) => `- ${l}`), ""];
  const ce = result.costExplorer;
  if (ce.status === "unavailable") {
    out.push(
      `> **Cost Explorer could not be read:** ${ce.message}`,
      ...(ce.hint === undefined ? [] : [">", `> ${ce.hint}`]),
      "",
    );
  }
  const o = result.overview;
  if (o !== undefined) {
    const cur = o.currency;
    out.push(`## Spend by ${groupingName(o.grouping)}`, "");
    out.push(
      ...mdTable(
        [groupingName(o.grouping), "Spend", "Share"],
        [
          ...o.groups.map((g) => [
            g.label === g.key ? g.label : `${g.label} (${g.key})`,
            money(g.amount, cur),
            share(g.share),
          ]),
          ["**Total**", `**${money(o.total, cur)}**`, "100.0%"],
        ],
        [1, 2],
      ),
      "",
    );
    out.push(`## Top ${Math.min(result.top, o.groups.length)} drivers`, "");
    out.push(
      ...mdTable(
        ["", "Spend", "Share", "Previous period", "Change"],
        o.groups
          .slice(0, result.top)
          .map((g) => [
            g.label,
            money(g.amount, cur),
            share(g.share),
            money(g.previous, cur),
            `${signedMoney(g.change, cur)} (${percent(g.changeRatio)})`,
          ]),
        [1, 2, 3, 4],
      ),
      "",
    );
    out.push("## Recent changes (daily spend, last 14 days)", "");
    if (o.changes.length === 0) out.push("No service moved significantly.", "");
    else
      out.push(
        ...mdTable(
          ["Service", "Largest day-over-day move", "Last 7 days vs the 7 before"],
          o.changes.map((c) => [
            c.service,
            c.dayOverDay === undefined ? "" : `${c.dayOverDay.date}: ${moveText(c.dayOverDay, cur)}`,
            moveText(c.weekOverWeek, cur),
          ]),
        ),
        "",
      );
    out.push("## New this period", "");
    if (o.newServices.length === 0) out.push("No new service.", "");
    else
      out.push(
        ...mdTable(
          ["Service", "Since", "Spend"],
          o.newServices.map((n) => [n.service, n.since, money(n.amount, cur)]),
          [2],
        ),
        "",
      );
    out.push("## Anomalies", "");
    if (o.anomalies === undefined) out.push("No Cost Anomaly Detection monitor.", "");
    else if (o.anomalies.length === 0) out.push("None in the last 14 days.", "");
    else
      out.push(
        ...mdTable(
          ["Service", "Account", "Region", "Since", "Impact"],
          o.anomalies.map((a) => [
            a.service ?? a.dimension ?? "",
            a.account ?? "",
            a.region ?? "",
            a.startDate,
            money(a.totalImpact, cur),
          ]),
          [4],
        ),
        "",
      );
  }
  out.push(`## Optimisation opportunities: about ${money(result.monthlySaving)}/month`, "");
  if (result.opportunities.length === 0) out.push("None found.", "");
  else
    out.push(
      ...mdTable(
        ["Kind", "What", "Account", "Region", "Saving/month", "Details"],
        result.opportunities.map((op) => [
          OPPORTUNITY_LABELS[op.kind],
          op.resourceId === "" ? op.title : `${op.resourceId}: ${op.title}`,
          op.account,
          op.region,
          op.monthlySaving === undefined ? "not estimated" : money(op.monthlySaving),
          `\`${op.command}\``,
        ]),
        [4],
      ),
      "",
    );
  out.push(costExplorerLine(result), "");
  return out.join("\n");
}
