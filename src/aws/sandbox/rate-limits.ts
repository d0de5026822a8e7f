/**
 * The "aws" rate-limit preset: token buckets per account, region and API.
 *
 * EC2 follows AWS's published request throttling (ec2/latest/devguide/ec2-api-throttling):
 * request buckets by category, the smaller bucket for unfiltered and unpaginated calls of a
 * few Describe APIs, the actions with their own sizes, and resource buckets for
 * Run/Start/Stop/TerminateInstances that cost one token per instance. As AWS does, each API
 * has its own bucket per account and region; the category only sets its size. The other
 * services do not publish token buckets: their figures are approximations from their published
 * per-second request quotas where they have one (KMS, CloudWatch), documented in SPEC.md.
 */
import type { SandboxService } from "./types.js";

export interface BucketSpec {
  /** Distinguishes buckets of one API (e.g. `request`, `unfiltered`, `resource`). */
  key: string;
  capacity: number;
  refillPerSecond: number;
  cost: number;
}

const EC2_OWN_BUCKETS: Record<string, [number, number]> = {
  CreateTags: [100, 10],
  DeleteTags: [100, 10],
  DeleteVolume: [100, 5],
  DeleteSnapshot: [100, 5],
  DeleteNetworkInterface: [100, 5],
  RunInstances: [5, 2],
  StartInstances: [5, 2],
  TerminateInstances: [100, 5],
};

const EC2_RESOURCE_INTENSIVE = new Set([
  "AuthorizeSecurityGroupIngress",
  "RevokeSecurityGroupIngress",
  "CreateKeyPair",
]);

const EC2_UNFILTERED_SMALL = new Set([
  "DescribeInstances",
  "DescribeInstanceStatus",
  "DescribeNetworkInterfaces",
  "DescribeSecurityGroups",
  "DescribeSnapshots",
  "DescribeSpotInstanceRequests",
  "DescribeVolumes",
]);

const EC2_RESOURCE_BUCKETS: Record<string, [number, number]> = {
  RunInstances: [1000, 2],
  TerminateInstances: [1000, 20],
  StartInstances: [1000, 2],
  StopInstances: [1000, 20],
};

/** [capacity, refill per second] of each API of a service, and overrides for some of its APIs. */
interface ServiceLimits {
  api: [number, number];
  actions?: Record<string, [number, number]>;
}

const OTHER_SERVICES: Record<Exclude<SandboxService, "ec2">, ServiceLimits> = {
  s3: { api: [200, 100] },
  s3control: { api: [200, 100] },
  rds: { api: [100, 20] },
  lambda: { api: [15, 15] },
  iam: { api: [20, 10] },
  sts: { api: [600, 600] },
  organizations: { api: [20, 10] },
  elbv2: { api: [40, 10] },
  elb: { api: [40, 10] },
  cloudtrail: { api: [10, 10], actions: { ListTrails: [5, 5], LookupEvents: [2, 2] } },
  kms: {
    api: [100, 100],
    actions: { DescribeKey: [2000, 2000], GetKeyRotationStatus: [1000, 1000], ListResourceTags: [50, 50] },
  },
  // Parameter Store: GetParameter, GetParameters and GetParametersByPath share 40 TPS by default.
  ssm: { api: [40, 40] },
  // Cost Explorer publishes no per-API rate; every request is billed ($0.01), so callers make few.
  ce: { api: [10, 5] },
  cloudwatch: {
    api: [50, 50],
    actions: { GetMetricData: [50, 50], GetMetricStatistics: [400, 400], ListMetrics: [25, 25] },
  },
};

function isNonMutating(action: string): boolean {
  return /^(Describe|List|Search|Get)/.test(action);
}

function instanceCount(action: string, input: Record<string, unknown>): number {
  if (action === "RunInstances") return typeof input.MaxCount === "number" ? input.MaxCount : 1;
  return Array.isArray(input.InstanceIds) ? input.InstanceIds.length : 1;
}

function ec2Buckets(action: string, input: Record<string, unknown>): BucketSpec[] {
  const buckets: BucketSpec[] = [];
  const own = EC2_OWN_BUCKETS[action];
  if (own !== undefined) {
    buckets.push({ key: "request", capacity: own[0], refillPerSecond: own[1], cost: 1 });
  } else if (EC2_RESOURCE_INTENSIVE.has(action)) {
    buckets.push({ key: "request", capacity: 50, refillPerSecond: 5, cost: 1 });
  } else if (isNonMutating(action)) {
    const filters = input.Filters;
    const unfiltered = !Array.isArray(filters) || filters.length === 0;
    const unpaginated = input.MaxResults === undefined && input.NextToken === undefined;
    if (EC2_UNFILTERED_SMALL.has(action) && unfiltered && unpaginated) {
      buckets.push({ key: "unfiltered", capacity: 50, refillPerSecond: 10, cost: 1 });
    } else {
      buckets.push({ key: "request", capacity: 100, refillPerSecond: 20, cost: 1 });
    }
  } else {
    buckets.push({ key: "request", capacity: 50, refillPerSecond: 5, cost: 1 });
  }
  const resource = EC2_RESOURCE_BUCKETS[action];
  if (resource !== undefined) {
    buckets.push({
      key: "resource",
      capacity: resource[0],
      refillPerSecond: resource[1],
      cost: instanceCount(action, input),
    });
  }
  return buckets;
}

/** The buckets one call draws from under the "aws" preset. */
export function awsRateLimitBuckets(
  service: SandboxService,
  action: string,
  input: Record<string, unknown>,
): BucketSpec[] {
  if (service === "ec2") return ec2Buckets(action, input);
  const limits = OTHER_SERVICES[service];
  const [capacity, refillPerSecond] = limits.actions?.[action] ?? limits.api;
  return [{ key: "request", capacity, refillPerSecond, cost: 1 }];
}
