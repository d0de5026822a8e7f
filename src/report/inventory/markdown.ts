/**
 * The inventory as GitHub-flavoured Markdown: headings, the accounts (when there are several),
 * a summary table (account × service × region), details tables, and the coverage.
 */
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
import { DETAIL_SECTIONS, detailHeaders, detailRow, plainText, SERVICE_LABELS } from "./sections.js";

export function renderInventoryMarkdown(result: InventoryResult): string {
  const out: string[] = [];
  const multi = isMultiAccount(result);
  out.push(
    multi
      ? `# Inventory of ${result.accounts.length} accounts`
      : `# Inventory of account ${escapeMarkdown(accountLabel(result.accounts[0] ?? { id: result.account, name: undefined }))}`,
    "",
  );
  out.push(
    `Regions: ${result.regions.map(escapeMarkdown).join(", ") || "none"} · Services: ${result.services
      .map((s) => SERVICE_LABELS[s])
      .join(
        ", ",
      )} · Generated: ${result.generatedAt}${result.runId === undefined ? "" : ` · Run: ${escapeMarkdown(result.runId)}`}`,
    "",
  );
  const note = partialResultNote(result);
  if (note !== undefined) out.push(`> **${escapeMarkdown(note)}**`, "");

  if (multi) {
    out.push("## Accounts", "");
    const rows = result.accounts.map((a) =>
      [
        accountLabel(a),
        a.access === "profile" ? "profile" : `role ${a.roleArn?.split("/").at(-1) ?? ""}`,
        String(a.regions.length),
        String(result.summary.totalsByAccount[a.id] ?? 0),
        accountStatusLabel(a),
      ].map(escapeMarkdown),
    );
    out.push(
      ...markdownTable(["Account", "Access", "Regions", "Resources", "Status"], rows, [
        "left",
        "left",
        "right",
        "right",
        "left",
      ]),
      "",
    );
  }

  out.push("## Summary", "");
  const columns = summaryColumns(result);
  const summaryRowsText = summaryRows(result).map((row) => [
    ...(multi ? [row.isFirstOfAccount ? row.account : ""] : []),
    row.service,
    ...row.cells.map((n) => (n === undefined ? "-" : n === null ? "**not read**" : String(n))),
    String(row.total),
  ]);
  summaryRowsText.push([
    ...(multi ? [""] : []),
    "**Total**",
    ...columnTotals(result).map((n) => `**${n}**`),
    `**${result.summary.total}**`,
  ]);
  out.push(
    ...markdownTable(
      [...(multi ? ["Account"] : []), "Service", ...columns.map(escapeMarkdown), "Total"],
      summaryRowsText,
      [...(multi ? (["left"] as const) : []), "left", ...columns.map(() => "right" as const), "right"],
    ),
    "",
  );

  if (result.resources.length === 0 && result.failures.length === 0) {
    out.push("No resources found in the selected regions.", "");
  }
  for (const section of DETAIL_SECTIONS) {
    const records = result.resources.filter((r) => r.type === section.type);
    if (records.length === 0) continue;
    out.push(`## ${section.title} (${records.length})`, "");
    const rows = records.map((r) =>
      [...(multi ? [r.account] : []), ...detailRow(section, r)].map(escapeMarkdown),
    );
    out.push(...markdownTable([...(multi ? ["Account"] : []), ...detailHeaders(section)], rows), "");
  }

  out.push("## Coverage", "", ...coverageLines(result).map((l) => `- ${escapeMarkdown(l)}`), "");
  if (result.failures.length > 0) {
    out.push(`### Not read (${result.failures.length})`, "");
    const rows = result.failures.map((f) => {
      const where = failureWhere(f);
      return [
        where.account,
        where.region,
        where.service,
        reasonLabel(f.reason),
        f.awsName ?? f.code,
        f.hint ? `${f.message} ${f.hint}` : f.message,
      ].map(escapeMarkdown);
    });
    out.push(...markdownTable(["Account", "Region", "Service", "Why", "Error", "Message"], rows), "");
  }
  return out.join("\n");
}

/**
 * Text safe inside a Markdown table cell: control characters and line breaks become spaces,
 * and the characters Markdown would act on (pipes, emphasis, code, links, HTML) are escaped.
 */
export function escapeMarkdown(text: string): string {
  return plainText(text).replace(/[\\`*_[\]<>|]/g, "\\$&");
}

function markdownTable(head: string[], rows: string[][], align?: readonly ("left" | "right")[]): string[] {
  const rule = head.map((_, i) => (align?.[i] === "right" ? "---:" : "---"));
  return [head, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`);
}
