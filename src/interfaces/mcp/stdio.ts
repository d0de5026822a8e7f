/**
 * `aws-coworker mcp` over stdio: stdout carries only the protocol; the sessions' announcements,
 * progress lines and warnings go to stderr (the server's log). Resolves when the client closes
 * the connection (stdin ends).
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { CliEnv, GlobalOptions } from "../cli/cli-env.js";
import { createMcpServer, mcpServerOptionsOf } from "./server.js";

export async function serveStdio(globals: GlobalOptions, cli: CliEnv, version: string): Promise<void> {
  const server = createMcpServer(mcpServerOptionsOf(globals, cli), version);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  process.stdin.once("end", () => void server.close());
  await server.connect(new StdioServerTransport(process.stdin, process.stdout));
  const target = globals.sandbox === undefined || globals.sandbox === false ? "AWS" : "the sandbox";
  cli.stderr(`aws-coworker MCP server on stdio, against ${target}; this log is stderr\n`);
  await closed;
}
