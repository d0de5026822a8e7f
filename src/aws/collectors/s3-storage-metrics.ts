/**
 * How big each bucket is and how many objects it holds, from the daily S3 storage metrics in
 * CloudWatch (AWS/S3 BucketSizeBytes for StandardStorage, NumberOfObjects for all storage
 * types), read in the buckets' own region. Two queries per bucket, up to 500 queries per
 * GetMetricData call. A bucket without datapoints (new, empty, or metrics not yet published)
 * has null figures.
 */
import { paginateGetMetricData, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { ClientFactory } from "../clients.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, type CollectScope } from "./collect-scope.js";
import { batchesOf } from "./pages.js";

export interface BucketStorage {
  /** Bytes in the Standard storage class, or null when CloudWatch has no datapoint. */
  sizeBytes: number | null;
  /** Objects in all storage classes, or null when CloudWatch has no datapoint. */
  objectCount: number | null;
}

/** GetMetricData takes at most 500 queries; each bucket needs two. */
const BUCKETS_PER_CALL = 250;
const DAY_SECONDS = 86_400;
/** S3 publishes the daily figures with a delay of up to two days: look back far enough to find one. */
const LOOKBACK_DAYS = 4;

function query(id: string, bucket: string, metric: string, storageType: string): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: "AWS/S3",
        MetricName: metric,
        Dimensions: [
          { Name: "BucketName", Value: bucket },
          { Name: "StorageType", Value: storageType },
        ],
      },
      Period: DAY_SECONDS,
      Stat: "Average",
    },
  };
}

/** The latest storage figures of each named bucket of `scope.region` (every bucket gets an entry). */
export async function readBucketStorage(
  factory: ClientFactory,
  scope: CollectScope,
  buckets: readonly string[],
  now: Date,
): Promise<Map<string, BucketStorage>> {
  const client = await factory.cloudwatch(scope.region);
  const end = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const start = new Date(end.getTime() - LOOKBACK_DAYS * DAY_SECONDS * 1000);
  const storage = new Map<string, BucketStorage>(
    buckets.map((b) => [b, { sizeBytes: null, objectCount: null }]),
  );

  for (const batch of batchesOf(buckets, BUCKETS_PER_CALL)) {
    const queries = batch.flatMap((bucket, i) => [
      query(`size${i}`, bucket, "BucketSizeBytes", "StandardStorage"),
      query(`objects${i}`, bucket, "NumberOfObjects", "AllStorageTypes"),
    ]);
    // The latest datapoint of each query across pages (a query's datapoints may span pages).
    const latest = new Map<string, { at: number; value: number }>();
    await withAwsErrors(callSite(scope, "cloudwatch:GetMetricData"), async () => {
      const pages = paginateGetMetricData(
        { client, stopOnSameToken: true },
        { MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: "TimestampDescending" },
      );
      for await (const page of pages) {
        for (const result of page.MetricDataResults ?? []) {
          const id = result.Id;
          if (id === undefined) continue;
          (result.Timestamps ?? []).forEach((timestamp, j) => {
            const value = result.Values?.[j];
            const at = new Date(timestamp).getTime();
            if (value === undefined || Number.isNaN(at)) return;
            const seen = latest.get(id);
            if (seen === undefined || at > seen.at) latest.set(id, { at, value });
          });
        }
      }
    });
    batch.forEach((bucket, i) => {
      storage.set(bucket, {
        sizeBytes: latest.get(`size${i}`)?.value ?? null,
        objectCount: latest.get(`objects${i}`)?.value ?? null,
      });
    });
  }
  return storage;
}
