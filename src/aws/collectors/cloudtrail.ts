/**
 * CloudTrail trails → ResourceRecord. DescribeTrails (not paginated) answers a region's own
 * trails and the shadows of multi-region trails whose home is elsewhere; each trail is kept
 * only in its home region, so a multi-region trail appears once. Whether it is logging comes
 * from GetTrailStatus; tags from ListTags (at most 20 trails per call).
 *
 * An organization trail seen from a member account belongs to the management account: it is
 * that account's resource and is left out of the member's inventory.
 */
import {
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  paginateListTags,
  type GetTrailStatusResponse,
  type Trail,
} from "@aws-sdk/client-cloudtrail";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { accountOfArn } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, type CollectScope } from "./collect-scope.js";
import { batchesOf, itemsFromPages, mapConcurrently, PER_RESOURCE_CONCURRENCY } from "./pages.js";
import { isoDate, tagMap } from "./tags.js";

/** ListTags takes at most 20 resources. */
const TAGS_BATCH = 20;

export async function collectTrails(factory: ClientFactory, scope: CollectScope): Promise<ResourceRecord[]> {
  const client = await factory.cloudtrail(scope.region);
  const described = await withAwsErrors(callSite(scope, "cloudtrail:DescribeTrails"), () =>
    client.send(new DescribeTrailsCommand({ includeShadowTrails: true })),
  );
  const trails = (described.trailList ?? []).filter(
    (t): t is Trail & { TrailARN: string } =>
      t.TrailARN !== undefined &&
      (t.HomeRegion ?? scope.region) === scope.region &&
      (accountOfArn(t.TrailARN) ?? scope.account) === scope.account,
  );

  const tags = new Map<string, Record<string, string>>();
  for (const batch of batchesOf(
    trails.map((t) => t.TrailARN),
    TAGS_BATCH,
  )) {
    const listed = await withAwsErrors(callSite(scope, "cloudtrail:ListTags"), () =>
      itemsFromPages(
        paginateListTags({ client, stopOnSameToken: true }, { ResourceIdList: batch }),
        (p) => p.ResourceTagList,
      ),
    );
    for (const r of listed) if (r.ResourceId !== undefined) tags.set(r.ResourceId, tagMap(r.TagsList));
  }

  return mapConcurrently(trails, PER_RESOURCE_CONCURRENCY, async (trail) => {
    const status = await withAwsErrors(callSite(scope, "cloudtrail:GetTrailStatus"), () =>
      client.send(new GetTrailStatusCommand({ Name: trail.TrailARN })),
    );
    return trailRecord(trail, trail.TrailARN, status, tags.get(trail.TrailARN) ?? {}, scope);
  });
}

function trailRecord(
  trail: Trail,
  arn: string,
  status: GetTrailStatusResponse,
  tags: Record<string, string>,
  scope: CollectScope,
): ResourceRecord {
  return {
    service: "cloudtrail",
    type: "trail",
    id: arn,
    arn,
    name: trail.Name,
    account: scope.account,
    region: scope.region,
    // Trails have no lifecycle state: whether one is logging is the `isLogging` attribute.
    state: undefined,
    tags,
    attributes: {
      isLogging: status.IsLogging ?? null,
      isMultiRegion: trail.IsMultiRegionTrail ?? null,
      isOrganizationTrail: trail.IsOrganizationTrail ?? null,
      homeRegion: trail.HomeRegion ?? scope.region,
      s3BucketName: trail.S3BucketName ?? null,
      hasLogFileValidation: trail.LogFileValidationEnabled ?? null,
      hasGlobalServiceEvents: trail.IncludeGlobalServiceEvents ?? null,
      kmsKeyId: trail.KmsKeyId ?? null,
      cloudWatchLogsLogGroupArn: trail.CloudWatchLogsLogGroupArn ?? null,
      latestDeliveryTime: isoDate(status.LatestDeliveryTime),
      latestDeliveryError:
        status.LatestDeliveryError === undefined || status.LatestDeliveryError === ""
          ? null
          : status.LatestDeliveryError,
    },
  };
}
