/** `runs_list`: the execution runs of the workspace, newest first (no AWS call). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { guarded, planStoreOf, toolResult, type McpServerOptions } from "../tool-support.js";

export const runSummarySchema = z.looseObject({
  runId: z.string(),
  planId: z.string(),
  status: z.string(),
  completedSteps: z.number(),
  isReversible: z
    .boolean()
    .describe("a completed step has a rollback not yet run: rollback can draft its reverse"),
});

export function registerRunsListTool(server: McpServer, options: McpServerOptions): void {
  server.registerTool(
    "runs_list",
    {
      title: "List execution runs",
      description:
        "The execution runs of the workspace, newest first: status, steps done, whether they can be rolled back. No AWS call.",
      inputSchema: {},
      outputSchema: z.looseObject({ runs: z.array(runSummarySchema) }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async () =>
      guarded(async () => {
        const { listRuns } = await import("../../../workflows/plans/runs.js");
        const runs = listRuns(await planStoreOf(options));
        const text =
          runs.length === 0
            ? "No execution runs yet."
            : runs
                .map(
                  (r) =>
                    `${r.runId}  ${r.status}  ${r.completedSteps}/${r.totalSteps ?? "?"} steps  ${r.isReversible ? "reversible" : "not reversible"}${r.reverses === undefined ? "" : `  (reverses ${r.reverses})`}\n  plan ${r.planId}: ${r.goal ?? r.problem ?? ""}`,
                )
                .join("\n");
        return toolResult(text, { runs });
      }),
  );
}
