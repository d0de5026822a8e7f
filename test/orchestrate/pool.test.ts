import { describe, expect, test } from "vitest";
import { AbortError, RefusedError } from "../../src/core/errors.js";
import { runPartitions } from "../../src/orchestrate/pool.js";
import { recordingIoHost } from "../_helpers/recording-io-host.js";

const spanOf = (n: number) => ({ id: `p${n}`, label: `partition ${n}` });

describe("runPartitions", () => {
  test("runs every partition and returns the outcomes in input order", async () => {
    const io = recordingIoHost();
    const outcomes = await runPartitions([3, 1, 2], async (n) => n * 10, { concurrency: 2, io, spanOf });
    expect(outcomes).toEqual([
      { ok: true, partition: 3, value: 30 },
      { ok: true, partition: 1, value: 10 },
      { ok: true, partition: 2, value: 20 },
    ]);
  });

  test("never runs more than `concurrency` partitions at once", async () => {
    let running = 0;
    let peak = 0;
    const io = recordingIoHost();
    await runPartitions(
      [1, 2, 3, 4, 5, 6, 7],
      async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        running--;
      },
      { concurrency: 3, io, spanOf },
    );
    expect(peak).toBe(3);
  });

  test("reports a failed partition as an outcome and keeps running the others", async () => {
    const io = recordingIoHost();
    const boom = new Error("boom");
    const outcomes = await runPartitions(
      [1, 2, 3],
      async (n) => {
        if (n === 2) throw boom;
        return n;
      },
      { concurrency: 1, io, spanOf, countersOf: (v) => ({ resources: v }) },
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toEqual({ ok: false, partition: 2, error: boom });
    expect(io.spans.filter((s) => s.kind === "end").map((s) => [s.id, s.ok, s.error])).toEqual([
      ["p1", true, undefined],
      ["p2", false, "boom"],
      ["p3", true, undefined],
    ]);
  });

  test("emits a span start and end per partition, with counters", async () => {
    const io = recordingIoHost();
    let t = 0;
    await runPartitions([5], async (n) => n, {
      concurrency: 1,
      io,
      spanOf,
      countersOf: (v) => ({ resources: v }),
      now: () => (t += 7),
    });
    expect(io.spans).toEqual([
      { kind: "start", id: "p5", label: "partition 5" },
      { kind: "end", id: "p5", label: "partition 5", ok: true, durationMs: 7, counters: { resources: 5 } },
    ]);
  });

  test("a refusal propagates and no further partition starts", async () => {
    const io = recordingIoHost();
    const started: number[] = [];
    const refusal = new RefusedError("MutationNotAuthorized", "ec2:TerminateInstances", "refused");
    await expect(
      runPartitions(
        [1, 2, 3, 4],
        async (n) => {
          started.push(n);
          if (n === 2) throw refusal;
          return n;
        },
        { concurrency: 1, io, spanOf },
      ),
    ).rejects.toBe(refusal);
    expect(started).toEqual([1, 2]);
  });

  test("an empty list gives no outcomes", async () => {
    expect(await runPartitions([], async () => 1, { concurrency: 4, io: recordingIoHost(), spanOf })).toEqual(
      [],
    );
  });

  test("a group runs on one worker, in order, never two of its partitions at once", async () => {
    const io = recordingIoHost();
    const running = new Map<string, number>();
    let overlap = false;
    const order: string[] = [];
    const items = ["a/1", "b/1", "a/2", "b/2", "a/3", "c/1"];
    await runPartitions(
      items,
      async (item) => {
        const group = item.split("/")[0] ?? "";
        running.set(group, (running.get(group) ?? 0) + 1);
        if ((running.get(group) ?? 0) > 1) overlap = true;
        order.push(item);
        await new Promise((r) => setImmediate(r));
        running.set(group, (running.get(group) ?? 1) - 1);
      },
      { concurrency: 3, io, spanOf: (s) => ({ id: s, label: s }), groupOf: (s) => s.split("/")[0] ?? "" },
    );
    expect(overlap).toBe(false);
    expect(order.filter((s) => s.startsWith("a/"))).toEqual(["a/1", "a/2", "a/3"]);
    expect(order).toHaveLength(items.length);
  });

  test("never more keys in flight than the limit, and every partition still runs", async () => {
    const io = recordingIoHost();
    const active = new Map<string, number>();
    let peak = 0;
    const items = ["1/a", "1/b", "2/a", "2/b", "3/a", "3/b", "4/a"];
    const outcomes = await runPartitions(
      items,
      async (item) => {
        const key = item.split("/")[0] ?? "";
        active.set(key, (active.get(key) ?? 0) + 1);
        peak = Math.max(peak, [...active.values()].filter((n) => n > 0).length);
        await new Promise((r) => setTimeout(r, 1));
        active.set(key, (active.get(key) ?? 1) - 1);
        return item;
      },
      {
        concurrency: 6,
        io,
        spanOf: (s) => ({ id: s, label: s }),
        inFlight: { keyOf: (s) => s.split("/")[0] ?? "", limit: 2 },
      },
    );
    expect(peak).toBeLessThanOrEqual(2);
    expect(outcomes.map((o) => o.ok && o.value)).toEqual(items);
  });

  test("an aborted signal starts nothing more; partitions never started end as AbortError outcomes without a span", async () => {
    const io = recordingIoHost();
    const controller = new AbortController();
    const outcomes = await runPartitions(
      [1, 2, 3, 4, 5],
      async (n) => {
        if (n === 2) controller.abort();
        return n;
      },
      { concurrency: 1, io, spanOf, signal: controller.signal },
    );
    expect(outcomes.slice(0, 2)).toEqual([
      { ok: true, partition: 1, value: 1 },
      { ok: true, partition: 2, value: 2 },
    ]);
    for (const o of outcomes.slice(2)) {
      expect(o.ok).toBe(false);
      expect(!o.ok && o.error).toBeInstanceOf(AbortError);
    }
    expect(io.spans.filter((s) => s.kind === "start").map((s) => s.id)).toEqual(["p1", "p2"]);
  });
});
