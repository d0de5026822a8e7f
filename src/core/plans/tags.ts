/**
 * The tags a plan puts on what it creates: `--set tags.<Key>=<value>` first, then what can be
 * inferred (Environment from the account's classification when the policy allows that value).
 * A required tag that is still missing is left out: governance blocks the plan and says which.
 */
import type { Classification, TagRule } from "../config/schema.js";
import { valueProblem } from "../checks/tags/rules.js";

export function planTags(
  rules: readonly TagRule[],
  classification: Classification,
  given: Readonly<Record<string, string>>,
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(given)) {
    if (key.startsWith("tags.")) tags[key.slice("tags.".length)] = value;
  }
  for (const rule of rules) {
    if (tags[rule.key] !== undefined || rule.when !== undefined) continue;
    if (rule.key === "Environment" && valueProblem(rule, classification) === undefined)
      tags[rule.key] = classification;
  }
  return tags;
}
