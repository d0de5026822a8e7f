/**
 * The partition plan: how the partitions (account × region × service) are handed to workers.
 *
 * - `account`: many accounts (at or past accounts.partition) — a worker takes one account at a
 *   time, so as many accounts are in flight as there are workers;
 * - `account-region`: many accounts and many regions — a worker takes one account × region;
 * - `region`: many regions (at or past regions.partition) — a worker takes one account ×
 *   region and runs its services one after another, so no two workers press the same
 *   regional API limits at once;
 * - `service`: otherwise — every partition is its own unit of work.
 *
 * Workers never exceed maxParallelWorkers (nor the units of work). The accounts in flight
 * (started and not finished) are capped, which bounds what is held per account (its clients,
 * credentials and shared listings).
 */
import {
  describeTime,
  formatDuration,
  timeLevel,
  type ScopeAssessment,
  type Thresholds,
  type TimeLevel,
} from "./scope.js";

export type PartitionStrategy = "account" | "account-region" | "region" | "service";

export interface PartitionPlan {
  by: PartitionStrategy;
  workers: number;
  /** At most this many accounts have work started and not finished. */
  accountsInFlight: number;
  /** The estimate for this plan: the slowest unit of work can make it longer than calls ÷ workers. */
  estimatedSeconds: number;
  /** Where this plan's estimate stands: past requireApproval, the work waits for a yes. */
  time: TimeLevel;
  /** Show the plan before starting: a threshold reached by the scope or by this estimate. */
  isAdvised: boolean;
  /** The thresholds reached, in words (the scope's, then the time's). */
  reasons: string[];
  /** `~8 min, 8 workers, one per region`. */
  summary: string;
}

/** The identity of a unit of work: partitions with the same key run on one worker, in order. */
export function unitKey(
  by: PartitionStrategy,
  p: { account: string; region: string; service: string },
): string {
  switch (by) {
    case "account":
      return p.account;
    case "account-region":
    case "region":
      return `${p.account}/${p.region}`;
    case "service":
      return `${p.account}/${p.region}/${p.service}`;
  }
}

export interface PlanPartitionsInput {
  assessment: ScopeAssessment;
  /** Partitions still to run per account (resumed ones left out). */
  pendingPerAccount: readonly { account: string; partitions: number; regions: number }[];
  maxParallelWorkers: number;
  thresholds: Thresholds;
}

export function planPartitions(input: PlanPartitionsInput): PartitionPlan {
  const { assessment: a } = input;
  const manyAccounts = a.levels.accounts === "partition";
  const manyRegions = a.levels.regions === "partition";
  const by: PartitionStrategy =
    manyAccounts && manyRegions
      ? "account-region"
      : manyAccounts
        ? "account"
        : manyRegions
          ? "region"
          : "service";

  const accounts = input.pendingPerAccount.filter((p) => p.partitions > 0);
  const unitsPerAccount = accounts.map((p) =>
    by === "account" ? 1 : by === "service" ? p.partitions : Math.max(1, p.regions),
  );
  const units = unitsPerAccount.reduce((n, u) => n + u, 0);
  const workers = Math.max(1, Math.min(input.maxParallelWorkers, units));
  const largest = Math.max(1, ...unitsPerAccount);
  const accountsInFlight = Math.max(
    1,
    Math.min(accounts.length, by === "account" ? workers : Math.ceil(workers / largest) + 1),
  );

  // The longest unit runs on one worker from start to end.
  const msPerPartition = a.msPerCall * (a.partitions === 0 ? 0 : a.estimatedCalls / Math.max(1, a.pending));
  const longestUnit = Math.max(
    0,
    ...accounts.map((p) => {
      const perUnit =
        by === "account"
          ? p.partitions
          : by === "service"
            ? 1
            : Math.ceil(p.partitions / Math.max(1, p.regions));
      return perUnit * msPerPartition;
    }),
  );
  const estimatedSeconds = Math.max((a.pending * msPerPartition) / workers / 1000, longestUnit / 1000);

  const per =
    by === "account"
      ? "one per account"
      : by === "account-region"
        ? `one per account and region, ${accountsInFlight} accounts at a time`
        : by === "region"
          ? a.accounts > 1
            ? "one per account and region"
            : "one per region"
          : a.accounts > 1 || a.regionsPerAccount > 1
            ? "one per account, region and service"
            : "one per service";
  const summary = `${formatDuration(estimatedSeconds)}, ${workers} ${workers === 1 ? "worker" : "workers"}, ${per}`;
  const time = timeLevel(estimatedSeconds, input.thresholds);
  const timeReason = describeTime(estimatedSeconds, input.thresholds);
  const reasons = [...a.reasons, ...(timeReason === undefined ? [] : [timeReason])];
  return {
    by,
    workers,
    accountsInFlight,
    estimatedSeconds,
    time,
    isAdvised: reasons.length > 0,
    reasons,
    summary,
  };
}
