/**
 * The result of an inventory: what the workflow returns and every report renders. Pure data,
 * so the renderers (report/) depend on core only.
 *
 * An inventory covers one or more accounts; in each, some regions; in each region, some
 * services. One account × region × service is a partition (global services have one
 * partition per account, in region `global`). Every partition ends read (with resources, or
 * empty) or not read (failed, throttled out, not permitted); an account can also be
 * unreachable as a whole (sts:AssumeRole or DescribeRegions failed). What was not read is
 * listed in `coverage`, apart from what was read and found empty.
 */
import type { InventoryService, ResourceRecord } from "./resource-record.js";

/** Every service the inventory covers, in the order reports show them. */
export const INVENTORY_SERVICES: readonly InventoryService[] = [
  "ec2",
  "ebs",
  "vpc",
  "s3",
  "rds",
  "lambda",
  "elb",
  "iam",
  "cloudtrail",
  "kms",
];

export function isInventoryService(value: string): value is InventoryService {
  return (INVENTORY_SERVICES as readonly string[]).includes(value);
}

/** Why a partition (or a whole account) was not read. */
export type NotReadReason =
  /** AWS said no: AccessDenied, UnauthorizedOperation, … */
  | "not-permitted"
  /** AWS kept throttling after every retry. */
  | "throttled"
  /** Any other error (server error, network, expired credentials, a bug). */
  | "failed";

/** One partition, or a whole account, that was not read: the inventory is partial. */
export interface InventoryFailure<S extends string = InventoryService> {
  /** `<account>/<region>/<service>`, or `<account>` when the whole account was unreachable. */
  partition: string;
  account: string;
  /** Undefined when the whole account failed (the role could not be assumed, regions unknown). */
  service: S | undefined;
  region: string | undefined;
  /** The step that failed when it was not a collector (e.g. `sts:AssumeRole`, `ec2:DescribeRegions`). */
  stage: "access" | "regions" | "collect";
  reason: NotReadReason;
  /** The error code (`AwsCallFailed`, …) or, for unexpected errors, the error's name. */
  code: string;
  /** The AWS error name exactly as AWS spells it, when AWS answered. */
  awsName: string | undefined;
  /** The API call that failed (`ec2:DescribeSecurityGroups`), when an AWS call failed: the permission it needs. */
  action?: string;
  message: string;
  hint: string | undefined;
}

/** A region left out on purpose: not an error, but not read either. */
export interface SkippedRegion {
  account: string;
  region: string;
  reason: "not-opted-in" | "outside-profile-regions";
}

/** One account the inventory covers. */
export interface InventoryAccount {
  id: string;
  /** The account's name in AWS Organizations, when it was listed from there. */
  name: string | undefined;
  /** How the tool read it: the profile's own credentials, or a role assumed into it. */
  access: "profile" | "assumed-role";
  /** The role assumed into the account (`access: "assumed-role"`). */
  roleArn: string | undefined;
  /** The regions inventoried in this account (empty when the account was unreachable). */
  regions: string[];
  status: "complete" | "partial" | "unreachable";
}

/** What was read and what was not. */
export interface InventoryCoverage {
  /** Partitions planned (account × region × service, global services once per account). */
  planned: number;
  /** Partitions read, with resources or empty. */
  read: number;
  /** Partitions read and found empty (ids). */
  empty: string[];
  /** Partitions and accounts not read, each with why (the errors are in `failures`). */
  notRead: { partition: string; reason: NotReadReason }[];
  /** Regions left out: not opted in for the account, or outside the profile's regions. */
  skippedRegions: SkippedRegion[];
  /** Partitions taken from an earlier run's journal instead of read again (--resume). */
  resumed: number;
}

export interface InventorySummary {
  /**
   * Resources per account → service → region; null where the partition was not read (count
   * unknown). Global services count under region `global`.
   */
  counts: Record<string, Record<string, Record<string, number | null>>>;
  totalsByAccount: Record<string, number>;
  totalsByService: Record<string, number>;
  totalsByRegion: Record<string, number>;
  total: number;
}

export interface InventoryResult {
  /** The account whose credentials ran the inventory (the profile's). */
  account: string;
  /** Every account covered, in order: the profile's first when it is one of them. */
  accounts: InventoryAccount[];
  /** Every region inventoried in at least one account (without `global`), in order. */
  regions: string[];
  services: InventoryService[];
  /** ISO 8601. */
  generatedAt: string;
  /** The run's id in the workspace journal (`--resume <id>`), when it was journaled. */
  runId: string | undefined;
  summary: InventorySummary;
  /** Each resource once (by ARN), sorted by account, service, region, type, id. */
  resources: ResourceRecord[];
  /** Empty when the inventory is complete. */
  failures: InventoryFailure[];
  coverage: InventoryCoverage;
}

/** One planned partition: the cell of the summary it fills. */
export interface PartitionCell<S extends string = InventoryService> {
  account: string;
  service: S;
  /** A region code, or `global` for a global service. */
  region: string;
}

/**
 * Count resources per account × service × region over the planned cells, with null for
 * cells not read and totals. Resources outside every planned cell are not counted.
 */
export function summarizeInventory(
  resources: readonly ResourceRecord[],
  cells: readonly PartitionCell[],
  notRead: readonly PartitionCell[] = [],
): InventorySummary {
  const counts: Record<string, Record<string, Record<string, number | null>>> = {};
  const totalsByAccount: Record<string, number> = {};
  const totalsByService: Record<string, number> = {};
  const totalsByRegion: Record<string, number> = {};
  const missing = new Set(notRead.map(cellKey));
  for (const cell of cells) {
    const byService = (counts[cell.account] ??= {});
    const row = (byService[cell.service] ??= {});
    row[cell.region] = missing.has(cellKey(cell)) ? null : 0;
    totalsByAccount[cell.account] ??= 0;
    totalsByService[cell.service] ??= 0;
    totalsByRegion[cell.region] ??= 0;
  }
  let total = 0;
  for (const r of resources) {
    const row = counts[r.account]?.[r.service];
    if (row === undefined || !(r.region in row)) continue;
    row[r.region] = (row[r.region] ?? 0) + 1;
    totalsByAccount[r.account] = (totalsByAccount[r.account] ?? 0) + 1;
    totalsByService[r.service] = (totalsByService[r.service] ?? 0) + 1;
    totalsByRegion[r.region] = (totalsByRegion[r.region] ?? 0) + 1;
    total++;
  }
  return { counts, totalsByAccount, totalsByService, totalsByRegion, total };
}

function cellKey(cell: PartitionCell): string {
  return `${cell.account}/${cell.region}/${cell.service}`;
}

/** The inventory's order: account, service, region, type, id (code-unit order, independent of locale). */
export function compareResources(a: ResourceRecord, b: ResourceRecord): number {
  return (
    cmp(a.account, b.account) ||
    cmp(a.service, b.service) ||
    cmp(a.region, b.region) ||
    cmp(a.type, b.type) ||
    cmp(a.id, b.id)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
