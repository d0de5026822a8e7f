/**
 * The recent changes review of a set of CloudTrail events: the window's events (after the
 * filters), who made them, what (change types and event names), which resources, a timeline,
 * and the unusual activity against the baseline. Pure: the window comes from the caller.
 */
import { matchGlob } from "../context/glob.js";
import { SEVERITIES, severityRank, type Severity } from "../findings/severity.js";
import { isFailed, serviceOf, type ChangeEventRecord, type ChangePrincipal } from "./change-event.js";
import { CHANGE_TYPES, changeTypeOf, type ChangeType } from "./change-type.js";
import { detectUnusual, UNUSUAL_KINDS, type ChangesSettings, type UnusualActivity } from "./unusual.js";
import type { ChangesWindow } from "./window.js";

export interface ChangesFilters {
  /** Globs over the principal's name or id (`jdoe`, `*deploy*`, an ARN). */
  principal?: readonly string[];
  /** Services, as `ec2` or `ec2.amazonaws.com`. */
  service?: readonly string[];
  /** Globs over a resource's name (an id, ARN or name). */
  resource?: readonly string[];
  /** Globs over the event name (`Delete*`, `AuthorizeSecurityGroupIngress`). */
  event?: readonly string[];
}

export interface ChangeEventView extends ChangeEventRecord {
  changeType: ChangeType;
  isFailed: boolean;
}

export interface PrincipalActivity {
  principal: ChangePrincipal;
  accounts: string[];
  events: number;
  failed: number;
  byChangeType: Partial<Record<ChangeType, number>>;
  /** The event names it called, most frequent first. */
  eventNames: string[];
  firstAt: string;
  lastAt: string;
}

export interface EventNameActivity {
  eventName: string;
  service: string;
  changeType: ChangeType;
  events: number;
  failed: number;
}

export interface ResourceActivity {
  type?: string;
  name: string;
  account: string;
  region: string;
  events: number;
  eventNames: string[];
  principals: string[];
  lastAt: string;
}

export interface TimelineBucket {
  /** ISO-8601 start of the bucket (an hour for windows up to two days, else a day, UTC). */
  start: string;
  events: number;
  failed: number;
  /** Events behind an unusual activity. */
  unusual: number;
}

export interface ChangesSummary {
  events: number;
  failed: number;
  principals: number;
  resources: number;
  byChangeType: Record<ChangeType, number>;
  unusual: number;
  unusualBySeverity: Record<Severity, number>;
}

export interface ChangesAnalysis {
  summary: ChangesSummary;
  principals: PrincipalActivity[];
  eventNames: EventNameActivity[];
  resources: ResourceActivity[];
  timeline: TimelineBucket[];
  /** Worst first. */
  unusual: UnusualActivity[];
  /** The window's events, newest first (as CloudTrail lists them). */
  events: ChangeEventView[];
}

export interface AnalyzeChangesInput {
  /** Every event read (window and baseline; reads only when asked for). */
  events: readonly ChangeEventRecord[];
  window: ChangesWindow;
  filters: ChangesFilters;
  settings: ChangesSettings;
}

function anyGlob(globs: readonly string[] | undefined, values: readonly string[]): boolean {
  return globs === undefined || globs.length === 0 || globs.some((g) => values.some((v) => matchGlob(g, v)));
}

export function matchesFilters(e: ChangeEventRecord, f: ChangesFilters): boolean {
  const service = serviceOf(e.eventSource);
  return (
    anyGlob(f.principal, [
      e.principal.name,
      e.principal.id,
      ...(e.principal.roleArn === undefined ? [] : [e.principal.roleArn]),
    ]) &&
    anyGlob(
      f.service?.map((s) => serviceOf(s)),
      [service],
    ) &&
    anyGlob(
      f.resource,
      e.resources.map((r) => r.name),
    ) &&
    anyGlob(f.event, [e.eventName])
  );
}

function countBy<T>(items: readonly T[], keyOf: (t: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

function mostFrequent(values: readonly string[]): string[] {
  return [...countBy(values, (v) => v)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}

function pushTo<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const list = groups.get(key);
  if (list === undefined) groups.set(key, [item]);
  else list.push(item);
}

const HOUR_MS = 3_600_000;

function timelineOf(
  events: readonly ChangeEventView[],
  window: ChangesWindow,
  unusualIds: ReadonlySet<string>,
): TimelineBucket[] {
  const from = Date.parse(window.since);
  const to = Date.parse(window.until);
  const step = to - from <= 48 * HOUR_MS ? HOUR_MS : 24 * HOUR_MS;
  const first = Math.floor(from / step) * step;
  const buckets: TimelineBucket[] = [];
  for (let t = first; t <= to; t += step) {
    buckets.push({ start: new Date(t).toISOString(), events: 0, failed: 0, unusual: 0 });
  }
  for (const e of events) {
    const b = buckets[Math.floor((Date.parse(e.eventTime) - first) / step)];
    if (b === undefined) continue;
    b.events += 1;
    if (e.isFailed) b.failed += 1;
    if (unusualIds.has(e.eventId)) b.unusual += 1;
  }
  return buckets;
}

export function analyzeChanges(input: AnalyzeChangesInput): ChangesAnalysis {
  const { window, filters, settings } = input;
  const since = window.since;
  const until = window.until;
  const inWindow = input.events.filter(
    (e) => e.eventTime >= since && e.eventTime <= until && matchesFilters(e, filters),
  );
  const baseline = input.events.filter((e) => e.eventTime >= window.baselineSince && e.eventTime < since);
  const views: ChangeEventView[] = inWindow
    .map((e) => ({ ...e, changeType: changeTypeOf(e), isFailed: isFailed(e) }))
    .sort((a, b) =>
      a.eventTime > b.eventTime ? -1 : a.eventTime < b.eventTime ? 1 : a.eventId < b.eventId ? -1 : 1,
    );

  const unusual = detectUnusual({ window: inWindow, baseline, settings }).sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      UNUSUAL_KINDS.indexOf(a.kind) - UNUSUAL_KINDS.indexOf(b.kind),
  );
  const unusualIds = new Set(unusual.flatMap((u) => u.eventIds));

  const principals: PrincipalActivity[] = [];
  const byPrincipal = new Map<string, ChangeEventView[]>();
  for (const e of views) pushTo(byPrincipal, e.principal.id, e);
  for (const mine of byPrincipal.values()) {
    const byChangeType: Partial<Record<ChangeType, number>> = {};
    for (const e of mine) byChangeType[e.changeType] = (byChangeType[e.changeType] ?? 0) + 1;
    principals.push({
      principal: (mine[0] as ChangeEventView).principal,
      accounts: [...new Set(mine.map((e) => e.account))].sort(),
      events: mine.length,
      failed: mine.filter((e) => e.isFailed).length,
      byChangeType,
      eventNames: mostFrequent(mine.map((e) => e.eventName)),
      firstAt: (mine[mine.length - 1] as ChangeEventView).eventTime,
      lastAt: (mine[0] as ChangeEventView).eventTime,
    });
  }
  principals.sort((a, b) => b.events - a.events || (a.principal.id < b.principal.id ? -1 : 1));

  const eventNames: EventNameActivity[] = [];
  const byName = new Map<string, ChangeEventView[]>();
  for (const e of views) {
    pushTo(byName, `${e.eventSource}|${e.eventName}`, e);
  }
  for (const mine of byName.values()) {
    const e = mine[0] as ChangeEventView;
    eventNames.push({
      eventName: e.eventName,
      service: serviceOf(e.eventSource),
      changeType: e.changeType,
      events: mine.length,
      failed: mine.filter((x) => x.isFailed).length,
    });
  }
  eventNames.sort((a, b) => b.events - a.events || (a.eventName < b.eventName ? -1 : 1));

  const resources = new Map<string, ResourceActivity & { names: string[]; who: string[] }>();
  for (const e of views) {
    for (const r of e.resources) {
      if (r.name === "") continue;
      const key = `${e.account}|${e.region}|${r.type ?? ""}|${r.name}`;
      const entry = resources.get(key) ?? {
        ...(r.type !== undefined && { type: r.type }),
        name: r.name,
        account: e.account,
        region: e.region,
        events: 0,
        eventNames: [],
        principals: [],
        lastAt: e.eventTime,
        names: [],
        who: [],
      };
      entry.events += 1;
      entry.names.push(e.eventName);
      entry.who.push(e.principal.name);
      if (e.eventTime > entry.lastAt) entry.lastAt = e.eventTime;
      resources.set(key, entry);
    }
  }
  const resourceList: ResourceActivity[] = [...resources.values()]
    .map(({ names, who, ...r }) => ({ ...r, eventNames: mostFrequent(names), principals: mostFrequent(who) }))
    .sort((a, b) => b.events - a.events || (a.name < b.name ? -1 : 1));

  const byChangeType = Object.fromEntries(CHANGE_TYPES.map((t) => [t, 0])) as Record<ChangeType, number>;
  for (const e of views) byChangeType[e.changeType] += 1;
  const unusualBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const u of unusual) unusualBySeverity[u.severity] += 1;

  return {
    summary: {
      events: views.length,
      failed: views.filter((e) => e.isFailed).length,
      principals: principals.length,
      resources: resourceList.length,
      byChangeType,
      unusual: unusual.length,
      unusualBySeverity,
    },
    principals,
    eventNames,
    resources: resourceList,
    timeline: timelineOf(views, window, unusualIds),
    unusual,
    events: views,
  };
}
