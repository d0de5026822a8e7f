/**
 * "Did you mean …?" for user input: the candidates closest to a misspelt value, by edit
 * distance (Levenshtein, case-insensitive). Used by region validation and config messages.
 */
export interface ClosestOptions {
  /** At most this many suggestions (default 3). */
  max?: number;
  /** Ignore candidates further than this many edits away (default: a third of the input, at least 2). */
  maxDistance?: number;
}

export function closestMatches(
  input: string,
  candidates: readonly string[],
  options: ClosestOptions = {},
): string[] {
  const needle = input.toLowerCase();
  const limit = options.maxDistance ?? Math.max(2, Math.floor(needle.length / 3));
  return candidates
    .map((candidate) => ({ candidate, distance: distanceTo(needle, candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, options.max ?? 3)
    .map(({ candidate }) => candidate);
}

/** Edit distance, or — for inputs of 3+ characters — one more than the distance to the candidate's start ("prodd" → "production"). */
function distanceTo(needle: string, candidate: string): number {
  const whole = editDistance(needle, candidate);
  if (needle.length < 3 || candidate.length <= needle.length) return whole;
  return Math.min(whole, editDistance(needle, candidate.slice(0, needle.length)) + 1);
}

/** The number of single-character insertions, deletions or substitutions between a and b. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
