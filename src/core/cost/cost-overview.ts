/**
 * The cost overview, worked out from what Cost Explorer answered (pure: "now" comes in the
 * periods): spend by the grouping for the period with each group's share and change against
 * the comparable previous period, the services whose daily spend moved significantly in the
 * last 14 days (day over day, week over week), the services new this period, the month-end
 * forecast, anomalies, and the optimisation opportunities with their monthly savings.
 */
import type { CostExplorerData, CostGrouping, CostMetric, DailyCostRecord, DayRange } from "./cost-data.js";
import { addDays, type CostPeriods } from "./cost-period.js";

/** A move is significant from this many USD a day (or a week)… */
export const SIGNIFICANT_MOVE_USD = 10;
/** …and this share of the amount it moved from (a move from nothing always is). */
export const SIGNIFICANT_MOVE_RATIO = 0.25;

export interface CostGroupLine {
  /** The group's value: service, account id, region or tag value ("" untagged). */
  key: string;
  /** For readers: the account's name, `(untagged)`, or the key. */
  label: string;
  amount: number;
  /** amount ÷ total, 0–1. */
  share: number;
  previous: number;
  /** amount − previous. */
  change: number;
  /** change ÷ previous; undefined when previous is 0. */
  changeRatio: number | undefined;
}

export interface CostMove {
  from: number;
  to: number;
  change: number;
  changeRatio: number | undefined;
}

export interface CostChange {
  service: string;
  /** The largest significant day-over-day move in the last 14 days, and the day it happened. */
  dayOverDay: (CostMove & { date: string }) | undefined;
  /** The last 7 complete days against the 7 before, when significant. */
  weekOverWeek: CostMove | undefined;
}

export interface NewService {
  service: string;
  /** The first day it cost anything in the period. */
  since: string;
  amount: number;
}

export interface CostForecast {
  monthToDate: number;
  remaining: number;
  monthEnd: number;
  lower: number | undefined;
  upper: number | undefined;
}

export type OpportunityKind =
  "unused-resource" | "gp2-to-gp3" | "previous-generation" | "rightsizing" | "savings-plan";

export interface CostOpportunity {
  kind: OpportunityKind;
  /** The check id (cleanup, review) or the Cost Explorer recommendation. */
  source: string;
  title: string;
  account: string;
  region: string;
  resourceId: string;
  /** USD a month; undefined when no estimate can be made (said so in `basis`). */
  monthlySaving: number | undefined;
  basis: string;
  /** The command that shows the detail. */
  command: string;
}

export interface CostDaily {
  date: string;
  amount: number;
}

export interface CostOverview {
  metric: CostMetric;
  currency: string;
  grouping: CostGrouping;
  period: CostPeriods["current"];
  previousPeriod: DayRange;
  today: string;
  total: number;
  previousTotal: number;
  /** Spend by the grouping, the largest first; the amounts sum to `total`. */
  groups: CostGroupLine[];
  /** Spend by service (the same as groups for --by service). */
  services: CostGroupLine[];
  /** Daily spend over the period (the sparkline). */
  daily: CostDaily[];
  isEstimated: boolean;
  changes: CostChange[];
  newServices: NewService[];
  forecast: CostForecast | undefined;
  /** Undefined when Cost Anomaly Detection has no monitor. */
  anomalies: CostExplorerData["anomalies"] | undefined;
  /** Tag grouping: the untagged share of the total, 0–1. */
  untaggedShare: number | undefined;
}

const round = (n: number): number => Math.round(n * 100) / 100;

function inRange(date: string, r: DayRange): boolean {
  return date >= r.start && date < r.end;
}

function sumBy(rows: readonly DailyCostRecord[], key: (r: DailyCostRecord) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.amount);
  return out;
}

function lines(
  current: Map<string, number>,
  previous: Map<string, number>,
  total: number,
  label: (key: string) => string,
): CostGroupLine[] {
  return [...current.entries()]
    .map(([key, amount]) => {
      const before = previous.get(key) ?? 0;
      return {
        key,
        label: label(key),
        amount: round(amount),
        share: total === 0 ? 0 : amount / total,
        previous: round(before),
        change: round(amount - before),
        changeRatio: before === 0 ? undefined : (amount - before) / before,
      };
    })
    .filter((l) => l.amount !== 0 || l.previous !== 0)
    .sort((a, b) => b.amount - a.amount || (a.key < b.key ? -1 : 1));
}

function move(from: number, to: number): CostMove {
  return {
    from: round(from),
    to: round(to),
    change: round(to - from),
    changeRatio: from === 0 ? undefined : (to - from) / from,
  };
}

export function isSignificant(m: CostMove): boolean {
  return (
    Math.abs(m.change) >= SIGNIFICANT_MOVE_USD &&
    (m.from === 0 || Math.abs(m.change) / Math.abs(m.from) >= SIGNIFICANT_MOVE_RATIO)
  );
}

function detectChanges(rows: readonly DailyCostRecord[], periods: CostPeriods): CostChange[] {
  const { changes } = periods;
  const byServiceDay = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!inRange(r.date, changes)) continue;
    const days = byServiceDay.get(r.service) ?? new Map<string, number>();
    days.set(r.date, (days.get(r.date) ?? 0) + r.amount);
    byServiceDay.set(r.service, days);
  }
  const out: CostChange[] = [];
  const last = addDays(changes.end, -1);
  for (const [service, days] of byServiceDay) {
    const at = (d: string): number => days.get(d) ?? 0;
    let best: (CostMove & { date: string }) | undefined;
    for (let d = addDays(changes.start, 1); d <= last; d = addDays(d, 1)) {
      const m = move(at(addDays(d, -1)), at(d));
      if (isSignificant(m) && (best === undefined || Math.abs(m.change) > Math.abs(best.change))) {
        best = { ...m, date: d };
      }
    }
    let thisWeek = 0;
    let weekBefore = 0;
    for (let i = 0; i < 7; i++) {
      thisWeek += at(addDays(last, -i));
      weekBefore += at(addDays(last, -7 - i));
    }
    const wow = move(weekBefore, thisWeek);
    const weekOverWeek = isSignificant(wow) ? wow : undefined;
    if (best !== undefined || weekOverWeek !== undefined)
      out.push({ service, dayOverDay: best, weekOverWeek });
  }
  const size = (c: CostChange): number =>
    Math.max(Math.abs(c.dayOverDay?.change ?? 0), Math.abs(c.weekOverWeek?.change ?? 0) / 7);
  return out.sort((a, b) => size(b) - size(a) || (a.service < b.service ? -1 : 1));
}

export function analyzeCost(data: CostExplorerData, periods: CostPeriods): CostOverview {
  const { current, previous } = periods;
  const inCurrent = data.daily.filter((r) => inRange(r.date, current));
  const inPrevious = data.daily.filter((r) => inRange(r.date, previous));
  const total = inCurrent.reduce((s, r) => s + r.amount, 0);
  const previousTotal = inPrevious.reduce((s, r) => s + r.amount, 0);
  const grouping = data.grouping;
  const label = (key: string): string => {
    if (grouping.kind === "account") return data.accountNames[key] ?? key;
    if (grouping.kind === "tag" && key === "") return "(untagged)";
    return key;
  };
  const groups = lines(
    sumBy(inCurrent, (r) => r.group),
    sumBy(inPrevious, (r) => r.group),
    total,
    label,
  );
  const services =
    grouping.kind === "service"
      ? groups
      : lines(
          sumBy(inCurrent, (r) => r.service),
          sumBy(inPrevious, (r) => r.service),
          total,
          (k) => k,
        );
  const dailyByDate = sumBy(inCurrent, (r) => r.date);
  const daily: CostDaily[] = [];
  for (let d = current.start; d < current.end; d = addDays(d, 1)) {
    daily.push({ date: d, amount: round(dailyByDate.get(d) ?? 0) });
  }
  const previousServices = sumBy(inPrevious, (r) => r.service);
  const newServices: NewService[] = [];
  for (const [service, amount] of sumBy(inCurrent, (r) => r.service)) {
    if (amount <= 0 || (previousServices.get(service) ?? 0) > 0) continue;
    const since = inCurrent
      .filter((r) => r.service === service && r.amount > 0)
      .reduce((min, r) => (r.date < min ? r.date : min), current.end);
    newServices.push({ service, since, amount: round(amount) });
  }
  newServices.sort((a, b) => b.amount - a.amount);
  let forecast: CostForecast | undefined;
  if (data.forecast !== undefined) {
    const monthToDate = data.daily
      .filter((r) => inRange(r.date, periods.monthToDate))
      .reduce((s, r) => s + r.amount, 0);
    forecast = {
      monthToDate: round(monthToDate),
      remaining: round(data.forecast.amount),
      monthEnd: round(monthToDate + data.forecast.amount),
      lower: data.forecast.lower === undefined ? undefined : round(monthToDate + data.forecast.lower),
      upper: data.forecast.upper === undefined ? undefined : round(monthToDate + data.forecast.upper),
    };
  }
  // The total is the sum of the groups as shown, so a report's lines add up to it exactly.
  const shownTotal = groups.reduce((s, g) => s + g.amount, 0);
  const untagged = grouping.kind === "tag" ? groups.find((g) => g.key === "") : undefined;
  return {
    metric: data.metric,
    currency: data.currency,
    grouping,
    period: current,
    previousPeriod: previous,
    today: periods.today,
    total: round(shownTotal),
    previousTotal: round(previousTotal),
    groups,
    services,
    daily,
    isEstimated: inCurrent.some((r) => r.isEstimated),
    changes: detectChanges(data.daily, periods),
    newServices,
    forecast,
    anomalies: data.anomalyMonitors > 0 ? data.anomalies : undefined,
    untaggedShare: grouping.kind === "tag" ? (total === 0 ? 0 : (untagged?.amount ?? 0) / total) : undefined,
  };
}
