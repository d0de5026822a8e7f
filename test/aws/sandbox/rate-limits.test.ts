import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { TokenBucket } from "../../../src/aws/sandbox/token-bucket.js";
import { createSandbox } from "../../../src/aws/sandbox/transport.js";
import { callerFor, expectAwsError, fakeTime } from "./_helpers.js";

const estate = buildDemoEstate();

describe("TokenBucket", () => {
  it("allows a burst of its capacity, then refills at its rate, never above capacity", () => {
    const bucket = new TokenBucket(3, 2, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true);
    expect(bucket.available(60_000)).toBe(3);
  });

  it("takes nothing when a request costs more than it holds", () => {
    const bucket = new TokenBucket(10, 1, 0);
    expect(bucket.take(0, 11)).toBe(false);
    expect(bucket.available(0)).toBe(10);
  });
});

describe('the "aws" rate-limit preset', () => {
  function setup() {
    const time = fakeTime();
    const sandbox = createSandbox(estate, {
      clock: time.clock,
      sleep: time.sleep,
      faults: { rateLimits: "aws" },
    });
    return { time, sandbox, call: callerFor(sandbox, "demo-dev") };
  }

  it("lets 100 filtered/paginated DescribeInstances through in a burst, then answers RequestLimitExceeded, then refills at 20/s", async () => {
    const { call, time } = setup();
    for (let i = 0; i < 100; i++) await call("ec2", "DescribeInstances", { MaxResults: 5 });
    await expectAwsError(call("ec2", "DescribeInstances", { MaxResults: 5 }), "RequestLimitExceeded");
    time.advance(1000);
    for (let i = 0; i < 20; i++) await call("ec2", "DescribeInstances", { MaxResults: 5 });
    await expectAwsError(call("ec2", "DescribeInstances", { MaxResults: 5 }), "RequestLimitExceeded");
  });

  it("uses the smaller bucket (50) for unfiltered, unpaginated DescribeInstances", async () => {
    const { call } = setup();
    for (let i = 0; i < 50; i++) await call("ec2", "DescribeInstances", {});
    await expectAwsError(call("ec2", "DescribeInstances", {}), "RequestLimitExceeded");
    await expect(
      call("ec2", "DescribeInstances", { Filters: [{ Name: "instance-state-name", Values: ["running"] }] }),
    ).resolves.toBeDefined();
  });

  it("keeps one bucket per API, account and region", async () => {
    const { call } = setup();
    for (let i = 0; i < 100; i++) await call("ec2", "DescribeVpcs", { MaxResults: 5 });
    await expectAwsError(call("ec2", "DescribeVpcs", { MaxResults: 5 }), "RequestLimitExceeded");
    await expect(call("ec2", "DescribeSubnets", { MaxResults: 5 })).resolves.toBeDefined();
    await expect(call("ec2", "DescribeVpcs", { MaxResults: 5 }, "us-west-2")).resolves.toBeDefined();
  });

  it("limits RunInstances to its own small bucket (5, refill 2/s)", async () => {
    const { call, time } = setup();
    const subnetId = estate.accounts[2]?.regions["us-east-1"]?.subnets[0]?.id;
    const run = () =>
      call("ec2", "RunInstances", {
        ImageId: "ami-0123456789abcdef0",
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnetId,
      });
    for (let i = 0; i < 5; i++) await run();
    await expectAwsError(run(), "RequestLimitExceeded");
    time.advance(500);
    await expect(run()).resolves.toBeDefined();
  });

  it("throttles other services with their own error names", async () => {
    const { call } = setup();
    for (let i = 0; i < 15; i++) await call("lambda", "ListFunctions");
    await expectAwsError(call("lambda", "ListFunctions"), "TooManyRequestsException", 429);
  });

  it("accepts custom buckets per matching rule", async () => {
    const time = fakeTime();
    const sandbox = createSandbox(estate, {
      clock: time.clock,
      sleep: time.sleep,
      faults: { rateLimits: [{ match: { service: "iam" }, capacity: 2, refillPerSecond: 1 }] },
    });
    const call = callerFor(sandbox, "demo-dev");
    await call("iam", "ListUsers");
    await call("iam", "ListUsers");
    await expectAwsError(call("iam", "ListUsers"), "Throttling");
    await expect(call("ec2", "DescribeVpcs")).resolves.toBeDefined();
    time.advance(1000);
    await expect(call("iam", "ListUsers")).resolves.toBeDefined();
  });
});
