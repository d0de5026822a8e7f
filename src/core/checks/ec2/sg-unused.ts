import { defineCheck, fail, notApplicable, pass } from "../check.js";

/** Non-default groups attached to nothing and referenced by no other group. */
export const sgUnused = defineCheck({
  id: "ec2.sg-unused",
  title: "Security group is unused",
  severity: "low",
  appliesTo: "security-group",
  uses: ["network-interface", "load-balancer", "security-group"],
  description:
    "A security group no network interface (instance, load balancer, database, function…) uses and no other group references is clutter that makes reviews harder and can be attached by mistake later. VPC default groups are left out: they cannot be deleted.",
  packs: ["sg-audit", "cleanup"],
  wellArchitected: [
    { pillar: "security", bestPractice: "SEC05-BP02 Control traffic flow within your network layers" },
    { pillar: "operational-excellence", bestPractice: "OPS05-BP01 Use version control" },
  ],
  remediation: "Delete the group once you have checked nothing outside this account and region relies on it.",
  fix: { cli: "aws ec2 delete-security-group --group-id <group-id>" },
  evaluate(group, ctx) {
    if (group.isDefault) return notApplicable();
    const usedBy = ctx.related("network-interface").filter((eni) => eni.securityGroupIds.includes(group.id));
    if (usedBy.length > 0) return pass();
    if (ctx.related("load-balancer").some((lb) => lb.securityGroupIds.includes(group.id))) return pass();
    const referencedBy = ctx
      .related("security-group")
      .filter(
        (other) =>
          other.id !== group.id &&
          [...other.ingress, ...other.egress].some(
            (r) => r.peer.kind === "group" && r.peer.groupId === group.id,
          ),
      );
    if (referencedBy.length > 0) return pass();
    return fail(`${group.groupName} (${group.id}) is attached to nothing and referenced by no other group`, {
      vpcId: group.vpcId ?? null,
      ingressRules: group.ingress.length,
      egressRules: group.egress.length,
    });
  },
});
