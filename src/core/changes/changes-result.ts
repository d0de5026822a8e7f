/** What the recent changes review returns: the analysis, its window and scope, what was not read. */
import type { InventoryAccount, InventoryCoverage, InventoryFailure } from "../inventory/inventory-result.js";
import type { ChangesAnalysis, ChangesFilters } from "./analyze.js";
import type { ChangesWindow } from "./window.js";

export interface ChangesResult extends ChangesAnalysis {
  /** The profile's account. */
  account: string;
  accounts: InventoryAccount[];
  regions: string[];
  window: ChangesWindow;
  includeReads: boolean;
  filters: ChangesFilters;
  generatedAt: string;
  runId: string | undefined;
  /** LookupEvents pages fetched by this run (resumed partitions not counted). */
  pages: number;
  failures: InventoryFailure<string>[];
  coverage: InventoryCoverage;
}
