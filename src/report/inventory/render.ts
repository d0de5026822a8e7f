/** Pick the inventory renderer for an output format. */
import type { InventoryResult } from "../../core/inventory/inventory-result.js";
import { renderInventoryCsv } from "./csv.js";
import { renderInventoryJson } from "./json.js";
import { renderInventoryMarkdown } from "./markdown.js";
import { renderInventoryTable } from "./table.js";

export const INVENTORY_FORMATS = ["table", "json", "markdown", "csv"] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

export function isInventoryFormat(value: string): value is InventoryFormat {
  return (INVENTORY_FORMATS as readonly string[]).includes(value);
}

export interface RenderInventoryOptions {
  format: InventoryFormat;
  /** ANSI colours, for the table format only. */
  color: boolean;
}

export function renderInventory(result: InventoryResult, options: RenderInventoryOptions): string {
  switch (options.format) {
    case "table":
      return renderInventoryTable(result, { color: options.color });
    case "json":
      return renderInventoryJson(result);
    case "markdown":
      return renderInventoryMarkdown(result);
    case "csv":
      return renderInventoryCsv(result);
  }
}
