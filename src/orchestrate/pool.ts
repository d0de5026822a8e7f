/**
 * Run partitions of work in parallel, at most `concurrency` at a time, with a progress span
 * per partition. Every partition ends as an outcome, in input order: a failed partition is
 * reported, never dropped, and never stops the others. A RefusedError is the exception: the
 * safety model said no, so no more partitions start and the refusal propagates (once the
 * partitions already running have finished).
 *
 * Partitions can be grouped (`groupOf`): a worker takes a whole group and runs its partitions
 * one after another, e.g. every service of one account × region, so two workers never hammer
 * the same regional API limits at once. `inFlight` caps how many keys (e.g. accounts) have
 * work started and not yet finished, which bounds what is held per key (clients, credentials,
 * shared listings). An aborted `signal` starts nothing more; the partitions that never started
 * end as failed outcomes carrying an AbortError, with no span.
 */
import { AbortError, RefusedError } from "../core/errors.js";
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
  /** Partitions of one group run one after another on one worker; default: each is its own group. */
  groupOf?: (partition: P) => string;
  /** At most `limit` distinct keys have partitions started and not all finished. */
  inFlight?: { keyOf: (partition: P) => string; limit: number };
  /** Once aborted, no partition starts; the running ones finish. */
  signal?: AbortSignal;
}

interface Group {
  key: string;
  indices: number[];
  claimed: boolean;
}

export async function runPartitions<P, R>(
  partitions: readonly P[],
  run: (partition: P) => Promise<R>,
  options: RunPartitionsOptions<P, R>,
): Promise<PartitionOutcome<P, R>[]> {
  const now = options.now ?? (() => performance.now());
  const outcomes: PartitionOutcome<P, R>[] = new Array(partitions.length);
  let refusal: RefusedError | undefined;

  const groups: Group[] = [];
  const byName = new Map<string, Group>();
  partitions.forEach((partition, index) => {
    const name = options.groupOf?.(partition) ?? `#${index}`;
    let group = byName.get(name);
    if (group === undefined) {
      const key = options.inFlight?.keyOf(partition) ?? "";
      group = { key, indices: [], claimed: false };
      byName.set(name, group);
      groups.push(group);
    }
    group.indices.push(index);
  });

  const limit = Math.max(1, Math.floor(options.inFlight?.limit ?? Number.POSITIVE_INFINITY));
  const groupsLeft = new Map<string, number>();
  for (const g of groups) groupsLeft.set(g.key, (groupsLeft.get(g.key) ?? 0) + 1);
  const active = new Set<string>();
  let wake: (() => void) | undefined;
  let woken: Promise<void> | undefined;
  const waitForKey = () => (woken ??= new Promise<void>((resolve) => (wake = resolve)));
  const notify = () => {
    const w = wake;
    wake = undefined;
    woken = undefined;
    w?.();
  };

  const isStopped = () => refusal !== undefined || options.signal?.aborted === true;

  /** The next group a worker may take: one of an active key first, else one that opens a key. */
  function claim(): Group | "wait" | undefined {
    let unclaimed = false;
    for (const g of groups) {
      if (g.claimed) continue;
      unclaimed = true;
      if (active.has(g.key) || active.size < limit) {
        g.claimed = true;
        active.add(g.key);
        return g;
      }
    }
    return unclaimed ? "wait" : undefined;
  }

  async function runOne(index: number): Promise<void> {
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

  async function worker(): Promise<void> {
    for (;;) {
      if (isStopped()) return;
      const group = claim();
      if (group === undefined) return;
      if (group === "wait") {
        await waitForKey();
        continue;
      }
      for (const index of group.indices) {
        if (isStopped()) break;
        await runOne(index);
      }
      const left = (groupsLeft.get(group.key) ?? 1) - 1;
      groupsLeft.set(group.key, left);
      if (left === 0) active.delete(group.key);
      notify();
    }
  }

  const workers = Math.max(1, Math.min(Math.floor(options.concurrency), groups.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  if (refusal !== undefined) throw refusal;
  for (let i = 0; i < partitions.length; i++) {
    if (outcomes[i] === undefined) {
      outcomes[i] = {
        ok: false,
        partition: partitions[i] as P,
        error: new AbortError("not started: the run was interrupted"),
      };
    }
  }
  return outcomes;
}
