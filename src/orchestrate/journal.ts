/**
 * The run journal: what a long run has finished, on disk, so an interrupted or partly failed
 * run can be resumed without doing the finished work again.
 *
 *   <runs dir>/<run id>/run.json          the run: workflow, scope, status, times
 *   <runs dir>/<run id>/partitions.jsonl  one JSON line per finished unit (appended in order)
 *
 * Lines are appended one at a time (never two writes at once), so a crash leaves at most a
 * torn last line, which is ignored when the journal is read back. Nothing secret is written:
 * callers journal results (resource records), never credentials.
 */
import { appendFile, mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../core/errors.js";

export type RunStatus = "running" | "complete" | "partial" | "interrupted";

export interface RunMeta {
  runId: string;
  workflow: string;
  /** Canonical JSON of the run's scope: a resume must ask for the same scope. */
  scopeKey: string;
  /** The scope in words, for messages (`--accounts all --regions all`). */
  scopeLabel: string;
  status: RunStatus;
  /** ISO 8601. */
  startedAt: string;
  updatedAt: string;
  /** How many times the run was started (1 + resumes). */
  attempts: number;
}

export interface RunJournal {
  readonly meta: RunMeta;
  /** The directory of this run. */
  readonly dir: string;
  /** Whether this run continues an earlier one (--resume). */
  readonly isResumed: boolean;
  /** The entries earlier attempts wrote, in order. */
  readonly entries: readonly unknown[];
  append(entry: unknown): Promise<void>;
  setStatus(status: RunStatus): Promise<void>;
}

export interface OpenRunJournalOptions {
  /** The folder that holds the runs (`<workspace>/runs`). */
  runsDir: string;
  workflow: string;
  scopeKey: string;
  scopeLabel: string;
  /** true: the latest unfinished run of the same scope, if any; a string: that run. */
  resume: string | true | undefined;
  now: () => Date;
  /** A short random suffix for new run ids. */
  randomSuffix: () => string;
}

const RUN_FILE = "run.json";
const ENTRIES_FILE = "partitions.jsonl";

export async function openRunJournal(options: OpenRunJournalOptions): Promise<RunJournal> {
  const previous = await findRun(options);
  const now = options.now().toISOString();
  let meta: RunMeta;
  let entries: unknown[] = [];
  if (previous !== undefined) {
    meta = { ...previous, status: "running", updatedAt: now, attempts: previous.attempts + 1 };
    entries = await readEntries(join(options.runsDir, previous.runId, ENTRIES_FILE));
  } else {
    const runId = `${now.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${options.randomSuffix()}`;
    meta = {
      runId,
      workflow: options.workflow,
      scopeKey: options.scopeKey,
      scopeLabel: options.scopeLabel,
      status: "running",
      startedAt: now,
      updatedAt: now,
      attempts: 1,
    };
  }
  const dir = join(options.runsDir, meta.runId);
  await mkdir(dir, { recursive: true });
  await writeMeta(dir, meta);

  let queue: Promise<void> = Promise.resolve();
  const journal: RunJournal = {
    get meta() {
      return meta;
    },
    dir,
    isResumed: previous !== undefined,
    entries,
    append(entry) {
      const line = `${JSON.stringify(entry)}\n`;
      queue = queue.then(() => appendFile(join(dir, ENTRIES_FILE), line, "utf8"));
      return queue;
    },
    async setStatus(status) {
      await queue;
      meta = { ...meta, status, updatedAt: options.now().toISOString() };
      await writeMeta(dir, meta);
    },
  };
  return journal;
}

async function findRun(options: OpenRunJournalOptions): Promise<RunMeta | undefined> {
  if (options.resume === undefined) return undefined;
  const runs = await listRuns(options.runsDir);
  const sameWorkflow = runs.filter((r) => r.workflow === options.workflow);
  if (options.resume === true) {
    return sameWorkflow
      .filter((r) => r.scopeKey === options.scopeKey && r.status !== "complete")
      .sort((a, b) => (a.runId < b.runId ? 1 : -1))[0];
  }
  const run = sameWorkflow.find((r) => r.runId === options.resume);
  if (run === undefined) {
    const known = sameWorkflow.map((r) => r.runId).slice(-5);
    throw new UsageError(
      `there is no ${options.workflow} run "${options.resume}" to resume in ${options.runsDir}`,
      {
        code: "RunNotFound",
        hint:
          known.length > 0
            ? `Runs there: ${known.join(", ")}; or pass --resume alone for the latest unfinished run of the same scope.`
            : "Run it without --resume first.",
      },
    );
  }
  if (run.scopeKey !== options.scopeKey) {
    throw new UsageError(
      `run ${run.runId} covered ${run.scopeLabel}, not ${options.scopeLabel}; a resumed run must ask for the same scope`,
      {
        code: "RunScopeMismatch",
        hint: `Run again with ${run.scopeLabel} --resume ${run.runId}, or start a new run.`,
      },
    );
  }
  return run;
}

/** Every run in the folder, in no particular order (unreadable ones left out). */
export async function listRuns(runsDir: string): Promise<RunMeta[]> {
  let names: string[];
  try {
    names = await readdir(runsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const metas: RunMeta[] = [];
  for (const name of names) {
    try {
      metas.push(JSON.parse(await readFile(join(runsDir, name, RUN_FILE), "utf8")) as RunMeta);
    } catch (error) {
      // A folder without a readable run.json is not a run (a crash before its first write).
      if ((error as NodeJS.ErrnoException).code === "ENOENT" || error instanceof SyntaxError) continue;
      throw error;
    }
  }
  return metas;
}

async function readEntries(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const lines = text.split("\n").filter((l) => l !== "");
  const entries: unknown[] = [];
  for (const [i, line] of lines.entries()) {
    try {
      entries.push(JSON.parse(line));
    } catch (error) {
      // Only the last line can be torn (a crash mid-append): drop it from the file, so the
      // next append starts on a line of its own. Anything else is damage to report.
      if (i === lines.length - 1 && !text.endsWith("\n")) {
        const kept = entries.map((e) => `${JSON.stringify(e)}\n`).join("");
        await writeFile(`${file}.tmp`, kept, "utf8");
        await rename(`${file}.tmp`, file);
        break;
      }
      throw new UsageError(`the run journal ${file} is damaged at line ${i + 1}`, {
        code: "JournalDamaged",
        hint: "Start a new run without --resume.",
        cause: error,
      });
    }
  }
  return entries;
}

async function writeMeta(dir: string, meta: RunMeta): Promise<void> {
  const file = join(dir, RUN_FILE);
  await writeFile(`${file}.tmp`, `${JSON.stringify(meta, null, 2)}\n`, "utf8");
  await rename(`${file}.tmp`, file);
}
