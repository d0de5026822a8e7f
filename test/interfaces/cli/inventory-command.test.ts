import { Command } from "commander";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { listEstateResources } from "../../../src/aws/sandbox/estate.js";
import type { InventoryResult } from "../../../src/core/inventory/inventory-result.js";
import { UsageError } from "../../../src/core/errors.js";
import {
  registerInventoryCommand,
  type InventorySession,
} from "../../../src/interfaces/cli/commands/inventory.js";
import type { SessionRequest } from "../../../src/interfaces/cli/session.js";
import { cli } from "../../_helpers/cli.js";
import { recordingIoHost } from "../../_helpers/recording-io-host.js";
import {
  DEV_ACCOUNT,
  makeSandboxFactory,
  type SandboxFactoryOptions,
} from "../../_helpers/sandbox-factory.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cw-inventory-cmd-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const estate = buildDemoEstate();
const key = (r: { service: string; type: string; id: string }) => `${r.service}/${r.type}/${r.id}`;

describe("aws-coworker inventory (the whole CLI, sandbox)", () => {
  test("--sandbox --format json lists every resource of the account's default region once; the announcement is on stderr", async () => {
    const run = await cli(["inventory", "--sandbox", "--format", "json"], { cwd: dir });
    expect(run.stderr).toContain("READ-ONLY");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as InventoryResult;
    expect(result.account).toBe(DEV_ACCOUNT);
    expect(result.failures).toEqual([]);
    const found = result.resources.map(key);
    expect(new Set(found).size).toBe(found.length);
    expect(found.sort()).toEqual(listEstateResources(estate, DEV_ACCOUNT, result.regions).map(key).sort());
    expect(run.stdout).not.toContain("READ-ONLY");
  });

  test("--regions covers every listed region", async () => {
    const regions = ["us-east-1", "us-west-2", "eu-west-1"];
    const run = await cli(["inventory", "--sandbox", "--format", "json", "--regions", regions.join(",")], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as InventoryResult;
    expect(result.regions).toEqual(regions);
    expect(result.resources.map(key).sort()).toEqual(
      listEstateResources(estate, DEV_ACCOUNT, regions).map(key).sort(),
    );
  });

  test("an invalid region exits 2 with suggestions, before any AWS call (no audit log written)", async () => {
    const run = await cli(["inventory", "--sandbox", "--regions", "us-east-1,eu-wst-1"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"eu-wst-1" is not an AWS region; did you mean "eu-west-1"');
    expect(run.stderr).not.toContain("READ-ONLY");
    expect(run.stdout).toBe("");
    expect(existsSync(join(dir, ".aws-coworker"))).toBe(false);
  });

  test("an unknown format exits 2", async () => {
    const run = await cli(["inventory", "--sandbox", "--format", "xml"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
  });

  test("a region outside the profile's configured regions exits 2", async () => {
    const run = await cli(["inventory", "--sandbox", "--regions", "af-south-1"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("af-south-1");
    expect(run.stdout).toBe("");
  });
});

describe("registerInventoryCommand", () => {
  function harness(sandboxOptions: SandboxFactoryOptions = {}) {
    const { factory, sandbox } = makeSandboxFactory(sandboxOptions);
    const out = {
      stdout: "",
      stderr: "",
      exitCode: 0,
      requests: [] as SessionRequest[],
      closed: 0,
      announced: 0,
    };
    const io = recordingIoHost();
    const session: InventorySession = {
      factory,
      io,
      maxParallelWorkers: 4,
      account: DEV_ACCOUNT,
      defaultRegion: factory.defaultRegion,
      announce: () => void out.announced++,
      close: async () => void out.closed++,
    };
    const program = new Command("aws-coworker")
      .option("--sandbox [file]")
      .option("--no-color")
      .exitOverride()
      .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
    registerInventoryCommand(program, {
      stdout: (t) => void (out.stdout += t),
      stderr: (t) => void (out.stderr += t),
      env: { NO_COLOR: "1" },
      cwd: dir,
      isTTY: false,
      setExitCode: (code) => void (out.exitCode = code),
      openSession: async (_globals, request) => {
        out.requests.push(request);
        return session;
      },
    });
    const run = (args: string[]) => program.parseAsync(["inventory", ...args], { from: "user" });
    return { run, out, sandbox, io };
  }

  test("opens a read session naming the regions and services, announces, renders, closes", async () => {
    const { run, out } = harness();
    await run(["--regions", "eu-west-1", "--services", "ec2,s3", "--format", "markdown"]);
    expect(out.requests).toEqual([
      { operation: "read", summary: "inventory of EC2 instances and S3 buckets", regions: ["eu-west-1"] },
    ]);
    expect(out.announced).toBe(1);
    expect(out.closed).toBe(1);
    expect(out.stdout).toContain("# Inventory of account 333333333333");
    expect(out.exitCode).toBe(0);
  });

  test("a bad region or service is refused before the session opens", async () => {
    const { run, out, sandbox } = harness();
    await expect(run(["--regions", "us-east-1,useast-2"])).rejects.toBeInstanceOf(UsageError);
    await expect(run(["--services", "ec2,lamda"])).rejects.toThrow(/"lamda"/);
    expect(out.requests).toEqual([]);
    expect(sandbox.calls).toEqual([]);
  });

  test("--out writes the result to a file and nothing to stdout", async () => {
    const { run, out } = harness();
    await run(["--format", "csv", "--out", "inventory.csv"]);
    expect(out.stdout).toBe("");
    const csv = await readFile(join(dir, "inventory.csv"), "utf8");
    expect(csv.startsWith("account,region,service,type,id,name,state,arn,tags,error\r\n")).toBe(true);
    expect(out.stderr).toContain("inventory.csv");
  });

  test("a failed partition sets exit code 4 and the session is still closed", async () => {
    const { run, out } = harness({
      faults: { rules: [{ match: { service: "lambda" }, fail: "access-denied" }] },
    });
    await run(["--format", "table"]);
    expect(out.exitCode).toBe(4);
    expect(out.stdout).toContain("PARTIAL RESULT");
    expect(out.closed).toBe(1);
  });
});
