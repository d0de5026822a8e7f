/**
 * `rollback <run>`: the reverse plan of a run, from its journal — the completed steps' rollback
 * calls in reverse order, with the ids the run recorded — saved as a new plan that goes through
 * the same approval and execution. What cannot be reversed is said in the plan's notes.
 */
import type { Config } from "../../core/config/schema.js";
import type { ResolvedContext } from "../../core/context/resolve.js";
import { UsageError } from "../../core/errors.js";
import { assemblePlan } from "../../core/plans/assemble.js";
import type { Plan, PlanStep } from "../../core/plans/plan.js";
import { resolveRefs } from "../../core/plans/refs.js";
import {
  checkJournalAgainstPlan,
  journalState,
  readJournal,
  type JournalState,
} from "../../aws/executor/journal.js";
import type { CreatePlanResult } from "./create.js";
import { newId, sha256, type PlanStore } from "./store.js";

export interface RollbackDeps {
  store: PlanStore;
  config: Config;
  context: ResolvedContext;
  now: () => Date;
  osUser: string;
}

export function reverseSteps(plan: Plan, state: JournalState): { steps: PlanStep[]; notes: string[] } {
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const outputs = Object.fromEntries(state.completed);
  const steps: PlanStep[] = [];
  const notes: string[] = [];
  for (const id of [...state.order].reverse()) {
    if (state.rolledBack.has(id)) continue;
    const step = byId.get(id)!;
    if (step.rollback.kind === "manual") {
      notes.push(`Cannot be reversed automatically — ${step.title}: ${step.rollback.instruction}`);
      continue;
    }
    if (step.rollback.kind === "none") continue;
    const rollback = step.rollback;
    rollback.calls.forEach((call, i) => {
      const undoId = `undo-${id}${rollback.calls.length > 1 ? `-${i + 1}` : ""}`;
      const previous = steps.at(-1);
      const last = i === rollback.calls.length - 1;
      steps.push({
        id: undoId,
        title: `Undo "${step.title}": ${call.action}`,
        service: call.service,
        action: call.action,
        region: step.region,
        params: resolveRefs(call.params, outputs),
        dependsOn: previous === undefined ? [] : [previous.id],
        outputs: {},
        ...(last &&
          rollback.validation !== undefined && { validation: resolveRefs(rollback.validation, outputs) }),
        rollback: {
          kind: "manual",
          instruction: `run plan ${plan.id} again (or draft it anew) to recreate what this removes`,
        },
        resources: step.resources.map((r) =>
          // Undoing a deletion creates a new resource (a new id): it is named, not identified.
          r.change === "delete"
            ? { type: r.type, name: r.name, change: "create" as const }
            : {
                type: r.type,
                name: r.name,
                ...(r.id !== undefined && { id: r.id }),
                change: r.change === "create" ? ("delete" as const) : ("modify" as const),
              },
        ),
      });
    });
    if (rollback.irreversible === true)
      notes.push(`${step.title}: what it removed cannot be brought back by its rollback.`);
  }
  return { steps, notes };
}

export function draftRollback(runId: string, deps: RollbackDeps): CreatePlanResult {
  const records = readJournal(deps.store.workspaceDir, runId);
  const start = records[0]!;
  if (start.type !== "run-started")
    throw new UsageError(`run ${runId} has no start record`, { code: "RunNotFound" });
  const plan = deps.store.load(start.planId);
  checkJournalAgainstPlan(runId, records, plan);
  const state = journalState(records);
  if (state.status === "running") {
    throw new UsageError(`run ${runId} has not ended (it was interrupted)`, {
      code: "RunNotEnded",
      hint: `Resume it (\`aws-coworker execute ${plan.id} --resume ${runId}\`) or, if it cannot go on, roll back what it did after it stops.`,
    });
  }
  const { steps, notes } = reverseSteps(plan, state);
  if (steps.length === 0) {
    throw new UsageError(
      `run ${runId} left nothing to undo${state.status === "rolled-back" ? " (it was rolled back already)" : ""}${notes.length > 0 ? `. ${notes.join(" ")}` : ""}`,
      {
        code: "NothingToDo",
        hint: "See `aws-coworker runs show " + runId + "`.",
      },
    );
  }
  const now = deps.now();
  const reverse = assemblePlan({
    id: newId("plan", now, "rollback"),
    now,
    createdBy: { osUser: deps.osUser, callerArn: deps.context.callerArn },
    blueprint: "rollback",
    parameters: { runId },
    context: plan.context,
    draft: { goal: `Roll back run ${runId} of plan ${plan.id} (${plan.goal})`, steps, cost: [], notes },
    requiredTags: {},
    allowedRegions: deps.context.profile.allowedRegions,
    config: deps.config,
    origin: { kind: "rollback", runId, planId: plan.id },
    sha256,
  });
  return { plan: reverse, files: deps.store.save(reverse) };
}
