/** IPv4 CIDR arithmetic for subnets and private addresses. */
export function ipToInt(ip: string): number {
  const parts = ip.split(".").map(Number);
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export function parseCidr(cidr: string): { base: number; size: number } {
  const [ip = "0.0.0.0", bits = "32"] = cidr.split("/");
  const prefix = Number(bits);
  return { base: ipToInt(ip), size: 2 ** (32 - prefix) };
}

export function isIpv4Cidr(text: string): boolean {
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d|[12]\d|3[0-2])$/.test(text);
}

/** AWS reserves the first four and the last address of every subnet. */
export const RESERVED_PER_SUBNET = 5;

/** The n-th usable private address of a subnet (n from 0). */
export function subnetAddress(cidr: string, n: number): string {
  const { base } = parseCidr(cidr);
  return intToIp(base + 4 + n);
}

/** The prefix length of an IPv4 CIDR (`10.0.0.0/16` → 16). */
export function prefixLength(cidr: string): number {
  return Number(cidr.split("/")[1] ?? "32");
}

/** Whether the CIDR's address is its network address (no host bits set). */
export function isNetworkAddress(cidr: string): boolean {
  const { base, size } = parseCidr(cidr);
  return base % size === 0;
}

/** Whether `inner` lies entirely inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return i.base >= o.base && i.base + i.size <= o.base + o.size;
}

/** Whether two CIDR blocks share any address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return x.base < y.base + y.size && y.base < x.base + x.size;
}
