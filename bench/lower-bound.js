// The lower bound on the wall time of a set of API calls under per-bucket rate limits and a
// fixed latency per call. No schedule can beat it:
//
//   for each account × region × throttling bucket, the larger of
//     - its calls beyond the bucket's burst ÷ the bucket's refill rate, and
//     - its longest chain of dependent calls (pages of one listing) × the latency;
//   the bound is the largest of these.
//
// Pure: it takes the recorded calls (bench/inventory-at-scale.js records them at the sandbox)
// and returns the bound, the group that sets it, and every group's figures.

/**
 * @param {readonly import("./lower-bound.js").RecordedCall[]} calls
 * @param {{latencyMs: number}} options
 * @returns {import("./lower-bound.js").LowerBound}
 */
export function lowerBound(calls, options) {
  const { latencyMs } = options;
  /** @type {Map<string, number>} calls per chain */
  const chainLength = new Map();
  for (const call of calls) chainLength.set(call.chain, (chainLength.get(call.chain) ?? 0) + 1);

  /** @type {Map<string, {account: string, region: string, bucket: string, calls: number, burst: number, refillPerSecond: number, longestChain: number}>} */
  const groups = new Map();
  for (const call of calls) {
    const key = `${call.account}|${call.region}|${call.bucket.id}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        account: call.account,
        region: call.region,
        bucket: call.bucket.id,
        calls: 0,
        burst: call.bucket.burst,
        refillPerSecond: call.bucket.refillPerSecond,
        longestChain: 0,
      };
      groups.set(key, group);
    }
    group.calls += 1;
    group.longestChain = Math.max(group.longestChain, chainLength.get(call.chain) ?? 1);
  }

  const figures = [...groups.values()].map((g) => {
    const rateMs =
      g.refillPerSecond === Number.POSITIVE_INFINITY
        ? 0
        : (Math.max(0, g.calls - g.burst) / g.refillPerSecond) * 1000;
    const chainMs = g.longestChain * latencyMs;
    return { ...g, rateMs, chainMs, boundMs: Math.max(rateMs, chainMs) };
  });
  figures.sort(
    (a, b) =>
      b.boundMs - a.boundMs ||
      cmp(a.account, b.account) ||
      cmp(a.region, b.region) ||
      cmp(a.bucket, b.bucket),
  );
  const binding = figures[0];
  return { boundMs: binding?.boundMs ?? 0, binding, groups: figures };
}

/**
 * Links pages into chains as the calls are made: a call that carries a pagination token
 * continues the chain whose answer returned that token; any other call starts a chain.
 */
export class ChainTracker {
  #next = 0;
  /** @type {Map<string, string>} */
  #byToken = new Map();

  /**
   * @param {string | undefined} inputToken the token the call sends (NextToken, Marker…)
   * @returns {string} the call's chain id
   */
  chainOf(inputToken) {
    const known = inputToken === undefined ? undefined : this.#byToken.get(inputToken);
    // Tokens are kept: a retried page (after a throttle) sends the same token again.
    return known ?? `c${this.#next++}`;
  }

  /**
   * @param {string} chain
   * @param {string | undefined} outputToken the token the answer returned, if any
   */
  answered(chain, outputToken) {
    if (outputToken !== undefined && outputToken !== "") this.#byToken.set(outputToken, chain);
  }
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
