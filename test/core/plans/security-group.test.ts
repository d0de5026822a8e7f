/** The security-group blueprint: rule parsing, VPC choice, the steps it drafts and what governance reads of them. */
import { describe, expect, it } from "vitest";
import { assemblePlan } from "../../../src/core/plans/assemble.js";
import { resolveParams } from "../../../src/core/plans/blueprints/blueprint.js";
import {
  chooseVpc,
  parseRule,
  parseRules,
  SECURITY_GROUP_PARAMS,
  securityGroupBlueprint,
  type SecurityGroupFacts,
} from "../../../src/core/plans/blueprints/security-group.js";
import { executionOrder, stepSchema } from "../../../src/core/plans/plan.js";
import { referencedSteps } from "../../../src/core/plans/refs.js";
import { blueprintContext, DEFAULTS, NOW, PLAN_ID, REGION, sha256, thrown } from "./_plans.js";

const VPC = { id: "vpc-0123456789abcdef0", name: "app-vpc", cidr: "10.20.0.0/16", isDefault: false };
const DEFAULT_VPC = { id: "vpc-00000000", cidr: "172.31.0.0/16", isDefault: true };
const facts = (over: Partial<SecurityGroupFacts> = {}): SecurityGroupFacts => ({
  vpcs: [DEFAULT_VPC, VPC],
  groups: [{ id: "sg-0000000000000000a", name: "default", vpcId: VPC.id }],
  ...over,
});

function draft(given: Record<string, string>, f = facts()) {
  return securityGroupBlueprint(
    resolveParams("security-group", SECURITY_GROUP_PARAMS, given),
    f,
    blueprintContext(),
  );
}

function sealed(given: Record<string, string>) {
  const d = draft(given);
  return assemblePlan({
    id: PLAN_ID,
    now: NOW,
    createdBy: { osUser: "alice", callerArn: "arn:aws:iam::111111111111:user/alice" },
    blueprint: "security-group",
    parameters: {},
    context: { profile: "dev", account: "111111111111", regions: [REGION], classification: "development" },
    draft: d,
    requiredTags: {},
    allowedRegions: undefined,
    config: DEFAULTS,
    sha256,
  });
}

describe("parseRule", () => {
  it.each([
    [
      "tcp:443:0.0.0.0/0",
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
    ],
    [
      "UDP:53:10.0.0.0/8",
      { IpProtocol: "udp", FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: "10.0.0.0/8" }] },
    ],
    [
      "tcp:8000-8080:sg-0123456789abcdef0",
      {
        IpProtocol: "tcp",
        FromPort: 8000,
        ToPort: 8080,
        UserIdGroupPairs: [{ GroupId: "sg-0123456789abcdef0" }],
      },
    ],
    [
      "icmp:-1:10.0.0.0/16",
      { IpProtocol: "icmp", FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: "10.0.0.0/16" }] },
    ],
    [
      "icmp:8:10.0.0.0/16",
      { IpProtocol: "icmp", FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: "10.0.0.0/16" }] },
    ],
    ["all:-1:10.1.0.0/16", { IpProtocol: "-1", IpRanges: [{ CidrIp: "10.1.0.0/16" }] }],
    ["tcp:443:::/0", { IpProtocol: "tcp", FromPort: 443, ToPort: 443, Ipv6Ranges: [{ CidrIpv6: "::/0" }] }],
    [
      "tcp:22:203.0.113.7/32",
      { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "203.0.113.7/32" }] },
    ],
  ])("%s", (text, expected) => {
    expect(parseRule(text, "ingress")).toEqual(expected);
  });

  it.each([
    ["tcp443", "is not <protocol>:<ports>:<source>"],
    ["gre:1:10.0.0.0/8", 'has protocol "gre"'],
    ["tcp:http:10.0.0.0/8", 'has ports "http"'],
    ["tcp:9000-8000:10.0.0.0/8", 'has ports "9000-8000"'],
    ["tcp:70000:10.0.0.0/8", 'has ports "70000"'],
    ["icmp:300:10.0.0.0/8", "ICMP type"],
    ["all:80:10.0.0.0/8", "its ports are -1"],
    ["tcp:443:10.0.0.5", "neither a CIDR block nor a security group id"],
    ["tcp:443:sg-xyz", "neither a CIDR block nor a security group id"],
    ["tcp:443:10.0.0.5/8", "not a network address"],
  ])("%s is refused: %s", (text, message) => {
    const error = thrown(() => parseRule(text, "ingress"));
    expect(error).toMatchObject({ code: "BlueprintParamInvalid" });
    expect(error.message).toContain(message);
    expect(error.hint).toBeTruthy();
  });

  it("a host address names the network it meant", () => {
    expect(thrown(() => parseRule("tcp:443:10.0.0.5/8", "ingress")).hint).toBe("Did you mean 10.0.0.0/8?");
  });

  it("the same rule twice is refused; an empty list is no rules", () => {
    expect(thrown(() => parseRules("tcp:443:10.0.0.0/8, tcp:443:10.0.0.0/8", "egress")).message).toContain(
      "given twice",
    );
    expect(parseRules("", "ingress")).toEqual([]);
  });
});

describe("chooseVpc", () => {
  it("auto takes the only non-default VPC; an id or a Name picks one", () => {
    expect(chooseVpc("auto", facts().vpcs, REGION)).toEqual(VPC);
    expect(chooseVpc("app-vpc", facts().vpcs, REGION)).toEqual(VPC);
    expect(chooseVpc(DEFAULT_VPC.id, facts().vpcs, REGION)).toEqual(DEFAULT_VPC);
  });

  it("auto with several VPCs, or none, is refused naming the choices", () => {
    const other = { id: "vpc-0aaaaaaaaaaaaaaaa", name: "data-vpc", cidr: "10.30.0.0/16", isDefault: false };
    const several = thrown(() => chooseVpc("auto", [DEFAULT_VPC, VPC, other], REGION));
    expect(several).toMatchObject({ code: "BlueprintVpcUnresolved" });
    expect(several.message).toContain("vpc-0123456789abcdef0 (app-vpc)");
    expect(several.message).toContain("vpc-0aaaaaaaaaaaaaaaa (data-vpc)");
    const none = thrown(() => chooseVpc("auto", [DEFAULT_VPC], REGION));
    expect(none.message).toContain("no VPC other than the default one");
    expect(none.hint).toContain("plan create vpc");
    expect(thrown(() => chooseVpc("nope", facts().vpcs, REGION)).message).toContain('no VPC "nope"');
  });
});

describe("securityGroupBlueprint", () => {
  it("drafts the group with its tags and look-up, then one step of ingress rules with its revoke", () => {
    const d = draft({ name: "web-sg", ingress: "tcp:443:0.0.0.0/0,tcp:80:0.0.0.0/0" });
    expect(d.steps.map((s) => s.id)).toEqual(["security-group", "ingress"]);
    for (const s of d.steps) expect(stepSchema.safeParse(s).success).toBe(true);
    const [group, ingress] = d.steps;
    expect(group).toMatchObject({
      action: "CreateSecurityGroup",
      params: { GroupName: "web-sg", Description: "Created by AWS Coworker", VpcId: VPC.id },
      outputs: { groupId: "GroupId" },
      rollback: { kind: "calls", calls: [{ action: "DeleteSecurityGroup" }] },
      lookup: { action: "DescribeSecurityGroups", outputs: { groupId: "SecurityGroups.0.GroupId" } },
    });
    expect(group!.params["TagSpecifications"]).toEqual([
      expect.objectContaining({
        ResourceType: "security-group",
        Tags: expect.arrayContaining([{ Key: "Name", Value: "web-sg" }]),
      }),
    ]);
    expect(ingress!.action).toBe("AuthorizeSecurityGroupIngress");
    expect(ingress!.rollback).toEqual({
      kind: "calls",
      calls: [{ service: "ec2", action: "RevokeSecurityGroupIngress", params: ingress!.params }],
    });
    expect(referencedSteps(ingress!.params)).toEqual(["security-group"]);
    expect(d.notes).toContain(
      "Outbound traffic stays open to everywhere (the allow-all rule AWS gives every group).",
    );
  });

  it("egress rules are added, then AWS's allow-all egress is revoked (and restored by the rollback)", () => {
    const d = draft({ egress: "tcp:443:0.0.0.0/0" });
    expect(executionOrder(d.steps).map((s) => s.id)).toEqual(["security-group", "egress", "egress-default"]);
    const revoke = d.steps.find((s) => s.id === "egress-default")!;
    expect(revoke).toMatchObject({
      action: "RevokeSecurityGroupEgress",
      params: { IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] },
      rollback: { calls: [{ action: "AuthorizeSecurityGroupEgress" }] },
    });
    expect(thrown(() => draft({ egress: "all:-1:0.0.0.0/0" })).message).toContain("already");
  });

  it("governance reads the emitted rules: SSH or a database open to the world blocks; HTTPS warns; private passes", () => {
    const blocked = sealed({ ingress: "tcp:22:0.0.0.0/0,tcp:5432:::/0" }).governance.filter(
      (g) => g.rule === "plan.open-admin-ports",
    );
    expect(blocked.map((g) => g.outcome)).toEqual(["block", "block"]);
    expect(blocked[0]!.reason).toContain("SSH (22)");
    expect(blocked[1]!.reason).toContain("(5432)");
    expect(sealed({ ingress: "tcp:443:0.0.0.0/0" }).governance).toContainEqual(
      expect.objectContaining({ rule: "plan.open-admin-ports", outcome: "warn" }),
    );
    expect(sealed({ ingress: "tcp:22:10.0.0.0/8" }).governance).toContainEqual(
      expect.objectContaining({ rule: "plan.open-admin-ports", outcome: "pass" }),
    );
  });

  it("a name already used in the VPC, default, or a bad description is refused before any call", () => {
    const taken = thrown(() =>
      draft(
        { name: "web-sg" },
        facts({ groups: [{ id: "sg-0000000000000000b", name: "web-sg", vpcId: VPC.id }] }),
      ),
    );
    expect(taken).toMatchObject({ code: "BlueprintGroupExists" });
    expect(thrown(() => draft({ name: "default" })).message).toContain('cannot be named "default"');
    expect(thrown(() => draft({ description: "ünïcode" })).message).toContain("description");
    expect(thrown(() => draft({ ingress: "tcp:80:sg-0fffffffffffffff0" })).message).toContain(
      "names security group sg-0fffffffffffffff0, which is not in this region",
    );
    expect(draft({ ingress: "tcp:80:sg-0000000000000000a" }).steps).toHaveLength(2);
  });
});

describe("governance of ICMP", () => {
  it("ICMP open to the world warns as ICMP, never as a port", () => {
    const icmp = sealed({ ingress: "icmp:-1:0.0.0.0/0,icmp:8:::/0" }).governance.filter(
      (g) => g.rule === "plan.open-admin-ports",
    );
    expect(icmp.map((g) => [g.outcome, g.reason])).toEqual([
      ["warn", "0.0.0.0/0 may reach ICMP: open to the whole internet; make sure that is intended"],
      ["warn", "::/0 may reach ICMP: open to the whole internet; make sure that is intended"],
    ]);
  });
});
