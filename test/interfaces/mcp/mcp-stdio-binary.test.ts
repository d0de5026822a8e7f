/** The built binary as an MCP server over real stdio (npm run build first, as the CLI's smoke test). */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const BIN = join(ROOT, "bin", "aws-coworker.js");

describe("aws-coworker mcp --sandbox over stdio", () => {
  test("lists the tools and answers a call; stdout carries only the protocol, the log goes to stderr", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "cw-mcp-bin-"));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, "mcp", "--sandbox"],
      cwd,
      env: { PATH: process.env["PATH"] ?? "", HOME: cwd, AWS_EC2_METADATA_DISABLED: "true", NO_COLOR: "1" },
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (chunk: Buffer) => void (stderr += chunk.toString("utf8")));
    const protocolErrors: Error[] = [];
    const client = new Client({ name: "smoke", version: "1.0.0" });
    client.onerror = (error) => void protocolErrors.push(error);
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(
        expect.arrayContaining(["context", "inventory", "plan_create_vpc", "execute"]),
      );
      const context = (await client.callTool({
        name: "context",
        arguments: { profile: "demo-dev" },
      })) as CallToolResult;
      expect(context.isError).toBeFalsy();
      expect(context.structuredContent).toMatchObject({ announcement: { account: "333333333333" } });
    } finally {
      await client.close();
    }
    expect(protocolErrors).toEqual([]);
    expect(stderr).toContain("MCP server on stdio, against the sandbox");
    expect(stderr).toContain("READ-ONLY");
  }, 30_000);
});
