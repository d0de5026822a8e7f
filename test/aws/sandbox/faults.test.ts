import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { SandboxTimeoutError } from "../../../src/aws/sandbox/errors.js";
import type { FaultKind } from "../../../src/aws/sandbox/faults.js";
import { createSandbox } from "../../../src/aws/sandbox/transport.js";
import type { SandboxService } from "../../../src/aws/sandbox/types.js";
import { callerFor, expectAwsError, fakeTime, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();

const FIRST_ACTION: Record<SandboxService, string> = {
  ec2: "DescribeVpcs",
  s3: "ListBuckets",
  s3control: "GetPublicAccessBlock",
  rds: "DescribeDBInstances",
  lambda: "ListFunctions",
  sts: "GetCallerIdentity",
  iam: "ListUsers",
  organizations: "DescribeOrganization",
  elbv2: "DescribeLoadBalancers",
  elb: "DescribeLoadBalancers",
  cloudtrail: "DescribeTrails",
  kms: "ListKeys",
  ssm: "GetParameter",
  cloudwatch: "GetMetricData",
  ce: "GetCostAndUsage",
};

describe("fault rules", () => {
  it("fail the next N matching calls, then clear", async () => {
    const sandbox = sandboxOf(estate, {
      faults: { rules: [{ match: { service: "ec2", action: "Describe*" }, fail: "throttle", times: 2 }] },
    });
    const call = callerFor(sandbox, "demo-dev");
    await expectAwsError(call("ec2", "DescribeVpcs"), "RequestLimitExceeded", 503);
    await expectAwsError(call("ec2", "DescribeInstances"), "RequestLimitExceeded");
    await expect(call("ec2", "DescribeVpcs")).resolves.toHaveProperty("Vpcs");
    expect(sandbox.calls.map((c) => c.error)).toEqual([
      "RequestLimitExceeded",
      "RequestLimitExceeded",
      undefined,
    ]);
  });

  it("match by account, region and profile with wildcards, leaving other calls alone", async () => {
    const sandbox = sandboxOf(estate, {
      faults: { rules: [{ match: { account: "3333*", region: "us-*" }, fail: "server-error" }] },
    });
    const dev = callerFor(sandbox, "demo-dev");
    await expectAwsError(dev("ec2", "DescribeVpcs", {}, "us-west-2"), "InternalError", 500);
    await expect(dev("ec2", "DescribeVpcs", {}, "eu-west-1")).resolves.toHaveProperty("Vpcs");
    await expect(callerFor(sandbox, "demo-prod")("ec2", "DescribeVpcs")).resolves.toHaveProperty("Vpcs");
    sandbox.configureFaults({ rules: [{ match: { profile: "demo-prod" }, fail: "access-denied" }] });
    await expect(dev("ec2", "DescribeVpcs")).resolves.toHaveProperty("Vpcs");
    await expectAwsError(
      callerFor(sandbox, "demo-prod")("ec2", "DescribeVpcs"),
      "UnauthorizedOperation",
      403,
    );
  });

  it("configureFaults({}) clears every fault", async () => {
    const sandbox = sandboxOf(estate, { faults: { rules: [{ fail: "unavailable" }] } });
    const call = callerFor(sandbox, "demo-dev");
    await expectAwsError(call("sts", "GetCallerIdentity"), "ServiceUnavailable", 503);
    sandbox.configureFaults({});
    await expect(call("sts", "GetCallerIdentity")).resolves.toHaveProperty("Account", "333333333333");
  });

  const EXPECTED: Record<Exclude<FaultKind, "timeout">, Record<SandboxService, string>> = {
    throttle: {
      ec2: "RequestLimitExceeded",
      s3: "SlowDown",
      s3control: "SlowDown",
      rds: "Throttling",
      lambda: "TooManyRequestsException",
      sts: "Throttling",
      iam: "Throttling",
      organizations: "TooManyRequestsException",
      elbv2: "Throttling",
      elb: "Throttling",
      cloudtrail: "ThrottlingException",
      kms: "ThrottlingException",
      ssm: "ThrottlingException",
      cloudwatch: "Throttling",
      ce: "LimitExceededException",
    },
    "server-error": {
      ec2: "InternalError",
      s3: "InternalError",
      s3control: "InternalError",
      rds: "InternalFailure",
      lambda: "ServiceException",
      sts: "InternalFailure",
      iam: "ServiceFailure",
      organizations: "ServiceException",
      elbv2: "InternalFailure",
      elb: "InternalFailure",
      cloudtrail: "InternalFailure",
      kms: "KMSInternalException",
      ssm: "InternalServerError",
      cloudwatch: "InternalServiceError",
      ce: "InternalFailure",
    },
    unavailable: {
      ec2: "ServiceUnavailable",
      s3: "ServiceUnavailable",
      s3control: "ServiceUnavailable",
      rds: "ServiceUnavailable",
      lambda: "ServiceException",
      sts: "ServiceUnavailable",
      iam: "ServiceUnavailable",
      organizations: "ServiceException",
      elbv2: "ServiceUnavailable",
      elb: "ServiceUnavailable",
      cloudtrail: "ServiceUnavailable",
      kms: "ServiceUnavailable",
      ssm: "ServiceUnavailable",
      cloudwatch: "ServiceUnavailable",
      ce: "ServiceUnavailable",
    },
    "access-denied": {
      ec2: "UnauthorizedOperation",
      s3: "AccessDenied",
      s3control: "AccessDenied",
      rds: "AccessDenied",
      lambda: "AccessDeniedException",
      sts: "AccessDenied",
      iam: "AccessDenied",
      organizations: "AccessDeniedException",
      elbv2: "AccessDenied",
      elb: "AccessDenied",
      cloudtrail: "AccessDeniedException",
      kms: "AccessDeniedException",
      ssm: "AccessDeniedException",
      cloudwatch: "AccessDenied",
      ce: "AccessDeniedException",
    },
    "expired-credentials": {
      ec2: "RequestExpired",
      s3: "ExpiredToken",
      s3control: "ExpiredToken",
      rds: "ExpiredToken",
      lambda: "ExpiredTokenException",
      sts: "ExpiredToken",
      iam: "ExpiredToken",
      organizations: "ExpiredTokenException",
      elbv2: "ExpiredToken",
      elb: "ExpiredToken",
      cloudtrail: "ExpiredTokenException",
      kms: "ExpiredTokenException",
      ssm: "ExpiredTokenException",
      cloudwatch: "ExpiredToken",
      ce: "ExpiredTokenException",
    },
    "region-disabled": {
      ec2: "AuthFailure",
      s3: "InvalidAccessKeyId",
      s3control: "InvalidAccessKeyId",
      rds: "InvalidClientTokenId",
      lambda: "UnrecognizedClientException",
      sts: "InvalidClientTokenId",
      iam: "InvalidClientTokenId",
      organizations: "UnrecognizedClientException",
      elbv2: "InvalidClientTokenId",
      elb: "InvalidClientTokenId",
      cloudtrail: "UnrecognizedClientException",
      kms: "UnrecognizedClientException",
      ssm: "UnrecognizedClientException",
      cloudwatch: "InvalidClientTokenId",
      ce: "UnrecognizedClientException",
    },
  };

  for (const [kind, byService] of Object.entries(EXPECTED)) {
    it.each(Object.entries(byService))(`${kind} on %s answers %s`, async (service, name) => {
      const sandbox = sandboxOf(estate, { faults: { rules: [{ fail: kind as FaultKind }] } });
      await expectAwsError(
        callerFor(sandbox, "demo-mgmt")(service as SandboxService, FIRST_ACTION[service as SandboxService]),
        name,
      );
    });
  }

  it("throttling and 5xx errors are marked as the SDK expects (429/503/500 are retryable)", async () => {
    const sandbox = sandboxOf(estate, {
      faults: {
        rules: [
          { match: { service: "lambda" }, fail: "throttle" },
          { match: { service: "s3" }, fail: "throttle" },
        ],
      },
    });
    const call = callerFor(sandbox, "demo-dev");
    const lambda = await expectAwsError(call("lambda", "ListFunctions"), "TooManyRequestsException", 429);
    expect(lambda.fault).toBe("client");
    const s3 = await expectAwsError(call("s3", "ListBuckets"), "SlowDown", 503);
    expect(s3.fault).toBe("server");
  });

  it("adds latency on the injected sleep, without real waiting", async () => {
    const time = fakeTime();
    const sandbox = createSandbox(estate, {
      clock: time.clock,
      sleep: time.sleep,
      faults: {
        rules: [
          { match: { service: "ec2" }, latencyMs: 250 },
          { match: { action: "DescribeVpcs" }, latencyMs: 50 },
        ],
      },
    });
    const call = callerFor(sandbox, "demo-dev");
    await call("ec2", "DescribeVpcs");
    await call("sts", "GetCallerIdentity");
    expect(time.slept).toEqual([300]);
  });

  it("times out with a TimeoutError (a network error, not a service error) after the rule's latency", async () => {
    const time = fakeTime();
    const sandbox = createSandbox(estate, {
      clock: time.clock,
      sleep: time.sleep,
      faults: { rules: [{ fail: "timeout", latencyMs: 30_000, times: 1 }] },
    });
    const call = callerFor(sandbox, "demo-dev");
    const error = await call("ec2", "DescribeVpcs").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxTimeoutError);
    expect((error as Error).name).toBe("TimeoutError");
    expect(time.slept).toEqual([30_000]);
    await expect(call("ec2", "DescribeVpcs")).resolves.toHaveProperty("Vpcs");
  });
});

describe("credentials and regions", () => {
  it("refuses calls to an opt-in region the account has not enabled, as AWS does", async () => {
    const call = callerFor(sandboxOf(estate), "demo-dev");
    await expectAwsError(call("ec2", "DescribeInstances", {}, "af-south-1"), "AuthFailure", 401);
    await expectAwsError(call("sts", "GetCallerIdentity", {}, "af-south-1"), "InvalidClientTokenId", 403);
    await expectAwsError(call("lambda", "ListFunctions", {}, "me-south-1"), "UnrecognizedClientException");
  });

  it("answers in an opt-in region once the account enables it", async () => {
    const copy = structuredClone(estate);
    copy.accounts[2]?.enabledRegions.push("af-south-1");
    const call = callerFor(sandboxOf(copy), "demo-dev");
    expect(await call("ec2", "DescribeVpcs", {}, "af-south-1")).toEqual({ Vpcs: [] });
    const regions = await call("ec2", "DescribeRegions", { RegionNames: ["af-south-1"] });
    expect(regions.Regions).toMatchObject([{ RegionName: "af-south-1", OptInStatus: "opted-in" }]);
  });

  it("refuses an identity whose account is not in the estate", async () => {
    const sandbox = sandboxOf(estate);
    const stranger = { ...sandbox.identityFor("demo-dev"), accountId: "999999999999" };
    await expectAwsError(
      sandbox.call({
        service: "ec2",
        action: "DescribeVpcs",
        input: {},
        region: "us-east-1",
        identity: stranger,
      }),
      "AuthFailure",
    );
  });

  it("throws a clear error for an unknown profile, naming the known ones", () => {
    const sandbox = sandboxOf(estate);
    expect(() => sandbox.identityFor("prod-admin")).toThrow(
      /profile "prod-admin" is not in the sandbox estate; use one of: demo-mgmt/,
    );
  });

  it("gives identities fake credentials that cannot be mistaken for real ones", () => {
    const identity = sandboxOf(estate).identityFor("demo-dev");
    expect(identity.accessKeyId).toMatch(/^ASIASANDBOX/);
    expect(identity.secretAccessKey).toContain("not-real");
    expect(identity.userId).toMatch(/^AROA[A-Z0-9]+:demo-user$/);
  });
});

describe("operations the sandbox does not simulate", () => {
  it.each([
    ["ec2", "CreateVpnGateway", "InvalidAction"],
    ["rds", "CreateDBInstance", "InvalidAction"],
    ["iam", "CreateUser", "InvalidAction"],
    ["sts", "GetSessionToken", "InvalidAction"],
    ["elbv2", "CreateLoadBalancer", "InvalidAction"],
    ["elb", "CreateLoadBalancer", "InvalidAction"],
    ["cloudwatch", "PutMetricData", "InvalidAction"],
    ["cloudtrail", "StopLogging", "UnknownOperationException"],
    ["kms", "Encrypt", "UnknownOperationException"],
    ["lambda", "Invoke", "UnknownOperationException"],
    ["organizations", "CreateAccount", "UnknownOperationException"],
    ["s3", "PutObject", "NotImplemented"],
  ] as const)("%s %s answers %s, saying the sandbox does not simulate it", async (service, action, name) => {
    const e = await expectAwsError(callerFor(sandboxOf(estate), "demo-dev")(service, action), name);
    expect(e.message).toContain("sandbox does not simulate");
  });
});

describe("a service the sandbox does not know", () => {
  it("is refused with InvalidAction", async () => {
    const sandbox = sandboxOf(estate);
    const identity = sandbox.identityFor("demo-dev");
    const service = "sqs" as SandboxService;
    await expectAwsError(
      sandbox.call({ service, action: "ListKeys", input: {}, region: "us-east-1", identity }),
      "InvalidAction",
    );
  });
});

describe("the call log", () => {
  it("records every call that reached the sandbox, with account, region and profile", async () => {
    const sandbox = sandboxOf(estate);
    const call = callerFor(sandbox, "demo-staging");
    await call("ec2", "DescribeVpcs", {}, "eu-west-1");
    await call("iam", "ListUsers").catch(() => undefined);
    expect(sandbox.calls).toEqual([
      {
        service: "ec2",
        action: "DescribeVpcs",
        region: "eu-west-1",
        account: "444444444444",
        profile: "demo-staging",
      },
      {
        service: "iam",
        action: "ListUsers",
        region: "us-east-1",
        account: "444444444444",
        profile: "demo-staging",
      },
    ]);
  });

  it("is empty when nothing was called", () => {
    expect(sandboxOf(estate).calls).toEqual([]);
  });
});
