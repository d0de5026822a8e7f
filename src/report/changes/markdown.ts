/** The changes review as Markdown: header facts, then each section as a pipe table. */
import type { ChangesResult } from "../../core/changes/changes-result.js";
import { plainText } from "../inventory/sections.js";
import { changesSections, changesTitle, coverageText, headerLines, partialNote } from "./sections.js";

function cell(text: string): string {
  return plainText(text).replace(/\|/g, "\\|");
}

export function renderChangesMarkdown(result: ChangesResult): string {
  const out: string[] = [`# ${changesTitle(result)}`, "", ...headerLines(result).map((l) => `- ${l}`)];
  const partial = partialNote(result);
  if (partial !== undefined) out.push("", `> **${partial}**`);
  for (const s of changesSections(result)) {
    out.push("", `## ${s.title}`, "");
    if (s.rows.length === 0) {
      out.push(s.note ?? "None.");
      continue;
    }
    out.push(
      `| ${s.headers.map((h) => cell(h === "" ? " " : h)).join(" | ")} |`,
      `| ${s.headers.map((_, i) => (s.numeric?.includes(i) === true ? "---:" : "---")).join(" | ")} |`,
      ...s.rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
    );
    if (s.note !== undefined) out.push("", s.note);
  }
  out.push("", "## Coverage", "", ...coverageText(result).map((l) => `- ${l}`));
  return `${out.join("\n")}\n`;
}
