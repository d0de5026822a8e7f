/**
 * Cost Explorer and Cost Anomaly Detection reads for the cost overview: daily spend (one
 * GetCostAndUsage over each day range, grouped by SERVICE and the requested grouping, every
 * page followed), the month-end forecast, anomalies (only when a monitor exists), rightsizing
 * and Savings Plans recommendations. Every request is billed ($0.01), so each is made once
 * and counted.
 *
 * The spend reads must succeed (their failure is the command's); the optional parts that fail
 * are recorded in `unavailable` with AWS's answer, and the rest is kept.
 */
import {
  GetAnomaliesCommand,
  GetAnomalyMonitorsCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  GetRightsizingRecommendationCommand,
  GetSavingsPlansPurchaseRecommendationCommand,
  type CostExplorerClient,
  type GroupDefinition,
} from "@aws-sdk/client-cost-explorer";
import {
  METRIC_NAMES,
  type CostAnomalyRecord,
  type CostExplorerData,
  type CostGrouping,
  type CostMetric,
  type DailyCostRecord,
  type DayRange,
  type RightsizingRecord,
} from "../../core/cost/cost-data.js";
import { AwsCallError } from "../../core/errors.js";
import { toAwsCallError } from "./aws-errors.js";

export interface CostExplorerReadOptions {
  metric: CostMetric;
  grouping: CostGrouping;
  /** Day ranges of daily spend to read (disjoint). */
  ranges: readonly DayRange[];
  /** The month-end forecast's range (today → the first of next month). */
  forecast: DayRange;
  /** Anomalies from this day on. */
  anomaliesFrom: string;
  /** For error messages and the audit. */
  account: string;
  profile: string;
  now: () => Date;
}

const REGION = "us-east-1";

function groupDefinitions(grouping: CostGrouping): GroupDefinition[] {
  const service: GroupDefinition = { Type: "DIMENSION", Key: "SERVICE" };
  switch (grouping.kind) {
    case "service":
      return [service];
    case "account":
      return [service, { Type: "DIMENSION", Key: "LINKED_ACCOUNT" }];
    case "region":
      return [service, { Type: "DIMENSION", Key: "REGION" }];
    case "tag":
      return [service, { Type: "TAG", Key: grouping.key }];
  }
}

const num = (value: string | number | undefined): number => {
  const n = typeof value === "number" ? value : Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
};

/** A Cost Explorer error in the user's terms, with what to do. */
export function costExplorerError(error: unknown, action: string, account: string, profile: string): unknown {
  const mapped = toAwsCallError(error, {
    service: "ce",
    action: `ce:${action}`,
    account,
    region: REGION,
    profile,
  });
  if (!(mapped instanceof AwsCallError)) return mapped;
  const fields = { service: "ce", action: `ce:${action}`, account, region: REGION, awsName: mapped.awsName };
  const make = (message: string, hint: string): AwsCallError =>
    new AwsCallError(fields, message, { hint, cause: error });
  switch (mapped.awsName) {
    case "DataUnavailableException":
      return make(
        `Cost Explorer has no data for account ${account}: it is not enabled, or its data is not ingested yet (DataUnavailableException).`,
        "Enable Cost Explorer in the Billing and Cost Management console (Cost Explorer → Launch Cost Explorer) from the management account; data appears within 24 hours. The estimates below come from the inventory and the price table.",
      );
    case "AccessDeniedException":
    case "AccessDenied":
      return make(
        `access denied to Cost Explorer (ce:${action}) for account ${account} (${mapped.awsName}).`,
        "Grant ce:GetCostAndUsage, ce:GetCostForecast, ce:GetAnomalyMonitors, ce:GetAnomalies, ce:GetRightsizingRecommendation and ce:GetSavingsPlansPurchaseRecommendation (the AWS managed policy AWSBillingReadOnlyAccess has them); from a member account, the management account must also allow member accounts to use Cost Explorer. The estimates below come from the inventory and the price table.",
      );
    case "BillExpirationException":
      return make(
        `Cost Explorer no longer holds that period (BillExpirationException): it keeps the last 13 months.`,
        "Pick a more recent --period (month-to-date, last-month, last-30d or a YYYY-MM within the last 13 months).",
      );
    case "LimitExceededException":
      return make(
        "Cost Explorer refused the request: too many requests (LimitExceededException).",
        "Wait a minute and try again; cached answers are reused (without --refresh) for cost.cacheTtlMinutes.",
      );
    default:
      return mapped;
  }
}

/** Counts the requests made, also when a read fails part way. */
export interface RequestCounter {
  requests: number;
}

export async function readCostExplorer(
  client: CostExplorerClient,
  options: CostExplorerReadOptions,
  counter: RequestCounter = { requests: 0 },
): Promise<CostExplorerData> {
  /** Every attempt is a request (the SDK retries throttling and 5xx answers). */
  const attemptsOf = (x: unknown): number => {
    const attempts = (x as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
    return typeof attempts === "number" && attempts > 0 ? attempts : 1;
  };
  const send = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    try {
      const answer = await run();
      counter.requests += attemptsOf(answer);
      return answer;
    } catch (error) {
      counter.requests += attemptsOf(error);
      throw costExplorerError(error, action, options.account, options.profile);
    }
  };
  const names = METRIC_NAMES[options.metric];
  const groupBy = groupDefinitions(options.grouping);
  const daily: DailyCostRecord[] = [];
  const accountNames: Record<string, string> = {};
  let currency = "USD";
  for (const range of options.ranges) {
    let token: string | undefined;
    do {
      const page = await send("GetCostAndUsage", () =>
        client.send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: range.start, End: range.end },
            Granularity: "DAILY",
            Metrics: [names.usage],
            GroupBy: groupBy,
            ...(token !== undefined && { NextPageToken: token }),
          }),
        ),
      );
      for (const result of page.ResultsByTime ?? []) {
        const date = result.TimePeriod?.Start ?? "";
        for (const g of result.Groups ?? []) {
          const metric = g.Metrics?.[names.usage];
          const amount = num(metric?.Amount);
          if (metric?.Unit !== undefined && metric.Unit !== "N/A") currency = metric.Unit;
          const service = g.Keys?.[0] ?? "";
          const rawGroup = g.Keys?.[1] ?? service;
          // A tag group's key is `Key$value` (`Key$` untagged).
          const group =
            options.grouping.kind === "tag" ? rawGroup.slice(rawGroup.indexOf("$") + 1) : rawGroup;
          daily.push({ date, service, group, amount, isEstimated: result.Estimated === true });
        }
      }
      for (const attr of page.DimensionValueAttributes ?? []) {
        const description = attr.Attributes?.["description"];
        if (attr.Value !== undefined && description !== undefined) accountNames[attr.Value] = description;
      }
      token = page.NextPageToken;
    } while (token !== undefined && token !== "");
  }

  const unavailable: CostExplorerData["unavailable"] = [];
  /** An optional part: its failure is noted, not fatal (the spend reads already succeeded). */
  const optional = async <T>(
    part: CostExplorerData["unavailable"][number]["part"],
    run: () => Promise<T>,
  ) => {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error;
      unavailable.push({ part, awsName: error.awsName, message: error.message });
      return undefined;
    }
  };

  const forecast = await optional("forecast", async () => {
    const answer = await send("GetCostForecast", () =>
      client.send(
        new GetCostForecastCommand({
          TimePeriod: { Start: options.forecast.start, End: options.forecast.end },
          Metric: names.forecast as never,
          Granularity: "MONTHLY",
        }),
      ),
    );
    const bounds = answer.ForecastResultsByTime ?? [];
    const sum = (pick: (r: (typeof bounds)[number]) => string | undefined): number | undefined =>
      bounds.length === 0 ? undefined : bounds.reduce((s, r) => s + num(pick(r)), 0);
    return {
      ...options.forecast,
      amount: num(answer.Total?.Amount),
      lower: sum((r) => r.PredictionIntervalLowerBound),
      upper: sum((r) => r.PredictionIntervalUpperBound),
    };
  });

  let anomalyMonitors = 0;
  const anomalies: CostAnomalyRecord[] = [];
  await optional("anomalies", async () => {
    let token: string | undefined;
    do {
      const page = await send("GetAnomalyMonitors", () =>
        client.send(new GetAnomalyMonitorsCommand({ ...(token !== undefined && { NextPageToken: token }) })),
      );
      anomalyMonitors += page.AnomalyMonitors?.length ?? 0;
      token = page.NextPageToken;
    } while (token !== undefined && token !== "");
    if (anomalyMonitors === 0) return;
    token = undefined;
    do {
      const page = await send("GetAnomalies", () =>
        client.send(
          new GetAnomaliesCommand({
            DateInterval: { StartDate: options.anomaliesFrom },
            ...(token !== undefined && { NextPageToken: token }),
          }),
        ),
      );
      for (const a of page.Anomalies ?? []) {
        const cause = a.RootCauses?.[0];
        anomalies.push({
          id: a.AnomalyId ?? "",
          startDate: (a.AnomalyStartDate ?? "").slice(0, 10),
          endDate: a.AnomalyEndDate?.slice(0, 10),
          dimension: a.DimensionValue,
          service: cause?.Service ?? a.DimensionValue,
          account: cause?.LinkedAccount,
          region: cause?.Region,
          totalImpact: num(a.Impact?.TotalImpact),
          maxImpact: num(a.Impact?.MaxImpact),
        });
      }
      token = page.NextPageToken;
    } while (token !== undefined && token !== "");
  });

  const rightsizing: RightsizingRecord[] = [];
  await optional("rightsizing", async () => {
    let token: string | undefined;
    do {
      const page = await send("GetRightsizingRecommendation", () =>
        client.send(
          new GetRightsizingRecommendationCommand({
            Service: "AmazonEC2",
            Configuration: { RecommendationTarget: "SAME_INSTANCE_FAMILY", BenefitsConsidered: true },
            ...(token !== undefined && { NextPageToken: token }),
          }),
        ),
      );
      for (const r of page.RightsizingRecommendations ?? []) {
        const current = r.CurrentInstance;
        const target =
          r.ModifyRecommendationDetail?.TargetInstances?.find((t) => t.DefaultTargetInstance === true) ??
          r.ModifyRecommendationDetail?.TargetInstances?.[0];
        rightsizing.push({
          account: r.AccountId ?? "",
          resourceId: current?.ResourceId ?? "",
          region: current?.ResourceDetails?.EC2ResourceDetails?.Region,
          currentType: current?.ResourceDetails?.EC2ResourceDetails?.InstanceType,
          action: r.RightsizingType ?? "MODIFY",
          targetType: target?.ResourceDetails?.EC2ResourceDetails?.InstanceType,
          monthlySaving: num(
            r.RightsizingType === "TERMINATE"
              ? r.TerminateRecommendationDetail?.EstimatedMonthlySavings
              : target?.EstimatedMonthlySavings,
          ),
        });
      }
      token = page.NextPageToken;
    } while (token !== undefined && token !== "");
  });

  const savingsPlan = await optional("savings-plans", async () => {
    const answer = await send("GetSavingsPlansPurchaseRecommendation", () =>
      client.send(
        new GetSavingsPlansPurchaseRecommendationCommand({
          SavingsPlansType: "COMPUTE_SP",
          TermInYears: "ONE_YEAR",
          PaymentOption: "NO_UPFRONT",
          LookbackPeriodInDays: "THIRTY_DAYS",
        }),
      ),
    );
    const rec = answer.SavingsPlansPurchaseRecommendation;
    const summary = rec?.SavingsPlansPurchaseRecommendationSummary;
    if (summary === undefined || num(summary.EstimatedMonthlySavingsAmount) <= 0) return undefined;
    return {
      type: "COMPUTE_SP",
      term: "ONE_YEAR",
      paymentOption: "NO_UPFRONT",
      hourlyCommitment: num(summary.HourlyCommitmentToPurchase),
      monthlySaving: num(summary.EstimatedMonthlySavingsAmount),
    };
  });

  return {
    fetchedAt: options.now().toISOString(),
    currency,
    metric: options.metric,
    grouping: options.grouping,
    ranges: [...options.ranges],
    daily,
    accountNames,
    forecast,
    anomalyMonitors,
    anomalies,
    rightsizing,
    savingsPlan,
    unavailable,
    requests: counter.requests,
  };
}
