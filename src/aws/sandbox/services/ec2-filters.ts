/**
 * EC2 `Filters: [{Name, Values}]`, applied as AWS does: filters are ANDed, the values of one
 * filter are ORed, values may use `*` and `?` wildcards, names are case-sensitive, and an
 * unknown filter name is refused with `InvalidParameterValue`. Every resource that has tags
 * also understands `tag:<key>`, `tag-key` and `tag-value`.
 */
import type { Filter } from "@aws-sdk/client-ec2";
import type { Tags } from "../estate.js";
import { awsError } from "../errors.js";
import { matchesGlob } from "../glob.js";

export type FilterValue = string | number | boolean | undefined | readonly (string | undefined)[];

/** Filter name → the value(s) of an item for that name. */
export type FilterFields<T> = Readonly<Record<string, (item: T) => FilterValue>>;

function asStrings(value: FilterValue): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.filter((v): v is string => v !== undefined);
  return [String(value)];
}

function matchesAny(patterns: readonly string[], values: readonly string[]): boolean {
  return patterns.some((p) => values.some((v) => matchesGlob(p, v)));
}

export function applyEc2Filters<T>(
  items: readonly T[],
  filters: readonly Filter[] | undefined,
  fields: FilterFields<T>,
  tagsOf?: (item: T) => Tags,
): T[] {
  if (filters === undefined || filters.length === 0) return [...items];
  const tests = filters.map((filter) => {
    const name = filter.Name ?? "";
    const patterns = filter.Values ?? [];
    if (patterns.length === 0) {
      throw awsError("InvalidParameterValue", `The filter '${name}' requires at least one value.`);
    }
    if (tagsOf !== undefined && name.startsWith("tag:")) {
      const key = name.slice(4);
      return (item: T) => {
        const value = tagsOf(item)[key];
        return value !== undefined && matchesAny(patterns, [value]);
      };
    }
    if (tagsOf !== undefined && name === "tag-key")
      return (item: T) => matchesAny(patterns, Object.keys(tagsOf(item)));
    if (tagsOf !== undefined && name === "tag-value") {
      return (item: T) => matchesAny(patterns, Object.values(tagsOf(item)));
    }
    const field = fields[name];
    if (field === undefined) throw awsError("InvalidParameterValue", `The filter '${name}' is invalid`);
    return (item: T) => matchesAny(patterns, asStrings(field(item)));
  });
  return items.filter((item) => tests.every((test) => test(item)));
}
