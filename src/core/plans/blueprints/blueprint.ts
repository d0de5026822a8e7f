/**
 * A blueprint turns parameters (and facts read from the account) into the steps of a plan.
 * Pure: the plan-create workflow reads the facts and passes them in.
 */
import type { Classification, Config } from "../../config/schema.js";
import { UsageError } from "../../errors.js";
import type { PlanStep } from "../plan.js";
import { PLAN_TAG, STEP_TAG } from "../plan.js";

export type ParamValue = string | number | boolean;

export interface BlueprintParam {
  name: string;
  description: string;
  /** `list`: comma-separated items; `--set` given several times for it adds items (see LIST_SEPARATOR). */
  kind: "string" | "int" | "bool" | "enum" | "list";
  choices?: readonly string[];
  /** Shown and used when the parameter is not given; undefined: required. */
  default?: ParamValue;
  min?: number;
  max?: number;
}

/** How a list parameter's items are written in one value, and joined when `--set` repeats its key. */
export const LIST_SEPARATOR = ",";

/** The items of a list parameter's value (empty for ""). */
export function listItems(value: ParamValue | undefined): string[] {
  if (value === undefined || value === "") return [];
  return String(value)
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

export interface BlueprintContext {
  planId: string;
  account: string;
  region: string;
  classification: Classification;
  config: Pick<Config, "tagging" | "plans" | "orchestration">;
  /** Tags every created resource carries (the tagging policy's, filled in; see tags.ts). */
  tags: Readonly<Record<string, string>>;
}

export interface CostLine {
  item: string;
  monthlyUsd: number;
  basis: string;
}

export interface Draft {
  goal: string;
  steps: PlanStep[];
  cost: CostLine[];
  notes: string[];
}

/** Parse `--set` values against the blueprint's parameters; defaults fill the rest. */
export function resolveParams(
  blueprint: string,
  specs: readonly BlueprintParam[],
  given: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, ParamValue>> = {},
): Record<string, ParamValue> {
  const known = new Set(specs.map((s) => s.name));
  const unknown = Object.keys(given).filter((k) => !known.has(k) && !k.startsWith("tags."));
  if (unknown.length > 0) {
    throw new UsageError(
      `blueprint ${blueprint} has no parameter ${unknown.map((u) => `"${u}"`).join(", ")}; its parameters are ${specs.map((s) => s.name).join(", ")} (and tags.<Key>)`,
      { code: "BlueprintParamUnknown", hint: `See \`aws-coworker plan blueprints\` for what each means.` },
    );
  }
  const out: Record<string, ParamValue> = {};
  for (const spec of specs) {
    const text = given[spec.name];
    const fallback = defaults[spec.name] ?? spec.default;
    if (text === undefined) {
      if (fallback === undefined) {
        throw new UsageError(`blueprint ${blueprint} needs ${spec.name} (${spec.description})`, {
          code: "BlueprintParamMissing",
          hint: `Pass --set ${spec.name}=<value>.`,
        });
      }
      out[spec.name] = fallback;
      continue;
    }
    out[spec.name] = parseParam(blueprint, spec, text);
  }
  return out;
}

function parseParam(blueprint: string, spec: BlueprintParam, text: string): ParamValue {
  const bad = (what: string) =>
    new UsageError(`${blueprint} ${spec.name}="${text}" ${what}`, {
      code: "BlueprintParamInvalid",
      hint: `Pass --set ${spec.name}=<value>: ${spec.description}.`,
    });
  switch (spec.kind) {
    case "int": {
      if (!/^-?\d+$/.test(text)) throw bad("is not a whole number");
      const n = Number(text);
      if (spec.min !== undefined && n < spec.min) throw bad(`is below ${spec.min}`);
      if (spec.max !== undefined && n > spec.max) throw bad(`is above ${spec.max}`);
      return n;
    }
    case "bool":
      if (/^(true|yes|on|1)$/i.test(text)) return true;
      if (/^(false|no|off|0)$/i.test(text)) return false;
      throw bad("is not true or false");
    case "enum":
      if (!(spec.choices ?? []).includes(text)) throw bad(`is not one of ${(spec.choices ?? []).join(", ")}`);
      return text;
    case "string":
      if (text.trim() === "") throw bad("is empty");
      return text;
    case "list": {
      const items = listItems(text);
      if (items.length === 0) throw bad("has no items");
      return items.join(LIST_SEPARATOR);
    }
  }
}

/** EC2 TagSpecifications for a created resource: the plan's tags, its Name, and the plan/step markers. */
export function tagSpecifications(
  resourceType: string,
  ctx: BlueprintContext,
  stepId: string,
  name: string,
): { ResourceType: string; Tags: { Key: string; Value: string }[] }[] {
  return [{ ResourceType: resourceType, Tags: tagList(resourceTags(ctx, stepId, name)) }];
}

export function resourceTags(ctx: BlueprintContext, stepId: string, name: string): Record<string, string> {
  return { Name: name, ...ctx.tags, [PLAN_TAG]: ctx.planId, [STEP_TAG]: stepId };
}

export function tagList(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** EC2 filters that find what a step created, by its plan and step tags. */
export function stepTagFilters(ctx: BlueprintContext, stepId: string): { Name: string; Values: string[] }[] {
  return [
    { Name: `tag:${PLAN_TAG}`, Values: [ctx.planId] },
    { Name: `tag:${STEP_TAG}`, Values: [stepId] },
  ];
}
