/**
 * `aws-coworker inventory` end to end, in process: the same session, client factory, gate,
 * audit log and sandbox a user gets from the command line.
 */
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { listEstateResources } from "../../../src/aws/sandbox/estate.js";
import { cli } from "../../_helpers/cli.js";

const DEV = "333333333333";
const ALL_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];
const tempDir = () => mkdtempSync(join(tmpdir(), "cw-cli-"));

interface InventoryJson {
  account: string;
  regions: string[];
  resources: Array<{ service: string; type: string; id: string; region: string }>;
  failures: unknown[];
}

describe("aws-coworker inventory --sandbox", () => {
  test("lists every resource of the development account's default region exactly once, JSON on stdout only", async () => {
    const run = await cli(["inventory", "--sandbox", "--format", "json"], { cwd: tempDir() });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as InventoryJson;
    expect(result.account).toBe(DEV);
    expect(result.regions).toEqual(["us-east-1"]);
    const expected = listEstateResources(buildDemoEstate(), DEV, ["us-east-1"])
      .map((r) => r.id)
      .sort();
    const got = result.resources.map((r) => r.id).sort();
    expect(got).toEqual(expected);
    expect(new Set(got).size).toBe(got.length);
    expect(result.failures).toEqual([]);
    // the announcement came first, on stderr
    expect(run.stderr).toMatch(/profile\s+demo-dev/);
    expect(run.stderr).toMatch(/333333333333/);
    expect(run.stderr).toMatch(/READ-ONLY/);
  });

  test("--regions covers every region asked for, each resource once, in its own region", async () => {
    const run = await cli(
      ["inventory", "--sandbox", "--regions", ALL_REGIONS.join(","), "--format", "json"],
      { cwd: tempDir() },
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as InventoryJson;
    const expected = listEstateResources(buildDemoEstate(), DEV, ALL_REGIONS)
      .map((r) => `${r.region}/${r.id}`)
      .sort();
    expect(result.resources.map((r) => `${r.region}/${r.id}`).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(40);
  });

  test("another profile inventories its own account", async () => {
    const run = await cli(["inventory", "--sandbox", "--profile", "demo-prod", "--format", "json"], {
      cwd: tempDir(),
    });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as InventoryJson;
    expect(result.account).toBe("555555555555");
    expect(run.stderr).toMatch(/production/);
  });

  test("an invalid region is rejected before any AWS call, with the valid names suggested", async () => {
    const cwd = tempDir();
    const run = await cli(["inventory", "--sandbox", "--regions", "us-east-1,eu-wst-1"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("eu-wst-1");
    expect(run.stderr).toContain("eu-west-1");
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(cwd, ".aws-coworker", "audit", "audit-log.jsonl"))).toBe(false);
  });

  test.each([
    ["markdown", /^# Inventory/m],
    ["csv", /^account,region,service,type,id,name,state,arn,tags/m],
    ["table", /Summary/],
  ])("--format %s renders the result", async (format, pattern) => {
    const run = await cli(["inventory", "--sandbox", "--format", format], { cwd: tempDir() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(pattern);
  });

  test("an unknown format is a usage error", async () => {
    const run = await cli(["inventory", "--sandbox", "--format", "xml"], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/xml/);
  });

  test("every call lands in the audit log, which verifies; an edited line is named", async () => {
    const cwd = tempDir();
    expect((await cli(["inventory", "--sandbox", "--format", "json"], { cwd })).code).toBe(0);
    const file = join(cwd, ".aws-coworker", "audit", "audit-log.jsonl");
    const lines = readFileSync(file, "utf8").trim().split("\n");
    const actions = lines.map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions).toContain("sts:GetCallerIdentity");
    expect(actions).toContain("ec2:DescribeInstances");
    expect(actions).toContain("s3:ListAllMyBuckets");
    expect(lines.every((l) => (JSON.parse(l) as { class: string }).class === "discovery")).toBe(true);

    const ok = await cli(["audit-log", "verify"], { cwd });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`ok: ${lines.length} records`));

    lines[3] = lines[3]!.replace('"outcome":"ok"', '"outcome":"error"');
    writeFileSync(file, lines.join("\n") + "\n");
    const broken = await cli(["audit-log", "verify"], { cwd });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN: .* line 4 \(record 4\)/);
  });
});

describe("secrets never leak", () => {
  const ENV_SECRETS = {
    AWS_ACCESS_KEY_ID: "AKIAENVSECRETLEAKTEST",
    AWS_SECRET_ACCESS_KEY: "env/secret+access+key+that+must+not+leak",
    AWS_SESSION_TOKEN: "env-session-token-that-must-not-leak",
  };
  const SANDBOX_SECRETS = ["sandbox-secret-access-key-not-real", "sandbox-session-token-not-real"];

  test.each([
    [["inventory", "--sandbox", "--format", "json", "--debug"]],
    [["inventory", "--sandbox", "--regions", "us-east-1,eu-west-1", "--debug"]],
    [["context", "--sandbox", "--format", "json", "--debug"]],
    [["context", "--sandbox", "--profile", "no-such-profile", "--debug"]],
    [["inventory", "--sandbox", "--regions", "mars-north-1", "--debug"]],
  ])("%j: no credential or session token in stdout, stderr or the audit log", async (argv) => {
    const cwd = tempDir();
    const run = await cli(argv, { cwd, env: ENV_SECRETS });
    const auditFile = join(cwd, ".aws-coworker", "audit", "audit-log.jsonl");
    const audit = existsSync(auditFile) ? readFileSync(auditFile, "utf8") : "";
    for (const secret of [...Object.values(ENV_SECRETS), ...SANDBOX_SECRETS]) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
  });
});
