import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import type { CliEnv } from "../../../src/interfaces/cli/cli-env.js";
import { registerInventoryDiff } from "../../../src/interfaces/cli/commands/inventory-diff.js";
import { buildProgram } from "../../../src/interfaces/cli/main.js";
import { formatError } from "../../../src/interfaces/cli/errors.js";
import type { InventoryResult } from "../../../src/core/inventory/inventory-result.js";
import type { ResourceRecord } from "../../../src/core/inventory/resource-record.js";
import { saveSnapshot } from "../../../src/workflows/inventory/snapshot.js";

function rec(id: string, over: Partial<ResourceRecord> = {}): ResourceRecord {
  return {
    service: "ec2",
    type: "instance",
    id,
    arn: `arn:aws:ec2:us-east-1:333333333333:instance/${id}`,
    name: undefined,
    account: "333333333333",
    region: "us-east-1",
    state: "running",
    tags: {},
    attributes: {},
    ...over,
  };
}

function result(resources: ResourceRecord[]): InventoryResult {
  return {
    account: "333333333333",
    accounts: [
      {
        id: "333333333333",
        name: undefined,
        access: "profile",
        roleArn: undefined,
        regions: ["us-east-1"],
        status: "complete",
      },
    ],
    regions: ["us-east-1"],
    services: ["ec2"],
    generatedAt: "2026-11-01T12:00:00.000Z",
    runId: undefined,
    summary: {
      counts: {},
      totalsByAccount: {},
      totalsByService: {},
      totalsByRegion: {},
      total: resources.length,
    },
    resources,
    failures: [],
    coverage: { planned: 1, read: 1, empty: [], notRead: [], skippedRegions: [], resumed: 0 },
  };
}

/** The real program, with `inventory diff` registered (once the lead wires it, it is already there). */
async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const cli: CliEnv = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { NO_COLOR: "1" },
    cwd,
    isTTY: false,
    osUser: "tester",
  };
  const program = buildProgram(cli);
  const inventory = program.commands.find((c) => c.name() === "inventory") as Command;
  if (!inventory.commands.some((c) => c.name() === "diff")) registerInventoryDiff(inventory, cli);
  try {
    await program.parseAsync(argv, { from: "user" });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { text, exitCode } = formatError(error, { debug: false, color: false });
    return { code: exitCode, stdout, stderr: stderr + text };
  }
}

async function workspaceWithTwoSnapshots(): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), "cw-diff-cli-"));
  const ws = join(cwd, ".aws-coworker");
  await saveSnapshot(result([rec("i-1"), rec("i-2")]), ws, new Date("2026-11-01T00:00:00Z"));
  await saveSnapshot(
    result([rec("i-1", { state: "stopped" }), rec("i-3")]),
    ws,
    new Date("2026-11-02T00:00:00Z"),
  );
  return cwd;
}

describe("aws-coworker inventory diff", () => {
  it("compares two snapshots of the workspace by name: the diff on stdout, the files on stderr", async () => {
    const cwd = await workspaceWithTwoSnapshots();
    const r = await run(["inventory", "diff", "20261101", "20261102"], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 appeared, 1 disappeared, 1 changed, 0 unchanged");
    expect(r.stdout).toContain("+ ec2 instance i-3");
    expect(r.stdout).toContain("- ec2 instance i-2");
    expect(r.stdout).toContain("    state: running → stopped");
    expect(r.stderr).toMatch(
      /comparing .*20261101T000000Z-333333333333\.json → .*20261102T000000Z-333333333333\.json/,
    );
  });

  it("answers JSON with --format json, and writes --out files", async () => {
    const cwd = await workspaceWithTwoSnapshots();
    const r = await run(["inventory", "diff", "20261101", "20261102", "--format", "json"], cwd);
    expect(JSON.parse(r.stdout).summary).toEqual({
      appeared: 1,
      disappeared: 1,
      changed: 1,
      unchanged: 0,
      notCompared: 0,
    });
    const out = await run(
      ["inventory", "diff", "20261101", "20261102", "--format", "markdown", "--out", "diff.md"],
      cwd,
    );
    expect(out.stdout).toBe("");
    expect(readFileSync(join(cwd, "diff.md"), "utf8")).toContain("# Inventory diff");
  });

  it("exits 2 naming the snapshot it cannot find", async () => {
    const cwd = await workspaceWithTwoSnapshots();
    const r = await run(["inventory", "diff", "20261101", "1999"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no snapshot "1999"');
  });

  it("takes --format before or after its arguments, table being text; csv is refused with exit 2", async () => {
    const cwd = await workspaceWithTwoSnapshots();
    const before = await run(["inventory", "--format", "json", "diff", "20261101", "20261102"], cwd);
    expect(JSON.parse(before.stdout).summary.changed).toBe(1);
    const table = await run(["inventory", "diff", "20261101", "20261102", "--format", "table"], cwd);
    expect(table.stdout).toContain("1 appeared, 1 disappeared, 1 changed");
    const csv = await run(["inventory", "diff", "20261101", "20261102", "--format", "csv"], cwd);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain("inventory diff cannot write --format csv");
  });
});
