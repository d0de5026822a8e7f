/**
 * Virtual time for tests of code that waits: `sleep` registers a timer, and the clock moves
 * only when every pending promise has settled (the next macrotask), straight to the earliest
 * timer. So work in flight never sees time pass, and nothing waits for real.
 */
export interface VirtualTime {
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Every sleep asked for, in order. */
  slept: number[];
  advance: (ms: number) => void;
}

export function virtualTime(start = 1_000_000): VirtualTime {
  let now = start;
  let seq = 0;
  const timers: { due: number; seq: number; resolve: () => void }[] = [];
  const slept: number[] = [];
  let scheduled = false;

  function fireNext(): void {
    scheduled = false;
    if (timers.length === 0) return;
    timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
    const due = (timers[0] as (typeof timers)[number]).due;
    now = Math.max(now, due);
    while (timers.length > 0 && (timers[0] as (typeof timers)[number]).due <= now) timers.shift()?.resolve();
    schedule();
  }

  function schedule(): void {
    if (scheduled || timers.length === 0) return;
    scheduled = true;
    setImmediate(fireNext);
  }

  return {
    clock: () => now,
    sleep: (ms) => {
      slept.push(ms);
      return new Promise<void>((resolve) => {
        timers.push({ due: now + Math.max(0, ms), seq: seq++, resolve });
        schedule();
      });
    },
    slept,
    advance: (ms) => void (now += ms),
  };
}
