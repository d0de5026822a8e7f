/**
 * IAM operations the security audits read: the password policy, the credential report, the
 * account authorization details, managed policies and their versions, attached and inline
 * policies of users, groups and roles, and groups. Policy documents are URL-encoded JSON, as
 * IAM answers them.
 */
import type {
  AttachedPolicy,
  GenerateCredentialReportResponse,
  GetAccountAuthorizationDetailsRequest,
  GetAccountAuthorizationDetailsResponse,
  GetAccountPasswordPolicyResponse,
  GetCredentialReportResponse,
  GetGroupPolicyRequest,
  GetGroupPolicyResponse,
  GetPolicyRequest,
  GetPolicyResponse,
  GetPolicyVersionRequest,
  GetPolicyVersionResponse,
  GetRolePolicyRequest,
  GetRolePolicyResponse,
  GetUserPolicyRequest,
  GetUserPolicyResponse,
  Group,
  GroupDetail,
  ListAttachedGroupPoliciesRequest,
  ListAttachedGroupPoliciesResponse,
  ListAttachedRolePoliciesRequest,
  ListAttachedRolePoliciesResponse,
  ListAttachedUserPoliciesRequest,
  ListAttachedUserPoliciesResponse,
  ListGroupPoliciesRequest,
  ListGroupPoliciesResponse,
  ListGroupsForUserRequest,
  ListGroupsForUserResponse,
  ListGroupsRequest,
  ListGroupsResponse,
  ListRolePoliciesRequest,
  ListRolePoliciesResponse,
  ListUserPoliciesRequest,
  ListUserPoliciesResponse,
  ManagedPolicyDetail,
  Policy,
  RoleDetail,
  UserDetail,
} from "@aws-sdk/client-iam";
import { awsManagedPolicy, isKnownAwsManagedPolicy } from "../aws-managed-policies.js";
import {
  policyArn,
  type EstateAccount,
  type EstateIamGroup,
  type EstateIamPolicy,
  type EstateIamRole,
  type EstateIamUser,
  type EstateInlinePolicy,
} from "../estate.js";
import { awsError } from "../errors.js";
import { op, tagList, toDate, type Handler, type ServiceContext } from "./context.js";
import { attachmentCount, awsManagedPolicies, page, roleArn, trustPolicyDocument, userArn } from "./iam.js";

/** A credential report can be fetched for 4 hours after it was generated. */
const REPORT_LIFETIME_MS = 4 * 3_600_000;

const encode = encodeURIComponent;

function userNamed(ctx: ServiceContext, name: string | undefined): EstateIamUser {
  const user = ctx.account.iam.users.find((u) => u.userName === name);
  if (user === undefined)
    throw awsError("NoSuchEntity", `The user with name ${name ?? ""} cannot be found.`, 404);
  return user;
}

function roleNamed(ctx: ServiceContext, name: string | undefined): EstateIamRole {
  const role = ctx.account.iam.roles.find((r) => r.roleName === name);
  if (role === undefined)
    throw awsError("NoSuchEntity", `The role with name ${name ?? ""} cannot be found.`, 404);
  return role;
}

function groupNamed(ctx: ServiceContext, name: string | undefined): EstateIamGroup {
  const group = ctx.account.iam.groups.find((g) => g.groupName === name);
  if (group === undefined)
    throw awsError("NoSuchEntity", `The group with name ${name ?? ""} cannot be found.`, 404);
  return group;
}

function groupArn(ctx: ServiceContext, g: EstateIamGroup): string {
  return `arn:aws:iam::${ctx.account.id}:group${g.path}${g.groupName}`;
}

function groupOutput(ctx: ServiceContext, g: EstateIamGroup): Group {
  return {
    Path: g.path,
    GroupName: g.groupName,
    GroupId: g.groupId,
    Arn: groupArn(ctx, g),
    CreateDate: toDate(g.createdAt),
  };
}

/** `{PolicyName, PolicyArn}` of each attached managed policy. */
function attached(arns: readonly string[]): AttachedPolicy[] {
  return arns.map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf("/") + 1), PolicyArn: arn }));
}

/** The path of a managed policy ARN (`/service-role/`), for PathPrefix filters. */
function policyPathOf(arn: string): string {
  const afterPolicy = arn.slice(arn.indexOf(":policy") + ":policy".length);
  return afterPolicy.slice(0, afterPolicy.lastIndexOf("/") + 1);
}

function attachedPage(
  ctx: ServiceContext,
  arns: readonly string[],
  input: { PathPrefix?: string | undefined; Marker?: string | undefined; MaxItems?: number | undefined },
): { AttachedPolicies: AttachedPolicy[]; IsTruncated: boolean; Marker?: string } {
  const prefix = input.PathPrefix ?? "/";
  const { items, ...rest } = page(
    ctx,
    attached(arns.filter((arn) => policyPathOf(arn).startsWith(prefix))),
    input,
  );
  return { AttachedPolicies: items, ...rest };
}

function inlineNamed(
  list: readonly EstateInlinePolicy[] | undefined,
  name: string | undefined,
  kind: "user" | "role" | "group",
): EstateInlinePolicy {
  const found = (list ?? []).find((p) => p.name === name);
  if (found === undefined)
    throw awsError("NoSuchEntity", `The ${kind} policy with name ${name ?? ""} cannot be found.`, 404);
  return found;
}

function getAccountPasswordPolicy(ctx: ServiceContext): GetAccountPasswordPolicyResponse {
  const p = ctx.account.passwordPolicy;
  if (p === undefined) {
    throw awsError(
      "NoSuchEntity",
      `The Password Policy with domain name ${ctx.account.id} cannot be found.`,
      404,
    );
  }
  return {
    PasswordPolicy: {
      MinimumPasswordLength: p.minimumPasswordLength,
      RequireSymbols: p.requireSymbols,
      RequireNumbers: p.requireNumbers,
      RequireUppercaseCharacters: p.requireUppercaseCharacters,
      RequireLowercaseCharacters: p.requireLowercaseCharacters,
      AllowUsersToChangePassword: p.allowUsersToChangePassword,
      ExpirePasswords: p.expirePasswords,
      ...(p.maxPasswordAge === undefined ? {} : { MaxPasswordAge: p.maxPasswordAge }),
      ...(p.passwordReusePrevention === undefined
        ? {}
        : { PasswordReusePrevention: p.passwordReusePrevention }),
      ...(p.hardExpiry === undefined ? {} : { HardExpiry: p.hardExpiry }),
    },
  };
}

function reportAge(ctx: ServiceContext): number | undefined {
  const at = ctx.account.iam.credentialReportGeneratedAt;
  return at === undefined ? undefined : ctx.now().getTime() - Date.parse(at);
}

/**
 * The report is built at once: the first call (or the first after the report is 4 hours old)
 * answers STARTED and records the generation time; later calls answer COMPLETE.
 */
function generateCredentialReport(ctx: ServiceContext): GenerateCredentialReportResponse {
  const age = reportAge(ctx);
  if (age !== undefined && age < REPORT_LIFETIME_MS) return { State: "COMPLETE" };
  ctx.account.iam.credentialReportGeneratedAt = ctx.now().toISOString();
  return { State: "STARTED", Description: "No report exists. Starting a new report generation task" };
}

/** The credential report's columns, in AWS's order. */
export const CREDENTIAL_REPORT_COLUMNS = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "password_last_changed",
  "password_next_rotation",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
] as const;

/** `2026-10-31T09:15:00+00:00`, the report's timestamp format. */
function reportTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

function keyColumns(key: EstateIamUser["accessKeys"][number] | undefined): string[] {
  if (key === undefined) return ["false", "N/A", "N/A", "N/A", "N/A"];
  const used = key.lastUsedAt;
  return [
    String(key.status === "Active"),
    reportTime(key.createdAt),
    used === undefined ? "N/A" : reportTime(used),
    used === undefined ? "N/A" : (key.lastUsedRegion ?? "N/A"),
    used === undefined ? "N/A" : (key.lastUsedService ?? "N/A"),
  ];
}

/** The CSV text of the account's credential report: the root user first, then every user. */
export function credentialReportCsv(ctx: ServiceContext): string {
  const account: EstateAccount = ctx.account;
  const noCerts = ["false", "N/A", "false", "N/A"];
  const root = [
    "<root_account>",
    `arn:aws:iam::${account.id}:root`,
    reportTime(account.joinedAt),
    "not_supported",
    "no_information",
    "not_supported",
    "not_supported",
    String(account.rootMfaEnabled),
    ...(account.rootAccessKeysPresent
      ? ["true", reportTime(account.joinedAt), "N/A", "N/A", "N/A"]
      : keyColumns(undefined)),
    ...keyColumns(undefined),
    ...noCerts,
  ];
  const maxAge = account.passwordPolicy?.maxPasswordAge;
  const users = account.iam.users.map((u) => {
    const password = u.hasConsolePassword;
    return [
      u.userName,
      userArn(ctx, u),
      reportTime(u.createdAt),
      String(password),
      !password
        ? "N/A"
        : u.passwordLastUsedAt === undefined
          ? "no_information"
          : reportTime(u.passwordLastUsedAt),
      password ? reportTime(u.createdAt) : "N/A",
      password && maxAge !== undefined
        ? reportTime(new Date(Date.parse(u.createdAt) + maxAge * 86_400_000).toISOString())
        : "N/A",
      String(u.mfaDevices.length > 0),
      ...keyColumns(u.accessKeys[0]),
      ...keyColumns(u.accessKeys[1]),
      ...noCerts,
    ];
  });
  return [CREDENTIAL_REPORT_COLUMNS.join(","), ...[root, ...users].map((row) => row.join(","))].join("\n");
}

function getCredentialReport(ctx: ServiceContext): GetCredentialReportResponse {
  const age = reportAge(ctx);
  const at = ctx.account.iam.credentialReportGeneratedAt;
  if (age === undefined || at === undefined) {
    throw awsError(
      "ReportNotPresent",
      "Received a request for a credential report, but no credential report exists. Use GenerateCredentialReport to generate a report.",
      410,
    );
  }
  if (age >= REPORT_LIFETIME_MS) {
    throw awsError(
      "ReportExpired",
      "The request was rejected because the most recent credential report has expired. To generate a new credential report, use GenerateCredentialReport.",
      410,
    );
  }
  return {
    Content: new TextEncoder().encode(credentialReportCsv(ctx)),
    ReportFormat: "text/csv",
    GeneratedTime: toDate(at),
  };
}

/** A customer managed policy, or an AWS managed one the account uses or the sandbox knows. */
function managedPolicy(
  ctx: ServiceContext,
  arn: string | undefined,
): { local?: EstateIamPolicy; policy: Policy; document: string; versionId: string; versionDate: Date } {
  const local = ctx.account.iam.policies.find((p) => policyArn(ctx.account.id, p) === arn);
  if (local !== undefined) {
    return {
      local,
      policy: {
        PolicyName: local.policyName,
        PolicyId: local.policyId,
        Arn: policyArn(ctx.account.id, local),
        Path: local.path,
        DefaultVersionId: `v${local.defaultVersion}`,
        AttachmentCount: attachmentCount(ctx.account, policyArn(ctx.account.id, local)),
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        ...(local.description === undefined ? {} : { Description: local.description }),
        CreateDate: toDate(local.createdAt),
        UpdateDate: toDate(local.updatedAt),
      },
      document: local.document,
      versionId: `v${local.defaultVersion}`,
      versionDate: toDate(local.updatedAt),
    };
  }
  const used = awsManagedPolicies(ctx.account).find((p) => p.Arn === arn);
  if (arn === undefined || (used === undefined && !isKnownAwsManagedPolicy(arn))) {
    throw awsError("NoSuchEntity", `Policy ${arn ?? ""} does not exist or is not attachable.`, 404);
  }
  const meta = awsManagedPolicy(arn);
  const path = policyPathOf(arn);
  return {
    policy: used ?? {
      PolicyName: meta.name,
      PolicyId: `ANPA${meta.name
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, "")
        .padEnd(17, "Q")
        .slice(0, 17)}`,
      Arn: arn,
      Path: path,
      DefaultVersionId: meta.versionId,
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: toDate(meta.createDate),
      UpdateDate: toDate(meta.updateDate),
    },
    document: meta.document,
    versionId: meta.versionId,
    versionDate: toDate(meta.updateDate),
  };
}

function getPolicy(ctx: ServiceContext, input: GetPolicyRequest): GetPolicyResponse {
  const { local, policy } = managedPolicy(ctx, input.PolicyArn);
  return {
    Policy: {
      ...policy,
      ...(local !== undefined && Object.keys(local.tags).length > 0 ? { Tags: tagList(local.tags) } : {}),
    },
  };
}

function getPolicyVersion(ctx: ServiceContext, input: GetPolicyVersionRequest): GetPolicyVersionResponse {
  const { document, versionId, versionDate } = managedPolicy(ctx, input.PolicyArn);
  if (input.VersionId !== versionId) {
    throw awsError(
      "NoSuchEntity",
      `Policy ${input.PolicyArn ?? ""} version ${input.VersionId ?? ""} does not exist or is not attachable.`,
      404,
    );
  }
  return {
    PolicyVersion: {
      Document: encode(document),
      VersionId: versionId,
      IsDefaultVersion: true,
      CreateDate: versionDate,
    },
  };
}

function inlineDetails(
  list: readonly EstateInlinePolicy[] | undefined,
): { PolicyName: string; PolicyDocument: string }[] {
  return (list ?? []).map((p) => ({ PolicyName: p.name, PolicyDocument: encode(p.document) }));
}

const ENTITY_FILTERS = ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"] as const;

type Detail =
  | { kind: "user"; detail: UserDetail }
  | { kind: "group"; detail: GroupDetail }
  | { kind: "role"; detail: RoleDetail }
  | { kind: "policy"; detail: ManagedPolicyDetail };

/**
 * Users, groups, roles, and managed policies (customer managed ones, and the AWS managed ones
 * attached to something) with their documents, paged together by MaxItems/Marker in that order.
 */
function getAccountAuthorizationDetails(
  ctx: ServiceContext,
  input: GetAccountAuthorizationDetailsRequest,
): GetAccountAuthorizationDetailsResponse {
  const filter = input.Filter ?? [];
  for (const f of filter) {
    if (!(ENTITY_FILTERS as readonly string[]).includes(f)) {
      throw awsError(
        "ValidationError",
        `1 validation error detected: Value '[${filter.join(", ")}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${ENTITY_FILTERS.join(", ")}]]`,
      );
    }
  }
  const wants = (f: (typeof ENTITY_FILTERS)[number]): boolean => filter.length === 0 || filter.includes(f);
  const { iam } = ctx.account;
  const all: Detail[] = [];
  if (wants("User")) {
    for (const u of iam.users) {
      all.push({
        kind: "user",
        detail: {
          Path: u.path,
          UserName: u.userName,
          UserId: u.userId,
          Arn: userArn(ctx, u),
          CreateDate: toDate(u.createdAt),
          UserPolicyList: inlineDetails(u.inlinePolicies),
          GroupList: [...u.groups],
          AttachedManagedPolicies: attached(u.attachedPolicyArns),
          Tags: tagList(u.tags),
        },
      });
    }
  }
  if (wants("Group")) {
    for (const g of iam.groups) {
      all.push({
        kind: "group",
        detail: {
          ...groupOutput(ctx, g),
          GroupPolicyList: inlineDetails(g.inlinePolicies),
          AttachedManagedPolicies: attached(g.attachedPolicyArns),
        },
      });
    }
  }
  if (wants("Role")) {
    for (const r of iam.roles) {
      all.push({
        kind: "role",
        detail: {
          Path: r.path,
          RoleName: r.roleName,
          RoleId: r.roleId,
          Arn: roleArn(ctx, r),
          CreateDate: toDate(r.createdAt),
          AssumeRolePolicyDocument: encode(trustPolicyDocument(r)),
          InstanceProfileList: [],
          RolePolicyList: inlineDetails(r.inlinePolicies),
          AttachedManagedPolicies: attached(r.attachedPolicyArns),
          Tags: tagList(r.tags),
          RoleLastUsed:
            r.lastUsedAt === undefined ? {} : { LastUsedDate: toDate(r.lastUsedAt), Region: "us-east-1" },
        },
      });
    }
  }
  const policyDetail = (arn: string): ManagedPolicyDetail => {
    const { policy, document, versionId, versionDate } = managedPolicy(ctx, arn);
    return {
      ...policy,
      PolicyVersionList: [
        { Document: encode(document), VersionId: versionId, IsDefaultVersion: true, CreateDate: versionDate },
      ],
    };
  };
  if (wants("LocalManagedPolicy")) {
    for (const p of iam.policies)
      all.push({ kind: "policy", detail: policyDetail(policyArn(ctx.account.id, p)) });
  }
  if (wants("AWSManagedPolicy")) {
    for (const p of awsManagedPolicies(ctx.account))
      all.push({ kind: "policy", detail: policyDetail(p.Arn ?? "") });
  }
  const { items, ...rest } = page(ctx, all, input);
  const of = <K extends Detail["kind"]>(kind: K): Extract<Detail, { kind: K }>["detail"][] =>
    items.filter((d): d is Extract<Detail, { kind: K }> => d.kind === kind).map((d) => d.detail);
  return {
    UserDetailList: of("user"),
    GroupDetailList: of("group"),
    RoleDetailList: of("role"),
    Policies: of("policy"),
    ...rest,
  };
}

function listAttachedUserPolicies(
  ctx: ServiceContext,
  input: ListAttachedUserPoliciesRequest,
): ListAttachedUserPoliciesResponse {
  return attachedPage(ctx, userNamed(ctx, input.UserName).attachedPolicyArns, input);
}

function listAttachedRolePolicies(
  ctx: ServiceContext,
  input: ListAttachedRolePoliciesRequest,
): ListAttachedRolePoliciesResponse {
  return attachedPage(ctx, roleNamed(ctx, input.RoleName).attachedPolicyArns, input);
}

function listAttachedGroupPolicies(
  ctx: ServiceContext,
  input: ListAttachedGroupPoliciesRequest,
): ListAttachedGroupPoliciesResponse {
  return attachedPage(ctx, groupNamed(ctx, input.GroupName).attachedPolicyArns, input);
}

function namesPage(
  ctx: ServiceContext,
  list: readonly EstateInlinePolicy[] | undefined,
  input: { Marker?: string | undefined; MaxItems?: number | undefined },
): { PolicyNames: string[]; IsTruncated: boolean; Marker?: string } {
  const { items, ...rest } = page(
    ctx,
    (list ?? []).map((p) => p.name),
    input,
  );
  return { PolicyNames: items, ...rest };
}

function listUserPolicies(ctx: ServiceContext, input: ListUserPoliciesRequest): ListUserPoliciesResponse {
  return namesPage(ctx, userNamed(ctx, input.UserName).inlinePolicies, input);
}

function listRolePolicies(ctx: ServiceContext, input: ListRolePoliciesRequest): ListRolePoliciesResponse {
  return namesPage(ctx, roleNamed(ctx, input.RoleName).inlinePolicies, input);
}

function listGroupPolicies(ctx: ServiceContext, input: ListGroupPoliciesRequest): ListGroupPoliciesResponse {
  return namesPage(ctx, groupNamed(ctx, input.GroupName).inlinePolicies, input);
}

function getUserPolicy(ctx: ServiceContext, input: GetUserPolicyRequest): GetUserPolicyResponse {
  const user = userNamed(ctx, input.UserName);
  const p = inlineNamed(user.inlinePolicies, input.PolicyName, "user");
  return { UserName: user.userName, PolicyName: p.name, PolicyDocument: encode(p.document) };
}

function getRolePolicy(ctx: ServiceContext, input: GetRolePolicyRequest): GetRolePolicyResponse {
  const role = roleNamed(ctx, input.RoleName);
  const p = inlineNamed(role.inlinePolicies, input.PolicyName, "role");
  return { RoleName: role.roleName, PolicyName: p.name, PolicyDocument: encode(p.document) };
}

function getGroupPolicy(ctx: ServiceContext, input: GetGroupPolicyRequest): GetGroupPolicyResponse {
  const group = groupNamed(ctx, input.GroupName);
  const p = inlineNamed(group.inlinePolicies, input.PolicyName, "group");
  return { GroupName: group.groupName, PolicyName: p.name, PolicyDocument: encode(p.document) };
}

function listGroups(ctx: ServiceContext, input: ListGroupsRequest): ListGroupsResponse {
  const prefix = input.PathPrefix ?? "/";
  const groups = ctx.account.iam.groups.filter((g) => g.path.startsWith(prefix));
  const { items, ...rest } = page(ctx, groups, input);
  return { Groups: items.map((g) => groupOutput(ctx, g)), ...rest };
}

function listGroupsForUser(ctx: ServiceContext, input: ListGroupsForUserRequest): ListGroupsForUserResponse {
  const user = userNamed(ctx, input.UserName);
  const groups = ctx.account.iam.groups.filter((g) => user.groups.includes(g.groupName));
  const { items, ...rest } = page(ctx, groups, input);
  return { Groups: items.map((g) => groupOutput(ctx, g)), ...rest };
}

export const IAM_AUDIT_HANDLERS: Readonly<Record<string, Handler>> = {
  GetAccountPasswordPolicy: op(getAccountPasswordPolicy),
  GenerateCredentialReport: op(generateCredentialReport),
  GetCredentialReport: op(getCredentialReport),
  GetAccountAuthorizationDetails: op(getAccountAuthorizationDetails),
  GetPolicy: op(getPolicy),
  GetPolicyVersion: op(getPolicyVersion),
  ListAttachedUserPolicies: op(listAttachedUserPolicies),
  ListAttachedRolePolicies: op(listAttachedRolePolicies),
  ListAttachedGroupPolicies: op(listAttachedGroupPolicies),
  ListUserPolicies: op(listUserPolicies),
  ListRolePolicies: op(listRolePolicies),
  ListGroupPolicies: op(listGroupPolicies),
  GetUserPolicy: op(getUserPolicy),
  GetRolePolicy: op(getRolePolicy),
  GetGroupPolicy: op(getGroupPolicy),
  ListGroups: op(listGroups),
  ListGroupsForUser: op(listGroupsForUser),
};
