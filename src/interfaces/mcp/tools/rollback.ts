/** `rollback`: draft the plan that reverses an execution run (reads its journal; changes nothing). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  approvalNextStep,
  announcementSchema,
  guarded,
  openToolSession,
  planSchema,
  planStoreOf,
  profileArg,
  toolResult,
  type McpServerOptions,
} from "../tool-support.js";

export function registerRollbackTool(server: McpServer, options: McpServerOptions): void {
  server.registerTool(
    "rollback",
    {
      title: "Draft a rollback",
      description:
        "Draft the plan that reverses an execution run, from its journal, and save it. It changes nothing: like any plan, a person approves it when the approval mode asks for it (in a form execute shows them through your client, or in their own terminal: `aws-coworker plan approve <id>`), then execute runs it.",
      inputSchema: {
        runId: z.string().min(1).describe("run-…"),
        profile: profileArg.describe("default: the profile of the run's plan"),
      },
      outputSchema: z.looseObject({ announcement: announcementSchema, plan: planSchema }),
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
    async ({ runId, profile }, extra) =>
      guarded(async () => {
        const { summarizeRun } = await import("../../../workflows/plans/runs.js");
        const { draftRollback } = await import("../../../workflows/plans/rollback.js");
        const { renderPlanMarkdown } = await import("../../../report/plans/markdown.js");
        const store = await planStoreOf(options);
        const run = summarizeRun(store, runId);
        const session = await openToolSession(
          options,
          profile ?? run.plan?.context.profile,
          {
            operation: "read",
            summary: `draft the rollback of ${runId} (reads only)`,
            regions: run.plan?.context.regions,
          },
          extra,
        );
        try {
          const result = draftRollback(runId, {
            store,
            config: session.config,
            context: session.context,
            now: () => new Date(),
            osUser: options.osUser,
          });
          const id = result.plan.id;
          return toolResult(
            `${renderPlanMarkdown(result.plan, { isIntact: true })}\nRollback plan ${id} saved. ${approvalNextStep(id)}`,
            { announcement: session.announcement, plan: result.plan },
          );
        } finally {
          await session.close();
        }
      }),
  );
}
