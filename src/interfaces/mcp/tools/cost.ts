/** `cost`: spend from Cost Explorer and savings estimates (reads only; each Cost Explorer request is billed). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { COST_METRICS } from "../../../core/cost/cost-data.js";
import { PERIOD_NAMES } from "../../../core/cost/cost-period.js";
import {
  announcementSchema,
  guarded,
  openToolSession,
  profileArg,
  regionsArg,
  regionsOf,
  toolResult,
  yesArg,
  type McpServerOptions,
} from "../tool-support.js";

export function registerCostTool(server: McpServer, options: McpServerOptions): void {
  server.registerTool(
    "cost",
    {
      title: "Cost overview",
      description:
        "Spend by service, account, region or tag from Cost Explorer (each request costs $0.01; answers are cached in the workspace), its change against the previous period, and savings opportunities (unused resources, gp2 volumes, old instance types) found in the regions given. Reads only.",
      inputSchema: {
        profile: profileArg,
        regions: regionsArg.describe(
          "where the savings estimates look; Cost Explorer itself is global (default: the profile's default region)",
        ),
        period: z
          .string()
          .regex(/^(month-to-date|last-month|last-30d|\d{4}-\d{2})$/, `${PERIOD_NAMES.join(", ")} or YYYY-MM`)
          .optional()
          .describe(`${PERIOD_NAMES.join(", ")} or a month as YYYY-MM (default: month-to-date)`),
        metric: z.enum(COST_METRICS).optional().describe("default: unblended"),
        by: z.string().optional().describe("service, account, region or tag:KEY (default: service)"),
        top: z.number().int().min(1).max(100).optional().describe("how many top drivers (default: 5)"),
        refresh: z.boolean().optional().describe("ask Cost Explorer again instead of using cached answers"),
        yes: yesArg,
      },
      outputSchema: z.looseObject({
        announcement: announcementSchema,
        account: z.string(),
        costExplorer: z.looseObject({ status: z.string() }),
        overview: z.looseObject({ total: z.number() }).nullable(),
        opportunities: z.array(z.looseObject({ title: z.string(), resourceId: z.string() })),
        monthlySaving: z.number(),
      }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (args, extra) =>
      guarded(async () => {
        const { costPeriods } = await import("../../../core/cost/cost-period.js");
        const { parseGrouping, runCostFor } = await import("../../cli/commands/cost.js");
        costPeriods(args.period ?? "month-to-date", new Date());
        const grouping = parseGrouping(args.by ?? "service");
        const regions = await regionsOf(args.regions);
        const session = await openToolSession(
          options,
          args.profile,
          {
            operation: "read",
            summary: `cost overview (${args.period ?? "month-to-date"}, by ${args.by ?? "service"}) from Cost Explorer, and savings estimates`,
            regions,
            declaredSensitiveReads: () => [],
          },
          extra,
        );
        try {
          // On the first day of a month, month to date holds no complete day yet (as the CLI).
          const today = (session.estateCapturedAt ?? new Date()).toISOString().slice(0, 10);
          const period = args.period ?? (today.endsWith("-01") ? "last-month" : "month-to-date");
          const result = await runCostFor(
            session,
            {
              period,
              metric: args.metric ?? "unblended",
              grouping,
              top: args.top ?? 5,
              refresh: args.refresh === true,
              regions,
              scopeFlags: args.regions === undefined ? "" : `--regions ${[args.regions].flat().join(",")}`,
              yes: args.yes,
            },
            extra.signal,
          );
          const o = result.overview;
          const ce = result.costExplorer;
          const lines = [
            o === undefined
              ? `Cost Explorer could not be read${ce.status === "unavailable" && ce.hint !== undefined ? `: ${ce.hint}` : "."}`
              : `Spend ${o.period.label}: $${o.total.toFixed(2)} (${args.metric ?? "unblended"}).`,
            `${result.opportunities.length} savings opportunit${result.opportunities.length === 1 ? "y" : "ies"}, about $${result.monthlySaving.toFixed(2)}/month.`,
            ...result.opportunities
              .slice(0, 10)
              .map(
                (x) =>
                  `- ${x.title} ${x.account}/${x.region} ${x.resourceId}${x.monthlySaving === undefined ? "" : `: $${x.monthlySaving.toFixed(2)}/month`}`,
              ),
          ];
          return toolResult(lines.join("\n"), {
            announcement: session.announcement,
            ...result,
            overview: result.overview ?? null,
          });
        } finally {
          await session.close();
        }
      }),
  );
}
