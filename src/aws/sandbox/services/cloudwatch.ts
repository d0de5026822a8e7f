/**
 * CloudWatch: GetMetricData, GetMetricStatistics and ListMetrics over the metrics the estate
 * implies, all daily (one sample per day at 00:00 UTC, from the day after the resource was
 * created up to the sandbox's clock):
 *
 * - AWS/S3 `BucketSizeBytes` (StorageType `StandardStorage`, Bytes) and `NumberOfObjects`
 *   (StorageType `AllStorageTypes`, Count) of each non-empty bucket, in the bucket's region;
 * - AWS/ApplicationELB `RequestCount` (dimension `LoadBalancer` = `app/<name>/<id>`) and AWS/ELB
 *   `RequestCount` (dimension `LoadBalancerName`) of balancers that served requests: a seventh
 *   of the last 7 days' count per day.
 *
 * A query matches a metric when namespace, name and the whole dimension set are equal, as in
 * CloudWatch; anything else has no datapoints.
 */
import type {
  Datapoint,
  Dimension,
  GetMetricDataInput,
  GetMetricDataOutput,
  GetMetricStatisticsInput,
  GetMetricStatisticsOutput,
  ListMetricsInput,
  ListMetricsOutput,
  MetricDataResult,
  StandardUnit,
} from "@aws-sdk/client-cloudwatch";
import { awsError } from "../errors.js";
import { pageFrom } from "../paging.js";
import { op, regionOf, type Handler, type ServiceContext } from "./context.js";

const DAY_MS = 86_400_000;

interface Series {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  unit: StandardUnit;
  /** The value of every daily sample. */
  daily: number;
  /** Milliseconds of the first sample (a UTC midnight). */
  firstSampleAt: number;
}

function nextMidnight(iso: string): number {
  return (Math.floor(Date.parse(iso) / DAY_MS) + 1) * DAY_MS;
}

/** Every metric of the caller's account in the client's region. */
function seriesOf(ctx: ServiceContext): Series[] {
  const out: Series[] = [];
  for (const b of ctx.account.buckets) {
    if (b.region !== ctx.region || (b.objectCount ?? 0) === 0) continue;
    const firstSampleAt = nextMidnight(b.createdAt);
    out.push(
      {
        namespace: "AWS/S3",
        metricName: "BucketSizeBytes",
        dimensions: { BucketName: b.name, StorageType: "StandardStorage" },
        unit: "Bytes",
        daily: b.sizeBytes ?? 0,
        firstSampleAt,
      },
      {
        namespace: "AWS/S3",
        metricName: "NumberOfObjects",
        dimensions: { BucketName: b.name, StorageType: "AllStorageTypes" },
        unit: "Count",
        daily: b.objectCount ?? 0,
        firstSampleAt,
      },
    );
  }
  const r = regionOf(ctx);
  for (const lb of r.loadBalancers) {
    if (lb.type !== "application" || lb.requestCountLast7Days === 0) continue;
    out.push({
      namespace: "AWS/ApplicationELB",
      metricName: "RequestCount",
      dimensions: { LoadBalancer: lb.arn.slice(lb.arn.indexOf(":loadbalancer/") + ":loadbalancer/".length) },
      unit: "Count",
      daily: lb.requestCountLast7Days / 7,
      firstSampleAt: nextMidnight(lb.createdAt),
    });
  }
  for (const lb of r.classicLoadBalancers) {
    if (lb.requestCountLast7Days === 0) continue;
    out.push({
      namespace: "AWS/ELB",
      metricName: "RequestCount",
      dimensions: { LoadBalancerName: lb.name },
      unit: "Count",
      daily: lb.requestCountLast7Days / 7,
      firstSampleAt: nextMidnight(lb.createdAt),
    });
  }
  return out;
}

function sameDimensions(series: Series, dimensions: readonly Dimension[] | undefined): boolean {
  const given = dimensions ?? [];
  const names = Object.keys(series.dimensions);
  return (
    given.length === names.length &&
    given.every((d) => d.Name !== undefined && series.dimensions[d.Name] === d.Value)
  );
}

function findSeries(
  ctx: ServiceContext,
  metric: {
    Namespace?: string | undefined;
    MetricName?: string | undefined;
    Dimensions?: Dimension[] | undefined;
  },
): Series | undefined {
  return seriesOf(ctx).find(
    (s) =>
      s.namespace === metric.Namespace &&
      s.metricName === metric.MetricName &&
      sameDimensions(s, metric.Dimensions),
  );
}

function checkWindow(start: Date | undefined, end: Date | undefined): { start: number; end: number } {
  if (!(start instanceof Date) || !(end instanceof Date)) {
    throw awsError("MissingParameter", "The parameters StartTime and EndTime are required.");
  }
  if (start.getTime() >= end.getTime()) {
    throw awsError(
      "InvalidParameterValue",
      "The parameter StartTime must be less than the parameter EndTime.",
    );
  }
  return { start: start.getTime(), end: end.getTime() };
}

function checkPeriod(period: number | undefined): number {
  if (
    period === undefined ||
    !Number.isInteger(period) ||
    period < 1 ||
    (period >= 60 && period % 60 !== 0)
  ) {
    throw awsError(
      "InvalidParameterValue",
      `The parameter Period must be 1, 5, 10, 30 or a multiple of 60, got ${String(period)}.`,
    );
  }
  return period;
}

interface Bucketed {
  at: number;
  samples: number;
  value: number;
}

/** The samples of [start, end) up to `now`, grouped into periods aligned on start. */
function samples(
  series: Series,
  window: { start: number; end: number },
  periodSeconds: number,
  now: number,
): Bucketed[] {
  const periodMs = periodSeconds * 1000;
  const groups = new Map<number, Bucketed>();
  const first = Math.max(series.firstSampleAt, Math.ceil(window.start / DAY_MS) * DAY_MS);
  for (let t = first; t < window.end && t <= now; t += DAY_MS) {
    const at = window.start + Math.floor((t - window.start) / periodMs) * periodMs;
    const group = groups.get(at) ?? { at, samples: 0, value: series.daily };
    group.samples += 1;
    groups.set(at, group);
  }
  return [...groups.values()];
}

const STATS: Readonly<Record<string, (b: Bucketed) => number>> = {
  Average: (b) => b.value,
  Minimum: (b) => b.value,
  Maximum: (b) => b.value,
  Sum: (b) => b.value * b.samples,
  SampleCount: (b) => b.samples,
};

/** A statistic by name; percentiles (`p90`, `p99.9`) of equal samples are the value itself. */
function statistic(name: string | undefined): (b: Bucketed) => number {
  const known = STATS[name ?? ""];
  if (known !== undefined) return known;
  if (/^p\d{1,2}(\.\d+)?$/.test(name ?? "")) return (b) => b.value;
  throw awsError("InvalidParameterValue", `The statistic ${String(name)} is not valid.`);
}

function getMetricData(ctx: ServiceContext, input: GetMetricDataInput): GetMetricDataOutput {
  const queries = input.MetricDataQueries ?? [];
  if (queries.length < 1 || queries.length > 500) {
    throw awsError(
      "ValidationError",
      "The collection MetricDataQueries must not be empty and hold at most 500 queries.",
    );
  }
  if (input.NextToken !== undefined) {
    // Every answer fits in one page here, so no token was ever issued.
    throw awsError("InvalidNextToken", "The service couldn't process the token.");
  }
  const window = checkWindow(input.StartTime, input.EndTime);
  const now = ctx.now().getTime();
  const results: MetricDataResult[] = queries.map((q) => {
    if (q.Id === undefined || !/^[a-z][a-zA-Z0-9_]*$/.test(q.Id)) {
      throw awsError(
        "ValidationError",
        `The value ${String(q.Id)} for parameter MetricDataQueries.member.Id is not valid: it must start with a lowercase letter.`,
      );
    }
    if (q.Expression !== undefined || q.MetricStat === undefined) {
      throw awsError(
        "InvalidParameterValue",
        `Query ${q.Id}: the sandbox answers MetricStat queries only; metric math expressions are not simulated.`,
      );
    }
    const stat = statistic(q.MetricStat.Stat);
    const period = checkPeriod(q.MetricStat.Period);
    const series = findSeries(ctx, q.MetricStat.Metric ?? {});
    const points = series === undefined ? [] : samples(series, window, period, now);
    points.sort((a, b) => (input.ScanBy === "TimestampAscending" ? a.at - b.at : b.at - a.at));
    return {
      Id: q.Id,
      Label: q.Label ?? q.MetricStat.Metric?.MetricName ?? q.Id,
      Timestamps: points.map((p) => new Date(p.at)),
      Values: points.map(stat),
      StatusCode: "Complete",
    };
  });
  return { MetricDataResults: results.filter((_, i) => queries[i]?.ReturnData !== false), Messages: [] };
}

function getMetricStatistics(
  ctx: ServiceContext,
  input: GetMetricStatisticsInput,
): GetMetricStatisticsOutput {
  const statistics = input.Statistics ?? [];
  const extended = input.ExtendedStatistics ?? [];
  if ((statistics.length === 0) === (extended.length === 0)) {
    throw awsError(
      "InvalidParameterCombination",
      "Exactly one of the parameters Statistics or ExtendedStatistics must be specified.",
    );
  }
  const window = checkWindow(input.StartTime, input.EndTime);
  const period = checkPeriod(input.Period);
  const requested = Math.ceil((window.end - window.start) / (period * 1000));
  if (requested > 1440) {
    throw awsError(
      "InvalidParameterCombination",
      `You have requested up to ${requested} datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  }
  const series = findSeries(ctx, input);
  const points = series === undefined ? [] : samples(series, window, period, ctx.now().getTime());
  const datapoints: Datapoint[] = points.map((p) => {
    const point: Datapoint = { Timestamp: new Date(p.at), Unit: series?.unit ?? "None" };
    for (const s of statistics) point[s] = statistic(s)(p);
    if (extended.length > 0)
      point.ExtendedStatistics = Object.fromEntries(extended.map((e) => [e, statistic(e)(p)]));
    return point;
  });
  return { Label: input.MetricName ?? "", Datapoints: datapoints };
}

function listMetrics(ctx: ServiceContext, input: ListMetricsInput): ListMetricsOutput {
  const matching = seriesOf(ctx).filter(
    (s) =>
      (input.Namespace === undefined || s.namespace === input.Namespace) &&
      (input.MetricName === undefined || s.metricName === input.MetricName) &&
      (input.Dimensions ?? []).every(
        (d) =>
          d.Name !== undefined &&
          d.Name in s.dimensions &&
          (d.Value === undefined || s.dimensions[d.Name] === d.Value),
      ),
  );
  const page = pageFrom(ctx.action, matching, input.NextToken, ctx.pageSize, () =>
    awsError("InvalidNextToken", "The service couldn't process the token."),
  );
  return {
    Metrics: page.items.map((s) => ({
      Namespace: s.namespace,
      MetricName: s.metricName,
      Dimensions: Object.entries(s.dimensions).map(([Name, Value]) => ({ Name, Value })),
    })),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}

export const CLOUDWATCH_HANDLERS: Readonly<Record<string, Handler>> = {
  GetMetricData: op(getMetricData),
  GetMetricStatistics: op(getMetricStatistics),
  ListMetrics: op(listMetrics),
};
