/**
 * The result of the cost overview: what Cost Explorer answered (or why it could not), the
 * analysis, and the optimisation opportunities. Pure data: the workflow makes it, the reports
 * render it.
 */
import type { InventoryFailure } from "../inventory/inventory-result.js";
import type { CostExplorerData } from "./cost-data.js";
import type { CostOpportunity, CostOverview } from "./cost-overview.js";

/** What one Cost Explorer request costs, USD. */
export const COST_EXPLORER_REQUEST_USD = 0.01;

export type CostExplorerStatus =
  | {
      status: "ok";
      /** Requests made by this run (0 when everything came from the cache). */
      requests: number;
      isFromCache: boolean;
      fetchedAt: string;
      unavailable: CostExplorerData["unavailable"];
    }
  | { status: "unavailable"; awsName: string; message: string; hint: string | undefined; requests: number };

export interface CostResult {
  account: string;
  generatedAt: string;
  top: number;
  costExplorer: CostExplorerStatus;
  /** Undefined when Cost Explorer could not be read. */
  overview: CostOverview | undefined;
  opportunities: CostOpportunity[];
  /** Σ of the opportunities' monthly savings that have an estimate. */
  monthlySaving: number;
  /** What the estimates could not read (their checks did not run there). */
  estimateFailures: InventoryFailure<string>[];
}
