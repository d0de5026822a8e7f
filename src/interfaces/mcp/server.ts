/**
 * The MCP server (`aws-coworker mcp`): one tool per workflow, each opening its own session
 * (same configuration, profiles, gate and audit log as the CLI) for the profile and regions the
 * agent names. There is no approve tool: an agent drafts plans, a person approves them.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CliEnv, GlobalOptions } from "../cli/cli-env.js";
import { Turnstile, type McpServerOptions } from "./tool-support.js";
import { registerTools } from "./tools/registry.js";
import { answerUnknownToolsAsProtocolErrors } from "./unknown-tool.js";

export type { McpServerOptions } from "./tool-support.js";

export function createMcpServer(options: McpServerOptions, version: string): McpServer {
  const server = new McpServer(
    { name: "aws-coworker", version },
    {
      capabilities: { tools: {} },
      instructions:
        "AWS Coworker reads AWS accounts (inventory, audits, cost, recent changes) and drafts change plans. Every tool takes the profile (and regions, accounts) explicitly; each result carries the announcement (profile, account, classification, permissions). Nothing changes AWS except execute, and execute runs only a plan a person approved: in a form execute shows them through this client (MCP elicitation, when the client supports it), or in their own terminal (`aws-coworker plan approve <id>`). There is no approve tool, and you cannot answer the form for them.",
    },
  );
  registerTools(server, { ...options, sandboxTurns: options.sandboxTurns ?? new Turnstile() });
  answerUnknownToolsAsProtocolErrors(server);
  return server;
}

/** The server's options for a CLI invocation (`mcp`, `ask --llm`): its global options, its stderr as the log. */
export function mcpServerOptionsOf(globals: GlobalOptions, cli: CliEnv): McpServerOptions {
  return { globals, log: cli.stderr, env: cli.env, cwd: cli.cwd, osUser: cli.osUser };
}
