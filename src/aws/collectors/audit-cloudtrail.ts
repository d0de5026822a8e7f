/**
 * CloudTrail → audit records: the trails that apply to a region and have their home there
 * (DescribeTrails with shadow trails, so a member account sees the organization trail), each
 * with whether it is logging (GetTrailStatus, for the account's own trails; an organization
 * trail's status is its management account's to report).
 */
import { DescribeTrailsCommand, GetTrailStatusCommand, type Trail } from "@aws-sdk/client-cloudtrail";
import type { TrailRecord } from "../../core/audit/records.js";
import type { ClientFactory } from "../clients.js";
import { accountOfArn } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, type CollectScope } from "./collect-scope.js";
import { mapConcurrently, PER_RESOURCE_CONCURRENCY } from "./pages.js";

export async function collectTrailRecords(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<TrailRecord[]> {
  const client = await factory.cloudtrail(scope.region);
  const described = await withAwsErrors(callSite(scope, "cloudtrail:DescribeTrails"), () =>
    client.send(new DescribeTrailsCommand({ includeShadowTrails: true })),
  );
  const trails = (described.trailList ?? []).filter(
    (t): t is Trail & { TrailARN: string } =>
      t.TrailARN !== undefined && (t.HomeRegion ?? scope.region) === scope.region,
  );
  return mapConcurrently(trails, PER_RESOURCE_CONCURRENCY, async (t) => {
    const owner = accountOfArn(t.TrailARN) ?? scope.account;
    const status =
      owner === scope.account
        ? await withAwsErrors(callSite(scope, "cloudtrail:GetTrailStatus"), () =>
            client.send(new GetTrailStatusCommand({ Name: t.TrailARN })),
          )
        : undefined;
    return {
      kind: "trail" as const,
      account: scope.account,
      region: scope.region,
      id: t.TrailARN,
      arn: t.TrailARN,
      name: t.Name,
      tags: {},
      ownerAccount: owner,
      homeRegion: t.HomeRegion,
      isMultiRegion: t.IsMultiRegionTrail === true,
      isOrganizationTrail: t.IsOrganizationTrail === true,
      isLogging: status?.IsLogging,
      isLogFileValidationEnabled: t.LogFileValidationEnabled === true,
      kmsKeyId: t.KmsKeyId,
      s3BucketName: t.S3BucketName,
    };
  });
}
