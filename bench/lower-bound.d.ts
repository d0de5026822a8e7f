/** One call as the benchmark recorded it. */
export interface RecordedCall {
  account: string;
  region: string;
  /** The throttling bucket the call drew from: `id` is unique within an account and region. */
  bucket: { id: string; burst: number; refillPerSecond: number };
  /** Calls of one chain depend on each other (pages of one listing) and cannot overlap. */
  chain: string;
}

export interface BucketFigures {
  account: string;
  region: string;
  bucket: string;
  calls: number;
  burst: number;
  refillPerSecond: number;
  longestChain: number;
  /** Calls beyond the burst ÷ refill rate. */
  rateMs: number;
  /** Longest chain × latency. */
  chainMs: number;
  boundMs: number;
}

export interface LowerBound {
  boundMs: number;
  /** The group that sets the bound (undefined when there are no calls). */
  binding: BucketFigures | undefined;
  /** Every group, largest bound first. */
  groups: BucketFigures[];
}

export function lowerBound(calls: readonly RecordedCall[], options: { latencyMs: number }): LowerBound;

export class ChainTracker {
  chainOf(inputToken: string | undefined): string;
  answered(chain: string, outputToken: string | undefined): void;
}
