import { defineCheck, fail, notApplicable, pass } from "../check.js";
import { rulesFor, suggestValue, valueProblem } from "./rules.js";

export const tagsInvalidValue = defineCheck({
  id: "tags.invalid-value",
  title: "Resource has tag values outside the policy",
  severity: "low",
  appliesTo: "tagged-resource",
  uses: ["tagged-resource"],
  description:
    "A required tag whose value is empty, outside the allowed list (tag values are case-sensitive: `Production` is not `production`), or that fails the rule's pattern breaks cost allocation and automation as surely as a missing tag.",
  packs: ["tag-compliance"],
  wellArchitected: [
    {
      pillar: "cost-optimization",
      bestPractice: "COST03-BP02 Add organization information to cost and usage",
    },
  ],
  remediation: "Correct the value (a suggestion is given where one can be inferred).",
  fix: {
    cli: "aws resourcegroupstaggingapi tag-resources --resource-arn-list <arn> --tags <Key>=<Value>",
  },
  evaluate(resource, ctx) {
    const rules = rulesFor(ctx.settings.requiredTags, resource).filter(
      (r) => resource.tags[r.key] !== undefined,
    );
    if (rules.length === 0) return notApplicable();
    const invalid = rules.flatMap((rule) => {
      const value = resource.tags[rule.key] ?? "";
      const problem = valueProblem(rule, value);
      return problem === undefined ? [] : [{ rule, value, problem }];
    });
    if (invalid.length === 0) return pass();
    const suggestions: Record<string, string> = {};
    for (const { rule } of invalid) {
      const value = suggestValue(rule, resource, ctx.related("tagged-resource"));
      if (value !== undefined) suggestions[rule.key] = value;
    }
    return fail(
      `${resource.resourceType} ${resource.name ?? resource.id}: ${invalid.map((i) => `${i.rule.key}="${i.value}" ${i.problem}`).join("; ")}`,
      {
        resourceType: resource.resourceType,
        invalid: invalid.map((i) => ({ key: i.rule.key, value: i.value, problem: i.problem })),
        suggested: suggestions,
      },
    );
  },
});
