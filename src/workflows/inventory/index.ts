export { runInventory, type InventoryDeps, type InventoryOptions } from "./run-inventory.js";
export { checkRegionCodes, selectRegions, type SelectRegionsOptions } from "./select-regions.js";
export type {
  InventoryFailure,
  InventoryResult,
  InventorySummary,
} from "../../core/inventory/inventory-result.js";
