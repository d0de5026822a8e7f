/**
 * How much traffic each load balancer served over a window, from CloudWatch: RequestCount
 * (AWS/ApplicationELB, AWS/ELB for classic) or NewFlowCount (AWS/NetworkELB), summed per day
 * and added up. These metrics are published only when there is traffic: no datapoints is 0.
 */
import { paginateGetMetricData, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { ClientFactory } from "../clients.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, type CollectScope } from "./collect-scope.js";
import { batchesOf } from "./pages.js";

export interface LoadBalancerMetric {
  /** The caller's key for the answer (an ARN or a name). */
  key: string;
  namespace: "AWS/ApplicationELB" | "AWS/NetworkELB" | "AWS/ELB";
  metricName: "RequestCount" | "NewFlowCount";
  dimension: { Name: "LoadBalancer" | "LoadBalancerName"; Value: string };
}

/** GetMetricData takes at most 500 queries per call. */
const QUERIES_PER_CALL = 500;
const DAY_SECONDS = 86_400;

/** The metric of a load balancer: ELBv2 by the ARN's `app/<name>/<id>` suffix, classic by name. */
export function loadBalancerMetric(
  key: string,
  lb: { type: "application" | "network" | "gateway" | "classic"; arnOrName: string },
): LoadBalancerMetric | undefined {
  if (lb.type === "classic")
    return {
      key,
      namespace: "AWS/ELB",
      metricName: "RequestCount",
      dimension: { Name: "LoadBalancerName", Value: lb.arnOrName },
    };
  const suffix = /:loadbalancer\/(.+)$/.exec(lb.arnOrName)?.[1];
  if (suffix === undefined || lb.type === "gateway") return undefined;
  return lb.type === "application"
    ? {
        key,
        namespace: "AWS/ApplicationELB",
        metricName: "RequestCount",
        dimension: { Name: "LoadBalancer", Value: suffix },
      }
    : {
        key,
        namespace: "AWS/NetworkELB",
        metricName: "NewFlowCount",
        dimension: { Name: "LoadBalancer", Value: suffix },
      };
}

/** The total of each metric over the `days` before `now` (every metric gets an entry). */
export async function readLoadBalancerTraffic(
  factory: ClientFactory,
  scope: CollectScope,
  metrics: readonly LoadBalancerMetric[],
  days: number,
  now: Date,
): Promise<Map<string, number>> {
  const totals = new Map<string, number>(metrics.map((m) => [m.key, 0]));
  if (metrics.length === 0) return totals;
  const client = await factory.cloudwatch(scope.region);
  const end = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const start = new Date(end.getTime() - days * DAY_SECONDS * 1000);
  for (const batch of batchesOf(metrics, QUERIES_PER_CALL)) {
    const queries: MetricDataQuery[] = batch.map((m, i) => ({
      Id: `lb${i}`,
      MetricStat: {
        Metric: { Namespace: m.namespace, MetricName: m.metricName, Dimensions: [m.dimension] },
        Period: DAY_SECONDS,
        Stat: "Sum",
      },
    }));
    await withAwsErrors(callSite(scope, "cloudwatch:GetMetricData"), async () => {
      const pages = paginateGetMetricData(
        { client, stopOnSameToken: true },
        { MetricDataQueries: queries, StartTime: start, EndTime: end },
      );
      for await (const page of pages) {
        for (const result of page.MetricDataResults ?? []) {
          const index = Number((result.Id ?? "").slice(2));
          const metric = batch[index];
          if (metric === undefined) continue;
          const sum = (result.Values ?? []).reduce((a, b) => a + b, 0);
          totals.set(metric.key, (totals.get(metric.key) ?? 0) + sum);
        }
      }
    });
  }
  return totals;
}
