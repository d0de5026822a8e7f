/**
 * The change commands through the CLI, in process, on the sandbox: plan create / show / list /
 * diff, approve at a terminal (and its refusal without one), execute (dry run, run, exit codes),
 * runs list / show and rollback — the sandbox's state persisting between invocations as it does
 * for a user.
 */
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { cli } from "../../_helpers/cli.js";

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "aws-coworker-plan-cli-"));
});

const run = (args: string[], extra: { answers?: string[]; asked?: string[] } = {}) =>
  cli([...args, "--sandbox"], { cwd, ...extra });

function planIdFrom(stderr: string): string {
  const match =
    /Plan (plan-[a-z0-9-]+) saved/.exec(stderr) ?? /Rollback plan (plan-[a-z0-9-]+) saved/.exec(stderr);
  if (match === null) throw new Error(`no plan id in: ${stderr}`);
  return match[1]!;
}

function auditActions(): string[] {
  const log = readFileSync(join(cwd, ".aws-coworker", "audit", "audit-log.jsonl"), "utf8");
  return log
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { action: string; class: string; outcome: string })
    .filter((r) => r.class !== "discovery")
    .map((r) => `${r.action} ${r.outcome}`);
}

describe("aws-coworker plan / execute / rollback", () => {
  test("tag plan: create, show, dry run, execute, then a rollback that a person approves at the terminal", async () => {
    const created = await run([
      "plan",
      "create",
      "tag",
      "--profile",
      "demo-dev",
      "--select",
      "ec2:instance !tag:Owner",
      "--set",
      "tags.Owner=platform-team",
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("## Blast radius");
    expect(created.stdout).toContain("aws ec2 create-tags");
    const id = planIdFrom(created.stderr);
    expect(readdirSync(join(cwd, ".aws-coworker", "plans"))).toEqual([`${id}.json`, `${id}.md`]);

    const list = await run(["plan", "list"]);
    expect(list.stdout).toContain(id);
    const shown = await run(["plan", "show", "last", "--format", "json"]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id, blueprint: "tag" });

    const dry = await run(["execute", id, "--profile", "demo-dev", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("none was");
    expect(auditActions()).toEqual([]);

    const executed = await run(["execute", id, "--profile", "demo-dev"]);
    expect(executed.stderr).toContain("MUTATES");
    expect(executed.code).toBe(0);
    expect(executed.stdout).toMatch(/completed\s+tag-us-east-1-1/);
    expect(auditActions()).toEqual(["ec2:CreateTags ok"]);

    const inventory = await run([
      "inventory",
      "--profile",
      "demo-dev",
      "--services",
      "ec2",
      "--format",
      "json",
    ]);
    const instances = (
      JSON.parse(inventory.stdout) as {
        resources: { type: string; state: string; tags: Record<string, string> }[];
      }
    ).resources.filter((r) => r.type === "instance" && r.state !== "terminated");
    expect(instances.length).toBeGreaterThan(0);
    expect(instances.every((r) => r.tags["Owner"] !== undefined)).toBe(true);

    const runs = JSON.parse((await run(["runs", "list", "--format", "json"])).stdout) as {
      runId: string;
      status: string;
    }[];
    expect(runs[0]).toMatchObject({ status: "completed", isReversible: true });
    const runShown = await run(["runs", "show", runs[0]!.runId]);
    expect(runShown.stdout).toContain("step-completed tag-us-east-1-1");

    const rollback = await run(["rollback", runs[0]!.runId, "--profile", "demo-dev"]);
    expect(rollback.code).toBe(0);
    const reverse = planIdFrom(rollback.stderr);

    const refused = await run(["execute", reverse, "--profile", "demo-dev"]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("plan approve");

    const noTty = await run(["plan", "approve", reverse, "--profile", "demo-dev"]);
    expect(noTty.code).toBe(3);
    expect(noTty.stderr).toContain("interactive terminal");

    const declined = await run(["plan", "approve", reverse, "--profile", "demo-dev"], { answers: ["no"] });
    expect(declined.code).toBe(3);
    expect(declined.stderr).toContain("No changes made");

    const asked: string[] = [];
    const approved = await run(["plan", "approve", reverse, "--profile", "demo-dev"], {
      answers: ["yes"],
      asked,
    });
    expect(approved.code).toBe(0);
    expect(asked).toEqual([expect.stringContaining("Type yes")]);
    expect(approved.stdout).toContain(`Approved plan ${reverse}`);

    const undone = await run(["execute", reverse, "--profile", "demo-dev"]);
    expect(undone.code).toBe(0);
    expect(auditActions()).toEqual(["ec2:CreateTags ok", "ec2:DeleteTags ok"]);
    const after = await run(["inventory", "--profile", "demo-dev", "--services", "ec2", "--format", "json"]);
    const again = (
      JSON.parse(after.stdout) as {
        resources: { type: string; state: string; tags: Record<string, string> }[];
      }
    ).resources.filter((r) => r.type === "instance" && r.state !== "terminated");
    expect(again.some((r) => r.tags["Owner"] === undefined)).toBe(true);
  });

  test("production: the plan is drafted, and execution is refused with the way to a production change", async () => {
    const created = await run([
      "plan",
      "create",
      "tag",
      "--profile",
      "demo-prod",
      "--select",
      "ec2:instance",
      "--set",
      "tags.ReviewedBy=platform-team",
    ]);
    expect(created.code).toBe(0);
    const id = planIdFrom(created.stderr);
    const refused = await run(["execute", id, "--profile", "demo-prod"]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("production change");
    expect(refused.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(auditActions()).toEqual([]);
  });

  test("on a terminal with nothing given, plan create asks for each parameter and the required tags (Enter keeps a default)", async () => {
    const asked: string[] = [];
    // name, cidr, azs, publicSubnets, privateSubnets, nat, flowLogsBucket, then the tags Owner and CostCenter.
    const answers = ["team-vpc", "", "1", "", "", "none", "", "platform-team", "CC-1234"];
    const created = await run(["plan", "create", "vpc", "--profile", "demo-dev", "--format", "json"], {
      answers,
      asked,
    });
    expect(created.code, created.stderr).toBe(0);
    expect(asked[0]).toContain("name");
    expect(asked.some((q) => q.startsWith("tag Owner"))).toBe(true);
    const plan = JSON.parse(created.stdout) as {
      parameters: Record<string, unknown>;
      requiredTags: Record<string, string>;
    };
    expect(plan.parameters).toMatchObject({ name: "team-vpc", azs: 1, nat: "none", publicSubnets: 1 });
    expect(plan.parameters["cidr"]).toMatch(/^10\.\d+\.0\.0\/16$/);
    expect(plan.requiredTags).toEqual({
      Owner: "platform-team",
      CostCenter: "CC-1234",
      Environment: "development",
    });
  });

  test("bad input is named with the fix and loses nothing", async () => {
    const unknown = await run(["plan", "create", "castle", "--profile", "demo-dev"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no blueprint "castle"');
    const badSet = await run(["plan", "create", "vpc", "--profile", "demo-dev", "--set", "azs=many"]);
    expect(badSet.code).toBe(2);
    expect(badSet.stderr).toContain('azs="many" is not a whole number');
    const missing = await run(["plan", "show", "plan-20990101-000000-nope-0000"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("plan list");
  });
});
