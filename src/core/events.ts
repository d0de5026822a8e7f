/**
 * The coded event registry. Codes take the form CW_<AREA>_<E|W|I>nnnn and are stable:
 * MCP clients, JSON output and tests match the code, never the text.
 */
export const EVENTS = {
  /** The announcement made before any AWS call: profile, account, regions, classification, read/mutate. */
  CW_CTX_I0001: "announce",
  /** The profile is not in the configuration and matched no pattern: treated as read-only. */
  CW_CTX_W0001: "unknown-profile",
  /** The profile is configured for one account but the credentials belong to another: treated as unknown. */
  CW_CTX_W0002: "account-mismatch",
  /** The account is not in the configuration and matched no pattern: treated as read-only. */
  CW_CTX_W0003: "unknown-account",
  /** The profile is marked emergencyOnly (break-glass). */
  CW_CTX_W0004: "emergency-profile",
  /** A configuration layer was loaded. */
  /** The account alias could not be read (e.g. no iam:ListAccountAliases); the context goes on without it. */
  CW_CTX_W0005: "alias-unavailable",
  CW_CFG_I0001: "config-layer-loaded",
  /** A partition (account/region/service), or a whole account, was not read; the result is partial. */
  CW_INV_W0001: "partition-failed",
  /** A suppression in the configuration is past its expiry date: the findings it covered fail again. */
  CW_AUD_W0001: "suppression-expired",
  /** Cost Explorer was read: data {requests, costUsd, fromCache, fetchedAt} (each request is billed $0.01). */
  CW_COST_I0001: "cost-explorer-requests",
  /** Cost Explorer could not be read (not enabled, no data yet, access denied): only the estimates are shown. */
  CW_COST_W0001: "cost-explorer-unavailable",
  /** An optional Cost Explorer part (forecast, anomalies, rightsizing, Savings Plans) was refused; the rest is shown. */
  CW_COST_W0002: "cost-explorer-part-unavailable",
  /** The plan of a large run (partitions, workers, estimate), shown when a threshold is reached. */
  CW_ORC_I0001: "plan",
  /** A partitioned run starts: data {total, resumed, pending: partition ids} drives progress. */
  CW_ORC_I0002: "partitions-queued",
  /** Enabled regions outside the profile's regions were left out (`--regions all`). */
  CW_ORC_I0003: "regions-outside-profile",
  /** A run resumes an earlier one from its journal. */
  CW_ORC_I0004: "run-resumed",
  /** Regions not opted in for an account were skipped (`--regions all`). */
  CW_ORC_W0001: "regions-not-opted-in",
  /** Accounts of the organisation that are not ACTIVE were left out (`--accounts all`). */
  CW_ORC_W0002: "accounts-not-active",
  /** --resume found no unfinished run of the same scope; a new run starts. */
  CW_ORC_W0003: "nothing-to-resume",
  /**
   * The changes review found no event in an account's baseline (the period before --since):
   * new principals and regions not normally used were not told there. data {accounts, baselineSince}.
   */
  CW_CHG_I0001: "changes-baseline-empty",
  /** The sandbox estate was loaded. */
  CW_SBX_I0001: "sandbox-loaded",
  /** The sandbox estate was saved. */
  CW_SBX_I0002: "sandbox-saved",
  /** The gate refused a call. */
  CW_GATE_E0001: "gate-refused",
} as const;

export type EventCode = keyof typeof EVENTS;
