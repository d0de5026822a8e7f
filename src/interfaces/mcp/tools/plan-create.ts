/**
 * `plan_create_<blueprint>`: one tool per blueprint (plan_create_vpc, plan_create_s3_bucket,
 * plan_create_tag, …), each drafting a plan from its blueprint (reads the account, changes
 * nothing). The tools are generated from BLUEPRINTS: each blueprint parameter becomes a typed
 * argument (integer with its bounds, boolean, enum of its choices, list, string) with the
 * parameter's description and default, so an agent sees exactly what each blueprint takes, and a
 * new blueprint appears here without a new tool file.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { BlueprintParam } from "../../../core/plans/blueprints/blueprint.js";
import { LIST_SEPARATOR } from "../../../core/plans/blueprints/blueprint.js";
import type { BlueprintDefinition } from "../../../workflows/plans/blueprints/definition.js";
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

/** The tool that drafts a blueprint's plan: plan_create_vpc, plan_create_s3_bucket, … */
export function planToolName(blueprint: string): string {
  return `plan_create_${blueprint.replace(/-/g, "_")}`;
}

/** The names of every plan-drafting tool, in the registry's order. */
export const PLAN_TOOL_NAMES: readonly string[] = Object.keys(BLUEPRINTS).map(planToolName);

/** The arguments every plan tool takes besides its blueprint's parameters. */
const FIXED_ARGS = new Set(["profile", "regions", "tags", "select"]);

/** A blueprint parameter as a typed tool argument (always optional: the blueprint reports a missing one). */
function paramArg(p: BlueprintParam): z.ZodType {
  const shown = p.default === undefined ? "" : ` (default: ${String(p.default)})`;
  const described = `${p.description}${shown}`;
  switch (p.kind) {
    case "int": {
      let n = z.number().int();
      if (p.min !== undefined) n = n.min(p.min);
      if (p.max !== undefined) n = n.max(p.max);
      return n.optional().describe(described);
    }
    case "bool":
      return z.boolean().optional().describe(described);
    case "enum":
      return z
        .enum((p.choices ?? []) as [string, ...string[]])
        .optional()
        .describe(described);
    case "list":
      return z.array(z.string().min(1)).optional().describe(described);
    case "string":
      return z.string().min(1).optional().describe(described);
  }
}

function inputShapeOf(blueprint: string, spec: BlueprintDefinition): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {
    profile: profileArg,
    regions: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        spec.takesSelection === true
          ? "the regions to select resources in; default: the profile's"
          : "the region to plan in (the first is used); default: the profile's",
      ),
  };
  if (spec.takesSelection === true) {
    shape["select"] = z
      .string()
      .min(1)
      .describe(
        "which resources: types and tag filters, e.g. 'ec2:instance tag:Environment=development !tag:Owner'",
      );
  }
  // Tags: for what a plan creates, or — the tag blueprint — what it puts on the selected resources.
  if (spec.createsResources || blueprint === "tag") {
    shape["tags"] = z
      .record(z.string().min(1), z.string())
      .optional()
      .describe(
        spec.createsResources
          ? "tags for what the plan creates, Key: value (the tagging policy's required tags must be given)"
          : "the tags to put on the selected resources, Key: value",
      );
  }
  for (const p of spec.params) {
    if (FIXED_ARGS.has(p.name)) throw new Error(`blueprint parameter ${p.name} clashes with a tool argument`);
    shape[p.name] = paramArg(p);
  }
  return shape;
}

/** The tool's typed arguments as the workflow's `--set` pairs (lists joined, tags as tags.<Key>). */
function setPairsOf(spec: BlueprintDefinition, args: Record<string, unknown>): Record<string, string> {
  const set: Record<string, string> = {};
  for (const p of spec.params) {
    const value = args[p.name];
    if (value === undefined) continue;
    set[p.name] = Array.isArray(value) ? value.map(String).join(LIST_SEPARATOR) : String(value);
  }
  const tags = (args["tags"] ?? {}) as Record<string, string>;
  for (const [key, value] of Object.entries(tags)) set[`tags.${key}`] = value;
  return set;
}

function describeParams(spec: BlueprintDefinition): string {
  return spec.params.length === 0
    ? ""
    : ` Parameters: ${spec.params.map((p) => `${p.name}${p.choices === undefined ? "" : ` (${p.choices.join("|")})`}`).join(", ")}.`;
}

export function registerPlanCreateTools(server: McpServer, options: McpServerOptions): void {
  for (const [blueprint, spec] of Object.entries(BLUEPRINTS)) {
    registerPlanCreateTool(server, options, blueprint, spec);
  }
}

function registerPlanCreateTool(
  server: McpServer,
  options: McpServerOptions,
  blueprint: string,
  spec: BlueprintDefinition,
): void {
  server.registerTool(
    planToolName(blueprint),
    {
      title: `Draft a ${blueprint} plan`,
      description: `Draft a plan — ${spec.summary} — and save it in the workspace: it reads the account and changes nothing.${describeParams(spec)} The result holds the plan (steps, blast radius, governance, cost) as Markdown for the person to review. A person then approves it — in a form execute shows them through your client (MCP elicitation), or in their own terminal (\`aws-coworker plan approve <id>\`); there is no approve tool.`,
      inputSchema: inputShapeOf(blueprint, spec),
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
    async (args: Record<string, unknown>, extra) =>
      guarded(async () => {
        const regions = await regionsOf(args["regions"] as string[] | undefined);
        const { createPlan } = await import("../../../workflows/plans/create.js");
        const { renderPlanMarkdown } = await import("../../../report/plans/markdown.js");
        const { isBlocked } = await import("../../../core/plans/plan.js");
        const session = await openToolSession(
          options,
          args["profile"] as string | undefined,
          {
            operation: "read",
            summary: `draft a ${blueprint} plan (reads only; nothing is changed)`,
            regions: regions === "all" ? undefined : regions,
          },
          extra,
        );
        try {
          const select = args["select"] as string | undefined;
          const result = await createPlan(
            {
              blueprint,
              set: setPairsOf(spec, args),
              ...(select !== undefined && { select }),
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
