/**
 * S3 buckets → ResourceRecord. ListBuckets is global, so the buckets are listed once per
 * inventory (`listBucketLocations`) and each bucket is then reported in its own region only
 * (`collectBuckets`), so it appears exactly once whatever regions are selected.
 *
 * The bucket's region comes from ListBuckets' `BucketRegion`; endpoints that do not return it
 * (older emulators, moto) are asked GetBucketLocation, whose empty answer means us-east-1 and
 * whose legacy `EU` means eu-west-1. Tags come from GetBucketTagging (NoSuchTagSet: no tags).
 * Size and object count come from CloudWatch's daily storage metrics (s3-storage-metrics.ts).
 */
import {
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  paginateListBuckets,
  type Bucket,
} from "@aws-sdk/client-s3";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { s3BucketArn } from "./arn.js";
import { AwsCallError } from "../../core/errors.js";
import { toAwsCallError, withAwsErrors } from "./aws-errors.js";
import { pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { readBucketStorage, type BucketStorage } from "./s3-storage-metrics.js";
import { isoDate, tagMap } from "./tags.js";

/**
 * ListBuckets always gets MaxBuckets: without any parameter S3 answers the legacy listing,
 * which does not give each bucket's region (one GetBucketLocation per bucket instead).
 */
const DEFAULT_MAX_BUCKETS = 1000;

/** A bucket and the region it lives in. */
export interface BucketLocation {
  name: string;
  region: string;
  /** The ARN AWS returned, when it did. */
  arn: string | undefined;
  creationDate: string | null;
}

export interface BucketListingScope {
  account: string;
  /** Only buckets in these regions are kept. ListBuckets is sent to the first one. */
  regions: readonly string[];
  pageSize?: number;
}

/** List the account's buckets once and keep those in the selected regions, each with its region. */
export async function listBucketLocations(
  factory: ClientFactory,
  scope: BucketListingScope,
): Promise<BucketLocation[]> {
  const listRegion = scope.regions[0] ?? factory.defaultRegion;
  const client = await factory.s3(listRegion);
  const site = (action: string) => ({ service: "s3", action, account: scope.account, region: listRegion });
  const selected = new Set(scope.regions);

  const buckets = await withAwsErrors(site("s3:ListAllMyBuckets"), async () => {
    const found: Bucket[] = [];
    const only = scope.regions.length === 1 ? scope.regions[0] : undefined;
    const pages = paginateListBuckets(
      {
        client,
        pageSize: pageSizeWithin(scope.pageSize ?? DEFAULT_MAX_BUCKETS, 1, 10_000),
        stopOnSameToken: true,
      },
      only === undefined ? {} : { BucketRegion: only },
    );
    for await (const page of pages) found.push(...(page.Buckets ?? []));
    return found;
  });

  const located: BucketLocation[] = [];
  const seen = new Set<string>();
  for (const bucket of buckets) {
    const name = bucket.Name;
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    const region =
      bucket.BucketRegion ??
      (await withAwsErrors(site("s3:GetBucketLocation"), async () =>
        regionOfLocationConstraint(
          (await client.send(new GetBucketLocationCommand({ Bucket: name }))).LocationConstraint,
        ),
      ));
    if (selected.has(region)) {
      located.push({ name, region, arn: bucket.BucketArn, creationDate: isoDate(bucket.CreationDate) });
    }
  }
  return located;
}

/** GetBucketLocation's answer as a region code: none or "" is us-east-1, the legacy "EU" is eu-west-1. */
export function regionOfLocationConstraint(constraint: string | null | undefined): string {
  if (constraint === undefined || constraint === null || constraint === "") return "us-east-1";
  if (constraint === "EU") return "eu-west-1";
  return constraint;
}

export interface CollectBucketsOptions {
  /** The inventory's one listing (listBucketLocations); without it, the region's buckets are listed. */
  buckets?: readonly BucketLocation[];
  /** The moment the storage metrics are read up to; default: now. */
  now?: () => Date;
}

/**
 * The buckets of one region, with their tags, size and object count. When CloudWatch cannot
 * be read (e.g. cloudwatch:GetMetricData is not granted), the buckets are still reported:
 * without figures, and with the AWS error name in `storageMetricsError`.
 */
export async function collectBuckets(
  factory: ClientFactory,
  scope: CollectScope,
  options: CollectBucketsOptions = {},
): Promise<ResourceRecord[]> {
  const inRegion = (
    options.buckets ??
    (await listBucketLocations(factory, {
      account: scope.account,
      regions: [scope.region],
      pageSize: scope.pageSize,
    }))
  ).filter((b) => b.region === scope.region);
  const client = await factory.s3(scope.region);
  const site = { service: "s3", action: "s3:GetBucketTagging", account: scope.account, region: scope.region };

  const present: { bucket: BucketLocation; tags: Record<string, string> }[] = [];
  for (const bucket of inRegion) {
    const tags = await bucketTags(
      () => client.send(new GetBucketTaggingCommand({ Bucket: bucket.name })),
      site,
    );
    // A bucket deleted between the listing and now is gone: it is not part of the inventory.
    if (tags !== "gone") present.push({ bucket, tags });
  }
  if (present.length === 0) return [];

  const now = (options.now ?? (() => new Date()))();
  const storage = await storageOrError(() =>
    readBucketStorage(
      factory,
      scope,
      present.map((p) => p.bucket.name),
      now,
    ),
  );

  return present.map(({ bucket, tags }) => {
    const figures = storage instanceof Map ? storage.get(bucket.name) : undefined;
    return {
      service: "s3",
      type: "bucket",
      id: bucket.name,
      arn: bucket.arn ?? s3BucketArn(scope.region, bucket.name),
      name: bucket.name,
      account: scope.account,
      region: scope.region,
      state: undefined,
      tags,
      attributes: {
        creationDate: bucket.creationDate,
        sizeBytes: figures?.sizeBytes ?? null,
        objectCount: figures?.objectCount ?? null,
        ...(storage instanceof AwsCallError && { storageMetricsError: storage.awsName }),
      },
    };
  });
}

/** The storage figures, or the AWS error that kept them from being read (other errors propagate). */
async function storageOrError(
  read: () => Promise<Map<string, BucketStorage>>,
): Promise<Map<string, BucketStorage> | AwsCallError> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AwsCallError) return error;
    throw error;
  }
}

async function bucketTags(
  get: () => Promise<{ TagSet?: { Key?: string; Value?: string }[] | undefined }>,
  site: Parameters<typeof toAwsCallError>[1],
): Promise<Record<string, string> | "gone"> {
  try {
    const output = await get();
    return tagMap(output.TagSet);
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "NoSuchTagSet") return {};
    if (name === "NoSuchBucket") return "gone";
    throw toAwsCallError(error, site);
  }
}
