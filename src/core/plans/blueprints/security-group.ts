/**
 * The `security-group` blueprint: a security group in a VPC with the ingress (and, optionally,
 * egress) rules given as `<protocol>:<ports>:<source>` — `tcp:443:0.0.0.0/0`, `udp:53:10.0.0.0/8`,
 * `tcp:8000-8080:sg-…` (another group), `icmp:-1:10.0.0.0/16`. Without egress rules the group
 * keeps the allow-all egress AWS gives every new group; with them, that rule is revoked.
 * The ec2-instance blueprint reuses these steps for `securityGroup=new`. Pure.
 */
import { UsageError } from "../../errors.js";
import { parseCidr } from "../../net/cidr.js";
import type { PlanStep } from "../plan.js";
import { ref, type Ref } from "../refs.js";
import {
  listItems,
  resourceTags,
  stepTagFilters,
  tagSpecifications,
  type BlueprintContext,
  type BlueprintParam,
  type Draft,
  type ParamValue,
} from "./blueprint.js";

/** The rule parameters, shared with ec2-instance (securityGroup=new). */
export const RULE_PARAMS: readonly BlueprintParam[] = [
  {
    name: "ingress",
    kind: "list",
    description:
      "Inbound rules <protocol>:<ports>:<source>, e.g. tcp:443:0.0.0.0/0, udp:53:10.0.0.0/8, tcp:8000-8080:sg-…, icmp:-1:10.0.0.0/16; repeat --set ingress=… or separate with commas",
    default: "",
  },
  {
    name: "egress",
    kind: "list",
    description:
      "Outbound rules, same form; when given they replace AWS's allow-all egress (default: allow-all stays)",
    default: "",
  },
];

export const SECURITY_GROUP_PARAMS: readonly BlueprintParam[] = [
  {
    name: "vpc",
    kind: "string",
    description: "The VPC: its id (vpc-…) or Name tag; auto: the region's only non-default VPC",
    default: "auto",
  },
  {
    name: "name",
    kind: "string",
    description: "The group's name (GroupName and Name tag)",
    default: "app-sg",
  },
  {
    name: "description",
    kind: "string",
    description: "The group's description (up to 255 characters)",
    default: "Created by AWS Coworker",
  },
  ...RULE_PARAMS,
];

/** A VPC of the region, as the blueprints choose among them. */
export interface VpcChoice {
  id: string;
  name?: string | undefined;
  cidr: string;
  isDefault: boolean;
}

export interface SecurityGroupFacts {
  vpcs: readonly VpcChoice[];
  /** The region's security groups (to refuse a name already used in the VPC). */
  groups: readonly { id: string; name: string; vpcId: string }[];
}

/** An EC2 IpPermission as AuthorizeSecurityGroupIngress/Egress take it. */
export interface IpPermission {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: { CidrIp: string }[];
  Ipv6Ranges?: { CidrIpv6: string }[];
  UserIdGroupPairs?: { GroupId: string }[];
}

const PROTOCOLS: Readonly<Record<string, string>> = {
  tcp: "tcp",
  udp: "udp",
  icmp: "icmp",
  all: "-1",
  "-1": "-1",
};
const GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
const RULE_FORM = "<protocol>:<ports>:<source>, e.g. tcp:443:10.0.0.0/8";

/** One rule `<protocol>:<ports>:<source>` as an IpPermission; a clear UsageError when it is not one. */
export function parseRule(text: string, direction: "ingress" | "egress"): IpPermission {
  const bad = (what: string, hint = `Write --set ${direction}=${RULE_FORM}.`) =>
    new UsageError(`${direction} rule "${text}" ${what}`, { code: "BlueprintParamInvalid", hint });
  const first = text.indexOf(":");
  const second = first < 0 ? -1 : text.indexOf(":", first + 1);
  if (first < 0 || second < 0) throw bad(`is not ${RULE_FORM}`);
  const protocolText = text.slice(0, first).toLowerCase();
  const portsText = text.slice(first + 1, second);
  const source = text.slice(second + 1);
  const protocol = PROTOCOLS[protocolText];
  if (protocol === undefined) throw bad(`has protocol "${protocolText}": use tcp, udp, icmp or all`);

  const ports = ((): { FromPort?: number; ToPort?: number } => {
    if (protocol === "-1") {
      if (portsText !== "-1" && portsText !== "all") throw bad("covers every protocol: its ports are -1");
      return {};
    }
    if (protocol === "icmp") {
      // For ICMP the "ports" are the type (and every code of it): -1 is every type.
      if (portsText === "-1") return { FromPort: -1, ToPort: -1 };
      if (!/^\d{1,3}$/.test(portsText) || Number(portsText) > 255)
        throw bad("has an ICMP type that is not -1 (all) or 0-255");
      return { FromPort: Number(portsText), ToPort: -1 };
    }
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(portsText);
    const from = Number(match?.[1]);
    const to = Number(match?.[2] ?? match?.[1]);
    if (match === null || from > 65535 || to > 65535 || from > to)
      throw bad(`has ports "${portsText}": use a port (443) or a range (8000-8080) within 0-65535`);
    return { FromPort: from, ToPort: to };
  })();

  if (GROUP_ID.test(source))
    return { IpProtocol: protocol, ...ports, UserIdGroupPairs: [{ GroupId: source }] };
  const block = parseCidr(source);
  if (block === undefined) {
    throw bad(
      `has source "${source}", which is neither a CIDR block nor a security group id`,
      `Use a CIDR (10.0.0.0/16, a single address as 203.0.113.7/32, 2001:db8::/32) or a group id (sg-…).`,
    );
  }
  if (block.version === 4) {
    const network = [24n, 16n, 8n, 0n].map((s) => Number((block.network >> s) & 255n)).join(".");
    const canonical = `${network}/${block.prefix}`;
    if (canonical !== source)
      throw bad(`has source ${source}, which is not a network address`, `Did you mean ${canonical}?`);
    return { IpProtocol: protocol, ...ports, IpRanges: [{ CidrIp: source }] };
  }
  return { IpProtocol: protocol, ...ports, Ipv6Ranges: [{ CidrIpv6: source }] };
}

/** The rules of a list parameter, each parsed; the same rule twice is refused (AWS would say InvalidPermission.Duplicate). */
export function parseRules(value: ParamValue | undefined, direction: "ingress" | "egress"): IpPermission[] {
  const items = listItems(value);
  const seen = new Set<string>();
  return items.map((item) => {
    const rule = parseRule(item, direction);
    const key = JSON.stringify(rule);
    if (seen.has(key))
      throw new UsageError(`${direction} rule "${item}" is given twice`, {
        code: "BlueprintParamInvalid",
        hint: "Give each rule once.",
      });
    seen.add(key);
    return rule;
  });
}

/** The allow-all IPv4 egress rule AWS puts on every new group. */
export const ALLOW_ALL_EGRESS: IpPermission = { IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] };

function describeVpc(v: VpcChoice): string {
  return `${v.id}${v.name === undefined ? "" : ` (${v.name})`}${v.isDefault ? " [default]" : ""}`;
}

/** The VPC a blueprint works in: by id, by Name tag, or (auto) the region's only non-default VPC. */
export function chooseVpc(given: string, vpcs: readonly VpcChoice[], region: string): VpcChoice {
  const choices = vpcs.length === 0 ? "none" : vpcs.map(describeVpc).join(", ");
  const refuse = (what: string, hint: string) =>
    new UsageError(what, { code: "BlueprintVpcUnresolved", hint });
  if (given === "auto") {
    const own = vpcs.filter((v) => !v.isDefault);
    if (own.length === 1) return own[0]!;
    throw own.length === 0
      ? refuse(
          `${region} has no VPC other than the default one (VPCs: ${choices})`,
          "Create one first (`aws-coworker plan create vpc`), or pass --set vpc=<id or Name>.",
        )
      : refuse(`${region} has ${own.length} VPCs; say which: ${choices}`, "Pass --set vpc=<id or Name>.");
  }
  const found = /^vpc-/.test(given)
    ? vpcs.filter((v) => v.id === given)
    : vpcs.filter((v) => v.name === given);
  if (found.length === 1) return found[0]!;
  throw found.length === 0
    ? refuse(
        `there is no VPC "${given}" in ${region} (VPCs: ${choices})`,
        "Pass --set vpc=<id or Name> of one of them.",
      )
    : refuse(
        `${found.length} VPCs in ${region} are named "${given}": ${found.map(describeVpc).join(", ")}`,
        "Pass --set vpc=<id>.",
      );
}

const DESCRIPTION = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,255}$/;

export interface SecurityGroupSpec {
  name: string;
  description: string;
  /** The VPC's id (known at plan time). */
  vpcId: string;
  ingress: readonly IpPermission[];
  egress: readonly IpPermission[];
}

/** Checks a group's name and description the way AWS would, before any call. */
export function checkGroup(spec: SecurityGroupSpec, facts: SecurityGroupFacts): void {
  const invalid = (what: string, hint: string) =>
    new UsageError(what, { code: "BlueprintParamInvalid", hint });
  if (spec.name === "default" || spec.name.startsWith("sg-"))
    throw invalid(`a security group cannot be named "${spec.name}"`, "Pass another --set name=….");
  if (!DESCRIPTION.test(spec.name))
    throw invalid(
      `security group name "${spec.name}" must be 1-255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*`,
      "Pass another --set name=….",
    );
  if (!DESCRIPTION.test(spec.description))
    throw invalid(
      `security group description "${spec.description}" must be 1-255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*`,
      "Pass another --set description=….",
    );
  const taken = facts.groups.find((g) => g.vpcId === spec.vpcId && g.name === spec.name);
  if (taken !== undefined)
    throw new UsageError(`VPC ${spec.vpcId} already has a security group named ${spec.name} (${taken.id})`, {
      code: "BlueprintGroupExists",
      hint: "Pass another --set name=…, or use the existing group.",
    });
  const missing = [...spec.ingress, ...spec.egress]
    .flatMap((p) => p.UserIdGroupPairs ?? [])
    .find((pair) => !facts.groups.some((g) => g.id === pair.GroupId));
  if (missing !== undefined)
    throw invalid(
      `a rule names security group ${missing.GroupId}, which is not in this region of the account`,
      "Name a group of the region (aws-coworker inventory lists them), or a CIDR block.",
    );
  if (spec.egress.some((p) => JSON.stringify(p) === JSON.stringify(ALLOW_ALL_EGRESS)))
    throw invalid(
      "egress all:-1:0.0.0.0/0 is the rule every new group has already",
      "Leave egress out to keep allow-all, or list only the destinations to allow.",
    );
}

/** The steps that make the group and its rules; step ids security-group, ingress, egress, egress-default. */
export function securityGroupSteps(spec: SecurityGroupSpec, ctx: BlueprintContext): PlanStep[] {
  const region = ctx.region;
  const groupId: Ref = ref("security-group", "groupId");
  const steps: PlanStep[] = [
    {
      id: "security-group",
      title: `Create security group ${spec.name} in ${spec.vpcId}`,
      service: "ec2",
      action: "CreateSecurityGroup",
      region,
      params: {
        GroupName: spec.name,
        Description: spec.description,
        VpcId: spec.vpcId,
        TagSpecifications: tagSpecifications("security-group", ctx, "security-group", spec.name),
      },
      dependsOn: [],
      outputs: { groupId: "GroupId" },
      validation: {
        service: "ec2",
        action: "DescribeSecurityGroups",
        params: { GroupIds: [groupId] },
        expect: [{ path: "SecurityGroups.0.GroupName", equals: spec.name }],
        attempts: 10,
        delayMs: 2000,
      },
      rollback: {
        kind: "calls",
        calls: [{ service: "ec2", action: "DeleteSecurityGroup", params: { GroupId: groupId } }],
      },
      resources: [
        {
          type: "vpc/security-group",
          name: spec.name,
          change: "create",
          tags: resourceTags(ctx, "security-group", spec.name),
        },
      ],
      lookup: {
        service: "ec2",
        action: "DescribeSecurityGroups",
        params: { Filters: stepTagFilters(ctx, "security-group") },
        outputs: { groupId: "SecurityGroups.0.GroupId" },
      },
    },
  ];
  const rules = (
    id: string,
    title: string,
    action: "AuthorizeSecurityGroupIngress" | "AuthorizeSecurityGroupEgress" | "RevokeSecurityGroupEgress",
    inverse: string,
    permissions: readonly IpPermission[],
    dependsOn: string[],
  ) =>
    steps.push({
      id,
      title,
      service: "ec2",
      action,
      region,
      params: { GroupId: groupId, IpPermissions: [...permissions] },
      dependsOn,
      outputs: {},
      rollback: {
        kind: "calls",
        calls: [
          { service: "ec2", action: inverse, params: { GroupId: groupId, IpPermissions: [...permissions] } },
        ],
      },
      resources: [],
    });
  if (spec.ingress.length > 0)
    rules(
      "ingress",
      `Allow ${spec.ingress.length} inbound rule${spec.ingress.length > 1 ? "s" : ""} on ${spec.name}`,
      "AuthorizeSecurityGroupIngress",
      "RevokeSecurityGroupIngress",
      spec.ingress,
      ["security-group"],
    );
  if (spec.egress.length > 0) {
    rules(
      "egress",
      `Allow ${spec.egress.length} outbound rule${spec.egress.length > 1 ? "s" : ""} on ${spec.name}`,
      "AuthorizeSecurityGroupEgress",
      "RevokeSecurityGroupEgress",
      spec.egress,
      ["security-group"],
    );
    rules(
      "egress-default",
      `Remove the allow-all outbound rule from ${spec.name} (only the listed egress remains)`,
      "RevokeSecurityGroupEgress",
      "AuthorizeSecurityGroupEgress",
      [ALLOW_ALL_EGRESS],
      ["egress"],
    );
  }
  return steps;
}

/** A rule for people: `tcp 443 from 0.0.0.0/0`. */
export function describeRule(p: IpPermission, direction: "ingress" | "egress"): string {
  const proto = p.IpProtocol === "-1" ? "all traffic" : p.IpProtocol;
  const ports =
    p.FromPort === undefined || p.FromPort === -1
      ? ""
      : p.FromPort === p.ToPort || p.ToPort === -1
        ? ` ${p.FromPort}`
        : ` ${p.FromPort}-${p.ToPort}`;
  const peer =
    p.IpRanges?.[0]?.CidrIp ?? p.Ipv6Ranges?.[0]?.CidrIpv6 ?? p.UserIdGroupPairs?.[0]?.GroupId ?? "";
  return `${proto}${ports} ${direction === "ingress" ? "from" : "to"} ${peer}`;
}

export function securityGroupBlueprint(
  params: Record<string, ParamValue>,
  facts: SecurityGroupFacts,
  ctx: BlueprintContext,
): Draft {
  const vpc = chooseVpc(String(params["vpc"]), facts.vpcs, ctx.region);
  const spec: SecurityGroupSpec = {
    name: String(params["name"]),
    description: String(params["description"]),
    vpcId: vpc.id,
    ingress: parseRules(params["ingress"], "ingress"),
    egress: parseRules(params["egress"], "egress"),
  };
  checkGroup(spec, facts);
  const inbound = spec.ingress.map((p) => describeRule(p, "ingress"));
  return {
    goal: `Create security group ${spec.name} in ${describeVpc(vpc)}: ${inbound.length === 0 ? "no inbound rules" : `inbound ${inbound.join(", ")}`}${spec.egress.length === 0 ? "" : `; outbound only ${spec.egress.map((p) => describeRule(p, "egress")).join(", ")}`}`,
    steps: securityGroupSteps(spec, ctx),
    cost: [{ item: `security group ${spec.name}`, monthlyUsd: 0, basis: "security groups cost nothing" }],
    notes: [
      ...(spec.ingress.length === 0 ? ["The group allows no inbound traffic until rules are added."] : []),
      ...(spec.egress.length === 0
        ? ["Outbound traffic stays open to everywhere (the allow-all rule AWS gives every group)."]
        : []),
    ],
  };
}
