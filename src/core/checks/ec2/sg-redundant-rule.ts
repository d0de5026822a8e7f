import type { SecurityGroupRule } from "../../audit/records.js";
import { cidrContains, parseCidr } from "../../net/cidr.js";
import { defineCheck, fail, pass } from "../check.js";
import {
  describePeer,
  describePorts,
  icmpTypeCode,
  isAllTraffic,
  isIcmp,
  portRange,
  ruleEvidence,
} from "./rules.js";

/** Ingress rules another rule of the same group already covers (or exact duplicates). */
export const sgRedundantRule = defineCheck({
  id: "ec2.sg-redundant-rule",
  title: "Security group has redundant rules",
  severity: "low",
  appliesTo: "security-group",
  uses: [],
  description:
    "An ingress rule whose protocol, ports and source are all within another rule of the same group adds nothing; it hides what the group really allows and survives when the wider rule is removed, so it is often a forgotten exception.",
  packs: ["sg-audit"],
  wellArchitected: [
    { pillar: "security", bestPractice: "SEC05-BP02 Control traffic flow within your network layers" },
  ],
  remediation: "Remove the redundant rule, or narrow the wider rule if the narrow one was the intent.",
  fix: {
    cli: "aws ec2 revoke-security-group-ingress --group-id <group-id> --ip-permissions <the redundant rule>",
  },
  evaluate(group) {
    const redundant: { rule: SecurityGroupRule; coveredBy: SecurityGroupRule }[] = [];
    group.ingress.forEach((rule, i) => {
      const coveredBy = group.ingress.find(
        (other, j) => j !== i && covers(other, rule) && (!covers(rule, other) || j < i),
      );
      if (coveredBy !== undefined) redundant.push({ rule, coveredBy });
    });
    if (redundant.length === 0) return pass();
    return fail(
      `${group.groupName} (${group.id}) has ${redundant.length} ingress ${redundant.length === 1 ? "rule" : "rules"} another rule already covers: ${redundant
        .map(
          (r) =>
            `${describePorts(r.rule)} from ${describePeer(r.rule)} (within ${describePorts(r.coveredBy)} from ${describePeer(r.coveredBy)})`,
        )
        .join("; ")}`,
      { rules: redundant.map((r) => ({ rule: ruleEvidence(r.rule), coveredBy: ruleEvidence(r.coveredBy) })) },
    );
  },
});

/** True when every packet `inner` allows, `outer` allows too. */
function covers(outer: SecurityGroupRule, inner: SecurityGroupRule): boolean {
  if (!isAllTraffic(outer) && outer.protocol !== inner.protocol) return false;
  if (isAllTraffic(inner) && !isAllTraffic(outer)) return false;
  if (!isAllTraffic(outer)) {
    if (isIcmp(outer)) {
      // ICMP type and code are two values, not a range: all types, or the same type with all codes or the same code.
      const o = icmpTypeCode(outer);
      const i = icmpTypeCode(inner);
      if (o.type !== undefined && (o.type !== i.type || (o.code !== undefined && o.code !== i.code)))
        return false;
    } else {
      const [of, ot] = portRange(outer);
      const [inf, int] = portRange(inner);
      if (inf < of || int > ot) return false;
    }
  }
  const a = outer.peer;
  const b = inner.peer;
  if (a.kind === "group" || b.kind === "group")
    return a.kind === "group" && b.kind === "group" && a.groupId === b.groupId;
  if (a.kind === "prefix-list" || b.kind === "prefix-list")
    return a.kind === "prefix-list" && b.kind === "prefix-list" && a.prefixListId === b.prefixListId;
  const outerBlock = parseCidr(a.cidr);
  const innerBlock = parseCidr(b.cidr);
  return outerBlock !== undefined && innerBlock !== undefined && cidrContains(outerBlock, innerBlock);
}
