/** `runs_show`: one run's journal (no AWS call). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { guarded, planStoreOf, toolResult, type McpServerOptions } from "../tool-support.js";
import { runSummarySchema } from "./runs-list.js";

export function registerRunsShowTool(server: McpServer, options: McpServerOptions): void {
  server.registerTool(
    "runs_show",
    {
      title: "Show an execution run",
      description: "A run's journal: each step's start and result, with the ids it recorded. No AWS call.",
      inputSchema: { runId: z.string().min(1).describe("run-…") },
      outputSchema: z.looseObject({
        run: runSummarySchema,
        records: z.array(z.looseObject({ type: z.string(), at: z.string() })),
      }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ runId }) =>
      guarded(async () => {
        const { summarizeRun } = await import("../../../workflows/plans/runs.js");
        const { plan: _plan, records, ...run } = summarizeRun(await planStoreOf(options), runId);
        const lines = [
          `${run.runId}  ${run.status}  plan ${run.planId}`,
          ...records.map((r) => `  ${r.at}  ${r.type}${"stepId" in r ? ` ${r.stepId}` : ""}`),
        ];
        return toolResult(lines.join("\n"), { run, records });
      }),
  );
}
