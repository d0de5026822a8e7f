/**
 * `aws-coworker cost` through the whole CLI in process, against a saved mid-month demo estate
 * (`--sandbox FILE`): the formats, the request count and the workspace cache, the usage errors,
 * and what happens where Cost Explorer is not enabled or access is denied.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildDemoEstate, DEMO_ACCOUNTS } from "../../../src/aws/sandbox/demo.js";
import type { Estate } from "../../../src/aws/sandbox/estate.js";
import { saveEstateFile } from "../../../src/aws/sandbox/store.js";
import { CORE_DEFAULTS } from "../../../src/core/config/defaults.js";
import type { Config } from "../../../src/core/config/schema.js";
import type { CostResult } from "../../../src/core/cost/cost-result.js";
import { registerCostCommand, type CostSession } from "../../../src/interfaces/cli/commands/cost.js";
import { COST_CSV_COLUMNS } from "../../../src/report/cost/index.js";
import { cli } from "../../_helpers/cli.js";
import { commandHarness } from "../../_helpers/command-harness.js";
import { recordingIoHost } from "../../_helpers/recording-io-host.js";
import {
  DEV_ACCOUNT,
  makeSandboxFactory,
  type SandboxFactoryOptions,
} from "../../_helpers/sandbox-factory.js";

const NOW = new Date("2026-11-18T12:00:00.000Z");
let dir: string;
let estateFile: string;

async function saveEstate(estate: Estate): Promise<string> {
  const file = join(dir, `estate-${Math.random().toString(36).slice(2)}.json`);
  await saveEstateFile(file, estate);
  return file;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cw-cost-cmd-"));
  estateFile = await saveEstate(buildDemoEstate(NOW));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("aws-coworker cost", () => {
  test("JSON from the management account: spend by service summing to the total, the spike, the new service, the requests made", async () => {
    const run = await cli(["cost", "--sandbox", estateFile, "--profile", "demo-mgmt", "--format", "json"], {
      cwd: dir,
    });
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as CostResult;
    const o = result.overview;
    expect(o?.period.name).toBe("month-to-date");
    const sum = (o?.groups ?? []).reduce((s, g) => s + g.amount, 0);
    expect(Math.round(sum * 100) / 100).toBe(o?.total);
    expect(o?.changes.map((c) => c.service)).toContain("AWS Lambda");
    expect(o?.newServices.map((n) => n.service)).toEqual(["Amazon OpenSearch Service"]);
    expect(result.costExplorer).toMatchObject({ status: "ok", isFromCache: false });
    const requests = result.costExplorer.status === "ok" ? result.costExplorer.requests : 0;
    expect(requests).toBeGreaterThan(0);
    expect(run.stderr).toContain(
      `Cost Explorer: ${requests} requests made ($${(requests * 0.01).toFixed(2)})`,
    );
  });

  test("a second run answers from the workspace cache (no request); --refresh asks again", async () => {
    const args = ["cost", "--sandbox", estateFile, "--profile", "demo-mgmt", "--format", "json"];
    await cli(args, { cwd: dir });
    const cached = await cli(args, { cwd: dir });
    expect((JSON.parse(cached.stdout) as CostResult).costExplorer).toMatchObject({
      isFromCache: true,
      requests: 0,
    });
    expect(cached.stderr).toMatch(/no request made/);
    const refreshed = await cli([...args, "--refresh"], { cwd: dir });
    expect((JSON.parse(refreshed.stdout) as CostResult).costExplorer).toMatchObject({ isFromCache: false });
  });

  test("the table names the metric and the currency, the top drivers and the opportunities with their commands", async () => {
    const run = await cli(
      ["cost", "--sandbox", estateFile, "--profile", "demo-dev", "--top", "3", "--quiet"],
      {
        cwd: dir,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/unblended cost · USD/);
    expect(run.stdout).toMatch(/Top 3 drivers/);
    expect(run.stdout).toMatch(/Optimisation opportunities: about \$[\d,.]+\/month/);
    expect(run.stdout).toMatch(/aws-coworker cleanup/);
    expect(run.stdout).toMatch(/New this period/);
    expect(run.stdout).not.toMatch(/[▁▂▃▄▅▆▇█]/); // charts only on a TTY
  });

  test("--format csv and markdown, --by tag:Owner with the untagged share, --metric amortized", async () => {
    const csv = await cli(
      [
        "cost",
        "--sandbox",
        estateFile,
        "--profile",
        "demo-mgmt",
        "--by",
        "tag:Owner",
        "--format",
        "csv",
        "--quiet",
      ],
      { cwd: dir },
    );
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toBe(COST_CSV_COLUMNS.join(","));
    expect(lines.some((l) => l.startsWith("spend,platform-team,"))).toBe(true);
    const md = await cli(
      [
        "cost",
        "--sandbox",
        estateFile,
        "--profile",
        "demo-mgmt",
        "--metric",
        "amortized",
        "--format",
        "markdown",
        "--quiet",
      ],
      { cwd: dir },
    );
    expect(md.stdout).toMatch(/^# Cost overview/);
    expect(md.stdout).toMatch(/amortized cost · USD/);
    expect(md.stdout).toMatch(/## Anomalies/);
  });

  test.each([
    [["--period", "2026-13"], /not a period in --period/],
    [["--period", "yesterday"], /not a period in --period/],
    [["--by", "team"], /not a grouping in --by/],
    [["--top", "0"], /--top "0"/],
  ])("%j is a usage error (exit 2) before any AWS call", async (args, message) => {
    const run = await cli(["cost", "--sandbox", estateFile, ...args], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  test("where Cost Explorer is not enabled: a clear message, what to do, exit 4, and the estimates", async () => {
    const estate = buildDemoEstate(NOW);
    const dev = estate.accounts.find((a) => a.id === DEMO_ACCOUNTS.development);
    if (dev !== undefined) dev.costExplorer = { enabled: false };
    const file = await saveEstate(estate);
    const run = await cli(["cost", "--sandbox", file, "--profile", "demo-dev", "--quiet"], { cwd: dir });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /Cost Explorer has no data for account 333333333333.*DataUnavailableException/,
    );
    expect(run.stderr).toMatch(/Enable Cost Explorer/);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(run.stdout).toMatch(/Optimisation opportunities: about \$/);
    expect(run.stdout).toMatch(/aws-coworker cleanup/);
  });
});

describe("aws-coworker cost (harness session: faults)", () => {
  function harness(sandboxOptions: SandboxFactoryOptions) {
    const { factory, sandbox } = makeSandboxFactory({ estate: buildDemoEstate(NOW), ...sandboxOptions });
    const io = { ...recordingIoHost(), canAsk: false, confirm: async () => false, finish: () => undefined };
    const session: CostSession = {
      factory,
      io,
      profile: "demo-dev",
      orchestration: CORE_DEFAULTS.orchestration,
      factoryFor: () => {
        throw new Error("this harness reaches one account");
      },
      workspace: { dir, runsDir: join(dir, "runs") },
      account: DEV_ACCOUNT,
      defaultRegion: factory.defaultRegion,
      announce: () => undefined,
      close: async () => undefined,
      config: CORE_DEFAULTS as Config,
      estateCapturedAt: NOW,
    };
    const { program, cli: streams, out, run } = commandHarness(dir);
    registerCostCommand(program, { ...streams, openSession: async () => session });
    return { run, out, sandbox, io };
  }

  test("access denied to Cost Explorer: the permission and the fix, exit 4, the estimates still shown", async () => {
    const { run, out, io } = harness({
      faults: { rules: [{ match: { service: "ce" }, fail: "access-denied" }] },
    });
    await run(["cost", "--format", "json"]);
    expect(out.exitCode).toBe(4);
    const result = JSON.parse(out.stdout) as CostResult;
    expect(result.costExplorer).toMatchObject({
      status: "unavailable",
      awsName: "AccessDeniedException",
      requests: 1,
    });
    expect(result.opportunities.length).toBeGreaterThan(0);
    const warning = io.messages.find((m) => m.code === "CW_COST_W0001");
    expect(warning?.message).toMatch(/access denied to Cost Explorer \(ce:GetCostAndUsage\)/);
    expect(out.stderr).toMatch(/what to do: Grant ce:GetCostAndUsage/);
  });

  test("throttled, then answered after the SDK's retry: every attempt counted as a request", async () => {
    const { run, out, sandbox } = harness({
      faults: {
        rules: [{ match: { service: "ce", action: "GetCostAndUsage" }, fail: "throttle", times: 1 }],
      },
    });
    await run(["cost", "--format", "json"]);
    expect(out.exitCode).toBe(0);
    const result = JSON.parse(out.stdout) as CostResult;
    const attempts = sandbox.calls.filter((c) => c.service === "ce");
    expect(attempts[0]?.error).toBe("LimitExceededException");
    expect(result.costExplorer).toMatchObject({ status: "ok", requests: attempts.length });
  });

  test("rightsizing refused alone: the rest is reported, a warning names the part, exit 0", async () => {
    const { run, out, io } = harness({
      faults: {
        rules: [{ match: { service: "ce", action: "GetRightsizingRecommendation" }, fail: "access-denied" }],
      },
    });
    await run(["cost", "--format", "json"]);
    expect(out.exitCode).toBe(0);
    const result = JSON.parse(out.stdout) as CostResult;
    expect(result.overview?.total).toBeGreaterThan(0);
    expect(result.costExplorer).toMatchObject({
      status: "ok",
      unavailable: [{ part: "rightsizing", awsName: "AccessDeniedException" }],
    });
    expect(result.opportunities.some((o) => o.kind === "rightsizing")).toBe(false);
    expect(io.messages.map((m) => m.code)).toContain("CW_COST_W0002");
  });
});
