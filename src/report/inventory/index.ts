export {
  renderInventory,
  INVENTORY_FORMATS,
  isInventoryFormat,
  type InventoryFormat,
  type RenderInventoryOptions,
} from "./render.js";
export { renderInventoryCsv, CSV_COLUMNS } from "./csv.js";
export { renderInventoryJson } from "./json.js";
export { renderInventoryMarkdown, escapeMarkdown } from "./markdown.js";
export { renderInventoryTable, type TableRenderOptions } from "./table.js";
