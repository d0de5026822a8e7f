/** Ages of resources in whole days, from ISO timestamps and the injected clock. */
const DAY_MS = 86_400_000;

/** Whole days from `iso` to `now`; undefined when `iso` is absent or not a date. */
export function ageInDays(iso: string | undefined, now: Date): number | undefined {
  if (iso === undefined) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : Math.floor((now.getTime() - t) / DAY_MS);
}

/**
 * When an instance stopped, from AWS's StateTransitionReason (`User initiated (2026-09-01
 * 10:00:00 GMT)`); undefined when the reason carries no time.
 */
export function stoppedAt(stateTransitionReason: string | undefined): string | undefined {
  const m = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) GMT\)/.exec(stateTransitionReason ?? "");
  return m === null ? undefined : `${m[1]}T${m[2]}.000Z`;
}
