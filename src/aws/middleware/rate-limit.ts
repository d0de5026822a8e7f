/**
 * Client-side rate limiting: a token bucket per account, region and API, so the tool paces
 * itself under AWS's API throttling instead of being throttled and backing off.
 *
 * The client factory installs the middleware beneath the SDK's retry and before signing, so
 * every attempt (retries included) takes a token:
 *
 *   [audit] → [gate] → serialize → build → [retry] → [rate limit] → [sign] → transport
 *
 * One RateLimiter is shared by every factory and client of a run (all accounts and regions);
 * its buckets are keyed by account, region and API. Bucket sizes come from the configuration
 * (`rateLimits`): EC2 by AWS's published throttling categories, other services per API.
 *
 * A call reserves the next token and waits until it is due; reservations are first come,
 * first served, so a burst of parallel calls is spread over time at the bucket's refill rate.
 * AWS counts a call when it arrives, a little after it left the limiter, and uneven delays
 * bunch calls up: so each bucket keeps a small reserve of its burst (see `toleranceMs`).
 */
import type { FinalizeRequestMiddleware, MetadataBearer, RelativeMiddlewareOptions } from "@smithy/types";
import type { RateLimitsConfig, TokenBucketConfig } from "../../core/config/schema.js";

/** One API call, as the limiter sees it. */
export interface RateLimitedCall {
  /** The account the call goes to (or `profile:<name>` while the account is unknown). */
  account: string;
  region: string;
  /** The IAM service prefix, e.g. `ec2`, `elasticloadbalancing`. */
  service: string;
  /** The API operation, e.g. `DescribeInstances`. */
  action: string;
  input: Readonly<Record<string, unknown>>;
}

/** The bucket a call draws from: `id` names it within an account and region. */
export interface RateLimitBucket extends TokenBucketConfig {
  /** e.g. `ec2:DescribeInstances`, or `ec2:DescribeInstances/unfiltered`. */
  id: string;
}

export interface RateLimiterOptions {
  limits: RateLimitsConfig;
  /**
   * How late a call may reach AWS after leaving the limiter (signing, a busy event loop, the
   * network) without overdrawing AWS's bucket: each bucket keeps `refill × toleranceMs` tokens
   * of its burst in reserve (rounded up, leaving at least one to spend). Default 250 ms.
   */
  toleranceMs?: number;
  /** Milliseconds; defaults to Date.now. */
  clock?: () => number;
  /** Waits for a token; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

/** What the limiter did so far (for benchmarks and debugging). */
export interface RateLimiterStats {
  calls: number;
  /** Calls that had to wait for a token. */
  delayed: number;
  /** The sum of the waits, in milliseconds. */
  waitedMs: number;
}

/**
 * EC2 APIs that, called without filters and without pagination, draw from a smaller bucket
 * (AWS's "unfiltered and unpaginated non-mutating actions").
 */
const EC2_UNFILTERED_SMALL: ReadonlySet<string> = new Set([
  "DescribeInstances",
  "DescribeInstanceStatus",
  "DescribeNetworkInterfaces",
  "DescribeSecurityGroups",
  "DescribeSnapshots",
  "DescribeSpotInstanceRequests",
  "DescribeVolumes",
]);

const EC2_RESOURCE_INTENSIVE: ReadonlySet<string> = new Set([
  "AuthorizeSecurityGroupIngress",
  "RevokeSecurityGroupIngress",
  "CreateKeyPair",
]);

function isNonMutating(action: string): boolean {
  return /^(Describe|List|Search|Get)/.test(action);
}

function isUnfilteredAndUnpaginated(input: Readonly<Record<string, unknown>>): boolean {
  const filters = input["Filters"];
  const unfiltered = !Array.isArray(filters) || filters.length === 0;
  return unfiltered && input["MaxResults"] === undefined && input["NextToken"] === undefined;
}

/** The bucket a call draws from under the given limits; undefined when it is not paced. */
export function rateLimitBucketFor(
  limits: RateLimitsConfig,
  call: Pick<RateLimitedCall, "service" | "action" | "input">,
): RateLimitBucket | undefined {
  const api = `${call.service}:${call.action}`;
  const own = limits.actions[api];
  if (own !== undefined) return { id: api, ...own };
  if (call.service !== "ec2") {
    const service = limits.services[call.service];
    return service === undefined ? undefined : { id: api, ...service };
  }
  if (EC2_RESOURCE_INTENSIVE.has(call.action)) return { id: api, ...limits.ec2.resourceIntensive };
  if (!isNonMutating(call.action)) return { id: api, ...limits.ec2.mutating };
  if (EC2_UNFILTERED_SMALL.has(call.action) && isUnfilteredAndUnpaginated(call.input)) {
    return { id: `${api}/unfiltered`, ...limits.ec2.unfilteredNonMutating };
  }
  return { id: api, ...limits.ec2.nonMutating };
}

/**
 * A token bucket that hands out reservations: the balance may go below zero, and a call
 * that finds it negative waits until refill brings its token due. Waiters are therefore
 * served in the order they asked, at exactly the refill rate.
 */
class ReservingBucket {
  readonly #burst: number;
  readonly #perMs: number;
  #tokens: number;
  #last: number;

  constructor(spec: TokenBucketConfig, toleranceMs: number, nowMs: number) {
    const reserve = Math.ceil((spec.refillPerSecond * toleranceMs) / 1000);
    this.#burst = Math.max(1, spec.burst - reserve);
    this.#perMs = spec.refillPerSecond / 1000;
    this.#tokens = this.#burst;
    this.#last = nowMs;
  }

  /** Take the next token; returns how many milliseconds from now it is due (0: now). */
  reserve(nowMs: number): number {
    if (nowMs > this.#last) {
      this.#tokens = Math.min(this.#burst, this.#tokens + (nowMs - this.#last) * this.#perMs);
      this.#last = nowMs;
    }
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil(-this.#tokens / this.#perMs);
  }
}

const DEFAULT_TOLERANCE_MS = 250;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class RateLimiter {
  readonly #limits: RateLimitsConfig;
  readonly #toleranceMs: number;
  readonly #clock: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #buckets = new Map<string, ReservingBucket>();
  readonly #stats: RateLimiterStats = { calls: 0, delayed: 0, waitedMs: 0 };

  constructor(options: RateLimiterOptions) {
    this.#limits = options.limits;
    this.#toleranceMs = options.toleranceMs ?? DEFAULT_TOLERANCE_MS;
    this.#clock = options.clock ?? (() => Date.now());
    this.#sleep = options.sleep ?? realSleep;
  }

  /** Resolves when the call may go (at once while its bucket has tokens). */
  async acquire(call: RateLimitedCall): Promise<void> {
    const spec = rateLimitBucketFor(this.#limits, call);
    if (spec === undefined) return;
    const now = this.#clock();
    const key = `${call.account}/${call.region}/${spec.id}`;
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      bucket = new ReservingBucket(spec, this.#toleranceMs, now);
      this.#buckets.set(key, bucket);
    }
    const waitMs = bucket.reserve(now);
    this.#stats.calls += 1;
    if (waitMs <= 0) return;
    this.#stats.delayed += 1;
    this.#stats.waitedMs += waitMs;
    await this.#sleep(waitMs);
  }

  get stats(): Readonly<RateLimiterStats> {
    return { ...this.#stats };
  }
}

export interface RateLimitScope {
  limiter: RateLimiter;
  account: string;
  region: string;
  /** The IAM service prefix. */
  service: string;
}

export function rateLimitMiddleware(
  scope: RateLimitScope,
): FinalizeRequestMiddleware<object, MetadataBearer> {
  return (next, context) => async (args) => {
    await scope.limiter.acquire({
      account: scope.account,
      region: scope.region,
      service: scope.service,
      action: (context.commandName ?? "UnknownCommand").replace(/Command$/, ""),
      input: args.input as Record<string, unknown>,
    });
    return next(args);
  };
}

/** Beneath the SDK's retry (each attempt takes a token), before signing and the transport. */
export const rateLimitMiddlewareOptions: RelativeMiddlewareOptions & { name: string; override: boolean } = {
  name: "awsCoworkerRateLimit",
  relation: "before",
  toMiddleware: "httpSigningMiddleware",
  override: true,
};
