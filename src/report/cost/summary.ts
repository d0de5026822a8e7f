/**
 * What every cost rendering shares: money and percentages, the grouping's name, the headline
 * facts, the Cost Explorer line (requests made, cache), and the opportunity kinds' names.
 */
import { METRIC_NAMES, type CostGrouping } from "../../core/cost/cost-data.js";
import { addDays } from "../../core/cost/cost-period.js";
import type { CostMove, OpportunityKind } from "../../core/cost/cost-overview.js";
import { COST_EXPLORER_REQUEST_USD, type CostResult } from "../../core/cost/cost-result.js";

export function money(value: number, currency = "USD"): string {
  const sign = value < 0 ? "-" : "";
  const text = Math.abs(value).toLocaleString("en-US", {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return currency === "USD" ? `${sign}$${text}` : `${sign}${text} ${currency}`;
}

export function signedMoney(value: number, currency = "USD"): string {
  return value > 0 ? `+${money(value, currency)}` : money(value, currency);
}

export function percent(ratio: number | undefined): string {
  if (ratio === undefined) return "new";
  const p = Math.round(ratio * 1000) / 10;
  return `${p > 0 ? "+" : ""}${p.toFixed(1)}%`;
}

export function share(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}

export function moveText(m: CostMove | undefined, currency: string): string {
  if (m === undefined) return "";
  return `${money(m.from, currency)} → ${money(m.to, currency)} (${signedMoney(m.change, currency)}, ${percent(m.changeRatio)})`;
}

export function groupingName(g: CostGrouping): string {
  switch (g.kind) {
    case "service":
      return "service";
    case "account":
      return "account";
    case "region":
      return "region";
    case "tag":
      return `tag ${g.key}`;
  }
}

export const OPPORTUNITY_LABELS: Readonly<Record<OpportunityKind, string>> = {
  "unused-resource": "unused resource",
  "gp2-to-gp3": "gp2 → gp3",
  "previous-generation": "previous generation",
  rightsizing: "rightsizing",
  "savings-plan": "Savings Plan",
};

/** The line that says what Cost Explorer cost this run. */
export function costExplorerLine(result: CostResult): string {
  const ce = result.costExplorer;
  if (ce.status === "unavailable") {
    return `Cost Explorer: unavailable (${ce.awsName}); ${ce.requests} request${ce.requests === 1 ? "" : "s"} made`;
  }
  if (ce.isFromCache)
    return `Cost Explorer: 0 requests (answers cached at ${ce.fetchedAt}; --refresh asks again)`;
  return `Cost Explorer: ${ce.requests} request${ce.requests === 1 ? "" : "s"} made ($${(ce.requests * COST_EXPLORER_REQUEST_USD).toFixed(2)})`;
}

/** The headline: period, metric, currency; undefined without Cost Explorer data. */
export function headline(result: CostResult): string[] {
  const o = result.overview;
  if (o === undefined) return [`Account ${result.account}`];
  return [
    `Account ${result.account} · ${o.period.label} · ${METRIC_NAMES[o.metric].label} · ${o.currency}${o.isEstimated ? " · estimated (the bill is not final)" : ""}`,
    `Total: ${money(o.total, o.currency)} (previous comparable period ${o.previousPeriod.start} – ${addDays(o.previousPeriod.end, -1)}: ${money(o.previousTotal, o.currency)}, ${percent(o.previousTotal === 0 ? undefined : (o.total - o.previousTotal) / o.previousTotal)})`,
    ...(o.forecast === undefined
      ? []
      : [
          `Month-end forecast: ${money(o.forecast.monthEnd, o.currency)}${o.forecast.lower !== undefined && o.forecast.upper !== undefined ? ` (between ${money(o.forecast.lower, o.currency)} and ${money(o.forecast.upper, o.currency)})` : ""}; ${money(o.forecast.monthToDate, o.currency)} so far`,
        ]),
    ...(o.untaggedShare === undefined ? [] : [`Untagged: ${share(o.untaggedShare)} of the total`]),
  ];
}
