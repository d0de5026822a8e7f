/**
 * Run partitions of work in parallel, at most `concurrency` at a time, with a progress span
 * per partition. Every partition ends as an outcome, in input order: a failed partition is
 * reported, never dropped, and never stops the others. A RefusedError is the exception: the
 * safety model said no, so no more partitions start and the refusal propagates (once the
 * partitions already running have finished).
 */
import { RefusedError } from "../core/errors.js";
import type { IoHost, SpanStart } from "../core/io-host.js";

export type PartitionOutcome<P, R> =
  { ok: true; partition: P; value: R } | { ok: false; partition: P; error: unknown };

export interface RunPartitionsOptions<P, R> {
  /** At most this many partitions run at once (at least 1). */
  concurrency: number;
  io: IoHost;
  /** The span (id and label) that reports one partition's progress. */
  spanOf: (partition: P) => SpanStart;
  /** Counters reported when a partition succeeds, e.g. `{resources: 12}`. */
  countersOf?: (value: R) => Record<string, number>;
  /** Milliseconds clock for span durations. */
  now?: () => number;
}

export async function runPartitions<P, R>(
  partitions: readonly P[],
  run: (partition: P) => Promise<R>,
  options: RunPartitionsOptions<P, R>,
): Promise<PartitionOutcome<P, R>[]> {
  const now = options.now ?? (() => performance.now());
  const outcomes: PartitionOutcome<P, R>[] = new Array(partitions.length);
  let next = 0;
  let refusal: RefusedError | undefined;

  async function worker(): Promise<void> {
    while (refusal === undefined && next < partitions.length) {
      const index = next++;
      const partition = partitions[index] as P;
      const span = options.spanOf(partition);
      const started = now();
      options.io.spanStart(span);
      try {
        const value = await run(partition);
        outcomes[index] = { ok: true, partition, value };
        const counters = options.countersOf?.(value) ?? {};
        options.io.spanEnd({ ...span, ok: true, durationMs: now() - started, counters });
      } catch (error) {
        outcomes[index] = { ok: false, partition, error };
        const message = error instanceof Error ? error.message : String(error);
        options.io.spanEnd({ ...span, ok: false, durationMs: now() - started, counters: {}, error: message });
        if (error instanceof RefusedError) refusal ??= error;
      }
    }
  }

  const workers = Math.max(1, Math.min(Math.floor(options.concurrency), partitions.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  if (refusal !== undefined) throw refusal;
  return outcomes;
}
