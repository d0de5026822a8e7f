/** AWS tag lists (`[{Key, Value}]`) as a plain map; entries without a key are skipped. */
export function tagMap(
  tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined,
): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags ?? []) {
    if (tag.Key !== undefined) map[tag.Key] = tag.Value ?? "";
  }
  return map;
}

/** The `Name` tag, when there is one and it is not blank. */
export function nameTag(tags: Readonly<Record<string, string>>): string | undefined {
  const name = tags["Name"];
  return name === undefined || name.trim() === "" ? undefined : name;
}

/** An SDK date (or date-like string) as ISO 8601, or null. */
export function isoDate(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return value;
}
