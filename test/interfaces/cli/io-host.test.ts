import { describe, expect, test } from "vitest";
import { createCliIoHost, type CliIoHostOptions } from "../../../src/interfaces/cli/io-host.js";

function host(over: Partial<CliIoHostOptions> = {}) {
  let err = "";
  let t = 0;
  const io = createCliIoHost({
    stderr: (text) => void (err += text),
    isTTY: false,
    isCI: false,
    color: false,
    debug: false,
    clock: () => (t += 500),
    ...over,
  });
  return { io, err: () => err };
}

const plan = (ids: string[]) => ({
  code: "CW_ORC_I0002",
  level: "info" as const,
  message: `reading ${ids.length} of ${ids.length} partitions`,
  data: { total: ids.length, resumed: 0, pending: ids },
});
const ids = ["111111111111/us-east-1/ec2", "111111111111/us-east-1/s3", "222222222222/us-east-1/ec2"];

describe("the CLI IoHost's progress", () => {
  test("not on a TTY: one plain line per finished partition, with its position in the run", () => {
    const { io, err } = host();
    io.notify(plan(ids));
    io.spanStart({ id: ids[0]!, label: "EC2 in 111111111111 us-east-1" });
    io.spanEnd({
      id: ids[0]!,
      label: "EC2 in 111111111111 us-east-1",
      ok: true,
      durationMs: 12,
      counters: { resources: 3 },
    });
    io.spanStart({ id: ids[2]!, label: "EC2 in 222222222222 us-east-1" });
    io.spanEnd({
      id: ids[2]!,
      label: "EC2 in 222222222222 us-east-1",
      ok: false,
      durationMs: 5,
      counters: {},
      error: "denied",
    });
    expect(err()).toBe(
      "reading 3 of 3 partitions\n" +
        "✓ [1/3] EC2 in 111111111111 us-east-1: 3 resources (12 ms)\n" +
        "✗ [2/3] EC2 in 222222222222 us-east-1: denied (5 ms)\n",
    );
    expect(err()).not.toContain("\x1b[");
  });

  test("on a TTY: a live block per account and per running partition, redrawn in place, cleared at the end", () => {
    const { io, err } = host({ isTTY: true });
    io.notify(plan(ids));
    io.spanStart({ id: ids[0]!, label: "EC2 in 111111111111 us-east-1" });
    io.spanStart({ id: ids[2]!, label: "EC2 in 222222222222 us-east-1" });
    const block = err();
    expect(block).toMatch(/0% · 0\/3 partitions · 2 running · 1 queued/);
    expect(block).toMatch(/111111111111 {2}running {2}0 done · 1 running · 1 queued · 0 resources/);
    expect(block).toMatch(/› EC2 in 222222222222 us-east-1 \d+\.\d s/);
    io.spanEnd({
      id: ids[0]!,
      label: "EC2 in 111111111111 us-east-1",
      ok: true,
      durationMs: 12,
      counters: { resources: 3 },
    });
    // moved up and cleared before redrawing
    const rest = err().slice(block.length);
    expect(rest.startsWith("\r\x1b[")).toBe(true);
    expect(rest).toMatch(/^\r.\[\d+A.\[J/);
    expect(err()).toMatch(/33% · 1\/3 partitions/);
    expect(err()).toMatch(/left/);
    io.finish();
    expect(err().endsWith("\x1b[J")).toBe(true);
  });

  test("on a TTY, an account's line sums what its partitions counted (the changes review's pages and events)", () => {
    const { io, err } = host({ isTTY: true });
    const cells = [
      "111111111111/us-east-1/cloudtrail-events",
      "111111111111/eu-west-1/cloudtrail-events",
      "222222222222/us-east-1/cloudtrail-events",
    ];
    io.notify(plan(cells));
    for (const [i, id] of cells.slice(0, 2).entries()) {
      io.spanStart({ id, label: `CloudTrail events ${i}` });
      io.spanEnd({
        id,
        label: `CloudTrail events ${i}`,
        ok: true,
        durationMs: 12,
        counters: { pages: 3, events: 120 },
      });
    }
    io.spanStart({ id: cells[2]!, label: "CloudTrail events 2" });
    expect(err()).toMatch(/111111111111 {2}done {2}2 done · 0 running · 0 queued · 6 pages · 240 events/);
    io.finish();
  });

  test("in CI, even on a TTY, progress is plain lines", () => {
    const { io, err } = host({ isTTY: true, isCI: true });
    io.spanStart({ id: "a", label: "A" });
    io.spanEnd({ id: "a", label: "A", ok: true, durationMs: 1, counters: {} });
    expect(err()).toBe("✓ [1/1] A (1 ms)\n");
  });

  test("--quiet: no progress and no info messages; the announcement and warnings stay", () => {
    const { io, err } = host({ isTTY: true, quiet: true });
    io.notify({ code: "CW_CTX_I0001", level: "info", message: "READ-ONLY: inventory" });
    io.notify(plan(ids));
    io.notify({ code: "CW_ORC_I0001", level: "info", message: "plan: ~1 s" });
    io.spanStart({ id: ids[0]!, label: "EC2" });
    io.spanEnd({ id: ids[0]!, label: "EC2", ok: true, durationMs: 1, counters: {} });
    io.notify({ code: "CW_ORC_W0001", level: "warn", message: "skipped 2 regions" });
    expect(err()).toBe("READ-ONLY: inventory\nwarning: skipped 2 regions\n");
  });

  test("asks only where a person can answer", async () => {
    const asked: string[] = [];
    const ask = async (q: string) => {
      asked.push(q);
      return "yes";
    };
    expect(host({ isTTY: true, ask }).io.canAsk).toBe(true);
    expect(await host({ isTTY: true, ask }).io.confirm("Start it?")).toBe(true);
    expect(asked).toEqual(["Start it? [y/N] "]);
    expect(host({ isTTY: false, ask }).io.canAsk).toBe(false);
    expect(await host({ isTTY: true, isCI: true, ask }).io.confirm("Start it?")).toBe(false);
  });
});
