/**
 * The changes review as report sections (a title, headers and rows): what the table and
 * Markdown renderers share. The event list itself is in JSON and CSV only; long lists are
 * cut here with a line saying how many more there are and where to find them.
 */
import type { ChangesResult } from "../../core/changes/changes-result.js";
import { CHANGE_TYPES } from "../../core/changes/change-type.js";
import type { ChangePrincipal } from "../../core/changes/change-event.js";
import { coverageLines } from "../inventory/overview.js";
import { auditFailureWhere, failureMessage } from "../findings/overview.js";

export interface ReportSection {
  title: string;
  headers: string[];
  rows: string[][];
  /** Columns aligned right (counts). */
  numeric?: number[];
  note?: string;
  /** The last column is free text (wrapped in the table). */
  isLastColumnText?: boolean;
}

const PRINCIPAL_LABELS: Readonly<Record<ChangePrincipal["type"], string>> = {
  root: "root",
  "iam-user": "IAM user",
  "assumed-role": "role session",
  "federated-user": "federated user",
  "aws-service": "AWS service",
  other: "other",
};

export const MAX_ROWS = 25;

export function principalLabel(p: ChangePrincipal): string {
  return `${p.name} (${PRINCIPAL_LABELS[p.type]})`;
}

function cut(rows: string[][], what: string): { rows: string[][]; note?: string } {
  if (rows.length <= MAX_ROWS) return { rows };
  return {
    rows: rows.slice(0, MAX_ROWS),
    note: `… and ${rows.length - MAX_ROWS} more ${what} (every one is in --format json and csv).`,
  };
}

export function changesTitle(result: ChangesResult): string {
  return `Recent changes ${result.window.since} → ${result.window.until}`;
}

export function headerLines(result: ChangesResult): string[] {
  const accounts =
    result.accounts.length <= 1
      ? `account ${result.accounts[0]?.id ?? result.account}`
      : `${result.accounts.length} accounts`;
  const filters = Object.entries(result.filters)
    .filter(([, v]) => Array.isArray(v) && v.length > 0)
    .map(([k, v]) => `--${k} ${(v as string[]).join(",")}`);
  return [
    `${accounts}; regions ${result.regions.join(", ") || "none"}; ${result.includeReads ? "writes and reads" : "write events only (--include-reads to add reads)"}${filters.length > 0 ? `; ${filters.join(" ")}` : ""}.`,
    `${result.summary.events} events by ${result.summary.principals} principals on ${result.summary.resources} resources; ${result.summary.failed} failed. ${result.pages} LookupEvents pages read (baseline from ${result.window.baselineSince}).`,
    `Unusual activity: ${result.summary.unusual} (${
      Object.entries(result.summary.unusualBySeverity)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`)
        .join(", ") || "none"
    }).`,
  ];
}

export function partialNote(result: ChangesResult): string | undefined {
  if (result.failures.length === 0) return undefined;
  return `PARTIAL RESULT: ${result.failures.length} of ${result.coverage.planned} partitions were not read; their events are missing (see Not read).`;
}

export function changesSections(result: ChangesResult): ReportSection[] {
  const sections: ReportSection[] = [];
  sections.push({
    title: "Unusual activity",
    headers: ["Severity", "Kind", "Account", "Region", "Principal", "Events", "What"],
    rows: result.unusual.map((u) => [
      u.severity,
      u.kind,
      u.account,
      u.region ?? "",
      u.principal === undefined ? "" : principalLabel(u.principal),
      String(u.eventIds.length),
      `${u.title}: ${u.detail}`,
    ]),
    numeric: [5],
    isLastColumnText: true,
    ...(result.unusual.length === 0 && { note: "Nothing unusual." }),
  });
  const who = cut(
    result.principals.map((p) => [
      principalLabel(p.principal),
      p.accounts.join(", "),
      String(p.events),
      String(p.failed),
      CHANGE_TYPES.filter((t) => (p.byChangeType[t] ?? 0) > 0)
        .map((t) => `${t} ${p.byChangeType[t] ?? 0}`)
        .join(", "),
      p.eventNames.slice(0, 4).join(", ") + (p.eventNames.length > 4 ? ", …" : ""),
    ]),
    "principals",
  );
  sections.push({
    title: "Who",
    headers: ["Principal", "Accounts", "Events", "Failed", "Change types", "Event names"],
    ...who,
    numeric: [2, 3],
    isLastColumnText: true,
  });
  sections.push({
    title: "Change types",
    headers: ["Change type", "Events"],
    rows: CHANGE_TYPES.filter((t) => result.summary.byChangeType[t] > 0).map((t) => [
      t,
      String(result.summary.byChangeType[t]),
    ]),
    numeric: [1],
  });
  const what = cut(
    result.eventNames.map((e) => [e.eventName, e.service, e.changeType, String(e.events), String(e.failed)]),
    "event names",
  );
  sections.push({
    title: "What",
    headers: ["Event name", "Service", "Change type", "Events", "Failed"],
    ...what,
    numeric: [3, 4],
  });
  const which = cut(
    result.resources.map((r) => [
      r.name,
      r.type ?? "",
      r.account,
      r.region,
      String(r.events),
      `${r.eventNames.slice(0, 3).join(", ")} by ${r.principals.slice(0, 3).join(", ")}`,
    ]),
    "resources",
  );
  sections.push({
    title: "Which resources",
    headers: ["Resource", "Type", "Account", "Region", "Events", "Changes"],
    ...which,
    numeric: [4],
    isLastColumnText: true,
  });
  const peak = Math.max(1, ...result.timeline.map((b) => b.events));
  sections.push({
    title: "Timeline",
    headers: ["From (UTC)", "Events", "Failed", "Unusual", ""],
    rows: result.timeline.map((b) => [
      b.start.replace("T", " ").replace(/:00\.000Z$/, ""),
      String(b.events),
      String(b.failed),
      String(b.unusual),
      "#".repeat(Math.round((b.events / peak) * 30)),
    ]),
    numeric: [1, 2, 3],
  });
  if (result.failures.length > 0) {
    sections.push({
      title: "Not read",
      headers: ["Account", "Region", "Reason", "Message"],
      rows: result.failures.map((f) => {
        const where = auditFailureWhere(f);
        return [where.account, where.region, f.reason, failureMessage(f)];
      }),
      isLastColumnText: true,
    });
  }
  return sections;
}

export function coverageText(result: ChangesResult): string[] {
  return coverageLines(result);
}
