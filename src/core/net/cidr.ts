/**
 * CIDR arithmetic for IPv4 and IPv6 (security group rules): parse, and whether one block
 * contains another. Pure and exact (IPv6 with BigInt).
 */
export interface CidrBlock {
  version: 4 | 6;
  /** The network address as a number of `bits` bits, host bits cleared. */
  network: bigint;
  prefix: number;
}

/** Parse `10.0.0.0/8` or `2001:db8::/32`; undefined when it is not a CIDR block. */
export function parseCidr(text: string): CidrBlock | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const value = address.includes(":") ? parseIpv6(address) : parseIpv4(address);
  if (value === undefined) return undefined;
  const version = address.includes(":") ? 6 : 4;
  const bits = version === 4 ? 32 : 128;
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  return { version, network: (value >> hostBits) << hostBits, prefix };
}

/** True when every address of `inner` is in `outer` (same IP version). */
export function cidrContains(outer: CidrBlock, inner: CidrBlock): boolean {
  if (outer.version !== inner.version || outer.prefix > inner.prefix) return false;
  const bits = outer.version === 4 ? 32 : 128;
  const hostBits = BigInt(bits - outer.prefix);
  return inner.network >> hostBits === outer.network >> hostBits;
}

/** True for 0.0.0.0/0 and ::/0: the whole internet. */
export function isWorld(cidr: string): boolean {
  const block = parseCidr(cidr);
  return block !== undefined && block.prefix === 0;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string | undefined) => (s === undefined || s === "" ? [] : s.split(":"));
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  let value = 0n;
  for (const group of [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}
