/**
 * The inventory as terminal tables: the accounts (when there are several), a summary
 * (account × service × region, with totals), one details table per resource type, then the
 * coverage: what was not read and why, apart from what was read and found empty. Colour only
 * when asked.
 */
import Table from "cli-table3";
import { compactTable } from "../compact-table.js";
import { createColors } from "picocolors";
import type { InventoryResult } from "../../core/inventory/inventory-result.js";
import {
  accountLabel,
  accountStatusLabel,
  columnTotals,
  coverageLines,
  failureWhere,
  isMultiAccount,
  partialResultNote,
  reasonLabel,
  summaryColumns,
  summaryRows,
} from "./overview.js";
import { DETAIL_SECTIONS, detailHeaders, detailRow, plainText } from "./sections.js";

export interface TableRenderOptions {
  /** ANSI colours (the CLI passes false for NO_COLOR, pipes and files). */
  color: boolean;
}

export function renderInventoryTable(result: InventoryResult, options: TableRenderOptions): string {
  const c = createColors(options.color);
  const out: string[] = [];
  const table = (head: string[], align?: ("left" | "right")[]) => compactTable(c.bold, head, align);
  const multi = isMultiAccount(result);

  out.push(
    c.bold(
      multi
        ? `Inventory of ${result.accounts.length} accounts (profile's account ${result.account})`
        : `Inventory of account ${plainText(accountLabel(result.accounts[0] ?? { id: result.account, name: undefined }))}`,
    ),
    c.dim(
      `Regions: ${result.regions.join(", ") || "none"} · generated ${result.generatedAt}${result.runId === undefined ? "" : ` · run ${result.runId}`}`,
    ),
  );
  const note = partialResultNote(result);
  if (note !== undefined) out.push(c.red(c.bold(note)));
  out.push("");

  if (multi) {
    const accounts = table(
      ["Account", "Access", "Regions", "Resources", "Status"],
      ["left", "left", "right", "right", "left"],
    );
    for (const a of result.accounts) {
      const status = accountStatusLabel(a);
      accounts.push([
        plainText(accountLabel(a)),
        a.access === "profile" ? "profile" : `role ${a.roleArn?.split("/").at(-1) ?? ""}`,
        String(a.regions.length),
        String(result.summary.totalsByAccount[a.id] ?? 0),
        status === "complete" ? status : c.red(status),
      ]);
    }
    out.push(c.bold("Accounts"), accounts.toString(), "");
  }

  const columns = summaryColumns(result);
  const head = [...(multi ? ["Account"] : []), "Service", ...columns, "Total"];
  const summary = table(head, [
    ...(multi ? (["left"] as const) : []),
    "left",
    ...columns.map(() => "right" as const),
    "right",
  ]);
  for (const row of summaryRows(result)) {
    summary.push([
      ...(multi ? [row.isFirstOfAccount ? row.account : ""] : []),
      row.service,
      ...row.cells.map((n) => (n === undefined ? c.dim("-") : n === null ? c.red("not read") : String(n))),
      String(row.total),
    ]);
  }
  summary.push([
    ...(multi ? [""] : []),
    c.bold("Total"),
    ...columnTotals(result).map((n) => c.bold(String(n))),
    c.bold(String(result.summary.total)),
  ]);
  out.push(c.bold("Summary"), summary.toString(), "");

  if (result.resources.length === 0 && result.failures.length === 0) {
    out.push("No resources found in the selected regions.", "");
  }
  for (const section of DETAIL_SECTIONS) {
    const records = result.resources.filter((r) => r.type === section.type);
    if (records.length === 0) continue;
    const details = table([...(multi ? ["Account"] : []), ...detailHeaders(section)]);
    for (const r of records)
      details.push([...(multi ? [r.account] : []), ...detailRow(section, r)].map(plainText));
    out.push(c.bold(`${section.title} (${records.length})`), details.toString(), "");
  }

  out.push(c.bold("Coverage"), ...coverageLines(result).map(plainText));
  if (result.failures.length > 0) {
    const failures = new Table({
      head: ["Account", "Region", "Service", "Why", "Error", "Message"].map((h) => c.bold(h)),
      style: { head: [], border: [], compact: true },
      colWidths: [null, null, null, null, null, 70],
      wordWrap: true,
    });
    for (const f of result.failures) {
      const where = failureWhere(f);
      failures.push(
        [
          where.account,
          where.region,
          where.service,
          reasonLabel(f.reason),
          f.awsName ?? f.code,
          f.hint ? `${f.message}\n${f.hint}` : f.message,
        ].map((cell, i) => (i === 5 ? cell.split("\n").map(plainText).join("\n") : plainText(cell))),
      );
    }
    out.push(c.red(c.bold(`Not read (${result.failures.length})`)), failures.toString());
  }
  out.push("");
  return out.join("\n");
}
