/** From a blueprint's draft to a sealed plan: blast radius, governance, cost, hash. Pure. */
import type { Classification, Config } from "../config/schema.js";
import { PRICE_TABLE_SOURCE } from "../cost/pricing.js";
import { blastRadius } from "./blast-radius.js";
import type { Draft } from "./blueprints/blueprint.js";
import { evaluateGovernance } from "./governance.js";
import { sealPlan, type Sha256 } from "./hash.js";
import { executionOrder, PLAN_SCHEMA_VERSION, type Plan } from "./plan.js";

export interface AssembleOptions {
  id: string;
  now: Date;
  createdBy: Plan["createdBy"];
  blueprint: string;
  parameters: Plan["parameters"];
  context: Plan["context"];
  draft: Draft;
  requiredTags: Record<string, string>;
  allowedRegions: readonly string[] | undefined;
  config: Pick<Config, "tagging" | "plans">;
  origin?: Plan["origin"];
  sha256: Sha256;
}

export function assemblePlan(o: AssembleOptions): Plan {
  executionOrder(o.draft.steps); // refuses cycles and unknown dependencies
  const radius = blastRadius(o.draft.steps, {
    account: o.context.account,
    typedCountAbove: o.config.plans.typedCountAbove,
  });
  const monthlyUsd = Math.round(o.draft.cost.reduce((sum, line) => sum + line.monthlyUsd, 0) * 100) / 100;
  const classification: Classification = o.context.classification;
  return sealPlan(
    {
      schemaVersion: PLAN_SCHEMA_VERSION,
      id: o.id,
      createdAt: o.now.toISOString(),
      createdBy: o.createdBy,
      blueprint: o.blueprint,
      parameters: o.parameters,
      goal: o.draft.goal,
      context: o.context,
      steps: o.draft.steps,
      blastRadius: radius,
      governance: evaluateGovernance({
        steps: o.draft.steps,
        classification,
        allowedRegions: o.allowedRegions,
        monthlyUsd,
        blastRadius: radius,
        config: o.config,
      }),
      requiredTags: o.requiredTags,
      cost: { monthlyUsd, lines: o.draft.cost, source: PRICE_TABLE_SOURCE },
      notes: o.draft.notes,
      ...(o.origin !== undefined && { origin: o.origin }),
    },
    o.sha256,
  );
}
