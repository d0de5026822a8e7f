/**
 * Cost Explorer and Cost Anomaly Detection (a global API served from us-east-1): GetCostAndUsage,
 * GetCostForecast, GetAnomalyMonitors, GetAnomalies, GetRightsizingRecommendation and
 * GetSavingsPlansPurchaseRecommendation over the bills cost-usage.ts derives from the estate.
 *
 * The management account of an organization sees every account's costs (LINKED_ACCOUNT); a
 * member account only its own. Billing runs up to the estate's `capturedAt` ("today" for
 * Cost Explorer), whatever the sandbox's clock says.
 */
import type {
  Anomaly,
  AnomalyMonitor,
  DateInterval,
  Expression,
  GetAnomaliesRequest,
  GetAnomaliesResponse,
  GetAnomalyMonitorsRequest,
  GetAnomalyMonitorsResponse,
  GetCostAndUsageRequest,
  GetCostAndUsageResponse,
  GetCostForecastRequest,
  GetCostForecastResponse,
  GetRightsizingRecommendationRequest,
  GetRightsizingRecommendationResponse,
  GetSavingsPlansPurchaseRecommendationRequest,
  GetSavingsPlansPurchaseRecommendationResponse,
  Group,
  MetricValue,
  RightsizingRecommendation,
  ResultByTime,
} from "@aws-sdk/client-cost-explorer";
import { INSTANCE_HOURLY } from "../costs.js";
import { dailyCostLines, DAY_MS, dayOf, type CostLine } from "../cost-usage.js";
import type { EstateAccount } from "../estate.js";
import { awsError } from "../errors.js";
import { encodeToken, pageFrom } from "../paging.js";
import { hashString } from "../prng.js";
import { op, type Handler, type ServiceContext } from "./context.js";

const COST_METRICS = [
  "AmortizedCost",
  "BlendedCost",
  "NetAmortizedCost",
  "NetUnblendedCost",
  "UnblendedCost",
] as const;
const USAGE_METRICS = ["UsageQuantity", "NormalizedUsageAmount"] as const;
const FORECAST_METRICS = [
  "AMORTIZED_COST",
  "BLENDED_COST",
  "NET_AMORTIZED_COST",
  "NET_UNBLENDED_COST",
  "UNBLENDED_COST",
] as const;
const DIMENSIONS = ["SERVICE", "LINKED_ACCOUNT", "REGION"] as const;
/** Groups per page: AWS pages by response size; the sandbox by groups, 40 × its page size. */
const GROUPS_PER_PAGE_FACTOR = 40;

const validation = (message: string): Error => awsError("ValidationException", message);
/** One page of a list, with `NextPageToken` when more follow. */
function pageOf<T>(
  ctx: ServiceContext,
  action: string,
  items: readonly T[],
  token: string | undefined,
  size: number | undefined,
): { items: T[]; next: { NextPageToken?: string } } {
  const page = pageFrom(action, items, token, size ?? ctx.pageSize, invalidToken);
  return { items: page.items, next: page.nextToken === undefined ? {} : { NextPageToken: page.nextToken } };
}

const invalidToken = (): Error => awsError("InvalidNextTokenException", "The pagination token is invalid.");

/** The accounts whose bills the caller sees. */
function billedAccounts(ctx: ServiceContext): EstateAccount[] {
  const org = ctx.estate.organization;
  return org !== undefined && org.managementAccountId === ctx.account.id
    ? ctx.estate.accounts
    : [ctx.account];
}

function requireEnabled(ctx: ServiceContext): void {
  if (ctx.account.costExplorer?.enabled === false) {
    throw awsError(
      "DataUnavailableException",
      "Data is not available. Cost Explorer has not been enabled for this account, or its data is not ingested yet (up to 24 hours after enabling).",
    );
  }
}

/** Cost Explorer's today: the moment the estate describes. */
function nowMs(ctx: ServiceContext): number {
  return Date.parse(ctx.estate.capturedAt);
}

function parseDay(value: unknown, what: string): number {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw validation(`${what} must be a date in the format YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return Date.parse(`${value}T00:00:00Z`);
}

function period(interval: DateInterval | undefined): { start: number; end: number } {
  if (interval === undefined) throw validation("TimePeriod is required");
  const start = parseDay(interval.Start, "Start");
  const end = parseDay(interval.End, "End");
  if (end <= start) throw validation("Start date (inclusive) must be before End date (exclusive)");
  return { start, end };
}

/** The first month Cost Explorer still holds: 13 months before the current one. */
function checkRetention(ctx: ServiceContext, start: number): void {
  const now = new Date(nowMs(ctx));
  const oldest = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 13, 1);
  if (start < oldest) {
    throw awsError(
      "BillExpirationException",
      `The requested data has expired: Cost Explorer holds data from ${dayOf(oldest)} on.`,
    );
  }
}

function nextMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function amount(usd: number): string {
  return (Math.round(usd * 1e10) / 1e10).toString();
}

/** Does a line match a filter expression (Dimensions SERVICE|LINKED_ACCOUNT|REGION, Tags, And, Or, Not)? */
function matches(line: CostLine, e: Expression): boolean {
  if (e.And !== undefined) return e.And.every((x) => matches(line, x));
  if (e.Or !== undefined) return e.Or.some((x) => matches(line, x));
  if (e.Not !== undefined) return !matches(line, e.Not);
  if (e.Dimensions !== undefined) {
    const value = dimensionOf(line, e.Dimensions.Key ?? "");
    return (e.Dimensions.Values ?? []).includes(value);
  }
  if (e.Tags !== undefined) {
    const value = line.tags[e.Tags.Key ?? ""];
    if (e.Tags.MatchOptions?.includes("ABSENT") === true && value === undefined) return true;
    return value !== undefined && (e.Tags.Values ?? []).includes(value);
  }
  throw validation(
    "Expression must have one of And, Or, Not, Dimensions or Tags (CostCategories are not simulated)",
  );
}

function dimensionOf(line: CostLine, key: string): string {
  switch (key) {
    case "SERVICE":
      return line.service;
    case "LINKED_ACCOUNT":
      return line.account;
    case "REGION":
      return line.region;
    default:
      throw validation(
        `Dimension ${key} is not simulated by the sandbox; use one of ${DIMENSIONS.join(", ")}`,
      );
  }
}

interface Bucket {
  start: number;
  end: number;
}

function buckets(start: number, end: number, granularity: unknown): Bucket[] {
  const out: Bucket[] = [];
  if (granularity === "DAILY") {
    for (let d = start; d < end; d += DAY_MS) out.push({ start: d, end: d + DAY_MS });
  } else if (granularity === "MONTHLY") {
    for (let d = start; d < end; d = nextMonth(d)) out.push({ start: d, end: Math.min(nextMonth(d), end) });
  } else if (granularity === "HOURLY") {
    throw validation("Hourly granularity is not enabled for this account");
  } else {
    throw validation(`Granularity must be DAILY or MONTHLY, got ${JSON.stringify(granularity)}`);
  }
  return out;
}

function linesIn(ctx: ServiceContext, accounts: EstateAccount[], b: Bucket, filter?: Expression): CostLine[] {
  const until = nowMs(ctx);
  const lines: CostLine[] = [];
  for (let d = b.start; d < b.end; d += DAY_MS) {
    for (const a of accounts) lines.push(...dailyCostLines(a, d, until));
  }
  return filter === undefined ? lines : lines.filter((l) => matches(l, filter));
}

function metricValues(metrics: readonly string[], usd: number): Record<string, MetricValue> {
  return Object.fromEntries(
    metrics.map((m) => [
      m,
      (USAGE_METRICS as readonly string[]).includes(m)
        ? { Amount: "0", Unit: "N/A" }
        : { Amount: amount(usd), Unit: "USD" },
    ]),
  );
}

function getCostAndUsage(ctx: ServiceContext, input: GetCostAndUsageRequest): GetCostAndUsageResponse {
  requireEnabled(ctx);
  const { start, end } = period(input.TimePeriod);
  checkRetention(ctx, start);
  const metrics = input.Metrics ?? [];
  if (metrics.length === 0) throw validation("Metrics is required");
  for (const m of metrics) {
    if (![...COST_METRICS, ...USAGE_METRICS].includes(m as (typeof COST_METRICS)[number])) {
      throw validation(
        `Metric ${m} is not a valid metric; use one of ${[...COST_METRICS, ...USAGE_METRICS].join(", ")}`,
      );
    }
  }
  const groupBy = input.GroupBy ?? [];
  if (groupBy.length > 2) throw validation("You can group by at most two dimensions or tags");
  for (const g of groupBy) {
    if (g.Type === "DIMENSION") {
      if (!(DIMENSIONS as readonly string[]).includes(g.Key ?? "")) dimensionOf({} as CostLine, g.Key ?? "");
    } else if (g.Type !== "TAG") {
      throw validation(`GroupBy type must be DIMENSION or TAG, got ${JSON.stringify(g.Type)}`);
    }
  }
  const accounts = billedAccounts(ctx);
  const all = buckets(start, end, input.Granularity);
  const requestKey = hashString(JSON.stringify({ ...input, NextPageToken: undefined })).toString(36);
  const action = `GetCostAndUsage.${requestKey}`;
  let first = 0;
  if (input.NextPageToken !== undefined && input.NextPageToken !== "") {
    const decoded = Buffer.from(input.NextPageToken, "base64url").toString("utf8");
    const page = pageFrom(action, all, input.NextPageToken, 1, () =>
      decoded.startsWith("sbx1:GetCostAndUsage.")
        ? awsError(
            "RequestChangedException",
            "The request changed between pages; start again without NextPageToken",
          )
        : invalidToken(),
    );
    first = all.indexOf(page.items[0] as Bucket);
    if (first < 0) first = all.length;
  }
  const limit = GROUPS_PER_PAGE_FACTOR * ctx.pageSize;
  const results: ResultByTime[] = [];
  const linkedAccounts = new Set<string>();
  let groupsInPage = 0;
  let i = first;
  for (; i < all.length; i++) {
    const b = all[i] as Bucket;
    const lines = linesIn(ctx, accounts, b, input.Filter);
    const estimated =
      b.end > Date.UTC(new Date(nowMs(ctx)).getUTCFullYear(), new Date(nowMs(ctx)).getUTCMonth(), 1);
    const timePeriod = { Start: dayOf(b.start), End: dayOf(b.end) };
    if (groupBy.length === 0) {
      const usd = lines.reduce((s, l) => s + l.usd, 0);
      results.push({
        TimePeriod: timePeriod,
        Total: metricValues(metrics, usd),
        Groups: [],
        Estimated: estimated,
      });
      continue;
    }
    const byKeys = new Map<string, { keys: string[]; usd: number }>();
    for (const l of lines) {
      const keys = groupBy.map((g) =>
        g.Type === "TAG" ? `${g.Key ?? ""}$${l.tags[g.Key ?? ""] ?? ""}` : dimensionOf(l, g.Key ?? ""),
      );
      if (groupBy.some((g) => g.Key === "LINKED_ACCOUNT")) linkedAccounts.add(l.account);
      const k = keys.join("\u0000");
      const cell = byKeys.get(k) ?? { keys, usd: 0 };
      cell.usd += l.usd;
      byKeys.set(k, cell);
    }
    if (groupsInPage > 0 && groupsInPage + byKeys.size > limit) break;
    groupsInPage += byKeys.size;
    const groups: Group[] = [...byKeys.values()]
      .sort((a, b2) => (a.keys.join("|") < b2.keys.join("|") ? -1 : 1))
      .map((c) => ({ Keys: c.keys, Metrics: metricValues(metrics, c.usd) }));
    results.push({ TimePeriod: timePeriod, Total: {}, Groups: groups, Estimated: estimated });
  }
  const names = new Map(ctx.estate.accounts.map((a) => [a.id, a.name]));
  return {
    GroupDefinitions: groupBy,
    ResultsByTime: results,
    DimensionValueAttributes: [...linkedAccounts].sort().map((id) => ({
      Value: id,
      Attributes: { description: names.get(id) ?? id },
    })),
    ...(i < all.length && { NextPageToken: encodeToken(action, i) }),
  };
}

function getCostForecast(ctx: ServiceContext, input: GetCostForecastRequest): GetCostForecastResponse {
  requireEnabled(ctx);
  const { start, end } = period(input.TimePeriod);
  const now = nowMs(ctx);
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  if (start < today) throw validation(`Start date must be equal to or after today (${dayOf(today)})`);
  if (!(FORECAST_METRICS as readonly string[]).includes(input.Metric ?? "")) {
    throw validation(
      `Metric must be one of ${FORECAST_METRICS.join(", ")}, got ${JSON.stringify(input.Metric)}`,
    );
  }
  const accounts = billedAccounts(ctx);
  const results = buckets(start, end, input.Granularity).map((b) => {
    let usd = 0;
    for (let d = b.start; d < b.end; d += DAY_MS) {
      for (const a of accounts) {
        const whole = dailyCostLines(a, d, d + DAY_MS).reduce((s, l) => s + l.usd, 0);
        const billed = dailyCostLines(a, d, now).reduce((s, l) => s + l.usd, 0);
        usd += whole - billed;
      }
    }
    return { start: b.start, end: b.end, usd };
  });
  const total = results.reduce((s, r) => s + r.usd, 0);
  return {
    Total: { Amount: amount(total), Unit: "USD" },
    ForecastResultsByTime: results.map((r) => ({
      TimePeriod: { Start: dayOf(r.start), End: dayOf(r.end) },
      MeanValue: amount(r.usd),
      PredictionIntervalLowerBound: amount(r.usd * 0.9),
      PredictionIntervalUpperBound: amount(r.usd * 1.1),
    })),
  };
}

function monitorsOf(ctx: ServiceContext): AnomalyMonitor[] {
  return (ctx.account.costExplorer?.anomalyMonitors ?? []).map((name) => ({
    MonitorArn: `arn:aws:ce::${ctx.account.id}:anomalymonitor/${hashString(`${ctx.account.id}|${name}`).toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`,
    MonitorName: name,
    MonitorType: "DIMENSIONAL",
    MonitorDimension: "SERVICE",
    CreationDate: ctx.account.joinedAt.slice(0, 10),
    LastEvaluatedDate: dayOf(nowMs(ctx)),
    DimensionalValueCount: 0,
  }));
}

function getAnomalyMonitors(
  ctx: ServiceContext,
  input: GetAnomalyMonitorsRequest,
): GetAnomalyMonitorsResponse {
  requireEnabled(ctx);
  const wanted = input.MonitorArnList;
  const monitors = monitorsOf(ctx).filter(
    (m) => wanted === undefined || wanted.length === 0 || wanted.includes(m.MonitorArn ?? ""),
  );
  const page = pageOf(ctx, "GetAnomalyMonitors", monitors, input.NextPageToken, input.MaxResults);
  return { AnomalyMonitors: page.items, ...page.next };
}

function getAnomalies(ctx: ServiceContext, input: GetAnomaliesRequest): GetAnomaliesResponse {
  requireEnabled(ctx);
  if (input.DateInterval?.StartDate === undefined) throw validation("DateInterval.StartDate is required");
  const from = dayOf(parseDay(input.DateInterval.StartDate.slice(0, 10), "StartDate"));
  const to =
    input.DateInterval.EndDate === undefined ? "9999-12-31" : input.DateInterval.EndDate.slice(0, 10);
  const monitors = monitorsOf(ctx).filter(
    (m) => input.MonitorArn === undefined || m.MonitorArn === input.MonitorArn,
  );
  if (input.MonitorArn !== undefined && monitors.length === 0) {
    throw awsError("UnknownMonitorException", `The monitor ${input.MonitorArn} does not exist`);
  }
  const monitor = monitors[0];
  const today = dayOf(nowMs(ctx));
  const anomalies: Anomaly[] = [];
  if (monitor !== undefined) {
    for (const a of billedAccounts(ctx)) {
      for (const e of a.costExplorer?.events ?? []) {
        if (e.kind !== "spike" || e.from > to || (e.to ?? today) < from) continue;
        const last = e.to !== undefined && e.to < today ? e.to : today;
        const days = Math.max(1, Math.round((Date.parse(last) - Date.parse(e.from)) / DAY_MS) + 1);
        const expected = 0;
        anomalies.push({
          AnomalyId: `${hashString(`${a.id}|${e.service}|${e.from}`).toString(16).padStart(8, "0")}-anomaly`,
          AnomalyStartDate: e.from,
          ...(e.to !== undefined && { AnomalyEndDate: e.to }),
          DimensionValue: e.service,
          RootCauses: [
            { Service: e.service, Region: e.region, LinkedAccount: a.id, LinkedAccountName: a.name },
          ],
          AnomalyScore: { MaxScore: 0.9, CurrentScore: e.to === undefined ? 0.9 : 0 },
          Impact: {
            MaxImpact: e.dailyUsd,
            TotalImpact: e.dailyUsd * days,
            TotalActualSpend: e.dailyUsd * days,
            TotalExpectedSpend: expected,
          },
          MonitorArn: monitor.MonitorArn ?? "",
        });
      }
    }
  }
  const page = pageOf(ctx, "GetAnomalies", anomalies, input.NextPageToken, input.MaxResults);
  return { Anomalies: page.items, ...page.next };
}

/** The next size down in the same family (m5.xlarge → m5.large), from xlarge up; it costs half as much. */
const SIZES = ["medium", "large", "xlarge", "2xlarge", "4xlarge"];
function smallerType(type: string): string | undefined {
  const [family, size] = type.split(".");
  const at = SIZES.indexOf(size ?? "");
  return at < 2 ? undefined : `${family}.${SIZES[at - 1]}`;
}

function runningInstances(ctx: ServiceContext, accounts: EstateAccount[]) {
  return accounts.flatMap((a) =>
    Object.entries(a.regions).flatMap(([region, r]) =>
      r.instances.filter((i) => i.state === "running").map((i) => ({ account: a, region, instance: i })),
    ),
  );
}

function getRightsizingRecommendation(
  ctx: ServiceContext,
  input: GetRightsizingRecommendationRequest,
): GetRightsizingRecommendationResponse {
  requireEnabled(ctx);
  if (input.Service !== "AmazonEC2")
    throw validation(`Service must be AmazonEC2, got ${JSON.stringify(input.Service)}`);
  // Over-provisioned: instances of xlarge and above outside production, one size down.
  const recommendations: RightsizingRecommendation[] = [];
  for (const { account, region, instance } of runningInstances(ctx, billedAccounts(ctx))) {
    if (account.environment === "production" || account.environment === "staging") continue;
    const target = smallerType(instance.type);
    if (target === undefined) continue;
    const now = (INSTANCE_HOURLY[instance.type] ?? 0.1) * 730;
    const next = now / 2;
    recommendations.push({
      AccountId: account.id,
      CurrentInstance: {
        ResourceId: instance.id,
        InstanceName: instance.tags["Name"] ?? "",
        Tags: Object.entries(instance.tags).map(([Key, v]) => ({ Key, Values: [v] })),
        ResourceDetails: { EC2ResourceDetails: { InstanceType: instance.type, Region: region } },
        MonthlyCost: amount(now),
        CurrencyCode: "USD",
      },
      RightsizingType: "MODIFY",
      ModifyRecommendationDetail: {
        TargetInstances: [
          {
            EstimatedMonthlyCost: amount(next),
            EstimatedMonthlySavings: amount(now - next),
            CurrencyCode: "USD",
            DefaultTargetInstance: true,
            ResourceDetails: { EC2ResourceDetails: { InstanceType: target, Region: region } },
          },
        ],
      },
    });
  }
  const page = pageOf(
    ctx,
    "GetRightsizingRecommendation",
    recommendations,
    input.NextPageToken,
    input.PageSize,
  );
  const saving = recommendations.reduce(
    (s, r) => s + Number(r.ModifyRecommendationDetail?.TargetInstances?.[0]?.EstimatedMonthlySavings ?? 0),
    0,
  );
  return {
    Metadata: {
      RecommendationId: `rightsizing-${ctx.account.id}`,
      GenerationTimestamp: ctx.estate.capturedAt,
      LookbackPeriodInDays: "SEVEN_DAYS",
    },
    Summary: {
      TotalRecommendationCount: String(recommendations.length),
      EstimatedTotalMonthlySavingsAmount: amount(saving),
      SavingsCurrencyCode: "USD",
    },
    RightsizingRecommendations: page.items,
    ...page.next,
    Configuration: { RecommendationTarget: "SAME_INSTANCE_FAMILY", BenefitsConsidered: true },
  };
}

function getSavingsPlansPurchaseRecommendation(
  ctx: ServiceContext,
  input: GetSavingsPlansPurchaseRecommendationRequest,
): GetSavingsPlansPurchaseRecommendationResponse {
  requireEnabled(ctx);
  for (const key of ["SavingsPlansType", "TermInYears", "PaymentOption", "LookbackPeriodInDays"] as const) {
    if (input[key] === undefined) throw validation(`${key} is required`);
  }
  // A Compute Savings Plan covering 70% of the steady on-demand compute, at a 28% discount.
  const hourly = runningInstances(ctx, billedAccounts(ctx)).reduce(
    (s, { instance }) =>
      s + (INSTANCE_HOURLY[instance.type] ?? 0.1) * (instance.platform === "windows" ? 1.8 : 1),
    0,
  );
  const base = {
    SavingsPlansType: input.SavingsPlansType,
    TermInYears: input.TermInYears,
    PaymentOption: input.PaymentOption,
    LookbackPeriodInDays: input.LookbackPeriodInDays,
    AccountScope: input.AccountScope ?? "PAYER",
  };
  const metadata = {
    RecommendationId: `savings-plans-${ctx.account.id}`,
    GenerationTimestamp: ctx.estate.capturedAt,
    LookbackPeriodInDays: input.LookbackPeriodInDays,
  };
  if (hourly === 0) return { Metadata: metadata, SavingsPlansPurchaseRecommendation: base };
  const covered = hourly * 0.7;
  const commitment = covered * 0.72;
  const monthlySaving = (covered - commitment) * 730;
  return {
    Metadata: metadata,
    SavingsPlansPurchaseRecommendation: {
      ...base,
      SavingsPlansPurchaseRecommendationSummary: {
        EstimatedMonthlySavingsAmount: amount(monthlySaving),
        HourlyCommitmentToPurchase: amount(commitment),
        CurrentOnDemandSpend: amount(hourly * 730),
        EstimatedSavingsPercentage: amount((monthlySaving / (hourly * 730)) * 100),
        EstimatedSavingsAmount: amount(monthlySaving),
        CurrencyCode: "USD",
        TotalRecommendationCount: "1",
      },
      SavingsPlansPurchaseRecommendationDetails: [
        {
          HourlyCommitmentToPurchase: amount(commitment),
          EstimatedMonthlySavingsAmount: amount(monthlySaving),
          CurrentAverageHourlyOnDemandSpend: amount(hourly),
          CurrencyCode: "USD",
        },
      ],
    },
  };
}

export const CE_HANDLERS: Readonly<Record<string, Handler>> = {
  GetCostAndUsage: op(getCostAndUsage),
  GetCostForecast: op(getCostForecast),
  GetAnomalyMonitors: op(getAnomalyMonitors),
  GetAnomalies: op(getAnomalies),
  GetRightsizingRecommendation: op(getRightsizingRecommendation),
  GetSavingsPlansPurchaseRecommendation: op(getSavingsPlansPurchaseRecommendation),
};
