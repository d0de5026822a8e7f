/**
 * IAM (global): ListAccountAliases, ListUsers, GetUser, ListRoles, ListPolicies,
 * ListUserTags, ListRoleTags, ListPolicyTags, ListAccessKeys, GetAccessKeyLastUsed,
 * ListMFADevices, GetAccountSummary, and (iam-audit.ts) what the security audits read.
 * Pagination is MaxItems + Marker with IsTruncated.
 */
import type {
  GetAccessKeyLastUsedRequest,
  GetAccessKeyLastUsedResponse,
  GetAccountSummaryResponse,
  GetUserRequest,
  GetUserResponse,
  ListAccessKeysRequest,
  ListAccessKeysResponse,
  ListAccountAliasesResponse,
  ListMFADevicesRequest,
  ListMFADevicesResponse,
  ListPoliciesRequest,
  ListPoliciesResponse,
  ListPolicyTagsRequest,
  ListPolicyTagsResponse,
  ListRoleTagsRequest,
  ListRoleTagsResponse,
  ListUserTagsRequest,
  ListUserTagsResponse,
  ListRolesRequest,
  ListRolesResponse,
  ListUsersRequest,
  ListUsersResponse,
  Policy,
  Role,
  User,
} from "@aws-sdk/client-iam";
import { policyArn, type EstateAccount, type EstateIamRole, type EstateIamUser } from "../estate.js";
import { AWS_MANAGED_POLICY_PREFIX, awsManagedPolicy } from "../aws-managed-policies.js";
import { awsError } from "../errors.js";
import { pageFrom } from "../paging.js";
import { hashString } from "../prng.js";
import { op, tagList, toDate, type Handler, type ServiceContext } from "./context.js";

export function page<T>(
  ctx: ServiceContext,
  items: readonly T[],
  input: { Marker?: string | undefined; MaxItems?: number | undefined },
): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const max = input.MaxItems;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 1000)) {
    throw awsError(
      "ValidationError",
      `1 validation error detected: Value '${max}' at 'maxItems' failed to satisfy constraint: Member must have value ${max < 1 ? "greater than or equal to 1" : "less than or equal to 1000"}`,
    );
  }
  const p = pageFrom(ctx.action, items, input.Marker, max ?? ctx.pageSize, () =>
    awsError("ValidationError", "Invalid Marker: the marker was not issued by a previous call."),
  );
  return p.nextToken === undefined
    ? { items: p.items, IsTruncated: false }
    : { items: p.items, IsTruncated: true, Marker: p.nextToken };
}

export function userArn(ctx: ServiceContext, u: EstateIamUser): string {
  return `arn:aws:iam::${ctx.account.id}:user${u.path}${u.userName}`;
}

function userOutput(ctx: ServiceContext, u: EstateIamUser, withTags: boolean): User {
  return {
    Path: u.path,
    UserName: u.userName,
    UserId: u.userId,
    Arn: userArn(ctx, u),
    CreateDate: toDate(u.createdAt),
    ...(u.passwordLastUsedAt === undefined ? {} : { PasswordLastUsed: toDate(u.passwordLastUsedAt) }),
    ...(withTags && Object.keys(u.tags).length > 0 ? { Tags: tagList(u.tags) } : {}),
  };
}

/** The role's trust policy (JSON text): one statement per trusted principal, with its condition. */
export function trustPolicyDocument(r: EstateIamRole): string {
  const statement = r.trustedPrincipals.map((p) => ({
    Effect: "Allow",
    Principal: p.endsWith(".amazonaws.com") ? { Service: p } : { AWS: p },
    Action: "sts:AssumeRole",
    ...(r.trustCondition === undefined ? {} : { Condition: r.trustCondition }),
  }));
  return JSON.stringify({ Version: "2012-10-17", Statement: statement });
}

export function roleArn(ctx: ServiceContext, r: EstateIamRole): string {
  return `arn:aws:iam::${ctx.account.id}:role${r.path}${r.roleName}`;
}

function roleOutput(ctx: ServiceContext, r: EstateIamRole): Role {
  return {
    Path: r.path,
    RoleName: r.roleName,
    RoleId: r.roleId,
    Arn: roleArn(ctx, r),
    CreateDate: toDate(r.createdAt),
    AssumeRolePolicyDocument: encodeURIComponent(trustPolicyDocument(r)),
    ...(r.description === undefined ? {} : { Description: r.description }),
    MaxSessionDuration: 3600,
  };
}

/** The named user, or the caller when the caller is an IAM user and no name is given. */
export function userFor(ctx: ServiceContext, userName: string | undefined): EstateIamUser {
  let name = userName;
  if (name === undefined) {
    const match = /:user\/(?:.*\/)?([^/]+)$/.exec(ctx.identity.arn);
    if (match === null)
      throw awsError("ValidationError", "Must specify userName when calling with non-User credentials");
    name = match[1];
  }
  const user = ctx.account.iam.users.find((u) => u.userName === name);
  if (user === undefined)
    throw awsError("NoSuchEntity", `The user with name ${name ?? ""} cannot be found.`, 404);
  return user;
}

function listAccountAliases(ctx: ServiceContext): ListAccountAliasesResponse {
  return { AccountAliases: ctx.account.alias === undefined ? [] : [ctx.account.alias], IsTruncated: false };
}

function listUsers(ctx: ServiceContext, input: ListUsersRequest): ListUsersResponse {
  const prefix = input.PathPrefix ?? "/";
  const users = ctx.account.iam.users.filter((u) => u.path.startsWith(prefix));
  const { items, ...rest } = page(ctx, users, input);
  return { Users: items.map((u) => userOutput(ctx, u, false)), ...rest };
}

function getUser(ctx: ServiceContext, input: GetUserRequest): GetUserResponse {
  return { User: userOutput(ctx, userFor(ctx, input.UserName), true) };
}

function listRoles(ctx: ServiceContext, input: ListRolesRequest): ListRolesResponse {
  const prefix = input.PathPrefix ?? "/";
  const roles = ctx.account.iam.roles.filter((r) => r.path.startsWith(prefix));
  const { items, ...rest } = page(ctx, roles, input);
  return { Roles: items.map((r) => roleOutput(ctx, r)), ...rest };
}

/** How many users, groups and roles of the account have the policy attached. */
export function attachmentCount(account: EstateAccount, arn: string): number {
  return [...account.iam.users, ...account.iam.groups, ...account.iam.roles].filter((x) =>
    x.attachedPolicyArns.includes(arn),
  ).length;
}

/**
 * AWS managed policies the account uses, as ListPolicies shows them (default version and
 * dates as AWS publishes them; their ids are stand-ins).
 */
export function awsManagedPolicies(account: EstateAccount): Policy[] {
  const arns = new Set(
    [...account.iam.users, ...account.iam.groups, ...account.iam.roles]
      .flatMap((x) => x.attachedPolicyArns)
      .filter((arn) => arn.startsWith(AWS_MANAGED_POLICY_PREFIX)),
  );
  return [...arns].sort().map((arn) => {
    const path = arn.slice("arn:aws:iam::aws:policy".length);
    const name = path.slice(path.lastIndexOf("/") + 1);
    const known = awsManagedPolicy(arn);
    return {
      PolicyName: name,
      PolicyId: `ANPA${hashString(arn).toString(36).toUpperCase().padStart(16, "Q")}`,
      Arn: arn,
      Path: path.slice(0, path.length - name.length),
      DefaultVersionId: known.versionId,
      AttachmentCount: attachmentCount(account, arn),
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: toDate(known.createDate),
      UpdateDate: toDate(known.updateDate),
    };
  });
}

/**
 * ListPolicies: `Scope` Local (the account's customer managed policies), AWS (the AWS managed
 * policies the account uses; AWS lists all of them) or All (both, AWS managed first);
 * `OnlyAttached`, `PathPrefix`; `PolicyUsageFilter` PermissionsBoundary matches none (no
 * boundaries are modelled).
 */
function listPolicies(ctx: ServiceContext, input: ListPoliciesRequest): ListPoliciesResponse {
  const scope = input.Scope ?? "All";
  if (!["All", "AWS", "Local"].includes(scope)) {
    throw awsError(
      "ValidationError",
      `1 validation error detected: Value '${scope}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]`,
    );
  }
  const local: Policy[] = ctx.account.iam.policies.map((p) => {
    const arn = policyArn(ctx.account.id, p);
    return {
      PolicyName: p.policyName,
      PolicyId: p.policyId,
      Arn: arn,
      Path: p.path,
      DefaultVersionId: `v${p.defaultVersion}`,
      AttachmentCount: attachmentCount(ctx.account, arn),
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: toDate(p.createdAt),
      UpdateDate: toDate(p.updatedAt),
    };
  });
  const prefix = input.PathPrefix ?? "/";
  const policies = [
    ...(scope === "Local" ? [] : awsManagedPolicies(ctx.account)),
    ...(scope === "AWS" ? [] : local),
  ].filter(
    (p) =>
      (p.Path ?? "/").startsWith(prefix) &&
      (input.OnlyAttached !== true || (p.AttachmentCount ?? 0) > 0) &&
      input.PolicyUsageFilter !== "PermissionsBoundary",
  );
  const { items, ...rest } = page(ctx, policies, input);
  return { Policies: items, ...rest };
}

function listUserTags(ctx: ServiceContext, input: ListUserTagsRequest): ListUserTagsResponse {
  const name = input.UserName;
  const user = ctx.account.iam.users.find((u) => u.userName === name);
  if (user === undefined)
    throw awsError("NoSuchEntity", `The user with name ${name ?? ""} cannot be found.`, 404);
  const { items, ...rest } = page(ctx, tagList(user.tags), input);
  return { Tags: items, ...rest };
}

function listRoleTags(ctx: ServiceContext, input: ListRoleTagsRequest): ListRoleTagsResponse {
  const name = input.RoleName;
  const role = ctx.account.iam.roles.find((r) => r.roleName === name);
  if (role === undefined)
    throw awsError("NoSuchEntity", `The role with name ${name ?? ""} cannot be found.`, 404);
  const { items, ...rest } = page(ctx, tagList(role.tags), input);
  return { Tags: items, ...rest };
}

/** Tags of a customer managed policy; AWS managed policies carry none. */
function listPolicyTags(ctx: ServiceContext, input: ListPolicyTagsRequest): ListPolicyTagsResponse {
  const arn = input.PolicyArn ?? "";
  const policy = ctx.account.iam.policies.find((p) => policyArn(ctx.account.id, p) === arn);
  const isAwsManaged = awsManagedPolicies(ctx.account).some((p) => p.Arn === arn);
  if (policy === undefined && !isAwsManaged) {
    throw awsError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`, 404);
  }
  const { items, ...rest } = page(ctx, policy === undefined ? [] : tagList(policy.tags), input);
  return { Tags: items, ...rest };
}

function listAccessKeys(ctx: ServiceContext, input: ListAccessKeysRequest): ListAccessKeysResponse {
  const user = userFor(ctx, input.UserName);
  const { items, ...rest } = page(ctx, user.accessKeys, input);
  return {
    AccessKeyMetadata: items.map((k) => ({
      UserName: user.userName,
      AccessKeyId: k.accessKeyId,
      Status: k.status,
      CreateDate: toDate(k.createdAt),
    })),
    ...rest,
  };
}

function getAccessKeyLastUsed(
  ctx: ServiceContext,
  input: GetAccessKeyLastUsedRequest,
): GetAccessKeyLastUsedResponse {
  for (const user of ctx.account.iam.users) {
    const key = user.accessKeys.find((k) => k.accessKeyId === input.AccessKeyId);
    if (key === undefined) continue;
    return {
      UserName: user.userName,
      AccessKeyLastUsed:
        key.lastUsedAt === undefined
          ? { ServiceName: "N/A", Region: "N/A" }
          : {
              LastUsedDate: toDate(key.lastUsedAt),
              ServiceName: key.lastUsedService ?? "N/A",
              Region: key.lastUsedRegion ?? "N/A",
            },
    };
  }
  throw awsError(
    "AccessDenied",
    `The access key ${input.AccessKeyId ?? ""} does not belong to this account.`,
    403,
  );
}

function listMFADevices(ctx: ServiceContext, input: ListMFADevicesRequest): ListMFADevicesResponse {
  const user = userFor(ctx, input.UserName);
  const { items, ...rest } = page(ctx, user.mfaDevices, input);
  return {
    MFADevices: items.map((d) => ({
      UserName: user.userName,
      SerialNumber: d.serialNumber,
      EnableDate: toDate(d.enabledAt),
    })),
    ...rest,
  };
}

function getAccountSummary(ctx: ServiceContext): GetAccountSummaryResponse {
  const { users, roles } = ctx.account.iam;
  const mfaDevices = users.reduce((n, u) => n + u.mfaDevices.length, 0);
  const groups = new Set([
    ...ctx.account.iam.groups.map((g) => g.groupName),
    ...users.flatMap((u) => u.groups),
  ]).size;
  const policies = ctx.account.iam.policies.length;
  return {
    SummaryMap: {
      Users: users.length,
      UsersQuota: 5000,
      Roles: roles.length,
      RolesQuota: 1000,
      Groups: groups,
      GroupsQuota: 300,
      Policies: policies,
      PoliciesQuota: 1500,
      MFADevices: mfaDevices + (ctx.account.rootMfaEnabled ? 1 : 0),
      MFADevicesInUse: mfaDevices + (ctx.account.rootMfaEnabled ? 1 : 0),
      AccountMFAEnabled: ctx.account.rootMfaEnabled ? 1 : 0,
      AccountAccessKeysPresent: ctx.account.rootAccessKeysPresent ? 1 : 0,
      AccountSigningCertificatesPresent: 0,
      AccessKeysPerUserQuota: 2,
      ServerCertificates: 0,
      ServerCertificatesQuota: 20,
      InstanceProfiles: 0,
      InstanceProfilesQuota: 1000,
      Providers: 1,
    },
  };
}

export const IAM_HANDLERS: Readonly<Record<string, Handler>> = {
  ListAccountAliases: op(listAccountAliases),
  ListUsers: op(listUsers),
  GetUser: op(getUser),
  ListRoles: op(listRoles),
  ListPolicies: op(listPolicies),
  ListUserTags: op(listUserTags),
  ListRoleTags: op(listRoleTags),
  ListPolicyTags: op(listPolicyTags),
  ListAccessKeys: op(listAccessKeys),
  GetAccessKeyLastUsed: op(getAccessKeyLastUsed),
  ListMFADevices: op(listMFADevices),
  GetAccountSummary: op(getAccountSummary),
};
