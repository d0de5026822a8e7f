/**
 * The cost overview: spend by service (or account, region, tag) for a period from Cost
 * Explorer, its top drivers and recent changes, the month-end forecast and anomalies, and the
 * optimisation opportunities (the cleanup and review checks' estimates from the inventory and
 * the price table, and Cost Explorer's recommendations).
 *
 * Cost Explorer bills every request ($0.01): the daily figures for every period the question
 * needs come from as few GetCostAndUsage calls as cover them, answers are cached in the
 * workspace (`deps.cache`) for `cacheTtlMinutes`, and the result says how many requests it
 * made. When Cost Explorer cannot be read (not enabled, no data yet, access denied) the result
 * says so, with what to do, and still carries the estimates.
 *
 * Never prints: progress and notices go to the IoHost.
 */
import { readCostExplorer } from "../../aws/collectors/cost-explorer.js";
import type { AuditSettings } from "../../core/checks/settings.js";
import type { SuppressionConfig } from "../../core/config/schema.js";
import type { CostExplorerData, CostGrouping, CostMetric } from "../../core/cost/cost-data.js";
import { analyzeCost } from "../../core/cost/cost-overview.js";
import type { CostExplorerStatus, CostResult } from "../../core/cost/cost-result.js";
import { costPeriods } from "../../core/cost/cost-period.js";
import { costOpportunities } from "../../core/cost/opportunities.js";
import { AwsCallError } from "../../core/errors.js";
import { runAudit } from "../audit/run-audit.js";
import type { ScanDeps, ScanOptions } from "../scan/run-scan.js";

import { COST_EXPLORER_REQUEST_USD } from "../../core/cost/cost-result.js";

export type { CostExplorerStatus, CostResult };

export interface CostOptions extends Pick<
  ScanOptions,
  "regions" | "allowedRegions" | "concurrency" | "thresholds"
> {
  /** month-to-date, last-month, last-30d or YYYY-MM. */
  period: string;
  metric: CostMetric;
  grouping: CostGrouping;
  /** How many top drivers to show. */
  top: number;
  /** Ignore cached Cost Explorer answers. */
  refresh: boolean;
  cacheTtlMinutes: number;
  settings: AuditSettings;
  suppressions: readonly SuppressionConfig[];
  /** The flags that scope the cleanup/review commands the opportunities point to. */
  scopeFlags: string;
}

/** Cost Explorer answers kept between runs (the CLI keeps them in the workspace). */
export interface CostCache {
  read(key: string): Promise<CostExplorerData | undefined>;
  write(key: string, data: CostExplorerData): Promise<void>;
}

export interface CostDeps extends Omit<ScanDeps<never>, "journal" | "now"> {
  /** Billing "today": the real clock, or the estate's capture time in the sandbox. */
  now: () => Date;
  /** Wall clock for the cache's age (default: `now`). */
  wallClock?: () => Date;
  cache?: CostCache;
}

export async function runCost(options: CostOptions, deps: CostDeps): Promise<CostResult> {
  const periods = costPeriods(options.period, deps.now());
  const wallClock = deps.wallClock ?? deps.now;
  const readOptions = {
    metric: options.metric,
    grouping: options.grouping,
    ranges: periods.reads,
    forecast: periods.forecast,
    anomaliesFrom: periods.changes.start,
  };
  const key = JSON.stringify({ account: deps.account, profile: deps.factory.profile, ...readOptions });

  let data: CostExplorerData | undefined;
  let costExplorer: CostExplorerStatus;
  const cached = options.refresh ? undefined : await deps.cache?.read(key);
  const ageMinutes =
    cached === undefined ? Infinity : (wallClock().getTime() - Date.parse(cached.fetchedAt)) / 60_000;
  if (cached !== undefined && ageMinutes >= 0 && ageMinutes < options.cacheTtlMinutes) {
    data = cached;
    costExplorer = {
      status: "ok",
      requests: 0,
      isFromCache: true,
      fetchedAt: cached.fetchedAt,
      unavailable: cached.unavailable,
    };
  } else {
    const counter = { requests: 0 };
    try {
      data = await readCostExplorer(
        await deps.factory.ce(),
        { ...readOptions, account: deps.account, profile: deps.factory.profile, now: wallClock },
        counter,
      );
      await deps.cache?.write(key, data);
      costExplorer = {
        status: "ok",
        requests: data.requests,
        isFromCache: false,
        fetchedAt: data.fetchedAt,
        unavailable: data.unavailable,
      };
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error;
      costExplorer = {
        status: "unavailable",
        awsName: error.awsName,
        message: error.message,
        hint: error.hint,
        requests: counter.requests,
      };
      deps.io.notify({
        code: "CW_COST_W0001",
        level: "warn",
        message: error.message,
        data: { awsName: error.awsName },
      });
    }
  }
  if (costExplorer.status === "ok") {
    deps.io.notify({
      code: "CW_COST_I0001",
      level: "info",
      message: costExplorer.isFromCache
        ? `Cost Explorer: no request made; answers cached at ${costExplorer.fetchedAt} reused (--refresh to ask again)`
        : `Cost Explorer: ${costExplorer.requests} request${costExplorer.requests === 1 ? "" : "s"} made ($${(costExplorer.requests * COST_EXPLORER_REQUEST_USD).toFixed(2)})`,
      data: {
        requests: costExplorer.requests,
        costUsd: costExplorer.requests * COST_EXPLORER_REQUEST_USD,
        fromCache: costExplorer.isFromCache,
        fetchedAt: costExplorer.fetchedAt,
      },
    });
    for (const u of costExplorer.unavailable) {
      deps.io.notify({
        code: "CW_COST_W0002",
        level: "warn",
        message: `Cost Explorer ${u.part} not shown: ${u.message}`,
        data: u,
      });
    }
  }

  // The estimates: the cost-optimisation checks of the review (the cleanup checks among them).
  const audit = await runAudit(
    {
      workflow: "review",
      pillar: "cost-optimization",
      ...(options.regions !== undefined && { regions: options.regions }),
      ...(options.allowedRegions !== undefined && { allowedRegions: options.allowedRegions }),
      ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
      ...(options.thresholds !== undefined && { thresholds: options.thresholds }),
      settings: options.settings,
      suppressions: options.suppressions,
    },
    {
      factory: deps.factory,
      io: deps.io,
      account: deps.account,
      ...(deps.factoryFor !== undefined && { factoryFor: deps.factoryFor }),
      ...(deps.approve !== undefined && { approve: deps.approve }),
      ...(deps.signal !== undefined && { signal: deps.signal }),
      now: wallClock,
    },
  );
  const opportunities = costOpportunities(audit.findings, data, { scopeFlags: options.scopeFlags });
  const monthlySaving = Math.round(opportunities.reduce((s, o) => s + (o.monthlySaving ?? 0), 0) * 100) / 100;
  return {
    account: deps.account,
    generatedAt: wallClock().toISOString(),
    top: options.top,
    costExplorer,
    overview: data === undefined ? undefined : analyzeCost(data, periods),
    opportunities,
    monthlySaving,
    estimateFailures: audit.failures,
  };
}
