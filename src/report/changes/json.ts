/**
 * The changes review as JSON: the whole ChangesResult (events included), two-space indented;
 * absent optional values are written as null.
 */
import type { ChangesResult } from "../../core/changes/changes-result.js";

export function renderChangesJson(result: ChangesResult): string {
  return `${JSON.stringify(result, (_key, value: unknown) => (value === undefined ? null : value), 2)}\n`;
}
