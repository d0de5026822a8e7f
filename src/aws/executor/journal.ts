/**
 * The execution journal: one append-only, hash-chained JSON-lines file per run
 * (`<workspace>/executions/<run id>/journal.jsonl`). Each step's start is written before its
 * call and its result after, so an interrupted run can be resumed and a finished one rolled
 * back. Reading checks the chain and that every step it names is in the plan it was run for:
 * an edited journal (a step added, a line changed or removed) is refused.
 */
import { createHash } from "node:crypto";
import { appendFileSync, mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { canonicalJson } from "../../core/canonical-json.js";
import { RefusedError, UsageError } from "../../core/errors.js";
import type { Plan } from "../../core/plans/plan.js";

export type JournalEvent =
  | {
      type: "run-started";
      runId: string;
      planId: string;
      planHash: string;
      profile: string;
      account: string;
      /** A rollback run names the run it reverses. */
      reverses?: string;
    }
  | { type: "step-started"; stepId: string; action: string; region: string }
  | {
      type: "step-completed";
      stepId: string;
      outputs: Record<string, unknown>;
      /** Found by its tags after an interrupted call, not made again. */
      reconciled?: boolean;
    }
  | { type: "step-failed"; stepId: string; errorName: string; message: string }
  | { type: "step-skipped"; stepId: string }
  | { type: "step-rolled-back"; stepId: string }
  | { type: "run-ended"; status: RunStatus };

export type RunStatus = "completed" | "failed" | "stopped" | "interrupted" | "rolled-back";

export type JournalRecord = JournalEvent & { seq: number; at: string; prev: string; hash: string };

const GENESIS = "0".repeat(64);

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

function hashOf(record: Omit<JournalRecord, "hash">): string {
  return sha256(canonicalJson(record));
}

export class Journal {
  readonly file: string;
  private seq = 0;
  private prev = GENESIS;

  constructor(
    readonly runId: string,
    readonly dir: string,
    private readonly now: () => Date,
    existing: readonly JournalRecord[] = [],
  ) {
    this.file = join(dir, "journal.jsonl");
    mkdirSync(dir, { recursive: true });
    const last = existing.at(-1);
    if (last !== undefined) {
      this.seq = last.seq;
      this.prev = last.hash;
    }
  }

  append(event: JournalEvent): JournalRecord {
    const body = { ...event, seq: this.seq + 1, at: this.now().toISOString(), prev: this.prev } as Omit<
      JournalRecord,
      "hash"
    >;
    const record = { ...body, hash: hashOf(body) } as JournalRecord;
    appendFileSync(this.file, JSON.stringify(record) + "\n", { mode: 0o600 });
    this.seq = record.seq;
    this.prev = record.hash;
    return record;
  }
}

export function executionsDir(workspaceDir: string): string {
  return join(workspaceDir, "executions");
}

/** Read a run's journal and check its chain. */
export function readJournal(workspaceDir: string, runId: string): JournalRecord[] {
  if (!/^run-[a-z0-9-]+$/.test(runId)) {
    throw new UsageError(`"${runId}" is not a run id (run-…)`, {
      code: "RunNotFound",
      hint: "See `aws-coworker runs list`.",
    });
  }
  const file = join(executionsDir(workspaceDir), runId, "journal.jsonl");
  if (!existsSync(file)) {
    throw new UsageError(`no execution run ${runId} in this workspace`, {
      code: "RunNotFound",
      hint: "See `aws-coworker runs list` for the runs there are.",
    });
  }
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "");
  const records: JournalRecord[] = [];
  let prev = GENESIS;
  lines.forEach((line, i) => {
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      throw tampered(runId, `line ${i + 1} is not JSON`);
    }
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      throw tampered(runId, `line ${i + 1} is not a journal record`);
    }
    const { hash, ...body } = record;
    if (record.seq !== i + 1 || record.prev !== prev || hashOf(body) !== hash) {
      throw tampered(runId, `line ${i + 1} was edited, removed or reordered`);
    }
    prev = hash;
    records.push(record);
  });
  if (records[0]?.type !== "run-started") throw tampered(runId, "it does not begin with the run's start");
  return records;
}

/** Check that a journal belongs to this plan and names only its steps (and their rollbacks). */
export function checkJournalAgainstPlan(runId: string, records: readonly JournalRecord[], plan: Plan): void {
  const start = records[0];
  if (start?.type !== "run-started" || start.planId !== plan.id || start.planHash !== plan.hash) {
    throw tampered(
      runId,
      `it was not written for plan ${plan.id} as it stands (hash ${plan.hash.slice(0, 12)}…)`,
    );
  }
  const ids = new Set(plan.steps.map((s) => s.id));
  for (const r of records) {
    if ("stepId" in r && !ids.has(r.stepId))
      throw tampered(runId, `it names step ${r.stepId}, which plan ${plan.id} does not have`);
  }
}

function tampered(runId: string, what: string): RefusedError {
  return new RefusedError(
    "JournalTampered",
    "journal",
    `the journal of run ${runId} cannot be trusted: ${what}.`,
    {
      hint: "Nothing was sent to AWS. Review what the run did with `aws-coworker runs show`, then draft a new plan.",
    },
  );
}

export interface JournalState {
  completed: Map<string, Record<string, unknown>>;
  /** Steps whose call started and whose result was never written (a crash). */
  inFlight: Set<string>;
  failed: Set<string>;
  skipped: Set<string>;
  rolledBack: Set<string>;
  /** Completed steps in the order they completed. */
  order: string[];
  status: RunStatus | "running";
}

export function journalState(records: readonly JournalRecord[]): JournalState {
  const state: JournalState = {
    completed: new Map(),
    inFlight: new Set(),
    failed: new Set(),
    skipped: new Set(),
    rolledBack: new Set(),
    order: [],
    status: "running",
  };
  for (const r of records) {
    switch (r.type) {
      case "step-started":
        state.inFlight.add(r.stepId);
        state.failed.delete(r.stepId);
        break;
      case "step-completed":
        state.inFlight.delete(r.stepId);
        state.completed.set(r.stepId, r.outputs);
        state.order.push(r.stepId);
        break;
      case "step-failed":
        state.inFlight.delete(r.stepId);
        state.failed.add(r.stepId);
        break;
      case "step-skipped":
        state.skipped.add(r.stepId);
        break;
      case "step-rolled-back":
        state.rolledBack.add(r.stepId);
        break;
      case "run-ended":
        state.status = r.status;
        break;
      case "run-started":
        break;
    }
  }
  return state;
}

/** Every run id in the workspace, newest first (ids sort by time). */
export function listRunIds(workspaceDir: string): string[] {
  const dir = executionsDir(workspaceDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => d.startsWith("run-"))
    .sort()
    .reverse();
}
