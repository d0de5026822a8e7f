/**
 * A person's approval through the MCP client's elicitation form. When an agent calls execute
 * for a plan that still needs a person's approval, and the client can show a form
 * (`elicitation.form` in its capabilities) and `plans.mcpApproval` is `elicitation`, the server
 * asks the person there: the plan's blast radius, governance and cost, and the same questions
 * `plan approve` asks at a terminal (yes or the resource count; the account for a destructive
 * plan outside a sandbox). The form goes to the client's user interface, not to the model: the
 * agent sees neither the question nor the answer, and cannot give one. Declined, cancelled,
 * unanswered or answered wrong, nothing is approved and nothing runs.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { PrimitiveSchemaDefinition } from "@modelcontextprotocol/sdk/types.js";
import { AbortError, RefusedError } from "../../core/errors.js";
import type { Plan } from "../../core/plans/plan.js";
import type { ExecuteDeps } from "../../workflows/plans/execute.js";
import type { PlanStore } from "../../workflows/plans/store.js";
import type { Session } from "../cli/session.js";

/** How long the person has to answer the form. */
const ANSWER_WITHIN_MS = 10 * 60_000;

/** The refusals a person's approval would lift: everything else about the plan already passed. */
const LIFTED_BY_APPROVAL = new Set(["ApprovalMissing", "ApprovalExpired"]);

/** Whether the connected client can show the person a form. */
function canElicit(server: McpServer): boolean {
  return server.server.getClientCapabilities()?.elicitation?.form !== undefined;
}

/**
 * Before execute: when the plan is refused only for want of a person's approval, ask the person
 * through the client's form and record their approval. Otherwise do nothing: execute then
 * refuses, or runs, exactly as it would have.
 */
export async function approveThroughClient(
  server: McpServer,
  plan: Plan,
  store: PlanStore,
  session: Session,
  deps: ExecuteDeps,
  osUser: string,
  signal: AbortSignal,
): Promise<void> {
  if (session.config.plans.mcpApproval !== "elicitation" || !canElicit(server)) return;
  const { admit } = await import("../../workflows/plans/execute.js");
  try {
    admit(plan, deps);
    return;
  } catch (error) {
    if (!(error instanceof RefusedError) || !LIFTED_BY_APPROVAL.has(error.code)) return;
  }
  const { approvalQuestions, approvalSummary, checkApprovable, isAccepted, notApproved, recordApproval } =
    await import("../cli/commands/plan-approve.js");
  checkApprovable(plan, store, session);
  const questions = approvalQuestions(plan);
  const properties: Record<string, PrimitiveSchemaDefinition> = {};
  for (const q of questions) {
    properties[q.key] = {
      type: "string",
      title: q.prompt,
      description: `Only ${q.accepts.join(" or ")} approves.`,
    };
  }
  const steps = plan.steps.map((s) => `  ${s.id}: ${s.title}`);
  const message = [
    `An AI agent asks to execute a plan that needs your approval (profile ${session.profile}, account ${plan.context.account}, ${plan.context.classification}).`,
    "",
    approvalSummary(plan),
    "",
    `Steps (${steps.length}):`,
    ...steps.slice(0, 25),
    ...(steps.length > 25 ? [`  … and ${steps.length - 25} more (aws-coworker plan show ${plan.id})`] : []),
    "",
    "Approving lets execute make these changes now, each call checked by the gate and journaled. Decline to change nothing.",
  ].join("\n");
  let answer;
  try {
    answer = await server.server.elicitInput(
      {
        mode: "form",
        message,
        requestedSchema: { type: "object", properties, required: Object.keys(properties) },
      },
      { signal, timeout: ANSWER_WITHIN_MS },
    );
  } catch (error) {
    throw new AbortError(
      `No changes made: plan ${plan.id} was not approved (the approval form got no answer).`,
      {
        cause: error,
        hint: `The person can approve it in their own terminal: \`aws-coworker plan approve ${plan.id}\`, then ask for execute again.`,
      },
    );
  }
  if (answer.action !== "accept") {
    throw new AbortError(
      `No changes made: the person ${answer.action === "decline" ? "declined" : "cancelled"} the approval of plan ${plan.id}.`,
    );
  }
  for (const q of questions) {
    const given = answer.content?.[q.key];
    if (typeof given !== "string" || !isAccepted(q, given)) throw notApproved(plan);
  }
  const client = server.server.getClientVersion();
  recordApproval(
    plan,
    store,
    session,
    osUser,
    plan.blastRadius.needsTypedCount ? "elicited-count" : "elicited-yes",
    client === undefined ? "an MCP client" : `${client.name} ${client.version}`,
  );
}
