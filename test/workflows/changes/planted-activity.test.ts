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

describe("changes on the demo estate", () => {
  it("--since 24h finds every planted unusual activity and nothing else", async () => {
    const estate = buildDemoEstate();
    const org = makeOrgFactories({ estate });
    const io = recordingIoHost();
    const result = await runChanges(
      {
        since: "24h",
        includeReads: false,
        filters: {},
        settings: DEMO_SETTINGS,
        accounts: "all",
        regions: MGMT_REGIONS,
      },
      {
        factory: org.factory,
        factoryFor: org.factoryFor,
        io,
        account: MGMT_ACCOUNT,
        now: () => DEMO_NOW,
        approve: async () => true,
      },
    );
    expect(result.failures).toEqual([]);
    const found = result.unusual.map(key).sort();
    const planted = DEMO_PLANTED_ACTIVITY.map(key).sort();
    expect(found).toEqual(planted);
    expect(result.pages).toBeGreaterThan(result.coverage.planned);
    expect(result.summary.events).toBeGreaterThan(50);
  });
});
