/**
 * CloudTrail LookupEvents: the management events of the account's region (`regions.<r>.events`),
 * newest first, as CloudTrail's event history answers them: at most one LookupAttribute,
 * StartTime/EndTime (inclusive), MaxResults 1–50 (default 50), NextToken, EventCategory
 * (`insight` only: no Insights events are simulated, so an empty answer). Each event carries
 * the CloudTrail record as JSON text (`CloudTrailEvent`), with the userIdentity CloudTrail
 * writes for its principal.
 *
 * The history reaches back 90 days before the estate's `capturedAt` (its events are relative to
 * it, whatever the sandbox's clock says); the default EndTime is the later of the two.
 */
import type {
  Event,
  LookupAttribute,
  LookupEventsRequest,
  LookupEventsResponse,
} from "@aws-sdk/client-cloudtrail";
import type { EstateTrailEvent } from "../estate.js";
import { awsError } from "../errors.js";
import { pageFrom } from "../paging.js";
import { op, regionOf, type ServiceContext } from "./context.js";

const HISTORY_MS = 90 * 86_400_000;
const MAX_RESULTS = 50;

const ATTRIBUTES: Readonly<Record<string, (e: EstateTrailEvent) => readonly string[]>> = {
  EventId: (e) => [e.eventId],
  EventName: (e) => [e.eventName],
  ReadOnly: (e) => [String(e.readOnly)],
  Username: (e) => [e.username],
  ResourceType: (e) => e.resources.map((r) => r.type),
  ResourceName: (e) => e.resources.map((r) => r.name),
  EventSource: (e) => [e.eventSource],
  AccessKeyId: (e) => (e.accessKeyId === undefined ? [] : [e.accessKeyId]),
};

type IdentityType = NonNullable<EstateTrailEvent["identityType"]>;

function identityTypeOf(e: EstateTrailEvent): IdentityType {
  if (e.identityType !== undefined) return e.identityType;
  const arn = e.principalArn;
  if (/^arn:aws:iam::\d{12}:root$/.test(arn)) return "Root";
  if (arn.includes(":assumed-role/")) return "AssumedRole";
  if (arn.includes(":federated-user/")) return "FederatedUser";
  if (arn.endsWith(".amazonaws.com")) return "AWSService";
  return "IAMUser";
}

/** A stable IAM unique id (`AIDA…`, `AROA…`) for a principal, as IAM makes them: 21 characters. */
function uniqueId(prefix: string, of: string): string {
  let h = 2166136261;
  let out = "";
  for (let round = 0; out.length < 17; round++) {
    for (const c of `${round}:${of}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(36).toUpperCase();
  }
  return prefix + out.slice(0, 17);
}

function userIdentity(e: EstateTrailEvent, accountId: string): Record<string, unknown> {
  const type = identityTypeOf(e);
  const key = e.accessKeyId === undefined ? {} : { accessKeyId: e.accessKeyId };
  switch (type) {
    case "AWSService":
      return { type, invokedBy: e.principalArn };
    case "Root":
      return { type, principalId: accountId, arn: e.principalArn, accountId, ...key };
    case "AssumedRole": {
      const [, path = ""] = e.principalArn.split(":assumed-role/");
      const [role = "", session = ""] = path.split("/");
      const roleId = uniqueId("AROA", `${accountId}:${role}`);
      return {
        type,
        principalId: `${roleId}:${session}`,
        arn: e.principalArn,
        accountId,
        ...key,
        sessionContext: {
          sessionIssuer: {
            type: "Role",
            principalId: roleId,
            arn: `arn:aws:iam::${accountId}:role/${role}`,
            accountId,
            userName: role,
          },
          attributes: { creationDate: e.eventTime.replace(/\.\d{3}Z$/, "Z"), mfaAuthenticated: "false" },
        },
      };
    }
    default:
      return {
        type,
        principalId: uniqueId(type === "IAMUser" ? "AIDA" : "AIDF", e.principalArn),
        arn: e.principalArn,
        accountId,
        ...key,
        userName: e.username,
      };
  }
}

/** The CloudTrail record of an event (CloudTrail's JSON, eventVersion 1.09). */
function record(e: EstateTrailEvent, accountId: string, region: string): string {
  const isSignIn = e.eventSource === "signin.amazonaws.com";
  return JSON.stringify({
    eventVersion: "1.09",
    userIdentity: userIdentity(e, accountId),
    eventTime: e.eventTime.replace(/\.\d{3}Z$/, "Z"),
    eventSource: e.eventSource,
    eventName: e.eventName,
    awsRegion: region,
    sourceIPAddress: identityTypeOf(e) === "AWSService" ? e.principalArn : e.sourceIp,
    userAgent: identityTypeOf(e) === "AWSService" ? e.principalArn : e.userAgent,
    ...(e.errorCode === undefined ? {} : { errorCode: e.errorCode }),
    ...(e.errorMessage === undefined ? {} : { errorMessage: e.errorMessage }),
    requestParameters: e.requestParameters ?? null,
    responseElements: e.responseElements ?? null,
    ...(e.additionalEventData === undefined ? {} : { additionalEventData: e.additionalEventData }),
    requestID: uniqueId("", `req:${e.eventId}`).toLowerCase(),
    eventID: e.eventId,
    readOnly: e.readOnly,
    eventType: isSignIn
      ? "AwsConsoleSignIn"
      : identityTypeOf(e) === "AWSService"
        ? "AwsServiceEvent"
        : "AwsApiCall",
    managementEvent: true,
    recipientAccountId: accountId,
    eventCategory: "Management",
  });
}

function eventOutput(e: EstateTrailEvent, accountId: string, region: string): Event {
  return {
    EventId: e.eventId,
    EventName: e.eventName,
    ReadOnly: String(e.readOnly),
    ...(e.accessKeyId === undefined ? {} : { AccessKeyId: e.accessKeyId }),
    EventTime: new Date(e.eventTime),
    EventSource: e.eventSource,
    Username: e.username,
    Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
    CloudTrailEvent: record(e, accountId, region),
  };
}

function timeOf(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : new Date(String(value)).getTime();
  if (Number.isNaN(ms)) throw awsError("InvalidTimeRangeException", `${name} is not a valid time.`);
  return ms;
}

function matcherOf(attributes: readonly LookupAttribute[] | undefined): (e: EstateTrailEvent) => boolean {
  if (attributes === undefined || attributes.length === 0) return () => true;
  if (attributes.length > 1) {
    throw awsError("InvalidLookupAttributesException", "You can specify only one lookup attribute.");
  }
  const [attribute] = attributes as [LookupAttribute];
  const valuesOf = ATTRIBUTES[attribute.AttributeKey ?? ""];
  if (valuesOf === undefined || attribute.AttributeValue === undefined || attribute.AttributeValue === "") {
    throw awsError(
      "InvalidLookupAttributesException",
      `Lookup attribute ${attribute.AttributeKey ?? ""} is not valid: give one of ${Object.keys(ATTRIBUTES).join(", ")} and a value.`,
    );
  }
  const wanted = attribute.AttributeValue;
  return (e) => valuesOf(e).includes(wanted);
}

function lookupEvents(ctx: ServiceContext, input: LookupEventsRequest): LookupEventsResponse {
  const max = input.MaxResults;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > MAX_RESULTS)) {
    throw awsError("InvalidMaxResultsException", "Value for MaxResults must be between 1 and 50.");
  }
  if (input.EventCategory !== undefined && input.EventCategory !== "insight") {
    throw awsError(
      "InvalidEventCategoryException",
      `Event category ${String(input.EventCategory)} is not valid.`,
    );
  }
  const matches = matcherOf(input.LookupAttributes);
  const capturedAt = Date.parse(ctx.estate.capturedAt);
  const oldest = capturedAt - HISTORY_MS;
  const given = timeOf(input.StartTime, "StartTime");
  const end = timeOf(input.EndTime, "EndTime") ?? Math.max(ctx.now().getTime(), capturedAt);
  if (given !== undefined && given > end) {
    throw awsError("InvalidTimeRangeException", "Start time must be before end time.");
  }
  const start = Math.max(given ?? oldest, oldest);
  const selected =
    input.EventCategory === "insight"
      ? []
      : regionOf(ctx)
          .events.filter((e) => {
            const at = Date.parse(e.eventTime);
            return at >= start && at <= end && matches(e);
          })
          .sort((a, b) =>
            a.eventTime > b.eventTime ? -1 : a.eventTime < b.eventTime ? 1 : a.eventId < b.eventId ? -1 : 1,
          );
  const page = pageFrom(ctx.action, selected, input.NextToken, max ?? MAX_RESULTS, () =>
    awsError("InvalidNextTokenException", "Invalid NextToken."),
  );
  return {
    Events: page.items.map((e) => eventOutput(e, ctx.account.id, ctx.region)),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}

export const CLOUDTRAIL_EVENT_HANDLERS = {
  LookupEvents: op(lookupEvents),
};
