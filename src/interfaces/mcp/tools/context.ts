/** `context`: who the credentials are and what they may do (sts:GetCallerIdentity, iam:ListAccountAliases). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { renderAnnouncement } from "../../../core/context/announce.js";
import {
  announcementSchema,
  guarded,
  openToolSession,
  profileArg,
  regionsArg,
  regionsOf,
  toolResult,
  type McpServerOptions,
} from "../tool-support.js";

export function registerContextTool(server: McpServer, options: McpServerOptions): void {
  server.registerTool(
    "context",
    {
      title: "Resolve the context",
      description:
        "Resolve a profile: account id and alias, caller ARN, regions, classification (production, staging, development, sandbox…), permissions and approval mode. Call it first for each profile you will use. Reads only.",
      inputSchema: { profile: profileArg, regions: regionsArg },
      outputSchema: z.looseObject({
        announcement: announcementSchema,
        callerArn: z.string(),
        defaultRegion: z.string(),
        isReadOnly: z.boolean().describe("true when the profile may not change anything"),
        directExecution: z.boolean().describe("whether execute may run plans in this environment"),
        warnings: z.array(z.object({ code: z.string(), message: z.string() })),
      }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async ({ profile, regions }, extra) =>
      guarded(async () => {
        const session = await openToolSession(
          options,
          profile,
          {
            operation: "read",
            summary: "resolve the context (sts:GetCallerIdentity, iam:ListAccountAliases)",
            regions: await regionsOf(regions),
          },
          extra,
        );
        try {
          const ctx = session.context;
          return toolResult(renderAnnouncement(ctx, { operation: "read", summary: "context" }).join("\n"), {
            announcement: session.announcement,
            callerArn: ctx.callerArn,
            defaultRegion: ctx.defaultRegion,
            isReadOnly: ctx.isReadOnly,
            directExecution: ctx.environment.directExecution,
            warnings: ctx.warnings.map((w) => ({ code: w.code, message: w.message })),
          });
        } finally {
          await session.close();
        }
      }),
  );
}
