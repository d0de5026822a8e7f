import type { SecurityGroupRecord } from "../../audit/records.js";
import { isWorld } from "../../net/cidr.js";
import { worstOf, type Severity } from "../../findings/severity.js";
import { defineCheck, fail, pass, type CheckContext } from "../check.js";
import {
  coversPort,
  CRITICAL_PORTS,
  describePorts,
  hasPorts,
  isAllTraffic,
  portRange,
  ruleEvidence,
  WEB_PORTS,
} from "./rules.js";

/**
 * Ingress from anywhere (0.0.0.0/0 or ::/0). Severity by what is open: all traffic, remote
 * administration or database ports are critical; 80/443 on a group only load balancers use is
 * low (that is what such a group is for); 80/443 elsewhere medium; any other port high.
 */
export const sgOpenIngress = defineCheck({
  id: "ec2.sg-open-ingress",
  title: "Security group allows ingress from the internet",
  severity: "high",
  appliesTo: "security-group",
  uses: ["network-interface", "load-balancer"],
  description:
    "An ingress rule from 0.0.0.0/0 or ::/0 exposes every resource in the group to the whole internet. Remote administration (SSH, RDP) and database ports are the most attacked.",
  packs: ["security", "sg-audit"],
  wellArchitected: [
    { pillar: "security", bestPractice: "SEC05-BP02 Control traffic flow within your network layers" },
  ],
  cis: "5.2 (IPv4), 5.3 (IPv6)",
  remediation:
    "Remove the rule, or narrow its source to the addresses that need it (a corporate range, a VPN, another security group). For administration use SSM Session Manager instead of open SSH/RDP.",
  fix: {
    cli: "aws ec2 revoke-security-group-ingress --group-id <group-id> --ip-permissions IpProtocol=<protocol>,FromPort=<from>,ToPort=<to>,IpRanges=[{CidrIp=0.0.0.0/0}]",
  },
  evaluate(group, ctx) {
    const open = group.ingress.filter(
      (r) => (r.peer.kind === "ipv4" || r.peer.kind === "ipv6") && isWorld(r.peer.cidr),
    );
    if (open.length === 0) return pass();
    const lbOnly = isUsedOnlyByLoadBalancers(group, ctx);
    let severity: Severity = "informational";
    const reasons: string[] = [];
    for (const rule of open) {
      const [from, to] = portRange(rule);
      const critical = Object.entries(CRITICAL_PORTS).filter(([port]) => coversPort(rule, Number(port)));
      if (isAllTraffic(rule) || critical.length > 0) {
        severity = worstOf(severity, "critical");
        reasons.push(
          isAllTraffic(rule)
            ? "all traffic"
            : `${describePorts(rule)} (${critical
                .slice(0, 3)
                .map(([, name]) => name)
                .join(", ")}${critical.length > 3 ? ", …" : ""})`,
        );
      } else if (hasPorts(rule) && from === to && WEB_PORTS.includes(from)) {
        severity = worstOf(severity, lbOnly ? "low" : "medium");
        reasons.push(`${describePorts(rule)}${lbOnly ? " (load balancer)" : ""}`);
      } else {
        severity = worstOf(severity, "high");
        reasons.push(describePorts(rule));
      }
      void to;
    }
    return fail(
      `${group.groupName} (${group.id}) allows ${[...new Set(reasons)].join(", ")} from the internet`,
      { rules: open.map(ruleEvidence), usedOnlyByLoadBalancers: lbOnly },
      { severity },
    );
  },
});

/** A group load balancers use, and no instance or other interface. */
function isUsedOnlyByLoadBalancers(group: SecurityGroupRecord, ctx: CheckContext): boolean {
  const byLb = ctx.related("load-balancer").some((lb) => lb.securityGroupIds.includes(group.id));
  if (!byLb) return false;
  return ctx
    .related("network-interface")
    .filter((eni) => eni.securityGroupIds.includes(group.id))
    .every((eni) => eni.isRequesterManaged && (eni.description ?? "").startsWith("ELB "));
}
