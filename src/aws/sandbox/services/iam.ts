/**
 * IAM (global): ListAccountAliases, ListUsers, GetUser, ListRoles, ListAccessKeys,
 * GetAccessKeyLastUsed, ListMFADevices, GetAccountSummary. Pagination is MaxItems + Marker
 * with IsTruncated.
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
  ListRolesRequest,
  ListRolesResponse,
  ListUsersRequest,
  ListUsersResponse,
  Role,
  User,
} from "@aws-sdk/client-iam";
import type { EstateIamRole, EstateIamUser } from "../estate.js";
import { awsError } from "../errors.js";
import { pageFrom } from "../paging.js";
import { op, tagList, toDate, type Handler, type ServiceContext } from "./context.js";

function page<T>(
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

function userArn(ctx: ServiceContext, u: EstateIamUser): string {
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

function roleOutput(ctx: ServiceContext, r: EstateIamRole): Role {
  const statement = r.trustedPrincipals.map((p) => ({
    Effect: "Allow",
    Principal: p.endsWith(".amazonaws.com") ? { Service: p } : { AWS: p },
    Action: "sts:AssumeRole",
  }));
  return {
    Path: r.path,
    RoleName: r.roleName,
    RoleId: r.roleId,
    Arn: `arn:aws:iam::${ctx.account.id}:role${r.path}${r.roleName}`,
    CreateDate: toDate(r.createdAt),
    AssumeRolePolicyDocument: encodeURIComponent(
      JSON.stringify({ Version: "2012-10-17", Statement: statement }),
    ),
    ...(r.description === undefined ? {} : { Description: r.description }),
    MaxSessionDuration: 3600,
  };
}

/** The named user, or the caller when the caller is an IAM user and no name is given. */
function userFor(ctx: ServiceContext, userName: string | undefined): EstateIamUser {
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
  const groups = new Set(users.flatMap((u) => u.groups)).size;
  const policies = new Set(
    [...users, ...roles].flatMap((x) => x.attachedPolicyArns).filter((arn) => !arn.includes(":aws:policy/")),
  ).size;
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
      AccountAccessKeysPresent: 0,
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
  ListAccessKeys: op(listAccessKeys),
  GetAccessKeyLastUsed: op(getAccessKeyLastUsed),
  ListMFADevices: op(listMFADevices),
  GetAccountSummary: op(getAccountSummary),
};
