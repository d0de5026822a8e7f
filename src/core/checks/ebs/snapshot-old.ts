import { ebsSnapshotMonthly } from "../../cost/pricing.js";
import { ageInDays } from "../age.js";
import { defineCheck, fail, notApplicable, pass } from "../check.js";

export const snapshotOld = defineCheck({
  id: "ebs.snapshot-old",
  title: "EBS snapshot is old and no AMI uses it",
  severity: "low",
  appliesTo: "snapshot",
  uses: ["image"],
  description:
    "A completed snapshot older than the configured age (checks.snapshotMaxAgeDays, default 365) that no registered AMI of the account uses is usually a forgotten backup.",
  packs: ["cleanup"],
  wellArchitected: [
    { pillar: "cost-optimization", bestPractice: "COST04-BP05 Enforce data retention policies" },
    {
      pillar: "sustainability",
      bestPractice: "SUS04-BP03 Use policies to manage the lifecycle of your datasets",
    },
  ],
  remediation:
    "Delete it if it is not needed for recovery or compliance; otherwise move it to the archive tier or manage it with Data Lifecycle Manager.",
  fix: { cli: "aws ec2 delete-snapshot --snapshot-id <snapshot-id>" },
  evaluate(snapshot, ctx) {
    if (snapshot.state !== "completed") return notApplicable();
    const age = ageInDays(snapshot.startedAt, ctx.now);
    if (age === undefined || age <= ctx.settings.snapshotMaxAgeDays) return pass();
    const image = ctx.related("image").find((i) => i.snapshotIds.includes(snapshot.id));
    if (image !== undefined) return pass();
    const size = snapshot.sizeGiB ?? 0;
    const cost = ebsSnapshotMonthly(snapshot.region, size);
    return fail(
      `${snapshot.id} is ${age} days old (more than ${ctx.settings.snapshotMaxAgeDays}) and no AMI uses it; up to $${cost.monthlyUsd.toFixed(2)}/month`,
      {
        ageDays: age,
        sizeGiB: size,
        volumeId: snapshot.volumeId ?? null,
        description: snapshot.description ?? null,
        costBasis: cost.basis,
      },
      { monthlyCostUsd: cost.monthlyUsd },
    );
  },
});
