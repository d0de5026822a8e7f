/**
 * A person's approval of a plan. It shows the blast radius, governance and cost, then asks for
 * `yes` (or the number of resources for a large destructive plan, and the account for a
 * destructive plan outside a sandbox). At a terminal (`plan approve`) the questions are asked
 * one by one; through an MCP client's elicitation form (src/interfaces/mcp/tools/execute.ts) they
 * are the fields of one form, which the client shows to the person. Without either it refuses —
 * unless the profile's approval mode is none. A declined approval changes nothing.
 */
import { AbortError, RefusedError } from "../../../core/errors.js";
import { approvalFor, type Approval } from "../../../core/plans/approval.js";
import { isBlocked, type Plan } from "../../../core/plans/plan.js";
import type { PlanStore } from "../../../workflows/plans/store.js";
import type { CliEnv } from "../cli-env.js";
import type { Session } from "../session.js";

const refuse = (plan: Plan, code: string, reason: string, hint: string) =>
  new RefusedError(code, "approve", `Refused, plan ${plan.id} not approved: ${reason}`, { hint });

/** What must hold before anyone is asked: the plan is intact, not blocked, for these credentials' account. */
export function checkApprovable(plan: Plan, store: PlanStore, session: Session): void {
  if (!store.isIntact(plan)) {
    throw refuse(
      plan,
      "PlanHashMismatch",
      "it was edited after it was made.",
      "Draft it again with `aws-coworker plan create`.",
    );
  }
  if (isBlocked(plan)) {
    const blocks = plan.governance.filter((g) => g.outcome === "block");
    throw refuse(
      plan,
      "GovernanceBlocked",
      blocks.map((g) => `${g.rule}: ${g.reason}`).join("; "),
      "Fix what the rules name and draft the plan again.",
    );
  }
  if (session.account !== plan.context.account) {
    throw refuse(
      plan,
      "AccountMismatch",
      `it is for account ${plan.context.account}, and these credentials are for ${session.account}.`,
      `Approve it with the profile of account ${plan.context.account} ("${plan.context.profile}").`,
    );
  }
}

/** What the person reviews before answering: goal, blast radius, governance, cost, hash. */
export function approvalSummary(plan: Plan): string {
  const b = plan.blastRadius;
  return [
    `Plan ${plan.id}: ${plan.goal}`,
    `Blast radius: ${b.resources} resources (${b.byChange.create} created, ${b.byChange.modify} changed, ${b.byChange.delete} deleted) in ${Object.keys(b.byLocation).join(", ")}${b.isDestructive ? " — DESTRUCTIVE" : ""}`,
    ...(b.irreversibleSteps.length > 0 ? [`Irreversible: ${b.irreversibleSteps.join(", ")}`] : []),
    `Governance: ${plan.governance.map((g) => `${g.rule} ${g.outcome}`).join(", ") || "no rule applies"}`,
    ...plan.governance.filter((g) => g.outcome === "warn").map((g) => `  warning: ${g.reason}`),
    `Estimated cost: $${plan.cost.monthlyUsd.toFixed(2)}/month`,
    `Hash: ${plan.hash}`,
  ].join("\n");
}

/** A question the person answers to approve, and the answers that approve. */
export interface ApprovalQuestion {
  key: "approve" | "account";
  prompt: string;
  accepts: readonly string[];
  /** Whether the answer is compared case-insensitively (yes, YES). */
  isCaseInsensitive: boolean;
}

/** The questions a plan's approval asks: yes or the resource count, then the account for a destructive plan outside a sandbox. */
export function approvalQuestions(plan: Plan): ApprovalQuestion[] {
  const b = plan.blastRadius;
  const questions: ApprovalQuestion[] = [
    b.needsTypedCount
      ? {
          key: "approve",
          prompt: `This plan touches ${b.resources} resources. Type ${b.resources} to approve`,
          accepts: [String(b.resources)],
          isCaseInsensitive: false,
        }
      : {
          key: "approve",
          prompt: `Approve plan ${plan.id}? Type yes to approve`,
          accepts: ["yes"],
          isCaseInsensitive: true,
        },
  ];
  if (b.isDestructive && plan.context.classification !== "sandbox") {
    const expected = [plan.context.account, plan.context.accountAlias].filter(
      (x): x is string => x !== undefined,
    );
    questions.push({
      key: "account",
      prompt: `Destructive plan: type the account id${plan.context.accountAlias === undefined ? "" : " or alias"} (${expected.join(" / ")}) to confirm`,
      accepts: expected,
      isCaseInsensitive: false,
    });
  }
  return questions;
}

/** Whether an answer approves. */
export function isAccepted(question: ApprovalQuestion, answer: string): boolean {
  const given = question.isCaseInsensitive ? answer.trim().toLowerCase() : answer.trim();
  return question.accepts.includes(given);
}

/** Record the approval: approver (OS user, caller ARN), time, hash, account, profile, expiry. */
export function recordApproval(
  plan: Plan,
  store: PlanStore,
  session: Session,
  osUser: string,
  confirmation: Approval["confirmation"],
  client?: string,
): Approval {
  const approval = approvalFor(plan, {
    profile: session.profile,
    approver: { osUser, callerArn: session.context.callerArn },
    now: new Date(),
    hours: session.config.plans.approvalExpiryHours,
    confirmation,
    approvalMode: session.context.approvalMode,
    ...(client !== undefined && { client }),
  });
  store.saveApproval(approval);
  return approval;
}

export const notApproved = (plan: Plan) =>
  new AbortError(`No changes made: plan ${plan.id} was not approved.`);

/** `plan approve`: the person's approval at a terminal. */
export async function admitForApproval(
  plan: Plan,
  store: PlanStore,
  session: Session,
  cli: CliEnv,
): Promise<Approval> {
  checkApprovable(plan, store, session);
  cli.stderr(`\n${approvalSummary(plan)}\n\n`);
  const mode = session.context.approvalMode;
  if (!cli.isTTY || cli.ask === undefined) {
    if (mode === "none") return recordApproval(plan, store, session, cli.osUser, "not-required");
    throw refuse(
      plan,
      "ApprovalNeedsTerminal",
      `profile "${session.profile}" requires approval (${mode}) and nobody is at a terminal to give it.`,
      `Run \`aws-coworker plan approve ${plan.id}\` yourself in an interactive terminal; an AI agent or a script cannot approve.`,
    );
  }
  for (const question of approvalQuestions(plan)) {
    if (!isAccepted(question, await cli.ask(`${question.prompt}: `))) throw notApproved(plan);
  }
  return recordApproval(
    plan,
    store,
    session,
    cli.osUser,
    plan.blastRadius.needsTypedCount ? "typed-count" : "typed-yes",
  );
}
