import { describe, expect, test } from "vitest";
import { ProgressBoard } from "../../src/orchestrate/progress.js";

describe("ProgressBoard", () => {
  test("tracks queued, running, done and failed per account, the percentage and the time left", () => {
    let t = 0;
    const board = new ProgressBoard(() => t);
    board.plan({ total: 5, resumed: 1, pending: ["1/r/a", "1/r/b", "2/r/a", "2/r/b"] });
    expect(board.snapshot()).toMatchObject({ total: 5, queued: 4, percent: 20, secondsLeft: undefined });

    board.start({ id: "1/r/a", label: "a" });
    board.start({ id: "2/r/a", label: "a2" });
    t = 2000;
    board.end({ id: "1/r/a", label: "a", ok: true, durationMs: 2000, counters: { resources: 3 } });
    board.end({ id: "2/r/a", label: "a2", ok: false, durationMs: 2000, counters: {}, error: "denied" });
    const s = board.snapshot();
    expect(s).toMatchObject({ done: 1, failed: 1, queued: 2, percent: 60, elapsedSeconds: 2 });
    expect(s.secondsLeft).toBeCloseTo(2);
    expect(s.accounts).toEqual([
      { account: "1", queued: 1, running: 0, done: 1, failed: 0, resources: 3, counters: { resources: 3 } },
      { account: "2", queued: 1, running: 0, done: 0, failed: 1, resources: 0, counters: {} },
    ]);
  });

  test("without a plan, it still counts the spans it sees", () => {
    const board = new ProgressBoard(() => 0);
    board.start({ id: "x", label: "x" });
    expect(board.snapshot()).toMatchObject({ total: 1, running: [{ id: "x" }], queued: 0 });
  });
});
