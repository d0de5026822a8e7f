/**
 * The recent changes review: CloudTrail management events of a window (and the baseline before
 * it) over one account or several, in the selected regions, read by a scan (../scan/run-scan.ts)
 * with one partition per account × region; then the pure analysis (core/changes). LookupEvents
 * allows about 2 calls per second per account and region: the client factory's rate limiter
 * paces each partition's pages while the partitions run in parallel, and each partition's
 * progress span counts the pages it fetched.
 *
 * Never prints: progress and notices go to the IoHost.
 */
import { collectChangeEvents } from "../../aws/collectors/cloudtrail-events.js";
import { analyzeChanges, type ChangesFilters } from "../../core/changes/analyze.js";
import type { ChangeEventRecord } from "../../core/changes/change-event.js";
import type { ChangesResult } from "../../core/changes/changes-result.js";
import type { ChangesSettings } from "../../core/changes/unusual.js";
import { changesWindow } from "../../core/changes/window.js";
import { runScan, type ScanDeps, type ScanOptions, type ScanSource } from "../scan/run-scan.js";

export interface ChangesOptions extends ScanOptions {
  /** `24h`, `7d`, an ISO time. */
  since: string;
  /** Default: now. */
  until?: string;
  /** Read events too (default: writes only). */
  includeReads: boolean;
  filters: ChangesFilters;
  settings: ChangesSettings;
}

/** `now` is the window's "now": the real clock, or the sandbox estate's moment. */
export type ChangesDeps = ScanDeps<ChangeEventRecord>;

export const CHANGES_SOURCE = "cloudtrail-events";

export async function runChanges(options: ChangesOptions, deps: ChangesDeps): Promise<ChangesResult> {
  const now = deps.now ?? (() => new Date());
  const window = changesWindow({
    since: options.since,
    until: options.until,
    baselineDays: options.settings.baselineDays,
    now: now(),
  });
  let pages = 0;
  const source: ScanSource<ChangeEventRecord> = {
    label: "CloudTrail events",
    placement: "regional",
    collect: async (ctx) => {
      const collected = await collectChangeEvents(ctx.factory, ctx.scope, {
        startTime: new Date(window.baselineSince),
        endTime: new Date(window.until),
        includeReads: options.includeReads,
        onPage: () => {
          pages += 1;
          ctx.count?.("pages", 1);
        },
      });
      ctx.count?.("events", collected.events.length);
      return collected.events;
    },
  };
  const scan = await runScan(
    {
      noun: "changes review",
      roleSessionName: "aws-coworker-changes",
      sources: [CHANGES_SOURCE],
      sourceSpecs: { [CHANGES_SOURCE]: source },
      keyOf: (e) => `${e.account}|${e.region}|${e.eventId}`,
      narrowHint: "--accounts, --regions or a shorter --since",
    },
    options,
    deps,
  );
  const withBaseline = new Set(scan.records.filter((e) => e.eventTime < window.since).map((e) => e.account));
  const noBaseline = scan.accounts
    .filter((a) => a.status === "complete" && !withBaseline.has(a.id))
    .map((a) => a.id);
  if (noBaseline.length > 0) {
    deps.io.notify({
      code: "CW_CHG_I0001",
      level: "info",
      message: `no CloudTrail events before ${window.since} in ${noBaseline.length === 1 ? `account ${noBaseline[0] ?? ""}` : `${noBaseline.length} accounts`}: new principals and regions not normally used are not told there (changes.baselineDays: ${options.settings.baselineDays})`,
      data: { accounts: noBaseline, baselineSince: window.baselineSince },
    });
  }
  const analysis = analyzeChanges({
    events: scan.records,
    window,
    filters: options.filters,
    settings: options.settings,
  });
  return {
    ...analysis,
    account: deps.account,
    accounts: scan.accounts,
    regions: scan.regions,
    window,
    includeReads: options.includeReads,
    filters: options.filters,
    generatedAt: now().toISOString(),
    runId: scan.runId,
    pages,
    failures: scan.failures,
    coverage: scan.coverage,
  };
}
