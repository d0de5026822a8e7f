/** The changes review as terminal text: header facts, then each section as a table. Colour only when asked. */
import Table from "cli-table3";
import { createColors } from "picocolors";
import type { ChangesResult } from "../../core/changes/changes-result.js";
import { wrapText } from "../findings/table.js";
import { plainText } from "../inventory/sections.js";
import { changesSections, changesTitle, coverageText, headerLines, partialNote } from "./sections.js";

const TEXT_WIDTH = 60;

export function renderChangesTable(result: ChangesResult, options: { color: boolean }): string {
  const c = createColors(options.color);
  const out: string[] = [c.bold(changesTitle(result)), ...headerLines(result)];
  const partial = partialNote(result);
  if (partial !== undefined) out.push(c.yellow(partial));
  for (const s of changesSections(result)) {
    out.push("", c.bold(s.title));
    if (s.rows.length === 0) {
      out.push(s.note ?? "None.");
      continue;
    }
    const t = new Table({
      head: s.headers.map((h) => c.bold(h)),
      style: { head: [], border: [], compact: true },
      colAligns: s.headers.map((_, i) => (s.numeric?.includes(i) === true ? "right" : "left")),
    });
    for (const row of s.rows) {
      const cells = row.map(plainText);
      if (s.isLastColumnText === true) cells[cells.length - 1] = wrapText(cells.at(-1) ?? "", TEXT_WIDTH);
      if (s.title === "Unusual activity") {
        cells[0] =
          cells[0] === "critical" || cells[0] === "high"
            ? c.red(cells[0])
            : cells[0] === "medium"
              ? c.yellow(cells[0] ?? "")
              : (cells[0] ?? "");
      }
      t.push(cells);
    }
    out.push(t.toString());
    if (s.note !== undefined) out.push(s.note);
  }
  out.push("", c.bold("Coverage"), ...coverageText(result));
  return `${out.join("\n")}\n`;
}
