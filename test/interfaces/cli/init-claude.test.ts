/** `aws-coworker init --claude`: the files Claude Code reads, merged with what a repository has. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cli } from "../../_helpers/cli.js";
import { mcpHarness } from "../mcp/mcp-harness.js";

const fresh = () => mkdtempSync(join(tmpdir(), "cw-init-"));
interface Written {
  mcpServers: Record<string, unknown>;
  model?: string;
  permissions: { allow: string[]; deny: string[] };
}
const json = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Written;

describe("aws-coworker init --claude", () => {
  test("writes CLAUDE.md, the slash commands, .mcp.json and settings that deny the aws CLI, approving and editing the workspace", async () => {
    const cwd = fresh();
    const run = await cli(["init", "--claude"], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(cwd, "CLAUDE.md"), "utf8")).toContain("MUST NOT run `aws`");
    for (const name of [
      "plan-interaction",
      "execute-nonprod",
      "prepare-prod-change",
      "rollback-change",
      "audit-library",
    ]) {
      const text = readFileSync(join(cwd, ".claude", "commands", `aws-coworker-${name}.md`), "utf8");
      expect(text).toMatch(/^---\ndescription: .+\n/);
    }
    expect(json(join(cwd, ".mcp.json"))).toEqual({
      mcpServers: { "aws-coworker": { command: "npx", args: ["aws-coworker", "mcp"] } },
    });
    const settings = json(join(cwd, ".claude", "settings.json"));
    expect(settings.permissions.deny).toEqual(
      expect.arrayContaining([
        "Bash(aws *)",
        "Bash(aws:*)",
        // An agent can neither approve through its shell nor write an approval file.
        "Bash(aws-coworker plan approve:*)",
        "Edit(./.aws-coworker/**)",
      ]),
    );
    expect(settings.permissions.allow).toContain("mcp__aws-coworker");
  });

  test("keeps the repository's other servers, rules and its own CLAUDE.md (unless --force)", async () => {
    const cwd = fresh();
    writeFileSync(join(cwd, ".mcp.json"), JSON.stringify({ mcpServers: { github: { command: "gh-mcp" } } }));
    mkdirSync(join(cwd, ".claude"));
    writeFileSync(
      join(cwd, ".claude", "settings.json"),
      JSON.stringify({ model: "x", permissions: { deny: ["Bash(curl *)"] } }),
    );
    writeFileSync(join(cwd, "CLAUDE.md"), "# Our own rules\n");
    const run = await cli(["init", "--claude"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/kept .*CLAUDE\.md/);
    expect(readFileSync(join(cwd, "CLAUDE.md"), "utf8")).toBe("# Our own rules\n");
    expect(Object.keys(json(join(cwd, ".mcp.json")).mcpServers)).toEqual(["github", "aws-coworker"]);
    const settings = json(join(cwd, ".claude", "settings.json"));
    expect(settings.model).toBe("x");
    expect(settings.permissions.deny).toEqual([
      "Bash(curl *)",
      "Bash(aws)",
      "Bash(aws *)",
      "Bash(aws:*)",
      "Bash(aws-coworker plan approve:*)",
      "Bash(npx aws-coworker plan approve:*)",
      "Edit(./.aws-coworker/**)",
      "Edit(./.claude/settings.json)",
      "Edit(./.claude/settings.local.json)",
    ]);
    // Run again: nothing is added twice.
    await cli(["init", "--claude"], { cwd });
    expect(json(join(cwd, ".claude", "settings.json")).permissions.deny).toHaveLength(9);
    const forced = await cli(["init", "--claude", "--force"], { cwd });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(cwd, "CLAUDE.md"), "utf8")).toContain("AWS Coworker");
  });

  test("an .mcp.json that is not JSON is named, and nothing is written", async () => {
    const cwd = fresh();
    writeFileSync(join(cwd, ".mcp.json"), "{ not json");
    const run = await cli(["init", "--claude"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(".mcp.json is not a JSON object");
    expect(existsSync(join(cwd, "CLAUDE.md"))).toBe(false);
  });

  test("every MCP tool the files name is a tool the server lists", async () => {
    const cwd = fresh();
    await cli(["init", "--claude"], { cwd });
    const texts = [
      "CLAUDE.md",
      ...readdirSync(join(cwd, ".claude", "commands")).map((f) => join(".claude", "commands", f)),
    ].map((f) => readFileSync(join(cwd, f), "utf8"));
    const named = new Set(
      texts.flatMap((t) => [...t.matchAll(/mcp__aws-coworker__([a-z0-9_-]+)/g)].map((m) => m[1]!)),
    );
    expect(named.size).toBeGreaterThan(10);
    const h = await mcpHarness();
    try {
      const tools = new Set((await h.client.listTools()).tools.map((t) => t.name));
      expect([...named].filter((n) => !tools.has(n))).toEqual([]);
    } finally {
      await h.close();
    }
  });

  test("without --claude it says what to pass", async () => {
    const run = await cli(["init"], { cwd: fresh() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--claude");
  });
});
