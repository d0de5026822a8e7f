/** `aws-coworker sandbox …` and `aws-coworker context`, end to end in process. */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { listEstateResources, loadEstate, saveEstate } from "../../../src/aws/sandbox/estate.js";
import { saveEstateFile } from "../../../src/aws/sandbox/store.js";
import { cli } from "../../_helpers/cli.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "cw-cli-"));

describe("aws-coworker sandbox", () => {
  test("generate writes a deterministic estate that inventory --sandbox FILE reads", async () => {
    const cwd = tempDir();
    const args = [
      "sandbox",
      "generate",
      "--accounts",
      "3",
      "--regions",
      "2",
      "--resources",
      "20",
      "--seed",
      "9",
    ];
    const first = await cli([...args, "--out", "a.json", "--findings", "a-findings.json"], { cwd });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/3 accounts × 2 regions/);
    expect((await cli([...args, "--out", "b.json"], { cwd })).code).toBe(0);
    expect(readFileSync(join(cwd, "a.json"), "utf8")).toBe(readFileSync(join(cwd, "b.json"), "utf8"));
    expect(JSON.parse(readFileSync(join(cwd, "a-findings.json"), "utf8")).length).toBeGreaterThan(0);

    const estate = loadEstate(JSON.parse(readFileSync(join(cwd, "a.json"), "utf8")));
    const account = estate.accounts[1]!;
    const regions = ["us-east-1", "eu-west-1"];
    const run = await cli(
      [
        "inventory",
        "--sandbox",
        "a.json",
        "--profile",
        account.profiles[0]!.name,
        "--regions",
        regions.join(","),
        "--format",
        "json",
      ],
      { cwd },
    );
    expect(run.code).toBe(0);
    const ids = (JSON.parse(run.stdout) as { resources: Array<{ id: string }> }).resources
      .map((r) => r.id)
      .sort();
    expect(ids).toEqual(
      listEstateResources(estate, account.id, regions)
        .map((r) => r.id)
        .sort(),
    );
  });

  test("bad numbers are usage errors naming the option", async () => {
    const run = await cli(
      ["sandbox", "generate", "--accounts", "zero", "--regions", "2", "--resources", "5", "--out", "x.json"],
      { cwd: tempDir() },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--accounts/);
  });

  test("state persists in the workspace between invocations, and reset restores the demo", async () => {
    const cwd = tempDir();
    // A changed estate, restored into the workspace: the next invocation sees the change.
    const changed = buildDemoEstate();
    const dev = changed.accounts.find((a) => a.id === "333333333333")!;
    const removed = dev.regions["us-east-1"]!.volumes.shift()!;
    await saveEstateFile(join(cwd, "changed.json"), changed);
    expect((await cli(["sandbox", "reset", "--from", "changed.json"], { cwd })).code).toBe(0);

    const seen = await cli(["inventory", "--sandbox", "--services", "ebs", "--format", "json"], { cwd });
    expect(seen.code).toBe(0);
    expect(seen.stdout).not.toContain(removed.id);

    expect((await cli(["sandbox", "reset"], { cwd })).code).toBe(0);
    const state = join(cwd, ".aws-coworker", "sandbox", "estate.json");
    expect(readFileSync(state, "utf8")).toBe(saveEstate(buildDemoEstate()));
    const back = await cli(["inventory", "--sandbox", "--services", "ebs", "--format", "json"], { cwd });
    expect(back.stdout).toContain(removed.id);
  });

  test("the first --sandbox run creates the workspace state from the demo", async () => {
    const cwd = tempDir();
    expect((await cli(["inventory", "--sandbox", "--format", "json"], { cwd })).code).toBe(0);
    expect(existsSync(join(cwd, ".aws-coworker", "sandbox", "estate.json"))).toBe(true);
  });

  test("show summarises accounts, profiles and resource counts; save writes a loadable snapshot", async () => {
    const cwd = tempDir();
    const shown = await cli(["sandbox", "show", "--format", "json"], { cwd });
    expect(shown.code).toBe(0);
    const summary = JSON.parse(shown.stdout) as {
      company: string;
      accounts: Array<{ id: string; profiles: string[] }>;
    };
    expect(summary.company).toBe("Northwind Analytics");
    expect(summary.accounts.map((a) => a.id)).toContain("555555555555");
    expect(summary.accounts.flatMap((a) => a.profiles)).toContain("demo-prod");

    expect((await cli(["sandbox", "save", "--out", "snap.json"], { cwd })).code).toBe(0);
    expect(loadEstate(JSON.parse(readFileSync(join(cwd, "snap.json"), "utf8"))).company).toBe(
      "Northwind Analytics",
    );
  });

  test("a missing estate file is a clear error, no stack trace", async () => {
    const run = await cli(["inventory", "--sandbox", "nope.json"], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nope\.json/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("aws-coworker context", () => {
  test.each([
    ["demo-dev", "333333333333", "northwind-dev", "development", "read-write"],
    ["demo-staging", "444444444444", "northwind-staging", "staging", "read-write"],
    ["demo-prod", "555555555555", "northwind-prod", "production", "read-only"],
  ])("%s resolves to %s (%s), %s, %s", async (profile, account, alias, classification, permissions) => {
    const run = await cli(["context", "--sandbox", "--profile", profile, "--format", "json"], {
      cwd: tempDir(),
    });
    expect(run.code).toBe(0);
    const ctx = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(ctx).toMatchObject({
      account: { id: account, alias },
      classification,
      permissions,
      callerArn: `arn:aws:sts::${account}:assumed-role/PlatformEngineer/demo-user`,
    });
  });

  test("a profile the configuration does not know resolves to read-only", async () => {
    const cwd = tempDir();
    expect(
      (
        await cli(
          ["sandbox", "generate", "--accounts", "2", "--regions", "1", "--resources", "5", "--out", "g.json"],
          { cwd },
        )
      ).code,
    ).toBe(0);
    const estate = loadEstate(JSON.parse(readFileSync(join(cwd, "g.json"), "utf8")));
    const profile = estate.accounts[0]!.profiles[0]!.name; // the management account's: no pattern matches it
    const run = await cli(["context", "--sandbox", "g.json", "--profile", profile, "--format", "json"], {
      cwd,
    });
    expect(run.code).toBe(0);
    const ctx = JSON.parse(run.stdout) as {
      permissions: string;
      isReadOnly: boolean;
      profile: { source: string };
    };
    expect(ctx.permissions).toBe("read-only");
    expect(ctx.isReadOnly).toBe(true);
    expect(ctx.profile.source).toBe("unknown");
  });

  test("text output is the announcement", async () => {
    const run = await cli(["context", "--sandbox", "--profile", "demo-prod"], { cwd: tempDir() });
    expect(run.code).toBe(0);
    for (const text of ["demo-prod", "555555555555", "northwind-prod", "production", "read-only", "always"]) {
      expect(run.stdout).toContain(text);
    }
  });
});
