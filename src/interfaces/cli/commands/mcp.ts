/** `aws-coworker mcp`: serve the workflows to an AI agent over MCP (stdio). */
import type { Command } from "commander";
import type { CliEnv, GlobalOptions } from "../cli-env.js";

export function registerMcpCommand(program: Command, cli: CliEnv): void {
  program
    .command("mcp")
    .description(
      "serve the workflows as MCP tools over stdio, for AI agents (Claude Code: `claude mcp add aws-coworker -- npx aws-coworker mcp`); with --sandbox, against the sandbox. Agents draft plans; only a person approves them (in the client's form when execute asks, or with `plan approve` at a terminal)",
    )
    .action(async (_opts: unknown, command: Command) => {
      const { serveStdio } = await import("../../mcp/stdio.js");
      await serveStdio(command.optsWithGlobals<GlobalOptions>(), cli, program.version() ?? "0.0.0");
    });
}
