/**
 * What the inventory keeps in its run journal (orchestrate/journal.ts), so `--resume` re-uses
 * the finished work: the organisation's accounts (with `--accounts all`), each account's
 * regions once known, and every finished partition with its records. Failed partitions are
 * not journaled: a resume reads them again.
 */
import type { SkippedRegion } from "../../core/inventory/inventory-result.js";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { RunJournal } from "../../orchestrate/journal.js";

/** An account whose regions are known. */
export interface JournaledAccount {
  id: string;
  name: string | undefined;
  regions: string[];
  skippedRegions: SkippedRegion[];
}

type Entry =
  | { kind: "organization"; accounts: { id: string; name: string | undefined }[] }
  | ({ kind: "account" } & JournaledAccount)
  | { kind: "partition"; id: string; records: ResourceRecord[] };

/** The inventory's view of a run journal. */
export interface InventoryJournal {
  readonly runId: string;
  readonly isResumed: boolean;
  /** The organisation's accounts, as an earlier attempt listed them. */
  readonly organization: readonly { id: string; name: string | undefined }[] | undefined;
  /** Accounts whose regions an earlier attempt found. */
  readonly accounts: ReadonlyMap<string, JournaledAccount>;
  /** Partitions an earlier attempt finished, with their records. */
  readonly partitions: ReadonlyMap<string, ResourceRecord[]>;
  recordOrganization(accounts: readonly { id: string; name: string | undefined }[]): Promise<void>;
  recordAccount(account: JournaledAccount): Promise<void>;
  recordPartition(id: string, records: readonly ResourceRecord[]): Promise<void>;
  finish(status: "complete" | "partial" | "interrupted"): Promise<void>;
}

export function inventoryJournal(journal: RunJournal): InventoryJournal {
  let organization: { id: string; name: string | undefined }[] | undefined;
  const accounts = new Map<string, JournaledAccount>();
  const partitions = new Map<string, ResourceRecord[]>();
  for (const raw of journal.entries) {
    const entry = raw as Entry;
    if (entry.kind === "organization") organization = entry.accounts;
    else if (entry.kind === "account") {
      const { kind: _kind, ...account } = entry;
      accounts.set(account.id, account);
    } else if (entry.kind === "partition") partitions.set(entry.id, entry.records.map(restore));
  }
  return {
    runId: journal.meta.runId,
    isResumed: journal.isResumed,
    organization,
    accounts,
    partitions,
    recordOrganization: (list) =>
      journal.append({ kind: "organization", accounts: [...list] } satisfies Entry),
    recordAccount: (account) => journal.append({ kind: "account", ...account } satisfies Entry),
    recordPartition: (id, records) =>
      journal.append({ kind: "partition", id, records: [...records] } satisfies Entry),
    finish: (status) => journal.setStatus(status),
  };
}

/** JSON drops undefined members: give them back, so a resumed record has the same keys. */
function restore(record: ResourceRecord): ResourceRecord {
  return { ...record, name: record.name ?? undefined, state: record.state ?? undefined };
}
