/**
 * The periods of the cost overview, from an injected "now": the period asked for, the
 * comparable previous one, and the day ranges Cost Explorer is asked for (as few as cover
 * the periods, the last 14 days' changes and the month so far).
 */
import { UsageError } from "../errors.js";
import type { DayRange } from "./cost-data.js";

export const PERIOD_NAMES = ["month-to-date", "last-month", "last-30d"] as const;

export interface CostPeriod extends DayRange {
  /** As asked: month-to-date, last-month, last-30d or YYYY-MM. */
  name: string;
  /** Readable, e.g. `2026-11-01 – 2026-11-18 (month to date)`. */
  label: string;
}

export interface CostPeriods {
  /** Today (UTC), `YYYY-MM-DD`: Cost Explorer's figures for it are partial. */
  today: string;
  current: CostPeriod;
  /** The comparable previous period (same length, just before; for a month: the month before). */
  previous: DayRange;
  /** The 15 complete days before today: 14 day-over-day moves, and the last 7 days against the 7 before. */
  changes: DayRange;
  /** The month so far (for the month-end forecast) and the forecast's range (today → next month). */
  monthToDate: DayRange;
  forecast: DayRange;
  /** What to ask Cost Explorer for: disjoint ranges covering all of the above (short gaps read through). */
  reads: DayRange[];
}

const DAY_MS = 86_400_000;

export function dayString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(day: string, n: number): string {
  return dayString(dayMs(day) + n * DAY_MS);
}

function monthStart(ms: number, offset = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}

/**
 * Merge ranges that overlap, touch, or lie at most `maxGapDays` apart: Cost Explorer bills per
 * request, not per day, so one request over a short gap is cheaper than two.
 */
export function mergeRanges(ranges: readonly DayRange[], maxGapDays = 0): DayRange[] {
  const sorted = [...ranges].filter((r) => r.start < r.end).sort((a, b) => (a.start < b.start ? -1 : 1));
  const out: DayRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.start <= addDays(last.end, maxGapDays)) {
      if (r.end > last.end) last.end = r.end;
    } else out.push({ ...r });
  }
  return out;
}

/** Gaps up to a month are read rather than split into another request. */
const MAX_GAP_DAYS = 31;

export function costPeriods(period: string, now: Date): CostPeriods {
  const todayMs = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const today = dayString(todayMs);
  const tomorrow = addDays(today, 1);
  const thisMonth = dayString(monthStart(todayMs));
  let current: CostPeriod;
  let previous: DayRange;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (period === "month-to-date" || (month !== null && `${period}-01` === thisMonth)) {
    current = {
      name: period,
      start: thisMonth,
      end: tomorrow,
      label: `${thisMonth} – ${today} (month to date)`,
    };
    const prevStart = dayString(monthStart(todayMs, -1));
    const length = (dayMs(tomorrow) - dayMs(thisMonth)) / DAY_MS;
    const prevEnd = addDays(prevStart, length);
    previous = { start: prevStart, end: prevEnd < thisMonth ? prevEnd : thisMonth };
  } else if (period === "last-month" || month !== null) {
    const startMs =
      month === null ? monthStart(todayMs, -1) : Date.UTC(Number(month[1]), Number(month[2]) - 1, 1);
    if (month !== null && (Number(month[2]) < 1 || Number(month[2]) > 12)) throw invalidPeriod(period);
    if (startMs > todayMs) {
      throw new UsageError(`--period ${period} is in the future (today is ${today})`, {
        code: "InvalidPeriod",
        hint: "Pick a month up to the current one, or month-to-date, last-month, last-30d.",
      });
    }
    const start = dayString(startMs);
    const end = dayString(monthStart(startMs, 1));
    current = { name: period, start, end, label: `${start.slice(0, 7)} (${start} – ${addDays(end, -1)})` };
    previous = { start: dayString(monthStart(startMs, -1)), end: start };
  } else if (period === "last-30d") {
    const start = addDays(today, -30);
    current = { name: period, start, end: today, label: `${start} – ${addDays(today, -1)} (last 30 days)` };
    previous = { start: addDays(today, -60), end: start };
  } else {
    throw invalidPeriod(period);
  }
  const changes = { start: addDays(today, -15), end: today };
  const monthToDate = { start: thisMonth, end: tomorrow };
  const forecast = { start: today, end: dayString(monthStart(todayMs, 1)) };
  return {
    today,
    current,
    previous,
    changes,
    monthToDate,
    forecast,
    reads: mergeRanges([previous, current, changes, monthToDate], MAX_GAP_DAYS),
  };
}

function invalidPeriod(period: string): UsageError {
  return new UsageError(`"${period}" is not a period in --period`, {
    code: "InvalidPeriod",
    hint: `Pass ${PERIOD_NAMES.join(", ")} or a month as YYYY-MM, e.g. --period last-month.`,
  });
}
