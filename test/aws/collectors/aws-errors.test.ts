import { EC2ServiceException } from "@aws-sdk/client-ec2";
import { describe, expect, test } from "vitest";
import { toAwsCallError } from "../../../src/aws/collectors/aws-errors.js";
import { AwsCallError, RefusedError } from "../../../src/core/errors.js";

const site = {
  service: "ec2",
  action: "ec2:DescribeInstances",
  account: "333333333333",
  region: "eu-west-1",
};

function sdkError(name: string, options: { status?: number; attempts?: number } = {}): Error {
  const status = options.status ?? 400;
  return new EC2ServiceException({
    name,
    message: `${name} happened`,
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status, attempts: options.attempts ?? 1 },
  });
}

function mapped(error: unknown, where = site): AwsCallError {
  const result = toAwsCallError(error, where);
  if (!(result instanceof AwsCallError)) throw new Error(`expected an AwsCallError, got ${String(result)}`);
  return result;
}

describe("toAwsCallError", () => {
  test("keeps the call site and AWS's error name", () => {
    const e = mapped(sdkError("InvalidParameterValue"));
    expect(e).toMatchObject({
      service: "ec2",
      action: "ec2:DescribeInstances",
      account: "333333333333",
      region: "eu-west-1",
      awsName: "InvalidParameterValue",
      code: "AwsCallFailed",
    });
    expect(e.cause).toBeInstanceOf(EC2ServiceException);
  });

  test.each(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation"])(
    "%s names the missing permission",
    (name) => {
      const e = mapped(sdkError(name));
      expect(e.message).toContain("access denied");
      expect(e.message).toContain("ec2:DescribeInstances");
      expect(e.hint).toContain("Grant ec2:DescribeInstances");
    },
  );

  test("OptInRequired says the region is not enabled for the account", () => {
    const e = mapped(sdkError("OptInRequired"));
    expect(e.message).toContain("region eu-west-1 is not enabled for account 333333333333");
  });

  test("AuthFailure in an opt-in region says the region is not enabled", () => {
    const e = mapped(sdkError("AuthFailure", { status: 401 }), { ...site, region: "af-south-1" });
    expect(e.message).toContain("region af-south-1 is not enabled for account 333333333333");
    expect(e.hint).toContain("leave af-south-1 out of --regions");
  });

  test("AuthFailure elsewhere mentions both the region and the credentials", () => {
    const e = mapped(sdkError("AuthFailure", { status: 401 }));
    expect(e.message).toContain(
      "the region may not be enabled for the account, or the credentials are invalid",
    );
  });

  test("throttling that outlasted the SDK's retries says how many attempts were made", () => {
    const e = mapped(sdkError("RequestLimitExceeded", { status: 503, attempts: 5 }));
    expect(e.message).toContain("kept throttling ec2:DescribeInstances");
    expect(e.message).toContain("after 5 attempts");
  });

  test("an answer that is no AWS response (an emulator's HTML error page) says so, not 'transient'", () => {
    // What the SDK throws for moto's HTML page: JSON protocols, then query/XML protocols.
    const json = Object.assign(
      new SyntaxError(
        `Unexpected token '<', "<html><hea"... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
      ),
      { $metadata: { httpStatusCode: 500, attempts: 5 } },
    );
    const xml = Object.assign(new Error("@aws-sdk XML parse error: mismatched tags <html> and </title>."), {
      $metadata: { httpStatusCode: 500 },
    });
    for (const error of [json, xml]) {
      const e = mapped(error);
      expect(e.message).toContain("ec2:DescribeInstances");
      expect(e.message).toContain("was not an AWS response (HTTP 500");
      expect(e.hint).toContain("AWS_ENDPOINT_URL");
      expect(e.hint).not.toContain("transient");
    }
  });

  test("expired credentials say to refresh them", () => {
    expect(mapped(sdkError("ExpiredToken")).hint).toContain("Refresh the credentials");
  });

  test("a network failure (no answer from AWS) mentions the endpoint", () => {
    const error = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5000"), { code: "ECONNREFUSED" });
    const e = mapped(error);
    expect(e.awsName).toBe("ECONNREFUSED");
    expect(e.message).toContain("could not reach the AWS endpoint");
    expect(e.hint).toContain("AWS_ENDPOINT_URL");
  });

  test("a refusal by the gate passes through unchanged", () => {
    const refusal = new RefusedError("MutationNotAuthorized", "ec2:TerminateInstances", "refused");
    expect(toAwsCallError(refusal, site)).toBe(refusal);
  });

  test("an error that is no AWS answer (a bug) is left as it is", () => {
    const bug = new TypeError("cannot read properties of undefined");
    expect(toAwsCallError(bug, site)).toBe(bug);
  });
});
