import { describe, expect, it } from "vitest";
import { costPeriods, mergeRanges } from "../../../src/core/cost/cost-period.js";
import { isSignificant } from "../../../src/core/cost/cost-overview.js";
import { UsageError } from "../../../src/core/errors.js";

describe("costPeriods", () => {
  it.each([
    // [period, now, current, previous]
    ["month-to-date", "2026-11-18T12:00:00Z", ["2026-11-01", "2026-11-19"], ["2026-10-01", "2026-10-19"]],
    ["month-to-date", "2026-03-31T08:00:00Z", ["2026-03-01", "2026-04-01"], ["2026-02-01", "2026-03-01"]],
    ["month-to-date", "2026-11-01T00:00:00Z", ["2026-11-01", "2026-11-02"], ["2026-10-01", "2026-10-02"]],
    ["last-month", "2026-01-15T00:00:00Z", ["2025-12-01", "2026-01-01"], ["2025-11-01", "2025-12-01"]],
    ["last-30d", "2026-11-18T12:00:00Z", ["2026-10-19", "2026-11-18"], ["2026-09-19", "2026-10-19"]],
    ["2026-09", "2026-11-18T12:00:00Z", ["2026-09-01", "2026-10-01"], ["2026-08-01", "2026-09-01"]],
    ["2026-11", "2026-11-18T12:00:00Z", ["2026-11-01", "2026-11-19"], ["2026-10-01", "2026-10-19"]],
  ])("%s at %s is %j, compared with %j", (period, now, current, previous) => {
    const p = costPeriods(period, new Date(now));
    expect([p.current.start, p.current.end]).toEqual(current);
    expect([p.previous.start, p.previous.end]).toEqual(previous);
  });

  it("reads the fewest disjoint ranges covering the periods, the last 15 days and the month so far", () => {
    const p = costPeriods("month-to-date", new Date("2026-11-18T12:00:00Z"));
    expect(p.reads).toEqual([{ start: "2026-10-01", end: "2026-11-19" }]);
    const old = costPeriods("2026-03", new Date("2026-11-18T12:00:00Z"));
    expect(old.reads).toEqual([
      { start: "2026-02-01", end: "2026-04-01" },
      { start: "2026-11-01", end: "2026-11-19" },
    ]);
    expect(old.forecast).toEqual({ start: "2026-11-18", end: "2026-12-01" });
  });

  it.each(["2026-13", "2027-01", "yesterday", ""])("%j is a usage error", (period) => {
    expect(() => costPeriods(period, new Date("2026-11-18T12:00:00Z"))).toThrow(UsageError);
  });

  it("merges touching ranges and keeps gaps", () => {
    expect(
      mergeRanges([
        { start: "2026-01-05", end: "2026-01-10" },
        { start: "2026-01-01", end: "2026-01-05" },
        { start: "2026-02-01", end: "2026-02-02" },
      ]),
    ).toEqual([
      { start: "2026-01-01", end: "2026-01-10" },
      { start: "2026-02-01", end: "2026-02-02" },
    ]);
  });
});

describe("isSignificant", () => {
  it.each([
    [100, 140, true],
    [100, 109, false], // under $10
    [100, 120, false], // under 25%
    [0, 10, true], // from nothing
    [0, 9, false],
    [200, 100, true], // a drop counts too
  ])("%d → %d: %s", (from, to, expected) => {
    expect(
      isSignificant({
        from,
        to,
        change: to - from,
        changeRatio: from === 0 ? undefined : (to - from) / from,
      }),
    ).toBe(expected);
  });
});
