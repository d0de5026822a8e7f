/**
 * A token bucket as AWS describes its API throttling: a bucket holds at most `capacity`
 * tokens, refills continuously at `refillPerSecond`, and each request takes one token (or
 * `cost` tokens for resource buckets). A request that finds too few tokens is throttled and
 * takes none. Time comes from the caller, so tests drive it with a fake clock.
 */
export class TokenBucket {
  readonly capacity: number;
  readonly refillPerSecond: number;
  #tokens: number;
  #last: number;

  constructor(capacity: number, refillPerSecond: number, nowMs: number) {
    this.capacity = capacity;
    this.refillPerSecond = refillPerSecond;
    this.#tokens = capacity;
    this.#last = nowMs;
  }

  /** Tokens available at `nowMs` (after refilling). */
  available(nowMs: number): number {
    this.#refill(nowMs);
    return this.#tokens;
  }

  /** Take `cost` tokens if there are enough; false (and nothing taken) otherwise. */
  take(nowMs: number, cost = 1): boolean {
    this.#refill(nowMs);
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }

  #refill(nowMs: number): void {
    const elapsed = Math.max(0, nowMs - this.#last) / 1000;
    this.#tokens = Math.min(this.capacity, this.#tokens + elapsed * this.refillPerSecond);
    this.#last = Math.max(this.#last, nowMs);
  }
}
