/**
 * One CloudTrail management event as the changes review reads it: LookupEvents' fields and
 * what the CloudTrail record (its `CloudTrailEvent` JSON) says about who made the call and how
 * it went. Made by the collector (aws/collectors/cloudtrail-events.ts); read by the analysis.
 */

/** A JSON value, as CloudTrail records request parameters. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Who made a call, by CloudTrail's userIdentity.type. */
export const PRINCIPAL_TYPES = [
  "root",
  "iam-user",
  "assumed-role",
  "federated-user",
  "aws-service",
  "other",
] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

export interface ChangePrincipal {
  type: PrincipalType;
  /**
   * The principal's identity, for grouping: the user's or root's ARN, the assumed-role
   * session's ARN (`arn:aws:sts::<account>:assumed-role/<role>/<session>`), the service name
   * (`backup.amazonaws.com`) of an AWS service.
   */
  id: string;
  /** How people name it: the user name, `root`, `<role>/<session>`, the service name. */
  name: string;
  /** For an assumed role: the role's ARN (a role is "seen before" whatever its session). */
  roleArn?: string;
}

export interface ChangeResource {
  type?: string;
  name: string;
}

export interface ChangeEventRecord {
  eventId: string;
  /** ISO-8601. */
  eventTime: string;
  eventName: string;
  /** e.g. `ec2.amazonaws.com`. */
  eventSource: string;
  /** The account whose trail recorded it (the partition's). */
  account: string;
  region: string;
  isReadOnly: boolean;
  principal: ChangePrincipal;
  accessKeyId?: string;
  sourceIp?: string;
  userAgent?: string;
  /** Set when the call failed (e.g. `AccessDenied`, `Client.UnauthorizedOperation`). */
  errorCode?: string;
  errorMessage?: string;
  resources: ChangeResource[];
  /** Console sign-in: additionalEventData.MFAUsed is `Yes`. */
  isMfaUsed?: boolean;
  /** Console sign-in: responseElements.ConsoleLogin (`Success` or `Failure`). */
  consoleLogin?: string;
  /**
   * The call's parameters the security detections read (SECURITY_PARAMETER_KEYS of
   * CloudTrail's requestParameters; nothing else is kept).
   */
  requestParameters?: JsonValue;
}

/** The service of an event source: `ec2.amazonaws.com` → `ec2`. */
export function serviceOf(eventSource: string): string {
  return eventSource.replace(/\.amazonaws\.com$/, "");
}

/** A call that failed: an error code, or a console sign-in that did not succeed. */
export function isFailed(e: Pick<ChangeEventRecord, "errorCode" | "consoleLogin">): boolean {
  return e.errorCode !== undefined || (e.consoleLogin !== undefined && e.consoleLogin !== "Success");
}

/** An error code of an access denial. */
export function isAccessDenied(errorCode: string | undefined): boolean {
  return (
    errorCode !== undefined && /AccessDenied|UnauthorizedOperation|Unauthorized|Forbidden/i.test(errorCode)
  );
}
