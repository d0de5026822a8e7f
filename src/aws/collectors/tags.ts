/** AWS tag lists (`[{Key, Value}]`) as a plain map, keys sorted; entries without a key are skipped. */
export function tagMap(
  tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined,
): Record<string, string> {
  const entries: [string, string][] = [];
  for (const tag of tags ?? []) {
    if (tag.Key !== undefined) entries.push([tag.Key, tag.Value ?? ""]);
  }
  return sortedTags(Object.fromEntries(entries));
}

/** A tag map with its keys in code-unit order, so the same tags always serialise the same way. */
export function sortedTags(tags: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const keys = Object.keys(tags ?? {}).sort();
  return Object.fromEntries(keys.map((k) => [k, tags?.[k] ?? ""]));
}

/** The `Name` tag, when there is one and it is not blank. */
export function nameTag(tags: Readonly<Record<string, string>>): string | undefined {
  const name = tags["Name"];
  return name === undefined || name.trim() === "" ? undefined : name;
}

/** An SDK date (or a date string such as Lambda's `2026-10-01T12:00:00.000+0000`) as ISO 8601 UTC, or null. */
export function isoDate(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return typeof value === "string" ? value : null;
  return date.toISOString();
}
