/**
 * SDK errors → AwsCallError, with a message that says what went wrong in the user's terms
 * (which permission is missing, which region is not enabled) and what to do about it.
 * Errors of the safety model (RefusedError and the rest of the CoworkerError family) pass
 * through unchanged. Errors that are neither AWS answers nor network failures are bugs:
 * they are re-thrown as they are.
 */
import { AwsCallError, CoworkerError } from "../../core/errors.js";
import { OPT_IN_REGIONS } from "../../core/regions.js";

/** The call that failed: `service` is the IAM prefix, `action` the IAM action (`ec2:DescribeInstances`). */
export interface CallSite {
  service: string;
  action: string;
  /** Unknown before the caller's identity is resolved (the STS call itself). */
  account?: string;
  region: string;
  /** The profile whose credentials failed, for credential advice. */
  profile?: string;
}

const ACCESS_DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "AuthorizationError",
  "Forbidden",
  "UnauthorizedException",
]);
const CREDENTIALS_REJECTED = new Set([
  "AuthFailure",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
]);
const CREDENTIALS_EXPIRED = new Set([
  "ExpiredToken",
  "ExpiredTokenException",
  "RequestExpired",
  "TokenRefreshRequired",
]);
const THROTTLED = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "TooManyRequestsException",
  "SlowDown",
  "BandwidthLimitExceeded",
]);
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
]);

/** The SDK could not parse the answer as the protocol's XML or JSON: no AWS endpoint sent it. */
const NOT_AN_AWS_ANSWER = /Deserialization error|XML parse error/;

interface SdkErrorShape {
  name: string;
  message: string;
  code?: unknown;
  $metadata?: { attempts?: number; httpStatusCode?: number };
  $fault?: string;
}

function isAwsAnswerOrNetworkFailure(error: unknown): error is Error & SdkErrorShape {
  if (!(error instanceof Error)) return false;
  const e = error as Error & SdkErrorShape;
  return (
    e.$metadata !== undefined ||
    e.name === "TimeoutError" ||
    e.name === "CredentialsProviderError" ||
    (typeof e.code === "string" && NETWORK_CODES.has(e.code))
  );
}

/** Map one error thrown by an SDK call to what the tool reports. */
export function toAwsCallError(error: unknown, site: CallSite): unknown {
  if (error instanceof CoworkerError) return error;
  if (!isAwsAnswerOrNetworkFailure(error)) return error;

  const awsName =
    error.name === "Error" && typeof error.code === "string" ? error.code : error.name || "UnknownError";
  const attempts = error.$metadata?.attempts;
  const where =
    site.account === undefined ? `region ${site.region}` : `account ${site.account}, region ${site.region}`;
  const fields = {
    service: site.service,
    action: site.action,
    account: site.account,
    region: site.region,
    awsName,
  };
  const make = (message: string, hint: string) => new AwsCallError(fields, message, { hint, cause: error });
  const profile = site.profile === undefined ? "the profile" : `profile "${site.profile}"`;

  if (awsName === "CredentialsProviderError") {
    return make(
      `no usable AWS credentials for ${profile}: ${error.message}`,
      `Configure the profile in ~/.aws/config (or run aws sso login${site.profile === undefined ? "" : ` --profile ${site.profile}`}), or try --sandbox to use the built-in demo estate.`,
    );
  }

  if (ACCESS_DENIED.has(awsName)) {
    return make(
      `access denied: the caller may not call ${site.action} in ${where} (${awsName}).`,
      `Grant ${site.action} to the profile's role (the AWS managed policy ReadOnlyAccess covers every read the inventory makes), or leave this service out with --services; docs/inventory.md lists the permissions.`,
    );
  }
  if (awsName === "OptInRequired" || (CREDENTIALS_REJECTED.has(awsName) && OPT_IN_REGIONS.has(site.region))) {
    return make(
      `region ${site.region} is not enabled for ${site.account === undefined ? "the account" : `account ${site.account}`}: ${site.action} failed with ${awsName}.`,
      `Enable the region for the account (AWS console → Account → AWS Regions), or leave ${site.region} out of --regions.`,
    );
  }
  if (CREDENTIALS_REJECTED.has(awsName)) {
    return make(
      `AWS did not accept the credentials for ${site.action} in ${where} (${awsName}): the region may not be enabled for the account, or the credentials are invalid.`,
      `Check that ${site.region} is enabled for the account and that the profile's credentials are valid (aws sts get-caller-identity --profile …).`,
    );
  }
  if (CREDENTIALS_EXPIRED.has(awsName)) {
    return make(
      `the profile's credentials expired while calling ${site.action} in ${where} (${awsName}).`,
      "Refresh the credentials (e.g. aws sso login --profile …) and run the command again.",
    );
  }
  if (THROTTLED.has(awsName)) {
    return make(
      `AWS kept throttling ${site.action} in ${where}${attempts === undefined ? "" : ` after ${attempts} attempts`} (${awsName}).`,
      "Run again later, or inventory fewer regions or services at once.",
    );
  }
  if (NOT_AN_AWS_ANSWER.test(error.message)) {
    return make(
      `the endpoint's answer to ${site.action} in ${where} was not an AWS response (HTTP ${error.$metadata?.httpStatusCode ?? "?"}${attempts === undefined ? "" : `, ${attempts} attempts`}): a local emulator (moto answers an action it does not implement with an HTML error page) or a proxy answered instead.`,
      "Check AWS_ENDPOINT_URL and whether the emulator implements this action; the checks or resources that needed it are reported as not read, never as passed.",
    );
  }
  if (error.$fault === "server" || (error.$metadata?.httpStatusCode ?? 0) >= 500) {
    return make(
      `AWS answered ${site.action} in ${where} with a server error${attempts === undefined ? "" : ` after ${attempts} attempts`} (${awsName}: ${error.message}).`,
      "This is usually transient: run the command again.",
    );
  }
  if (
    error.$metadata?.httpStatusCode === undefined ||
    (typeof error.code === "string" && NETWORK_CODES.has(error.code))
  ) {
    return make(
      `could not reach the AWS endpoint for ${site.action} in ${where} (${awsName}: ${error.message}).`,
      "Check the network, and AWS_ENDPOINT_URL if you point the tool at a local emulator (LocalStack, moto).",
    );
  }
  return make(
    `${site.action} failed in ${where}: ${awsName}: ${error.message}`,
    "See the AWS error name above.",
  );
}

/** Run one SDK call (or a whole paginated loop) and map what it throws. */
export async function withAwsErrors<T>(site: CallSite, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toAwsCallError(error, site);
  }
}

/**
 * Run one SDK call whose "not configured" answer is data, not a failure (a bucket without a
 * policy answers NoSuchBucketPolicy, an account without a password policy NoSuchEntity):
 * those error names give `undefined`; every other error is mapped as withAwsErrors does.
 */
export async function absentWhen<T>(
  names: readonly string[],
  site: CallSite,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Error && !(error instanceof CoworkerError) && names.includes(error.name))
      return undefined;
    throw toAwsCallError(error, site);
  }
}
