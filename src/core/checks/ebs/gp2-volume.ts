import { ebsVolumeMonthly } from "../../cost/pricing.js";
import { defineCheck, fail, pass } from "../check.js";

export const gp2Volume = defineCheck({
  id: "ebs.gp2-volume",
  title: "EBS volume could be gp3",
  severity: "low",
  appliesTo: "volume",
  uses: [],
  description:
    "gp3 costs about 20% less than gp2 per GB and gives a 3,000 IOPS / 125 MiB/s baseline whatever the size; the change is online.",
  packs: ["review"],
  wellArchitected: [
    { pillar: "cost-optimization", bestPractice: "COST06-BP01 Perform cost modeling" },
    {
      pillar: "performance-efficiency",
      bestPractice: "PERF02-BP01 Select the best compute options for your workload",
    },
  ],
  remediation:
    "Modify the volume to gp3 (online, no downtime); above 1 TiB check the IOPS the workload needs.",
  fix: { cli: "aws ec2 modify-volume --volume-id <volume-id> --volume-type gp3" },
  evaluate(volume) {
    if (volume.volumeType !== "gp2") return pass();
    const size = volume.sizeGiB ?? 0;
    const now = ebsVolumeMonthly(volume.region, "gp2", size);
    const gp3 = ebsVolumeMonthly(volume.region, "gp3", size);
    const saving = Math.round((now.monthlyUsd - gp3.monthlyUsd) * 100) / 100;
    return fail(`${volume.id} (${size} GiB) is gp2; gp3 would save about $${saving.toFixed(2)}/month`, {
      sizeGiB: size,
      monthlySavingUsd: saving,
      costBasis: `${now.basis} → ${gp3.basis}`,
    });
  },
});
