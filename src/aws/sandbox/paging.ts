/**
 * Opaque pagination tokens and page slicing shared by every paginated operation.
 * A token encodes the operation it belongs to and the offset of the next item, so a token
 * from another operation, a tampered one, or one past the end is refused as AWS would.
 */
const PREFIX = "sbx1";

export function encodeToken(action: string, offset: number): string {
  return Buffer.from(`${PREFIX}:${action}:${offset}`, "utf8").toString("base64url");
}

/**
 * The offset a token points at, or undefined when the token is not one this action issued.
 * An offset past the end (items were deleted meanwhile) is valid and yields an empty page.
 */
export function decodeToken(action: string, token: string): number | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const [prefix, tokenAction, rawOffset, ...rest] = Buffer.from(token, "base64url")
    .toString("utf8")
    .split(":");
  if (prefix !== PREFIX || tokenAction !== action || rest.length > 0 || rawOffset === undefined)
    return undefined;
  if (!/^\d+$/.test(rawOffset)) return undefined;
  const offset = Number(rawOffset);
  return offset > 0 ? offset : undefined;
}

export interface Page<T> {
  items: T[];
  /** The token for the next page; absent on the last page. */
  nextToken?: string;
}

/** Slice `items` from `start`, at most `size` of them, with the token for the rest. */
export function slicePage<T>(action: string, items: readonly T[], start: number, size: number): Page<T> {
  const end = Math.min(items.length, start + size);
  const page = items.slice(start, end);
  return end < items.length ? { items: page, nextToken: encodeToken(action, end) } : { items: page };
}

/**
 * The page starting where `token` points (or at the start), refusing a token this action did
 * not issue with the service's own error.
 */
export function pageFrom<T>(
  action: string,
  items: readonly T[],
  token: string | undefined,
  size: number,
  invalidToken: () => Error,
): Page<T> {
  let start = 0;
  if (token !== undefined && token !== "") {
    const offset = decodeToken(action, token);
    if (offset === undefined) throw invalidToken();
    start = offset;
  }
  return slicePage(action, items, start, size);
}
