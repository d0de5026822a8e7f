/** Pick the cost renderer for an output format. */
import type { CostResult } from "../../core/cost/cost-result.js";
import { renderCostCsv } from "./csv.js";
import { renderCostMarkdown } from "./markdown.js";
import { renderCostTable } from "./table.js";

export const COST_FORMATS = ["table", "json", "markdown", "csv"] as const;
export type CostFormat = (typeof COST_FORMATS)[number];

export interface RenderCostOptions {
  format: CostFormat;
  color: boolean;
  /** Bar chart and sparkline (table format, on a TTY). */
  charts: boolean;
}

export function renderCost(result: CostResult, options: RenderCostOptions): string {
  switch (options.format) {
    case "table":
      return renderCostTable(result, { color: options.color, charts: options.charts });
    case "json":
      return `${JSON.stringify(result, (_key, value: unknown) => (value === undefined ? null : value), 2)}\n`;
    case "markdown":
      return renderCostMarkdown(result);
    case "csv":
      return renderCostCsv(result);
  }
}
