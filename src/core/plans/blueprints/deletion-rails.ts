/**
 * The deletion rails every destructive blueprint applies before it drafts a step: a resource
 * carrying the protection tag (`plans.protectTag`: key=value, or untilKey with a date not yet
 * past) is never included, and one AWS itself protects (an instance's termination protection…)
 * is left out, never unprotected. What is left out is said in the plan's notes. Pure: "now" is
 * the injected clock's.
 */
import type { Config } from "../../config/schema.js";

export type ProtectTag = Config["plans"]["protectTag"];

/** Why the resource's tags protect it, or undefined when they do not. */
export function protectionByTag(
  tags: Readonly<Record<string, string>>,
  protect: ProtectTag,
  now: Date,
): string | undefined {
  const value = tags[protect.key];
  if (value !== undefined && value.toLowerCase() === protect.value.toLowerCase())
    return `tagged ${protect.key}=${value}`;
  const until = tags[protect.untilKey];
  if (until !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(until)) {
    // Protected until the end of that day (UTC).
    if (now.toISOString().slice(0, 10) <= until) return `tagged ${protect.untilKey}=${until}`;
  }
  return undefined;
}

export interface DeletionCandidate {
  id: string;
  /** A readable label: the type and name or id, e.g. `ec2:instance web-1 (i-0abc…)`. */
  label: string;
  tags: Readonly<Record<string, string>>;
  /** Set when AWS protects the resource (e.g. `termination protection (disableApiTermination)`). */
  awsProtection?: string;
}

export interface RailsOutcome<T extends DeletionCandidate> {
  kept: T[];
  /** One note per resource left out, saying why. */
  notes: string[];
}

export function applyDeletionRails<T extends DeletionCandidate>(
  candidates: readonly T[],
  protect: ProtectTag,
  now: Date,
): RailsOutcome<T> {
  const kept: T[] = [];
  const notes: string[] = [];
  for (const c of candidates) {
    const byTag = protectionByTag(c.tags, protect, now);
    if (byTag !== undefined) {
      notes.push(`Protected, left out: ${c.label} is ${byTag} (plans.protectTag).`);
      continue;
    }
    if (c.awsProtection !== undefined) {
      notes.push(
        `Protected, left out: ${c.label} has ${c.awsProtection}; it is not turned off — lift it yourself if it really must go, then draft the plan again.`,
      );
      continue;
    }
    kept.push(c);
  }
  return { kept, notes };
}
