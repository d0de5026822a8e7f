import { describe, expect, test } from "vitest";
import { CORE_DEFAULTS } from "../../src/core/config/defaults.js";
import { planPartitions, unitKey } from "../../src/orchestrate/partition.js";
import { assessScope, DEFAULT_MS_PER_CALL, formatDuration, timeLevel } from "../../src/orchestrate/scope.js";

const thresholds = CORE_DEFAULTS.orchestration.thresholds;
const accounts = (n: number, regions: number) =>
  Array.from({ length: n }, (_, i) => ({ id: String(i).padStart(12, "0"), regions }));

describe("assessScope", () => {
  test("counts partitions: regional services per account × region, global services once per account", () => {
    const a = assessScope({
      accounts: [
        { id: "1", regions: 4 },
        { id: "2", regions: 2 },
      ],
      regionalServices: 9,
      globalServices: 1,
      thresholds,
      maxParallelWorkers: 10,
    });
    expect(a.partitions).toBe(6 * 9 + 2);
    expect(a.accountRegions).toBe(6);
    expect(a.regionsPerAccount).toBe(4);
    expect(a.services).toBe(10);
    expect(a.msPerCall).toBe(DEFAULT_MS_PER_CALL);
    expect(a.isLatencyMeasured).toBe(false);
  });

  test("estimates time from the measured latency, divided by the parallelism, without the resumed partitions", () => {
    const a = assessScope({
      accounts: accounts(1, 10),
      regionalServices: 10,
      globalServices: 0,
      donePartitions: 40,
      measuredMsPerCall: 500,
      thresholds,
      maxParallelWorkers: 10,
    });
    expect(a.pending).toBe(60);
    expect(a.estimatedCalls).toBe(120);
    expect(a.estimatedSeconds).toBeCloseTo((120 * 500) / 10 / 1000);
    expect(a.isLatencyMeasured).toBe(true);
  });

  test.each([
    [1, 1, "below", "below", false],
    [3, 1, "advise", "below", true],
    [10, 1, "partition", "below", true],
    [1, 3, "below", "advise", true],
    [1, 8, "below", "partition", true],
  ] as const)("%i accounts × %i regions → accounts %s, regions %s (advised: %s)", (n, r, la, lr, advised) => {
    const a = assessScope({
      accounts: accounts(n, r),
      regionalServices: 1,
      globalServices: 0,
      thresholds,
      maxParallelWorkers: 10,
    });
    expect(a.levels.accounts).toBe(la);
    expect(a.levels.regions).toBe(lr);
    expect(a.isAdvised).toBe(advised);
  });

  test("past requireApproval the work needs a yes; the reason names the threshold", () => {
    const a = assessScope({
      accounts: accounts(50, 17),
      regionalServices: 10,
      globalServices: 1,
      measuredMsPerCall: 400,
      thresholds,
      maxParallelWorkers: 10,
    });
    expect(a.levels.time).toBe("requireApproval");
    expect(a.needsApproval).toBe(true);
    expect(a.reasons).toContain("50 accounts (partitioned from 10)");
    expect(a.reasons).toContain("17 regions per account (partitioned from 8)");
  });

  test.each([
    [0.2, "<1 s"],
    [40, "~40 s"],
    [480, "~8 min"],
    [7500, "~2 h 5 min"],
  ])("formatDuration(%d) = %s", (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });

  test("timeLevel compares with the estimatedSeconds thresholds", () => {
    expect(timeLevel(299, thresholds)).toBe("below");
    expect(timeLevel(300, thresholds)).toBe("advise");
    expect(timeLevel(600, thresholds)).toBe("requireApproval");
  });
});

describe("planPartitions", () => {
  const plan = (n: number, regions: number, ms = 150, services = 10) => {
    const assessment = assessScope({
      accounts: accounts(n, regions),
      regionalServices: services,
      globalServices: 0,
      measuredMsPerCall: ms,
      thresholds,
      maxParallelWorkers: 10,
    });
    return planPartitions({
      assessment,
      pendingPerAccount: accounts(n, regions).map((a) => ({
        account: a.id,
        partitions: regions * services,
        regions,
      })),
      maxParallelWorkers: 10,
      thresholds,
    });
  };

  test("a small scope: every partition is its own unit, as many workers as allowed", () => {
    const p = plan(1, 2);
    expect(p.by).toBe("service");
    expect(p.workers).toBe(10);
    expect(p.summary).toMatch(/^<1 s, 10 workers, one per account, region and service$|^~\d+ s, 10 workers/);
  });

  test("many regions: one worker per region", () => {
    const p = plan(1, 8, 8000);
    expect(p.by).toBe("region");
    expect(p.workers).toBe(8);
    expect(p.summary).toBe("~3 min, 8 workers, one per region");
  });

  test("many accounts: one worker per account, as many accounts in flight as workers", () => {
    const p = plan(12, 2);
    expect(p.by).toBe("account");
    expect(p.workers).toBe(10);
    expect(p.accountsInFlight).toBe(10);
    expect(p.summary).toMatch(/10 workers, one per account$/);
  });

  test("many accounts and many regions: one per account × region, a few accounts at a time", () => {
    const p = plan(20, 10);
    expect(p.by).toBe("account-region");
    expect(p.workers).toBe(10);
    expect(p.accountsInFlight).toBe(2);
  });

  test("the longest unit bounds the estimate from below", () => {
    // one account, 8 regions × 10 services on 8 workers: 10 partitions each, in sequence
    const p = plan(1, 8, 1000);
    expect(p.estimatedSeconds).toBeCloseTo(10 * 2 * 1);
  });

  test("the plan asks for approval past the threshold, and says why", () => {
    const p = plan(60, 17, 300);
    expect(p.time).toBe("requireApproval");
    expect(p.isAdvised).toBe(true);
    expect(p.reasons.at(-1)).toMatch(/estimated \(approval from ~10 min\)$/);
  });

  test("unitKey groups partitions by the strategy", () => {
    const p = { account: "1", region: "r", service: "s" };
    expect(unitKey("account", p)).toBe("1");
    expect(unitKey("region", p)).toBe("1/r");
    expect(unitKey("account-region", p)).toBe("1/r");
    expect(unitKey("service", p)).toBe("1/r/s");
  });
});
