/** CIDR parsing and containment, IPv4 and IPv6. */
import { describe, expect, it } from "vitest";
import { cidrContains, isWorld, parseCidr, type CidrBlock } from "../../../src/core/net/cidr.js";

const block = (text: string): CidrBlock => {
  const b = parseCidr(text);
  if (b === undefined) throw new Error(`${text} should parse`);
  return b;
};

describe("parseCidr", () => {
  it.each<[string, CidrBlock]>([
    ["10.0.0.0/8", { version: 4, network: 0x0a000000n, prefix: 8 }],
    ["0.0.0.0/0", { version: 4, network: 0n, prefix: 0 }],
    ["255.255.255.255/32", { version: 4, network: 0xffffffffn, prefix: 32 }],
    ["192.168.1.77/24", { version: 4, network: 0xc0a80100n, prefix: 24 }],
    ["::/0", { version: 6, network: 0n, prefix: 0 }],
    ["::1/128", { version: 6, network: 1n, prefix: 128 }],
    ["2001:db8::/32", { version: 6, network: 0x20010db8n << 96n, prefix: 32 }],
    ["2001:DB8:0:0:0:0:0:1/128", { version: 6, network: (0x20010db8n << 96n) | 1n, prefix: 128 }],
    [
      "2001:db8:1:2:3:4:5::/64",
      { version: 6, network: (0x20010db8n << 96n) | (1n << 80n) | (2n << 64n), prefix: 64 },
    ],
    ["fe80::/10", { version: 6, network: 0xfe80n << 112n, prefix: 10 }],
  ])("parses %s (host bits cleared)", (text, expected) => {
    expect(parseCidr(text)).toEqual(expected);
  });

  it.each([
    "256.1.1.1/8",
    "10.0.0.0/33",
    "10.0.0.0",
    "10.0.0.0/",
    "10.0.0/8",
    "10.0.0.0.0/8",
    "10.0.0.-1/8",
    "10.0.0.0/-1",
    "10.0.0.0/8/8",
    " 10.0.0.0/8",
    "a.b.c.d/8",
    "1234.0.0.0/8",
    "::1::/64",
    "::/129",
    "1:2:3:4:5:6:7:8:9/128",
    "1:2:3:4:5:6:7/128",
    "1:2:3:4:5:6:7:8::/128",
    "12345::/16",
    "g::/16",
    ":1::/64",
    "fe80::1%eth0/64",
    "/0",
    "",
  ])("rejects %j", (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe("cidrContains", () => {
  it.each<[string, string, boolean]>([
    ["10.0.0.0/8", "10.1.0.0/16", true],
    ["10.1.0.0/16", "10.0.0.0/8", false],
    ["10.0.0.0/8", "10.0.0.0/8", true],
    ["10.0.0.0/8", "11.0.0.0/16", false],
    ["10.0.0.0/16", "10.1.0.0/16", false],
    ["0.0.0.0/0", "203.0.113.7/32", true],
    ["203.0.113.7/32", "0.0.0.0/0", false],
    ["192.168.1.0/24", "192.168.1.128/25", true],
    ["192.168.1.128/25", "192.168.1.0/25", false],
    ["2001:db8::/32", "2001:db8:1::/48", true],
    ["2001:db8:1::/48", "2001:db8::/32", false],
    ["2001:db8::/32", "2001:db9::/48", false],
    ["::/0", "2001:db8::1/128", true],
    ["::/0", "10.0.0.0/8", false],
    ["0.0.0.0/0", "::/0", false],
    ["::ffff:0:0/96", "10.0.0.0/8", false],
  ])("%s contains %s: %s", (outer, inner, contains) => {
    expect(cidrContains(block(outer), block(inner))).toBe(contains);
  });
});

describe("isWorld", () => {
  it.each<[string, boolean]>([
    ["0.0.0.0/0", true],
    ["::/0", true],
    ["10.0.0.0/0", true],
    ["0.0.0.0/1", false],
    ["128.0.0.0/1", false],
    ["::/1", false],
    ["10.0.0.0/8", false],
    ["0.0.0.0", false],
    ["not a cidr", false],
  ])("%s: %s", (cidr, world) => {
    expect(isWorld(cidr)).toBe(world);
  });
});
