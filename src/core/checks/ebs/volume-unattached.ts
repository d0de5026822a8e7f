import { ebsVolumeMonthly } from "../../cost/pricing.js";
import { ageInDays } from "../age.js";
import { defineCheck, fail, pass } from "../check.js";

export const volumeUnattached = defineCheck({
  id: "ebs.volume-unattached",
  title: "EBS volume is not attached",
  severity: "low",
  appliesTo: "volume",
  uses: [],
  description:
    "A volume in the `available` state is attached to no instance but is billed for its full provisioned size every month.",
  packs: ["cleanup"],
  wellArchitected: [
    { pillar: "cost-optimization", bestPractice: "COST04-BP05 Enforce data retention policies" },
    {
      pillar: "sustainability",
      bestPractice: "SUS04-BP03 Use policies to manage the lifecycle of your datasets",
    },
  ],
  remediation:
    "If the data is still needed, snapshot the volume (much cheaper) and delete it; otherwise delete it. A cleanup plan snapshots before deleting so the change can be rolled back.",
  fix: {
    cli: "aws ec2 create-snapshot --volume-id <volume-id> --description 'before cleanup' && aws ec2 delete-volume --volume-id <volume-id>",
  },
  evaluate(volume, ctx) {
    if (volume.state !== "available") return pass();
    const size = volume.sizeGiB ?? 0;
    const cost = ebsVolumeMonthly(volume.region, volume.volumeType ?? "gp2", size);
    const age = ageInDays(volume.createdAt, ctx.now);
    return fail(
      `${volume.id} (${size} GiB${volume.volumeType === undefined ? "" : ` ${volume.volumeType}`}) is attached to nothing, costing about $${cost.monthlyUsd.toFixed(2)}/month`,
      { sizeGiB: size, volumeType: volume.volumeType ?? null, ageDays: age ?? null, costBasis: cost.basis },
      { monthlyCostUsd: cost.monthlyUsd },
    );
  },
});
