/** The security group checks' edge cases: severities by port and peer, limits, references, redundancy. */
import { describe, expect, it } from "vitest";
import type { SecurityGroupRule } from "../../../src/core/audit/records.js";
import { sgOpenIngress } from "../../../src/core/checks/ec2/sg-open-ingress.js";
import { sgRedundantRule } from "../../../src/core/checks/ec2/sg-redundant-rule.js";
import { sgUnused } from "../../../src/core/checks/ec2/sg-unused.js";
import { sgWidePortRange } from "../../../src/core/checks/ec2/sg-wide-port-range.js";
import { sgDefaultAllowsTraffic } from "../../../src/core/checks/ec2/sg-default-allows-traffic.js";
import { describePorts } from "../../../src/core/checks/ec2/rules.js";
import type { Severity } from "../../../src/core/findings/severity.js";
import {
  loadBalancer,
  networkInterface,
  rule,
  runChecks,
  securityGroup,
  summaryOf,
  type RunOptions,
} from "./_records.js";
import type { AuditRecord } from "../../../src/core/audit/records.js";
import type { AnyCheck } from "../../../src/core/checks/check.js";

const albEni = (id: string, groupId: string) =>
  networkInterface(id, {
    isRequesterManaged: true,
    interfaceType: "interface",
    description: "ELB app/web/50dc6c495c0c9188",
    securityGroupIds: [groupId],
  });

function only(check: AnyCheck, records: AuditRecord[], o?: RunOptions) {
  const evaluation = runChecks([check], records, o);
  return { findings: evaluation.findings, summary: summaryOf(evaluation, check.id) };
}

describe("ec2.sg-open-ingress", () => {
  const web = loadBalancer("lb-web", { securityGroupIds: ["sg-1"] });
  it.each<[string, SecurityGroupRule[], AuditRecord[], Severity, string]>([
    ["SSH from 0.0.0.0/0", [rule("tcp", 22, 22, "0.0.0.0/0")], [], "critical", "tcp 22 (SSH)"],
    ["SSH from ::/0", [rule("tcp", 22, 22, "::/0")], [], "critical", "tcp 22 (SSH)"],
    ["RDP", [rule("tcp", 3389, 3389, "0.0.0.0/0")], [], "critical", "tcp 3389 (RDP)"],
    [
      "a range covering 3389 (and 3306)",
      [rule("tcp", 3000, 4000, "0.0.0.0/0")],
      [],
      "critical",
      "tcp 3000-4000 (MySQL/Aurora, RDP)",
    ],
    ["PostgreSQL", [rule("tcp", 5432, 5432, "0.0.0.0/0")], [], "critical", "tcp 5432 (PostgreSQL)"],
    ["all traffic", [rule("-1", undefined, undefined, "0.0.0.0/0")], [], "critical", "all traffic"],
    ["all traffic from ::/0", [rule("-1", undefined, undefined, "::/0")], [], "critical", "all traffic"],
    [
      "tcp all ports",
      [rule("tcp", 0, 65535, "0.0.0.0/0")],
      [],
      "critical",
      "tcp all ports (FTP data, FTP, SSH, …)",
    ],
    [
      "443 on a group only load balancers use",
      [rule("tcp", 443, 443, "0.0.0.0/0")],
      [web, albEni("eni-lb", "sg-1")],
      "low",
      "tcp 443 (load balancer)",
    ],
    [
      "443 on a group a load balancer uses with no interface listed",
      [rule("tcp", 443, 443, "0.0.0.0/0")],
      [web],
      "low",
      "tcp 443 (load balancer)",
    ],
    ["443 on a group nothing uses", [rule("tcp", 443, 443, "0.0.0.0/0")], [], "medium", "tcp 443"],
    [
      "443 on a group an instance and a load balancer use",
      [rule("tcp", 443, 443, "0.0.0.0/0")],
      [
        web,
        albEni("eni-lb", "sg-1"),
        networkInterface("eni-i", { attachedInstanceId: "i-1", securityGroupIds: ["sg-1"] }),
      ],
      "medium",
      "tcp 443",
    ],
    ["80 from ::/0", [rule("tcp", 80, 80, "::/0")], [], "medium", "tcp 80"],
    ["another port", [rule("tcp", 8080, 8080, "0.0.0.0/0")], [], "high", "tcp 8080"],
    ["a web range, not a web port", [rule("tcp", 80, 81, "0.0.0.0/0")], [], "high", "tcp 80-81"],
    [
      "a range from 80 to 443 covers Windows RPC",
      [rule("tcp", 80, 443, "0.0.0.0/0")],
      [],
      "critical",
      "tcp 80-443 (Windows RPC)",
    ],
    ["all ICMP", [rule("icmp", -1, -1, "0.0.0.0/0")], [], "high", "icmp all types"],
    ["ICMP echo from ::/0", [rule("icmpv6", 128, -1, "::/0")], [], "high", "icmpv6 type 128"],
    [
      "443 and SSH: the worst wins",
      [rule("tcp", 443, 443, "0.0.0.0/0"), rule("tcp", 22, 22, "0.0.0.0/0")],
      [],
      "critical",
      "tcp 443, tcp 22 (SSH)",
    ],
  ])("%s", (_, ingress, related, severity, what) => {
    const { findings } = only(sgOpenIngress, [securityGroup("sg-1", { ingress }), ...related]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: "fail", severity });
    expect(findings[0]?.message).toBe(`sg-1-name (sg-1) allows ${what} from the internet`);
  });

  it("says whether the group is used only by load balancers", () => {
    const ingress = [rule("tcp", 443, 443, "0.0.0.0/0")];
    const lbOnly = only(sgOpenIngress, [securityGroup("sg-1", { ingress }), web, albEni("eni-lb", "sg-1")]);
    expect(lbOnly.findings[0]?.evidence).toMatchObject({ usedOnlyByLoadBalancers: true });
    const mixed = only(sgOpenIngress, [
      securityGroup("sg-1", { ingress }),
      web,
      networkInterface("eni-i", { attachedInstanceId: "i-1", securityGroupIds: ["sg-1"] }),
    ]);
    expect(mixed.findings[0]?.evidence).toMatchObject({ usedOnlyByLoadBalancers: false });
  });

  it("does not take a load balancer of another region as this group's user", () => {
    const ingress = [rule("tcp", 443, 443, "0.0.0.0/0")];
    const { findings } = only(sgOpenIngress, [
      securityGroup("sg-1", { ingress }),
      loadBalancer("lb-web", { region: "eu-west-1", securityGroupIds: ["sg-1"] }),
    ]);
    expect(findings[0]?.severity).toBe("medium");
  });

  it.each<[string, SecurityGroupRule]>([
    ["a narrow range", rule("tcp", 22, 22, "203.0.113.0/24")],
    ["half the internet is not the world", rule("tcp", 22, 22, "0.0.0.0/1")],
    ["a security group peer", rule("-1", undefined, undefined, "sg-2")],
    ["a prefix list", rule("tcp", 22, 22, "pl-123")],
    ["an IPv6 range", rule("tcp", 22, 22, "2001:db8::/32")],
  ])("passes %s", (_, r) => {
    const { findings, summary } = only(sgOpenIngress, [securityGroup("sg-1", { ingress: [r] })]);
    expect(findings).toEqual([]);
    expect(summary.passed).toBe(1);
  });

  it("ignores egress to the world", () => {
    const { findings } = only(sgOpenIngress, [
      securityGroup("sg-1", { egress: [rule("-1", undefined, undefined, "0.0.0.0/0")] }),
    ]);
    expect(findings).toEqual([]);
  });
});

describe("ec2.sg-wide-port-range", () => {
  it.each<[string, SecurityGroupRule, boolean]>([
    ["exactly the limit (1000 ports)", rule("tcp", 1, 1000, "10.0.0.0/8"), false],
    ["one above the limit (1001 ports)", rule("tcp", 1, 1001, "10.0.0.0/8"), true],
    ["udp above the limit", rule("udp", 1000, 3000, "10.0.0.0/8"), true],
    ["all traffic from a range", rule("-1", undefined, undefined, "10.0.0.0/8"), true],
    ["all traffic from an IPv6 range", rule("-1", undefined, undefined, "2001:db8::/32"), true],
    ["tcp -1 (all ports, as some tools write it)", rule("tcp", -1, -1, "10.0.0.0/8"), true],
    ["all ports from a security group", rule("tcp", 0, 65535, "sg-2"), false],
    ["all ports from a prefix list", rule("tcp", 0, 65535, "pl-1"), false],
    ["all ICMP (no ports)", rule("icmp", -1, -1, "10.0.0.0/8"), false],
  ])("%s", (_, r, fails) => {
    const { findings } = only(sgWidePortRange, [securityGroup("sg-1", { ingress: [r] })]);
    expect(findings.map((f) => f.status)).toEqual(fails ? ["fail"] : []);
  });

  it("names the widest rule and the limit, following checks.maxPortRange", () => {
    const { findings } = only(
      sgWidePortRange,
      [
        securityGroup("sg-1", {
          ingress: [
            rule("tcp", 1, 100, "10.0.0.0/8"),
            rule("tcp", 1, 101, "10.0.0.0/8"),
            rule("udp", 1, 500, "10.0.0.0/8"),
          ],
        }),
      ],
      { settings: { maxPortRange: 100 } },
    );
    expect(findings[0]?.message).toBe(
      "sg-1-name (sg-1) has 2 ingress rules opening up to 500 ports (more than 100)",
    );
    expect(findings[0]?.evidence).toMatchObject({
      maxPortRange: 100,
      rules: [
        { ports: "tcp 1-101", portCount: 101 },
        { ports: "udp 1-500", portCount: 500 },
      ],
    });
  });
});

describe("ec2.sg-unused", () => {
  it.each<[string, AuditRecord[]]>([
    ["used by a network interface", [networkInterface("eni-1", { securityGroupIds: ["sg-1"] })]],
    ["used by a load balancer", [loadBalancer("lb-1", { securityGroupIds: ["sg-1"] })]],
    [
      "referenced by another group's ingress",
      [securityGroup("sg-2", { ingress: [rule("tcp", 5432, 5432, "sg-1")] })],
    ],
    [
      "referenced by another group's egress",
      [securityGroup("sg-2", { egress: [rule("tcp", 5432, 5432, "sg-1")] })],
    ],
  ])("passes a group %s", (_, related) => {
    const evaluation = runChecks([sgUnused], [securityGroup("sg-1"), ...related]);
    expect(evaluation.findings.filter((f) => f.resource.id === "sg-1")).toEqual([]);
  });

  it.each<[string, AuditRecord[]]>([
    [
      "referenced only by itself",
      [securityGroup("sg-1", { ingress: [rule("-1", undefined, undefined, "sg-1")] })],
    ],
    [
      "used by an interface in another region",
      [securityGroup("sg-1"), networkInterface("eni-1", { region: "eu-west-1", securityGroupIds: ["sg-1"] })],
    ],
    [
      "referenced by a group of another account",
      [
        securityGroup("sg-1"),
        securityGroup("sg-2", { account: "222222222222", ingress: [rule("tcp", 22, 22, "sg-1")] }),
      ],
    ],
  ])("fails a group %s", (_, records) => {
    const evaluation = runChecks([sgUnused], records);
    expect(evaluation.findings.filter((f) => f.resource.id === "sg-1").map((f) => f.status)).toEqual([
      "fail",
    ]);
  });

  it("leaves the VPC default groups out (they cannot be deleted)", () => {
    const { findings, summary } = only(sgUnused, [securityGroup("sg-d", { isDefault: true })]);
    expect(findings).toEqual([]);
    expect(summary).toMatchObject({ evaluated: 0, passed: 0 });
  });
});

describe("ec2.sg-default-allows-traffic", () => {
  it("does not apply to other groups, however open", () => {
    const { findings, summary } = only(sgDefaultAllowsTraffic, [
      securityGroup("sg-1", { ingress: [rule("-1", undefined, undefined, "0.0.0.0/0")] }),
    ]);
    expect(findings).toEqual([]);
    expect(summary.evaluated).toBe(0);
  });
  it("fails a default group with only an egress rule", () => {
    const { findings } = only(sgDefaultAllowsTraffic, [
      securityGroup("sg-d", { isDefault: true, egress: [rule("-1", undefined, undefined, "0.0.0.0/0")] }),
    ]);
    expect(findings[0]?.message).toContain("0 inbound and 1 outbound rules");
  });
});

describe("ec2.sg-redundant-rule", () => {
  const redundantOf = (ingress: SecurityGroupRule[]) => {
    const { findings } = only(sgRedundantRule, [securityGroup("sg-1", { ingress })]);
    return findings.flatMap((f) =>
      (f.evidence.rules as { rule: { ports: string; peer: string } }[]).map(
        (r) => `${r.rule.ports} from ${r.rule.peer}`,
      ),
    );
  };

  it.each<[string, SecurityGroupRule[], string[]]>([
    [
      "an exact duplicate (reported once)",
      [rule("tcp", 22, 22, "10.0.0.0/8"), rule("tcp", 22, 22, "10.0.0.0/8")],
      ["tcp 22 from 10.0.0.0/8"],
    ],
    [
      "a contained CIDR (10.0.0.0/8 ⊇ 10.1.0.0/16)",
      [rule("tcp", 22, 22, "10.1.0.0/16"), rule("tcp", 22, 22, "10.0.0.0/8")],
      ["tcp 22 from 10.1.0.0/16"],
    ],
    [
      "a contained IPv6 CIDR",
      [rule("tcp", 22, 22, "2001:db8::/32"), rule("tcp", 22, 22, "2001:db8:1::/48")],
      ["tcp 22 from 2001:db8:1::/48"],
    ],
    [
      "a contained port range",
      [rule("tcp", 80, 443, "10.0.0.0/8"), rule("tcp", 443, 443, "10.0.0.0/8")],
      ["tcp 443 from 10.0.0.0/8"],
    ],
    [
      "tcp within all traffic",
      [rule("-1", undefined, undefined, "10.0.0.0/8"), rule("tcp", 22, 22, "10.1.0.0/16")],
      ["tcp 22 from 10.1.0.0/16"],
    ],
    [
      "anything within the world",
      [rule("-1", undefined, undefined, "0.0.0.0/0"), rule("udp", 53, 53, "10.0.0.0/8")],
      ["udp 53 from 10.0.0.0/8"],
    ],
    [
      "a duplicate group reference",
      [rule("tcp", 5432, 5432, "sg-2"), rule("tcp", 5432, 5432, "sg-2")],
      ["tcp 5432 from sg-2"],
    ],
    [
      "one ICMP type within all ICMP",
      [rule("icmp", -1, -1, "10.0.0.0/8"), rule("icmp", 8, -1, "10.0.0.0/8")],
      ["icmp type 8 from 10.0.0.0/8"],
    ],
    [
      "one ICMP code within its type",
      [rule("icmp", 3, -1, "10.0.0.0/8"), rule("icmp", 3, 4, "10.0.0.0/8")],
      ["icmp type 3 code 4 from 10.0.0.0/8"],
    ],
  ])("reports %s", (_, ingress, expected) => {
    expect(redundantOf(ingress)).toEqual(expected);
  });

  it.each<[string, SecurityGroupRule[]]>([
    ["different protocols", [rule("tcp", 53, 53, "10.0.0.0/8"), rule("udp", 53, 53, "10.0.0.0/8")]],
    ["different ports", [rule("tcp", 22, 22, "10.0.0.0/8"), rule("tcp", 443, 443, "10.0.0.0/8")]],
    [
      "overlapping, not contained, ports",
      [rule("tcp", 80, 443, "10.0.0.0/8"), rule("tcp", 400, 500, "10.0.0.0/8")],
    ],
    ["disjoint CIDRs", [rule("tcp", 22, 22, "10.0.0.0/16"), rule("tcp", 22, 22, "10.1.0.0/16")]],
    ["IPv4 and IPv6 worlds", [rule("tcp", 22, 22, "0.0.0.0/0"), rule("tcp", 22, 22, "::/0")]],
    [
      "all traffic is not within a tcp rule",
      [rule("tcp", 0, 65535, "10.0.0.0/8"), rule("-1", undefined, undefined, "10.1.0.0/16")],
    ],
    ["a group and a CIDR", [rule("tcp", 22, 22, "sg-2"), rule("tcp", 22, 22, "10.0.0.0/8")]],
    ["two groups", [rule("tcp", 22, 22, "sg-2"), rule("tcp", 22, 22, "sg-3")]],
    ["two prefix lists", [rule("tcp", 22, 22, "pl-1"), rule("tcp", 22, 22, "pl-2")]],
    [
      "ICMP types, not a range of types",
      [rule("icmp", 0, 8, "10.0.0.0/8"), rule("icmp", 5, 5, "10.0.0.0/8")],
    ],
    ["two codes of one ICMP type", [rule("icmp", 3, 4, "10.0.0.0/8"), rule("icmp", 3, 1, "10.0.0.0/8")]],
  ])("passes %s", (_, ingress) => {
    expect(redundantOf(ingress)).toEqual([]);
  });
});

describe("describePorts", () => {
  it.each<[SecurityGroupRule, string]>([
    [rule("-1", undefined, undefined, "0.0.0.0/0"), "all traffic"],
    [rule("tcp", 22, 22, "0.0.0.0/0"), "tcp 22"],
    [rule("udp", 1000, 2000, "0.0.0.0/0"), "udp 1000-2000"],
    [rule("tcp", 0, 65535, "0.0.0.0/0"), "tcp all ports"],
    [rule("50", undefined, undefined, "0.0.0.0/0"), "50 all ports"],
    [rule("icmp", -1, -1, "0.0.0.0/0"), "icmp all types"],
    [rule("icmp", 8, -1, "0.0.0.0/0"), "icmp type 8"],
    [rule("icmp", 3, 4, "0.0.0.0/0"), "icmp type 3 code 4"],
    [rule("icmpv6", -1, -1, "::/0"), "icmpv6 all types"],
  ])("%j is %s", (r, text) => {
    expect(describePorts(r)).toBe(text);
  });
});
