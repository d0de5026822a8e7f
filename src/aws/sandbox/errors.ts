/**
 * The errors each simulated service answers with, named and coded as AWS does (the wire
 * error code, e.g. `InvalidVolume.NotFound`, `DBInstanceNotFound`, `NoSuchTagSet`).
 */
import { SandboxServiceError, type SandboxIdentity, type SandboxService } from "./types.js";

export function awsError(name: string, message: string, httpStatusCode = 400): SandboxServiceError {
  return new SandboxServiceError(name, message, httpStatusCode);
}

/** The service's prefix in IAM actions (`elasticloadbalancing:DescribeLoadBalancers`). */
export function iamPrefix(service: SandboxService): string {
  if (service === "s3control") return "s3";
  return service === "elbv2" || service === "elb" ? "elasticloadbalancing" : service;
}

/** Too many requests: what each service says when it throttles. */
export function throttlingError(service: SandboxService): SandboxServiceError {
  switch (service) {
    case "ec2":
      return awsError("RequestLimitExceeded", "Request limit exceeded.", 503);
    case "s3":
    case "s3control":
      return awsError("SlowDown", "Please reduce your request rate.", 503);
    case "lambda":
      return awsError("TooManyRequestsException", "Rate exceeded", 429);
    case "organizations":
      return awsError(
        "TooManyRequestsException",
        "You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.",
        400,
      );
    case "rds":
    case "iam":
    case "sts":
    case "elbv2":
    case "elb":
    case "cloudwatch":
      return awsError("Throttling", "Rate exceeded", 400);
    case "cloudtrail":
    case "kms":
    case "ssm":
      return awsError("ThrottlingException", "Rate exceeded", 400);
    case "ce":
      return awsError(
        "LimitExceededException",
        "You made too many calls in a short period of time. Try again later.",
        400,
      );
  }
}

export function internalError(service: SandboxService): SandboxServiceError {
  switch (service) {
    case "ec2":
    case "s3":
    case "s3control":
      return awsError("InternalError", "We encountered an internal error. Please try again.", 500);
    case "lambda":
    case "organizations":
      return awsError("ServiceException", "An internal error occurred. Try again later.", 500);
    case "iam":
      return awsError(
        "ServiceFailure",
        "The request processing has failed because of an unknown error.",
        500,
      );
    case "rds":
    case "sts":
    case "elbv2":
    case "elb":
    case "cloudtrail":
    case "ce":
      return awsError(
        "InternalFailure",
        "The request processing has failed because of an unknown error.",
        500,
      );
    case "ssm":
      return awsError("InternalServerError", "An error occurred on the server side.", 500);
    case "kms":
      return awsError(
        "KMSInternalException",
        "The request was rejected because an internal exception occurred.",
        500,
      );
    case "cloudwatch":
      return awsError(
        "InternalServiceError",
        "Request processing has failed due to some unknown error.",
        500,
      );
  }
}

export function unavailableError(service: SandboxService): SandboxServiceError {
  switch (service) {
    case "ec2":
    case "s3":
    case "s3control":
    case "rds":
    case "iam":
    case "sts":
    case "elbv2":
    case "elb":
    case "cloudtrail":
    case "kms":
    case "ssm":
    case "cloudwatch":
    case "ce":
      return awsError("ServiceUnavailable", "The service is unavailable. Please try again shortly.", 503);
    case "lambda":
    case "organizations":
      return awsError("ServiceException", "The service is unavailable. Please try again shortly.", 503);
  }
}

export function accessDeniedError(
  service: SandboxService,
  action: string,
  identity: SandboxIdentity,
): SandboxServiceError {
  const what = `User: ${identity.arn} is not authorized to perform: ${iamPrefix(service)}:${action}`;
  switch (service) {
    case "ec2":
      return awsError(
        "UnauthorizedOperation",
        `You are not authorized to perform this operation. ${what}`,
        403,
      );
    case "lambda":
    case "organizations":
    case "cloudtrail":
    case "kms":
    case "ssm":
    case "ce":
      return awsError(
        "AccessDeniedException",
        `${what} because no identity-based policy allows the action`,
        403,
      );
    case "s3":
    case "s3control":
    case "rds":
    case "iam":
    case "sts":
    case "elbv2":
    case "elb":
    case "cloudwatch":
      return awsError("AccessDenied", `${what} because no identity-based policy allows the action`, 403);
  }
}

/** The session credentials have expired. */
export function expiredCredentialsError(service: SandboxService): SandboxServiceError {
  switch (service) {
    case "ec2":
      return awsError("RequestExpired", "Request has expired.", 400);
    case "s3":
    case "s3control":
      return awsError("ExpiredToken", "The provided token has expired.", 400);
    case "lambda":
    case "organizations":
    case "cloudtrail":
    case "kms":
    case "ssm":
    case "ce":
      return awsError("ExpiredTokenException", "The security token included in the request is expired", 403);
    case "rds":
    case "iam":
    case "sts":
    case "elbv2":
    case "elb":
    case "cloudwatch":
      return awsError("ExpiredToken", "The security token included in the request is expired", 403);
  }
}

/**
 * The credentials are not recognised where the call landed: what AWS answers for an account
 * it does not know, and for a call to an opt-in region the account has not enabled.
 */
export function unrecognizedCredentialsError(service: SandboxService): SandboxServiceError {
  switch (service) {
    case "ec2":
      return awsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
    case "s3":
    case "s3control":
      return awsError(
        "InvalidAccessKeyId",
        "The AWS Access Key Id you provided does not exist in our records.",
        403,
      );
    case "lambda":
      return awsError(
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
        403,
      );
    case "organizations":
    case "cloudtrail":
    case "kms":
    case "ssm":
    case "ce":
      return awsError(
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
        400,
      );
    case "rds":
    case "iam":
    case "sts":
    case "elbv2":
    case "elb":
    case "cloudwatch":
      return awsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
  }
}

const NOT_SIMULATED =
  "The AWS Coworker sandbox does not simulate this operation yet (see src/aws/sandbox/SPEC.md).";

export function unknownActionError(service: SandboxService, action: string): SandboxServiceError {
  switch (service) {
    case "ec2":
    case "rds":
    case "iam":
    case "sts":
    case "elbv2":
    case "elb":
    case "cloudwatch":
      return awsError(
        "InvalidAction",
        `The action ${action} is not valid for this web service. ${NOT_SIMULATED}`,
        400,
      );
    case "s3":
    case "s3control":
      return awsError("NotImplemented", `${action}: ${NOT_SIMULATED}`, 501);
    case "lambda":
    case "organizations":
    case "cloudtrail":
    case "kms":
    case "ssm":
    case "ce":
      return awsError("UnknownOperationException", `${action}: ${NOT_SIMULATED}`, 400);
  }
}

/**
 * A network timeout, as the SDK's HTTP handler reports it (`name: "TimeoutError"`, which the
 * SDK's retry strategy treats as transient). Not a service error: nothing came back.
 */
export class SandboxTimeoutError extends Error {
  readonly code = "ETIMEDOUT";

  constructor(message: string) {
    super(message);
    this.name = "TimeoutError";
  }
}
