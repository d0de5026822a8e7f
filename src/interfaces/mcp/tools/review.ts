/** `review`: a Well-Architected review of one pillar (reads only). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { PILLARS } from "../../../core/checks/check.js";
import type { McpServerOptions } from "../tool-support.js";
import { registerAuditTool } from "./audit-tool.js";

export function registerReviewTool(server: McpServer, options: McpServerOptions): void {
  registerAuditTool(server, options, {
    workflow: "review",
    title: "Well-Architected review",
    description:
      "Well-Architected review of one pillar: the checks that serve it, with pillar-specific recommendations. Reads only.",
    summary: "Well-Architected review",
    inputShape: { pillar: z.enum(PILLARS).describe("the pillar to review") },
  });
}
