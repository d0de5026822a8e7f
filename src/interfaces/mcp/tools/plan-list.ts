/** `plan_list`: the plans of the workspace, newest first (no AWS call). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { guarded, planStoreOf, toolResult, type McpServerOptions } from "../tool-support.js";

export function registerPlanListTool(server: McpServer, options: McpServerOptions): void {
  server.registerTool(
    "plan_list",
    {
      title: "List plans",
      description:
        "The plans of the workspace, newest first, with their approval (none, stale, or until when). No AWS call.",
      inputSchema: {},
      outputSchema: z.looseObject({
        plans: z.array(
          z.object({
            id: z.string(),
            blueprint: z.string(),
            account: z.string(),
            profile: z.string(),
            steps: z.number(),
            approval: z.string(),
            goal: z.string(),
          }),
        ),
      }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async () =>
      guarded(async () => {
        const { listPlans } = await import("../../../workflows/plans/list.js");
        const plans = listPlans(await planStoreOf(options));
        const text =
          plans.length === 0
            ? "No plans yet. Draft one with a plan_create_<blueprint> tool."
            : plans
                .map(
                  (p) =>
                    `${p.id}  ${p.blueprint}  ${p.profile}/${p.account}  ${p.steps} steps  approval: ${p.approval}\n  ${p.goal}`,
                )
                .join("\n");
        return toolResult(text, { plans });
      }),
  );
}
