/**
 * What changed between two inventories (saved snapshots): resources that appeared,
 * disappeared, or changed state, tags or attributes, keyed by ARN. Pure.
 *
 * Only what both inventories read is compared: a resource in a partition (account × region ×
 * service) that one of them did not read (failed, throttled out, not permitted, or outside its
 * accounts, regions or services) is neither "appeared" nor "disappeared"; its partition is
 * listed in `notCompared` instead, so a failed or narrower run never reads as a mass deletion.
 */
import { compareResources, type InventoryResult } from "./inventory-result.js";
import { GLOBAL_REGION, type AttributeValue, type ResourceRecord } from "./resource-record.js";

export type FieldChange =
  | { field: "state"; before?: string; after?: string }
  | { field: "tag"; key: string; before?: string; after?: string }
  | { field: "attribute"; key: string; before?: AttributeValue; after?: AttributeValue };

/** A resource in both inventories whose state, tags or attributes differ. */
export interface ChangedResource {
  arn: string;
  service: ResourceRecord["service"];
  type: ResourceRecord["type"];
  id: string;
  /** The name in the later inventory. */
  name: string | undefined;
  account: string;
  region: string;
  changes: FieldChange[];
}

/** A partition with resources that only one inventory read (or neither): not compared. */
export interface NotComparedPartition {
  /** `<account>/<region>/<service>`. */
  partition: string;
  readIn: "before" | "after" | "neither";
  /** Its resources in each inventory. */
  resources: { before: number; after: number };
}

/** What one side of the diff was. */
export interface InventorySide {
  account: string;
  accounts: string[];
  regions: string[];
  services: string[];
  generatedAt: string;
  resources: number;
}

export interface InventoryDiff {
  before: InventorySide;
  after: InventorySide;
  /** Resource counts, and the number of partitions not compared. */
  summary: { appeared: number; disappeared: number; changed: number; unchanged: number; notCompared: number };
  /** In the later inventory only, sorted like the inventory. */
  appeared: ResourceRecord[];
  /** In the earlier inventory only. */
  disappeared: ResourceRecord[];
  changed: ChangedResource[];
  notCompared: NotComparedPartition[];
}

/** The partition a resource belongs to. */
function partitionOf(r: Pick<ResourceRecord, "account" | "region" | "service">): string {
  return `${r.account}/${r.region}/${r.service}`;
}

/** Whether an inventory read a partition (to the end). */
function readerOf(result: InventoryResult): (r: ResourceRecord) => boolean {
  const notRead = new Set(result.coverage.notRead.map((n) => n.partition));
  const regionsOf = new Map(result.accounts.map((a) => [a.id, new Set(a.regions)]));
  const services = new Set<string>(result.services);
  return (r) => {
    if (notRead.has(r.account) || notRead.has(partitionOf(r))) return false;
    const regions = regionsOf.get(r.account);
    if (regions === undefined || !services.has(r.service)) return false;
    return r.region === GLOBAL_REGION || regions.has(r.region);
  };
}

function sideOf(result: InventoryResult): InventorySide {
  return {
    account: result.account,
    accounts: result.accounts.map((a) => a.id),
    regions: [...result.regions],
    services: [...result.services],
    generatedAt: result.generatedAt,
    resources: result.resources.length,
  };
}

/** `before`/`after` keys present only for values that are there. */
function change<F extends FieldChange["field"], V>(
  field: F,
  key: string | undefined,
  before: V | undefined,
  after: V | undefined,
): FieldChange {
  return {
    field,
    ...(key !== undefined && { key }),
    ...(before !== undefined && { before }),
    ...(after !== undefined && { after }),
  } as FieldChange;
}

function sortedKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/** The changes from one record to the other: state, then tags, then attributes, keys in order. */
export function diffResource(before: ResourceRecord, after: ResourceRecord): FieldChange[] {
  const changes: FieldChange[] = [];
  const stateBefore = before.state ?? undefined;
  const stateAfter = after.state ?? undefined;
  if (stateBefore !== stateAfter) changes.push(change("state", undefined, stateBefore, stateAfter));
  for (const key of sortedKeys(before.tags, after.tags)) {
    const b = Object.hasOwn(before.tags, key) ? before.tags[key] : undefined;
    const a = Object.hasOwn(after.tags, key) ? after.tags[key] : undefined;
    if (b !== a) changes.push(change("tag", key, b, a));
  }
  for (const key of sortedKeys(before.attributes, after.attributes)) {
    // An attribute that is null and one that is absent both say "none".
    const b = before.attributes[key] ?? undefined;
    const a = after.attributes[key] ?? undefined;
    if (b !== a) changes.push(change("attribute", key, b, a));
  }
  return changes;
}

export function diffInventories(before: InventoryResult, after: InventoryResult): InventoryDiff {
  const beforeRead = readerOf(before);
  const afterRead = readerOf(after);
  const afterByArn = new Map(after.resources.map((r) => [r.arn, r]));
  const beforeArns = new Set(before.resources.map((r) => r.arn));

  const appeared: ResourceRecord[] = [];
  const disappeared: ResourceRecord[] = [];
  const changed: { record: ResourceRecord; change: ChangedResource }[] = [];
  const notCompared = new Map<string, NotComparedPartition>();
  let unchanged = 0;

  const skip = (r: ResourceRecord, side: "before" | "after"): void => {
    const partition = partitionOf(r);
    let entry = notCompared.get(partition);
    if (entry === undefined) {
      const inBefore = beforeRead(r);
      const inAfter = afterRead(r);
      entry = {
        partition,
        readIn: inBefore ? "before" : inAfter ? "after" : "neither",
        resources: { before: 0, after: 0 },
      };
      notCompared.set(partition, entry);
    }
    entry.resources[side] += 1;
  };

  for (const b of before.resources) {
    const a = afterByArn.get(b.arn);
    if (!beforeRead(b) || !afterRead(b)) {
      skip(b, "before");
      continue;
    }
    if (a === undefined) {
      disappeared.push(b);
      continue;
    }
    const changes = diffResource(b, a);
    if (changes.length === 0) {
      unchanged += 1;
      continue;
    }
    changed.push({
      record: a,
      change: {
        arn: a.arn,
        service: a.service,
        type: a.type,
        id: a.id,
        name: a.name ?? undefined,
        account: a.account,
        region: a.region,
        changes,
      },
    });
  }
  for (const a of after.resources) {
    if (!beforeRead(a) || !afterRead(a)) {
      skip(a, "after");
      continue;
    }
    if (!beforeArns.has(a.arn)) appeared.push(a);
  }

  appeared.sort(compareResources);
  disappeared.sort(compareResources);
  changed.sort((x, y) => compareResources(x.record, y.record));
  const skipped = [...notCompared.values()].sort((x, y) =>
    x.partition < y.partition ? -1 : x.partition > y.partition ? 1 : 0,
  );
  return {
    before: sideOf(before),
    after: sideOf(after),
    summary: {
      appeared: appeared.length,
      disappeared: disappeared.length,
      changed: changed.length,
      unchanged,
      notCompared: skipped.length,
    },
    appeared,
    disappeared,
    changed: changed.map((c) => c.change),
    notCompared: skipped,
  };
}
