/** `cleanup`: unused resources and what they cost (reads only; deletes nothing). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { McpServerOptions } from "../tool-support.js";
import { registerAuditTool } from "./audit-tool.js";

export function registerCleanupTool(server: McpServer, options: McpServerOptions): void {
  registerAuditTool(server, options, {
    workflow: "cleanup",
    title: "Unused-resource audit",
    description:
      "Find unused resources with their monthly cost: unattached volumes, idle IPs and load balancers, old snapshots, orphaned interfaces, long-stopped instances. Reads only; deletes nothing.",
    summary: "unused-resource audit",
  });
}
