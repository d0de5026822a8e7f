/**
 * What a scan keeps in its run journal (orchestrate/journal.ts), so `--resume` re-uses the
 * finished work: the organisation's accounts (with `--accounts all`), each account's
 * regions once known, and every finished partition with its records. Failed partitions are
 * not journaled: a resume reads them again.
 */
import type { SkippedRegion } from "../../core/inventory/inventory-result.js";
import type { RunJournal } from "../../orchestrate/journal.js";

/** An account whose regions are known. */
export interface JournaledAccount {
  id: string;
  name: string | undefined;
  regions: string[];
  skippedRegions: SkippedRegion[];
}

type Entry<R> =
  | { kind: "organization"; accounts: { id: string; name: string | undefined }[] }
  | ({ kind: "account" } & JournaledAccount)
  | { kind: "partition"; id: string; records: R[] };

/** A scan's view of a run journal (R: the records a partition yields). */
export interface ScanJournal<R> {
  readonly runId: string;
  readonly isResumed: boolean;
  /** The organisation's accounts, as an earlier attempt listed them. */
  readonly organization: readonly { id: string; name: string | undefined }[] | undefined;
  /** Accounts whose regions an earlier attempt found. */
  readonly accounts: ReadonlyMap<string, JournaledAccount>;
  /** Partitions an earlier attempt finished, with their records. */
  readonly partitions: ReadonlyMap<string, R[]>;
  recordOrganization(accounts: readonly { id: string; name: string | undefined }[]): Promise<void>;
  recordAccount(account: JournaledAccount): Promise<void>;
  recordPartition(id: string, records: readonly R[]): Promise<void>;
  finish(status: "complete" | "partial" | "interrupted"): Promise<void>;
}

/**
 * A scan's journal over a run journal; `restore` gives back what JSON lost (undefined
 * members) so a resumed record equals a fresh one.
 */
export function scanJournal<R>(journal: RunJournal, restore: (record: R) => R = (r) => r): ScanJournal<R> {
  type E = Entry<R>;
  let organization: { id: string; name: string | undefined }[] | undefined;
  const accounts = new Map<string, JournaledAccount>();
  const partitions = new Map<string, R[]>();
  for (const raw of journal.entries) {
    const entry = raw as E;
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
    recordOrganization: (list) => journal.append({ kind: "organization", accounts: [...list] } satisfies E),
    recordAccount: (account) => journal.append({ kind: "account", ...account } satisfies E),
    recordPartition: (id, records) =>
      journal.append({ kind: "partition", id, records: [...records] } satisfies E),
    finish: (status) => journal.setStatus(status),
  };
}
