/**
 * Progress of a partitioned run, built from its spans: which partitions are queued, running,
 * done or failed, per account (the first segment of a partition id, `<account>/<region>/…`),
 * the overall percentage and the time left (from the pace so far). Pure state: a host feeds
 * it the plan (the CW_ORC_I0002 message's data) and the spans, and draws `snapshot()`.
 */
import type { SpanEnd, SpanStart } from "../core/io-host.js";

/** The data of the CW_ORC_I0002 message: what the run is about to read. */
export interface ProgressPlanData {
  total: number;
  resumed: number;
  pending: string[];
}

export function isProgressPlanData(data: unknown): data is ProgressPlanData {
  const d = data as Partial<ProgressPlanData> | undefined;
  return typeof d?.total === "number" && typeof d.resumed === "number" && Array.isArray(d.pending);
}

export interface RunningPartition {
  id: string;
  label: string;
  startedAt: number;
}

export interface AccountProgress {
  account: string;
  queued: number;
  running: number;
  done: number;
  failed: number;
  resources: number;
  /** Every counter its finished partitions reported, summed (e.g. `resources`, or `pages` and `events`). */
  counters: Record<string, number>;
}

export interface ProgressSnapshot {
  /** Partitions of the run, resumed ones included. */
  total: number;
  resumed: number;
  done: number;
  failed: number;
  running: RunningPartition[];
  queued: number;
  /** 0–100, resumed and failed partitions count as finished. */
  percent: number;
  /** Undefined until a partition has finished in this run. */
  secondsLeft: number | undefined;
  elapsedSeconds: number;
  accounts: AccountProgress[];
}

const accountOf = (id: string) => id.split("/")[0] ?? id;

export class ProgressBoard {
  private total = 0;
  private resumed = 0;
  private startedAt: number | undefined;
  private readonly running = new Map<string, RunningPartition>();
  private readonly accounts = new Map<string, AccountProgress>();
  private done = 0;
  private failed = 0;

  constructor(private readonly clock: () => number) {}

  get hasPlan(): boolean {
    return this.total > 0;
  }

  plan(data: ProgressPlanData): void {
    this.total = data.total;
    this.resumed = data.resumed;
    this.startedAt = this.clock();
    for (const id of data.pending) this.account(accountOf(id)).queued++;
  }

  start(span: SpanStart): void {
    this.startedAt ??= this.clock();
    const a = this.account(accountOf(span.id));
    if (a.queued > 0) a.queued--;
    a.running++;
    this.running.set(span.id, { id: span.id, label: span.label, startedAt: this.clock() });
  }

  end(span: SpanEnd): void {
    const a = this.account(accountOf(span.id));
    if (this.running.delete(span.id)) a.running--;
    if (span.ok) {
      this.done++;
      a.done++;
      a.resources += span.counters["resources"] ?? 0;
      for (const [name, n] of Object.entries(span.counters)) a.counters[name] = (a.counters[name] ?? 0) + n;
    } else {
      this.failed++;
      a.failed++;
    }
  }

  snapshot(): ProgressSnapshot {
    const now = this.clock();
    const finished = this.done + this.failed;
    const total = Math.max(this.total, this.resumed + finished + this.running.size);
    const queued = Math.max(0, total - this.resumed - finished - this.running.size);
    const elapsed = this.startedAt === undefined ? 0 : (now - this.startedAt) / 1000;
    const remaining = queued + this.running.size;
    return {
      total,
      resumed: this.resumed,
      done: this.done,
      failed: this.failed,
      running: [...this.running.values()],
      queued,
      percent: total === 0 ? 0 : Math.floor(((this.resumed + finished) / total) * 100),
      secondsLeft: finished === 0 ? undefined : (elapsed / finished) * remaining,
      elapsedSeconds: elapsed,
      accounts: [...this.accounts.values()],
    };
  }

  private account(id: string): AccountProgress {
    let a = this.accounts.get(id);
    if (a === undefined) {
      a = { account: id, queued: 0, running: 0, done: 0, failed: 0, resources: 0, counters: {} };
      this.accounts.set(id, a);
    }
    return a;
  }
}
