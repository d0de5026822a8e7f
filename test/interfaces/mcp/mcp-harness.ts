/** A real MCP client connected in memory to our server, on the sandbox, in a fresh workspace. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createMcpServer } from "../../../src/interfaces/mcp/server.js";

export interface McpHarness {
  client: Client;
  cwd: string;
  /** What the server logged (stderr under stdio). */
  log(): string;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** The text of a result. */
  text(result: CallToolResult): string;
  /** Non-discovery records of the audit log, as `action outcome`. */
  auditActions(): string[];
  close(): Promise<void>;
}

export async function mcpHarness(
  cwd = mkdtempSync(join(tmpdir(), "aws-coworker-mcp-")),
): Promise<McpHarness> {
  let log = "";
  const server = createMcpServer(
    { globals: { sandbox: true }, log: (t) => void (log += t), env: { NO_COLOR: "1" }, cwd, osUser: "agent" },
    "0.0.0-test",
  );
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: "test-agent", version: "1.0.0" });
  await client.connect(clientTransport);
  const text = (result: CallToolResult) =>
    result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
  return {
    client,
    cwd,
    log: () => log,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    text,
    auditActions: () => {
      let file: string;
      try {
        file = readFileSync(join(cwd, ".aws-coworker", "audit", "audit-log.jsonl"), "utf8");
      } catch {
        return [];
      }
      return file
        .trim()
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as { action: string; class: string; outcome: string })
        .filter((r) => r.class !== "discovery")
        .map((r) => `${r.action} ${r.outcome}`);
    },
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}
