/** A real MCP client connected in memory to our server, on the sandbox, in a fresh workspace. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import {
  ElicitRequestSchema,
  type CallToolResult,
  type ElicitRequest,
  type ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import type { GlobalOptions } from "../../../src/interfaces/cli/cli-env.js";
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

export interface McpHarnessOptions {
  cwd?: string;
  /** More global options for the server (`overlay`, …); `sandbox: true` always. */
  globals?: GlobalOptions;
  /**
   * The client supports form elicitation, and this answers its requests: the person at the
   * client's user interface, in a test.
   */
  onElicit?: (request: ElicitRequest["params"]) => ElicitResult | Promise<ElicitResult>;
}

export async function mcpHarness(options: McpHarnessOptions = {}): Promise<McpHarness> {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), "aws-coworker-mcp-"));
  let log = "";
  const server = createMcpServer(
    {
      globals: { ...options.globals, sandbox: true },
      log: (t) => void (log += t),
      env: { NO_COLOR: "1" },
      cwd,
      osUser: "agent",
    },
    "0.0.0-test",
  );
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const onElicit = options.onElicit;
  const client = new Client(
    { name: "test-agent", version: "1.0.0" },
    onElicit === undefined ? {} : { capabilities: { elicitation: { form: {} } } },
  );
  if (onElicit !== undefined) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => onElicit(request.params));
  }
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

/** Tag demo-dev's instances that have no Owner. */
export const TAG_UNOWNED = {
  profile: "demo-dev",
  select: "ec2:instance !tag:Owner",
  tags: { Owner: "platform-team" },
};

/** A tool call that must succeed: its structured content, or a thrown error with its text. */
export async function ok<T>(h: McpHarness, name: string, args: Record<string, unknown>): Promise<T> {
  const result = await h.call(name, args);
  if (result.isError === true) throw new Error(`${name} failed: ${h.text(result)}`);
  return result.structuredContent as T;
}

/**
 * Tag the untagged instances of demo-dev (no approval needed there: destructive-only), then draft
 * its rollback — which removes tags, is destructive, and so waits for a person.
 */
export async function tagThenDraftRollback(h: McpHarness): Promise<{ runId: string; reverse: string }> {
  const created = await ok<{ plan: { id: string } }>(h, "plan_create_tag", TAG_UNOWNED);
  const { runId } = await ok<{ runId: string }>(h, "execute", { planId: created.plan.id });
  const rollback = await ok<{ plan: { id: string } }>(h, "rollback", { runId });
  return { runId, reverse: rollback.plan.id };
}
