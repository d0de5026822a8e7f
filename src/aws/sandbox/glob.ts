/**
 * Glob patterns: `*` matches any run of characters, `?` one character, everything else itself
 * (case-sensitive). EC2 filter values and fault-rule patterns use them.
 */
export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "s");
}

export function matchesGlob(pattern: string, value: string): boolean {
  if (!pattern.includes("*") && !pattern.includes("?")) return pattern === value;
  return globToRegExp(pattern).test(value);
}
