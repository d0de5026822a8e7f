/** How a tagging rule (configuration `tagging.required`) applies to a resource. */
import type { TagRule } from "../../config/schema.js";
import type { TaggedResourceRecord } from "../../audit/records.js";

/** True when the rule covers the resource's type (`ec2:instance`, or the whole service `ec2`). */
export function ruleCovers(rule: TagRule, resourceType: string): boolean {
  if (rule.appliesTo === undefined) return true;
  const service = resourceType.split(":")[0] ?? "";
  return rule.appliesTo.some((t) => t === resourceType || t === service);
}

/** The rules that require a tag on this resource: those covering its type whose condition holds. */
export function rulesFor(rules: readonly TagRule[], resource: TaggedResourceRecord): TagRule[] {
  return rules.filter(
    (rule) =>
      ruleCovers(rule, resource.resourceType) &&
      (rule.when === undefined || resource.tags[rule.when.tag] === rule.when.equals),
  );
}

/** What is wrong with a present tag's value under the rule; undefined when it is fine. */
export function valueProblem(rule: TagRule, value: string): string | undefined {
  if (value.trim() === "") return "is empty";
  if (rule.allowedValues !== undefined && !rule.allowedValues.includes(value)) {
    const caseOnly = rule.allowedValues.find((v) => v.toLowerCase() === value.toLowerCase());
    return caseOnly !== undefined
      ? `differs from the allowed value "${caseOnly}" only in case (tag values are case-sensitive)`
      : `is not one of ${rule.allowedValues.map((v) => `"${v}"`).join(", ")}`;
  }
  if (rule.pattern !== undefined && !new RegExp(rule.pattern).test(value)) {
    return `does not match ${rule.pattern}`;
  }
  return undefined;
}

/**
 * A value to suggest for a missing or invalid tag: the value most resources of the same VPC
 * carry (else of the same account and region), when it is itself valid; ties go to the
 * alphabetically first. Undefined when nothing can be inferred.
 */
export function suggestValue(
  rule: TagRule,
  resource: TaggedResourceRecord,
  neighbours: readonly TaggedResourceRecord[],
): string | undefined {
  const pick = (pool: readonly TaggedResourceRecord[]): string | undefined => {
    const counts = new Map<string, number>();
    for (const n of pool) {
      if (n.id === resource.id) continue;
      const v = n.tags[rule.key];
      if (v === undefined || valueProblem(rule, v) !== undefined) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    return best?.[0];
  };
  const sameVpc = resource.vpcId === undefined ? [] : neighbours.filter((n) => n.vpcId === resource.vpcId);
  return pick(sameVpc) ?? pick(neighbours);
}
