#!/usr/bin/env node
// Benchmarks: figures, not pass/fail. Run with `npm run bench` (builds first).
// Targets (from the issues): `aws-coworker --help` starts in under 300 ms; the full inventory
// of ≥ 20,000 resources (5 accounts × 6 regions, 50 ms per call, AWS-like rate limits) within
// 1.5× of its lower bound and under 300 MB. docs/benchmarks.md explains the figures.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const bin = fileURLToPath(new URL("../bin/aws-coworker.js", import.meta.url));
const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;

const { createClientFactory } = await import(dist("aws/clients.js"));
const { MemoryAuditSink } = await import(dist("aws/audit-log/writer.js"));
const { createSandbox } = await import(dist("aws/sandbox/transport.js"));
const { buildDemoEstate } = await import(dist("aws/sandbox/demo.js"));
const { generateEstate } = await import(dist("aws/sandbox/generate.js"));
const { listEstateResources } = await import(dist("aws/sandbox/estate.js"));
const { runInventory } = await import(dist("workflows/inventory/index.js"));
const { silentIoHost } = await import(dist("core/io-host.js"));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
const report = (name, value, unit, note = "") => rows.push({ name, value, unit, note });

// 1. CLI start-up: `--help` in a fresh process.
{
  const times = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, "--help"], { stdio: "ignore" });
    if (r.status !== 0) throw new Error("aws-coworker --help failed");
    times.push(performance.now() - t);
  }
  report("cli --help start-up (median of 9)", median(times).toFixed(0), "ms", "target < 300 ms");
  report("cli --help start-up (best of 9)", Math.min(...times).toFixed(0), "ms");
}

// 1b. CLI start-up of a command that opens a session (configuration, the sandbox, STS and IAM):
// it loads only the SDK packages it calls.
{
  const cwd = (await import("node:fs")).mkdtempSync(
    (await import("node:path")).join((await import("node:os")).tmpdir(), "cw-bench-"),
  );
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, "context", "--sandbox", "--profile", "demo-mgmt"], {
      cwd,
      stdio: "ignore",
    });
    if (r.status !== 0) throw new Error("aws-coworker context failed");
    times.push(performance.now() - t);
  }
  report("cli context --sandbox (median of 5)", median(times).toFixed(0), "ms");
}

// 2. CLI end to end: inventory of the demo's development account, 4 regions, JSON.
{
  const cwd = (await import("node:fs")).mkdtempSync(
    (await import("node:path")).join((await import("node:os")).tmpdir(), "cw-bench-"),
  );
  const times = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        bin,
        "inventory",
        "--sandbox",
        "--regions",
        "us-east-1,us-west-2,eu-west-1,ap-southeast-2",
        "--format",
        "json",
      ],
      { cwd, stdio: ["ignore", "ignore", "ignore"] },
    );
    if (r.status !== 0) throw new Error("aws-coworker inventory failed");
    times.push(performance.now() - t);
  }
  report(
    "cli inventory --sandbox, demo dev account × 4 regions (median of 3)",
    median(times).toFixed(0),
    "ms",
  );
}

// 3. In process: the inventory workflow through the factory, gate, audit and sandbox.
async function inventoryOf(estate, profile, account, regions, sandboxOptions = {}) {
  const sandbox = createSandbox(estate, { sleep: async () => undefined, ...sandboxOptions });
  const audit = new MemoryAuditSink();
  const factory = createClientFactory({
    profile,
    defaultRegion: regions[0],
    transport: { kind: "sandbox", sandbox },
    audit,
    account,
    who: { osUser: "bench", callerArn: undefined },
    policy: { profile, permissions: "read-only", allowsDirectExecution: false, declaredSensitiveReads: [] },
  });
  const t = performance.now();
  const result = await runInventory({ regions }, { factory, io: silentIoHost, account });
  const ms = performance.now() - t;
  factory.destroy();
  // Every estate resource of the types the inventory lists (the estate holds more kinds).
  const types = new Set(result.resources.map((r) => r.type));
  const expected = listEstateResources(estate, account, regions).filter((r) => types.has(r.type)).length;
  if (result.failures.length > 0 || result.resources.length !== expected)
    throw new Error(`incomplete: ${result.resources.length} of ${expected}`);
  return { ms, resources: result.resources.length, calls: audit.records.length };
}

{
  const estate = buildDemoEstate();
  const regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];
  await inventoryOf(estate, "demo-dev", "333333333333", regions); // warm-up
  const r = await inventoryOf(estate, "demo-dev", "333333333333", regions);
  report(
    "inventory, demo dev account × 4 regions (in process)",
    r.ms.toFixed(0),
    "ms",
    `${r.resources} resources, ${r.calls} calls`,
  );
  const big = await inventoryOf(estate, "demo-dev", "333333333333", regions, { pageSize: 1000 });
  report("  same, sandbox page size 1000", big.ms.toFixed(0), "ms", `${big.calls} calls`);
}

{
  const t = performance.now();
  const { estate } = generateEstate({
    accounts: 10,
    regions: ["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"],
    resourcesPerRegion: 500,
    seed: 7,
    now: new Date("2026-11-01T00:00:00Z"),
  });
  report("generate estate 10 accounts × 4 regions × 500", (performance.now() - t).toFixed(0), "ms");
  const account = estate.accounts[1];
  const regions = ["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"];
  const heapBefore = process.memoryUsage().heapUsed;
  const r = await inventoryOf(estate, account.profiles[0].name, account.id, regions, { pageSize: 100 });
  report(
    "inventory, one generated account × 4 regions (page size 100)",
    r.ms.toFixed(0),
    "ms",
    `${r.resources} resources, ${r.calls} calls, ${((r.resources / r.ms) * 1000).toFixed(0)} resources/s`,
  );
  report(
    "  heap growth during it",
    ((process.memoryUsage().heapUsed - heapBefore) / 1048576).toFixed(1),
    "MiB",
  );
}

// 4. The full inventory at scale: 5 accounts × 6 regions, 50 ms per call, AWS-like rate
// limits, every account in parallel with one shared client-side rate limiter. Each size runs
// in its own process (bench/inventory-at-scale.js) so its peak memory is its own.
function atScale(args) {
  const script = fileURLToPath(new URL("./inventory-at-scale.js", import.meta.url));
  const r = spawnSync(process.execPath, ["--expose-gc", script, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (r.status !== 0) throw new Error(`inventory-at-scale ${args.join(" ")} failed`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}

function reportAtScale(title, f, options = {}) {
  report(
    title,
    f.wallMs,
    "ms",
    `${f.resources} resources, ${f.accounts} accounts × ${f.regions} regions, ${f.apiCalls} API calls` +
      (f.callsPerResource === undefined
        ? ""
        : ` (${f.callsPerResource} per resource), ${f.findings} findings`),
  );
  report("  lower bound", f.lowerBoundMs, "ms", `set by ${f.binding}`);
  report("  wall ÷ lower bound", f.ratio.toFixed(2), "×", options.aim ? "aim ≤ 1.5" : "");
  report(
    "  attempts that reached AWS",
    f.attempts,
    "",
    `${f.throttled} throttled${f.limiter === null ? ", no client-side limiter" : `; the limiter delayed ${f.limiter.delayed} calls`}`,
  );
  report(
    "  CPU time of the run",
    f.cpuMs,
    "ms",
    `one thread; event-loop delay p99 ${f.eventLoopDelayP99Ms} ms; machine load average ${f.loadAverage}`,
  );
  report(
    "  peak RSS",
    f.memory.peakRssMiB,
    "MiB",
    `${options.aim ? "aim < 300 MiB; " : ""}before the run, with the sandbox estate loaded: ${f.memory.baselineRssMiB} MiB`,
  );
  report(
    "  peak heap",
    f.memory.peakHeapMiB,
    "MiB",
    `before the run ${f.memory.baselineHeapMiB} MiB; retained after it ${f.memory.retainedHeapMiB} MiB`,
  );
}

{
  const small = atScale(["--resources", "20600"]);
  reportAtScale("full inventory at scale, 50 ms/call, rateLimits aws", small, { aim: true });
  const unpaced = atScale(["--resources", "20600", "--no-limiter"]);
  report(
    "  same without the client-side limiter",
    unpaced.wallMs,
    "ms",
    `${unpaced.throttled} throttled of ${unpaced.attempts} attempts, ${unpaced.ratio.toFixed(2)}× the bound`,
  );
  reportAtScale("full inventory at 100,000 resources", atScale(["--resources", "103500"]));
  reportAtScale(
    "full security audit at scale, 50 ms/call, rateLimits aws",
    atScale(["--resources", "20600", "--workflow", "security"]),
    { aim: true },
  );
  // 5. The changes review (--since 24h, with the 7-day baseline) over 5 accounts × 6 regions of
  // generated CloudTrail history: LookupEvents allows 2 calls per second per account and region.
  const changes = atScale(["--resources", "3000", "--workflow", "changes", "--trail-activity", "5"]);
  report(
    "changes review at scale, 50 ms/call, LookupEvents 2/s",
    changes.wallMs,
    "ms",
    `${changes.accounts} accounts × ${changes.regions} regions, ${changes.pages} LookupEvents pages, ${changes.events} events in the window, ${changes.unusual} unusual`,
  );
  report("  lower bound", changes.lowerBoundMs, "ms", `set by ${changes.binding}`);
  report("  wall ÷ lower bound", changes.ratio.toFixed(2), "×", "");
  report(
    "  attempts that reached AWS",
    changes.attempts,
    "",
    `${changes.throttled} throttled; the limiter delayed ${changes.limiter?.delayed ?? 0} calls`,
  );
}

const width = Math.max(...rows.map((r) => r.name.length));
for (const r of rows)
  console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(7)} ${r.unit.padEnd(4)} ${r.note}`);
