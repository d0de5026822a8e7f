#!/usr/bin/env node
// Benchmarks: figures, not pass/fail. Run with `npm run bench` (builds first).
// Targets (from the issues): `aws-coworker --help` starts in under 300 ms.
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
  const expected = listEstateResources(estate, account, regions).length;
  if (result.resources.length !== expected)
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

const width = Math.max(...rows.map((r) => r.name.length));
for (const r of rows)
  console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(7)} ${r.unit.padEnd(4)} ${r.note}`);
