/**
 * Conformance of the sandbox's Cost Explorer (SPEC.md "Cost Explorer"): GetCostAndUsage's
 * periods, groupings, pages and errors, the bills' agreement with the estate and the price
 * table, the forecast, anomalies and recommendations.
 */
import { describe, expect, it } from "vitest";
import { buildDemoEstate, DEMO_ACCOUNTS } from "../../../src/aws/sandbox/demo.js";
import { ebsVolumeMonthly, HOURS_PER_MONTH } from "../../../src/core/cost/pricing.js";
import { callerFor, expectAwsError, sandboxOf } from "./_helpers.js";

const NOW = new Date("2026-11-18T12:00:00.000Z");
const estate = buildDemoEstate(NOW);

type Amount = { Amount: string; Unit: string };
type Result = {
  TimePeriod: { Start: string; End: string };
  Total: Record<string, Amount>;
  Groups: { Keys: string[]; Metrics: Record<string, Amount> }[];
  Estimated: boolean;
};

function usage(input: Record<string, unknown>) {
  return {
    TimePeriod: { Start: "2026-11-01", End: "2026-11-08" },
    Granularity: "DAILY",
    Metrics: ["UnblendedCost"],
    ...input,
  };
}

/** Every page of one GetCostAndUsage. */
async function allPages(call: ReturnType<typeof callerFor>, input: Record<string, unknown>) {
  const results: Result[] = [];
  let token: string | undefined;
  let pages = 0;
  let attributes: unknown[] = [];
  do {
    const page = await call("ce", "GetCostAndUsage", {
      ...input,
      ...(token !== undefined && { NextPageToken: token }),
    });
    results.push(...(page.ResultsByTime as Result[]));
    attributes = [...attributes, ...((page.DimensionValueAttributes as unknown[]) ?? [])];
    token = page.NextPageToken as string | undefined;
    pages++;
  } while (token !== undefined);
  return { results, pages, attributes };
}

const total = (results: Result[], metric = "UnblendedCost") =>
  results.reduce(
    (s, r) =>
      s +
      Number(r.Total[metric]?.Amount ?? 0) +
      r.Groups.reduce((g, x) => g + Number(x.Metrics[metric]?.Amount ?? 0), 0),
    0,
  );

describe("sandbox Cost Explorer: GetCostAndUsage", () => {
  it("answers one result per day with the total as a string in USD, estimated in the current month", async () => {
    const call = callerFor(sandboxOf(estate), "demo-dev");
    const page = await call("ce", "GetCostAndUsage", usage({}));
    const results = page.ResultsByTime as Result[];
    expect(results.map((r) => r.TimePeriod.Start)).toEqual([
      "2026-11-01",
      "2026-11-02",
      "2026-11-03",
      "2026-11-04",
      "2026-11-05",
      "2026-11-06",
      "2026-11-07",
    ]);
    expect(results[0]?.Total["UnblendedCost"]?.Unit).toBe("USD");
    expect(typeof results[0]?.Total["UnblendedCost"]?.Amount).toBe("string");
    expect(results[0]?.Groups).toEqual([]);
    expect(results.every((r) => r.Estimated)).toBe(true);
    const october = await call(
      "ce",
      "GetCostAndUsage",
      usage({ TimePeriod: { Start: "2026-10-01", End: "2026-10-02" } }),
    );
    expect((october.ResultsByTime as Result[])[0]?.Estimated).toBe(false);
  });

  it("MONTHLY buckets split at month boundaries and hold the same amount as the days", async () => {
    const call = callerFor(sandboxOf(estate), "demo-dev");
    const period = { Start: "2026-10-20", End: "2026-11-10" };
    const monthly = (
      await call("ce", "GetCostAndUsage", usage({ TimePeriod: period, Granularity: "MONTHLY" }))
    ).ResultsByTime as Result[];
    expect(monthly.map((r) => r.TimePeriod)).toEqual([
      { Start: "2026-10-20", End: "2026-11-01" },
      { Start: "2026-11-01", End: "2026-11-10" },
    ]);
    const daily = await allPages(call, usage({ TimePeriod: period }));
    expect(total(monthly)).toBeCloseTo(total(daily.results), 6);
  });

  it("bills an unattached volume at the cleanup check's price, for the hours of each day", async () => {
    const dev = estate.accounts.find((a) => a.id === DEMO_ACCOUNTS.development);
    const volume = dev?.regions["us-east-1"]?.volumes.find((v) => v.id === "vol-0bad0000000000001");
    expect(volume).toBeDefined();
    if (dev === undefined || volume === undefined) return;
    const solo = structuredClone(estate);
    const soloDev = solo.accounts.find((a) => a.id === dev.id);
    if (soloDev === undefined) return;
    // Only that volume in the account: its bill is the whole bill.
    for (const r of Object.values(soloDev.regions)) {
      for (const key of Object.keys(r) as (keyof typeof r)[])
        if (Array.isArray(r[key])) (r[key] as unknown[]).length = 0;
    }
    soloDev.buckets = [];
    soloDev.regions["us-east-1"]?.volumes.push(volume);
    const call = callerFor(sandboxOf(solo), "demo-dev");
    const day = (
      await call("ce", "GetCostAndUsage", usage({ TimePeriod: { Start: "2026-11-10", End: "2026-11-11" } }))
    ).ResultsByTime as Result[];
    const expected =
      (ebsVolumeMonthly("us-east-1", volume.type, volume.sizeGiB).monthlyUsd / HOURS_PER_MONTH) * 24;
    expect(Number(day[0]?.Total["UnblendedCost"]?.Amount)).toBeCloseTo(expected, 8);
  });

  it("groups by SERVICE and TAG with Key$value keys (Key$ untagged), summing to the ungrouped total", async () => {
    const call = callerFor(sandboxOf(estate), "demo-mgmt");
    const plain = await allPages(call, usage({}));
    const grouped = await allPages(
      call,
      usage({
        GroupBy: [
          { Type: "DIMENSION", Key: "SERVICE" },
          { Type: "TAG", Key: "Owner" },
        ],
      }),
    );
    expect(total(grouped.results)).toBeCloseTo(total(plain.results), 6);
    const keys = grouped.results.flatMap((r) => r.Groups.map((g) => g.Keys));
    expect(keys.every((k) => k.length === 2 && k[1]?.startsWith("Owner$"))).toBe(true);
    expect(keys.some((k) => k[1] === "Owner$platform-team")).toBe(true);
    expect(keys.some((k) => k[1] === "Owner$")).toBe(true);
    expect(grouped.results[0]?.Total).toEqual({});
  });

  it("the management account sees every linked account, named in DimensionValueAttributes; a member only itself", async () => {
    const byAccount = usage({ GroupBy: [{ Type: "DIMENSION", Key: "LINKED_ACCOUNT" }] });
    const mgmt = await allPages(callerFor(sandboxOf(estate), "demo-mgmt"), byAccount);
    const ids = new Set(mgmt.results.flatMap((r) => r.Groups.map((g) => g.Keys[0])));
    expect([...ids].sort()).toEqual(Object.values(DEMO_ACCOUNTS).sort());
    expect(mgmt.attributes).toContainEqual({
      Value: DEMO_ACCOUNTS.development,
      Attributes: { description: "Northwind Development" },
    });
    const dev = await allPages(callerFor(sandboxOf(estate), "demo-dev"), byAccount);
    expect(new Set(dev.results.flatMap((r) => r.Groups.map((g) => g.Keys[0])))).toEqual(
      new Set([DEMO_ACCOUNTS.development]),
    );
  });

  it("pages by whole days with NextPageToken; another request's token is RequestChangedException, a tampered one InvalidNextTokenException", async () => {
    const call = callerFor(sandboxOf(estate), "demo-mgmt");
    const input = usage({
      TimePeriod: { Start: "2026-10-01", End: "2026-11-18" },
      GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }],
    });
    const { results, pages } = await allPages(call, input);
    expect(pages).toBeGreaterThan(1);
    expect(results.map((r) => r.TimePeriod.Start)).toHaveLength(48);
    const first = await call("ce", "GetCostAndUsage", input);
    const token = first.NextPageToken as string;
    await expectAwsError(
      call("ce", "GetCostAndUsage", { ...input, Metrics: ["AmortizedCost"], NextPageToken: token }),
      "RequestChangedException",
    );
    await expectAwsError(
      call("ce", "GetCostAndUsage", { ...input, NextPageToken: "not-a-token" }),
      "InvalidNextTokenException",
    );
  });

  it.each([
    [{ TimePeriod: { Start: "2026-11-08", End: "2026-11-01" } }, "ValidationException"],
    [{ TimePeriod: { Start: "2026/11/01", End: "2026-11-08" } }, "ValidationException"],
    [{ Granularity: "HOURLY" }, "ValidationException"],
    [{ Metrics: ["Cost"] }, "ValidationException"],
    [{ Metrics: [] }, "ValidationException"],
    [
      {
        GroupBy: [
          { Type: "DIMENSION", Key: "SERVICE" },
          { Type: "DIMENSION", Key: "REGION" },
          { Type: "TAG", Key: "Owner" },
        ],
      },
      "ValidationException",
    ],
    [{ TimePeriod: { Start: "2025-01-01", End: "2025-02-01" } }, "BillExpirationException"],
  ])("%j answers %s", async (input, name) => {
    await expectAwsError(
      callerFor(sandboxOf(estate), "demo-dev")("ce", "GetCostAndUsage", usage(input)),
      name,
    );
  });

  it("answers DataUnavailableException where Cost Explorer is not enabled", async () => {
    const off = structuredClone(estate);
    const dev = off.accounts.find((a) => a.id === DEMO_ACCOUNTS.development);
    if (dev !== undefined) dev.costExplorer = { enabled: false };
    await expectAwsError(
      callerFor(sandboxOf(off), "demo-dev")("ce", "GetCostAndUsage", usage({})),
      "DataUnavailableException",
      400,
    );
  });
});

describe("sandbox Cost Explorer: forecast, anomalies, recommendations", () => {
  it("forecasts from today on, and refuses a start in the past", async () => {
    const call = callerFor(sandboxOf(estate), "demo-dev");
    const forecast = await call("ce", "GetCostForecast", {
      TimePeriod: { Start: "2026-11-18", End: "2026-12-01" },
      Metric: "UNBLENDED_COST",
      Granularity: "MONTHLY",
    });
    expect(Number((forecast.Total as Amount).Amount)).toBeGreaterThan(0);
    await expectAwsError(
      call("ce", "GetCostForecast", {
        TimePeriod: { Start: "2026-11-17", End: "2026-12-01" },
        Metric: "UNBLENDED_COST",
        Granularity: "MONTHLY",
      }),
      "ValidationException",
    );
  });

  it("lists the management account's monitor and the planted spike as an anomaly; a member has no monitor", async () => {
    const mgmt = callerFor(sandboxOf(estate), "demo-mgmt");
    const monitors = (await mgmt("ce", "GetAnomalyMonitors", {})).AnomalyMonitors as {
      MonitorName: string;
    }[];
    expect(monitors.map((m) => m.MonitorName)).toEqual(["Default-Services-Monitor"]);
    const anomalies = (await mgmt("ce", "GetAnomalies", { DateInterval: { StartDate: "2026-11-01" } }))
      .Anomalies as {
      RootCauses: { Service: string; LinkedAccount: string }[];
    }[];
    expect(anomalies.map((a) => a.RootCauses[0])).toMatchObject([
      { Service: "AWS Lambda", LinkedAccount: DEMO_ACCOUNTS.production },
    ]);
    const dev = callerFor(sandboxOf(estate), "demo-dev");
    expect((await dev("ce", "GetAnomalyMonitors", {})).AnomalyMonitors).toEqual([]);
    expect(
      (await dev("ce", "GetAnomalies", { DateInterval: { StartDate: "2026-11-01" } })).Anomalies,
    ).toEqual([]);
  });

  it("recommends rightsizing outside production one size down, and a Compute Savings Plan", async () => {
    const call = callerFor(sandboxOf(estate), "demo-mgmt");
    const rs = await call("ce", "GetRightsizingRecommendation", { Service: "AmazonEC2", PageSize: 100 });
    const recs = rs.RightsizingRecommendations as {
      AccountId: string;
      ModifyRecommendationDetail: {
        TargetInstances: { ResourceDetails: { EC2ResourceDetails: { InstanceType: string } } }[];
      };
    }[];
    expect(recs.length).toBeGreaterThan(0);
    expect(recs.every((r) => r.AccountId !== DEMO_ACCOUNTS.production)).toBe(true);
    expect(
      recs[0]?.ModifyRecommendationDetail.TargetInstances[0]?.ResourceDetails.EC2ResourceDetails.InstanceType,
    ).toBe("c6i.large");
    await expectAwsError(
      call("ce", "GetRightsizingRecommendation", { Service: "AmazonRDS" }),
      "ValidationException",
    );
    const sp = await call("ce", "GetSavingsPlansPurchaseRecommendation", {
      SavingsPlansType: "COMPUTE_SP",
      TermInYears: "ONE_YEAR",
      PaymentOption: "NO_UPFRONT",
      LookbackPeriodInDays: "THIRTY_DAYS",
    });
    const summary = (
      sp.SavingsPlansPurchaseRecommendation as {
        SavingsPlansPurchaseRecommendationSummary: { EstimatedMonthlySavingsAmount: string };
      }
    ).SavingsPlansPurchaseRecommendationSummary;
    expect(Number(summary.EstimatedMonthlySavingsAmount)).toBeGreaterThan(0);
    await expectAwsError(
      call("ce", "GetSavingsPlansPurchaseRecommendation", { SavingsPlansType: "COMPUTE_SP" }),
      "ValidationException",
    );
  });
});
