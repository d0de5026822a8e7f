/**
 * The gate's decision: a pure function from (classified call, policy, authorisation, time)
 * to allow or refuse. The aws layer's gate middleware calls it under every SDK client the
 * factory makes, so every interface (CLI, MCP, ask) gets the same answer.
 *
 * - discovery and planning pass;
 * - a sensitive read passes only when the running workflow declared it needs that action;
 * - every mutation needs an authorisation for exactly this plan step (plan id, plan hash,
 *   step id, action, account, region), from an approved, unexpired plan, under a profile with
 *   read-write permissions in an environment that allows direct execution.
 */
import type { ActionClassification } from "./actions.js";

/** What the executor attaches to the calls of one approved plan step. */
export interface StepAuthorization {
  planId: string;
  planHash: string;
  stepId: string;
  /** `service:Action` of the one call the step makes. */
  action: string;
  account: string;
  region: string;
  approval: {
    planHash: string;
    account: string;
    profile: string;
    /** ISO 8601 time after which the approval is void. */
    expiresAt: string;
  };
}

export interface GatePolicy {
  profile: string;
  permissions: "read-only" | "read-write";
  /** Whether the environment allows direct execution (sandbox/development/test, per configuration). */
  allowsDirectExecution: boolean;
  /** Sensitive reads the running workflow declared it needs, as `service:Action`. */
  declaredSensitiveReads: readonly string[];
  /** Present only inside the executor, for one approved plan step. */
  authorization?: StepAuthorization;
}

export interface GateRequest {
  classification: ActionClassification;
  account: string | undefined;
  region: string;
  now: Date;
}

export type GateDecision =
  { allowed: true; reason: string } | { allowed: false; code: GateRefusalCode; reason: string; hint: string };

export type GateRefusalCode =
  | "MutationNotAuthorized"
  | "SensitiveReadNotDeclared"
  | "ProfileReadOnly"
  | "EnvironmentIacOnly"
  | "AuthorizationMismatch"
  | "PlanHashMismatch"
  | "ApprovalExpired";

const PLAN_PATH =
  "draft a plan for the change, have a human approve it (an AI agent cannot), then run it with the executor";

export function decide(request: GateRequest, policy: GatePolicy): GateDecision {
  const { classification: c } = request;
  if (c.class === "discovery" || c.class === "planning") {
    return { allowed: true, reason: c.reason };
  }
  if (c.isSensitiveRead && policy.declaredSensitiveReads.includes(c.action)) {
    return { allowed: true, reason: `${c.action} is a sensitive read this workflow declared it needs` };
  }
  const auth = policy.authorization;
  if (auth === undefined) {
    return c.isSensitiveRead
      ? refuse(
          "SensitiveReadNotDeclared",
          `refused ${c.action}: ${c.reason}, and no workflow running now declared it needs it.`,
          `Only a workflow that declares this read may make it; otherwise ${PLAN_PATH}.`,
        )
      : refuse(
          "MutationNotAuthorized",
          `refused ${c.action} (${c.class}): AWS Coworker never mutates outside an approved plan step; ${c.reason}.`,
          `Nothing was sent to AWS. To make this change, ${PLAN_PATH}.`,
        );
  }
  if (policy.permissions !== "read-write") {
    return refuse(
      "ProfileReadOnly",
      `refused ${c.action}: profile "${policy.profile}" is read-only.`,
      "Use a profile configured with permissions: read-write for this environment.",
    );
  }
  if (!policy.allowsDirectExecution) {
    return refuse(
      "EnvironmentIacOnly",
      `refused ${c.action}: this environment does not allow direct execution.`,
      "Prepare the change as infrastructure as code with a pull request instead.",
    );
  }
  if (auth.action !== c.action || auth.region !== request.region || auth.account !== request.account) {
    return refuse(
      "AuthorizationMismatch",
      `refused ${c.action} in ${request.account ?? "an unknown account"}/${request.region}: plan ${auth.planId} step ${auth.stepId} authorises ${auth.action} in ${auth.account}/${auth.region} only.`,
      "Each approved step authorises exactly one action in one account and region; change the plan and approve it again.",
    );
  }
  if (auth.approval.planHash !== auth.planHash) {
    return refuse(
      "PlanHashMismatch",
      `refused ${c.action}: plan ${auth.planId} changed after it was approved.`,
      "A changed plan is a new plan: review and approve it again.",
    );
  }
  if (auth.approval.account !== auth.account || auth.approval.profile !== policy.profile) {
    return refuse(
      "AuthorizationMismatch",
      `refused ${c.action}: the approval of plan ${auth.planId} binds account ${auth.approval.account} and profile "${auth.approval.profile}", not ${auth.account} and "${policy.profile}".`,
      "Approve the plan for the account and profile that will run it.",
    );
  }
  if (!(Date.parse(auth.approval.expiresAt) > request.now.getTime())) {
    return refuse(
      "ApprovalExpired",
      `refused ${c.action}: the approval of plan ${auth.planId} expired at ${auth.approval.expiresAt}.`,
      "Review the plan again and approve it anew.",
    );
  }
  return { allowed: true, reason: `plan ${auth.planId} step ${auth.stepId} is approved for ${c.action}` };
}

function refuse(code: GateRefusalCode, reason: string, hint: string): GateDecision {
  return { allowed: false, code, reason, hint };
}
