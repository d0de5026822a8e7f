/** `plan_show`: one plan, with whether it is intact and approved (no AWS call). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { guarded, planSchema, planStoreOf, toolResult, type McpServerOptions } from "../tool-support.js";

export function registerPlanShowTool(server: McpServer, options: McpServerOptions): void {
  server.registerTool(
    "plan_show",
    {
      title: "Show a plan",
      description:
        "A plan of the workspace (its id, or last) as Markdown and data: steps, blast radius, governance, cost, the equivalent AWS CLI commands, whether it is intact (unedited) and its approval. No AWS call.",
      inputSchema: { planId: z.string().min(1).describe("plan-… or last") },
      outputSchema: z.looseObject({
        plan: planSchema,
        isIntact: z
          .boolean()
          .describe("false when the file was edited after it was made (it will be refused)"),
        approval: z
          .looseObject({ planHash: z.string(), expiresAt: z.string() })
          .nullable()
          .describe("the person's approval, null when none"),
        isApproved: z
          .boolean()
          .describe("an approval exists for this plan's hash (expiry is checked at execute)"),
        commands: z.array(z.string()).describe("the equivalent AWS CLI commands"),
      }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ planId }) =>
      guarded(async () => {
        const store = await planStoreOf(options);
        const { renderPlanMarkdown, renderCliCommands } = await import("../../../report/plans/markdown.js");
        const plan = store.load(planId);
        const isIntact = store.isIntact(plan);
        const approval = store.loadApproval(plan.id);
        const isApproved = approval !== undefined && approval.planHash === plan.hash && isIntact;
        const status = isApproved
          ? `Approved until ${approval.expiresAt}: execute may run it.`
          : `Not approved. When the approval mode asks for it, a person approves it: in a form execute shows them through your client, or with \`aws-coworker plan approve ${plan.id}\` in their own terminal.`;
        return toolResult(`${renderPlanMarkdown(plan, { isIntact })}\n${status}`, {
          plan,
          isIntact,
          approval: approval ?? null,
          isApproved,
          commands: renderCliCommands(plan),
        });
      }),
  );
}
