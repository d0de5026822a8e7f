/**
 * `aws-coworker inventory --accounts … --regions all` end to end, in process: the session,
 * the member-account factories, the gate, the audit log, the journal and the sandbox a user
 * gets from the command line.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { listEstateResources } from "../../../src/aws/sandbox/estate.js";
import type { InventoryResult } from "../../../src/core/inventory/inventory-result.js";
import { cli } from "../../_helpers/cli.js";
import { MGMT_REGIONS } from "../../_helpers/org-factory.js";

const estate = buildDemoEstate();
const tempDir = () => mkdtempSync(join(tmpdir(), "cw-cli-org-"));
const ORG_ARGS = [
  "inventory",
  "--sandbox",
  "--profile",
  "demo-mgmt",
  "--accounts",
  "all",
  "--regions",
  "all",
];
const key = (account: string, r: { service: string; type: string; id: string }) =>
  `${account}/${r.service}/${r.type}/${r.id}`;

describe("aws-coworker inventory --accounts all --regions all (sandbox)", () => {
  test("returns every resource of the demo organisation exactly once, as JSON on stdout", async () => {
    const cwd = tempDir();
    const run = await cli([...ORG_ARGS, "--format", "json"], { cwd });
    expect(run.stderr).not.toMatch(/error:/);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as InventoryResult;

    expect(result.accounts.map((a) => a.id)).toEqual(estate.accounts.map((a) => a.id).sort());
    const expected = result.accounts.flatMap((a) =>
      listEstateResources(estate, a.id, a.regions).map((r) => key(a.id, r)),
    );
    const found = result.resources.map((r) => key(r.account, r));
    expect(new Set(found).size).toBe(found.length);
    expect([...found].sort()).toEqual(expected.sort());
    for (const a of result.accounts) expect(a.regions).toEqual(MGMT_REGIONS);
    expect(result.failures).toEqual([]);
    expect(result.coverage.skippedRegions.some((s) => s.reason === "not-opted-in")).toBe(true);

    // stderr: the announcement, the plan (5 accounts is past the advise threshold), what was
    // skipped, and plain progress lines (not a TTY).
    expect(run.stderr).toMatch(/READ-ONLY: inventory of .* in every active account of the organisation/);
    expect(run.stderr).toMatch(
      /regions\s+all enabled in each account among us-east-1, us-west-2, eu-west-1, ap-southeast-2/,
    );
    expect(run.stderr).toMatch(/^plan: .* workers/m);
    expect(run.stderr).toMatch(/^warning: skipped \d+ regions not opted in for 5 accounts: /m);
    expect(run.stderr).toMatch(
      new RegExp(`^✓ \\[${result.coverage.planned}/${result.coverage.planned}\\] `, "m"),
    );

    // The run is journaled and complete.
    const runDir = join(cwd, ".aws-coworker", "runs", result.runId ?? "");
    expect(JSON.parse(readFileSync(join(runDir, "run.json"), "utf8"))).toMatchObject({ status: "complete" });
    const journaled = readFileSync(join(runDir, "partitions.jsonl"), "utf8").trim().split("\n");
    expect(journaled.filter((l) => l.includes('"kind":"partition"'))).toHaveLength(result.coverage.planned);
  });

  test("every member account is entered through sts:AssumeRole, audited as a declared sensitive read, with no secret anywhere", async () => {
    const cwd = tempDir();
    const run = await cli([...ORG_ARGS, "--format", "csv", "--quiet"], { cwd });
    expect(run.code).toBe(0);
    const audit = readFileSync(join(cwd, ".aws-coworker", "audit", "audit-log.jsonl"), "utf8");
    const records = audit
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { action: string; outcome: string; class: string; account?: string });
    const assumed = records.filter((r) => r.action === "sts:AssumeRole");
    expect(assumed).toHaveLength(4);
    expect(assumed.every((r) => r.outcome === "ok" && r.class === "sensitive")).toBe(true);
    const accounts = new Set(records.filter((r) => r.action === "ec2:DescribeRegions").map((r) => r.account));
    expect(accounts.size).toBe(5);
    for (const text of [audit, run.stdout, run.stderr]) {
      expect(text).not.toMatch(/SecretAccessKey|SessionToken|sandbox-secret|sandbox-session-token/);
    }
    const runs = readdirSync(join(cwd, ".aws-coworker", "runs"));
    for (const id of runs) {
      expect(readFileSync(join(cwd, ".aws-coworker", "runs", id, "partitions.jsonl"), "utf8")).not.toMatch(
        /SecretAccessKey|SessionToken|ASIA/,
      );
    }
  });

  test("--quiet prints no progress and no plan; the announcement stays", async () => {
    const run = await cli([...ORG_ARGS, "--format", "json", "--quiet"], { cwd: tempDir() });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("READ-ONLY");
    expect(run.stderr).not.toMatch(/^✓/m);
    expect(run.stderr).not.toMatch(/^plan:/m);
    const global = await cli(["--quiet", ...ORG_ARGS, "--format", "json"], { cwd: tempDir() });
    expect(global.stderr).not.toMatch(/^✓/m);
  });

  test("--accounts all from a member account's profile exits 4 and says to use the management account", async () => {
    const run = await cli(["inventory", "--sandbox", "--accounts", "all", "--format", "json"], {
      cwd: tempDir(),
    });
    expect(run.code).toBe(4);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/demo-mgmt/);
  });

  test("a list of accounts, with the table report: one summary per account", async () => {
    const run = await cli(
      [
        "inventory",
        "--sandbox",
        "--profile",
        "demo-mgmt",
        "--accounts",
        "333333333333,555555555555",
        "--regions",
        "us-east-1,eu-west-1",
      ],
      { cwd: tempDir() },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Inventory of 2 accounts (profile's account 111111111111)");
    expect(run.stdout).toMatch(/│ 333333333333 │ EC2/);
    expect(run.stdout).toMatch(/│ 555555555555 │ EC2/);
    expect(run.stdout).toContain("Coverage");
  });

  test("--resume: with no unfinished run it says so and starts one; an unknown run id exits 2", async () => {
    const cwd = tempDir();
    const args = [
      "inventory",
      "--sandbox",
      "--regions",
      "us-east-1",
      "--services",
      "ec2",
      "--format",
      "json",
    ];
    const first = await cli([...args, "--resume"], { cwd });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/warning: --resume: no unfinished run of this scope/);
    const bad = await cli([...args, "--resume", "20990101T000000Z-ffffff"], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no inventory run "20990101T000000Z-ffffff"/);
    const id = (JSON.parse(first.stdout) as InventoryResult).runId ?? "";
    const again = await cli([...args, "--resume", id], { cwd });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`resuming run ${id}`);
    expect((JSON.parse(again.stdout) as InventoryResult).coverage.resumed).toBe(1);
    expect(existsSync(join(cwd, ".aws-coworker", "runs", id, "run.json"))).toBe(true);
  });
});
