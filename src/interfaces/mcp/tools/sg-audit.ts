/** `sg-audit`: the security group audit (reads only). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { McpServerOptions } from "../tool-support.js";
import { registerAuditTool } from "./audit-tool.js";

export function registerSgAuditTool(server: McpServer, options: McpServerOptions): void {
  registerAuditTool(server, options, {
    workflow: "sg-audit",
    title: "Security group audit",
    description:
      "Audit security groups: internet exposure by port, wide port ranges, unused groups, redundant rules. Reads only.",
    summary: "security group audit",
  });
}
