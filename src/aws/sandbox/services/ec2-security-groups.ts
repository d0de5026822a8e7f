/**
 * Security groups: DescribeSecurityGroups, CreateSecurityGroup, AuthorizeSecurityGroupIngress,
 * AuthorizeSecurityGroupEgress, RevokeSecurityGroupIngress, RevokeSecurityGroupEgress,
 * DeleteSecurityGroup.
 */
import type {
  AuthorizeSecurityGroupEgressRequest,
  AuthorizeSecurityGroupIngressRequest,
  AuthorizeSecurityGroupIngressResult,
  CreateSecurityGroupRequest,
  CreateSecurityGroupResult,
  DeleteSecurityGroupRequest,
  DeleteSecurityGroupResult,
  DescribeSecurityGroupsRequest,
  DescribeSecurityGroupsResult,
  IpPermission,
  RevokeSecurityGroupEgressRequest,
  RevokeSecurityGroupIngressRequest,
  RevokeSecurityGroupIngressResult,
  SecurityGroup,
  SecurityGroupRule,
} from "@aws-sdk/client-ec2";
import type { EstateRegion, EstateSecurityGroup, EstateSecurityGroupRule } from "../estate.js";
import { awsError } from "../errors.js";
import { newSecurityGroup } from "../vpc-parts.js";
import { op, regionOf, tagsMember, type Handler, type ServiceContext } from "./context.js";
import { applyEc2Filters, type FilterFields } from "./ec2-filters.js";
import { checkDryRun, ec2Page, ID_KINDS, nextTokenMember, selectByIds } from "./ec2-shared.js";
import { specifiedTags } from "./ec2-tags.js";

type Direction = "ingress" | "egress";

/** The fields every Authorize/Revoke request shares (egress requests have no GroupName). */
type PermissionRequest = Omit<AuthorizeSecurityGroupIngressRequest, "TagSpecifications"> & {
  DryRun?: boolean | undefined;
};

function permissionOutput(accountId: string, rule: EstateSecurityGroupRule): IpPermission {
  return {
    IpProtocol: rule.protocol,
    ...(rule.fromPort === undefined ? {} : { FromPort: rule.fromPort }),
    ...(rule.toPort === undefined ? {} : { ToPort: rule.toPort }),
    UserIdGroupPairs: rule.groups.map((g) => ({
      GroupId: g.groupId,
      UserId: accountId,
      ...(g.description === undefined ? {} : { Description: g.description }),
    })),
    IpRanges: rule.ipv4.map((p) => ({
      CidrIp: p.cidr,
      ...(p.description === undefined ? {} : { Description: p.description }),
    })),
    Ipv6Ranges: rule.ipv6.map((p) => ({
      CidrIpv6: p.cidr,
      ...(p.description === undefined ? {} : { Description: p.description }),
    })),
    PrefixListIds: [],
  };
}

function groupOutput(ctx: ServiceContext, g: EstateSecurityGroup): SecurityGroup {
  return {
    GroupId: g.id,
    IpPermissionsEgress: g.egress.map((rule) => permissionOutput(ctx.account.id, rule)),
    ...tagsMember(g.tags),
    VpcId: g.vpcId,
    SecurityGroupArn: `arn:aws:ec2:${ctx.region}:${ctx.account.id}:security-group/${g.id}`,
    OwnerId: ctx.account.id,
    GroupName: g.name,
    Description: g.description,
    IpPermissions: g.ingress.map((rule) => permissionOutput(ctx.account.id, rule)),
  };
}

function groupFilters(accountId: string): FilterFields<EstateSecurityGroup> {
  const ports = (rules: EstateSecurityGroupRule[], key: "fromPort" | "toPort"): string[] =>
    rules.map((r) => (r[key] === undefined ? "-1" : String(r[key])));
  return {
    "group-id": (g) => g.id,
    "group-name": (g) => g.name,
    "vpc-id": (g) => g.vpcId,
    description: (g) => g.description,
    "owner-id": () => accountId,
    "ip-permission.cidr": (g) => g.ingress.flatMap((r) => r.ipv4.map((p) => p.cidr)),
    "ip-permission.ipv6-cidr": (g) => g.ingress.flatMap((r) => r.ipv6.map((p) => p.cidr)),
    "ip-permission.from-port": (g) => ports(g.ingress, "fromPort"),
    "ip-permission.to-port": (g) => ports(g.ingress, "toPort"),
    "ip-permission.protocol": (g) => g.ingress.map((r) => r.protocol),
    "ip-permission.group-id": (g) => g.ingress.flatMap((r) => r.groups.map((p) => p.groupId)),
    "egress.ip-permission.cidr": (g) => g.egress.flatMap((r) => r.ipv4.map((p) => p.cidr)),
    "egress.ip-permission.ipv6-cidr": (g) => g.egress.flatMap((r) => r.ipv6.map((p) => p.cidr)),
    "egress.ip-permission.from-port": (g) => ports(g.egress, "fromPort"),
    "egress.ip-permission.to-port": (g) => ports(g.egress, "toPort"),
    "egress.ip-permission.protocol": (g) => g.egress.map((r) => r.protocol),
  };
}

function describeSecurityGroups(
  ctx: ServiceContext,
  input: DescribeSecurityGroupsRequest,
): DescribeSecurityGroupsResult {
  const r = regionOf(ctx);
  const ids = input.GroupIds ?? [];
  let selected: readonly EstateSecurityGroup[] =
    ids.length > 0
      ? selectByIds(ID_KINDS.securityGroup, r.securityGroups, ids, (g) => g.id)
      : r.securityGroups;
  const names = input.GroupNames ?? [];
  if (names.length > 0) {
    // GroupNames works in the default VPC only, as in AWS.
    const defaultVpc = r.vpcs.find((v) => v.isDefault);
    const inDefault = selected.filter((g) => g.vpcId === defaultVpc?.id);
    const missing = names.filter((n) => !inDefault.some((g) => g.name === n));
    if (missing.length > 0) {
      throw awsError(
        "InvalidGroup.NotFound",
        `The security group '${missing.join(", ")}' does not exist in default VPC '${defaultVpc?.id ?? "none"}'`,
      );
    }
    selected = inDefault.filter((g) => names.includes(g.name));
  }
  const matching = applyEc2Filters(selected, input.Filters, groupFilters(ctx.account.id), (g) => g.tags);
  const page = ec2Page(ctx, input, matching, { min: 5, max: 1000 }, ids.length > 0 || names.length > 0);
  checkDryRun(input);
  return { SecurityGroups: page.items.map((g) => groupOutput(ctx, g)), ...nextTokenMember(page.nextToken) };
}

function findGroup(
  r: EstateRegion,
  input: { GroupId?: string | undefined; GroupName?: string | undefined },
): EstateSecurityGroup {
  if (input.GroupId !== undefined) {
    const [group] = selectByIds(ID_KINDS.securityGroup, r.securityGroups, [input.GroupId], (g) => g.id);
    return group as EstateSecurityGroup;
  }
  if (input.GroupName !== undefined) {
    const defaultVpc = r.vpcs.find((v) => v.isDefault);
    const group = r.securityGroups.find((g) => g.vpcId === defaultVpc?.id && g.name === input.GroupName);
    if (group === undefined) {
      throw awsError(
        "InvalidGroup.NotFound",
        `The security group '${input.GroupName}' does not exist in default VPC '${defaultVpc?.id ?? "none"}'`,
      );
    }
    return group;
  }
  throw awsError("MissingParameter", "The request must contain the parameter groupId or groupName");
}

type Peer = { kind: "ipv4" | "ipv6" | "group"; value: string; description?: string };

interface NormalisedPermission {
  protocol: string;
  fromPort?: number;
  toPort?: number;
  peers: Peer[];
}

const PROTOCOL_NAMES: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", all: "-1" };

function normalise(r: EstateRegion, input: PermissionRequest): NormalisedPermission[] {
  const permissions: IpPermission[] = [...(input.IpPermissions ?? [])];
  if (input.IpProtocol !== undefined) {
    permissions.push({
      IpProtocol: input.IpProtocol,
      FromPort: input.FromPort,
      ToPort: input.ToPort,
      ...(input.CidrIp === undefined ? {} : { IpRanges: [{ CidrIp: input.CidrIp }] }),
    });
  }
  if (permissions.length === 0) throw awsError("MissingParameter", "No IpPermissions were specified.");
  return permissions.map((p) => {
    const raw = (p.IpProtocol ?? "").toLowerCase();
    const protocol = PROTOCOL_NAMES[raw] ?? raw;
    if (!["tcp", "udp", "icmp", "-1"].includes(protocol)) {
      throw awsError(
        "InvalidParameterValue",
        `Invalid value '${p.IpProtocol ?? ""}' for IP protocol. Unknown protocol.`,
      );
    }
    const peers: Peer[] = [
      ...(p.IpRanges ?? []).map((x) => ({
        kind: "ipv4" as const,
        value: x.CidrIp ?? "",
        ...(x.Description === undefined ? {} : { description: x.Description }),
      })),
      ...(p.Ipv6Ranges ?? []).map((x) => ({
        kind: "ipv6" as const,
        value: x.CidrIpv6 ?? "",
        ...(x.Description === undefined ? {} : { description: x.Description }),
      })),
      ...(p.UserIdGroupPairs ?? []).map((x) => ({
        kind: "group" as const,
        value: x.GroupId ?? "",
        ...(x.Description === undefined ? {} : { description: x.Description }),
      })),
    ];
    if (peers.length === 0)
      throw awsError("MissingParameter", "No IP ranges, IPv6 ranges or groups were specified.");
    for (const peer of peers.filter((x) => x.kind === "group")) {
      selectByIds(ID_KINDS.securityGroup, r.securityGroups, [peer.value], (g) => g.id);
    }
    if (protocol === "-1") return { protocol, peers };
    const from = p.FromPort;
    const to = p.ToPort;
    const portLimit = protocol === "icmp" ? 255 : 65535;
    if (
      from === undefined ||
      to === undefined ||
      from < -1 ||
      to < -1 ||
      from > portLimit ||
      to > portLimit ||
      (protocol !== "icmp" && from > to)
    ) {
      throw awsError(
        "InvalidParameterValue",
        `Invalid ports ${from ?? "none"}-${to ?? "none"} for protocol ${protocol}.`,
      );
    }
    return { protocol, fromPort: from, toPort: to, peers };
  });
}

function sameRule(rule: EstateSecurityGroupRule, p: NormalisedPermission): boolean {
  return rule.protocol === p.protocol && rule.fromPort === p.fromPort && rule.toPort === p.toPort;
}

function hasPeer(rule: EstateSecurityGroupRule, peer: Peer): boolean {
  if (peer.kind === "ipv4") return rule.ipv4.some((x) => x.cidr === peer.value);
  if (peer.kind === "ipv6") return rule.ipv6.some((x) => x.cidr === peer.value);
  return rule.groups.some((x) => x.groupId === peer.value);
}

function describeRule(p: NormalisedPermission, peer: Peer): string {
  const proto = p.protocol === "-1" ? "ALL" : p.protocol.toUpperCase();
  return `peer: ${peer.value}, ${proto}, from port: ${p.fromPort ?? "-1"}, to port: ${p.toPort ?? "-1"}, ALLOW`;
}

function authorize(
  ctx: ServiceContext,
  input: PermissionRequest,
  direction: Direction,
): AuthorizeSecurityGroupIngressResult {
  const r = regionOf(ctx);
  const group = findGroup(r, input);
  const permissions = normalise(r, input);
  for (const p of permissions) {
    const existing = group[direction].find((rule) => sameRule(rule, p));
    const duplicate = existing === undefined ? undefined : p.peers.find((peer) => hasPeer(existing, peer));
    if (duplicate !== undefined) {
      throw awsError(
        "InvalidPermission.Duplicate",
        `the specified rule "${describeRule(p, duplicate)}" already exists`,
      );
    }
  }
  checkDryRun(input);
  const added: SecurityGroupRule[] = [];
  for (const p of permissions) {
    let rule = group[direction].find((x) => sameRule(x, p));
    if (rule === undefined) {
      rule = {
        protocol: p.protocol,
        ...(p.fromPort === undefined ? {} : { fromPort: p.fromPort, toPort: p.toPort }),
        ipv4: [],
        ipv6: [],
        groups: [],
      };
      group[direction].push(rule);
    }
    for (const peer of p.peers) {
      const entry = { ...(peer.description === undefined ? {} : { description: peer.description }) };
      if (peer.kind === "ipv4") rule.ipv4.push({ cidr: peer.value, ...entry });
      else if (peer.kind === "ipv6") rule.ipv6.push({ cidr: peer.value, ...entry });
      else rule.groups.push({ groupId: peer.value, ...entry });
      added.push({
        SecurityGroupRuleId: `sgr-0${ctx.ids.hex(16)}`,
        GroupId: group.id,
        GroupOwnerId: ctx.account.id,
        IsEgress: direction === "egress",
        IpProtocol: p.protocol,
        FromPort: p.fromPort ?? -1,
        ToPort: p.toPort ?? -1,
        ...(peer.kind === "ipv4" ? { CidrIpv4: peer.value } : {}),
        ...(peer.kind === "ipv6" ? { CidrIpv6: peer.value } : {}),
        ...(peer.kind === "group"
          ? { ReferencedGroupInfo: { GroupId: peer.value, UserId: ctx.account.id } }
          : {}),
        ...(peer.description === undefined ? {} : { Description: peer.description }),
      });
    }
  }
  return { Return: true, SecurityGroupRules: added };
}

function revoke(
  ctx: ServiceContext,
  input: PermissionRequest,
  direction: Direction,
): RevokeSecurityGroupIngressResult {
  const r = regionOf(ctx);
  const group = findGroup(r, input);
  const permissions = normalise(r, input);
  for (const p of permissions) {
    const existing = group[direction].find((rule) => sameRule(rule, p));
    if (existing === undefined || p.peers.some((peer) => !hasPeer(existing, peer))) {
      throw awsError(
        "InvalidPermission.NotFound",
        "The specified rule does not exist in this security group.",
      );
    }
  }
  checkDryRun(input);
  for (const p of permissions) {
    const rule = group[direction].find((x) => sameRule(x, p));
    if (rule === undefined) continue;
    for (const peer of p.peers) {
      if (peer.kind === "ipv4") rule.ipv4 = rule.ipv4.filter((x) => x.cidr !== peer.value);
      else if (peer.kind === "ipv6") rule.ipv6 = rule.ipv6.filter((x) => x.cidr !== peer.value);
      else rule.groups = rule.groups.filter((x) => x.groupId !== peer.value);
    }
  }
  group[direction] = group[direction].filter(
    (rule) => rule.ipv4.length + rule.ipv6.length + rule.groups.length > 0,
  );
  return { Return: true };
}

function createSecurityGroup(
  ctx: ServiceContext,
  input: CreateSecurityGroupRequest,
): CreateSecurityGroupResult {
  const r = regionOf(ctx);
  const name = input.GroupName;
  const description = input.Description;
  if (name === undefined || name === "")
    throw awsError("MissingParameter", "The request must contain the parameter groupName");
  if (description === undefined || description === "")
    throw awsError("MissingParameter", "The request must contain the parameter groupDescription");
  if (name.length > 255 || description.length > 255) {
    throw awsError("InvalidParameterValue", "Group name and description must be at most 255 characters.");
  }
  if (name === "default") {
    throw awsError(
      "InvalidGroup.Reserved",
      "The security group name 'default' is reserved, and cannot be used to create a new security group.",
    );
  }
  if (name.toLowerCase().startsWith("sg-"))
    throw awsError("InvalidParameterValue", "Group names may not be in the format sg-*.");
  let vpcId = input.VpcId;
  if (vpcId === undefined) {
    vpcId = r.vpcs.find((v) => v.isDefault)?.id;
    if (vpcId === undefined) throw awsError("VPCIdNotSpecified", "No default VPC for this user");
  } else {
    selectByIds(ID_KINDS.vpc, r.vpcs, [vpcId], (v) => v.id);
  }
  if (r.securityGroups.some((g) => g.vpcId === vpcId && g.name === name)) {
    throw awsError(
      "InvalidGroup.Duplicate",
      `The security group '${name}' already exists for VPC '${vpcId}'`,
    );
  }
  const tags = specifiedTags(input.TagSpecifications, ["security-group"]);
  checkDryRun(input);
  const group = newSecurityGroup({
    id: ctx.ids.ec2("sg"),
    vpcId,
    name,
    description,
    tags: tags("security-group"),
  });
  r.securityGroups.push(group);
  return {
    GroupId: group.id,
    ...tagsMember(group.tags),
    SecurityGroupArn: `arn:aws:ec2:${ctx.region}:${ctx.account.id}:security-group/${group.id}`,
  };
}

function deleteSecurityGroup(
  ctx: ServiceContext,
  input: DeleteSecurityGroupRequest,
): DeleteSecurityGroupResult {
  const r = regionOf(ctx);
  const group = findGroup(r, input);
  if (group.name === "default") {
    throw awsError(
      "CannotDelete",
      `the specified group: "${group.id}" name: "default" cannot be deleted by a user`,
    );
  }
  const inUse =
    r.networkInterfaces.some((n) => n.securityGroupIds.includes(group.id)) ||
    r.securityGroups.some(
      (g) =>
        g !== group &&
        [...g.ingress, ...g.egress].some((rule) => rule.groups.some((x) => x.groupId === group.id)),
    );
  if (inUse) throw awsError("DependencyViolation", `resource ${group.id} has a dependent object`);
  checkDryRun(input);
  r.securityGroups = r.securityGroups.filter((g) => g !== group);
  return { Return: true, GroupId: group.id };
}

/** Egress calls name the group by id only, and carry no single-rule shorthand but the CIDR. */
function egressRequest(
  input: AuthorizeSecurityGroupEgressRequest | RevokeSecurityGroupEgressRequest,
): PermissionRequest {
  if (input.GroupId === undefined || input.GroupId === "")
    throw awsError("MissingParameter", "The request must contain the parameter groupId");
  return {
    GroupId: input.GroupId,
    ...(input.IpPermissions === undefined ? {} : { IpPermissions: input.IpPermissions }),
    ...(input.IpProtocol === undefined
      ? {}
      : {
          IpProtocol: input.IpProtocol,
          FromPort: input.FromPort,
          ToPort: input.ToPort,
          CidrIp: input.CidrIp,
        }),
    ...(input.DryRun === undefined ? {} : { DryRun: input.DryRun }),
  };
}

export const SECURITY_GROUP_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeSecurityGroups: op(describeSecurityGroups),
  CreateSecurityGroup: op(createSecurityGroup),
  AuthorizeSecurityGroupIngress: op((ctx, input: AuthorizeSecurityGroupIngressRequest) =>
    authorize(ctx, input, "ingress"),
  ),
  AuthorizeSecurityGroupEgress: op((ctx, input: AuthorizeSecurityGroupEgressRequest) =>
    authorize(ctx, egressRequest(input), "egress"),
  ),
  RevokeSecurityGroupIngress: op((ctx, input: RevokeSecurityGroupIngressRequest) =>
    revoke(ctx, input, "ingress"),
  ),
  RevokeSecurityGroupEgress: op((ctx, input: RevokeSecurityGroupEgressRequest) =>
    revoke(ctx, egressRequest(input), "egress"),
  ),
  DeleteSecurityGroup: op(deleteSecurityGroup),
};
