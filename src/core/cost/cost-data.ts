/**
 * What the cost overview reads from Cost Explorer and Cost Anomaly Detection, normalised
 * (amounts as numbers, dates as `YYYY-MM-DD`). The collector makes it, the workspace caches
 * it, the analysis (cost-overview.ts) reads it.
 */

export const COST_METRICS = ["unblended", "amortized", "net-amortized"] as const;
export type CostMetric = (typeof COST_METRICS)[number];

/** The metric's names in GetCostAndUsage and in GetCostForecast. */
export const METRIC_NAMES: Readonly<Record<CostMetric, { usage: string; forecast: string; label: string }>> =
  {
    unblended: { usage: "UnblendedCost", forecast: "UNBLENDED_COST", label: "unblended cost" },
    amortized: { usage: "AmortizedCost", forecast: "AMORTIZED_COST", label: "amortized cost" },
    "net-amortized": {
      usage: "NetAmortizedCost",
      forecast: "NET_AMORTIZED_COST",
      label: "net amortized cost",
    },
  };

export type CostGrouping =
  { kind: "service" } | { kind: "account" } | { kind: "region" } | { kind: "tag"; key: string };

/** A half-open day range: `start` inclusive, `end` exclusive (`YYYY-MM-DD`), as Cost Explorer takes it. */
export interface DayRange {
  start: string;
  end: string;
}

/** One day's spend of one service and one value of the grouping (the service again for `--by service`). */
export interface DailyCostRecord {
  date: string;
  service: string;
  /** The grouping's value: account id, region, tag value ("" untagged), or the service. */
  group: string;
  amount: number;
  /** Cost Explorer marks the month's figures estimated until the bill is final. */
  isEstimated: boolean;
}

export interface CostForecastRecord extends DayRange {
  amount: number;
  lower: number | undefined;
  upper: number | undefined;
}

export interface CostAnomalyRecord {
  id: string;
  startDate: string;
  endDate: string | undefined;
  /** The monitored dimension's value (the service, for a service monitor). */
  dimension: string | undefined;
  service: string | undefined;
  account: string | undefined;
  region: string | undefined;
  totalImpact: number;
  maxImpact: number;
}

export interface RightsizingRecord {
  account: string;
  resourceId: string;
  region: string | undefined;
  currentType: string | undefined;
  /** MODIFY (to `targetType`) or TERMINATE. */
  action: string;
  targetType: string | undefined;
  monthlySaving: number;
}

export interface SavingsPlanRecord {
  type: string;
  term: string;
  paymentOption: string;
  hourlyCommitment: number;
  monthlySaving: number;
}

export interface CostExplorerData {
  /** ISO 8601: when Cost Explorer answered (for the cache's expiry). */
  fetchedAt: string;
  currency: string;
  metric: CostMetric;
  grouping: CostGrouping;
  /** The day ranges the daily figures cover. */
  ranges: DayRange[];
  daily: DailyCostRecord[];
  /** Account names Cost Explorer gave (LINKED_ACCOUNT), by id. */
  accountNames: Record<string, string>;
  forecast: CostForecastRecord | undefined;
  /** Cost Anomaly Detection monitors found (anomalies are asked only when there is one). */
  anomalyMonitors: number;
  anomalies: CostAnomalyRecord[];
  rightsizing: RightsizingRecord[];
  savingsPlan: SavingsPlanRecord | undefined;
  /** The optional parts Cost Explorer refused (e.g. rightsizing not opted in), with its answer. */
  unavailable: {
    part: "forecast" | "anomalies" | "rightsizing" | "savings-plans";
    awsName: string;
    message: string;
  }[];
  /** Cost Explorer requests made to get this (each billed $0.01). */
  requests: number;
}
