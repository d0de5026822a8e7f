import { ebsVolumeMonthly } from "../../cost/pricing.js";
import { ageInDays, stoppedAt } from "../age.js";
import { defineCheck, fail, notApplicable, pass } from "../check.js";

export const instanceStoppedLong = defineCheck({
  id: "ec2.instance-stopped-long",
  title: "Instance has been stopped for a long time",
  severity: "low",
  appliesTo: "instance",
  uses: ["volume"],
  description:
    "An instance stopped for longer than the configured time (checks.stoppedInstanceMaxDays, default 30) costs nothing to run but its EBS volumes are still billed, and it is usually forgotten.",
  packs: ["cleanup"],
  wellArchitected: [{ pillar: "cost-optimization", bestPractice: "COST02-BP05 Implement cost controls" }],
  remediation:
    "Terminate it if it is no longer needed (create an AMI first to keep it restorable); otherwise tag it with its owner and purpose.",
  fix: {
    cli: "aws ec2 create-image --instance-id <instance-id> --name <name>-before-cleanup && aws ec2 terminate-instances --instance-ids <instance-id>",
  },
  evaluate(instance, ctx) {
    if (instance.state !== "stopped") return notApplicable();
    const since = stoppedAt(instance.stateTransitionReason);
    const days = ageInDays(since, ctx.now);
    if (days === undefined || days <= ctx.settings.stoppedInstanceMaxDays) return pass();
    const volumes = ctx
      .related("volume")
      .filter((v) => instance.volumeIds.includes(v.id) || v.attachedInstanceIds.includes(instance.id));
    const costs = volumes.map((v) => ebsVolumeMonthly(v.region, v.volumeType ?? "gp2", v.sizeGiB ?? 0));
    const monthly = Math.round(costs.reduce((sum, c) => sum + c.monthlyUsd, 0) * 100) / 100;
    return fail(
      `${instance.name ?? instance.id} (${instance.id}) has been stopped for ${days} days; its ${volumes.length} ${volumes.length === 1 ? "volume costs" : "volumes cost"} about $${monthly.toFixed(2)}/month`,
      {
        stoppedAt: since ?? null,
        stoppedDays: days,
        instanceType: instance.instanceType ?? null,
        volumes: volumes.map((v) => ({
          id: v.id,
          sizeGiB: v.sizeGiB ?? null,
          volumeType: v.volumeType ?? null,
        })),
      },
      { monthlyCostUsd: monthly },
    );
  },
});
