/** What the security group checks share: ports, ranges and peers of a rule, in words. */
import type { SecurityGroupRule } from "../../audit/records.js";
import type { EvidenceObject } from "../../findings/finding.js";

/** Ports whose exposure to the internet is critical: remote administration and databases. */
export const CRITICAL_PORTS: Readonly<Record<number, string>> = {
  20: "FTP data",
  21: "FTP",
  22: "SSH",
  23: "Telnet",
  135: "Windows RPC",
  445: "SMB",
  1433: "SQL Server",
  1521: "Oracle",
  2049: "NFS",
  2375: "Docker API",
  3306: "MySQL/Aurora",
  3389: "RDP",
  5432: "PostgreSQL",
  5439: "Redshift",
  5601: "Kibana",
  5900: "VNC",
  6379: "Redis",
  9200: "Elasticsearch",
  11211: "Memcached",
  27017: "MongoDB",
};

/** Web ports: open to the internet on purpose in front of load balancers. */
export const WEB_PORTS: readonly number[] = [80, 443];

/** True when the rule allows traffic of every protocol. */
export function isAllTraffic(rule: SecurityGroupRule): boolean {
  return rule.protocol === "-1" || rule.protocol === "all";
}

/** The rule's port range, [from, to]; all ports for all traffic or a protocol without ports. */
export function portRange(rule: SecurityGroupRule): [number, number] {
  if (isAllTraffic(rule) || rule.fromPort === undefined || rule.toPort === undefined) return [0, 65535];
  if (isIcmp(rule)) return [rule.fromPort, rule.toPort];
  // tcp/udp with -1 (all ports) as some tools write it.
  if (rule.fromPort < 0 || rule.toPort < 0) return [0, 65535];
  return [rule.fromPort, rule.toPort];
}

/** True for ICMP and ICMPv6 rules, whose "ports" are an ICMP type (fromPort) and code (toPort). */
export function isIcmp(rule: SecurityGroupRule): boolean {
  return ["icmp", "icmpv6", "1", "58"].includes(rule.protocol);
}

/** An ICMP rule's type and code; undefined for all types / all codes (AWS writes -1). */
export function icmpTypeCode(rule: SecurityGroupRule): {
  type: number | undefined;
  code: number | undefined;
} {
  const type = rule.fromPort === undefined || rule.fromPort < 0 ? undefined : rule.fromPort;
  const code = type === undefined || rule.toPort === undefined || rule.toPort < 0 ? undefined : rule.toPort;
  return { type, code };
}

/** True when the rule carries TCP or UDP traffic (or all traffic), the protocols ports apply to. */
export function hasPorts(rule: SecurityGroupRule): boolean {
  return isAllTraffic(rule) || ["tcp", "udp", "6", "17"].includes(rule.protocol);
}

/** True when a TCP/UDP (or all-traffic) rule lets `port` through. */
export function coversPort(rule: SecurityGroupRule, port: number): boolean {
  if (!hasPorts(rule)) return false;
  const [from, to] = portRange(rule);
  return from <= port && port <= to;
}

/** The number of ports the rule opens (65,536 for all traffic). */
export function portCount(rule: SecurityGroupRule): number {
  const [from, to] = portRange(rule);
  return to - from + 1;
}

/** `tcp 22`, `tcp 8000-9000`, `all traffic`, `icmp type 8`. */
export function describePorts(rule: SecurityGroupRule): string {
  if (isAllTraffic(rule)) return "all traffic";
  if (isIcmp(rule)) {
    const { type, code } = icmpTypeCode(rule);
    if (type === undefined) return `${rule.protocol} all types`;
    return code === undefined
      ? `${rule.protocol} type ${type}`
      : `${rule.protocol} type ${type} code ${code}`;
  }
  const [from, to] = portRange(rule);
  const ports = from === 0 && to === 65535 ? "all ports" : from === to ? `${from}` : `${from}-${to}`;
  return `${rule.protocol} ${ports}`;
}

export function describePeer(rule: SecurityGroupRule): string {
  switch (rule.peer.kind) {
    case "ipv4":
    case "ipv6":
      return rule.peer.cidr;
    case "group":
      return rule.peer.groupId;
    case "prefix-list":
      return rule.peer.prefixListId;
  }
}

/** A rule as evidence: protocol, ports, peer and its description. */
export function ruleEvidence(rule: SecurityGroupRule): EvidenceObject {
  return {
    protocol: rule.protocol,
    ports: describePorts(rule),
    peer: describePeer(rule),
    description: rule.description ?? null,
  };
}
