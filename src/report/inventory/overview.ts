/**
 * The parts of an inventory report every human-readable format shares: the summary grid
 * (account × service × region), the partial-result note and the coverage lines (what was not
 * read, apart from what was read and found empty). Plain text; each renderer escapes it.
 */
import type {
  InventoryAccount,
  InventoryFailure,
  InventoryResult,
  NotReadReason,
  SkippedRegion,
} from "../../core/inventory/inventory-result.js";
import { GLOBAL_REGION } from "../../core/inventory/resource-record.js";
import { SERVICE_LABELS } from "./sections.js";

/** One row of the summary grid: an account's service, its count per column, and its total. */
export interface SummaryRow {
  account: string;
  /** True on the first row of an account (where the account is named). */
  isFirstOfAccount: boolean;
  service: string;
  /** Per column: a count, null (not read) or undefined (not part of this account's scope). */
  cells: (number | null | undefined)[];
  total: number;
}

export function isMultiAccount(result: InventoryResult): boolean {
  return result.accounts.length > 1;
}

/** The summary's columns: the regions, then `global` when a global service was inventoried. */
export function summaryColumns(result: InventoryResult): string[] {
  const hasGlobal = Object.values(result.summary.counts).some((byService) =>
    Object.values(byService).some((row) => GLOBAL_REGION in row),
  );
  return hasGlobal ? [...result.regions, GLOBAL_REGION] : [...result.regions];
}

export function summaryRows(result: InventoryResult): SummaryRow[] {
  const columns = summaryColumns(result);
  const rows: SummaryRow[] = [];
  for (const account of result.accounts) {
    const byService = result.summary.counts[account.id];
    if (byService === undefined) continue;
    let first = true;
    for (const service of result.services) {
      const row = byService[service];
      if (row === undefined) continue;
      const cells = columns.map((c) => (c in row ? (row[c] ?? null) : undefined));
      const total = cells.reduce<number>((n, c) => n + (typeof c === "number" ? c : 0), 0);
      rows.push({
        account: account.id,
        isFirstOfAccount: first,
        service: SERVICE_LABELS[service],
        cells,
        total,
      });
      first = false;
    }
  }
  return rows;
}

/** Totals per column (over every account). */
export function columnTotals(result: InventoryResult): number[] {
  return summaryColumns(result).map((c) => result.summary.totalsByRegion[c] ?? 0);
}

export function accountLabel(account: Pick<InventoryAccount, "id" | "name">): string {
  return account.name === undefined ? account.id : `${account.id} (${account.name})`;
}

export function accountStatusLabel(account: InventoryAccount): string {
  return account.status === "unreachable"
    ? "unreachable"
    : account.status === "partial"
      ? "partial"
      : "complete";
}

const REASONS: Record<NotReadReason, string> = {
  "not-permitted": "not permitted",
  throttled: "throttled out",
  failed: "failed",
};

export function reasonLabel(reason: NotReadReason): string {
  return REASONS[reason];
}

/** Where a failure was: `222222222222 eu-west-1 RDS`, or `222222222222 (whole account)`. */
export function failureWhere(f: InventoryFailure): { account: string; region: string; service: string } {
  return {
    account: f.account,
    region: f.region ?? "-",
    service:
      f.service === undefined
        ? `(account: ${f.stage === "access" ? "sts:AssumeRole" : "ec2:DescribeRegions"})`
        : SERVICE_LABELS[f.service],
  };
}

/** The headline of a partial result, or undefined when everything planned was read. */
export function partialResultNote(result: InventoryResult): string | undefined {
  const failures = result.failures;
  if (failures.length === 0) return undefined;
  const partitions = failures.filter((f) => f.service !== undefined).length;
  const accounts = failures.filter((f) => f.service === undefined).length;
  const parts: string[] = [];
  if (partitions > 0) parts.push(`${partitions} of ${result.coverage.planned} partitions were not read`);
  if (accounts > 0) parts.push(`${accounts} account${accounts === 1 ? " was" : "s were"} unreachable`);
  return `PARTIAL RESULT: ${parts.join(" and ")}; what they hold is missing from this inventory (see Coverage).`;
}

/** Coverage in sentences: what was read, what was empty, what was skipped and resumed. */
export function coverageLines(result: Pick<InventoryResult, "coverage" | "runId">): string[] {
  const c = result.coverage;
  const lines = [
    `Read ${c.read} of ${c.planned} partitions; ${c.empty.length} of them were read and found empty.`,
  ];
  if (c.resumed > 0)
    lines.push(`${c.resumed} partitions were taken from the journal of run ${result.runId ?? "?"}.`);
  for (const g of groupSkipped(c.skippedRegions)) {
    const where = g.accounts.length === 1 ? `account ${g.accounts[0]}` : `${g.accounts.length} accounts`;
    lines.push(
      g.reason === "not-opted-in"
        ? `Not read, not opted in (${where}): ${g.regions.join(", ")}.`
        : `Not read, outside the profile's regions (${where}): ${g.regions.join(", ")}.`,
    );
  }
  return lines;
}

function groupSkipped(skipped: readonly SkippedRegion[]) {
  const byAccount = new Map<string, SkippedRegion[]>();
  for (const s of skipped) byAccount.set(s.account, [...(byAccount.get(s.account) ?? []), s]);
  const groups = new Map<
    string,
    { reason: SkippedRegion["reason"]; regions: string[]; accounts: string[] }
  >();
  for (const [account, list] of byAccount) {
    for (const reason of ["not-opted-in", "outside-profile-regions"] as const) {
      const regions = list.filter((s) => s.reason === reason).map((s) => s.region);
      if (regions.length === 0) continue;
      const key = `${reason}:${regions.join(",")}`;
      const g = groups.get(key) ?? { reason, regions, accounts: [] };
      g.accounts.push(account);
      groups.set(key, g);
    }
  }
  return [...groups.values()];
}
