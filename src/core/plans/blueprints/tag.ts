/**
 * The `tag` blueprint: bulk tagging of a selection of EC2 resources (instances, volumes,
 * snapshots, VPCs, subnets, security groups…) in batches of `orchestration.batchSize`, each
 * batch one CreateTags call. Only resources whose tags would change are included; the
 * rollback of each batch restores what the resources carried before (DeleteTags for keys
 * they lacked, CreateTags with the old value for keys they had).
 */
import { UsageError } from "../../errors.js";
import type { PlanFinding } from "../findings-input.js";
import type { PlanStep, StepCall } from "../plan.js";
import { type BlueprintContext, type BlueprintParam, type Draft } from "./blueprint.js";

export const TAG_PARAMS: readonly BlueprintParam[] = [
  {
    name: "useSuggestions",
    description:
      "with --from-findings: tag each resource's missing tags with the finding's suggested value where no tags.<Key> is given",
    kind: "bool",
    default: false,
  },
];

/** The EC2 resource types CreateTags serves, as tagging rules name them → inventory type. */
export const TAGGABLE_TYPES: Readonly<Record<string, string>> = {
  "ec2:instance": "ec2/instance",
  "ebs:volume": "ebs/volume",
  "ebs:snapshot": "ebs/snapshot",
  "ec2:elastic-ip": "ec2/elastic-ip",
  "ec2:image": "ec2/image",
  "vpc:vpc": "vpc/vpc",
  "vpc:subnet": "vpc/subnet",
  "vpc:security-group": "vpc/security-group",
  "vpc:network-interface": "vpc/network-interface",
  "vpc:route-table": "vpc/route-table",
  "vpc:internet-gateway": "vpc/internet-gateway",
  "vpc:nat-gateway": "vpc/nat-gateway",
  "vpc:network-acl": "vpc/network-acl",
};

export interface Selection {
  types: string[];
  /** tag:K=V (value given) or tag:K (key present). */
  has: { key: string; value?: string }[];
  /** !tag:K: the key is absent. */
  lacks: string[];
}

/** Parse `--select 'ec2:instance tag:Environment=development !tag:Owner'`. */
export function parseSelection(text: string): Selection {
  const selection: Selection = { types: [], has: [], lacks: [] };
  for (const token of text
    .trim()
    .split(/\s+/)
    .filter((t) => t !== "")) {
    if (token.startsWith("!tag:")) selection.lacks.push(token.slice(5));
    else if (token.startsWith("tag:")) {
      const body = token.slice(4);
      const eq = body.indexOf("=");
      selection.has.push(eq < 0 ? { key: body } : { key: body.slice(0, eq), value: body.slice(eq + 1) });
    } else if (Object.hasOwn(TAGGABLE_TYPES, token)) selection.types.push(token);
    else {
      throw new UsageError(`--select: "${token}" is not a resource type or tag filter`, {
        code: "SelectionInvalid",
        hint: `Write resource types (${Object.keys(TAGGABLE_TYPES).join(", ")}) and filters tag:Key=Value, tag:Key or !tag:Key, e.g. --select 'ec2:instance tag:Environment=development'.`,
      });
    }
  }
  if (selection.types.length === 0) {
    throw new UsageError("--select names no resource type", {
      code: "SelectionInvalid",
      hint: "Start it with a type, e.g. --select 'ec2:instance !tag:Owner'.",
    });
  }
  return selection;
}

export interface TaggableResource {
  /** `ec2:instance`… as in TAGGABLE_TYPES. */
  type: string;
  id: string;
  name: string;
  region: string;
  tags: Readonly<Record<string, string>>;
}

export function matchesSelection(r: TaggableResource, s: Selection): boolean {
  return (
    s.types.includes(r.type) &&
    s.has.every((h) => (h.value === undefined ? r.tags[h.key] !== undefined : r.tags[h.key] === h.value)) &&
    s.lacks.every((k) => r.tags[k] === undefined)
  );
}

export interface TagFacts {
  /** The selected resources, as read from the account. */
  resources: readonly TaggableResource[];
  selection: string;
  /**
   * Per resource id, the tags to set on it (from tag-compliance findings: its missing tags);
   * a resource not named gets the tags given. Resources with the same tags share batches.
   */
  tagsFor?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export function tagBlueprint(
  tags: Readonly<Record<string, string>>,
  facts: TagFacts,
  ctx: BlueprintContext,
): Draft {
  const entries = Object.entries(tags);
  const wanted = (r: TaggableResource): Readonly<Record<string, string>> => facts.tagsFor?.[r.id] ?? tags;
  if (entries.length === 0 && facts.tagsFor === undefined) {
    throw new UsageError("the tag blueprint needs the tags to apply", {
      code: "BlueprintParamMissing",
      hint: "Pass them as --set tags.Owner=platform-team (one --set per tag).",
    });
  }
  const changing = facts.resources.filter((r) => Object.entries(wanted(r)).some(([k, v]) => r.tags[k] !== v));
  if (changing.length === 0) {
    const what = facts.tagsFor === undefined ? entries.map(([k, v]) => `${k}=${v}`).join(", ") : "their tags";
    throw new UsageError(
      `nothing to tag: ${facts.resources.length === 0 ? "no resource matches" : `all ${facts.resources.length} selected resources already carry`} ${facts.resources.length === 0 ? `--select '${facts.selection}'` : what}`,
      { code: "NothingToDo", hint: "Check the selection with `aws-coworker inventory`." },
    );
  }
  const size = ctx.config.orchestration.batchSize;
  // Batches per region and per tag set (one set, unless findings give each resource its own).
  const byRegion = new Map<string, Map<string, TaggableResource[]>>();
  for (const r of changing) {
    const groups = byRegion.get(r.region) ?? new Map<string, TaggableResource[]>();
    const key = JSON.stringify(Object.entries(wanted(r)).sort(([a], [b]) => (a < b ? -1 : 1)));
    groups.set(key, [...(groups.get(key) ?? []), r]);
    byRegion.set(r.region, groups);
  }
  const steps: PlanStep[] = [];
  for (const [region, groups] of [...byRegion].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let n = 1;
    for (const resources of groups.values()) {
      const setTags = wanted(resources[0]!);
      const entries = Object.entries(setTags);
      for (let start = 0; start < resources.length; start += size, n++) {
        const batch = resources.slice(start, start + size);
        const ids = batch.map((r) => r.id);
        const id = `tag-${region}-${n}`;
        steps.push({
          id,
          title: `Tag ${batch.length} resource${batch.length > 1 ? "s" : ""} in ${region} (batch ${n})`,
          service: "ec2",
          action: "CreateTags",
          region,
          params: { Resources: ids, Tags: entries.map(([Key, Value]) => ({ Key, Value })) },
          dependsOn: [],
          outputs: {},
          validation: {
            service: "ec2",
            action: "DescribeTags",
            params: {
              Filters: [
                { Name: "resource-id", Values: ids },
                { Name: "key", Values: entries.map(([k]) => k) },
                { Name: "value", Values: [...new Set(entries.map(([, v]) => v))] },
              ],
              MaxResults: 1000,
            },
            expect: [{ path: "Tags", length: ids.length * entries.length }],
          },
          rollback: { kind: "calls", calls: restoreCalls(batch, entries) },
          // Batches are independent: a failed one may be skipped and the others still tagged.
          canSkip: true,
          resources: batch.map((r) => ({
            type: TAGGABLE_TYPES[r.type] ?? r.type,
            id: r.id,
            name: r.name,
            change: "modify" as const,
            tags: { ...r.tags, ...setTags },
          })),
        });
      }
    }
  }
  return {
    goal: `Tag ${changing.length} resource${changing.length > 1 ? "s" : ""} (${facts.selection}) with ${facts.tagsFor === undefined ? entries.map(([k, v]) => `${k}=${v}`).join(", ") : "the tags each lacks"}`,
    steps,
    cost: [],
    notes:
      changing.length < facts.resources.length
        ? [
            `${facts.resources.length - changing.length} selected resources already carry these tags and are left out.`,
          ]
        : [],
  };
}

/** The calls that put back what a batch carried before: keys it lacked removed, old values restored. */
function restoreCalls(batch: readonly TaggableResource[], entries: readonly [string, string][]): StepCall[] {
  const calls: StepCall[] = [];
  for (const [key] of entries) {
    const lacked = batch.filter((r) => r.tags[key] === undefined).map((r) => r.id);
    if (lacked.length > 0)
      calls.push({
        service: "ec2",
        action: "DeleteTags",
        params: { Resources: lacked, Tags: [{ Key: key }] },
      });
    const byOld = new Map<string, string[]>();
    for (const r of batch) {
      const old = r.tags[key];
      if (old !== undefined) byOld.set(old, [...(byOld.get(old) ?? []), r.id]);
    }
    for (const [value, ids] of byOld) {
      calls.push({
        service: "ec2",
        action: "CreateTags",
        params: { Resources: ids, Tags: [{ Key: key, Value: value }] },
      });
    }
  }
  return calls;
}

export interface FindingTarget {
  /** `ec2:instance`… */
  type: string;
  id: string;
  region: string;
  /** The tags to set: the keys it lacks, with the value given or suggested. */
  tags: Record<string, string>;
}

/**
 * The resources tag-compliance findings say lack required tags, each with the tags to set on
 * it: only the keys it lacks (a tag it carries is never overwritten), valued from
 * `tags.<Key>` or, with useSuggestions, the finding's suggested value. What cannot be tagged
 * (no value known, not an EC2 resource, another check) is said in the notes.
 */
export function tagsFromFindings(
  findings: readonly PlanFinding[],
  given: Readonly<Record<string, string>>,
  useSuggestions: boolean,
): { targets: FindingTarget[]; notes: string[] } {
  const targets: FindingTarget[] = [];
  const otherChecks = new Map<string, number>();
  const otherTypes = new Map<string, number>();
  const noValue = new Map<string, number>();
  for (const f of findings) {
    if (f.checkId !== "tags.missing-required") {
      otherChecks.set(f.checkId, (otherChecks.get(f.checkId) ?? 0) + 1);
      continue;
    }
    const type =
      typeof f.evidence["resourceType"] === "string" ? f.evidence["resourceType"] : f.resource.type;
    if (!Object.hasOwn(TAGGABLE_TYPES, type)) {
      otherTypes.set(type, (otherTypes.get(type) ?? 0) + 1);
      continue;
    }
    const missing = Array.isArray(f.evidence["missing"]) ? f.evidence["missing"].map(String) : [];
    const suggested = (f.evidence["suggested"] ?? {}) as Record<string, unknown>;
    const tags: Record<string, string> = {};
    for (const key of missing) {
      const suggestion = suggested[key];
      const value = given[key] ?? (useSuggestions && typeof suggestion === "string" ? suggestion : undefined);
      if (value === undefined) noValue.set(key, (noValue.get(key) ?? 0) + 1);
      else tags[key] = value;
    }
    if (Object.keys(tags).length > 0) targets.push({ type, id: f.resource.id, region: f.region, tags });
  }
  const counted = (m: Map<string, number>) => [...m].map(([k, n]) => `${k} (${n})`).join(", ");
  const notes: string[] = [];
  if (noValue.size > 0)
    notes.push(
      `No value for ${counted(noValue)}: those tags are not set; pass --set tags.<Key>=<value>${useSuggestions ? "" : " or --set useSuggestions=true"}.`,
    );
  if (otherTypes.size > 0)
    notes.push(`Left out, the tag blueprint tags EC2 resources only: ${counted(otherTypes)}.`);
  if (otherChecks.size > 0)
    notes.push(`Left out, findings of checks this blueprint does not fix: ${counted(otherChecks)}.`);
  return { targets, notes };
}
