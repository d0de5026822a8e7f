import { loadBalancerMonthly } from "../../cost/pricing.js";
import { ageInDays } from "../age.js";
import { defineCheck, fail, pass } from "../check.js";

export const loadBalancerIdle = defineCheck({
  id: "elb.load-balancer-idle",
  title: "Load balancer is idle",
  severity: "low",
  appliesTo: "load-balancer",
  uses: [],
  description:
    "A load balancer with no registered or healthy targets, or that served no requests over the configured window (checks.idleLoadBalancerDays, default 14, from CloudWatch), is billed by the hour for nothing.",
  packs: ["cleanup"],
  wellArchitected: [
    { pillar: "cost-optimization", bestPractice: "COST02-BP05 Implement cost controls" },
    { pillar: "sustainability", bestPractice: "SUS02-BP01 Scale workload infrastructure dynamically" },
  ],
  remediation: "Delete it (and its target groups) if nothing depends on its DNS name.",
  fix: {
    cli: "aws elbv2 delete-load-balancer --load-balancer-arn <arn>   # classic: aws elb delete-load-balancer --load-balancer-name <name>",
  },
  evaluate(lb, ctx) {
    const noTargets = lb.registeredTargets === 0 || lb.healthyTargets === 0;
    const noRequests = lb.requestCount === 0;
    if (!noTargets && !noRequests) return pass();
    const cost = loadBalancerMonthly(lb.region, lb.loadBalancerType);
    const why = [
      ...(lb.registeredTargets === 0
        ? ["no registered targets"]
        : lb.healthyTargets === 0
          ? ["no healthy targets"]
          : []),
      ...(noRequests ? [`no requests in ${lb.requestWindowDays} days`] : []),
    ];
    return fail(
      `${lb.name ?? lb.id} is idle (${why.join(", ")}), costing about $${cost.monthlyUsd.toFixed(2)}/month`,
      {
        loadBalancerType: lb.loadBalancerType,
        registeredTargets: lb.registeredTargets,
        healthyTargets: lb.healthyTargets,
        requestCount: lb.requestCount ?? null,
        requestWindowDays: lb.requestWindowDays,
        ageDays: ageInDays(lb.createdAt, ctx.now) ?? null,
        costBasis: cost.basis,
      },
      { monthlyCostUsd: cost.monthlyUsd },
    );
  },
});
