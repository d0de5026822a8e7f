import type { MetricDataResult } from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { callerFor, expectAwsError, NOW, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();
const DAY = 86_400_000;
const bucket = estate.accounts[4]?.buckets.find((b) => b.name === "northwind-prod-eu-insights");
if (bucket === undefined) throw new Error("demo: no prod EU bucket");

function storageQueries(name: string) {
  return [
    {
      Id: "size",
      MetricStat: {
        Metric: {
          Namespace: "AWS/S3",
          MetricName: "BucketSizeBytes",
          Dimensions: [
            { Name: "BucketName", Value: name },
            { Name: "StorageType", Value: "StandardStorage" },
          ],
        },
        Period: 86_400,
        Stat: "Average",
      },
    },
    {
      Id: "objects",
      MetricStat: {
        Metric: {
          Namespace: "AWS/S3",
          MetricName: "NumberOfObjects",
          Dimensions: [
            { Name: "StorageType", Value: "AllStorageTypes" },
            { Name: "BucketName", Value: name },
          ],
        },
        Period: 86_400,
        Stat: "Average",
      },
    },
  ];
}

describe("CloudWatch GetMetricData for S3 storage metrics", () => {
  const call = callerFor(sandboxOf(estate), "demo-prod");
  const window = { StartTime: new Date(NOW.getTime() - 3 * DAY), EndTime: NOW };

  it("answers the bucket's size and object count, one daily datapoint at 00:00 UTC, newest first", async () => {
    const out = await call(
      "cloudwatch",
      "GetMetricData",
      { MetricDataQueries: storageQueries(bucket.name), ...window },
      "eu-west-1",
    );
    const [size, objects] = out.MetricDataResults as MetricDataResult[];
    expect(size).toMatchObject({ Id: "size", Label: "BucketSizeBytes", StatusCode: "Complete" });
    expect(size?.Timestamps?.map((t) => t.toISOString())).toEqual([
      "2026-10-31T00:00:00.000Z",
      "2026-10-30T00:00:00.000Z",
      "2026-10-29T00:00:00.000Z",
    ]);
    expect(size?.Values).toEqual([bucket.sizeBytes, bucket.sizeBytes, bucket.sizeBytes]);
    expect(objects?.Values?.[0]).toBe(bucket.objectCount);
    expect(bucket.sizeBytes).toBeGreaterThan(0);
  });

  it("has no datapoints outside the bucket's region, for another StorageType, or after the clock", async () => {
    const elsewhere = await call(
      "cloudwatch",
      "GetMetricData",
      { MetricDataQueries: storageQueries(bucket.name), ...window },
      "us-east-1",
    );
    expect((elsewhere.MetricDataResults as MetricDataResult[]).map((r) => r.Values)).toEqual([[], []]);
    const queries = storageQueries(bucket.name);
    const [first] = queries;
    if (first?.MetricStat.Metric.Dimensions[1])
      first.MetricStat.Metric.Dimensions[1].Value = "GlacierStorage";
    const glacier = await call(
      "cloudwatch",
      "GetMetricData",
      { MetricDataQueries: queries, ...window },
      "eu-west-1",
    );
    expect((glacier.MetricDataResults as MetricDataResult[])[0]?.Values).toEqual([]);
    const future = await call(
      "cloudwatch",
      "GetMetricData",
      {
        MetricDataQueries: storageQueries(bucket.name),
        StartTime: new Date(NOW.getTime() + DAY),
        EndTime: new Date(NOW.getTime() + 3 * DAY),
      },
      "eu-west-1",
    );
    expect((future.MetricDataResults as MetricDataResult[])[0]?.Values).toEqual([]);
  });

  it("aggregates into longer periods (Sum adds the daily samples) and scans ascending on request", async () => {
    const queries = storageQueries(bucket.name).map((q) => ({
      ...q,
      MetricStat: { ...q.MetricStat, Period: 7 * 86_400, Stat: "SampleCount" },
    }));
    const out = await call(
      "cloudwatch",
      "GetMetricData",
      {
        MetricDataQueries: queries,
        StartTime: new Date(NOW.getTime() - 14 * DAY),
        EndTime: NOW,
        ScanBy: "TimestampAscending",
      },
      "eu-west-1",
    );
    const [size] = out.MetricDataResults as MetricDataResult[];
    expect(size?.Values).toEqual([7, 7]);
    expect(size?.Timestamps?.[0]?.getTime()).toBeLessThan(size?.Timestamps?.[1]?.getTime() ?? 0);
  });

  it("refuses bad ids, bad periods, an inverted window, metric math and tokens it never issued", async () => {
    const bad = (queries: unknown, extra: Record<string, unknown> = {}) =>
      call("cloudwatch", "GetMetricData", { MetricDataQueries: queries, ...window, ...extra }, "eu-west-1");
    const [q] = storageQueries(bucket.name);
    await expectAwsError(bad([{ ...q, Id: "Size" }]), "ValidationError");
    await expectAwsError(
      bad([{ ...q, MetricStat: { ...q?.MetricStat, Period: 90 } }]),
      "InvalidParameterValue",
    );
    await expectAwsError(bad([{ Id: "m", Expression: "SUM(METRICS())" }]), "InvalidParameterValue");
    await expectAwsError(bad([q], { StartTime: NOW, EndTime: window.StartTime }), "InvalidParameterValue");
    await expectAwsError(bad([q], { NextToken: "x" }), "InvalidNextToken");
    await expectAwsError(bad([]), "ValidationError");
  });
});

describe("CloudWatch GetMetricStatistics and ListMetrics", () => {
  const call = callerFor(sandboxOf(estate, { pageSize: 2 }), "demo-prod");

  it("answers the same storage metric as datapoints with the requested statistics and its unit", async () => {
    const out = await call(
      "cloudwatch",
      "GetMetricStatistics",
      {
        Namespace: "AWS/S3",
        MetricName: "NumberOfObjects",
        Dimensions: [
          { Name: "BucketName", Value: bucket.name },
          { Name: "StorageType", Value: "AllStorageTypes" },
        ],
        StartTime: new Date(NOW.getTime() - 2 * DAY),
        EndTime: NOW,
        Period: 86_400,
        Statistics: ["Average", "Maximum"],
      },
      "eu-west-1",
    );
    expect(out.Label).toBe("NumberOfObjects");
    expect(out.Datapoints).toHaveLength(2);
    expect(out.Datapoints).toContainEqual({
      Timestamp: new Date("2026-10-31T00:00:00.000Z"),
      Unit: "Count",
      Average: bucket.objectCount,
      Maximum: bucket.objectCount,
    });
  });

  it("refuses more than 1440 datapoints and a call without statistics", async () => {
    const base = { Namespace: "AWS/S3", MetricName: "NumberOfObjects", EndTime: NOW, Period: 60 };
    await expectAwsError(
      call("cloudwatch", "GetMetricStatistics", {
        ...base,
        StartTime: new Date(NOW.getTime() - 2 * DAY),
        Statistics: ["Sum"],
      }),
      "InvalidParameterCombination",
    );
    await expectAwsError(
      call("cloudwatch", "GetMetricStatistics", { ...base, StartTime: new Date(NOW.getTime() - 3_600_000) }),
      "InvalidParameterCombination",
    );
  });

  it("ListMetrics pages the region's metrics exactly once and filters by dimension", async () => {
    const items: { MetricName: string; Dimensions: { Name: string; Value: string }[] }[] = [];
    let token: string | undefined;
    do {
      const out = await call(
        "cloudwatch",
        "ListMetrics",
        { Namespace: "AWS/S3", ...(token === undefined ? {} : { NextToken: token }) },
        "eu-west-1",
      );
      items.push(...(out.Metrics as typeof items));
      token = out.NextToken as string | undefined;
    } while (token !== undefined);
    const euBuckets =
      estate.accounts[4]?.buckets.filter((b) => b.region === "eu-west-1" && (b.objectCount ?? 0) > 0) ?? [];
    expect(items).toHaveLength(euBuckets.length * 2);
    const one = await call(
      "cloudwatch",
      "ListMetrics",
      { Dimensions: [{ Name: "BucketName", Value: bucket.name }], MetricName: "BucketSizeBytes" },
      "eu-west-1",
    );
    expect(one.Metrics).toEqual([
      {
        Namespace: "AWS/S3",
        MetricName: "BucketSizeBytes",
        Dimensions: [
          { Name: "BucketName", Value: bucket.name },
          { Name: "StorageType", Value: "StandardStorage" },
        ],
      },
    ]);
  });

  it("answers an ALB's daily RequestCount, and nothing for the idle one", async () => {
    const stg = callerFor(sandboxOf(estate), "demo-staging");
    const lbs = estate.accounts[3]?.regions["us-east-1"]?.loadBalancers ?? [];
    const busy = lbs.find((lb) => lb.requestCountLast7Days > 0);
    const idle = lbs.find((lb) => lb.requestCountLast7Days === 0);
    const sum = async (arn: string | undefined) => {
      const out = await stg("cloudwatch", "GetMetricStatistics", {
        Namespace: "AWS/ApplicationELB",
        MetricName: "RequestCount",
        Dimensions: [{ Name: "LoadBalancer", Value: arn?.split(":loadbalancer/")[1] }],
        StartTime: new Date(NOW.getTime() - 7 * DAY),
        EndTime: NOW,
        Period: 7 * 86_400,
        Statistics: ["Sum"],
      });
      return (out.Datapoints as { Sum: number }[]).map((d) => d.Sum);
    };
    expect(await sum(busy?.arn)).toEqual([busy?.requestCountLast7Days]);
    expect(await sum(idle?.arn)).toEqual([]);
  });
});
