/**
 * The inventory as JSON: the whole result, two-space indented. Absent optional values are
 * written as null, so every record has the same keys.
 */
import type { InventoryResult } from "../../core/inventory/inventory-result.js";

export function renderInventoryJson(result: InventoryResult): string {
  return `${JSON.stringify(result, (_key, value: unknown) => (value === undefined ? null : value), 2)}\n`;
}
