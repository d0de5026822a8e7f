/** Pick the audit renderer for an output format. */
import type { AuditResult } from "../../core/findings/audit-result.js";
import { renderAuditCsv } from "./csv.js";
import { renderAuditJson } from "./json.js";
import { renderAuditMarkdown } from "./markdown.js";
import { renderAuditOcsf } from "./ocsf.js";
import { renderAuditTable } from "./table.js";

export const AUDIT_FORMATS = ["table", "json", "markdown", "csv", "ocsf"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export function isAuditFormat(value: string): value is AuditFormat {
  return (AUDIT_FORMATS as readonly string[]).includes(value);
}

export interface RenderAuditOptions {
  format: AuditFormat;
  /** ANSI colours, for the table format only. */
  color: boolean;
}

export function renderAudit(result: AuditResult, options: RenderAuditOptions): string {
  switch (options.format) {
    case "table":
      return renderAuditTable(result, { color: options.color });
    case "json":
      return renderAuditJson(result);
    case "markdown":
      return renderAuditMarkdown(result);
    case "csv":
      return renderAuditCsv(result);
    case "ocsf":
      return renderAuditOcsf(result);
  }
}
