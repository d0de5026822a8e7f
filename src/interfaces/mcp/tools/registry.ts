/** Every MCP tool, registered on the server. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { McpServerOptions } from "../tool-support.js";
import { registerChangesTool } from "./changes.js";
import { registerCleanupTool } from "./cleanup.js";
import { registerContextTool } from "./context.js";
import { registerCostTool } from "./cost.js";
import { registerExecuteTool } from "./execute.js";
import { registerInventoryTool } from "./inventory.js";
import { registerPlanCreateTools } from "./plan-create.js";
import { registerPlanListTool } from "./plan-list.js";
import { registerPlanShowTool } from "./plan-show.js";
import { registerReviewTool } from "./review.js";
import { registerRollbackTool } from "./rollback.js";
import { registerRunsListTool } from "./runs-list.js";
import { registerRunsShowTool } from "./runs-show.js";
import { registerSecurityTool } from "./security.js";
import { registerSgAuditTool } from "./sg-audit.js";
import { registerTagComplianceTool } from "./tag-compliance.js";

export function registerTools(server: McpServer, options: McpServerOptions): void {
  for (const register of [
    registerContextTool,
    registerInventoryTool,
    registerSecurityTool,
    registerSgAuditTool,
    registerTagComplianceTool,
    registerCleanupTool,
    registerReviewTool,
    registerCostTool,
    registerChangesTool,
    registerPlanCreateTools,
    registerPlanShowTool,
    registerPlanListTool,
    registerRunsListTool,
    registerRunsShowTool,
    registerExecuteTool,
    registerRollbackTool,
  ])
    register(server, options);
}
