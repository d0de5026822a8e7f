export {
  inventorySensitiveReads,
  runInventory,
  type ApprovalRequest,
  type InventoryDeps,
  type InventoryOptions,
} from "./run-inventory.js";
export { checkRegionCodes, selectRegions, type SelectRegionsOptions } from "../scan/select-regions.js";
export { inventoryJournal, type InventoryJournal } from "./inventory-journal.js";
export type { JournaledAccount } from "../scan/scan-journal.js";
export type {
  InventoryAccount,
  InventoryCoverage,
  InventoryFailure,
  InventoryResult,
  InventorySummary,
} from "../../core/inventory/inventory-result.js";
