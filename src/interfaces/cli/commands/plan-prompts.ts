/**
 * `plan create` on a terminal with nothing given: ask for each parameter (Enter keeps the
 * default) and for the required tags the plan cannot infer. Scripts pass --set instead.
 */
import type { TagRule } from "../../../core/config/schema.js";
import type { BlueprintParam } from "../../../core/plans/blueprints/blueprint.js";
import { planTags } from "../../../core/plans/tags.js";
import type { Classification } from "../../../core/config/schema.js";

export interface PromptInput {
  params: readonly BlueprintParam[];
  takesSelection: boolean;
  createsResources: boolean;
  set: Record<string, string>;
  select: string | undefined;
  rules: readonly TagRule[];
  classification: Classification;
  ask: (question: string) => Promise<string>;
}

export async function askMissing(
  input: PromptInput,
): Promise<{ set: Record<string, string>; select: string | undefined }> {
  const set = { ...input.set };
  let select = input.select;
  if (input.takesSelection && select === undefined) {
    const answer = (await input.ask("Which resources? e.g. ec2:instance !tag:Owner : ")).trim();
    if (answer !== "") select = answer;
  }
  for (const p of input.params) {
    if (set[p.name] !== undefined) continue;
    const choices = p.choices === undefined ? "" : ` (${p.choices.join(" | ")})`;
    const fallback = p.default === undefined ? "" : ` [${String(p.default)}]`;
    const answer = (await input.ask(`${p.name} — ${p.description}${choices}${fallback}: `)).trim();
    if (answer !== "") set[p.name] = answer;
  }
  const inferred = planTags(input.rules, input.classification, set);
  const wanted = input.createsResources ? input.rules.filter((r) => r.when === undefined) : [];
  for (const rule of wanted) {
    if (inferred[rule.key] !== undefined) continue;
    const hint =
      rule.allowedValues === undefined
        ? rule.pattern === undefined
          ? ""
          : ` (${rule.pattern})`
        : ` (${rule.allowedValues.join(" | ")})`;
    const answer = (
      await input.ask(`tag ${rule.key} — ${rule.description ?? "required by the tagging policy"}${hint}: `)
    ).trim();
    if (answer !== "") set[`tags.${rule.key}`] = answer;
  }
  if (
    input.takesSelection &&
    !input.createsResources &&
    !Object.keys(set).some((k) => k.startsWith("tags."))
  ) {
    const answer = (await input.ask("Tags to apply, as Key=Value (comma-separated): ")).trim();
    for (const pair of answer
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      const eq = pair.indexOf("=");
      if (eq > 0) set[`tags.${pair.slice(0, eq)}`] = pair.slice(eq + 1);
    }
  }
  return { set, select };
}
