#!/usr/bin/env node
// The full inventory (or, with --workflow security, the full security audit) of a generated
// estate (5 accounts × 6 regions by default) through the
// real client factory, gate, audit and client-side rate limiter, over the sandbox with a
// latency of 50 ms per call and AWS-like rate limits (`rateLimits: "aws"`). Prints one JSON
// object: wall time, API calls, the lower bound (bench/lower-bound.js) and peak memory.
//
//   node --expose-gc bench/inventory-at-scale.js --resources 20600 [--no-limiter] [--workflow security]
//
// bench/run.js runs it in a child process per size, so each figure of peak memory is its own.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { clearInterval, setInterval } from "node:timers";
import { parseArgs } from "node:util";
import { ChainTracker, lowerBound } from "./lower-bound.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;

const { values } = parseArgs({
  options: {
    resources: { type: "string", default: "20600" },
    accounts: { type: "string", default: "5" },
    regions: { type: "string", default: "6" },
    "latency-ms": { type: "string", default: "50" },
    "no-limiter": { type: "boolean", default: false },
    concurrency: { type: "string" },
    /** Comma-separated inventory services; default: all of them (the full inventory). */
    services: { type: "string" },
    /** `inventory` (default), `changes` (--since 24h), or an audit workflow: security, sg-audit, cleanup… */
    workflow: { type: "string", default: "inventory" },
    /** How busy the generated CloudTrail history is (a multiplier of its events per hour). */
    "trail-activity": { type: "string", default: "1" },
  },
});

const isInventory = values.workflow === "inventory";
const isChanges = values.workflow === "changes";

const { createClientFactory } = await import(dist("aws/clients.js"));
const { RateLimiter } = await import(dist("aws/middleware/rate-limit.js"));
const { AuditLog } = await import(dist("aws/audit-log/writer.js"));
const { createSandbox } = await import(dist("aws/sandbox/transport.js"));
const { generateEstate } = await import(dist("aws/sandbox/generate.js"));
const { listEstateResources } = await import(dist("aws/sandbox/estate.js"));
const { awsRateLimitBuckets } = await import(dist("aws/sandbox/rate-limits.js"));
const { runInventory, inventorySensitiveReads } = await import(dist("workflows/inventory/index.js"));
const { silentIoHost } = await import(dist("core/io-host.js"));
const { CORE_DEFAULTS } = await import(dist("core/config/defaults.js"));
// The client factory and the workflows load each service's SDK package and collectors on first
// use; load the ones this workflow uses now, so the figures time the workflow itself (as the
// CLI, which pays the packages' load once per process), and the memory baseline holds their
// code (and no other workflow's).
const { runAudit } = isInventory || isChanges ? {} : await import(dist("workflows/audit/index.js"));
const { runChanges } = isChanges ? await import(dist("workflows/changes/index.js")) : {};
const { auditSettingsOf } = isInventory || isChanges ? {} : await import(dist("core/checks/settings.js"));
if (!isChanges) {
  for (const collector of ["cloudtrail", "ebs", "ec2", "elb", "iam", "kms", "lambda", "rds", "s3", "vpc"])
    await import(dist(`aws/collectors/${collector}.js`));
}
if (!isInventory && !isChanges) {
  for (const collector of ["account", "cloudtrail", "ec2", "elb", "rds", "s3"])
    await import(dist(`aws/collectors/audit-${collector}.js`));
  await import("@aws-sdk/client-s3-control");
}
await import("@aws-sdk/client-organizations");
await import(dist("aws/accounts/index.js"));

const LATENCY_MS = Number(values["latency-ms"]);
const REGIONS = [
  "us-east-1",
  "us-west-2",
  "eu-west-1",
  "eu-central-1",
  "ap-southeast-2",
  "ap-northeast-1",
].slice(0, Number(values.regions));
const THROTTLES = new Set([
  "Throttling",
  "ThrottlingException",
  "RequestLimitExceeded",
  "SlowDown",
  "TooManyRequestsException",
]);

const gc = globalThis.gc ?? (() => undefined);
const mb = (bytes) => bytes / 1048576;

// ---- The estate and the sandbox (the simulated AWS: its memory is not the tool's) ----------
const tGen = performance.now();
const sandbox = createSandbox(
  generateEstate({
    accounts: Number(values.accounts),
    regions: REGIONS,
    totalResources: Number(values.resources),
    seed: 7,
    now: new Date("2026-11-01T00:00:00Z"),
    trailActivity: Number(values["trail-activity"]),
  }).estate,
  { faults: { rateLimits: "aws", rules: [{ latencyMs: LATENCY_MS }] } },
);
const generateMs = performance.now() - tGen;
const NOW = new Date("2026-11-01T00:00:00Z");

// Every call that reached the sandbox, with its throttling bucket and its page chain.
const recorded = [];
let attempts = 0;
let throttled = 0;
/** Throttled attempts by bucket. */
const throttledBy = {};
const tracker = new ChainTracker();
const TOKEN_IN = ["NextToken", "Marker", "ContinuationToken"];
const TOKEN_OUT = ["NextToken", "NextMarker", "Marker", "ContinuationToken"];
const firstString = (obj, keys) => keys.map((k) => obj?.[k]).find((v) => typeof v === "string" && v !== "");

/** One description per bucket, shared by the calls recorded in it. */
const buckets = new Map();
function serverBucket(request) {
  const spec = awsRateLimitBuckets(request.service, request.action, request.input).find(
    (b) => b.key !== "resource",
  );
  const bucket =
    spec === undefined
      ? { id: `${request.service}:${request.action}`, burst: Infinity, refillPerSecond: Infinity }
      : {
          id: `${request.service}:${request.action}/${spec.key}`,
          burst: spec.capacity,
          refillPerSecond: spec.refillPerSecond,
        };
  const known = buckets.get(bucket.id);
  if (known !== undefined) return known;
  buckets.set(bucket.id, bucket);
  return bucket;
}

const transport = {
  identityFor: (profile) => sandbox.identityFor(profile),
  identityForCredentials: (key) => sandbox.identityForCredentials(key),
  async call(request) {
    attempts += 1;
    // Tokens are only unique within an account and region (the sandbox's encode an offset).
    const where = `${request.identity.accountId}|${request.region}|${request.service}:${request.action}|`;
    const tokenIn = firstString(request.input, TOKEN_IN);
    const chain = tracker.chainOf(tokenIn === undefined ? undefined : where + tokenIn);
    const call = {
      account: request.identity.accountId,
      region: request.region,
      bucket: serverBucket(request),
      chain,
    };
    try {
      const output = await sandbox.call(request);
      const tokenOut = firstString(output, TOKEN_OUT);
      tracker.answered(chain, tokenOut === undefined ? undefined : where + tokenOut);
      recorded.push(call);
      return output;
    } catch (error) {
      if (THROTTLES.has(error?.name)) {
        throttled += 1;
        throttledBy[call.bucket.id] = (throttledBy[call.bucket.id] ?? 0) + 1;
      } else recorded.push(call); // an answer all the same (NoSuchTagSet…)
      throw error;
    }
  },
};

// ---- Memory: a baseline with the estate loaded, then peaks sampled during the run ----------
gc();
const baseline = process.memoryUsage();
const peak = { rss: baseline.rss, heapUsed: baseline.heapUsed };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
}, 25);

// ---- The inventory: the whole organisation, one run, one shared rate limiter ---------------
// The profile is the management account's; every other account is read through the role the
// inventory assumes (sts:AssumeRole in the sandbox), each with its own factory.
const limiter = values["no-limiter"] ? undefined : new RateLimiter({ limits: CORE_DEFAULTS.rateLimits });
// The CLI's audit log: hash-chained JSON lines appended to a file (in a temporary folder), so
// the figures include its cost and hold no records in memory that a real run would not.
const auditDir = mkdtempSync(join(tmpdir(), "cw-bench-audit-"));
process.on("exit", () => rmSync(auditDir, { recursive: true, force: true }));
const auditLog = new AuditLog(join(auditDir, "audit.jsonl"));
let auditRecords = 0;
const audit = {
  append(entry) {
    auditRecords += 1;
    return auditLog.append(entry);
  },
};
const accounts = sandbox.estate.accounts;
const management = accounts[0];
const makeFactory = (profile, account, credentials) =>
  createClientFactory({
    profile,
    defaultRegion: REGIONS[0],
    transport: { kind: "sandbox", sandbox: transport, ...(credentials !== undefined && { credentials }) },
    audit,
    account,
    who: { osUser: "bench", callerArn: undefined },
    policy: {
      profile,
      permissions: "read-only",
      allowsDirectExecution: false,
      declaredSensitiveReads: inventorySensitiveReads("all", management.id),
    },
    ...(limiter !== undefined && { rateLimiter: limiter }),
  });
const services = values.services?.split(",");
// Every partition of every account may run at once: the rate limiter, not a worker count,
// keeps the calls under AWS's limits.
const concurrency = Number(values.concurrency ?? accounts.length * (REGIONS.length * 10 + 1));
const profile = management.profiles[0].name;
const factory = makeFactory(profile, management.id);

// Partition spans: the slowest say where the wall time went.
const spans = [];
const io = {
  ...silentIoHost,
  spanEnd: (span) => spans.push({ id: span.id, ms: Math.round(span.durationMs) }),
};
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const scanDeps = {
  factory,
  io,
  account: management.id,
  factoryFor: (role) => makeFactory(profile, role.account, role.credentials),
  approve: async () => true,
};
const scanOptions = { accounts: "all", regions: REGIONS, pageSize: 1000, concurrency };
const changesSettings = { ...CORE_DEFAULTS.changes, automationPrincipals: ["ci"] };
const result = isInventory
  ? await runInventory({ ...scanOptions, ...(services !== undefined && { services }) }, scanDeps)
  : isChanges
    ? await runChanges(
        { ...scanOptions, since: "24h", includeReads: false, filters: {}, settings: changesSettings },
        { ...scanDeps, now: () => NOW },
      )
    : await runAudit(
        {
          ...scanOptions,
          workflow: values.workflow,
          settings: auditSettingsOf(CORE_DEFAULTS),
          suppressions: [],
        },
        { ...scanDeps, now: () => new Date("2026-11-01T00:00:00Z") },
      );
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
loopDelay.disable();
clearInterval(sampler);
const after = process.memoryUsage();
peak.rss = Math.max(peak.rss, after.rss);
peak.heapUsed = Math.max(peak.heapUsed, after.heapUsed);
gc();
// What stays once the run is over: the result (still referenced below).
const retainedHeap = process.memoryUsage().heapUsed;

// ---- Completeness: every resource of the types the inventory lists, and no failure; for an
// audit, every check evaluated everywhere (no failed partition, nothing not evaluated).
const estateResources = accounts.reduce(
  (n, a) => n + listEstateResources(sandbox.estate, a.id, REGIONS).length,
  0,
);
const failures = result.failures;
let resources = estateResources;
let expected = estateResources;
if (isChanges) {
  // Every write event of the window, once.
  const since = result.window.since;
  const until = result.window.until;
  resources = result.summary.events;
  expected = accounts.reduce(
    (n, a) =>
      n +
      REGIONS.reduce(
        (m, r) =>
          m +
          (a.regions[r]?.events ?? []).filter(
            (e) => !e.readOnly && e.eventTime >= since && e.eventTime <= until,
          ).length,
        0,
      ),
    0,
  );
} else if (isInventory) {
  resources = result.resources.length;
  const types = new Set(result.resources.map((x) => x.type));
  expected = accounts.reduce(
    (n, a) => n + listEstateResources(sandbox.estate, a.id, REGIONS).filter((x) => types.has(x.type)).length,
    0,
  );
} else {
  const unfinished = result.findings.filter((f) => f.status === "not-evaluated" || f.status === "error");
  if (unfinished.length > 0)
    throw new Error(`incomplete audit: ${unfinished.length} checks not evaluated or failed`);
}
if (failures.length > 0 || resources !== expected) {
  throw new Error(
    `incomplete inventory: ${resources} of ${expected} resources, ${failures.length} failed partitions` +
      (failures[0] === undefined ? "" : ` (first: ${failures[0].partition}: ${failures[0].message})`),
  );
}

const bound = lowerBound(recorded, { latencyMs: LATENCY_MS });
const b = bound.binding;
console.log(
  JSON.stringify({
    workflow: values.workflow,
    accounts: result.accounts.length,
    regions: REGIONS.length,
    resources,
    ...(isChanges && { events: result.summary.events, pages: result.pages, unusual: result.unusual.length }),
    ...(!isInventory &&
      !isChanges && {
        findings: result.summary.failed,
        callsPerResource: Number((auditRecords / resources).toFixed(2)),
      }),
    generateMs: Math.round(generateMs),
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    /** The machine's load average (1 min) at the end: other processes competing for the CPU. */
    loadAverage: Number(loadavg()[0].toFixed(1)),
    eventLoopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e6),
    apiCalls: auditRecords,
    attempts,
    throttled,
    throttledBy,
    limiter: limiter?.stats ?? null,
    concurrency,
    lowerBoundMs: Math.round(bound.boundMs),
    ratio: Number((wallMs / bound.boundMs).toFixed(2)),
    binding:
      b === undefined
        ? null
        : `${b.bucket} in ${b.account}/${b.region}: ${b.calls} calls, burst ${b.burst}, ${b.refillPerSecond}/s, longest chain ${b.longestChain}`,
    slowestPartitions: spans
      .sort((x, y) => y.ms - x.ms)
      .slice(0, 3)
      .map((x) => `${x.id} ${x.ms} ms`),
    memory: {
      baselineRssMiB: Math.round(mb(baseline.rss)),
      baselineHeapMiB: Math.round(mb(baseline.heapUsed)),
      peakRssMiB: Math.round(mb(peak.rss)),
      peakHeapMiB: Math.round(mb(peak.heapUsed)),
      retainedHeapMiB: Math.round(mb(retainedHeap)),
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    },
  }),
);
