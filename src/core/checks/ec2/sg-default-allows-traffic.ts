import { defineCheck, fail, notApplicable, pass } from "../check.js";
import { ruleEvidence } from "./rules.js";

/** CIS 5.4: the VPC default security group should allow nothing. */
export const sgDefaultAllowsTraffic = defineCheck({
  id: "ec2.sg-default-allows-traffic",
  title: "Default security group allows traffic",
  severity: "medium",
  appliesTo: "security-group",
  uses: [],
  description:
    "Anything launched without a security group gets the VPC's default group. When that group has rules (AWS creates it allowing all traffic between its members and all egress), resources can end up reachable without anyone choosing it.",
  packs: ["security", "sg-audit"],
  wellArchitected: [
    { pillar: "security", bestPractice: "SEC05-BP02 Control traffic flow within your network layers" },
  ],
  cis: "5.4",
  remediation:
    "Remove every inbound and outbound rule of the default group, and give each workload a security group of its own.",
  fix: {
    cli: "aws ec2 revoke-security-group-ingress --group-id <default-group-id> --ip-permissions '<its rules>'; aws ec2 revoke-security-group-egress --group-id <default-group-id> --ip-permissions '<its rules>'",
  },
  evaluate(group) {
    if (!group.isDefault) return notApplicable();
    if (group.ingress.length === 0 && group.egress.length === 0) return pass();
    return fail(
      `the default group of ${group.vpcId ?? "its VPC"} (${group.id}) has ${group.ingress.length} inbound and ${group.egress.length} outbound rules`,
      { ingress: group.ingress.map(ruleEvidence), egress: group.egress.map(ruleEvidence) },
    );
  },
});
