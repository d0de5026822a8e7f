/**
 * References between steps: a parameter `{"$ref": "<step id>.<output>"}` stands for an output
 * of an earlier step (the new VPC's id…), known only once that step ran. Pure.
 */
import { UsageError } from "../errors.js";

export type StepOutputs = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export interface Ref {
  $ref: string;
}

export function ref(stepId: string, output: string): Ref {
  return { $ref: `${stepId}.${output}` };
}

export function isRef(value: unknown): value is Ref {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { $ref?: unknown }).$ref === "string"
  );
}

/** Every `<step id>` a value refers to. */
export function referencedSteps(value: unknown): string[] {
  const found = new Set<string>();
  walk(value, (r) => {
    const dot = r.$ref.indexOf(".");
    found.add(dot < 0 ? r.$ref : r.$ref.slice(0, dot));
  });
  return [...found];
}

/** The value with every reference replaced by the output it names; an unknown one is an error. */
export function resolveRefs<T>(value: T, outputs: StepOutputs): T {
  return substitute(value, outputs) as T;
}

function substitute(value: unknown, outputs: StepOutputs): unknown {
  if (isRef(value)) {
    const dot = value.$ref.indexOf(".");
    const stepId = value.$ref.slice(0, dot);
    const name = value.$ref.slice(dot + 1);
    const step = outputs[stepId];
    if (dot <= 0 || step === undefined || !Object.hasOwn(step, name)) {
      throw new UsageError(`the plan refers to ${value.$ref}, which no completed step produced`, {
        code: "PlanRefUnresolved",
        hint: "Run the steps it depends on first (execute --resume), or fix the plan.",
      });
    }
    return step[name];
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, outputs));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, outputs)]));
  }
  return value;
}

function walk(value: unknown, visit: (r: Ref) => void): void {
  if (isRef(value)) {
    visit(value);
    return;
  }
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value !== null && typeof value === "object") Object.values(value).forEach((v) => walk(v, visit));
}

/** The value at a dotted path (`Vpcs.0.State`), or undefined. */
export function valueAt(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The step's outputs read from its answer: output name → value at its path. */
export function readOutputs(
  answer: unknown,
  paths: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, path] of Object.entries(paths)) {
    const v = valueAt(answer, path);
    if (v !== undefined) out[name] = v;
  }
  return out;
}
