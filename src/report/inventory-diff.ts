/**
 * Renders an inventory diff: plain text (one line per resource, `+` appeared, `-` disappeared,
 * `~` changed, with its changes indented below), JSON (the diff itself), or Markdown.
 */
import type { FieldChange, InventoryDiff, InventorySide } from "../core/inventory/inventory-diff.js";
import type { AttributeValue, ResourceRecord } from "../core/inventory/resource-record.js";
import { escapeMarkdown } from "./inventory/markdown.js";

export const INVENTORY_DIFF_FORMATS = ["text", "json", "markdown"] as const;
export type InventoryDiffFormat = (typeof INVENTORY_DIFF_FORMATS)[number];

export function renderInventoryDiff(diff: InventoryDiff, format: InventoryDiffFormat): string {
  switch (format) {
    case "text":
      return renderText(diff);
    case "json":
      return `${JSON.stringify(diff, null, 2)}\n`;
    case "markdown":
      return renderMarkdown(diff);
  }
}

type Resource = Pick<ResourceRecord, "service" | "type" | "id" | "name" | "account" | "region" | "arn">;

function describeSide(side: InventorySide): string {
  const accounts =
    side.accounts.length === 1
      ? `account ${side.accounts[0] ?? side.account}`
      : `${side.accounts.length} accounts`;
  return `${side.generatedAt} (${accounts}, ${side.regions.length} region${side.regions.length === 1 ? "" : "s"}, ${side.resources} resources)`;
}

function summaryLine(diff: InventoryDiff): string {
  const s = diff.summary;
  return `${s.appeared} appeared, ${s.disappeared} disappeared, ${s.changed} changed, ${s.unchanged} unchanged`;
}

function label(r: Resource): string {
  const name = r.name !== undefined && r.name !== r.id ? ` (${r.name})` : "";
  return `${r.service} ${r.type} ${r.id}${name}  ${r.account} ${r.region}`;
}

function value(v: AttributeValue | undefined): string {
  if (v === undefined || v === null) return "(none)";
  if (v === "") return '""';
  return String(v);
}

function describeChange(c: FieldChange): string {
  const what = c.field === "state" ? "state" : `${c.field} ${c.key}`;
  return `${what}: ${value(c.before)} → ${value(c.after)}`;
}

function notComparedLine(p: InventoryDiff["notCompared"][number]): string {
  const read =
    p.readIn === "neither"
      ? "read by neither"
      : `read only in the ${p.readIn === "before" ? "earlier" : "later"} inventory`;
  return `${p.partition}: ${read} (${p.resources.before} → ${p.resources.after} resources)`;
}

function renderText(diff: InventoryDiff): string {
  const out: string[] = [
    `Inventory diff: ${describeSide(diff.before)} → ${describeSide(diff.after)}`,
    summaryLine(diff),
  ];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push("", title, ...lines);
  };
  section(
    `Appeared (${diff.appeared.length})`,
    diff.appeared.map((r) => `+ ${label(r)}`),
  );
  section(
    `Disappeared (${diff.disappeared.length})`,
    diff.disappeared.map((r) => `- ${label(r)}`),
  );
  section(
    `Changed (${diff.changed.length})`,
    diff.changed.flatMap((r) => [`~ ${label(r)}`, ...r.changes.map((c) => `    ${describeChange(c)}`)]),
  );
  section(
    `Not compared (${diff.notCompared.length} partitions: one inventory did not read them)`,
    diff.notCompared.map((p) => `! ${notComparedLine(p)}`),
  );
  if (diff.summary.appeared + diff.summary.disappeared + diff.summary.changed === 0) {
    out.push("", "No differences in what both inventories read.");
  }
  return `${out.join("\n")}\n`;
}

function table(headers: string[], rows: string[][]): string[] {
  return [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ];
}

function resourceCells(r: Resource): string[] {
  return [r.service, r.type, r.id, r.name ?? "", r.account, r.region].map(escapeMarkdown);
}

const RESOURCE_HEADERS = ["Service", "Type", "Id", "Name", "Account", "Region"];

function renderMarkdown(diff: InventoryDiff): string {
  const out: string[] = [
    "# Inventory diff",
    "",
    `From ${escapeMarkdown(describeSide(diff.before))} to ${escapeMarkdown(describeSide(diff.after))}.`,
    "",
    `**${summaryLine(diff)}**`,
    "",
  ];
  if (diff.appeared.length > 0) {
    out.push(
      `## Appeared (${diff.appeared.length})`,
      "",
      ...table(RESOURCE_HEADERS, diff.appeared.map(resourceCells)),
      "",
    );
  }
  if (diff.disappeared.length > 0) {
    out.push(
      `## Disappeared (${diff.disappeared.length})`,
      "",
      ...table(RESOURCE_HEADERS, diff.disappeared.map(resourceCells)),
      "",
    );
  }
  if (diff.changed.length > 0) {
    out.push(
      `## Changed (${diff.changed.length})`,
      "",
      ...table(
        [...RESOURCE_HEADERS, "Changes"],
        diff.changed.map((r) => [
          ...resourceCells(r),
          r.changes.map((c) => escapeMarkdown(describeChange(c))).join("<br>"),
        ]),
      ),
      "",
    );
  }
  if (diff.notCompared.length > 0) {
    out.push(
      `## Not compared (${diff.notCompared.length})`,
      "",
      "One inventory did not read these partitions, so their resources are neither appeared nor disappeared.",
      "",
      ...diff.notCompared.map((p) => `- ${escapeMarkdown(notComparedLine(p))}`),
      "",
    );
  }
  return `${out.join("\n")}`;
}
