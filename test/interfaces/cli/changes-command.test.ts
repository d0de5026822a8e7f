/**
 * `aws-coworker changes` through the CLI: the whole program in process against the sandbox
 * (the demo organisation, its planted unusual activity), usage errors before any AWS call, and
 * with a harness session to inject access denied (a clear message, exit 4, no stack trace).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DEMO_NOW, DEMO_PLANTED_ACTIVITY } from "../../../src/aws/sandbox/demo.js";
import type { ChangesResult } from "../../../src/core/changes/changes-result.js";
import { CORE_DEFAULTS } from "../../../src/core/config/defaults.js";
import type { Config } from "../../../src/core/config/schema.js";
import { registerChangesCommand, type ChangesSession } from "../../../src/interfaces/cli/commands/changes.js";
import { cli } from "../../_helpers/cli.js";
import { commandHarness } from "../../_helpers/cli-harness.js";
import type { SandboxFactoryOptions } from "../../_helpers/sandbox-factory.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cw-changes-cmd-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ORG = ["--sandbox", "--profile", "demo-mgmt", "--accounts", "all", "--regions", "all", "--yes"];
const key = (a: { kind: string; account: string; subject: string }) => `${a.kind} ${a.account} ${a.subject}`;

describe("changes (the whole CLI, sandbox)", () => {
  test("--since 24h over the demo organisation reports exactly the planted unusual activity, as JSON", async () => {
    const run = await cli(["changes", ...ORG, "--since", "24h", "--format", "json", "--quiet"], { cwd: dir });
    expect(run.stderr).toMatch(
      /READ-ONLY: review of CloudTrail write events since 24h in every active account/,
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ChangesResult;
    expect(result.accounts).toHaveLength(5);
    expect(result.failures).toEqual([]);
    // The window ends at the sandbox estate's moment, not the machine's clock.
    expect(result.window.until).toBe(DEMO_NOW.toISOString());
    expect(result.unusual.map(key).sort()).toEqual(DEMO_PLANTED_ACTIVITY.map(key).sort());
    expect(result.unusual[0]?.severity).toBe("critical");
    expect(result.events.every((e) => !e.isReadOnly)).toBe(true);
    expect(result.pages).toBeGreaterThanOrEqual(result.coverage.planned);
  });

  test("the table shows the unusual activity, who, what, which resources and a timeline; progress counts pages", async () => {
    const run = await cli(["changes", "--sandbox", "--profile", "demo-dev", "--since", "24h"], { cwd: dir });
    expect(run.code).toBe(0);
    for (const title of [
      "Unusual activity",
      "Who",
      "Change types",
      "What",
      "Which resources",
      "Timeline",
      "Coverage",
    ])
      expect(run.stdout).toContain(`\n${title}\n`);
    expect(run.stdout).toContain("Console sign-in without MFA");
    expect(run.stdout).toContain("Mass deletion");
    expect(run.stdout).toContain("jdoe (IAM user)");
    expect(run.stderr).toMatch(/CloudTrail events in 333333333333 us-east-1: \d+ pages, \d+ events/);
  });

  test("filters narrow the events; csv has a row per event with its unusual kinds", async () => {
    const run = await cli(
      [
        "changes",
        "--sandbox",
        "--profile",
        "demo-dev",
        "--principal",
        "dev-ci",
        "--event",
        "Delete*",
        "--format",
        "csv",
        "--quiet",
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\r\n");
    expect(lines[0]).toMatch(
      /^event_time,account,region,event_source,event_name,change_type,principal_type,principal/,
    );
    expect(lines.length).toBe(26);
    for (const line of lines.slice(1)) {
      expect(line).toContain(",DeleteSnapshot,delete,iam-user,dev-ci,");
      expect(line).toContain(",mass-deletion,high,");
    }
  });

  test("a bad --since, --until or --fail-on is a usage error (exit 2) before any AWS call", async () => {
    for (const [args, message] of [
      [["--since", "yesterday"], '"yesterday" is not a time in --since'],
      [["--until", "soon"], '"soon" is not a time in --until'],
      [["--fail-on", "urgent"], '"urgent" is not a severity in --fail-on'],
      [["--service", ","], "--service is empty"],
    ] as const) {
      const run = await cli(["changes", "--sandbox", ...args], { cwd: dir });
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toContain("READ-ONLY");
      expect(run.stdout).toBe("");
    }
    const range = await cli(["changes", "--sandbox", "--since", "120d"], { cwd: dir });
    expect(range.code).toBe(2);
    expect(range.stderr).toContain("CloudTrail's event history keeps 90 days");
  });
});

describe("changes (harness session)", () => {
  function harness(sandbox: SandboxFactoryOptions = {}) {
    return commandHarness<ChangesSession>({
      dir,
      sandbox,
      extra: (base) => ({ ...base, config: CORE_DEFAULTS as unknown as Config, now: () => DEMO_NOW }),
      register: (program, deps) => registerChangesCommand(program, deps),
    });
  }

  test("access denied on LookupEvents: a clear message naming the permission, exit 4, no stack trace", async () => {
    const { run, out } = harness({
      faults: {
        rules: [{ match: { service: "cloudtrail", action: "LookupEvents" }, fail: "access-denied" }],
      },
    });
    await run(["changes", "--regions", "us-east-1,us-west-2", "--format", "json"]);
    expect(out.exitCode).toBe(4);
    expect(out.stderr).toContain(
      "no CloudTrail events could be read: access denied: the caller may not read CloudTrail's event history (cloudtrail:LookupEvents) in account 333333333333",
    );
    expect(out.stderr).toContain("Grant cloudtrail:LookupEvents");
    expect(out.stderr).not.toMatch(/\n\s+at /);
    const result = JSON.parse(out.stdout) as ChangesResult;
    expect(result.failures.map((f) => [f.region, f.reason, f.awsName])).toEqual([
      ["us-east-1", "not-permitted", "AccessDeniedException"],
      ["us-west-2", "not-permitted", "AccessDeniedException"],
    ]);
  });

  test("access denied in one region of two: a partial result with the other's events, exit 4", async () => {
    const { run, out } = harness({
      faults: {
        rules: [
          {
            match: { service: "cloudtrail", action: "LookupEvents", region: "us-west-2" },
            fail: "access-denied",
          },
        ],
      },
    });
    await run(["changes", "--regions", "us-east-1,us-west-2", "--format", "json"]);
    expect(out.exitCode).toBe(4);
    expect(out.stderr).toContain("the changes review is partial: 1 of 2 partitions not read");
    const result = JSON.parse(out.stdout) as ChangesResult;
    expect(result.events.length).toBeGreaterThan(0);
    expect(result.events.every((e) => e.region === "us-east-1")).toBe(true);
  });

  test("--resume after a partial run reads only the partition that failed", async () => {
    const { run, out, sandbox } = harness({
      faults: {
        rules: [
          {
            match: { service: "cloudtrail", action: "LookupEvents", region: "us-west-2" },
            fail: "access-denied",
          },
        ],
      },
    });
    const args = ["changes", "--regions", "us-east-1,us-west-2", "--format", "json"];
    await run(args);
    expect(out.exitCode).toBe(4);
    const first = JSON.parse(out.stdout) as ChangesResult;
    sandbox.configureFaults({});
    const before = sandbox.calls.length;
    out.stdout = "";
    out.exitCode = 0;
    await run([...args, "--resume"]);
    expect(out.exitCode).toBe(0);
    const second = JSON.parse(out.stdout) as ChangesResult;
    expect(second.failures).toEqual([]);
    expect(second.coverage.resumed).toBe(1);
    expect(new Set(sandbox.calls.slice(before).map((c) => `${c.region} ${c.action}`))).toEqual(
      new Set(["us-west-2 LookupEvents"]),
    );
    expect(second.summary.events).toBeGreaterThan(first.summary.events);
  });
});
