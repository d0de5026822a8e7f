import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { UsageError } from "../../src/core/errors.js";
import { listRuns, openRunJournal, type OpenRunJournalOptions } from "../../src/orchestrate/journal.js";

function options(runsDir: string, over: Partial<OpenRunJournalOptions> = {}): OpenRunJournalOptions {
  let n = 0;
  return {
    runsDir,
    workflow: "inventory",
    scopeKey: '{"regions":"all"}',
    scopeLabel: "--regions all",
    resume: undefined,
    now: () => new Date(Date.UTC(2026, 10, 1, 12, 0, n++)),
    randomSuffix: () => "abc123",
    ...over,
  };
}

describe("the run journal", () => {
  test("a new run gets an id from its start time, a run.json and appended entries", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-journal-"));
    const journal = await openRunJournal(options(dir));
    expect(journal.meta.runId).toBe("20261101T120000Z-abc123");
    expect(journal.isResumed).toBe(false);
    await Promise.all([journal.append({ n: 1 }), journal.append({ n: 2 }), journal.append({ n: 3 })]);
    await journal.setStatus("partial");
    const lines = readFileSync(join(journal.dir, "partitions.jsonl"), "utf8").trim().split("\n");
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(JSON.parse(readFileSync(join(journal.dir, "run.json"), "utf8"))).toMatchObject({
      status: "partial",
      workflow: "inventory",
      attempts: 1,
    });
  });

  test("resume without an id takes the latest unfinished run of the same scope, with its entries", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-journal-"));
    const first = await openRunJournal(options(dir, { randomSuffix: () => "aaaaaa" }));
    await first.append({ n: 1 });
    await first.setStatus("interrupted");
    const done = await openRunJournal(
      options(dir, { randomSuffix: () => "bbbbbb", now: () => new Date(Date.UTC(2026, 10, 2)) }),
    );
    await done.setStatus("complete");
    const other = await openRunJournal(
      options(dir, {
        scopeKey: "{}",
        randomSuffix: () => "cccccc",
        now: () => new Date(Date.UTC(2026, 10, 3)),
      }),
    );
    await other.setStatus("partial");

    const resumed = await openRunJournal(options(dir, { resume: true }));
    expect(resumed.meta.runId).toBe(first.meta.runId);
    expect(resumed.isResumed).toBe(true);
    expect(resumed.meta.attempts).toBe(2);
    expect(resumed.entries).toEqual([{ n: 1 }]);
  });

  test("resume with nothing to resume starts a new run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-journal-"));
    const journal = await openRunJournal(options(dir, { resume: true }));
    expect(journal.isResumed).toBe(false);
    expect(await listRuns(dir)).toHaveLength(1);
  });

  test("resume by id: an unknown id or another scope is a usage error that says what to do", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-journal-"));
    const first = await openRunJournal(options(dir));
    await expect(openRunJournal(options(dir, { resume: "nope" }))).rejects.toThrow(UsageError);
    await expect(openRunJournal(options(dir, { resume: "nope" }))).rejects.toMatchObject({
      code: "RunNotFound",
      hint: expect.stringContaining(first.meta.runId),
    });
    await expect(
      openRunJournal(
        options(dir, { resume: first.meta.runId, scopeKey: "{}", scopeLabel: "--regions us-east-1" }),
      ),
    ).rejects.toMatchObject({ code: "RunScopeMismatch", message: expect.stringContaining("--regions all") });
  });

  test("a torn last line (a crash mid-append) is ignored; damage elsewhere is reported", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-journal-"));
    const journal = await openRunJournal(options(dir));
    await journal.append({ n: 1 });
    appendFileSync(join(journal.dir, "partitions.jsonl"), '{"n":');
    const resumed = await openRunJournal(options(dir, { resume: journal.meta.runId }));
    expect(resumed.entries).toEqual([{ n: 1 }]);

    await resumed.append({ n: 2 });
    expect(readFileSync(join(journal.dir, "partitions.jsonl"), "utf8")).toBe('{"n":1}\n{"n":2}\n');

    appendFileSync(join(journal.dir, "partitions.jsonl"), 'garbage\n{"n":3}\n');
    await expect(openRunJournal(options(dir, { resume: journal.meta.runId }))).rejects.toMatchObject({
      code: "JournalDamaged",
    });
  });
});
