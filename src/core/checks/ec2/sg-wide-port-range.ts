import { defineCheck, fail, pass } from "../check.js";
import { hasPorts, portCount, ruleEvidence } from "./rules.js";

/** Ingress rules to an address range that open all traffic or more ports than configured. */
export const sgWidePortRange = defineCheck({
  id: "ec2.sg-wide-port-range",
  title: "Security group opens a wide port range",
  severity: "medium",
  appliesTo: "security-group",
  uses: [],
  description:
    "An ingress rule from an address range that allows all traffic, or more ports than the configured maximum (checks.maxPortRange, default 1000), opens far more than any service needs. Rules that reference another security group are not counted.",
  packs: ["security", "sg-audit"],
  wellArchitected: [
    { pillar: "security", bestPractice: "SEC05-BP02 Control traffic flow within your network layers" },
  ],
  remediation: "Replace the rule with rules for the ports the workload listens on.",
  fix: {
    cli: "aws ec2 revoke-security-group-ingress --group-id <group-id> --ip-permissions <the wide rule>; aws ec2 authorize-security-group-ingress --group-id <group-id> --protocol tcp --port <port> --cidr <range>",
  },
  evaluate(group, ctx) {
    const wide = group.ingress.filter(
      (r) =>
        (r.peer.kind === "ipv4" || r.peer.kind === "ipv6") &&
        hasPorts(r) &&
        portCount(r) > ctx.settings.maxPortRange,
    );
    if (wide.length === 0) return pass();
    const worst = Math.max(...wide.map(portCount));
    return fail(
      `${group.groupName} (${group.id}) has ${wide.length === 1 ? "an ingress rule" : `${wide.length} ingress rules`} opening up to ${worst.toLocaleString("en-US")} ports (more than ${ctx.settings.maxPortRange})`,
      {
        rules: wide.map((r) => ({ ...ruleEvidence(r), portCount: portCount(r) })),
        maxPortRange: ctx.settings.maxPortRange,
      },
    );
  },
});
