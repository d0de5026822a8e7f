/**
 * The executor: runs an approved plan's steps in dependency order, each through a client
 * factory authorised for exactly that step (plan id, hash, step, action, account, region),
 * journaling each step's start before its call and its result after; runs each step's
 * validation; on a failure asks what to do (retry, skip, roll back the completed steps, stop).
 * Rolling back within a run uses the rollback calls the approved plan already holds.
 *
 * It never decides whether a plan may run: the execute workflow checks the environment and
 * the approval first, and the gate checks every call again.
 */
import type { IoHost } from "../../core/io-host.js";
import type { Approval } from "../../core/plans/approval.js";
import {
  executionOrder,
  type Plan,
  type PlanStep,
  type StepCall,
  type StepValidation,
} from "../../core/plans/plan.js";
import { readOutputs, resolveRefs, valueAt, type StepOutputs } from "../../core/plans/refs.js";
import type { StepAuthorization } from "../../core/safety/gate.js";
import { iamActionFor } from "../middleware/guard.js";
import { iamPrefixOf, type ClientFactory } from "../clients.js";
import type { Journal, JournalState, RunStatus } from "./journal.js";

export type FailureChoice = "retry" | "skip" | "rollback" | "stop";

export interface RunPlanOptions {
  plan: Plan;
  approval: Approval;
  journal: Journal;
  /** What an earlier, interrupted run of the same plan did (resume). */
  resumeFrom?: JournalState;
  /** A factory whose gate admits exactly this step's call (and reads). */
  stepFactory: (authorization: StepAuthorization) => ClientFactory;
  /** The read-only factory, for validations and look-ups. */
  readFactory: ClientFactory;
  io: IoHost;
  sleep: (ms: number) => Promise<void>;
  onFailure: (step: PlanStep, error: Error, canSkip: boolean) => Promise<FailureChoice>;
  signal?: AbortSignal;
}

export interface StepOutcome {
  id: string;
  title: string;
  status: "completed" | "reconciled" | "failed" | "skipped" | "not-run" | "rolled-back" | "already-done";
  outputs: Record<string, unknown>;
  error?: { name: string; message: string };
  resources: Plan["steps"][number]["resources"];
}

export interface RunPlanResult {
  runId: string;
  status: RunStatus;
  steps: StepOutcome[];
  /** The call that failed a rollback, when rolling back within the run failed. */
  rollbackError?: { stepId: string; name: string; message: string };
}

const DONE: ReadonlySet<StepOutcome["status"]> = new Set(["completed", "reconciled", "already-done"]);

/** Errors that mean a re-run step had already been done by the interrupted run. */
const ALREADY_DONE = /AlreadyExists|AlreadyAssociated|Duplicate|AlreadyOwnedByYou/;

export async function runPlan(o: RunPlanOptions): Promise<RunPlanResult> {
  const { plan, journal } = o;
  const order = executionOrder(plan.steps);
  const outputs: Record<string, Record<string, unknown>> = {};
  const outcomes = new Map<string, StepOutcome>(
    order.map((s) => [
      s.id,
      { id: s.id, title: s.title, status: "not-run", outputs: {}, resources: s.resources },
    ]),
  );
  const done: string[] = [];
  for (const [id, out] of o.resumeFrom?.completed ?? []) {
    outputs[id] = out;
    done.push(id);
    outcomes.set(id, { ...outcomes.get(id)!, status: "completed", outputs: out });
  }
  const pending = order.filter((s) => outputs[s.id] === undefined);
  o.io.notify({
    code: "CW_ORC_I0002",
    level: "info",
    message: `running ${pending.length} of ${order.length} steps of plan ${plan.id}${done.length > 0 ? ` (${done.length} done in run ${journal.runId} already)` : ""}, one at a time`,
    data: { total: order.length, resumed: done.length, pending: pending.map((s) => `${plan.id}/${s.id}`) },
  });
  const finish = (status: RunStatus, extra: Partial<RunPlanResult> = {}): RunPlanResult => {
    journal.append({ type: "run-ended", status });
    return { runId: journal.runId, status, steps: order.map((s) => outcomes.get(s.id)!), ...extra };
  };

  const authorize = (stepId: string, call: StepCall, region: string): StepAuthorization => ({
    planId: plan.id,
    planHash: plan.hash,
    stepId,
    action: iamActionFor(iamPrefixOf(call.service), `${call.action}Command`),
    account: plan.context.account,
    region,
    approval: {
      planHash: o.approval.planHash,
      account: o.approval.account,
      profile: o.approval.profile,
      expiresAt: o.approval.expiresAt,
    },
  });
  const send = (stepId: string, call: StepCall, region: string, params: Record<string, unknown>) => {
    const factory = o.stepFactory(authorize(stepId, call, region));
    return factory.send(call.service, region, call.action, params).finally(() => factory.destroy());
  };

  for (const step of order) {
    if (outputs[step.id] !== undefined) continue;
    if (o.signal?.aborted === true) return finish("interrupted");
    if (step.dependsOn.some((d) => !DONE.has(outcomes.get(d)?.status ?? "not-run"))) {
      continue; // its inputs never came to be (a step it needs failed, was skipped, or did not run)
    }
    const span = { id: `${plan.id}/${step.id}`, label: step.title };
    const started = Date.now();
    o.io.spanStart(span);

    // A step whose call was made but never journaled: find what it made instead of making it twice.
    if (o.resumeFrom?.inFlight.has(step.id) === true && step.lookup !== undefined) {
      const found = await lookUp(o.readFactory, step, outputs);
      if (found !== undefined) {
        outputs[step.id] = found;
        done.push(step.id);
        journal.append({ type: "step-completed", stepId: step.id, outputs: found, reconciled: true });
        outcomes.set(step.id, { ...outcomes.get(step.id)!, status: "reconciled", outputs: found });
        o.io.spanEnd({ ...span, ok: true, durationMs: Date.now() - started, counters: { reconciled: 1 } });
        continue;
      }
    }

    for (;;) {
      journal.append({
        type: "step-started",
        stepId: step.id,
        action: `${step.service}:${step.action}`,
        region: step.region,
      });
      try {
        let answer: unknown;
        try {
          answer = await send(step.id, step, step.region, resolveRefs(step.params, outputs));
        } catch (error) {
          // "Already exists" answers a call our own earlier attempt made: the step's call on an
          // interrupted run, or an SDK retry whose first attempt went through (its answer lost).
          const isOwnEarlierAttempt =
            o.resumeFrom?.inFlight.has(step.id) === true ||
            ((error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1) > 1;
          if (isOwnEarlierAttempt && error instanceof Error && ALREADY_DONE.test(error.name)) {
            answer = undefined;
            outcomes.set(step.id, { ...outcomes.get(step.id)!, status: "already-done" });
          } else throw error;
        }
        const out = answer === undefined ? {} : readOutputs(answer, step.outputs);
        outputs[step.id] = out;
        if (step.validation !== undefined) await validate(o, step.validation, outputs, step.id);
        journal.append({ type: "step-completed", stepId: step.id, outputs: out });
        done.push(step.id);
        const previous = outcomes.get(step.id)!;
        outcomes.set(step.id, {
          ...previous,
          status: previous.status === "already-done" ? "already-done" : "completed",
          outputs: out,
        });
        o.io.spanEnd({
          ...span,
          ok: true,
          durationMs: Date.now() - started,
          counters: { resources: step.resources.length },
        });
        break;
      } catch (caught) {
        delete outputs[step.id];
        const error = caught instanceof Error ? caught : new Error(String(caught));
        journal.append({
          type: "step-failed",
          stepId: step.id,
          errorName: error.name,
          message: error.message,
        });
        outcomes.set(step.id, {
          ...outcomes.get(step.id)!,
          status: "failed",
          error: { name: error.name, message: error.message },
        });
        o.io.spanEnd({
          ...span,
          ok: false,
          durationMs: Date.now() - started,
          counters: {},
          error: error.message,
        });
        const choice = await o.onFailure(step, error, step.canSkip === true);
        if (choice === "retry") continue;
        if (choice === "skip" && step.canSkip === true) {
          journal.append({ type: "step-skipped", stepId: step.id });
          outcomes.set(step.id, { ...outcomes.get(step.id)!, status: "skipped" });
          break;
        }
        if (choice === "rollback") {
          const rollbackError = await rollBackCompleted(o, done, outputs, outcomes, send);
          return finish(
            rollbackError === undefined ? "rolled-back" : "failed",
            rollbackError === undefined ? {} : { rollbackError },
          );
        }
        return finish(choice === "stop" || choice === "skip" ? "stopped" : "failed");
      }
    }
  }
  const failed = [...outcomes.values()].some((s) => s.status === "failed" || s.status === "not-run");
  return finish(failed ? "stopped" : "completed");
}

async function rollBackCompleted(
  o: RunPlanOptions,
  done: readonly string[],
  outputs: StepOutputs,
  outcomes: Map<string, StepOutcome>,
  send: (stepId: string, call: StepCall, region: string, params: Record<string, unknown>) => Promise<unknown>,
): Promise<RunPlanResult["rollbackError"]> {
  const byId = new Map(o.plan.steps.map((s) => [s.id, s]));
  for (const id of [...done].reverse()) {
    const step = byId.get(id)!;
    if (step.rollback.kind !== "calls") continue;
    try {
      for (const call of step.rollback.calls)
        await send(step.id, call, step.region, resolveRefs(call.params, outputs));
      if (step.rollback.validation !== undefined)
        await validate(o, step.rollback.validation, outputs, step.id);
      o.journal.append({ type: "step-rolled-back", stepId: id });
      outcomes.set(id, { ...outcomes.get(id)!, status: "rolled-back" });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      return { stepId: id, name: e.name, message: e.message };
    }
  }
  return undefined;
}

async function lookUp(
  factory: ClientFactory,
  step: PlanStep,
  outputs: StepOutputs,
): Promise<Record<string, unknown> | undefined> {
  const lookup = step.lookup!;
  try {
    const answer = await factory.send(
      lookup.service,
      step.region,
      lookup.action,
      resolveRefs(lookup.params, outputs),
    );
    const found = readOutputs(answer, lookup.outputs);
    if (Object.keys(found).length < Object.keys(lookup.outputs).length) return undefined;
    // The look-up's outputs are named as the step's: keep those the step declares.
    return Object.fromEntries(
      Object.entries(found).filter(
        ([k]) => Object.hasOwn(step.outputs, k) || Object.keys(step.outputs).length === 0,
      ),
    );
  } catch (error) {
    if (error instanceof Error && /NotFound|NoSuch/.test(error.name)) return undefined;
    throw error;
  }
}

async function validate(
  o: RunPlanOptions,
  v: StepValidation,
  outputs: StepOutputs,
  stepId: string,
): Promise<void> {
  const attempts = v.attempts ?? 1;
  let last = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const answer = await o.readFactory.send(
      v.service,
      o.plan.steps.find((s) => s.id === stepId)!.region,
      v.action,
      resolveRefs(v.params, outputs),
    );
    const unmet = v.expect.filter((e) => {
      const value = valueAt(answer, e.path);
      if (e.equals !== undefined && value !== e.equals) return true;
      if (e.exists !== undefined && (value !== undefined) !== e.exists) return true;
      if (e.length !== undefined && !(Array.isArray(value) && value.length === e.length)) return true;
      return false;
    });
    if (unmet.length === 0) return;
    last = unmet
      .map(
        (e) =>
          `${e.path} is ${JSON.stringify(valueAt(answer, e.path)) ?? "absent"}, expected ${e.equals !== undefined ? JSON.stringify(e.equals) : e.length !== undefined ? `${e.length} items` : e.exists === true ? "present" : "absent"}`,
      )
      .join("; ");
    if (attempt < attempts) await o.sleep(v.delayMs ?? 2000);
  }
  const error = new Error(
    `validation of step ${stepId} failed after ${attempts} read${attempts > 1 ? "s" : ""}: ${last}`,
  );
  error.name = "ValidationFailed";
  throw error;
}
