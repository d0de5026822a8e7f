import { defineCheck, fail, notApplicable, pass } from "../check.js";

/** Instance families AWS lists as previous generation (aws.amazon.com/ec2/previous-generation). */
export const PREVIOUS_GENERATION_FAMILIES: readonly string[] = [
  "t1",
  "t2",
  "m1",
  "m2",
  "m3",
  "m4",
  "c1",
  "c3",
  "c4",
  "r3",
  "r4",
  "i2",
  "d2",
  "g2",
  "g3",
  "p2",
  "x1",
  "cr1",
  "hs1",
];

export const previousGenerationType = defineCheck({
  id: "ec2.previous-generation-type",
  title: "Instance uses a previous-generation type",
  severity: "low",
  appliesTo: "instance",
  uses: [],
  description:
    "Previous-generation instance types cost more for less performance than current ones (e.g. m4 → m7i or m7g, t2 → t3), and draw more power per unit of work.",
  packs: ["review"],
  wellArchitected: [
    {
      pillar: "performance-efficiency",
      bestPractice: "PERF02-BP01 Select the best compute options for your workload",
    },
    {
      pillar: "cost-optimization",
      bestPractice: "COST06-BP03 Select resource type, size, and number automatically based on metrics",
    },
    {
      pillar: "sustainability",
      bestPractice: "SUS05-BP01 Use the minimum amount of hardware to meet your needs",
    },
  ],
  remediation:
    "Stop the instance, change its type to the current generation of the family, and start it (check the AMI supports the newer type: ENA and NVMe drivers).",
  fix: {
    cli: "aws ec2 stop-instances --instance-ids <id> && aws ec2 modify-instance-attribute --instance-id <id> --instance-type <new-type> && aws ec2 start-instances --instance-ids <id>",
  },
  evaluate(instance) {
    if (instance.state === "terminated" || instance.instanceType === undefined) return notApplicable();
    const family = instance.instanceType.split(".")[0] ?? "";
    if (!PREVIOUS_GENERATION_FAMILIES.includes(family)) return pass();
    return fail(
      `${instance.name ?? instance.id} (${instance.id}) runs ${instance.instanceType}, a previous-generation type`,
      {
        instanceType: instance.instanceType,
        family,
      },
    );
  },
});
