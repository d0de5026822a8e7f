/**
 * The review's window: `--since` (a duration back from now, `30m`, `24h`, `7d`, or an ISO
 * time) to `--until` (default now), and the baseline before it (what is "normal"). CloudTrail's
 * event history keeps 90 days, so nothing reaches further back. `now` is the caller's: the
 * real clock, or the sandbox estate's moment.
 */
import { UsageError } from "../errors.js";

export const EVENT_HISTORY_DAYS = 90;
const DAY_MS = 86_400_000;
const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

export interface ChangesWindow {
  /** ISO-8601: the window's start (inclusive). */
  since: string;
  /** ISO-8601: its end (inclusive). */
  until: string;
  /** ISO-8601: the start of the baseline (the preceding period, up to `since`). */
  baselineSince: string;
}

/** A moment given as a duration back from `now` (`24h`) or an ISO time; anything else is a usage error. */
export function parseMoment(value: string, option: string, now: Date): Date {
  const v = value.trim();
  const duration = /^(\d+)\s*([mhdw])$/i.exec(v);
  if (duration !== null) {
    const ms = Number(duration[1]) * (UNIT_MS[(duration[2] ?? "").toLowerCase()] ?? 0);
    return new Date(now.getTime() - ms);
  }
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) {
    const at = new Date(/T|\s/.test(v) && !/Z|[+-]\d{2}:?\d{2}$/.test(v) ? `${v.replace(" ", "T")}Z` : v);
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new UsageError(`"${value}" is not a time in ${option}`, {
    code: "InvalidTime",
    hint: `Write a duration back from now (30m, 24h, 7d, 2w) or an ISO time (2026-10-31T08:00:00Z; without a zone it is UTC), e.g. ${option} 24h.`,
  });
}

export function changesWindow(options: {
  since: string;
  until?: string | undefined;
  baselineDays: number;
  now: Date;
}): ChangesWindow {
  const { now } = options;
  const since = parseMoment(options.since, "--since", now);
  const until = options.until === undefined ? now : parseMoment(options.until, "--until", now);
  const oldest = now.getTime() - EVENT_HISTORY_DAYS * DAY_MS;
  if (since.getTime() >= until.getTime()) {
    throw new UsageError(`--since ${since.toISOString()} is not before --until ${until.toISOString()}`, {
      code: "InvalidTimeRange",
      hint: "Give a --since earlier than --until, e.g. --since 7d --until 1d.",
    });
  }
  if (since.getTime() < oldest) {
    throw new UsageError(
      `--since ${options.since} reaches back before ${new Date(oldest).toISOString()}: CloudTrail's event history keeps ${EVENT_HISTORY_DAYS} days`,
      {
        code: "InvalidTimeRange",
        hint: `Pass --since ${EVENT_HISTORY_DAYS}d or less; for older events query the trail's logs in S3 (e.g. with Athena).`,
      },
    );
  }
  const baselineSince = Math.max(oldest, since.getTime() - options.baselineDays * DAY_MS);
  return {
    since: since.toISOString(),
    until: until.toISOString(),
    baselineSince: new Date(baselineSince).toISOString(),
  };
}
