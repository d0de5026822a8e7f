/**
 * Turn whatever an SDK call threw into the CoworkerError family: refusals from the gate pass
 * through unchanged; AWS service errors become AwsCallError with AWS's own error name and a
 * message that says what to do; credential problems say which profile and how to fix it.
 */
import { AwsCallError, CoworkerError } from "../../core/errors.js";

export interface CallScope {
  service: string;
  action: string;
  account?: string;
  region: string;
  profile: string;
}

const ADVICE: Readonly<Record<string, (s: CallScope) => string>> = {
  AccessDenied: (s) => `grant ${s.service}:${s.action} to the principal of profile "${s.profile}"`,
  AccessDeniedException: (s) => `grant ${s.service}:${s.action} to the principal of profile "${s.profile}"`,
  UnauthorizedOperation: (s) => `grant ${s.service}:${s.action} to the principal of profile "${s.profile}"`,
  AuthorizationError: (s) => `grant ${s.service}:${s.action} to the principal of profile "${s.profile}"`,
  OptInRequired: (s) =>
    `region ${s.region} is not enabled for this account; enable it or leave it out of --regions`,
  AuthFailure: (s) =>
    `AWS did not accept the credentials in ${s.region}: the region may not be enabled for this account, or the credentials are invalid`,
  UnrecognizedClientException: (s) =>
    `AWS did not accept the credentials in ${s.region}: the region may not be enabled for this account, or the credentials are invalid`,
  InvalidClientTokenId: (s) => `the credentials of profile "${s.profile}" are not valid; refresh them`,
  ExpiredToken: (s) =>
    `the credentials of profile "${s.profile}" have expired; refresh them (e.g. aws sso login --profile ${s.profile})`,
  ExpiredTokenException: (s) =>
    `the credentials of profile "${s.profile}" have expired; refresh them (e.g. aws sso login --profile ${s.profile})`,
  RequestExpired: (s) =>
    `the request expired: check the machine's clock, or refresh the credentials of profile "${s.profile}"`,
  Throttling: () => "AWS kept throttling after the SDK's retries; lower the parallelism or try again later",
  ThrottlingException: () =>
    "AWS kept throttling after the SDK's retries; lower the parallelism or try again later",
  RequestLimitExceeded: () =>
    "AWS kept throttling after the SDK's retries; lower the parallelism or try again later",
  TooManyRequestsException: () =>
    "AWS kept throttling after the SDK's retries; lower the parallelism or try again later",
};

export function toAwsCallError(error: unknown, scope: CallScope): Error {
  if (error instanceof CoworkerError) return error;
  const name = error instanceof Error ? error.name : "UnknownError";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "CredentialsProviderError" || name === "ProviderError" || /credential/i.test(name)) {
    return new AwsCallError(
      { ...scope, awsName: name },
      `no usable AWS credentials for profile "${scope.profile}": ${message}`,
      {
        hint: `configure the profile in ~/.aws/config (or run "aws sso login --profile ${scope.profile}"), or try --sandbox to use the built-in demo estate`,
        cause: error,
      },
    );
  }
  const where = `${scope.account ? scope.account + "/" : ""}${scope.region}`;
  return new AwsCallError(
    { ...scope, awsName: name },
    `${scope.service}:${scope.action} failed in ${where}: ${name}: ${message}`,
    { hint: ADVICE[name]?.(scope), cause: error },
  );
}
