/** Pick the changes renderer for an output format. */
import type { ChangesResult } from "../../core/changes/changes-result.js";
import { renderChangesCsv } from "./csv.js";
import { renderChangesJson } from "./json.js";
import { renderChangesMarkdown } from "./markdown.js";
import { renderChangesTable } from "./table.js";

export const CHANGES_FORMATS = ["table", "json", "markdown", "csv"] as const;
export type ChangesFormat = (typeof CHANGES_FORMATS)[number];

export function renderChanges(
  result: ChangesResult,
  options: { format: ChangesFormat; color: boolean },
): string {
  switch (options.format) {
    case "table":
      return renderChangesTable(result, { color: options.color });
    case "json":
      return renderChangesJson(result);
    case "markdown":
      return renderChangesMarkdown(result);
    case "csv":
      return renderChangesCsv(result);
  }
}
