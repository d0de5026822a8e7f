/**
 * The person's approval of a plan, at a terminal. It shows the blast radius, governance and
 * cost, then asks for `yes` (or the number of resources for a large destructive plan, and the
 * account for a destructive plan outside a sandbox). Without a terminal it refuses — unless the
 * profile's approval mode is none. A declined approval changes nothing.
 */
import { AbortError, RefusedError } from "../../../core/errors.js";
import { approvalFor, type Approval } from "../../../core/plans/approval.js";
import { isBlocked, type Plan } from "../../../core/plans/plan.js";
import type { PlanStore } from "../../../workflows/plans/store.js";
import type { CliEnv } from "../cli-env.js";
import type { Session } from "../session.js";

export async function admitForApproval(
  plan: Plan,
  store: PlanStore,
  session: Session,
  cli: CliEnv,
): Promise<Approval> {
  const refuse = (code: string, reason: string, hint: string) =>
    new RefusedError(code, "approve", `Refused, plan ${plan.id} not approved: ${reason}`, { hint });
  if (!store.isIntact(plan)) {
    throw refuse(
      "PlanHashMismatch",
      "it was edited after it was made.",
      "Draft it again with `aws-coworker plan create`.",
    );
  }
  if (isBlocked(plan)) {
    const blocks = plan.governance.filter((g) => g.outcome === "block");
    throw refuse(
      "GovernanceBlocked",
      blocks.map((g) => `${g.rule}: ${g.reason}`).join("; "),
      "Fix what the rules name and draft the plan again.",
    );
  }
  if (session.account !== plan.context.account) {
    throw refuse(
      "AccountMismatch",
      `it is for account ${plan.context.account}, and these credentials are for ${session.account}.`,
      `Approve it with the profile of account ${plan.context.account} ("${plan.context.profile}").`,
    );
  }
  const b = plan.blastRadius;
  cli.stderr(
    [
      "",
      `Plan ${plan.id}: ${plan.goal}`,
      `Blast radius: ${b.resources} resources (${b.byChange.create} created, ${b.byChange.modify} changed, ${b.byChange.delete} deleted) in ${Object.keys(b.byLocation).join(", ")}${b.isDestructive ? " — DESTRUCTIVE" : ""}`,
      ...(b.irreversibleSteps.length > 0 ? [`Irreversible: ${b.irreversibleSteps.join(", ")}`] : []),
      `Governance: ${plan.governance.map((g) => `${g.rule} ${g.outcome}`).join(", ") || "no rule applies"}`,
      ...plan.governance.filter((g) => g.outcome === "warn").map((g) => `  warning: ${g.reason}`),
      `Estimated cost: $${plan.cost.monthlyUsd.toFixed(2)}/month`,
      `Hash: ${plan.hash}`,
      "",
    ].join("\n") + "\n",
  );
  const mode = session.context.approvalMode;
  const hours = session.config.plans.approvalExpiryHours;
  const record = (confirmation: Approval["confirmation"]) => {
    const approval = approvalFor(plan, {
      profile: session.profile,
      approver: { osUser: cli.osUser, callerArn: session.context.callerArn },
      now: new Date(),
      hours,
      confirmation,
      approvalMode: mode,
    });
    store.saveApproval(approval);
    return approval;
  };
  if (!cli.isTTY || cli.ask === undefined) {
    if (mode === "none") return record("not-required");
    throw refuse(
      "ApprovalNeedsTerminal",
      `profile "${session.profile}" requires approval (${mode}) and nobody is at a terminal to give it.`,
      `Run \`aws-coworker plan approve ${plan.id}\` yourself in an interactive terminal; an AI agent or a script cannot approve.`,
    );
  }
  if (b.needsTypedCount) {
    const answer = (
      await cli.ask(`This plan touches ${b.resources} resources. Type ${b.resources} to approve: `)
    ).trim();
    if (answer !== String(b.resources))
      throw new AbortError(`No changes made: plan ${plan.id} was not approved.`);
  } else {
    const answer = (await cli.ask(`Approve plan ${plan.id}? Type yes to approve: `)).trim().toLowerCase();
    if (answer !== "yes") throw new AbortError(`No changes made: plan ${plan.id} was not approved.`);
  }
  if (b.isDestructive && plan.context.classification !== "sandbox") {
    const expected = [plan.context.account, plan.context.accountAlias].filter(
      (x): x is string => x !== undefined,
    );
    const answer = (
      await cli.ask(
        `Destructive plan: type the account id${plan.context.accountAlias === undefined ? "" : " or alias"} (${expected.join(" / ")}) to confirm: `,
      )
    ).trim();
    if (!expected.includes(answer))
      throw new AbortError(`No changes made: plan ${plan.id} was not approved.`);
  }
  return record(b.needsTypedCount ? "typed-count" : "typed-yes");
}
