/**
 * IAM → ResourceRecord: users, roles and customer managed policies. IAM is global: these are
 * listed once per account and carry the region `global`. The List calls use the SDK's
 * paginators; they do not return tags, so each resource's tags come from its own List*Tags
 * call. Policy documents (trust policies included) are never copied into a record.
 */
import {
  paginateListPolicies,
  paginateListPolicyTags,
  paginateListRoles,
  paginateListRoleTags,
  paginateListUsers,
  paginateListUserTags,
  type IAMClient,
  type Policy,
  type Role,
  type Tag,
  type User,
} from "@aws-sdk/client-iam";
import { GLOBAL_REGION, type ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { withAwsErrors, type CallSite } from "./aws-errors.js";
import { pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { itemsFromPages, mapConcurrently, PER_RESOURCE_CONCURRENCY } from "./pages.js";
import { isoDate, tagMap } from "./tags.js";

/** IAM has no region: the account and the page size are all that matter. */
export type IamScope = Omit<CollectScope, "region">;

type Paging = { client: IAMClient; pageSize: number | undefined; stopOnSameToken: true };

function paging(client: IAMClient, scope: IamScope): Paging {
  return { client, pageSize: pageSizeWithin(scope.pageSize, 1, 1000), stopOnSameToken: true };
}

function site(scope: IamScope, action: string): CallSite {
  return { service: "iam", action, account: scope.account, region: GLOBAL_REGION };
}

export async function collectIamUsers(factory: ClientFactory, scope: IamScope): Promise<ResourceRecord[]> {
  const client = await factory.iam();
  const users = await withAwsErrors(site(scope, "iam:ListUsers"), () =>
    itemsFromPages(paginateListUsers(paging(client, scope), {}), (p) => p.Users),
  );
  const named = users.filter(
    (u): u is User & { UserName: string; Arn: string } => u.UserName !== undefined && u.Arn !== undefined,
  );
  return mapConcurrently(named, PER_RESOURCE_CONCURRENCY, async (user) => {
    const tags = await withAwsErrors(site(scope, "iam:ListUserTags"), () =>
      itemsFromPages(paginateListUserTags(paging(client, scope), { UserName: user.UserName }), (p) => p.Tags),
    );
    return userRecord(user, user.UserName, user.Arn, tags, scope);
  });
}

/** Every role, service-linked roles included (`isServiceLinked`). */
export async function collectIamRoles(factory: ClientFactory, scope: IamScope): Promise<ResourceRecord[]> {
  const client = await factory.iam();
  const roles = await withAwsErrors(site(scope, "iam:ListRoles"), () =>
    itemsFromPages(paginateListRoles(paging(client, scope), {}), (p) => p.Roles),
  );
  const named = roles.filter(
    (r): r is Role & { RoleName: string; Arn: string } => r.RoleName !== undefined && r.Arn !== undefined,
  );
  return mapConcurrently(named, PER_RESOURCE_CONCURRENCY, async (role) => {
    const tags = await withAwsErrors(site(scope, "iam:ListRoleTags"), () =>
      itemsFromPages(paginateListRoleTags(paging(client, scope), { RoleName: role.RoleName }), (p) => p.Tags),
    );
    return roleRecord(role, role.RoleName, role.Arn, tags, scope);
  });
}

/** The account's own (customer managed) policies, attached or not; AWS managed policies are not listed. */
export async function collectIamPolicies(factory: ClientFactory, scope: IamScope): Promise<ResourceRecord[]> {
  const client = await factory.iam();
  const policies = await withAwsErrors(site(scope, "iam:ListPolicies"), () =>
    itemsFromPages(paginateListPolicies(paging(client, scope), { Scope: "Local" }), (p) => p.Policies),
  );
  const withArn = policies.filter((p): p is Policy & { Arn: string } => p.Arn !== undefined);
  return mapConcurrently(withArn, PER_RESOURCE_CONCURRENCY, async (policy) => {
    const tags = await withAwsErrors(site(scope, "iam:ListPolicyTags"), () =>
      itemsFromPages(paginateListPolicyTags(paging(client, scope), { PolicyArn: policy.Arn }), (p) => p.Tags),
    );
    return policyRecord(policy, policy.Arn, tags, scope);
  });
}

function base(scope: IamScope, tags: readonly Tag[]) {
  return {
    service: "iam",
    account: scope.account,
    region: GLOBAL_REGION,
    state: undefined,
    tags: tagMap(tags),
  } as const;
}

function userRecord(
  user: User,
  name: string,
  arn: string,
  tags: readonly Tag[],
  scope: IamScope,
): ResourceRecord {
  return {
    ...base(scope, tags),
    type: "user",
    id: name,
    arn,
    name,
    attributes: {
      path: user.Path ?? null,
      userId: user.UserId ?? null,
      createDate: isoDate(user.CreateDate),
      passwordLastUsed: isoDate(user.PasswordLastUsed),
    },
  };
}

function roleRecord(
  role: Role,
  name: string,
  arn: string,
  tags: readonly Tag[],
  scope: IamScope,
): ResourceRecord {
  return {
    ...base(scope, tags),
    type: "role",
    id: name,
    arn,
    name,
    attributes: {
      path: role.Path ?? null,
      roleId: role.RoleId ?? null,
      description: role.Description === undefined || role.Description === "" ? null : role.Description,
      isServiceLinked: (role.Path ?? "").startsWith("/aws-service-role/"),
      maxSessionDurationSeconds: role.MaxSessionDuration ?? null,
      createDate: isoDate(role.CreateDate),
    },
  };
}

function policyRecord(policy: Policy, arn: string, tags: readonly Tag[], scope: IamScope): ResourceRecord {
  return {
    ...base(scope, tags),
    type: "policy",
    id: arn,
    arn,
    name: policy.PolicyName,
    attributes: {
      path: policy.Path ?? null,
      policyId: policy.PolicyId ?? null,
      attachmentCount: policy.AttachmentCount ?? null,
      permissionsBoundaryUsageCount: policy.PermissionsBoundaryUsageCount ?? null,
      isAttachable: policy.IsAttachable ?? null,
      defaultVersionId: policy.DefaultVersionId ?? null,
      createDate: isoDate(policy.CreateDate),
      updateDate: isoDate(policy.UpdateDate),
    },
  };
}
