import type { CallSite } from "./aws-errors.js";

/** Where one collector call looks: one account, one region. */
export interface CollectScope {
  /** The account being inventoried (12 digits); used for ARNs the API does not return and for errors. */
  account: string;
  region: string;
  /**
   * Page size to ask for (MaxResults, MaxRecords, MaxItems, MaxBuckets), clamped to each API's
   * allowed range. Undefined lets the service pick its default.
   */
  pageSize?: number;
}

/** The page size to pass for an API whose page size must lie in [min, max]. */
export function pageSizeWithin(pageSize: number | undefined, min: number, max: number): number | undefined {
  if (pageSize === undefined) return undefined;
  return Math.min(max, Math.max(min, Math.floor(pageSize)));
}

/** The call site of one action made in the scope (`service` is the IAM prefix of `action`). */
export function callSite(scope: CollectScope, action: string): CallSite {
  const service = action.slice(0, action.indexOf(":"));
  return { service, action, account: scope.account, region: scope.region };
}
