/**
 * The cost overview end to end on the demo estate: the real client factory (gate, audit log,
 * SDK retry) over the sandbox's Cost Explorer, whose bills are derived from the estate.
 */
import { describe, expect, it } from "vitest";
import { buildDemoEstate, DEMO_ACCOUNTS } from "../../src/aws/sandbox/demo.js";
import type { Estate } from "../../src/aws/sandbox/estate.js";
import type { SandboxFaults } from "../../src/aws/sandbox/faults.js";
import { auditSettingsOf } from "../../src/core/checks/settings.js";
import { CORE_DEFAULTS } from "../../src/core/config/defaults.js";
import type { CostExplorerData, CostGrouping } from "../../src/core/cost/cost-data.js";
import { runAudit } from "../../src/workflows/audit/index.js";
import { runCost, type CostCache, type CostOptions } from "../../src/workflows/cost/index.js";
import { recordingIoHost } from "../_helpers/recording-io-host.js";
import { makeSandboxFactory } from "../_helpers/sandbox-factory.js";

/** Mid-month, so the month so far and the previous month both have days. */
const NOW = new Date("2026-11-18T12:00:00.000Z");
const settings = auditSettingsOf({ checks: CORE_DEFAULTS.checks, tagging: { required: [] } } as never);

function options(overrides: Partial<CostOptions> = {}): CostOptions {
  return {
    period: "month-to-date",
    metric: "unblended",
    grouping: { kind: "service" },
    top: 5,
    refresh: false,
    cacheTtlMinutes: 60,
    settings,
    suppressions: [],
    scopeFlags: "",
    ...overrides,
  };
}

function setup(profile: string, estate: Estate = buildDemoEstate(NOW), faults?: SandboxFaults) {
  const made = makeSandboxFactory({ estate, profile, ...(faults !== undefined && { faults }) });
  const io = recordingIoHost();
  const account = made.sandbox.identityFor(profile).accountId;
  const deps = { factory: made.factory, io, account, now: () => NOW, wallClock: () => NOW };
  return { ...made, io, deps };
}

function memoryCache(): CostCache & { entries: Map<string, CostExplorerData> } {
  const entries = new Map<string, CostExplorerData>();
  return {
    entries,
    read: async (key) => entries.get(key),
    write: async (key, data) => void entries.set(key, data),
  };
}

describe("cost overview on the demo estate", () => {
  it("reports spend by service for the month so far that sums to the total, from the management account", async () => {
    const { deps } = setup("demo-mgmt");
    const result = await runCost(options(), deps);
    const overview = result.overview;
    expect(overview).toBeDefined();
    if (overview === undefined) return;
    expect(overview.period.start).toBe("2026-11-01");
    expect(overview.period.end).toBe("2026-11-19");
    expect(overview.currency).toBe("USD");
    expect(overview.metric).toBe("unblended");
    expect(overview.total).toBeGreaterThan(0);
    const sum = overview.groups.reduce((s, g) => s + g.amount, 0);
    expect(Math.round(sum * 100) / 100).toBe(overview.total);
    const shares = overview.groups.reduce((s, g) => s + g.share, 0);
    expect(shares).toBeCloseTo(1, 2);
    expect(overview.groups.map((g) => g.key)).toContain("Amazon Elastic Compute Cloud - Compute");
    expect(overview.isEstimated).toBe(true);
    // The comparable previous period: the first 18 days of October.
    expect(overview.previousPeriod).toEqual({ start: "2026-10-01", end: "2026-10-19" });
  });

  it("finds the planted spike (production Lambda) day over day and week over week, and the anomaly", async () => {
    const { deps } = setup("demo-mgmt");
    const overview = (await runCost(options(), deps)).overview;
    const lambda = overview?.changes.find((c) => c.service === "AWS Lambda");
    expect(lambda?.dayOverDay?.date).toBe("2026-11-16");
    expect(lambda?.dayOverDay?.change).toBeGreaterThanOrEqual(139);
    expect(lambda?.weekOverWeek?.change).toBeGreaterThanOrEqual(279);
    expect(overview?.anomalies?.map((a) => [a.service, a.account, a.startDate])).toEqual([
      ["AWS Lambda", DEMO_ACCOUNTS.production, "2026-11-16"],
    ]);
  });

  it("finds the service new this period (OpenSearch in development)", async () => {
    const { deps } = setup("demo-mgmt");
    const overview = (await runCost(options(), deps)).overview;
    expect(overview?.newServices).toEqual([
      { service: "Amazon OpenSearch Service", since: "2026-11-11", amount: expect.any(Number) },
    ]);
    expect(overview?.newServices[0]?.amount).toBeCloseTo(18 * 7 + 18 * 0.5, 1);
  });

  it("forecasts the month end as the month so far plus Cost Explorer's forecast of the rest", async () => {
    const { deps } = setup("demo-mgmt");
    const forecast = (await runCost(options(), deps)).overview?.forecast;
    expect(forecast?.monthToDate).toBeGreaterThan(0);
    expect(forecast?.remaining).toBeGreaterThan(0);
    expect(forecast?.monthEnd).toBeCloseTo((forecast?.monthToDate ?? 0) + (forecast?.remaining ?? 0), 2);
  });

  it("from a member account shows only that account's costs", async () => {
    const mgmt = await runCost(options({ grouping: { kind: "account" } }), setup("demo-mgmt").deps);
    const dev = await runCost(options({ grouping: { kind: "account" } }), setup("demo-dev").deps);
    expect(mgmt.overview?.groups.map((g) => g.key).sort()).toEqual(Object.values(DEMO_ACCOUNTS).sort());
    expect(dev.overview?.groups.map((g) => g.key)).toEqual([DEMO_ACCOUNTS.development]);
    const devInMgmt = mgmt.overview?.groups.find((g) => g.key === DEMO_ACCOUNTS.development);
    expect(devInMgmt?.amount).toBe(dev.overview?.total);
    expect(devInMgmt?.label).toBe(dev.overview?.groups[0]?.label);
  });

  it.each<[CostGrouping, string]>([
    [{ kind: "region" }, "us-east-1"],
    [{ kind: "tag", key: "Owner" }, "platform-team"],
  ])("groups by %j with the same total", async (grouping, expectedKey) => {
    const byService = await runCost(options(), setup("demo-mgmt").deps);
    const grouped = await runCost(options({ grouping }), setup("demo-mgmt").deps);
    expect(grouped.overview?.groups.map((g) => g.key)).toContain(expectedKey);
    expect(grouped.overview?.total).toBeCloseTo(byService.overview?.total ?? 0, 0);
    if (grouping.kind === "tag") expect(grouped.overview?.untaggedShare).toBeGreaterThanOrEqual(0);
  });

  it("lists the unused resources with the same savings as the cleanup audit", async () => {
    const { deps, factory, io } = setup("demo-dev");
    const result = await runCost(options({ regions: "all" }), deps);
    const cleanup = await runAudit(
      { workflow: "cleanup", regions: "all", settings, suppressions: [] },
      { factory, io, account: deps.account, now: () => NOW },
    );
    const expected = cleanup.findings
      // What costs something (an orphaned interface is free: no saving).
      .filter((f) => f.status === "fail" && (f.monthlyCostUsd ?? 0) > 0)
      .map((f) => [f.checkId, f.resource.id, f.monthlyCostUsd])
      .sort();
    const unused = result.opportunities
      .filter((o) => o.kind === "unused-resource" && (o.monthlySaving ?? 0) > 0)
      .map((o) => [o.source, o.resourceId, o.monthlySaving])
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(unused).toEqual(expected);
    expect(result.opportunities.some((o) => o.kind === "rightsizing")).toBe(true);
    expect(result.opportunities.some((o) => o.kind === "savings-plan")).toBe(true);
    expect(result.opportunities.find((o) => o.kind === "unused-resource")?.command).toBe(
      "aws-coworker cleanup",
    );
  });

  it("lists a gp2 volume in use as gp2 → gp3 with its saving", async () => {
    const estate = buildDemoEstate(NOW);
    const dev = estate.accounts.find((a) => a.id === DEMO_ACCOUNTS.development);
    const attached = dev?.regions["us-east-1"]?.volumes.find((v) => v.attachments.length > 0);
    if (attached === undefined) throw new Error("the demo has an attached volume in development");
    attached.type = "gp2";
    const result = await runCost(options(), setup("demo-dev", estate).deps);
    const gp2 = result.opportunities.filter((o) => o.kind === "gp2-to-gp3");
    expect(gp2.map((o) => o.resourceId)).toEqual([attached.id]);
    expect(gp2[0]?.monthlySaving).toBeGreaterThan(0);
    expect(gp2[0]?.command).toBe("aws-coworker review --pillar cost");
  });

  it("counts its Cost Explorer requests, and the cache answers the same question for free", async () => {
    const { deps, sandbox } = setup("demo-mgmt");
    const cache = memoryCache();
    const first = await runCost(options(), { ...deps, cache });
    const ceCalls = sandbox.calls.filter((c) => c.service === "ce").length;
    expect(first.costExplorer).toMatchObject({ status: "ok", isFromCache: false, requests: ceCalls });
    expect(ceCalls).toBeLessThanOrEqual(12);
    const second = await runCost(options(), { ...deps, cache });
    expect(second.costExplorer).toMatchObject({ status: "ok", isFromCache: true, requests: 0 });
    expect(sandbox.calls.filter((c) => c.service === "ce").length).toBe(ceCalls);
    expect(second.overview).toEqual(first.overview);
    const refreshed = await runCost(options({ refresh: true }), { ...deps, cache });
    expect(refreshed.costExplorer).toMatchObject({ isFromCache: false, requests: ceCalls });
    const later = new Date(NOW.getTime() + 61 * 60_000);
    const expired = await runCost(options(), { ...deps, cache, wallClock: () => later });
    expect(expired.costExplorer).toMatchObject({ isFromCache: false });
  });

  it("on the bundled demo estate (captured 2026-11-01 00:00), last month shows the spike and the new service; the month so far is empty", async () => {
    const { deps } = setup("demo-mgmt", buildDemoEstate());
    const now = () => new Date("2026-11-01T00:00:00.000Z");
    const last = await runCost(options({ period: "last-month" }), { ...deps, now });
    expect(last.overview?.period).toMatchObject({ start: "2026-10-01", end: "2026-11-01" });
    expect(last.overview?.changes[0]?.service).toBe("AWS Lambda");
    expect(last.overview?.newServices.map((n) => n.service)).toEqual(["Amazon OpenSearch Service"]);
    expect(last.overview?.forecast?.remaining).toBeGreaterThan(0);
    const mtd = await runCost(options(), { ...deps, now });
    expect(mtd.overview?.total).toBe(0);
  });

  it("where Cost Explorer is not enabled, says so and still lists the estimates", async () => {
    const estate = buildDemoEstate(NOW);
    const dev = estate.accounts.find((a) => a.id === DEMO_ACCOUNTS.development);
    if (dev !== undefined) dev.costExplorer = { enabled: false };
    const { deps, io } = setup("demo-dev", estate);
    const result = await runCost(options(), deps);
    expect(result.overview).toBeUndefined();
    expect(result.costExplorer).toMatchObject({ status: "unavailable", awsName: "DataUnavailableException" });
    if (result.costExplorer.status === "unavailable")
      expect(result.costExplorer.hint).toMatch(/Enable Cost Explorer/);
    expect(result.opportunities.length).toBeGreaterThan(0);
    expect(io.messages.map((m) => m.code)).toContain("CW_COST_W0001");
  });

  it("where access to Cost Explorer is denied, says which permission and still lists the estimates", async () => {
    const { deps } = setup("demo-dev", buildDemoEstate(NOW), {
      rules: [{ match: { service: "ce" }, fail: "access-denied" }],
    });
    const result = await runCost(options(), deps);
    expect(result.costExplorer).toMatchObject({ status: "unavailable", awsName: "AccessDeniedException" });
    if (result.costExplorer.status === "unavailable") {
      expect(result.costExplorer.message).toMatch(/ce:GetCostAndUsage/);
      expect(result.costExplorer.hint).toMatch(/AWSBillingReadOnlyAccess/);
    }
    expect(result.opportunities.length).toBeGreaterThan(0);
  });
});
