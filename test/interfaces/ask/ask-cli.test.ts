/**
 * `aws-coworker ask` through the CLI, in process, on the sandbox: a read route runs the same
 * command a person would type (same output), a change route drafts a plan and the audit log
 * holds no mutation, and what it cannot route (an execution, a missing tag value) exits 2
 * with what it understood and the closest commands, drafting nothing.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { cli } from "../../_helpers/cli.js";

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "aws-coworker-ask-cli-"));
});

const run = (args: string[]) => cli([...args, "--sandbox", "--profile", "demo-dev"], { cwd });
const auditLog = () => join(cwd, ".aws-coworker", "audit", "audit-log.jsonl");

function auditRecords(): { action: string; class: string }[] {
  return readFileSync(auditLog(), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { action: string; class: string });
}

describe("aws-coworker ask", () => {
  test("a read: shows the command it chose, then runs it exactly as if typed", async () => {
    const asked = await run(["ask", "tag compliance for EC2 instances in all regions", "--format", "json"]);
    expect(asked.stderr).toContain(
      "→ aws-coworker tag-compliance --types ec2:instance --regions all --format json\n",
    );
    const typed = await run([
      "tag-compliance",
      "--types",
      "ec2:instance",
      "--regions",
      "all",
      "--format",
      "json",
    ]);
    expect(asked.code).toBe(typed.code);
    const strip = (out: string) =>
      JSON.stringify({ ...(JSON.parse(out) as object), generatedAt: null, runId: null });
    expect(strip(asked.stdout)).toEqual(strip(typed.stdout));
    expect(auditRecords().every((r) => r.class === "discovery")).toBe(true);
  });

  test("a change: drafts the plan (plan create …), approves and executes nothing", async () => {
    const asked = await run(["ask", "tag all untagged dev instances with Owner=platform-team"]);
    expect(asked.stderr).toContain(
      "→ aws-coworker plan create tag --select 'ec2:instance tag:Environment=development !tag:Owner' --set tags.Owner=platform-team",
    );
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain("## Blast radius");
    expect(readdirSync(join(cwd, ".aws-coworker", "plans")).filter((f) => f.endsWith(".json"))).toHaveLength(
      1,
    );
    expect(existsSync(join(cwd, ".aws-coworker", "approvals"))).toBe(false);
    expect(auditRecords().filter((r) => r.class !== "discovery")).toEqual([]);
  });

  test("--dry-run prints the route and runs nothing (no AWS call, no audit record)", async () => {
    const asked = await run(["ask", "--dry-run", "what changed in the last 24 hours?"]);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toBe("aws-coworker changes --since 24h\n");
    expect(existsSync(auditLog())).toBe(false);
  });

  test("an execution is never routed: exit 2, the way to approve and execute, nothing run", async () => {
    const asked = await run(["ask", "execute the last plan"]);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain(
      'error: cannot route "execute the last plan": ask drafts plans but never approves or executes them',
    );
    expect(asked.stderr).toContain("aws-coworker plan approve <plan>");
    expect(asked.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(auditLog())).toBe(false);
  });

  test("a change with a missing essential drafts nothing and says what is missing", async () => {
    const asked = await run(["ask", "tag all instances with Owner"]);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain("the value of the Owner tag (Owner=…) is missing");
    expect(asked.stderr).toContain("understood: ");
    expect(existsSync(join(cwd, ".aws-coworker", "plans"))).toBe(false);
  });
});
