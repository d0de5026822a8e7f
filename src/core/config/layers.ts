/**
 * Layered configuration: built-in core defaults ← the organisation's file ← an optional
 * business-unit overlay. A more specific layer extends the one below it:
 *
 * - mappings (objects and records such as `profiles`) merge key by key, recursively, so an
 *   overlay can add a profile or change one field of a profile defined below it;
 * - scalars (strings, numbers, booleans) of a more specific layer replace those below;
 * - lists are replaced whole, except the ones named in LIST_MERGE below.
 *
 * An empty key (`profiles:` with nothing under it, i.e. YAML null) is the same as leaving
 * the key out. A layer can add and change settings; it cannot delete one set below it.
 *
 * Each layer is validated on its own first (types, values, unknown keys: the error names
 * that layer's file), then the merged result is validated as a whole (required fields and
 * checks spanning several fields: the error names the layers that set the object).
 */
import { z } from "zod";
import { closestMatches } from "../closest.js";
import { ConfigError } from "../errors.js";
import { configLayerSchema, configSchema } from "./schema.js";
import type { Config, ConfigLayer } from "./schema.js";

/**
 * THE order of precedence, lowest first. This is the only place it is written: every
 * caller passes layers by name and mergeLayers puts them in this order.
 */
export const LAYER_PRECEDENCE = ["core", "org", "overlay"] as const;

export type LayerName = (typeof LAYER_PRECEDENCE)[number];

export type KeyPathSegment = string | number;

export interface SourceLocation {
  line: number;
  column: number;
}

export interface LayerInput {
  name: LayerName;
  /** A file path as the user should read it, or "built-in" for the core layer. */
  source: string;
  /** The parsed document (plain data, e.g. from YAML). */
  data: unknown;
  /** Where a key path sits in the source, for messages. Optional: the core layer has none. */
  locate?: (path: readonly KeyPathSegment[]) => SourceLocation | undefined;
}

/** Which layer, from which file, set a value. */
export interface Origin {
  layer: LayerName;
  source: string;
}

/**
 * Key path (as formatKeyPath writes it) → the layer that set the value there. Keys are leaf
 * values, lists that are replaced whole, empty mappings, and the items of merged lists
 * (`patterns.profiles[0]`).
 */
export type Provenance = Record<string, Origin>;

export interface MergeResult {
  config: Config;
  provenance: Provenance;
}

type ListMerge = { kind: "prepend" } | { kind: "byKey"; key: string };

/**
 * Lists that combine across layers instead of being replaced. Every other list (e.g. a
 * profile's regions, a tag rule's allowedValues) is replaced whole by a more specific layer.
 */
const LIST_MERGE: Readonly<Record<string, ListMerge>> = {
  /** A more specific layer's patterns are tried first (first match wins), then the ones below. */
  "patterns.profiles": { kind: "prepend" },
  "patterns.accounts": { kind: "prepend" },
  /** Merged by tag key: a rule for the same key replaces the one below in place; new keys are appended. */
  "tagging.required": { kind: "byKey", key: "key" },
};

const MAX_LISTED_ISSUES = 20;

/** Validate one layer on its own. Throws ConfigError naming the file, key path and problem. */
export function validateLayer(layer: LayerInput): ConfigLayer {
  const data = withoutNulls(layer.data ?? {});
  if (!isPlainObject(data)) {
    throw new ConfigError(
      `${layer.source} (${layer.name} layer) must be a mapping of settings (profiles:, patterns:, accounts:, …), not ${describeValue(data)}`,
      { file: layer.source, keyPath: "", hint: "Start from `aws-coworker config init`." },
    );
  }
  const result = configLayerSchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) =>
    explainIssue(issue).map((problem) => ({
      ...problem,
      location: locateIn(layer, problem.path),
    })),
  );
  throw configErrorFor(
    `Invalid configuration in ${layer.source} (${layer.name} layer)`,
    layer.source,
    problems,
  );
}

/**
 * Validate and merge the layers (given in any order; LAYER_PRECEDENCE decides), then
 * validate the merged configuration. Returns the configuration and where each value came from.
 */
export function mergeLayers(layers: readonly LayerInput[]): MergeResult {
  const ordered = orderLayers(layers);
  let tree: Tree | undefined;
  for (const layer of ordered) {
    const data = validateLayer(layer);
    tree = mergeInto(tree, data, { layer: layer.name, source: layer.source }, []);
  }
  const merged = tree === undefined ? {} : toPlain(tree);
  const provenance: Provenance = {};
  if (tree !== undefined) collectProvenance(tree, [], provenance);

  const result = configSchema.safeParse(merged, { reportInput: true });
  if (result.success) return { config: result.data, provenance };

  const problems = result.error.issues.flatMap((issue) =>
    explainIssue(issue).map((problem) => {
      const setBy = blame(problem.path, provenance);
      const blamed = setBy.at(-1);
      const layer = ordered.find((l) => l.name === blamed?.layer);
      const location = layer === undefined ? undefined : locateIn(layer, parentPath(problem.path));
      const where = setBy.map((origin) =>
        origin === blamed && location !== undefined
          ? `${origin.layer} ${origin.source}:${location.line}`
          : `${origin.layer} ${origin.source}`,
      );
      return {
        ...problem,
        text: `${problem.text} [${where.length === 0 ? "no layer sets it" : `set in ${where.join(", ")}`}]`,
        source: blamed?.source,
      };
    }),
  );
  const file = problems.find((p) => p.source !== undefined)?.source;
  const chain = ordered.map((layer) => layer.name).join(" ← ");
  throw configErrorFor(`Invalid merged configuration (${chain})`, file, problems);
}

/** `profiles.demo-dev.classification`, `patterns.profiles[0].match`, `profiles["my.profile"]`. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z0-9_-]+$/.test(segment))
      out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Ordering
// ---------------------------------------------------------------------------------------

function orderLayers(layers: readonly LayerInput[]): LayerInput[] {
  const seen = new Set<LayerName>();
  for (const layer of layers) {
    if (!LAYER_PRECEDENCE.includes(layer.name)) {
      throw new Error(
        `unknown configuration layer "${String(layer.name)}"; use ${LAYER_PRECEDENCE.join(", ")}`,
      );
    }
    if (seen.has(layer.name)) throw new Error(`configuration layer "${layer.name}" given twice`);
    seen.add(layer.name);
  }
  return [...layers].sort((a, b) => LAYER_PRECEDENCE.indexOf(a.name) - LAYER_PRECEDENCE.indexOf(b.name));
}

// ---------------------------------------------------------------------------------------
// Merging with provenance
// ---------------------------------------------------------------------------------------

interface Item {
  value: unknown;
  origin: Origin;
}

type Tree =
  | { kind: "leaf"; value: unknown; origin: Origin }
  | { kind: "map"; entries: Map<string, Tree>; origin: Origin }
  | { kind: "items"; items: Item[]; origin: Origin };

function mergeInto(below: Tree | undefined, value: unknown, origin: Origin, path: KeyPathSegment[]): Tree {
  if (isPlainObject(value)) {
    const entries = below?.kind === "map" ? new Map(below.entries) : new Map<string, Tree>();
    for (const [key, child] of Object.entries(value)) {
      entries.set(key, mergeInto(entries.get(key), child, origin, [...path, key]));
    }
    return { kind: "map", entries, origin: below?.kind === "map" ? below.origin : origin };
  }
  const policy = Array.isArray(value) ? LIST_MERGE[formatKeyPath(path)] : undefined;
  if (!Array.isArray(value) || policy === undefined) return { kind: "leaf", value, origin };

  const lower = below?.kind === "items" ? below.items : [];
  const mine = value.map((item) => ({ value: item, origin }));
  if (policy.kind === "prepend") return { kind: "items", items: [...mine, ...lower], origin };
  const keyOf = (item: Item): unknown => (isPlainObject(item.value) ? item.value[policy.key] : undefined);
  const items = [...lower];
  for (const item of mine) {
    const index = items.findIndex((existing) => keyOf(existing) === keyOf(item));
    if (index >= 0) items[index] = item;
    else items.push(item);
  }
  return { kind: "items", items, origin };
}

function toPlain(tree: Tree): unknown {
  switch (tree.kind) {
    case "leaf":
      return tree.value;
    case "items":
      return tree.items.map((item) => item.value);
    case "map":
      return Object.fromEntries([...tree.entries].map(([key, child]) => [key, toPlain(child)]));
  }
}

function collectProvenance(tree: Tree, path: KeyPathSegment[], into: Provenance): void {
  if (tree.kind === "leaf") {
    into[formatKeyPath(path)] = tree.origin;
  } else if (tree.kind === "items") {
    if (tree.items.length === 0) into[formatKeyPath(path)] = tree.origin;
    tree.items.forEach((item, index) => {
      into[formatKeyPath([...path, index])] = item.origin;
    });
  } else {
    if (tree.entries.size === 0) into[formatKeyPath(path)] = tree.origin;
    for (const [key, child] of tree.entries) collectProvenance(child, [...path, key], into);
  }
}

/**
 * The layers that set anything in the object holding `path` (least specific first): a
 * problem spanning several fields, or a missing field, belongs to whoever defined that object.
 */
function blame(path: readonly KeyPathSegment[], provenance: Provenance): Origin[] {
  for (let scope = parentPath(path); ; scope = scope.slice(0, -1)) {
    const prefix = formatKeyPath(scope);
    const origins = Object.entries(provenance)
      .filter(
        ([key]) =>
          prefix === "" || key === prefix || key.startsWith(`${prefix}.`) || key.startsWith(`${prefix}[`),
      )
      .map(([, origin]) => origin);
    if (origins.length > 0 || scope.length === 0) {
      const unique = new Map(origins.map((origin) => [origin.layer, origin]));
      return LAYER_PRECEDENCE.flatMap((name) => {
        const origin = unique.get(name);
        return origin === undefined ? [] : [origin];
      });
    }
  }
}

function parentPath(path: readonly KeyPathSegment[]): KeyPathSegment[] {
  let end = path.length - 1;
  while (end > 0 && typeof path[end - 1] === "number") end--;
  return path.slice(0, Math.max(0, end));
}

// ---------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------

interface Problem {
  path: KeyPathSegment[];
  text: string;
  location?: SourceLocation | undefined;
}

function configErrorFor(title: string, file: string | undefined, problems: Problem[]): ConfigError {
  const lines = problems.slice(0, MAX_LISTED_ISSUES).map((problem) => {
    const at = problem.location === undefined ? "" : ` (line ${problem.location.line})`;
    const key = problem.path.length === 0 ? "(top level)" : formatKeyPath(problem.path);
    return `  - ${key}${at}: ${problem.text}`;
  });
  if (problems.length > MAX_LISTED_ISSUES) lines.push(`  … and ${problems.length - MAX_LISTED_ISSUES} more`);
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return new ConfigError(`${title}: ${count}\n${lines.join("\n")}`, {
    file,
    keyPath: formatKeyPath(problems[0]?.path ?? []),
    hint:
      file === undefined || file === "built-in"
        ? "Fix the configuration files, then run `aws-coworker config validate`."
        : `Fix ${file}, then run \`aws-coworker config validate\`; docs/configuration.md describes every key.`,
  });
}

function explainIssue(issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.filter((s): s is KeyPathSegment => typeof s === "string" || typeof s === "number");
  const input = "input" in issue ? issue.input : undefined;
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeysAt(path);
      return issue.keys.map((key) => {
        const suggestions = closestMatches(key, known, { max: 1 });
        const fix =
          suggestions.length > 0
            ? `did you mean "${suggestions[0]}"?`
            : `keys allowed here: ${known.join(", ")}`;
        return { path: [...path, key], text: `unknown key "${key}"; ${fix}` };
      });
    }
    case "invalid_value": {
      const allowed = issue.values.map(String);
      if (input === undefined) return [{ path, text: `missing; set it to one of: ${allowed.join(", ")}` }];
      const suggestions = closestMatches(String(input), allowed, { max: 1 });
      const guess = suggestions.length > 0 ? ` (did you mean "${suggestions[0]}"?)` : "";
      return [
        { path, text: `${describeValue(input)} is not allowed; use one of: ${allowed.join(", ")}${guess}` },
      ];
    }
    case "invalid_type": {
      if (input === undefined) return [{ path, text: `missing; expected ${describeType(issue.expected)}` }];
      if (!issue.message.startsWith("Invalid input")) return [{ path, text: issue.message }];
      return [{ path, text: `expected ${describeType(issue.expected)}, got ${describeValue(input)}` }];
    }
    case "invalid_key": {
      const inner = issue.issues[0];
      return [{ path, text: inner === undefined ? `invalid key ${describeValue(input)}` : inner.message }];
    }
    default:
      return [{ path, text: issue.message }];
  }
}

function describeType(expected: string): string {
  switch (expected) {
    case "object":
    case "record":
      return "a mapping (key: value)";
    case "array":
      return "a list";
    case "string":
      return "a string";
    case "number":
    case "int":
      return "a number";
    case "boolean":
      return "true or false";
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

/** The keys the schema allows in the object at `path` (for "did you mean"). */
function knownKeysAt(path: readonly KeyPathSegment[]): string[] {
  let schema: z.ZodType | undefined = configSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[String(segment)];
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else return [];
  }
  schema = unwrap(schema);
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape as object);
  if (schema instanceof z.ZodRecord && schema.keyType instanceof z.ZodEnum)
    return schema.keyType.options.map(String);
  return [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  return schema instanceof z.ZodOptional ? unwrap(schema.unwrap() as z.ZodType) : schema;
}

function locateIn(layer: LayerInput, path: readonly KeyPathSegment[]): SourceLocation | undefined {
  if (layer.locate === undefined) return undefined;
  for (let end = path.length; end >= 0; end--) {
    const location = layer.locate(path.slice(0, end));
    if (location !== undefined) return location;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Data helpers
// ---------------------------------------------------------------------------------------

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Drop null-valued keys from mappings, recursively (an empty YAML key means "not set"). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, child]) => child !== null)
      .map(([key, child]) => [key, withoutNulls(child)]),
  );
}
