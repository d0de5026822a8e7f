/**
 * Accuracy of the changes review on the demo estate: `changes --since 24h` over every account
 * and region of the organisation finds every planted unusual activity (recall 100%) and
 * nothing on the routine events (precision 100%), end to end through the client factory,
 * gate, audit log and sandbox, with the demo configuration's settings.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildDemoEstate, DEMO_NOW, DEMO_PLANTED_ACTIVITY } from "../../../src/aws/sandbox/demo.js";
import { generateEstate } from "../../../src/aws/sandbox/generate.js";
import { mergeLayers } from "../../../src/core/config/layers.js";
import { CORE_DEFAULTS } from "../../../src/core/config/defaults.js";
import { runChanges } from "../../../src/workflows/changes/index.js";
import { makeOrgFactories, MGMT_ACCOUNT, MGMT_REGIONS } from "../../_helpers/org-factory.js";
import { recordingIoHost } from "../../_helpers/recording-io-host.js";

const DEMO_SETTINGS = (() => {
  const path = new URL("../../../config/demo.yaml", import.meta.url);
  return mergeLayers([
    { name: "core", source: "built-in", data: CORE_DEFAULTS },
    { name: "org", source: path.pathname, data: parse(readFileSync(path, "utf8")) },
  ]).config.changes;
})();

const key = (a: { kind: string; account: string; subject: string }) => `${a.kind} ${a.account} ${a.subject}`;

/** `changes --since <since>` over the whole demo organisation, as demo-mgmt with the demo configuration. */
async function reviewDemo(since: string) {
  const org = makeOrgFactories({ estate: buildDemoEstate() });
  return runChanges(
    {
      since,
      includeReads: false,
      filters: {},
      settings: DEMO_SETTINGS,
      accounts: "all",
      regions: MGMT_REGIONS,
    },
    {
      factory: org.factory,
      factoryFor: org.factoryFor,
      io: recordingIoHost(),
      account: MGMT_ACCOUNT,
      now: () => DEMO_NOW,
      approve: async () => true,
    },
  );
}

describe("changes on the demo estate", () => {
  it("--since 24h finds every planted unusual activity and nothing else", async () => {
    const result = await reviewDemo("24h");
    expect(result.failures).toEqual([]);
    const found = result.unusual.map(key).sort();
    const planted = DEMO_PLANTED_ACTIVITY.map(key).sort();
    expect(found).toEqual(planted);
    expect(result.pages).toBeGreaterThan(result.coverage.planned);
    expect(result.summary.events).toBeGreaterThan(50);
  });

  it("--since 7d still reports every planted activity, within a window of over a thousand events", async () => {
    const result = await reviewDemo("7d");
    const found = new Set(result.unusual.map(key));
    for (const p of DEMO_PLANTED_ACTIVITY) expect(found).toContain(key(p));
    expect(result.summary.events).toBeGreaterThan(1000);
  });
});

describe("changes on generated estates", () => {
  it.each([
    { accounts: 3, regions: ["us-east-1", "eu-west-1"], seed: 11, now: "2026-11-01T00:00:00Z" },
    {
      accounts: 2,
      regions: ["us-west-2", "ap-southeast-2", "eu-central-1"],
      seed: 97,
      now: "2026-06-17T13:30:00Z",
    },
    { accounts: 1, regions: ["eu-west-2"], seed: 5, now: "2026-03-02T04:20:00Z" },
  ])("--since 24h finds exactly the planted activity ($accounts accounts, $regions, now $now)", async (o) => {
    const now = new Date(o.now);
    const { estate, plantedActivity } = generateEstate({
      accounts: o.accounts,
      regions: o.regions,
      resourcesPerRegion: 30,
      seed: o.seed,
      now,
    });
    expect(plantedActivity.length).toBeGreaterThanOrEqual(4);
    const management = estate.accounts[0]!;
    const org = makeOrgFactories({ estate, profile: management.profiles[0]!.name });
    const result = await runChanges(
      {
        since: "24h",
        includeReads: false,
        filters: {},
        settings: { ...CORE_DEFAULTS.changes, automationPrincipals: ["ci"] },
        accounts: "all",
        regions: o.regions,
      },
      {
        factory: org.factory,
        factoryFor: org.factoryFor,
        io: recordingIoHost(),
        account: management.id,
        now: () => now,
        approve: async () => true,
      },
    );
    expect(result.failures).toEqual([]);
    expect(result.unusual.map(key).sort()).toEqual(plantedActivity.map(key).sort());
  });
});

describe("changes without a baseline", () => {
  it("says so (CW_CHG_I0001) and tells no new principal or unused region where nothing is known", async () => {
    const now = new Date("2026-11-01T00:00:00Z");
    const { estate } = generateEstate({
      accounts: 1,
      regions: ["us-east-1", "eu-west-1"],
      resourcesPerRegion: 10,
      seed: 3,
      now,
    });
    // An account whose history starts with the window: nothing is known before it.
    const since = "2026-10-31T00:00:00.000Z";
    for (const region of Object.values(estate.accounts[0]!.regions))
      region.events = region.events.filter((e) => e.eventTime >= since);
    const management = estate.accounts[0]!;
    const org = makeOrgFactories({ estate, profile: management.profiles[0]!.name });
    const io = recordingIoHost();
    const result = await runChanges(
      {
        since: "24h",
        includeReads: false,
        filters: {},
        settings: { ...CORE_DEFAULTS.changes, automationPrincipals: ["ci"] },
        regions: ["us-east-1", "eu-west-1"],
      },
      { factory: org.factory, io, account: management.id, now: () => now },
    );
    expect(result.summary.events).toBeGreaterThan(0);
    expect(io.messages.find((m) => m.code === "CW_CHG_I0001")?.data).toEqual({
      accounts: [management.id],
      baselineSince: "2026-10-24T00:00:00.000Z",
    });
    expect(result.unusual.filter((u) => u.kind === "new-principal" || u.kind === "unusual-region")).toEqual(
      [],
    );
  });
});
