import { DescribeInstancesCommand, DescribeVolumesCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { GetBucketTaggingCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { MemoryAuditSink } from "../../../src/aws/audit-log/writer.js";
import { createClientFactory } from "../../../src/aws/clients.js";
import {
  RateLimiter,
  rateLimitBucketFor,
  type RateLimitedCall,
} from "../../../src/aws/middleware/rate-limit.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { awsRateLimitBuckets } from "../../../src/aws/sandbox/rate-limits.js";
import { createSandbox } from "../../../src/aws/sandbox/transport.js";
import type { SandboxService } from "../../../src/aws/sandbox/types.js";
import { CORE_DEFAULTS } from "../../../src/core/config/defaults.js";
import { configSchema, type RateLimitsConfig } from "../../../src/core/config/schema.js";
import { virtualTime } from "../../_helpers/virtual-time.js";

const LIMITS: RateLimitsConfig = structuredClone(CORE_DEFAULTS.rateLimits) as RateLimitsConfig;

const call = (over: Partial<RateLimitedCall>): RateLimitedCall => ({
  account: "111111111111",
  region: "us-east-1",
  service: "ec2",
  action: "DescribeVpcs",
  input: {},
  ...over,
});

describe("rateLimitBucketFor (the built-in limits)", () => {
  it.each([
    [
      "ec2 DescribeInstances, unfiltered and unpaginated",
      "ec2",
      "DescribeInstances",
      {},
      "ec2:DescribeInstances/unfiltered",
      50,
      10,
    ],
    [
      "ec2 DescribeInstances with MaxResults",
      "ec2",
      "DescribeInstances",
      { MaxResults: 5 },
      "ec2:DescribeInstances",
      100,
      20,
    ],
    [
      "ec2 DescribeInstances with a NextToken",
      "ec2",
      "DescribeInstances",
      { NextToken: "t" },
      "ec2:DescribeInstances",
      100,
      20,
    ],
    [
      "ec2 DescribeVolumes with filters",
      "ec2",
      "DescribeVolumes",
      { Filters: [{ Name: "status", Values: ["available"] }] },
      "ec2:DescribeVolumes",
      100,
      20,
    ],
    ["ec2 DescribeVpcs (no small bucket)", "ec2", "DescribeVpcs", {}, "ec2:DescribeVpcs", 100, 20],
    ["ec2 CreateTags (its own bucket)", "ec2", "CreateTags", {}, "ec2:CreateTags", 100, 10],
    ["ec2 RunInstances (its own bucket)", "ec2", "RunInstances", {}, "ec2:RunInstances", 5, 2],
    [
      "ec2 AuthorizeSecurityGroupIngress (resource-intensive)",
      "ec2",
      "AuthorizeSecurityGroupIngress",
      {},
      "ec2:AuthorizeSecurityGroupIngress",
      50,
      5,
    ],
    [
      "ec2 ModifyInstanceAttribute (mutating)",
      "ec2",
      "ModifyInstanceAttribute",
      {},
      "ec2:ModifyInstanceAttribute",
      50,
      5,
    ],
    ["s3 GetBucketTagging", "s3", "GetBucketTagging", {}, "s3:GetBucketTagging", 200, 100],
    ["lambda ListTags", "lambda", "ListTags", {}, "lambda:ListTags", 15, 15],
    [
      "elasticloadbalancing DescribeLoadBalancers",
      "elasticloadbalancing",
      "DescribeLoadBalancers",
      {},
      "elasticloadbalancing:DescribeLoadBalancers",
      20,
      10,
    ],
    [
      "cloudtrail LookupEvents (its own bucket)",
      "cloudtrail",
      "LookupEvents",
      {},
      "cloudtrail:LookupEvents",
      2,
      2,
    ],
  ] as const)("%s → %s", (_name, service, action, input, id, burst, refillPerSecond) => {
    expect(rateLimitBucketFor(LIMITS, { service, action, input })).toEqual({ id, burst, refillPerSecond });
  });

  it("paces nothing for a service the configuration does not list", () => {
    expect(
      rateLimitBucketFor(LIMITS, { service: "dynamodb", action: "ListTables", input: {} }),
    ).toBeUndefined();
  });

  it("lets an action's own bucket win over its service's", () => {
    const limits = {
      ...LIMITS,
      actions: { ...LIMITS.actions, "s3:ListBuckets": { burst: 3, refillPerSecond: 1 } },
    };
    expect(rateLimitBucketFor(limits, { service: "s3", action: "ListBuckets", input: {} })).toEqual({
      id: "s3:ListBuckets",
      burst: 3,
      refillPerSecond: 1,
    });
  });
});

describe('the built-in limits and the sandbox\'s "aws" preset', () => {
  // The client must never allow more than the (simulated) server: same or smaller buckets.
  it.each([
    ["ec2", "ec2", "DescribeInstances", {}],
    ["ec2", "ec2", "DescribeInstances", { MaxResults: 1000 }],
    ["ec2", "ec2", "DescribeVolumes", {}],
    ["ec2", "ec2", "DescribeVolumes", { MaxResults: 500 }],
    ["ec2", "ec2", "DescribeVpcs", { MaxResults: 1000 }],
    ["ec2", "ec2", "DescribeSubnets", {}],
    ["ec2", "ec2", "CreateTags", {}],
    ["ec2", "ec2", "DeleteVolume", {}],
    ["ec2", "ec2", "RunInstances", { MaxCount: 1 }],
    ["ec2", "ec2", "AuthorizeSecurityGroupIngress", {}],
    ["ec2", "ec2", "ModifyVolume", {}],
    ["s3", "s3", "ListBuckets", {}],
    ["s3", "s3", "GetBucketTagging", {}],
    ["rds", "rds", "DescribeDBInstances", {}],
    ["lambda", "lambda", "ListFunctions", {}],
    ["lambda", "lambda", "ListTags", {}],
    ["iam", "iam", "ListUsers", {}],
    ["sts", "sts", "GetCallerIdentity", {}],
    ["organizations", "organizations", "ListAccounts", {}],
    ["elbv2", "elasticloadbalancing", "DescribeLoadBalancers", {}],
    ["elbv2", "elasticloadbalancing", "DescribeTargetHealth", {}],
    ["elb", "elasticloadbalancing", "DescribeLoadBalancers", {}],
    ["cloudtrail", "cloudtrail", "DescribeTrails", {}],
    ["cloudtrail", "cloudtrail", "ListTrails", {}],
    ["cloudtrail", "cloudtrail", "ListTags", {}],
    ["cloudtrail", "cloudtrail", "LookupEvents", {}],
    ["kms", "kms", "ListKeys", {}],
    ["kms", "kms", "ListAliases", {}],
    ["kms", "kms", "DescribeKey", {}],
    ["kms", "kms", "GetKeyRotationStatus", {}],
    ["kms", "kms", "ListResourceTags", {}],
    ["cloudwatch", "cloudwatch", "GetMetricData", {}],
    ["cloudwatch", "cloudwatch", "GetMetricStatistics", {}],
    ["cloudwatch", "cloudwatch", "ListMetrics", {}],
    ["cloudwatch", "cloudwatch", "DescribeAlarms", {}],
  ] as const)(
    "%s %s %j is paced at or under the sandbox's request bucket",
    (sandboxService, service, action, input) => {
      const server = awsRateLimitBuckets(sandboxService as SandboxService, action, input).find(
        (b) => b.key !== "resource",
      );
      const client = rateLimitBucketFor(LIMITS, { service, action, input });
      expect(server).toBeDefined();
      expect(client).toBeDefined();
      expect(client!.burst).toBeLessThanOrEqual(server!.capacity);
      expect(client!.refillPerSecond).toBeLessThanOrEqual(server!.refillPerSecond);
    },
  );
});

describe("RateLimiter", () => {
  it("lets a bucket's burst go at once, then spaces calls at the refill rate, first come first served", async () => {
    const time = virtualTime();
    const limits = { ...LIMITS, ec2: { ...LIMITS.ec2, nonMutating: { burst: 3, refillPerSecond: 2 } } };
    const limiter = new RateLimiter({ limits, toleranceMs: 0, clock: time.clock, sleep: time.sleep });
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => {
        await limiter.acquire(call({}));
        order.push(i);
      }),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(time.slept).toEqual([500, 1000, 1500]);
    expect(limiter.stats).toEqual({ calls: 6, delayed: 3, waitedMs: 3000 });
  });

  it("refills while idle, never above the burst", async () => {
    const time = virtualTime();
    const limits = { ...LIMITS, ec2: { ...LIMITS.ec2, nonMutating: { burst: 2, refillPerSecond: 1 } } };
    const limiter = new RateLimiter({ limits, toleranceMs: 0, clock: time.clock, sleep: time.sleep });
    await limiter.acquire(call({}));
    await limiter.acquire(call({}));
    time.advance(60_000);
    await limiter.acquire(call({}));
    await limiter.acquire(call({}));
    expect(time.slept).toEqual([]);
    await limiter.acquire(call({}));
    expect(time.slept).toEqual([1000]);
  });

  it("keeps one bucket per account, region and API", async () => {
    const time = virtualTime();
    const limits = { ...LIMITS, ec2: { ...LIMITS.ec2, nonMutating: { burst: 1, refillPerSecond: 1 } } };
    const limiter = new RateLimiter({ limits, toleranceMs: 0, clock: time.clock, sleep: time.sleep });
    await limiter.acquire(call({}));
    await limiter.acquire(call({ account: "222222222222" }));
    await limiter.acquire(call({ region: "eu-west-1" }));
    await limiter.acquire(call({ action: "DescribeSubnets" }));
    expect(time.slept).toEqual([]);
    await limiter.acquire(call({}));
    expect(time.slept).toEqual([1000]);
  });

  it.each([
    ["EC2 non-mutating (100, 20/s): 5 tokens", 100, 20, 95],
    ["Lambda (15, 15/s): 4 tokens", 15, 15, 11],
    ["CloudTrail LookupEvents (2, 2/s): 1 token", 2, 2, 1],
    ["a bucket smaller than its reserve still lets one call go", 1, 10, 1],
  ])("keeps 250 ms of refill in reserve by default — %s", async (_name, burst, refillPerSecond, atOnce) => {
    const time = virtualTime();
    const limits = { ...LIMITS, ec2: { ...LIMITS.ec2, nonMutating: { burst, refillPerSecond } } };
    const limiter = new RateLimiter({ limits, clock: time.clock, sleep: time.sleep });
    for (let i = 0; i < atOnce; i++) await limiter.acquire(call({}));
    expect(time.slept).toEqual([]);
    await limiter.acquire(call({}));
    expect(time.slept).toHaveLength(1);
  });

  it("does not wait for a call the limits do not pace", async () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ limits: LIMITS, clock: time.clock, sleep: time.sleep });
    for (let i = 0; i < 1000; i++) await limiter.acquire(call({ service: "dynamodb", action: "Scan" }));
    expect(time.slept).toEqual([]);
    expect(limiter.stats.calls).toBe(0);
  });
});

describe("the rate limit middleware, through the client factory and the sandbox", () => {
  const estate = buildDemoEstate();

  function setup(options: { limiter: boolean; maxAttempts?: number }) {
    const time = virtualTime();
    const sandbox = createSandbox(estate, {
      clock: time.clock,
      sleep: time.sleep,
      faults: { rateLimits: "aws" },
    });
    const limiter = new RateLimiter({ limits: LIMITS, clock: time.clock, sleep: time.sleep });
    const factory = createClientFactory({
      profile: "demo-dev",
      defaultRegion: "us-east-1",
      transport: { kind: "sandbox", sandbox },
      audit: new MemoryAuditSink(),
      who: { osUser: "test", callerArn: undefined },
      policy: {
        profile: "demo-dev",
        permissions: "read-only",
        allowsDirectExecution: false,
        declaredSensitiveReads: [],
      },
      ...(options.limiter && { rateLimiter: limiter }),
      ...(options.maxAttempts !== undefined && { maxAttempts: options.maxAttempts }),
    });
    return { sandbox, factory, limiter };
  }

  async function burst(
    factory: ReturnType<typeof setup>["factory"],
  ): Promise<PromiseSettledResult<unknown>[]> {
    const [east, west, s3] = await Promise.all([
      factory.ec2("us-east-1"),
      factory.ec2("eu-west-1"),
      factory.s3("us-west-2"),
    ]);
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 300; i++) {
      calls.push(east.send(new DescribeVolumesCommand({ MaxResults: 5 })));
      calls.push(west.send(new DescribeVolumesCommand({ MaxResults: 5 })));
    }
    for (let i = 0; i < 120; i++) calls.push(east.send(new DescribeInstancesCommand({})));
    for (let i = 0; i < 500; i++) {
      calls.push(
        s3.send(new GetBucketTaggingCommand({ Bucket: "northwind-dev-ml-features" })).catch((e: unknown) => {
          // A bucket without tags answers NoSuchTagSet: an answer, not a throttle.
          if (e instanceof Error && e.name === "NoSuchTagSet") return undefined;
          throw e;
        }),
      );
    }
    return Promise.allSettled(calls);
  }

  it("installs the limiter beneath retry and before signing and the sandbox transport", async () => {
    const { factory } = setup({ limiter: true });
    const stack = (
      (await factory.ec2("us-east-1")) as unknown as { middlewareStack: { identify(): string[] } }
    ).middlewareStack.identify();
    const at = (name: string) => stack.findIndex((entry) => entry.startsWith(name));
    expect(at("retryMiddleware")).toBeGreaterThanOrEqual(0);
    expect(at("retryMiddleware")).toBeLessThan(at("awsCoworkerRateLimit"));
    expect(at("awsCoworkerRateLimit")).toBeLessThan(at("httpSigningMiddleware"));
    expect(at("httpSigningMiddleware")).toBeLessThan(at("awsCoworkerSandboxTransport"));
  });

  it("takes a token for every attempt, retries included", async () => {
    const { sandbox, factory, limiter } = setup({ limiter: true });
    sandbox.configureFaults({
      rules: [{ match: { action: "DescribeVpcs" }, fail: "unavailable", times: 1 }],
    });
    await (await factory.ec2("us-east-1")).send(new DescribeVpcsCommand({}));
    expect(sandbox.calls.map((c) => c.error ?? "ok")).toEqual(["ServiceUnavailable", "ok"]);
    expect(limiter.stats.calls).toBe(2);
  });

  it("keeps a burst of parallel calls under the sandbox's AWS-like throttling: no throttle, every call completes", async () => {
    const { sandbox, factory, limiter } = setup({ limiter: true, maxAttempts: 1 });
    const outcomes = await burst(factory);
    expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
    expect(sandbox.calls.filter((c) => c.error !== undefined && c.error !== "NoSuchTagSet")).toEqual([]);
    expect(sandbox.calls).toHaveLength(outcomes.length);
    expect(limiter.stats.delayed).toBeGreaterThan(0);
  });

  it("without the limiter, the same burst is throttled (the test above is not vacuous)", async () => {
    const { sandbox, factory } = setup({ limiter: false, maxAttempts: 1 });
    const outcomes = await burst(factory);
    const throttled = sandbox.calls.filter(
      (c) => c.error === "RequestLimitExceeded" || c.error === "SlowDown" || c.error === "Throttling",
    );
    expect(throttled.length).toBeGreaterThan(100);
    expect(outcomes.some((o) => o.status === "rejected")).toBe(true);
  });
});

describe("the rateLimits configuration", () => {
  it("accepts the built-in limits and rejects a non-positive rate or a malformed API name", () => {
    const base = configSchema.shape.rateLimits;
    expect(base.safeParse(LIMITS).success).toBe(true);
    expect(base.safeParse({ ...LIMITS, services: { s3: { burst: 10, refillPerSecond: 0 } } }).success).toBe(
      false,
    );
    expect(
      base.safeParse({ ...LIMITS, actions: { "ec2 CreateTags": { burst: 1, refillPerSecond: 1 } } }).success,
    ).toBe(false);
  });
});
