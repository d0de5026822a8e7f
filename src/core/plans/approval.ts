/**
 * Approvals and direct execution, as pure rules.
 *
 * - Which plans need a person's approval: the approval mode (none < destructive-only <
 *   all-mutations < always). destructive-only counts sensitive steps (security groups, IAM,
 *   keys, logging) as destructive: they change who can reach what.
 * - An approval binds the plan's id and hash, the account and the profile, and expires.
 * - A plan executes directly only in an environment that allows it (sandbox, development,
 *   test by default), with a read-write profile, in the plan's own account.
 */
import type { ApprovalMode, Classification } from "../config/schema.js";
import type { ActionClass } from "../safety/actions.js";
import type { Plan } from "./plan.js";

export interface Approval {
  schemaVersion: 1;
  planId: string;
  planHash: string;
  account: string;
  profile: string;
  approver: { osUser: string; callerArn: string };
  approvedAt: string;
  expiresAt: string;
  /**
   * How the person confirmed: typed yes or the resource count at a terminal (typed-…), or in
   * the form their MCP client showed them (elicited-…); or no approval was required.
   */
  confirmation: "typed-yes" | "typed-count" | "elicited-yes" | "elicited-count" | "not-required";
  approvalMode: ApprovalMode;
  /** The MCP client (name and version) whose form the person answered, for elicited approvals. */
  client?: string;
}

export type ApprovalCheck =
  | { ok: true }
  | {
      ok: false;
      code:
        | "ApprovalMissing"
        | "ApprovalForAnotherPlan"
        | "PlanHashMismatch"
        | "ApprovalExpired"
        | "ApprovalAccountMismatch"
        | "ApprovalProfileMismatch";
      reason: string;
      hint: string;
    };

/** Whether a plan with steps of these classes needs a person's approval under this mode. */
export function needsApproval(mode: ApprovalMode, classes: readonly ActionClass[]): boolean {
  switch (mode) {
    case "none":
      return false;
    case "destructive-only":
      return classes.some((c) => c === "destructive" || c === "sensitive");
    case "all-mutations":
      return classes.some((c) => c !== "discovery" && c !== "planning");
    case "always":
      return true;
  }
}

/** The approval record for a plan, approved now for `hours`. */
export function approvalFor(
  plan: Plan,
  fields: {
    profile: string;
    approver: Approval["approver"];
    now: Date;
    hours: number;
    confirmation: Approval["confirmation"];
    approvalMode: ApprovalMode;
    client?: string;
  },
): Approval {
  return {
    schemaVersion: 1,
    planId: plan.id,
    planHash: plan.hash,
    account: plan.context.account,
    profile: fields.profile,
    approver: fields.approver,
    approvedAt: fields.now.toISOString(),
    expiresAt: new Date(fields.now.getTime() + fields.hours * 3_600_000).toISOString(),
    confirmation: fields.confirmation,
    approvalMode: fields.approvalMode,
    ...(fields.client !== undefined && { client: fields.client }),
  };
}

/** Whether this approval lets this plan run now, for this account and profile. */
export function checkApproval(
  plan: Plan,
  approval: Approval | undefined,
  at: { account: string; profile: string; now: Date },
): ApprovalCheck {
  const again = `Review it with \`aws-coworker plan show ${plan.id}\` and approve it with \`aws-coworker plan approve ${plan.id}\` (a person at a terminal; an AI agent cannot).`;
  if (approval === undefined) {
    return {
      ok: false,
      code: "ApprovalMissing",
      reason: `plan ${plan.id} has not been approved.`,
      hint: again,
    };
  }
  if (approval.planId !== plan.id) {
    return {
      ok: false,
      code: "ApprovalForAnotherPlan",
      reason: `the approval given is for plan ${approval.planId}, not ${plan.id}.`,
      hint: again,
    };
  }
  if (approval.planHash !== plan.hash) {
    return {
      ok: false,
      code: "PlanHashMismatch",
      reason: `plan ${plan.id} changed after it was approved (approved ${approval.planHash.slice(0, 12)}…, now ${plan.hash.slice(0, 12)}…).`,
      hint: `A changed plan is a new plan. ${again}`,
    };
  }
  if (approval.account !== plan.context.account) {
    return {
      ok: false,
      code: "ApprovalAccountMismatch",
      reason: `the approval of plan ${plan.id} is for account ${approval.account}, but the plan is for account ${plan.context.account}.`,
      hint: again,
    };
  }
  if (approval.account !== at.account) {
    return {
      ok: false,
      code: "ApprovalAccountMismatch",
      reason: `the approval of plan ${plan.id} is for account ${approval.account}; the credentials are for ${at.account}.`,
      hint: "Run it with the profile and account it was approved for.",
    };
  }
  if (approval.profile !== at.profile) {
    return {
      ok: false,
      code: "ApprovalProfileMismatch",
      reason: `the approval of plan ${plan.id} is for profile "${approval.profile}", not "${at.profile}".`,
      hint: "Run it with the profile it was approved for, or approve it for this one.",
    };
  }
  if (!(Date.parse(approval.expiresAt) > at.now.getTime())) {
    return {
      ok: false,
      code: "ApprovalExpired",
      reason: `the approval of plan ${plan.id} expired at ${approval.expiresAt}.`,
      hint: again,
    };
  }
  return { ok: true };
}

export interface ExecutionContext {
  profile: string;
  account: string;
  classification: Classification;
  permissions: "read-only" | "read-write";
  directExecution: boolean;
  iacOnly: boolean;
}

export type DirectExecutionCheck =
  | { ok: true }
  | {
      ok: false;
      code:
        | "EnvironmentIacOnly"
        | "EnvironmentUnknown"
        | "ProfileReadOnly"
        | "AccountMismatch"
        | "ProfileMismatch";
      reason: string;
      hint: string;
    };

/** Whether the plan may run directly here (the live context, from the caller's credentials). */
export function checkDirectExecution(plan: Plan, live: ExecutionContext): DirectExecutionCheck {
  if (live.account !== plan.context.account) {
    return {
      ok: false,
      code: "AccountMismatch",
      reason: `plan ${plan.id} is for account ${plan.context.account}, but the credentials are for account ${live.account}.`,
      hint: `Run it with the profile of account ${plan.context.account} ("${plan.context.profile}").`,
    };
  }
  if (live.profile !== plan.context.profile) {
    return {
      ok: false,
      code: "ProfileMismatch",
      reason: `plan ${plan.id} was made for profile "${plan.context.profile}", not "${live.profile}".`,
      hint: `Run it with --profile ${plan.context.profile}, or draft the plan again with this profile.`,
    };
  }
  if (live.classification === "unknown") {
    return {
      ok: false,
      code: "EnvironmentUnknown",
      reason: `account ${live.account} with profile "${live.profile}" is not classified: it is read-only and nothing executes there.`,
      hint: "Classify the profile and the account in the configuration (profiles:, accounts:) first.",
    };
  }
  if (live.iacOnly || !live.directExecution) {
    return {
      ok: false,
      code: "EnvironmentIacOnly",
      reason: `${live.classification} is never changed directly: approved plans execute only where the configuration allows direct execution (sandbox, development, test).`,
      hint: "Prepare a production change instead: the plan as infrastructure as code on a branch with a pull request.",
    };
  }
  if (live.permissions !== "read-write") {
    return {
      ok: false,
      code: "ProfileReadOnly",
      reason: `profile "${live.profile}" is read-only.`,
      hint: "Use a profile configured with permissions: read-write for this environment.",
    };
  }
  return { ok: true };
}
