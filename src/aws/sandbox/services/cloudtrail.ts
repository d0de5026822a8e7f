/**
 * CloudTrail: DescribeTrails, GetTrailStatus, ListTrails, ListTags; LookupEvents is in
 * cloudtrail-events.ts.
 *
 * A trail lives in its home region. As in AWS, a multi-region trail also shows in the
 * account's other regions as a "shadow" (same ARN, another HomeRegion), and an organization
 * trail of the management account shows in every member account; DescribeTrails includes
 * shadows unless `includeShadowTrails` is false.
 */
import type {
  DescribeTrailsRequest,
  DescribeTrailsResponse,
  GetTrailStatusRequest,
  GetTrailStatusResponse,
  ListTagsRequest,
  ListTagsResponse,
  ListTrailsRequest,
  ListTrailsResponse,
  Trail,
} from "@aws-sdk/client-cloudtrail";
import type { EstateAccount, EstateTrail } from "../estate.js";
import { awsError } from "../errors.js";
import { CLOUDTRAIL_EVENT_HANDLERS } from "./cloudtrail-events.js";
import { pageFrom } from "../paging.js";
import { op, tagList, toDate, type Handler, type ServiceContext } from "./context.js";

interface PlacedTrail {
  trail: EstateTrail;
  owner: EstateAccount;
  homeRegion: string;
}

function trailsOf(account: EstateAccount): PlacedTrail[] {
  return Object.entries(account.regions).flatMap(([homeRegion, r]) =>
    r.trails.map((trail) => ({ trail, owner: account, homeRegion })),
  );
}

/** The account's own trails and, for a member account, the organization trails of the management account. */
function accessibleTrails(ctx: ServiceContext): PlacedTrail[] {
  const own = trailsOf(ctx.account);
  const managementId = ctx.estate.organization?.managementAccountId;
  if (managementId === undefined || managementId === ctx.account.id) return own;
  const management = ctx.estate.accounts.find((a) => a.id === managementId);
  const organizationTrails =
    management === undefined ? [] : trailsOf(management).filter((t) => t.trail.isOrganizationTrail);
  return [...own, ...organizationTrails];
}

/** The trails DescribeTrails shows in the client's region: home ones, and shadows when asked. */
function visibleTrails(ctx: ServiceContext, includeShadows: boolean): PlacedTrail[] {
  return accessibleTrails(ctx).filter(
    (t) =>
      (t.homeRegion === ctx.region && t.owner.id === ctx.account.id) ||
      (includeShadows && (t.trail.isMultiRegion || t.homeRegion === ctx.region)),
  );
}

function trailOutput(t: PlacedTrail): Trail {
  return {
    Name: t.trail.name,
    S3BucketName: t.trail.s3BucketName,
    IncludeGlobalServiceEvents: true,
    IsMultiRegionTrail: t.trail.isMultiRegion,
    HomeRegion: t.homeRegion,
    TrailARN: t.trail.arn,
    LogFileValidationEnabled: t.trail.logFileValidation,
    ...(t.trail.kmsKeyId === undefined ? {} : { KmsKeyId: t.trail.kmsKeyId }),
    HasCustomEventSelectors: false,
    HasInsightSelectors: false,
    IsOrganizationTrail: t.trail.isOrganizationTrail,
  };
}

/**
 * A trail named by ARN (any visible trail), or by name (a trail of the account whose home is
 * the client's region: a member account must name the organization trail by its ARN, as
 * CloudTrail requires).
 */
function matches(ctx: ServiceContext, t: PlacedTrail, nameOrArn: string): boolean {
  return nameOrArn.startsWith("arn:")
    ? t.trail.arn === nameOrArn
    : t.trail.name === nameOrArn && t.homeRegion === ctx.region && t.owner.id === ctx.account.id;
}

function describeTrails(ctx: ServiceContext, input: DescribeTrailsRequest): DescribeTrailsResponse {
  const visible = visibleTrails(ctx, input.includeShadowTrails !== false);
  const names = input.trailNameList ?? [];
  // Names that match no trail are left out, without an error, as CloudTrail does.
  const selected =
    names.length === 0 ? visible : visible.filter((t) => names.some((n) => matches(ctx, t, n)));
  return { trailList: selected.map(trailOutput) };
}

function getTrailStatus(ctx: ServiceContext, input: GetTrailStatusRequest): GetTrailStatusResponse {
  const name = input.Name ?? "";
  const found = visibleTrails(ctx, true).find((t) => matches(ctx, t, name));
  if (found === undefined) {
    throw awsError("TrailNotFoundException", `Unknown trail: ${name} for the user: ${ctx.account.id}`);
  }
  const { trail, owner } = found;
  const started = toDate(owner.joinedAt);
  const delivered = trail.latestDeliveryAt === undefined ? undefined : toDate(trail.latestDeliveryAt);
  return {
    IsLogging: trail.isLogging,
    ...(delivered === undefined
      ? {}
      : {
          LatestDeliveryTime: delivered,
          LatestDigestDeliveryTime: delivered,
          LatestDeliveryAttemptTime: delivered.toISOString(),
          LatestDeliveryAttemptSucceeded: delivered.toISOString(),
        }),
    StartLoggingTime: started,
    TimeLoggingStarted: started.toISOString(),
    // A stopped trail stopped right after its last delivery.
    ...(trail.isLogging || delivered === undefined
      ? {}
      : { StopLoggingTime: delivered, TimeLoggingStopped: delivered.toISOString() }),
    LatestNotificationAttemptTime: "",
    LatestNotificationAttemptSucceeded: "",
  };
}

function listTrails(ctx: ServiceContext, input: ListTrailsRequest): ListTrailsResponse {
  const page = pageFrom(ctx.action, accessibleTrails(ctx), input.NextToken, ctx.pageSize, () =>
    awsError("InvalidNextTokenException", "Invalid next token."),
  );
  return {
    Trails: page.items.map((t) => ({ TrailARN: t.trail.arn, Name: t.trail.name, HomeRegion: t.homeRegion })),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}

/**
 * ListTags: the tags of up to 20 trails, by ARN (a trail the account sees). A malformed ARN is
 * CloudTrailARNInvalidException, an unknown one ResourceNotFoundException. One page.
 */
function listTags(ctx: ServiceContext, input: ListTagsRequest): ListTagsResponse {
  const arns = input.ResourceIdList ?? [];
  if (arns.length === 0 || arns.length > 20) {
    throw awsError("InvalidParameterException", "ResourceIdList must hold between 1 and 20 ARNs.");
  }
  if (input.NextToken !== undefined) throw awsError("InvalidTokenException", "Invalid token.");
  const visible = accessibleTrails(ctx);
  return {
    ResourceTagList: arns.map((arn) => {
      if (!/^arn:aws:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[\w.-]+$/.test(arn)) {
        throw awsError("CloudTrailARNInvalidException", `${arn} is not a valid CloudTrail ARN.`);
      }
      const found = visible.find((t) => t.trail.arn === arn);
      if (found === undefined) throw awsError("ResourceNotFoundException", `Resource ${arn} not found.`);
      return { ResourceId: arn, TagsList: tagList(found.trail.tags) };
    }),
  };
}

export const CLOUDTRAIL_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeTrails: op(describeTrails),
  GetTrailStatus: op(getTrailStatus),
  ListTrails: op(listTrails),
  ListTags: op(listTags),
  ...CLOUDTRAIL_EVENT_HANDLERS,
};
