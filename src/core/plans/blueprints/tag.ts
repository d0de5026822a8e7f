/**
 * The `tag` blueprint: bulk tagging of a selection of EC2 resources (instances, volumes,
 * snapshots, VPCs, subnets, security groups…) in batches of `orchestration.batchSize`, each
 * batch one CreateTags call. Only resources whose tags would change are included; the
 * rollback of each batch restores what the resources carried before (DeleteTags for keys
 * they lacked, CreateTags with the old value for keys they had).
 */
import { UsageError } from "../../errors.js";
import type { PlanStep, StepCall } from "../plan.js";
import { type BlueprintContext, type BlueprintParam, type Draft } from "./blueprint.js";

export const TAG_PARAMS: readonly BlueprintParam[] = [];

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
}

export function tagBlueprint(
  tags: Readonly<Record<string, string>>,
  facts: TagFacts,
  ctx: BlueprintContext,
): Draft {
  const entries = Object.entries(tags);
  if (entries.length === 0) {
    throw new UsageError("the tag blueprint needs the tags to apply", {
      code: "BlueprintParamMissing",
      hint: "Pass them as --set tags.Owner=platform-team (one --set per tag).",
    });
  }
  const changing = facts.resources.filter((r) => entries.some(([k, v]) => r.tags[k] !== v));
  if (changing.length === 0) {
    throw new UsageError(
      `nothing to tag: ${facts.resources.length === 0 ? "no resource matches" : `all ${facts.resources.length} selected resources already carry`} ${facts.resources.length === 0 ? `--select '${facts.selection}'` : entries.map(([k, v]) => `${k}=${v}`).join(", ")}`,
      { code: "NothingToDo", hint: "Check the selection with `aws-coworker inventory`." },
    );
  }
  const size = ctx.config.orchestration.batchSize;
  const byRegion = new Map<string, TaggableResource[]>();
  for (const r of changing) byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r]);
  const steps: PlanStep[] = [];
  for (const [region, resources] of [...byRegion].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    for (let start = 0, n = 1; start < resources.length; start += size, n++) {
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
          tags: { ...r.tags, ...tags },
        })),
      });
    }
  }
  return {
    goal: `Tag ${changing.length} resource${changing.length > 1 ? "s" : ""} (${facts.selection}) with ${entries.map(([k, v]) => `${k}=${v}`).join(", ")}`,
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
