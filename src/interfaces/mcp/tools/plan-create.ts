/**
 * `plan_create`: draft a plan from a blueprint (reads the account, changes nothing). One tool
 * with a `blueprint` enum rather than one per blueprint: the blueprints take the same arguments
 * (parameters, tags, a selection, regions), and the enum and the description are generated
 * from BLUEPRINTS, so a new blueprint appears here without a new tool.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { BLUEPRINTS } from "../../../workflows/plans/blueprints/index.js";
import {
  approvalNextStep,
  announcementSchema,
  guarded,
  openToolSession,
  planSchema,
  planStoreOf,
  profileArg,
  regionsOf,
  toolResult,
  type McpServerOptions,
} from "../tool-support.js";

const NAMES = Object.keys(BLUEPRINTS) as [string, ...string[]];

function describeBlueprints(): string {
  return Object.entries(BLUEPRINTS)
    .map(([name, spec]) => {
      const params = spec.params
        .map(
          (p) =>
            `${p.name}${p.choices === undefined ? "" : ` (${p.choices.join("|")})`}${p.default === undefined ? "" : ` [${String(p.default)}]`}`,
        )
        .join(", ");
      return `${name}: ${spec.summary}.${params === "" ? "" : ` Parameters: ${params}.`}${spec.takesSelection === true ? " Needs select." : ""}`;
    })
    .join(" ");
}

export function registerPlanCreateTool(server: McpServer, options: McpServerOptions): void {
  server.registerTool(
    "plan_create",
    {
      title: "Draft a plan",
      description: `Draft a change plan from a blueprint and save it in the workspace: it reads the account and changes nothing. The result holds the plan (steps, blast radius, governance, cost) as Markdown for the person to review. A person then approves it — in a form execute shows them through your client (MCP elicitation), or in their own terminal (\`aws-coworker plan approve <id>\`); there is no approve tool. Blueprints — ${describeBlueprints()}`,
      inputSchema: {
        profile: profileArg,
        blueprint: z.enum(NAMES),
        set: z
          .record(z.string(), z.string())
          .optional()
          .describe(
            "blueprint parameters, and tags as tags.<Key>: value (the tagging policy's tags are required)",
          ),
        select: z
          .string()
          .optional()
          .describe(
            "tag blueprint: which resources, e.g. 'ec2:instance tag:Environment=development !tag:Owner'",
          ),
        regions: z
          .array(z.string().min(1))
          .min(1)
          .optional()
          .describe("the region to plan in (tag: the regions to select in); default: the profile's"),
      },
      outputSchema: z.looseObject({
        announcement: announcementSchema,
        plan: planSchema,
        isBlocked: z.boolean().describe("governance blocks it: it cannot be approved"),
        files: z.object({ json: z.string(), markdown: z.string() }),
      }),
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
    async (args, extra) =>
      guarded(async () => {
        const regions = await regionsOf(args.regions);
        const { createPlan } = await import("../../../workflows/plans/create.js");
        const { renderPlanMarkdown } = await import("../../../report/plans/markdown.js");
        const { isBlocked } = await import("../../../core/plans/plan.js");
        const session = await openToolSession(
          options,
          args.profile,
          {
            operation: "read",
            summary: `draft a ${args.blueprint} plan (reads only; nothing is changed)`,
            regions: regions === "all" ? undefined : regions,
          },
          extra,
        );
        try {
          const result = await createPlan(
            {
              blueprint: args.blueprint,
              set: args.set ?? {},
              ...(args.select !== undefined && { select: args.select }),
              regions: regions === "all" || regions === undefined ? session.context.regions : regions,
            },
            {
              factory: session.factory,
              config: session.config,
              context: session.context,
              store: await planStoreOf(options),
              now: () => new Date(),
              osUser: options.osUser,
            },
          );
          const blocked = isBlocked(result.plan);
          const next = blocked
            ? "Governance blocks this plan: it cannot be approved. Fix what the rules name and draft it again."
            : `Plan ${result.plan.id} saved. ${approvalNextStep(result.plan.id)}`;
          return toolResult(`${renderPlanMarkdown(result.plan, { isIntact: true })}\n${next}`, {
            announcement: session.announcement,
            plan: result.plan,
            isBlocked: blocked,
            files: result.files,
          });
        } finally {
          await session.close();
        }
      }),
  );
}
