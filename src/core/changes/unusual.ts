/**
 * Unusual activity in the window, each with a severity and the events behind it:
 *
 * - principal-based: root use; console sign-in without MFA; bursts of failed or access-denied
 *   calls; mass deletions; principals not seen in the baseline; write activity by people
 *   outside working hours;
 * - account-based: activity in a region the account did not use in the baseline;
 * - event-based (one per event): the security-relevant changes (SECURITY_KINDS).
 *
 * New principals and regions are told only against a baseline that has events in the account
 * (an empty baseline says nothing about what is normal). Root use is reported as root use only,
 * and AWS services are never new, unusual by region or outside working hours.
 */
import { matchGlob } from "../context/glob.js";
import type { Severity } from "../findings/severity.js";
import type { ChangesConfig, Weekday } from "../config/schema.js";
import {
  isAccessDenied,
  isFailed,
  type ChangeEventRecord,
  type ChangePrincipal,
  type JsonValue,
} from "./change-event.js";
import { isDeletion } from "./change-type.js";

export const UNUSUAL_KINDS = [
  "root-activity",
  "console-login-no-mfa",
  "failed-calls-burst",
  "mass-deletion",
  "new-principal",
  "unusual-region",
  "outside-working-hours",
  "trail-stopped",
  "flow-logs-deleted",
  "bucket-made-public",
  "ingress-opened-to-world",
  "access-key-created",
  "admin-policy-attached",
  "kms-key-deletion-scheduled",
  "guardduty-disabled",
  "config-disabled",
] as const;
export type UnusualKind = (typeof UNUSUAL_KINDS)[number];

export interface UnusualActivity {
  kind: UnusualKind;
  severity: Severity;
  account: string;
  /** The region, when the activity is in one (a region not normally used; a security change). */
  region?: string;
  principal?: ChangePrincipal;
  /**
   * What the activity is about: the principal's id, the region, or for a security change the
   * resource it changed (its first resource's name; the event id when it names none).
   */
  subject: string;
  title: string;
  detail: string;
  /** The events behind it, oldest first. */
  eventIds: string[];
  firstAt: string;
  lastAt: string;
}

export type ChangesSettings = ChangesConfig;

interface SecurityRule {
  kind: UnusualKind;
  severity: Severity;
  title: string;
  matches(e: ChangeEventRecord): boolean;
}

const ADMIN_POLICY = /:policy\/AdministratorAccess$/;
const WORLD = new Set(["0.0.0.0/0", "::/0"]);
const PUBLIC_GRANTEES = /AllUsers|AuthenticatedUsers/;
const PUBLIC_CANNED = new Set(["public-read", "public-read-write", "authenticated-read"]);

function params(e: ChangeEventRecord): Record<string, JsonValue> {
  const p = e.requestParameters;
  return p !== null && typeof p === "object" && !Array.isArray(p) ? p : {};
}

/** Every value under a key matching `key`, anywhere in a JSON value. */
function valuesOf(value: JsonValue | undefined, key: RegExp): JsonValue[] {
  if (value === undefined || value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(v, key));
  return Object.entries(value).flatMap(([k, v]) => [...(key.test(k) ? [v] : []), ...valuesOf(v, key)]);
}

/** A policy document (object or JSON text) with an Allow statement matching `isWide`. */
function hasStatement(
  doc: JsonValue | undefined,
  isWide: (s: Record<string, JsonValue>) => boolean,
): boolean {
  let parsed: JsonValue | undefined = doc;
  if (typeof doc === "string") {
    try {
      parsed = JSON.parse(doc) as JsonValue;
    } catch {
      return false;
    }
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return false;
  const raw = parsed["Statement"];
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return statements.some(
    (s) => s !== null && typeof s === "object" && !Array.isArray(s) && s["Effect"] === "Allow" && isWide(s),
  );
}

function includesStar(v: JsonValue | undefined): boolean {
  return v === "*" || (Array.isArray(v) && v.includes("*"));
}

function isPublicPrincipal(p: JsonValue | undefined): boolean {
  if (p === "*") return true;
  if (p !== null && typeof p === "object" && !Array.isArray(p)) return includesStar(p["AWS"]);
  return false;
}

function isPublicPolicy(doc: JsonValue | undefined): boolean {
  return hasStatement(doc, (s) => isPublicPrincipal(s["Principal"]) && s["Condition"] === undefined);
}

function turnsOffBlock(e: ChangeEventRecord): boolean {
  return valuesOf(
    params(e),
    /^(BlockPublicAcls|IgnorePublicAcls|BlockPublicPolicy|RestrictPublicBuckets)$/,
  ).some((v) => v === false || v === "false");
}

/**
 * The request parameters the security detections read (top-level keys of CloudTrail's
 * requestParameters). The collector keeps only these, so nothing else a call carried (values
 * of parameters, environment variables, anything a service logs) reaches the journal or a report.
 */
export const SECURITY_PARAMETER_KEYS: readonly string[] = [
  "bucketName",
  "bucketPolicy",
  "policy",
  "AccessControlPolicy",
  "x-amz-acl",
  "PublicAccessBlockConfiguration",
  "groupId",
  "ipPermissions",
  "policyArn",
  "policyName",
  "policyDocument",
  "userName",
  "roleName",
  "groupName",
  "enable",
  "detectorId",
  "name",
  "keyId",
  "pendingWindowInDays",
  "flowLogIds",
  "configurationRecorderName",
  "deliveryChannelName",
];

/** The request parameters worth keeping (SECURITY_PARAMETER_KEYS); undefined when none is left. */
export function keptRequestParameters(params: JsonValue | undefined): JsonValue | undefined {
  if (params === undefined || params === null || typeof params !== "object" || Array.isArray(params))
    return undefined;
  const kept = Object.fromEntries(
    Object.entries(params).filter(([k]) => SECURITY_PARAMETER_KEYS.includes(k)),
  );
  return Object.keys(kept).length === 0 ? undefined : kept;
}

const SECURITY_RULES: readonly SecurityRule[] = [
  {
    kind: "trail-stopped",
    severity: "critical",
    title: "CloudTrail logging stopped or trail deleted",
    matches: (e) =>
      e.eventSource === "cloudtrail.amazonaws.com" && /^(StopLogging|DeleteTrail)$/.test(e.eventName),
  },
  {
    kind: "flow-logs-deleted",
    severity: "high",
    title: "VPC flow logs deleted",
    matches: (e) => e.eventName === "DeleteFlowLogs",
  },
  {
    kind: "bucket-made-public",
    severity: "critical",
    title: "S3 bucket made public",
    matches: (e) => {
      if (e.eventSource !== "s3.amazonaws.com" && e.eventSource !== "s3control.amazonaws.com") return false;
      const p = params(e);
      switch (e.eventName) {
        case "PutBucketPolicy":
          return isPublicPolicy(p["bucketPolicy"] ?? p["policy"]);
        case "PutBucketAcl":
          return (
            valuesOf(p, /^(URI|uri)$/).some((v) => typeof v === "string" && PUBLIC_GRANTEES.test(v)) ||
            valuesOf(p, /^x-amz-acl$/).some((v) =>
              (Array.isArray(v) ? v : [v]).some((x) => typeof x === "string" && PUBLIC_CANNED.has(x)),
            )
          );
        case "DeleteBucketPublicAccessBlock":
        case "DeletePublicAccessBlock":
          return true;
        case "PutBucketPublicAccessBlock":
        case "PutPublicAccessBlock":
          return turnsOffBlock(e);
        default:
          return false;
      }
    },
  },
  {
    kind: "ingress-opened-to-world",
    severity: "high",
    title: "Security group opened to the internet (0.0.0.0/0 or ::/0)",
    matches: (e) =>
      e.eventName === "AuthorizeSecurityGroupIngress" &&
      valuesOf(params(e), /^cidrIp(v6)?$/i).some((v) => typeof v === "string" && WORLD.has(v)),
  },
  {
    kind: "access-key-created",
    severity: "medium",
    title: "IAM access key created",
    matches: (e) => e.eventSource === "iam.amazonaws.com" && e.eventName === "CreateAccessKey",
  },
  {
    kind: "admin-policy-attached",
    severity: "high",
    title: "Administrator access granted",
    matches: (e) => {
      if (e.eventSource !== "iam.amazonaws.com") return false;
      const p = params(e);
      if (/^Attach(User|Role|Group)Policy$/.test(e.eventName)) {
        const arn = p["policyArn"];
        return typeof arn === "string" && ADMIN_POLICY.test(arn);
      }
      if (/^Put(User|Role|Group)Policy$/.test(e.eventName)) {
        return hasStatement(
          p["policyDocument"],
          (s) => includesStar(s["Action"]) && includesStar(s["Resource"]),
        );
      }
      return false;
    },
  },
  {
    kind: "kms-key-deletion-scheduled",
    severity: "high",
    title: "KMS key scheduled for deletion",
    matches: (e) => e.eventSource === "kms.amazonaws.com" && e.eventName === "ScheduleKeyDeletion",
  },
  {
    kind: "guardduty-disabled",
    severity: "high",
    title: "GuardDuty disabled",
    matches: (e) =>
      e.eventSource === "guardduty.amazonaws.com" &&
      (/^(DeleteDetector|DisassociateFromMasterAccount|DisassociateFromAdministratorAccount)$/.test(
        e.eventName,
      ) ||
        (e.eventName === "UpdateDetector" && params(e)["enable"] === false)),
  },
  {
    kind: "config-disabled",
    severity: "high",
    title: "AWS Config recording stopped",
    matches: (e) =>
      e.eventSource === "config.amazonaws.com" &&
      /^(StopConfigurationRecorder|DeleteConfigurationRecorder|DeleteDeliveryChannel)$/.test(e.eventName),
  },
];

const WEEKDAY_OF: Readonly<Record<string, Weekday>> = {
  Mon: "mon",
  Tue: "tue",
  Wed: "wed",
  Thu: "thu",
  Fri: "fri",
  Sat: "sat",
  Sun: "sun",
};

/** Whether an ISO time falls within the working hours (days, [start, end) in their time zone). */
export function isWithinWorkingHours(iso: string, hours: ChangesSettings["workingHours"]): boolean {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: hours.timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = WEEKDAY_OF[part("weekday")];
  if (day === undefined || !hours.days.includes(day)) return false;
  const minutes = Number(part("hour")) * 60 + Number(part("minute"));
  const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return minutes >= at(hours.start) && minutes < at(hours.end);
}

/** The principal's identity across sessions: an assumed role is known by its role. */
function identityOf(p: ChangePrincipal): string {
  return p.roleArn ?? p.id;
}

/** The bare name automationPrincipals globs match: the user's, the role's (not the session's). */
function automationName(p: ChangePrincipal): string {
  return p.type === "assumed-role" ? (p.name.split("/")[0] ?? p.name) : p.name;
}

function isPerson(p: ChangePrincipal, settings: ChangesSettings): boolean {
  if (p.type === "aws-service" || p.type === "root" || p.type === "other") return false;
  return !settings.automationPrincipals.some((g) => matchGlob(g, automationName(p)));
}

/** The events of maximal runs in which `count` events fall within `windowMs` (sorted input). */
function bursts(events: readonly ChangeEventRecord[], count: number, windowMs: number): ChangeEventRecord[] {
  const times = events.map((e) => Date.parse(e.eventTime));
  const inBurst = new Set<number>();
  let start = 0;
  for (let end = 0; end < events.length; end++) {
    while ((times[end] as number) - (times[start] as number) > windowMs) start++;
    if (end - start + 1 >= count) for (let i = start; i <= end; i++) inBurst.add(i);
  }
  return events.filter((_, i) => inBurst.has(i));
}

function byTime(a: ChangeEventRecord, b: ChangeEventRecord): number {
  return a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : a.eventId < b.eventId ? -1 : 1;
}

function groupBy<T>(items: readonly T[], keyOf: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [item]);
    else list.push(item);
  }
  return groups;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function activity(
  kind: UnusualKind,
  severity: Severity,
  events: readonly ChangeEventRecord[],
  fields: Pick<UnusualActivity, "subject" | "title" | "detail"> &
    Partial<Pick<UnusualActivity, "region" | "principal">>,
): UnusualActivity {
  const sorted = [...events].sort(byTime);
  const first = sorted[0] as ChangeEventRecord;
  const last = sorted[sorted.length - 1] as ChangeEventRecord;
  return {
    kind,
    severity,
    account: first.account,
    ...(fields.region !== undefined && { region: fields.region }),
    ...(fields.principal !== undefined && { principal: fields.principal }),
    subject: fields.subject,
    title: fields.title,
    detail: fields.detail,
    eventIds: sorted.map((e) => e.eventId),
    firstAt: first.eventTime,
    lastAt: last.eventTime,
  };
}

export interface DetectInput {
  /** The events in the window (already filtered), any order. */
  window: readonly ChangeEventRecord[];
  /** The events of the baseline (the preceding period), any order. */
  baseline: readonly ChangeEventRecord[];
  settings: ChangesSettings;
}

export function detectUnusual({ window, baseline, settings }: DetectInput): UnusualActivity[] {
  const found: UnusualActivity[] = [];
  const sorted = [...window].sort(byTime);
  const baselineByAccount = groupBy(baseline, (e) => e.account);

  for (const [account, events] of groupBy(sorted, (e) => e.account)) {
    const known = baselineByAccount.get(account) ?? [];
    const hasBaseline = known.length > 0;
    const knownPrincipals = new Set(known.map((e) => identityOf(e.principal)));
    const knownRegions = new Set(
      known.filter((e) => e.principal.type !== "aws-service").map((e) => e.region),
    );

    const root = events.filter((e) => e.principal.type === "root");
    if (root.length > 0) {
      const signIns = root.filter((e) => e.eventName === "ConsoleLogin").length;
      found.push(
        activity("root-activity", "critical", root, {
          subject: "root",
          principal: (root[0] as ChangeEventRecord).principal,
          title: "Root user used",
          detail: `the root user made ${plural(root.length, "call")}${signIns > 0 ? ` (${plural(signIns, "console sign-in")})` : ""}; use IAM roles or users, and keep root for the tasks only it can do`,
        }),
      );
    }

    for (const [, mine] of groupBy(events, (e) => e.principal.id)) {
      const principal = (mine[0] as ChangeEventRecord).principal;
      const who = principal.name;
      const noMfa = mine.filter(
        (e) =>
          e.eventName === "ConsoleLogin" &&
          e.consoleLogin === "Success" &&
          e.isMfaUsed === false &&
          (principal.type === "iam-user" || principal.type === "root"),
      );
      if (noMfa.length > 0) {
        found.push(
          activity("console-login-no-mfa", "high", noMfa, {
            subject: principal.id,
            principal,
            title: "Console sign-in without MFA",
            detail: `${who} signed in to the console without MFA ${plural(noMfa.length, "time")} (from ${[...new Set(noMfa.map((e) => e.sourceIp ?? "?"))].join(", ")}); require an MFA device for console users`,
          }),
        );
      }
      const failed = bursts(
        mine.filter((e) => isFailed(e)),
        settings.failedBurst.count,
        settings.failedBurst.windowMinutes * 60_000,
      );
      if (failed.length > 0) {
        const denied = failed.filter((e) => isAccessDenied(e.errorCode)).length;
        found.push(
          activity("failed-calls-burst", denied > 0 ? "high" : "medium", failed, {
            subject: principal.id,
            principal,
            title: denied > 0 ? "Burst of access-denied calls" : "Burst of failed calls",
            detail: `${who} made ${plural(failed.length, "failed call")} (${denied} denied) within ${settings.failedBurst.windowMinutes} minutes: ${[...new Set(failed.map((e) => e.eventName))].slice(0, 5).join(", ")}; check whether its credentials are misused`,
          }),
        );
      }
      const deletions = bursts(
        mine.filter((e) => !isFailed(e) && isDeletion(e.eventName)),
        settings.massDeletion.count,
        settings.massDeletion.windowMinutes * 60_000,
      );
      if (deletions.length > 0) {
        found.push(
          activity("mass-deletion", "high", deletions, {
            subject: principal.id,
            principal,
            title: "Mass deletion",
            detail: `${who} deleted ${plural(deletions.length, "resource")} within ${settings.massDeletion.windowMinutes} minutes (${[...new Set(deletions.map((e) => e.eventName))].join(", ")})`,
          }),
        );
      }
      if (
        hasBaseline &&
        principal.type !== "aws-service" &&
        principal.type !== "root" &&
        !knownPrincipals.has(identityOf(principal))
      ) {
        found.push(
          activity("new-principal", "medium", mine, {
            subject: principal.id,
            principal,
            title: "Principal not seen before",
            detail: `${who} made ${plural(mine.length, "call")} and none in the preceding ${settings.baselineDays} days`,
          }),
        );
      }
      if (isPerson(principal, settings)) {
        const late = mine.filter(
          (e) =>
            (!e.isReadOnly || e.eventName === "ConsoleLogin") &&
            !isWithinWorkingHours(e.eventTime, settings.workingHours),
        );
        if (late.length > 0) {
          found.push(
            activity("outside-working-hours", "low", late, {
              subject: principal.id,
              principal,
              title: "Activity outside working hours",
              detail: `${who} made ${plural(late.length, "call")} outside working hours (${settings.workingHours.days.join(",")} ${settings.workingHours.start}–${settings.workingHours.end} ${settings.workingHours.timeZone})`,
            }),
          );
        }
      }
    }

    if (hasBaseline) {
      for (const [region, here] of groupBy(
        events.filter((e) => e.principal.type !== "aws-service"),
        (e) => e.region,
      )) {
        if (knownRegions.has(region)) continue;
        found.push(
          activity("unusual-region", "medium", here, {
            subject: region,
            region,
            title: "Activity in a region the account does not normally use",
            detail: `${plural(here.length, "call")} in ${region} by ${[...new Set(here.map((e) => e.principal.name))].join(", ")}, which had no activity in the preceding ${settings.baselineDays} days`,
          }),
        );
      }
    }

    for (const e of events) {
      if (isFailed(e)) continue;
      for (const rule of SECURITY_RULES) {
        if (!rule.matches(e)) continue;
        const on = e.resources.map((r) => r.name).join(", ");
        found.push(
          activity(rule.kind, rule.severity, [e], {
            subject: e.resources[0]?.name ?? e.eventId,
            region: e.region,
            principal: e.principal,
            title: rule.title,
            detail: `${e.principal.name} called ${e.eventName}${on === "" ? "" : ` on ${on}`} in ${e.region}`,
          }),
        );
      }
    }
  }
  return found.sort(
    (a, b) =>
      UNUSUAL_KINDS.indexOf(a.kind) - UNUSUAL_KINDS.indexOf(b.kind) ||
      (a.account < b.account ? -1 : a.account > b.account ? 1 : 0) ||
      (a.firstAt < b.firstAt ? -1 : a.firstAt > b.firstAt ? 1 : 0),
  );
}
