/**
 * A blueprint as the plan-create workflow runs it: its parameters, and how it reads what it
 * needs from the account (reads only) before the pure blueprint in core drafts the steps.
 * One file per blueprint; index.ts lists them.
 */
import type { BlueprintContext, BlueprintParam, Draft } from "../../../core/plans/blueprints/blueprint.js";
import type { Config } from "../../../core/config/schema.js";
import type { PlanFinding } from "../../../core/plans/findings-input.js";
import type { Plan } from "../../../core/plans/plan.js";
import type { ClientFactory } from "../../../aws/clients.js";

export interface DraftInput {
  /** `--set key=value` pairs (tags as tags.<Key>). */
  set: Readonly<Record<string, string>>;
  /** A selection of resources (`--select`), for blueprints that act on existing ones. */
  select?: string;
  /** The regions to plan in; blueprints that create use the first. */
  regions: readonly string[];
  /** Findings of an audit (`--from-findings`), already validated, for blueprints that take them. */
  findings?: readonly PlanFinding[];
  ctx: BlueprintContext;
  /** The whole configuration (the cleanup blueprint runs the cleanup audit with its settings). */
  config: Config;
  /** The injected clock's now (protection dates, audit ages). */
  now: Date;
  factory: ClientFactory;
}

export interface BlueprintDefinition {
  summary: string;
  params: readonly BlueprintParam[];
  /** Whether the blueprint takes --select. */
  takesSelection?: boolean;
  /** Whether the blueprint takes --from-findings (an audit's JSON). */
  takesFindings?: boolean;
  /** Whether the blueprint puts the plan's tags on what it creates (required tags apply). */
  createsResources: boolean;
  draft(input: DraftInput): Promise<{ draft: Draft; parameters: Plan["parameters"] }>;
}
