import { defineCheck, fail, notApplicable, pass } from "../check.js";
import { rulesFor, suggestValue } from "./rules.js";

export const tagsMissingRequired = defineCheck({
  id: "tags.missing-required",
  title: "Resource lacks required tags",
  severity: "medium",
  appliesTo: "tagged-resource",
  uses: ["tagged-resource"],
  description:
    "The tagging policy (configuration `tagging.required`) names the tags every resource must carry, some only on some types or when another tag has a given value. Untagged resources cannot be attributed to an owner or a cost center.",
  packs: ["tag-compliance"],
  wellArchitected: [
    {
      pillar: "cost-optimization",
      bestPractice: "COST03-BP02 Add organization information to cost and usage",
    },
    { pillar: "operational-excellence", bestPractice: "OPS01-BP03 Evaluate governance requirements" },
  ],
  remediation:
    "Add the missing tags (the suggested values come from the resources around it); enforce them at creation with tag policies or an SCP on aws:RequestTag.",
  fix: {
    cli: "aws resourcegroupstaggingapi tag-resources --resource-arn-list <arn> --tags <Key>=<Value>",
  },
  evaluate(resource, ctx) {
    const rules = rulesFor(ctx.settings.requiredTags, resource);
    if (rules.length === 0) return notApplicable();
    const missing = rules.filter((r) => resource.tags[r.key] === undefined);
    if (missing.length === 0) return pass();
    const suggestions: Record<string, string> = {};
    for (const rule of missing) {
      const value = suggestValue(rule, resource, ctx.related("tagged-resource"));
      if (value !== undefined) suggestions[rule.key] = value;
    }
    return fail(
      `${resource.resourceType} ${resource.name ?? resource.id} lacks ${missing.map((r) => r.key).join(", ")}`,
      { resourceType: resource.resourceType, missing: missing.map((r) => r.key), suggested: suggestions },
    );
  },
});
