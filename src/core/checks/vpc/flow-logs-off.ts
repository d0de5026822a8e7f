import { defineCheck, fail, pass } from "../check.js";

export const vpcFlowLogsOff = defineCheck({
  id: "vpc.flow-logs-off",
  title: "VPC has no active flow log",
  severity: "medium",
  appliesTo: "vpc",
  uses: [],
  description:
    "Without flow logs there is no record of the traffic in the VPC to investigate an incident or a connectivity problem.",
  packs: ["security"],
  wellArchitected: [
    { pillar: "security", bestPractice: "SEC04-BP01 Configure service and application logging" },
  ],
  cis: "3.7",
  remediation: "Create a flow log for the VPC (at least REJECT traffic) to CloudWatch Logs or S3.",
  fix: {
    cli: "aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type REJECT --log-destination-type s3 --log-destination arn:aws:s3:::<bucket>",
  },
  evaluate(vpc) {
    if (vpc.flowLogs.some((f) => f.status === "ACTIVE")) return pass();
    return fail(`${vpc.name ?? vpc.id} (${vpc.id}) has no active flow log`, {
      flowLogs: vpc.flowLogs.map((f) => ({ id: f.id, status: f.status ?? null })),
      isDefault: vpc.isDefault,
    });
  },
});
