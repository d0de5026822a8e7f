/**
 * CloudTrail LookupEvents → ChangeEventRecord: the management events of one account and region
 * between two moments, page by page (50 a page, the most LookupEvents gives), writes only
 * unless reads are asked for (the one LookupAttribute, `ReadOnly=false`). The CloudTrail
 * record (`CloudTrailEvent`, JSON text) gives the principal, source IP, error and the console
 * sign-in's MFA and outcome; an event without one (an emulator's) keeps what LookupEvents says.
 *
 * LookupEvents allows about 2 calls per second per account and region: the client factory's
 * rate limiter paces the pages (configuration `rateLimits.actions["cloudtrail:LookupEvents"]`).
 */
import { LookupEventsCommand, type Event, type LookupEventsCommandOutput } from "@aws-sdk/client-cloudtrail";
import type {
  ChangeEventRecord,
  ChangePrincipal,
  JsonValue,
  PrincipalType,
} from "../../core/changes/change-event.js";
import { keptRequestParameters } from "../../core/changes/unusual.js";
import { AwsCallError } from "../../core/errors.js";
import type { ClientFactory } from "../clients.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, type CollectScope } from "./collect-scope.js";

export interface LookupWindow {
  startTime: Date;
  endTime: Date;
  includeReads: boolean;
  /** Called after each page, with the page's number of events. */
  onPage?: (events: number) => void;
}

export interface CollectedChangeEvents {
  events: ChangeEventRecord[];
  pages: number;
}

type Json = { [key: string]: JsonValue };

function objectOf(value: unknown): Json | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

const TYPES: Readonly<Record<string, PrincipalType>> = {
  Root: "root",
  IAMUser: "iam-user",
  AssumedRole: "assumed-role",
  FederatedUser: "federated-user",
  AWSService: "aws-service",
};

function principalOf(
  identity: Json | undefined,
  username: string | undefined,
  account: string,
): ChangePrincipal {
  const type = TYPES[text(identity?.["type"]) ?? ""] ?? (identity === undefined ? "iam-user" : "other");
  const arn = text(identity?.["arn"]);
  switch (type) {
    case "aws-service": {
      const service = text(identity?.["invokedBy"]) ?? username ?? "aws-service";
      return { type, id: service, name: service };
    }
    case "root":
      return { type, id: arn ?? `arn:aws:iam::${account}:root`, name: "root" };
    case "assumed-role": {
      const issuer = objectOf(objectOf(identity?.["sessionContext"])?.["sessionIssuer"]);
      const path = arn?.split(":assumed-role/")[1] ?? "";
      const role = text(issuer?.["userName"]) ?? path.split("/")[0] ?? "";
      const session = path.split("/").slice(1).join("/") || (username ?? "");
      const roleArn = text(issuer?.["arn"]) ?? `arn:aws:iam::${account}:role/${role}`;
      return { type, id: arn ?? `${roleArn}/${session}`, name: `${role}/${session}`, roleArn };
    }
    default: {
      const name = text(identity?.["userName"]) ?? username ?? arn ?? "unknown";
      return { type, id: arn ?? `arn:aws:iam::${account}:user/${name}`, name };
    }
  }
}

function toRecord(e: Event, scope: CollectScope): ChangeEventRecord | undefined {
  if (e.EventId === undefined || e.EventName === undefined || e.EventTime === undefined) return undefined;
  let detail: Json | undefined;
  if (e.CloudTrailEvent !== undefined) {
    try {
      detail = objectOf(JSON.parse(e.CloudTrailEvent));
    } catch {
      detail = undefined;
    }
  }
  const identity = objectOf(detail?.["userIdentity"]);
  const extra = objectOf(detail?.["additionalEventData"]);
  const response = objectOf(detail?.["responseElements"]);
  const mfa = text(extra?.["MFAUsed"]);
  const consoleLogin = text(response?.["ConsoleLogin"]);
  const errorCode = text(detail?.["errorCode"]);
  const errorMessage = text(detail?.["errorMessage"]);
  // Only what the detections read: nothing else a call carried is kept.
  const params = keptRequestParameters(detail?.["requestParameters"]);
  const accessKeyId = e.AccessKeyId ?? text(identity?.["accessKeyId"]);
  const sourceIp = text(detail?.["sourceIPAddress"]);
  const userAgent = text(detail?.["userAgent"]);
  return {
    eventId: e.EventId,
    eventTime: e.EventTime.toISOString(),
    eventName: e.EventName,
    eventSource: e.EventSource ?? text(detail?.["eventSource"]) ?? "unknown",
    account: scope.account,
    region: text(detail?.["awsRegion"]) ?? scope.region,
    isReadOnly: e.ReadOnly === "true" || detail?.["readOnly"] === true,
    principal: principalOf(identity, e.Username, scope.account),
    ...(accessKeyId !== undefined && accessKeyId !== "" && { accessKeyId }),
    ...(sourceIp !== undefined && { sourceIp }),
    ...(userAgent !== undefined && { userAgent }),
    ...(errorCode !== undefined && { errorCode }),
    ...(errorMessage !== undefined && { errorMessage }),
    resources: (e.Resources ?? []).flatMap((r) =>
      r.ResourceName === undefined
        ? []
        : [{ ...(r.ResourceType !== undefined && { type: r.ResourceType }), name: r.ResourceName }],
    ),
    ...(mfa !== undefined && { isMfaUsed: mfa === "Yes" }),
    ...(consoleLogin !== undefined && { consoleLogin }),
    ...(params !== undefined && { requestParameters: params }),
  };
}

export async function collectChangeEvents(
  factory: ClientFactory,
  scope: CollectScope,
  window: LookupWindow,
): Promise<CollectedChangeEvents> {
  const client = await factory.cloudtrail(scope.region);
  const site = callSite(scope, "cloudtrail:LookupEvents");
  const events: ChangeEventRecord[] = [];
  let pages = 0;
  let token: string | undefined;
  try {
    do {
      const page: LookupEventsCommandOutput = await withAwsErrors(site, () =>
        client.send(
          new LookupEventsCommand({
            StartTime: window.startTime,
            EndTime: window.endTime,
            MaxResults: 50,
            ...(!window.includeReads && {
              LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "false" }],
            }),
            ...(token !== undefined && { NextToken: token }),
          }),
        ),
      );
      pages += 1;
      for (const e of page.Events ?? []) {
        const r = toRecord(e, scope);
        if (r !== undefined) events.push(r);
      }
      window.onPage?.(page.Events?.length ?? 0);
      // A token equal to the one sent would loop forever: an emulator's, not AWS's.
      token =
        page.NextToken !== undefined && page.NextToken !== "" && page.NextToken !== token
          ? page.NextToken
          : undefined;
    } while (token !== undefined);
  } catch (error) {
    if (error instanceof AwsCallError && /AccessDenied|UnauthorizedOperation/.test(error.awsName ?? "")) {
      throw new AwsCallError(
        {
          service: error.service,
          action: error.action,
          account: error.account,
          region: error.region,
          awsName: error.awsName,
        },
        `access denied: the caller may not read CloudTrail's event history (cloudtrail:LookupEvents) in account ${scope.account}, region ${scope.region} (${error.awsName ?? ""}).`,
        {
          hint: "Grant cloudtrail:LookupEvents to the profile's role (the AWS managed policies ReadOnlyAccess and AWSCloudTrail_ReadOnlyAccess include it), or leave the region out with --regions.",
          cause: error,
        },
      );
    }
    throw error;
  }
  return { events, pages };
}
