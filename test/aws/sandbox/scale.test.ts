import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { expectedResourceCounts, listEstateResources } from "../../../src/aws/sandbox/estate.js";
import { generateEstate } from "../../../src/aws/sandbox/generate.js";
import { createSandbox } from "../../../src/aws/sandbox/transport.js";
import { callerFor, detectProblems, expectAwsError, fakeTime, NOW, sortedKeys } from "./_helpers.js";

const SIX_REGIONS = [
  "us-east-1",
  "us-west-2",
  "eu-west-1",
  "eu-central-1",
  "ap-southeast-2",
  "ap-northeast-1",
];

describe("generateEstate at scale", () => {
  const { estate, expectedFindings } = generateEstate({
    accounts: 5,
    regions: SIX_REGIONS,
    totalResources: 20_000,
    seed: 2027,
    now: NOW,
  });
  const counts = expectedResourceCounts(estate);

  it("builds 5 accounts × 6 regions with about the 20,000 inventory-visible resources asked", () => {
    expect(counts.total).toBeGreaterThanOrEqual(20_000);
    expect(counts.total).toBeLessThan(21_000);
    for (const account of estate.accounts) {
      expect(counts.byAccount[account.id]).toBeGreaterThan(3_600);
      expect(Object.keys(account.regions).sort()).toEqual([...SIX_REGIONS].sort());
    }
  });

  it("holds every resource type of the full inventory", () => {
    expect(Object.keys(counts.byType)).toHaveLength(24);
    expect(counts.byType["ec2/instance"]).toBeGreaterThan(2_000);
    expect(counts.byType["lambda/function"]).toBeGreaterThan(1_000);
    expect(counts.byType["rds/db-cluster"]).toBeGreaterThan(10);
    expect(counts.byType["elb/load-balancer"]).toBeGreaterThan(counts.byType["elb/target-group"] ?? 0);
  });

  it("agrees with listEstateResources account by account", () => {
    for (const account of estate.accounts) {
      expect(listEstateResources(estate, account.id, SIX_REGIONS)).toHaveLength(
        counts.byAccount[account.id] ?? -1,
      );
    }
  });

  it("plants exactly the findings it lists", () => {
    expect(sortedKeys(detectProblems(estate))).toEqual(sortedKeys(expectedFindings));
  });

  it("keeps each region near resourcesPerRegion", () => {
    const small = generateEstate({
      accounts: 2,
      regions: ["us-east-1", "eu-west-1"],
      resourcesPerRegion: 300,
      seed: 9,
      now: NOW,
    });
    for (const account of small.estate.accounts) {
      for (const region of ["us-east-1", "eu-west-1"]) {
        const regional = listEstateResources(small.estate, account.id, [region]).filter(
          (r) => r.region === region,
        );
        expect(regional.length).toBeGreaterThanOrEqual(300);
        expect(regional.length).toBeLessThan(330);
      }
    }
  });
});

describe("latency", () => {
  it("applies a rule without match to every call, on the injected sleep", async () => {
    const time = fakeTime();
    const sandbox = createSandbox(buildDemoEstate(), {
      clock: time.clock,
      sleep: time.sleep,
      faults: { rules: [{ latencyMs: 50 }] },
    });
    const call = callerFor(sandbox, "demo-dev");
    await call("ec2", "DescribeVpcs");
    await call("kms", "ListKeys");
    await call("iam", "ListUsers");
    expect(time.slept).toEqual([50, 50, 50]);
  });

  it("lets many concurrent calls wait at once: nothing serialises them", async () => {
    const waiting: (() => void)[] = [];
    const sandbox = createSandbox(buildDemoEstate(), {
      clock: () => NOW.getTime(),
      sleep: () => new Promise<void>((resolve) => waiting.push(resolve)),
      faults: { rules: [{ latencyMs: 50 }] },
    });
    const dev = callerFor(sandbox, "demo-dev");
    const prod = callerFor(sandbox, "demo-prod");
    const calls = Array.from({ length: 200 }, (_, i) =>
      (i % 2 === 0 ? dev : prod)(
        i % 3 === 0 ? "ec2" : "cloudtrail",
        i % 3 === 0 ? "DescribeVpcs" : "DescribeTrails",
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    // Every call is sleeping at the same time; none has finished.
    expect(waiting).toHaveLength(200);
    for (const release of waiting) release();
    const answers = await Promise.all(calls);
    expect(answers).toHaveLength(200);
    expect(sandbox.calls.filter((c) => c.error !== undefined)).toEqual([]);
  });
});

describe('the "aws" rate limits for the new services', () => {
  function setup() {
    const time = fakeTime();
    const sandbox = createSandbox(buildDemoEstate(), {
      clock: time.clock,
      sleep: time.sleep,
      faults: { rateLimits: "aws" },
    });
    return { time, call: callerFor(sandbox, "demo-prod") };
  }

  it("gives the new EC2 Describe calls the non-mutating bucket (100, refill 20/s) per API", async () => {
    const { call, time } = setup();
    for (let i = 0; i < 100; i++) await call("ec2", "DescribeRouteTables");
    await expectAwsError(call("ec2", "DescribeRouteTables"), "RequestLimitExceeded", 503);
    await expect(call("ec2", "DescribeNatGateways")).resolves.toBeDefined();
    time.advance(100);
    await expect(call("ec2", "DescribeRouteTables")).resolves.toBeDefined();
  });

  it("throttles CloudWatch GetMetricData at 50 per second with Throttling, KMS ListKeys at 100 with ThrottlingException", async () => {
    const { call, time } = setup();
    const query = {
      MetricDataQueries: [
        {
          Id: "m",
          MetricStat: {
            Metric: { Namespace: "AWS/S3", MetricName: "BucketSizeBytes" },
            Period: 86_400,
            Stat: "Average",
          },
        },
      ],
      StartTime: new Date(NOW.getTime() - 86_400_000),
      EndTime: NOW,
    };
    for (let i = 0; i < 50; i++) await call("cloudwatch", "GetMetricData", query);
    await expectAwsError(call("cloudwatch", "GetMetricData", query), "Throttling", 400);
    for (let i = 0; i < 100; i++) await call("kms", "ListKeys");
    await expectAwsError(call("kms", "ListKeys"), "ThrottlingException", 400);
    await expect(call("kms", "ListKeys", {}, "eu-west-1")).resolves.toBeDefined();
    time.advance(1000);
    await expect(call("kms", "ListKeys")).resolves.toBeDefined();
  });

  it("throttles CloudTrail ListTrails at 5 and ELB DescribeLoadBalancers at 40", async () => {
    const { call } = setup();
    for (let i = 0; i < 5; i++) await call("cloudtrail", "ListTrails");
    await expectAwsError(call("cloudtrail", "ListTrails"), "ThrottlingException");
    for (let i = 0; i < 40; i++) await call("elbv2", "DescribeLoadBalancers");
    await expectAwsError(call("elbv2", "DescribeLoadBalancers"), "Throttling");
    await expect(call("elb", "DescribeLoadBalancers")).resolves.toBeDefined();
  });
});
