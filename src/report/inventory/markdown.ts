/** The inventory as GitHub-flavoured Markdown: headings, a summary table, details tables, failures. */
import type { InventoryResult } from "../../core/inventory/inventory-result.js";
import {
  DETAIL_SECTIONS,
  detailHeaders,
  detailRow,
  partialNote,
  plainText,
  SERVICE_LABELS,
} from "./sections.js";

export function renderInventoryMarkdown(result: InventoryResult): string {
  const out: string[] = [];
  out.push(`# Inventory of account ${result.account}`, "");
  out.push(
    `Regions: ${result.regions.map(escapeMarkdown).join(", ")} · Services: ${result.services
      .map((s) => SERVICE_LABELS[s])
      .join(", ")} · Generated: ${result.generatedAt}`,
    "",
  );
  const note = partialNote(result);
  if (note !== undefined) out.push(`> **${escapeMarkdown(note)}**`, "");

  out.push("## Summary", "");
  const summaryRows = result.services.map((service) => {
    const counts = result.summary.counts[service] ?? {};
    return [
      SERVICE_LABELS[service],
      ...result.regions.map((region) => {
        const n = counts[region];
        return n === null || n === undefined ? "**failed**" : String(n);
      }),
      String(result.summary.totalsByService[service] ?? 0),
    ];
  });
  summaryRows.push([
    "**Total**",
    ...result.regions.map((region) => `**${result.summary.totalsByRegion[region] ?? 0}**`),
    `**${result.summary.total}**`,
  ]);
  out.push(
    ...markdownTable(["Service", ...result.regions.map(escapeMarkdown), "Total"], summaryRows, [
      "left",
      ...result.regions.map(() => "right" as const),
      "right",
    ]),
    "",
  );

  if (result.resources.length === 0 && result.failures.length === 0) {
    out.push("No resources found in the selected regions.", "");
  }
  for (const section of DETAIL_SECTIONS) {
    const records = result.resources.filter((r) => r.type === section.type);
    if (records.length === 0) continue;
    out.push(`## ${section.title} (${records.length})`, "");
    const rows = records.map((r) => detailRow(section, r).map(escapeMarkdown));
    out.push(...markdownTable(detailHeaders(section), rows), "");
  }

  if (result.failures.length > 0) {
    out.push(`## Failures (${result.failures.length})`, "");
    const rows = result.failures.map((f) =>
      [
        SERVICE_LABELS[f.service],
        f.region,
        f.awsName ?? f.code,
        f.hint ? `${f.message} ${f.hint}` : f.message,
      ].map(escapeMarkdown),
    );
    out.push(...markdownTable(["Service", "Region", "Error", "Message"], rows), "");
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

function markdownTable(head: string[], rows: string[][], align?: ("left" | "right")[]): string[] {
  const rule = head.map((_, i) => (align?.[i] === "right" ? "---:" : "---"));
  return [head, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`);
}
