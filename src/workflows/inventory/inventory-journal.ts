/** The inventory's run journal: a scan journal of resource records. */
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { RunJournal } from "../../orchestrate/journal.js";
import { scanJournal, type ScanJournal } from "../scan/scan-journal.js";

/** The inventory's view of a run journal. */
export type InventoryJournal = ScanJournal<ResourceRecord>;

export function inventoryJournal(journal: RunJournal): InventoryJournal {
  return scanJournal(journal, restore);
}

/** JSON drops undefined members: give them back, so a resumed record has the same keys. */
function restore(record: ResourceRecord): ResourceRecord {
  return { ...record, name: record.name ?? undefined, state: record.state ?? undefined };
}
