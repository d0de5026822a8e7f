/**
 * `execute`: run a plan a person approved, step by step, with validation and a journal. The
 * execute workflow's checks refuse a plan that is edited, unapproved (when the approval mode
 * asks for one), approved for another hash, account or profile, expired, or outside the
 * environments that allow execution; the refusal comes back as isError with the way forward.
 * A plan that still needs a person's approval is put to the person through the client's
 * elicitation form when the client can show one (elicit-approval.ts); the agent cannot answer it.
 * Nobody is asked anything else: a failed step stops the run (or rolls back, with onFailure).
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  announcementSchema,
  guarded,
  openToolSession,
  planStoreOf,
  profileArg,
  toolResult,
  type McpServerOptions,
} from "../tool-support.js";

export function registerExecuteTool(server: McpServer, options: McpServerOptions): void {
  server.registerTool(
    "execute",
    {
      title: "Execute an approved plan",
      description:
        "Run a plan that a person approved (you cannot approve). When the plan still needs their approval and your client can show the person a form (MCP elicitation), execute asks them there — blast radius, cost, the approval question — and runs only if they approve; otherwise the person approves in their own terminal (`aws-coworker plan approve <id>`) and you call execute again. This changes AWS: each call is authorised by the gate for exactly one step of the approved plan, and journaled. Only in sandbox, development and test environments. dryRun lists the calls and makes none. An unapproved or edited plan is refused.",
      inputSchema: {
        planId: z.string().min(1).describe("plan-… or last"),
        profile: profileArg.describe("default: the plan's profile"),
        dryRun: z.boolean().optional().describe("show the calls it would make, make none"),
        onFailure: z
          .enum(["stop", "rollback"])
          .optional()
          .describe("when a step fails: stop (default), or roll back the completed steps"),
        resumeRunId: z
          .string()
          .optional()
          .describe("carry on an interrupted run of this plan from its journal"),
      },
      outputSchema: z.looseObject({
        announcement: announcementSchema,
        kind: z.enum(["dry-run", "run"]),
        planId: z.string(),
        runId: z.string().optional(),
        status: z.string().optional().describe("completed, stopped, interrupted, rolled-back, failed…"),
        commands: z.array(z.string()).optional().describe("dry run: the calls, in order (none was made)"),
        steps: z.array(z.looseObject({ id: z.string(), status: z.string() })).optional(),
      }),
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    async (args, extra) =>
      guarded(async () => {
        const store = await planStoreOf(options);
        const plan = store.load(args.planId);
        const b = plan.blastRadius;
        const isDry = args.dryRun === true;
        const session = await openToolSession(
          options,
          args.profile ?? plan.context.profile,
          {
            operation: isDry ? "read" : "mutate",
            summary: `${isDry ? "dry run of" : "execute"} plan ${plan.id}: ${plan.goal} — ${b.resources} resources (${b.byChange.create} created, ${b.byChange.modify} changed, ${b.byChange.delete} deleted)${b.isDestructive ? ", destructive" : ""}`,
            regions: plan.context.regions,
          },
          extra,
        );
        try {
          const { executePlan } = await import("../../../workflows/plans/execute.js");
          const { executeDepsOf } = await import("../../cli/commands/plan-execute.js");
          const deps = executeDepsOf(session, store, extra.signal, options.osUser);
          if (!isDry) {
            const { approveThroughClient } = await import("../elicit-approval.js");
            await approveThroughClient(server, plan, store, session, deps, options.osUser, extra.signal);
          }
          const onFailure = args.onFailure ?? "stop";
          const result = await executePlan(
            {
              planId: plan.id,
              ...(isDry && { dryRun: true }),
              ...(args.resumeRunId !== undefined && { resumeRunId: args.resumeRunId }),
              onFailure: async (step, error) => {
                options.log(`step ${step.id} failed: ${error.name}: ${error.message}\n`);
                return onFailure;
              },
            },
            deps,
          );
          const base = { announcement: session.announcement, kind: result.kind, planId: plan.id };
          if (result.kind === "dry-run") {
            return toolResult(
              `Dry run of plan ${plan.id}: these calls would be made, in this order (none was):\n${result.commands.join("\n")}`,
              { ...base, commands: result.commands },
            );
          }
          const lines = [`Run ${result.runId} of plan ${plan.id}: ${result.status}`];
          for (const s of result.steps) {
            const ids = Object.values(s.outputs).filter((v) => typeof v === "string");
            lines.push(
              `  ${s.status} ${s.id}  ${s.title}${ids.length > 0 ? `  → ${ids.join(", ")}` : ""}${s.error === undefined ? "" : `  (${s.error.name}: ${s.error.message})`}`,
            );
          }
          const isDone = result.status === "completed";
          lines.push(
            isDone
              ? `Done. To undo it: call rollback with runId ${result.runId} (it drafts the reverse plan).`
              : result.status === "rolled-back"
                ? "A step failed; the completed steps were rolled back."
                : `Stopped before the end. Resume: execute with resumeRunId ${result.runId}; or undo what was done: rollback with runId ${result.runId}. Details: runs_show.`,
          );
          const structured = { ...base, runId: result.runId, status: result.status, steps: result.steps };
          const ok = toolResult(lines.join("\n"), structured);
          return isDone ? ok : { ...ok, isError: true };
        } finally {
          await session.close();
        }
      }),
  );
}
