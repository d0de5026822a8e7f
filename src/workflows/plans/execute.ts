/**
 * `execute <plan>`: check the live environment (the caller's account must be the plan's, and
 * its classification must allow direct execution), governance, and the approval (hash,
 * account, profile, expiry) — then hand the plan to the executor, which journals every step
 * and calls AWS through a factory authorised for exactly that step. `--dry-run` shows the
 * calls and makes none; `--resume <run>` carries on an interrupted run from its journal.
 */
import { join } from "node:path";
import type { ResolvedContext } from "../../core/context/resolve.js";
import { RefusedError } from "../../core/errors.js";
import type { IoHost } from "../../core/io-host.js";
import {
  approvalFor,
  checkApproval,
  checkDirectExecution,
  needsApproval,
  type Approval,
} from "../../core/plans/approval.js";
import { executionOrder, isBlocked, type Plan } from "../../core/plans/plan.js";
import { classifyAction, type ActionClass } from "../../core/safety/actions.js";
import type { StepAuthorization } from "../../core/safety/gate.js";
import { iamPrefixOf, type ClientFactory } from "../../aws/clients.js";
import {
  checkJournalAgainstPlan,
  executionsDir,
  Journal,
  journalState,
  listRunIds,
  readJournal,
  type JournalState,
} from "../../aws/executor/journal.js";
import { runPlan, type FailureChoice, type RunPlanResult } from "../../aws/executor/run-plan.js";
import { iamActionFor } from "../../aws/middleware/guard.js";
import { renderCliCommands } from "../../report/plans/markdown.js";
import { newId, type PlanStore } from "./store.js";

export interface ExecuteOptions {
  planId: string;
  dryRun?: boolean;
  /** Resume this interrupted run of the same plan. */
  resumeRunId?: string;
  onFailure: (step: Plan["steps"][number], error: Error, canSkip: boolean) => Promise<FailureChoice>;
}

export interface ExecuteDeps {
  store: PlanStore;
  /** The live context, resolved from the caller's credentials just now. */
  context: ResolvedContext;
  readFactory: ClientFactory;
  stepFactory: (authorization: StepAuthorization) => ClientFactory;
  io: IoHost;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  /** Who runs it (the OS user), recorded when the approval mode needs no person's approval. */
  osUser?: string;
}

export type ExecuteResult =
  | { kind: "dry-run"; plan: Plan; commands: string[]; approval: Approval | undefined }
  | ({ kind: "run"; plan: Plan; approval: Approval } & RunPlanResult);

/**
 * The action classes of a plan's steps: what the approval mode looks at. The steps' rollback
 * calls are not counted: they only undo what the same run did (a later `rollback` is a plan of
 * its own, classed by its own steps).
 */
export function planClasses(plan: Plan): ActionClass[] {
  return plan.steps.map(
    (s) => classifyAction(iamActionFor(iamPrefixOf(s.service), `${s.action}Command`), s.params).class,
  );
}

const refuse = (code: string, reason: string, hint: string) =>
  new RefusedError(code, "execute", `Refused, no changes made: ${reason}`, { hint });

/** Everything that must hold before a plan may run; throws a RefusedError that says why. */
export function admit(plan: Plan, deps: Pick<ExecuteDeps, "store" | "context" | "now" | "osUser">): Approval {
  const { context, store } = deps;
  if (!store.isIntact(plan)) {
    throw refuse(
      "PlanHashMismatch",
      `plan ${plan.id} was edited after it was made (its content no longer matches its hash).`,
      "A changed plan is a new plan: draft it again with `aws-coworker plan create`.",
    );
  }
  const direct = checkDirectExecution(plan, {
    profile: context.profile.name,
    account: context.account.id,
    classification: context.classification,
    permissions: context.permissions,
    directExecution: context.environment.directExecution,
    iacOnly: context.environment.iacOnly,
  });
  if (!direct.ok) throw refuse(direct.code, direct.reason, direct.hint);
  if (isBlocked(plan)) {
    const blocks = plan.governance.filter((g) => g.outcome === "block");
    throw refuse(
      "GovernanceBlocked",
      `plan ${plan.id} breaks ${blocks.length} governance rule${blocks.length > 1 ? "s" : ""}: ${blocks.map((g) => `${g.rule}: ${g.reason}`).join("; ")}.`,
      "Fix what the rules name and draft the plan again.",
    );
  }
  const now = deps.now();
  const stored = store.loadApproval(plan.id);
  if (needsApproval(context.approvalMode, planClasses(plan))) {
    const check = checkApproval(plan, stored, {
      account: context.account.id,
      profile: context.profile.name,
      now,
    });
    if (!check.ok) throw refuse(check.code, check.reason, check.hint);
    return stored!;
  }
  // The approval mode does not ask a person for this plan: record that, bound like any approval.
  if (
    stored !== undefined &&
    checkApproval(plan, stored, { account: context.account.id, profile: context.profile.name, now }).ok
  ) {
    return stored;
  }
  const approval = approvalFor(plan, {
    profile: context.profile.name,
    approver: { osUser: deps.osUser ?? plan.createdBy.osUser, callerArn: context.callerArn },
    now,
    hours: 1,
    confirmation: "not-required",
    approvalMode: context.approvalMode,
  });
  store.saveApproval(approval);
  return approval;
}

/**
 * An approved plan runs once. A fresh run of a plan that already ran (and was not rolled back)
 * would make its changes twice: an unfinished run is resumed instead, a finished one drafted anew.
 */
function refuseRunAgain(plan: Plan, workspaceDir: string): void {
  for (const runId of listRunIds(workspaceDir)) {
    let records;
    try {
      records = readJournal(workspaceDir, runId);
    } catch {
      continue; // an unreadable journal is reported by `runs list`; it cannot be resumed either
    }
    const start = records[0];
    if (start?.type !== "run-started" || start.planId !== plan.id) continue;
    const state = journalState(records);
    if (state.status === "rolled-back") continue;
    throw state.status === "completed"
      ? refuse(
          "PlanAlreadyExecuted",
          `plan ${plan.id} already ran (run ${runId} completed).`,
          `To make the same change again, draft a new plan; to undo it, \`aws-coworker rollback ${runId}\`.`,
        )
      : refuse(
          "RunUnfinished",
          `plan ${plan.id} already has a run that did not finish (run ${runId}, ${state.status}); a fresh run would repeat what it did.`,
          `Resume it: \`aws-coworker execute ${plan.id} --resume ${runId}\`; or undo it: \`aws-coworker rollback ${runId}\`.`,
        );
  }
}

export async function executePlan(options: ExecuteOptions, deps: ExecuteDeps): Promise<ExecuteResult> {
  const plan = deps.store.load(options.planId);
  executionOrder(plan.steps);
  if (options.dryRun === true) {
    return {
      kind: "dry-run",
      plan,
      commands: renderCliCommands(plan),
      approval: deps.store.loadApproval(plan.id),
    };
  }
  const approval = admit(plan, deps);
  const base = executionsDir(deps.store.workspaceDir);
  let journal: Journal;
  let resumeFrom: JournalState | undefined;
  if (options.resumeRunId !== undefined) {
    const records = readJournal(deps.store.workspaceDir, options.resumeRunId);
    checkJournalAgainstPlan(options.resumeRunId, records, plan);
    resumeFrom = journalState(records);
    if (resumeFrom.status === "completed" || resumeFrom.status === "rolled-back") {
      throw refuse(
        "RunFinished",
        `run ${options.resumeRunId} already ${resumeFrom.status === "completed" ? "completed" : "was rolled back"}.`,
        "Nothing is left to resume; see `aws-coworker runs show`.",
      );
    }
    journal = new Journal(options.resumeRunId, join(base, options.resumeRunId), deps.now, records);
  } else {
    refuseRunAgain(plan, deps.store.workspaceDir);
    const runId = newId("run", deps.now());
    journal = new Journal(runId, join(base, runId), deps.now);
    journal.append({
      type: "run-started",
      runId,
      planId: plan.id,
      planHash: plan.hash,
      profile: deps.context.profile.name,
      account: deps.context.account.id,
      ...(plan.origin !== undefined && { reverses: plan.origin.runId }),
    });
  }
  const result = await runPlan({
    plan,
    approval,
    journal,
    ...(resumeFrom !== undefined && { resumeFrom }),
    stepFactory: deps.stepFactory,
    readFactory: deps.readFactory,
    io: deps.io,
    sleep: deps.sleep,
    onFailure: options.onFailure,
    ...(deps.signal !== undefined && { signal: deps.signal }),
  });
  return { kind: "run", plan, approval, ...result };
}
