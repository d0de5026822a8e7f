/**
 * The changes review over a generated organisation of 5 accounts × 6 regions with thousands of
 * CloudTrail events, through the real client factory and its client-side rate limiter, over a
 * sandbox that enforces LookupEvents' 2 calls per second per account and region (any throttled
 * answer fails this test). Time is virtual: the limiter's waits and the sandbox's buckets run
 * on one clock, so nothing waits for real; speed is measured by `npm run bench`.
 */
import { describe, expect, it } from "vitest";
import { generateEstate } from "../../../src/aws/sandbox/generate.js";
import type { SandboxTransport } from "../../../src/aws/sandbox/types.js";
import { RateLimiter } from "../../../src/aws/middleware/rate-limit.js";
import { CORE_DEFAULTS } from "../../../src/core/config/defaults.js";
import { runChanges } from "../../../src/workflows/changes/index.js";
import { makeOrgFactories } from "../../_helpers/org-factory.js";
import { recordingIoHost } from "../../_helpers/recording-io-host.js";
import { virtualTime } from "../../_helpers/virtual-time.js";

const SIX_REGIONS = [
  "us-east-1",
  "us-west-2",
  "eu-west-1",
  "eu-central-1",
  "ap-southeast-2",
  "ap-northeast-1",
];
const NOW = new Date("2026-11-01T00:00:00Z");

describe("changes at scale under LookupEvents' rate limit", () => {
  it("reads every window event of 5 accounts × 6 regions without one throttled call, the regions in parallel", async () => {
    const { estate, plantedActivity } = generateEstate({
      accounts: 5,
      regions: SIX_REGIONS,
      resourcesPerRegion: 20,
      seed: 2027,
      now: NOW,
      trailActivity: 3,
    });
    const stored = estate.accounts.flatMap((a) => SIX_REGIONS.flatMap((r) => a.regions[r]?.events ?? []));
    expect(stored.length).toBeGreaterThan(5000);

    const time = virtualTime(NOW.getTime());
    const limiter = new RateLimiter({
      limits: CORE_DEFAULTS.rateLimits,
      clock: time.clock,
      sleep: time.sleep,
    });
    const throttled: string[] = [];
    const lookups = new Map<string, number>();
    const count = (transport: SandboxTransport): SandboxTransport => ({
      identityFor: (p) => transport.identityFor(p),
      identityForCredentials: (k) => transport.identityForCredentials(k),
      async call(request) {
        if (request.action === "LookupEvents") {
          const cell = `${request.identity.accountId}/${request.region}`;
          lookups.set(cell, (lookups.get(cell) ?? 0) + 1);
        }
        try {
          return await transport.call(request);
        } catch (error) {
          if ((error as Error).name === "ThrottlingException") throttled.push(request.action);
          throw error;
        }
      },
    });
    const management = estate.accounts[0]!;
    const org = makeOrgFactories({
      estate,
      profile: management.profiles[0]!.name,
      clock: time.clock,
      sleep: time.sleep,
      faults: { rateLimits: "aws" },
      rateLimiter: limiter,
      wrap: count,
    });
    const started = time.clock();
    const io = recordingIoHost();
    const result = await runChanges(
      {
        since: "24h",
        includeReads: false,
        filters: {},
        settings: { ...CORE_DEFAULTS.changes, automationPrincipals: ["ci"] },
        accounts: "all",
        regions: SIX_REGIONS,
        concurrency: 30,
      },
      {
        factory: org.factory,
        factoryFor: org.factoryFor,
        io,
        account: management.id,
        now: () => NOW,
        approve: async () => true,
      },
    );
    const elapsedMs = time.clock() - started;

    expect(throttled).toEqual([]);
    expect(result.failures).toEqual([]);
    const since = result.window.since;
    const expected = stored.filter(
      (e) => !e.readOnly && e.eventTime >= since && e.eventTime <= result.window.until,
    );
    expect(result.summary.events).toBe(expected.length);
    expect(new Set(result.events.map((e) => `${e.account}/${e.eventId}`)).size).toBe(expected.length);
    expect(result.unusual.map((u) => `${u.kind} ${u.subject}`).sort()).toEqual(
      plantedActivity.map((p) => `${p.kind} ${p.subject}`).sort(),
    );
    // Each account × region is paced at 2 pages per second; the 30 of them run side by side.
    const pages = [...lookups.values()];
    expect(lookups.size).toBe(30);
    expect(result.pages).toBe(pages.reduce((a, b) => a + b, 0));
    const busiest = Math.max(...pages);
    expect(busiest).toBeGreaterThan(5);
    expect(elapsedMs).toBeGreaterThanOrEqual(((busiest - 2) / 2) * 1000);
    expect(elapsedMs).toBeLessThan((busiest / 2) * 1000 + 1000);
    // The progress spans count pages per partition.
    const ended = io.spans.flatMap((s) => (s.kind === "end" && s.ok ? [s] : []));
    expect(ended.reduce((n, s) => n + (s.counters["pages"] ?? 0), 0)).toBe(result.pages);
  });
});
