/**
 * Scope assessment: how big a piece of work is (accounts × regions × services → partitions →
 * calls → time) and which of the configured thresholds it reaches. Pure: the caller measures
 * the call latency and passes it in.
 *
 * - accounts and regions at or past their `advise` threshold: the plan is shown before starting;
 *   past `partition`, the partitioning follows that dimension (see partition.ts);
 * - estimated seconds past `advise`: the plan is shown; past `requireApproval`: the work waits
 *   for a yes.
 */
import type { OrchestrationConfig } from "../core/config/schema.js";

export type Thresholds = OrchestrationConfig["thresholds"];

/** What the tool assumes one AWS call takes when it has measured none (a List/Describe page). */
export const DEFAULT_MS_PER_CALL = 150;
/** Calls one partition makes, on average: a listing page or two and the tags. */
export const DEFAULT_CALLS_PER_PARTITION = 2;

export interface ScopeInput {
  /** Each account with the number of its regions (without `global`). */
  accounts: readonly { id: string; regions: number }[];
  /** Services with one partition per region. */
  regionalServices: number;
  /** Services with one partition per account. */
  globalServices: number;
  /** Partitions already done (resumed from a journal): not counted in the estimate. */
  donePartitions?: number;
  /** Measured mean latency of the calls made so far (ms); default DEFAULT_MS_PER_CALL. */
  measuredMsPerCall?: number;
  thresholds: Thresholds;
  maxParallelWorkers: number;
}

export type DimensionLevel = "below" | "advise" | "partition";
export type TimeLevel = "below" | "advise" | "requireApproval";

export interface ScopeAssessment {
  accounts: number;
  /** The most regions any one account has. */
  regionsPerAccount: number;
  /** Distinct account × region pairs. */
  accountRegions: number;
  services: number;
  partitions: number;
  /** Partitions still to run (partitions less those resumed). */
  pending: number;
  estimatedCalls: number;
  msPerCall: number;
  isLatencyMeasured: boolean;
  /** The parallelism the estimate assumes: maxParallelWorkers, or fewer when there is less work. */
  parallelism: number;
  estimatedSeconds: number;
  levels: { accounts: DimensionLevel; regions: DimensionLevel; time: TimeLevel };
  /** Show the plan before starting (any threshold at or past advise). */
  isAdvised: boolean;
  /** Ask before starting (estimated time at or past requireApproval). */
  needsApproval: boolean;
  /** Each count threshold reached, in words: `5 accounts (advise from 3)` (time: describeTime). */
  reasons: string[];
}

export function assessScope(input: ScopeInput): ScopeAssessment {
  const { thresholds } = input;
  const accounts = input.accounts.length;
  const regionsPerAccount = Math.max(0, ...input.accounts.map((a) => a.regions));
  const accountRegions = input.accounts.reduce((n, a) => n + a.regions, 0);
  const partitions = accountRegions * input.regionalServices + accounts * input.globalServices;
  const pending = Math.max(0, partitions - (input.donePartitions ?? 0));
  const estimatedCalls = pending * DEFAULT_CALLS_PER_PARTITION;
  const isLatencyMeasured = input.measuredMsPerCall !== undefined && Number.isFinite(input.measuredMsPerCall);
  const msPerCall = isLatencyMeasured ? (input.measuredMsPerCall as number) : DEFAULT_MS_PER_CALL;
  const parallelism = Math.max(1, Math.min(input.maxParallelWorkers, pending));
  const estimatedSeconds = (estimatedCalls * msPerCall) / parallelism / 1000;

  const dimension = (n: number, t: { advise: number; partition: number }): DimensionLevel =>
    n >= t.partition ? "partition" : n >= t.advise ? "advise" : "below";
  const time = timeLevel(estimatedSeconds, thresholds);
  const levels = {
    accounts: dimension(accounts, thresholds.accounts),
    regions: dimension(regionsPerAccount, thresholds.regions),
    time,
  };

  const reasons: string[] = [];
  const count = (
    n: number,
    what: string,
    level: DimensionLevel,
    t: { advise: number; partition: number },
  ) => {
    if (level === "partition") reasons.push(`${n} ${what} (partitioned from ${t.partition})`);
    else if (level === "advise") reasons.push(`${n} ${what} (advise from ${t.advise})`);
  };
  count(accounts, accounts === 1 ? "account" : "accounts", levels.accounts, thresholds.accounts);
  count(regionsPerAccount, "regions per account", levels.regions, thresholds.regions);

  return {
    accounts,
    regionsPerAccount,
    accountRegions,
    services: input.regionalServices + input.globalServices,
    partitions,
    pending,
    estimatedCalls,
    msPerCall,
    isLatencyMeasured,
    parallelism,
    estimatedSeconds,
    levels,
    isAdvised: reasons.length > 0 || time !== "below",
    needsApproval: time === "requireApproval",
    reasons,
  };
}

/** Where an estimate stands against the estimatedSeconds thresholds. */
export function timeLevel(seconds: number, thresholds: Thresholds): TimeLevel {
  return seconds >= thresholds.estimatedSeconds.requireApproval
    ? "requireApproval"
    : seconds >= thresholds.estimatedSeconds.advise
      ? "advise"
      : "below";
}

/** `~12 min estimated (approval from ~10 min)`, or undefined below the advise threshold. */
export function describeTime(seconds: number, thresholds: Thresholds): string | undefined {
  const t = thresholds.estimatedSeconds;
  switch (timeLevel(seconds, thresholds)) {
    case "requireApproval":
      return `${formatDuration(seconds)} estimated (approval from ${formatDuration(t.requireApproval)})`;
    case "advise":
      return `${formatDuration(seconds)} estimated (advise from ${formatDuration(t.advise)})`;
    case "below":
      return undefined;
  }
}

/** `~8 min`, `~40 s`, `~2 h 5 min`; under a second is `<1 s`. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return "<1 s";
  if (seconds < 90) return `~${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `~${minutes} min`;
  return `~${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
