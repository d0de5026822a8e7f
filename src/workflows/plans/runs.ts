/** `runs list` / `runs show`: execution runs from their journals. */
import { journalState, listRunIds, readJournal, type JournalRecord } from "../../aws/executor/journal.js";
import type { Plan } from "../../core/plans/plan.js";
import type { PlanStore } from "./store.js";

export interface RunSummary {
  runId: string;
  planId: string;
  goal: string | undefined;
  startedAt: string;
  status: string;
  completedSteps: number;
  totalSteps: number | undefined;
  /** Some completed step has a rollback that was not run yet. */
  isReversible: boolean;
  reverses?: string;
  /** Why the journal could not be read, when it could not. */
  problem?: string;
}

export function summarizeRun(
  store: PlanStore,
  runId: string,
): RunSummary & { records: JournalRecord[]; plan?: Plan } {
  const records = readJournal(store.workspaceDir, runId);
  const start = records[0]!;
  const state = journalState(records);
  let plan: Plan | undefined;
  try {
    plan = start.type === "run-started" ? store.load(start.planId) : undefined;
  } catch {
    plan = undefined;
  }
  const byId = new Map(plan?.steps.map((s) => [s.id, s]) ?? []);
  return {
    runId,
    planId: start.type === "run-started" ? start.planId : "?",
    goal: plan?.goal,
    startedAt: start.at,
    status: state.status,
    completedSteps: state.completed.size,
    totalSteps: plan?.steps.length,
    isReversible: state.order.some(
      (id) => !state.rolledBack.has(id) && byId.get(id)?.rollback.kind === "calls",
    ),
    ...(start.type === "run-started" && start.reverses !== undefined && { reverses: start.reverses }),
    records,
    ...(plan !== undefined && { plan }),
  };
}

/** Every run, newest first (by the time it started; ids break ties). */
export function listRuns(store: PlanStore): RunSummary[] {
  const runs = listRunIds(store.workspaceDir).map((runId): RunSummary => {
    try {
      const { records: _r, plan: _p, ...summary } = summarizeRun(store, runId);
      return summary;
    } catch (error) {
      return {
        runId,
        planId: "?",
        goal: undefined,
        startedAt: "",
        status: "unreadable",
        completedSteps: 0,
        totalSteps: undefined,
        isReversible: false,
        problem: error instanceof Error ? error.message : String(error),
      };
    }
  });
  return runs.sort((a, b) =>
    a.startedAt === b.startedAt ? (a.runId < b.runId ? 1 : -1) : a.startedAt < b.startedAt ? 1 : -1,
  );
}
