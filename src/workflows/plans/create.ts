/**
 * `plan create <blueprint>`: read what the blueprint needs from the account (reads only),
 * draft the steps, check them against governance, seal the plan with its hash and save it in
 * the workspace. Nothing is changed in AWS.
 */
import type { Config } from "../../core/config/schema.js";
import type { ResolvedContext } from "../../core/context/resolve.js";
import { UsageError } from "../../core/errors.js";
import { assemblePlan } from "../../core/plans/assemble.js";
import type { BlueprintContext } from "../../core/plans/blueprints/blueprint.js";
import type { PlanFinding } from "../../core/plans/findings-input.js";
import type { Plan } from "../../core/plans/plan.js";
import { planTags } from "../../core/plans/tags.js";
import type { ClientFactory } from "../../aws/clients.js";
import { BLUEPRINTS } from "./blueprints/index.js";
import { newId, sha256, type PlanStore } from "./store.js";

export { BLUEPRINTS };

export interface CreatePlanOptions {
  blueprint: string;
  /** `--set key=value` pairs (tags as tags.<Key>). */
  set: Readonly<Record<string, string>>;
  /** The tag blueprint's selection (`--select`). */
  select?: string;
  /** Findings of an audit (`--from-findings`, read and validated by the interface). */
  findings?: readonly PlanFinding[];
  /** The regions to plan in (the tag blueprint reads several; the others use the first). */
  regions: readonly string[];
}

export interface CreatePlanDeps {
  factory: ClientFactory;
  config: Config;
  context: ResolvedContext;
  store: PlanStore;
  now: () => Date;
  osUser: string;
}

export interface CreatePlanResult {
  plan: Plan;
  files: { json: string; markdown: string };
}

export async function createPlan(
  options: CreatePlanOptions,
  deps: CreatePlanDeps,
): Promise<CreatePlanResult> {
  const spec = BLUEPRINTS[options.blueprint];
  if (spec === undefined) {
    throw new UsageError(`there is no blueprint "${options.blueprint}"`, {
      code: "BlueprintNotFound",
      hint: `Blueprints: ${Object.keys(BLUEPRINTS).join(", ")} (see \`aws-coworker plan blueprints\`).`,
    });
  }
  const { context, config } = deps;
  const region = options.regions[0] ?? context.defaultRegion;
  const now = deps.now();
  const id = newId("plan", now, options.blueprint);
  const tags = planTags(config.tagging.required, context.classification, options.set);
  const ctx: BlueprintContext = {
    planId: id,
    account: context.account.id,
    region,
    classification: context.classification,
    config,
    tags,
  };
  if (options.select !== undefined && spec.takesSelection !== true) {
    throw new UsageError(`blueprint ${options.blueprint} takes no --select`, {
      code: "UsageError",
      hint: "--select chooses existing resources, for blueprints that act on them (tag, delete).",
    });
  }
  if (options.findings !== undefined && spec.takesFindings !== true) {
    throw new UsageError(`blueprint ${options.blueprint} takes no --from-findings`, {
      code: "UsageError",
      hint: "--from-findings is for cleanup (cleanup findings) and tag (tag-compliance findings).",
    });
  }
  const { draft, parameters } = await spec.draft({
    set: options.set,
    ...(options.select !== undefined && { select: options.select }),
    ...(options.findings !== undefined && { findings: options.findings }),
    regions: options.regions,
    ctx,
    config,
    now,
    factory: deps.factory,
  });
  const plan = assemblePlan({
    id,
    now,
    createdBy: { osUser: deps.osUser, callerArn: context.callerArn },
    blueprint: options.blueprint,
    parameters,
    context: {
      profile: context.profile.name,
      account: context.account.id,
      ...(context.account.alias !== undefined && { accountAlias: context.account.alias }),
      regions: [...new Set(draft.steps.map((s) => s.region))],
      classification: context.classification,
    },
    draft,
    requiredTags: spec.createsResources ? tags : {},
    allowedRegions: context.profile.allowedRegions,
    config,
    sha256,
  });
  return { plan, files: deps.store.save(plan) };
}
