/**
 * Configurable faults and limits: latency, failures (throttling, 5xx, timeouts, access
 * denied, expired credentials, disabled regions) for the next N matching calls or for every
 * one, and token-bucket rate limits. Rules match calls by service, action, account, region
 * and profile, each a glob (`Describe*`, `us-*`); an omitted field matches anything.
 */
import { matchesGlob } from "./glob.js";
import { awsRateLimitBuckets, type BucketSpec } from "./rate-limits.js";
import { TokenBucket } from "./token-bucket.js";
import type { SandboxService } from "./types.js";

export interface FaultMatch {
  service?: string;
  action?: string;
  account?: string;
  region?: string;
  profile?: string;
}

export type FaultKind =
  /** The service's throttling error (RequestLimitExceeded, Throttling, SlowDown, TooManyRequestsException). */
  | "throttle"
  /** 500: InternalError / InternalFailure / ServiceFailure / ServiceException. */
  | "server-error"
  /** 503: ServiceUnavailable. */
  | "unavailable"
  /** No answer: after the rule's latency, the call fails with a TimeoutError (a network error). */
  | "timeout"
  /** UnauthorizedOperation / AccessDenied / AccessDeniedException. */
  | "access-denied"
  /** RequestExpired / ExpiredToken / ExpiredTokenException. */
  | "expired-credentials"
  /** As if the account had not enabled the region (AuthFailure, InvalidClientTokenId…). */
  | "region-disabled";

export interface FaultRule {
  match?: FaultMatch;
  /** Delay every matching call by this much (on the injected sleep). */
  latencyMs?: number;
  fail?: FaultKind;
  /** Fail only the next `times` matching calls; absent: fail every one. */
  times?: number;
}

export interface RateLimitRule {
  match?: FaultMatch;
  capacity: number;
  refillPerSecond: number;
}

export interface SandboxFaults {
  rules?: FaultRule[];
  /**
   * `"aws"`: AWS's published EC2 throttling and documented approximations for the other
   * services (rate-limits.ts). A list: the first matching rule gives the bucket of each API.
   * Absent: no rate limits.
   */
  rateLimits?: "aws" | RateLimitRule[];
}

export interface CallFacts {
  service: SandboxService;
  action: string;
  account: string;
  region: string;
  profile: string;
  input: Record<string, unknown>;
}

export interface FaultDecision {
  latencyMs: number;
  fail?: FaultKind;
}

function matches(match: FaultMatch | undefined, call: CallFacts): boolean {
  if (match === undefined) return true;
  const pairs: [string | undefined, string][] = [
    [match.service, call.service],
    [match.action, call.action],
    [match.account, call.account],
    [match.region, call.region],
    [match.profile, call.profile],
  ];
  return pairs.every(([pattern, value]) => pattern === undefined || matchesGlob(pattern, value));
}

/** Decides, call by call, what the configured faults do. Holds the `times` counters and buckets. */
export class FaultEngine {
  readonly #rules: { rule: FaultRule; remaining: number }[];
  readonly #rateLimits: SandboxFaults["rateLimits"];
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #clock: () => number;

  constructor(faults: SandboxFaults, clock: () => number) {
    this.#rules = (faults.rules ?? []).map((rule) => ({
      rule,
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
    }));
    this.#rateLimits = faults.rateLimits;
    this.#clock = clock;
  }

  decide(call: CallFacts): FaultDecision {
    let latencyMs = 0;
    let fail: FaultKind | undefined;
    for (const entry of this.#rules) {
      if (!matches(entry.rule.match, call)) continue;
      latencyMs += entry.rule.latencyMs ?? 0;
      if (fail === undefined && entry.rule.fail !== undefined && entry.remaining > 0) {
        entry.remaining -= 1;
        fail = entry.rule.fail;
      }
    }
    if (fail === undefined && !this.#takeTokens(call)) fail = "throttle";
    return fail === undefined ? { latencyMs } : { latencyMs, fail };
  }

  #bucketSpecs(call: CallFacts): BucketSpec[] {
    const limits = this.#rateLimits;
    if (limits === undefined) return [];
    if (limits === "aws") return awsRateLimitBuckets(call.service, call.action, call.input);
    const rule = limits.find((r) => matches(r.match, call));
    return rule === undefined
      ? []
      : [{ key: "request", capacity: rule.capacity, refillPerSecond: rule.refillPerSecond, cost: 1 }];
  }

  /** Take from every bucket the call draws on, all or nothing. */
  #takeTokens(call: CallFacts): boolean {
    const specs = this.#bucketSpecs(call);
    if (specs.length === 0) return true;
    const now = this.#clock();
    const buckets = specs.map((spec) => {
      const key = `${call.account}|${call.region}|${call.service}|${call.action}|${spec.key}`;
      let bucket = this.#buckets.get(key);
      if (bucket === undefined) {
        bucket = new TokenBucket(spec.capacity, spec.refillPerSecond, now);
        this.#buckets.set(key, bucket);
      }
      return { bucket, cost: spec.cost };
    });
    if (buckets.some(({ bucket, cost }) => bucket.available(now) < cost)) return false;
    for (const { bucket, cost } of buckets) bucket.take(now, cost);
    return true;
  }
}
