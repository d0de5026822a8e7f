/** `security`: the security posture audit (reads only). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { McpServerOptions } from "../tool-support.js";
import { registerAuditTool } from "./audit-tool.js";

export function registerSecurityTool(server: McpServer, options: McpServerOptions): void {
  registerAuditTool(server, options, {
    workflow: "security",
    title: "Security audit",
    description:
      "Check the security posture: public S3, security groups, IAM, CloudTrail, encryption, RDS exposure. Findings worst first. Reads only.",
    summary: "security audit",
  });
}
