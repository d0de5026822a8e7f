import { Command } from "commander";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { listEstateResources } from "../../../src/aws/sandbox/estate.js";
import type { InventoryResult } from "../../../src/core/inventory/inventory-result.js";
import { CORE_DEFAULTS } from "../../../src/core/config/defaults.js";
import type { OrchestrationConfig } from "../../../src/core/config/schema.js";
import { UsageError } from "../../../src/core/errors.js";
import { INVENTORY_SERVICE_LABELS } from "../../../src/core/inventory/resource-record.js";
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
  function harness(
    sandboxOptions: SandboxFactoryOptions = {},
    sessionOptions: { orchestration?: Partial<OrchestrationConfig>; canAsk?: boolean; answer?: boolean } = {},
  ) {
    const { factory, sandbox } = makeSandboxFactory(sandboxOptions);
    const out = {
      stdout: "",
      stderr: "",
      exitCode: 0,
      requests: [] as SessionRequest[],
      closed: 0,
      announced: 0,
      asked: [] as string[],
    };
    const recording = recordingIoHost();
    const io = {
      ...recording,
      canAsk: sessionOptions.canAsk ?? false,
      confirm: async (question: string) => {
        out.asked.push(question);
        return sessionOptions.answer ?? false;
      },
      finish: () => undefined,
    };
    const session: InventorySession = {
      factory,
      io,
      profile: "demo-dev",
      orchestration: {
        ...CORE_DEFAULTS.orchestration,
        maxParallelWorkers: 4,
        ...sessionOptions.orchestration,
      },
      factoryFor: () => {
        throw new Error("this harness reaches one account");
      },
      workspace: { dir, runsDir: join(dir, "runs") },
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
    return { run, out, sandbox, io: recording };
  }

  test("opens a read session naming the regions and services, announces, renders, closes", async () => {
    const { run, out } = harness();
    await run(["--regions", "eu-west-1", "--services", "ec2,s3", "--format", "markdown"]);
    expect(out.requests).toEqual([
      {
        operation: "read",
        summary: `inventory of ${INVENTORY_SERVICE_LABELS.ec2} and ${INVENTORY_SERVICE_LABELS.s3}`,
        regions: ["eu-west-1"],
        declaredSensitiveReads: expect.any(Function),
      },
    ]);
    // One account only: no sensitive read is declared.
    expect((out.requests[0]?.declaredSensitiveReads as (a: string) => string[])(DEV_ACCOUNT)).toEqual([]);
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

  describe("work estimated past the approval threshold", () => {
    // DescribeRegions "takes" 200 ms: 17 regions × EC2 at 2 calls each on 4 workers ≈ 1.7 s ≥ 1 s.
    const slow: SandboxFactoryOptions = {
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      faults: { rules: [{ match: { action: "DescribeRegions" }, latencyMs: 200 }] },
    };
    const strict = {
      thresholds: {
        ...CORE_DEFAULTS.orchestration.thresholds,
        estimatedSeconds: { advise: 1, requireApproval: 1 },
      },
    };
    const args = ["--regions", "all", "--services", "ec2", "--format", "json"];
    const collected = (calls: readonly { action: string }[]) =>
      calls.filter((c) => c.action === "DescribeInstances");

    test("without a terminal and without --yes, it stops before reading, saying to pass --yes", async () => {
      const { run, out, sandbox } = harness(slow, { orchestration: strict });
      await expect(run(args)).rejects.toMatchObject({
        name: "AbortError",
        message: expect.stringContaining("no terminal to ask on"),
        hint: expect.stringContaining("--yes"),
      });
      expect(collected(sandbox.calls)).toEqual([]);
      expect(out.closed).toBe(1);
    });

    test("--yes starts it without asking", async () => {
      const { run, out, sandbox } = harness(slow, { orchestration: strict });
      await run([...args, "--yes"]);
      expect(out.asked).toEqual([]);
      expect(collected(sandbox.calls).length).toBeGreaterThan(0);
      expect(JSON.parse(out.stdout)).toMatchObject({ services: ["ec2"] });
    });

    test("on a terminal it asks, and a no stops it softly", async () => {
      const { run, out, sandbox } = harness(slow, { orchestration: strict, canAsk: true, answer: false });
      await expect(run(args)).rejects.toMatchObject({
        name: "AbortError",
        message: expect.stringContaining("not confirmed"),
      });
      expect(out.asked).toEqual([
        expect.stringMatching(/^This inventory is estimated to take .* Start it\?$/),
      ]);
      expect(collected(sandbox.calls)).toEqual([]);
    });
  });

  test("each run is journaled; --resume after a partial run reads only what failed", async () => {
    const { run, out, sandbox } = harness({
      faults: { rules: [{ match: { service: "lambda", region: "eu-west-1" }, fail: "access-denied" }] },
    });
    const args = ["--regions", "us-east-1,eu-west-1", "--services", "ec2,lambda", "--format", "json"];
    await run(args);
    expect(out.exitCode).toBe(4);
    const first = JSON.parse(out.stdout) as InventoryResult;
    expect(first.runId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(out.stderr).toContain(`--resume ${first.runId}`);

    sandbox.configureFaults({});
    const before = sandbox.calls.length;
    out.stdout = "";
    out.exitCode = 0;
    await run([...args, "--resume"]);
    const second = JSON.parse(out.stdout) as InventoryResult;
    expect(out.exitCode).toBe(0);
    expect(second.runId).toBe(first.runId);
    expect(second.coverage.resumed).toBe(3);
    expect(sandbox.calls.slice(before).map((c) => `${c.region}:${c.action}`)).toEqual(
      expect.arrayContaining(["eu-west-1:ListFunctions"]),
    );
    expect(sandbox.calls.slice(before).every((c) => c.region === "eu-west-1" && c.service === "lambda")).toBe(
      true,
    );
    expect(second.failures).toEqual([]);
    const functions =
      estate.accounts.find((a) => a.id === DEV_ACCOUNT)?.regions["eu-west-1"]?.functions ?? [];
    expect(
      second.resources
        .filter((r) => r.type === "function" && r.region === "eu-west-1")
        .map((r) => r.id)
        .sort(),
    ).toEqual(functions.map((f) => f.name).sort());
    expect(second.resources.length).toBe(first.resources.length + functions.length);
  });

  test("--accounts takes `all` or 12-digit ids; anything else is refused before the session opens", async () => {
    const { run, out } = harness();
    await expect(run(["--accounts", "12345"])).rejects.toMatchObject({ code: "InvalidAccountId" });
    await expect(run(["--accounts", ","])).rejects.toMatchObject({ code: "InvalidAccountId" });
    await expect(run(["--role", "arn:aws:iam::1:role/x"])).rejects.toMatchObject({ code: "InvalidRoleName" });
    expect(out.requests).toEqual([]);
  });

  test("--accounts declares sts:AssumeRole only when it reaches past the profile's account", async () => {
    const { run, out } = harness();
    await run(["--accounts", DEV_ACCOUNT, "--services", "ec2", "--format", "json"]);
    const declared = out.requests[0]?.declaredSensitiveReads as (a: string) => string[];
    expect(declared(DEV_ACCOUNT)).toEqual([]);
    expect(declared("111111111111")).toEqual(["sts:AssumeRole"]);
    expect(out.requests[0]?.summary).toContain(`in account ${DEV_ACCOUNT}`);
  });
});
