export { renderCost, COST_FORMATS, type CostFormat, type RenderCostOptions } from "./render.js";
export { renderCostCsv, COST_CSV_COLUMNS } from "./csv.js";
export { renderCostMarkdown } from "./markdown.js";
export { renderCostTable, sparkline, bar, type CostTableOptions } from "./table.js";
