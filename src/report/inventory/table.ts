/**
 * The inventory as terminal tables: a summary (services × regions, with totals), then one
 * details table per resource type, then the failed partitions. Colour only when asked.
 */
import Table from "cli-table3";
import { createColors } from "picocolors";
import type { InventoryResult } from "../../core/inventory/inventory-result.js";
import {
  DETAIL_SECTIONS,
  detailHeaders,
  detailRow,
  partialNote,
  plainText,
  SERVICE_LABELS,
} from "./sections.js";

export interface TableRenderOptions {
  /** ANSI colours (the CLI passes false for NO_COLOR, pipes and files). */
  color: boolean;
}

export function renderInventoryTable(result: InventoryResult, options: TableRenderOptions): string {
  const c = createColors(options.color);
  const out: string[] = [];
  const table = (head: string[], align?: ("left" | "right")[]) =>
    new Table({
      head: head.map((h) => c.bold(h)),
      style: { head: [], border: [], compact: true },
      ...(align && { colAligns: align }),
    });

  out.push(
    c.bold(`Inventory of account ${result.account}`),
    c.dim(`Regions: ${result.regions.join(", ")} · generated ${result.generatedAt}`),
  );
  const note = partialNote(result);
  if (note !== undefined) out.push(c.red(c.bold(note)));
  out.push("");

  const summary = table(
    ["Service", ...result.regions, "Total"],
    ["left", ...result.regions.map(() => "right" as const), "right"],
  );
  for (const service of result.services) {
    const counts = result.summary.counts[service] ?? {};
    summary.push([
      SERVICE_LABELS[service],
      ...result.regions.map((region) => {
        const n = counts[region];
        return n === null || n === undefined ? c.red("failed") : String(n);
      }),
      String(result.summary.totalsByService[service] ?? 0),
    ]);
  }
  summary.push([
    c.bold("Total"),
    ...result.regions.map((region) => c.bold(String(result.summary.totalsByRegion[region] ?? 0))),
    c.bold(String(result.summary.total)),
  ]);
  out.push(c.bold("Summary"), summary.toString(), "");

  if (result.resources.length === 0 && result.failures.length === 0) {
    out.push("No resources found in the selected regions.", "");
  }
  for (const section of DETAIL_SECTIONS) {
    const records = result.resources.filter((r) => r.type === section.type);
    if (records.length === 0) continue;
    const details = table(detailHeaders(section));
    for (const r of records) details.push(detailRow(section, r).map(plainText));
    out.push(c.bold(`${section.title} (${records.length})`), details.toString(), "");
  }

  if (result.failures.length > 0) {
    const failures = new Table({
      head: ["Service", "Region", "Error", "Message"].map((h) => c.bold(h)),
      style: { head: [], border: [], compact: true },
      colWidths: [null, null, null, 80],
      wordWrap: true,
    });
    for (const f of result.failures) {
      failures.push(
        [
          SERVICE_LABELS[f.service],
          f.region,
          f.awsName ?? f.code,
          f.hint ? `${f.message}\n${f.hint}` : f.message,
        ].map((cell, i) => (i === 3 ? cell.split("\n").map(plainText).join("\n") : plainText(cell))),
      );
    }
    out.push(c.red(c.bold(`Failures (${result.failures.length})`)), failures.toString(), "");
  }
  return out.join("\n");
}
