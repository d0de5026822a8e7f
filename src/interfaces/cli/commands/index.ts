/** Every command, registered on the program. Command modules import their workflows lazily. */
import type { Command } from "commander";
import type { CliEnv } from "../cli-env.js";
import { registerAskCommand } from "./ask.js";
import { registerAuditCommands } from "./audit.js";
import { registerAuditLogCommands } from "./audit-log.js";
import { registerChangesCommand } from "./changes.js";
import { registerConfigCommands } from "./config.js";
import { registerContextCommand } from "./context.js";
import { registerCostCommand } from "./cost.js";
import { registerInitCommand } from "./init.js";
import { registerInventoryCommand } from "./inventory.js";
import { registerInventoryDiff } from "./inventory-diff.js";
import { registerMcpCommand } from "./mcp.js";
import { registerPlanCommands } from "./plan.js";
import { registerSandboxCommands } from "./sandbox.js";

export function registerCommands(program: Command, cli: CliEnv): void {
  const inventory = registerInventoryCommand(program, {
    ...cli,
    openSession: async (globals, request) =>
      (await import("../session.js")).openSession(globals, request, cli),
    setExitCode: (code) => cli.setExitCode?.(code),
  });
  registerInventoryDiff(inventory, cli);
  registerAuditCommands(program, {
    ...cli,
    openSession: async (globals, request) =>
      (await import("../session.js")).openSession(globals, request, cli),
    setExitCode: (code) => cli.setExitCode?.(code),
  });
  registerCostCommand(program, {
    ...cli,
    openSession: async (globals, request) =>
      (await import("../session.js")).openSession(globals, request, cli),
    setExitCode: (code) => cli.setExitCode?.(code),
  });
  registerChangesCommand(program, {
    ...cli,
    openSession: async (globals, request) =>
      (await import("../session.js")).openSession(globals, request, cli),
    setExitCode: (code) => cli.setExitCode?.(code),
  });
  registerContextCommand(program, cli);
  registerConfigCommands(program, cli);
  registerAuditLogCommands(program, cli);
  registerSandboxCommands(program, cli);
  registerPlanCommands(program, cli);
  registerInitCommand(program, cli);
  registerAskCommand(program, cli);
  registerMcpCommand(program, cli);
}
