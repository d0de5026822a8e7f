/**
 * Load balancers → audit records: every ELBv2 and classic load balancer with how many targets
 * are registered and healthy behind it (DescribeTargetHealth of its target groups;
 * DescribeInstanceHealth for classic), and the traffic it served over the idle window
 * (CloudWatch, one GetMetricData call per 500 balancers).
 */
import { DescribeInstanceHealthCommand } from "@aws-sdk/client-elastic-load-balancing";
import type { LoadBalancerRecord } from "../../core/audit/records.js";
import type { ClientFactory } from "../clients.js";
import { auditBase } from "./audit-ec2.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, type CollectScope } from "./collect-scope.js";
import { classicRecord, listLoadBalancers, listTargetGroups, v2Record } from "./elb.js";
import {
  loadBalancerMetric,
  readLoadBalancerTraffic,
  type LoadBalancerMetric,
} from "./elb-request-metrics.js";
import { mapConcurrently, PER_RESOURCE_CONCURRENCY } from "./pages.js";
import { isoDate } from "./tags.js";

export async function collectLoadBalancerRecords(
  factory: ClientFactory,
  scope: CollectScope,
  options: { windowDays: number; now: Date },
): Promise<LoadBalancerRecord[]> {
  const { v2, classic } = await listLoadBalancers(factory, scope);
  const targets = new Map<string, { registered: number; healthy: number }>();
  if (v2.length > 0) {
    for (const { group, health } of await listTargetGroups(factory, scope)) {
      const healthy = health.filter((h) => h.TargetHealth?.State === "healthy").length;
      for (const lbArn of group.LoadBalancerArns ?? []) {
        const t = targets.get(lbArn) ?? { registered: 0, healthy: 0 };
        targets.set(lbArn, { registered: t.registered + health.length, healthy: t.healthy + healthy });
      }
    }
  }
  const elb = await factory.elb(scope.region);
  const classicHealth = await mapConcurrently(classic, PER_RESOURCE_CONCURRENCY, async ({ lb }) => {
    const out = await withAwsErrors(callSite(scope, "elasticloadbalancing:DescribeInstanceHealth"), () =>
      elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: lb.LoadBalancerName })),
    );
    const states = out.InstanceStates ?? [];
    return { registered: states.length, healthy: states.filter((s) => s.State === "InService").length };
  });

  const metrics: LoadBalancerMetric[] = [
    ...v2.flatMap(({ lb }) => {
      const m = loadBalancerMetric(lb.LoadBalancerArn, {
        type: (lb.Type ?? "application") as "application" | "network" | "gateway",
        arnOrName: lb.LoadBalancerArn,
      });
      return m === undefined ? [] : [m];
    }),
    ...classic.flatMap(({ lb }) => {
      const m = loadBalancerMetric(lb.LoadBalancerName, { type: "classic", arnOrName: lb.LoadBalancerName });
      return m === undefined ? [] : [m];
    }),
  ];
  const traffic = await readLoadBalancerTraffic(factory, scope, metrics, options.windowDays, options.now);

  return [
    ...v2.map(({ lb, tags }): LoadBalancerRecord => {
      const t = targets.get(lb.LoadBalancerArn) ?? { registered: 0, healthy: 0 };
      return {
        ...auditBase(v2Record(lb, lb.LoadBalancerArn, tags, scope)),
        kind: "load-balancer",
        loadBalancerType: lb.Type ?? "application",
        scheme: lb.Scheme,
        state: lb.State?.Code,
        createdAt: isoDate(lb.CreatedTime) ?? undefined,
        securityGroupIds: lb.SecurityGroups ?? [],
        registeredTargets: t.registered,
        healthyTargets: t.healthy,
        requestCount: traffic.get(lb.LoadBalancerArn),
        requestWindowDays: options.windowDays,
      };
    }),
    ...classic.map(({ lb, tags }, i): LoadBalancerRecord => {
      const t = classicHealth[i] ?? { registered: 0, healthy: 0 };
      return {
        ...auditBase(classicRecord(lb, lb.LoadBalancerName, tags, scope)),
        kind: "load-balancer",
        loadBalancerType: "classic",
        scheme: lb.Scheme,
        state: undefined,
        createdAt: isoDate(lb.CreatedTime) ?? undefined,
        securityGroupIds: lb.SecurityGroups ?? [],
        registeredTargets: t.registered,
        healthyTargets: t.healthy,
        requestCount: traffic.get(lb.LoadBalancerName),
        requestWindowDays: options.windowDays,
      };
    }),
  ];
}
