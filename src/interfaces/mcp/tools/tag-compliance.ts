/** `tag-compliance`: tags against the tagging policy (reads only). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { RESOURCE_TYPE_NAMES } from "../../../core/inventory/resource-record.js";
import type { McpServerOptions } from "../tool-support.js";
import { registerAuditTool } from "./audit-tool.js";

export function registerTagComplianceTool(server: McpServer, options: McpServerOptions): void {
  registerAuditTool(server, options, {
    workflow: "tag-compliance",
    title: "Tag compliance audit",
    description:
      "Check tags against the tagging policy (tagging.required): missing and invalid tags, compliance per type, account and region, suggested values. Reads only.",
    summary: "tag compliance audit",
    inputShape: {
      types: z
        .array(z.enum(RESOURCE_TYPE_NAMES as [string, ...string[]]))
        .min(1)
        .optional()
        .describe("resource types as service:type (default: every type inventoried)"),
    },
  });
}
