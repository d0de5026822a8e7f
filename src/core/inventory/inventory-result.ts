/**
 * The result of an inventory: what the workflow returns and every report renders. Pure data,
 * so the renderers (report/) depend on core only.
 */
import type { InventoryService, ResourceRecord } from "./resource-record.js";

/** Every service the inventory covers, in the order reports show them. */
export const INVENTORY_SERVICES: readonly InventoryService[] = ["ec2", "ebs", "vpc", "s3", "rds", "lambda"];

export function isInventoryService(value: string): value is InventoryService {
  return (INVENTORY_SERVICES as readonly string[]).includes(value);
}

/** One partition (service × region) that failed: the inventory is partial. */
export interface InventoryFailure {
  /** `<account>/<region>/<service>`. */
  partition: string;
  service: InventoryService;
  region: string;
  /** The error code (`AwsCallFailed`, …) or, for unexpected errors, the error's name. */
  code: string;
  /** The AWS error name exactly as AWS spells it, when AWS answered. */
  awsName: string | undefined;
  message: string;
  hint: string | undefined;
}

export interface InventorySummary {
  /** Resources per service and region; null where the partition failed (count unknown). */
  counts: Record<string, Record<string, number | null>>;
  totalsByService: Record<string, number>;
  totalsByRegion: Record<string, number>;
  total: number;
}

export interface InventoryResult {
  account: string;
  regions: string[];
  services: InventoryService[];
  /** ISO 8601. */
  generatedAt: string;
  summary: InventorySummary;
  /** Each resource once, sorted by service, region, type, id. */
  resources: ResourceRecord[];
  /** Empty when the inventory is complete. */
  failures: InventoryFailure[];
}

/** Count resources per service × region (null for failed partitions) with totals. */
export function summarizeInventory(
  resources: readonly ResourceRecord[],
  services: readonly InventoryService[],
  regions: readonly string[],
  failures: readonly Pick<InventoryFailure, "service" | "region">[] = [],
): InventorySummary {
  const counts: Record<string, Record<string, number | null>> = {};
  const totalsByService: Record<string, number> = {};
  const totalsByRegion: Record<string, number> = {};
  for (const region of regions) totalsByRegion[region] = 0;
  for (const service of services) {
    const row: Record<string, number | null> = {};
    for (const region of regions) {
      row[region] = failures.some((f) => f.service === service && f.region === region) ? null : 0;
    }
    counts[service] = row;
    totalsByService[service] = 0;
  }
  let total = 0;
  for (const r of resources) {
    const row = counts[r.service];
    if (row === undefined || !(r.region in row)) continue;
    row[r.region] = (row[r.region] ?? 0) + 1;
    totalsByService[r.service] = (totalsByService[r.service] ?? 0) + 1;
    totalsByRegion[r.region] = (totalsByRegion[r.region] ?? 0) + 1;
    total++;
  }
  return { counts, totalsByService, totalsByRegion, total };
}

/** The inventory's order: service, region, type, id (code-unit order, independent of locale). */
export function compareResources(a: ResourceRecord, b: ResourceRecord): number {
  return cmp(a.service, b.service) || cmp(a.region, b.region) || cmp(a.type, b.type) || cmp(a.id, b.id);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
