/**
 * The destructive blueprints through the CLI, in process, on the sandbox: a cleanup plan from
 * `cleanup --format json` (--from-findings), approved at a terminal by typing yes and the
 * account (a development account, not a sandbox), then executed; above plans.typedCountAbove the
 * count must be typed; a bad findings file is a clear usage error.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { cli } from "../../_helpers/cli.js";

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "aws-coworker-cleanup-cli-"));
});

const run = (args: string[], extra: { answers?: string[]; asked?: string[] } = {}) =>
  cli([...args, "--sandbox"], { cwd, ...extra });

/** `plan create <args> --profile demo-dev --sandbox`. */
const create = (args: string[]) => run(["plan", "create", ...args, "--profile", "demo-dev"]);

const DEV = "333333333333";
const TAGS = ["--set", "tags.Owner=platform-team", "--set", "tags.CostCenter=CC-1001"];

function planIdFrom(stderr: string): string {
  const match = /Plan (plan-[a-z0-9-]+) saved/.exec(stderr);
  if (match === null) throw new Error(`no plan id in: ${stderr}`);
  return match[1]!;
}

async function cleanupFindings(): Promise<{ checkId: string; status: string; resource: { id: string } }[]> {
  const audit = await run(["cleanup", "--profile", "demo-dev", "--regions", "us-east-1", "--format", "json"]);
  return (
    JSON.parse(audit.stdout) as { findings: { checkId: string; status: string; resource: { id: string } }[] }
  ).findings;
}

describe("aws-coworker plan create cleanup / delete", () => {
  test("cleanup from the audit's JSON: approve by typing yes then the account, execute, the audit no longer reports them", async () => {
    const audit = await run([
      "cleanup",
      "--profile",
      "demo-dev",
      "--regions",
      "us-east-1",
      "--format",
      "json",
    ]);
    writeFileSync(join(cwd, "cleanup.json"), audit.stdout);
    const created = await create([
      "cleanup",
      "--regions",
      "us-east-1",
      "--from-findings",
      "cleanup.json",
      ...TAGS,
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("aws ec2 delete-volume");
    expect(created.stdout).toMatch(/saving about \$\d+\.\d\d\/month/);
    expect(created.stdout).toMatch(/\*\*-\$\d+\.\d\d\/month \(a saving\)\*\*/);
    const id = planIdFrom(created.stderr);

    const wrongAccount = await run(["plan", "approve", id, "--profile", "demo-dev"], {
      answers: ["yes", "444444444444"],
    });
    expect(wrongAccount.code).toBe(3);
    expect(wrongAccount.stderr).toContain("No changes made");

    const asked: string[] = [];
    const approved = await run(["plan", "approve", id, "--profile", "demo-dev"], {
      answers: ["yes", DEV],
      asked,
    });
    expect(approved.code).toBe(0);
    expect(asked).toEqual([
      expect.stringContaining("Type yes"),
      expect.stringContaining("type the account id"),
    ]);

    const executed = await run(["execute", id, "--profile", "demo-dev"]);
    expect(executed.code).toBe(0);
    const acted = JSON.parse(readFileSync(join(cwd, ".aws-coworker", "plans", `${id}.json`), "utf8")) as {
      steps: { resources: { id?: string; change: string }[] }[];
    };
    const deleted = acted.steps.flatMap((s) =>
      s.resources.filter((r) => r.change === "delete").map((r) => r.id),
    );
    expect(deleted.length).toBeGreaterThan(0);
    const after = await cleanupFindings();
    expect(after.filter((f) => f.status === "fail" && deleted.includes(f.resource.id))).toEqual([]);
  });

  test("above plans.typedCountAbove the number of resources is typed, then the account", async () => {
    const config = join(cwd, "org.yaml");
    writeFileSync(
      config,
      readFileSync(new URL("../../../config/demo.yaml", import.meta.url), "utf8") +
        "\nplans:\n  typedCountAbove: 2\n",
    );
    const created = await create(["cleanup", "--config", config, "--regions", "us-east-1", ...TAGS]);
    expect(created.code).toBe(0);
    const id = planIdFrom(created.stderr);
    const plan = JSON.parse(readFileSync(join(cwd, ".aws-coworker", "plans", `${id}.json`), "utf8")) as {
      blastRadius: { resources: number; needsTypedCount: boolean };
    };
    expect(plan.blastRadius.needsTypedCount).toBe(true);
    const count = String(plan.blastRadius.resources);

    const saidYes = await run(["plan", "approve", id, "--profile", "demo-dev", "--config", config], {
      answers: ["yes"],
    });
    expect(saidYes.code).toBe(3);
    expect(saidYes.stderr).toContain("No changes made");

    const asked: string[] = [];
    const approved = await run(["plan", "approve", id, "--profile", "demo-dev", "--config", config], {
      answers: [count, DEV],
      asked,
    });
    expect(approved.code).toBe(0);
    expect(asked).toEqual([
      `This plan touches ${count} resources. Type ${count} to approve: `,
      expect.stringContaining("type the account id"),
    ]);
  });

  test("a findings file that is not an audit's JSON is named, with the fix, and nothing is drafted", async () => {
    writeFileSync(
      join(cwd, "bad.json"),
      JSON.stringify({ workflow: "cleanup", findings: [{ checkId: "x" }] }),
    );
    const bad = await create(["cleanup", "--from-findings", "bad.json"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--from-findings bad.json: at findings.0.status");
    expect(bad.stderr).toContain("aws-coworker cleanup --format json");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const missing = await create(["cleanup", "--from-findings", "nope.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--from-findings nope.json cannot be read (ENOENT)");
    const wrongBlueprint = await create(["vpc", "--from-findings", "bad.json"]);
    expect(wrongBlueprint.code).toBe(2);
    expect(wrongBlueprint.stderr).toContain("blueprint vpc takes no --from-findings");
  });

  test("plan blueprints lists cleanup and delete with their inputs", async () => {
    const out = await cli(["plan", "blueprints"], { cwd });
    expect(out.stdout).toMatch(/^cleanup — /m);
    expect(out.stdout).toMatch(/^delete — /m);
    expect(out.stdout).toContain("--from-findings <file>  the JSON of `aws-coworker cleanup --format json`");
    expect(out.stdout).toContain(
      "--from-findings <file>  the JSON of `aws-coworker tag-compliance --format json`",
    );
    expect(out.stdout).toContain("which resources to delete");
    const deleteHelp = out.stdout.slice(out.stdout.indexOf("delete — "));
    expect(deleteHelp).not.toContain("tags.<Key>");
    expect(out.stdout).toContain("--set useSuggestions=…");
  });
});
