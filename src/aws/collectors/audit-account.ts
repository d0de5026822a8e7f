/**
 * The account as a whole and its IAM principals → audit records:
 * - the account: root MFA and root access keys (GetAccountSummary), the password policy
 *   (GetAccountPasswordPolicy; NoSuchEntity: none), account-level S3 Block Public Access (S3
 *   Control GetPublicAccessBlock; NoSuchPublicAccessBlockConfiguration: none), the organisation's management account
 *   (DescribeOrganization; AWSOrganizationsNotInUseException: not in one);
 * - users: the credential report (console password, MFA, access keys' age and last use) and
 *   the policies that apply to each (GetAccountAuthorizationDetails: attached, inline, groups);
 * - roles: their trust policy and policies (GetAccountAuthorizationDetails).
 * AWS managed policies are read by ARN (GetPolicy + GetPolicyVersion) only when attached.
 */
import {
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  paginateGetAccountAuthorizationDetails,
  type GetAccountAuthorizationDetailsCommandOutput,
} from "@aws-sdk/client-iam";
import { DescribeOrganizationCommand } from "@aws-sdk/client-organizations";
import { GetPublicAccessBlockCommand } from "@aws-sdk/client-s3-control";
import type { AccountRecord, IamRoleRecord, IamUserRecord } from "../../core/audit/records.js";
import { GLOBAL_REGION } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { partitionOf } from "./arn.js";
import { absentWhen, withAwsErrors, type CallSite } from "./aws-errors.js";
import { publicAccessBlockOf } from "./audit-s3.js";
import { readCredentialReport } from "./credential-report.js";
import { mapConcurrently, PER_RESOURCE_CONCURRENCY } from "./pages.js";
import { tagMap } from "./tags.js";

export interface AccountScope {
  account: string;
  /** The region global APIs are called in (IAM and Organizations ignore it). */
  region: string;
}

const siteOf = (scope: AccountScope, action: string): CallSite => ({
  service: action.slice(0, action.indexOf(":")),
  action,
  account: scope.account,
  region: scope.region,
});

export async function collectAccountRecord(
  factory: ClientFactory,
  scope: AccountScope,
): Promise<AccountRecord[]> {
  const iam = await factory.iam();
  const summary = await withAwsErrors(siteOf(scope, "iam:GetAccountSummary"), () =>
    iam.send(new GetAccountSummaryCommand({})),
  );
  const policy = await absentWhen(
    ["NoSuchEntity", "NoSuchEntityException"],
    siteOf(scope, "iam:GetAccountPasswordPolicy"),
    () => iam.send(new GetAccountPasswordPolicyCommand({})),
  );
  const block = await absentWhen(
    ["NoSuchPublicAccessBlockConfiguration"],
    siteOf(scope, "s3:GetAccountPublicAccessBlock"),
    async () =>
      (await factory.s3control(scope.region)).send(
        new GetPublicAccessBlockCommand({ AccountId: scope.account }),
      ),
  );
  const organization = await absentWhen(
    ["AWSOrganizationsNotInUseException"],
    siteOf(scope, "organizations:DescribeOrganization"),
    async () => (await factory.organizations()).send(new DescribeOrganizationCommand({})),
  );
  const map = summary.SummaryMap ?? {};
  const p = policy?.PasswordPolicy;
  return [
    {
      kind: "account",
      account: scope.account,
      region: GLOBAL_REGION,
      id: scope.account,
      arn: `arn:${partitionOf(scope.region)}:iam::${scope.account}:root`,
      name: undefined,
      tags: {},
      isRootMfaEnabled: map["AccountMFAEnabled"] === undefined ? undefined : map["AccountMFAEnabled"] === 1,
      hasRootAccessKeys:
        map["AccountAccessKeysPresent"] === undefined ? undefined : map["AccountAccessKeysPresent"] > 0,
      passwordPolicy:
        p === undefined
          ? undefined
          : {
              minimumLength: p.MinimumPasswordLength,
              requireSymbols: p.RequireSymbols === true,
              requireNumbers: p.RequireNumbers === true,
              requireUppercase: p.RequireUppercaseCharacters === true,
              requireLowercase: p.RequireLowercaseCharacters === true,
              reusePrevention: p.PasswordReusePrevention,
              maxAgeDays: p.MaxPasswordAge,
            },
      publicAccessBlock: publicAccessBlockOf(block?.PublicAccessBlockConfiguration),
      organizationManagementAccount: organization?.Organization?.MasterAccountId,
    },
  ];
}

type Details = Required<
  Pick<
    GetAccountAuthorizationDetailsCommandOutput,
    "UserDetailList" | "GroupDetailList" | "RoleDetailList" | "Policies"
  >
>;

/** Users (with the credential report) and roles, with every policy that applies to each. */
export async function collectIamPrincipalRecords(
  factory: ClientFactory,
  scope: AccountScope,
): Promise<(IamUserRecord | IamRoleRecord)[]> {
  const iam = await factory.iam();
  const details: Details = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
  await withAwsErrors(siteOf(scope, "iam:GetAccountAuthorizationDetails"), async () => {
    const pages = paginateGetAccountAuthorizationDetails(
      { client: iam, stopOnSameToken: true },
      { Filter: ["User", "Role", "Group", "LocalManagedPolicy"] },
    );
    for await (const page of pages) {
      details.UserDetailList.push(...(page.UserDetailList ?? []));
      details.GroupDetailList.push(...(page.GroupDetailList ?? []));
      details.RoleDetailList.push(...(page.RoleDetailList ?? []));
      details.Policies.push(...(page.Policies ?? []));
    }
  });
  const documents = new Map<string, string | undefined>();
  for (const p of details.Policies) {
    if (p.Arn === undefined) continue;
    const version = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion === true);
    documents.set(p.Arn, decodeDocument(version?.Document));
  }
  const attached = [
    ...details.UserDetailList.flatMap((u) => u.AttachedManagedPolicies ?? []),
    ...details.GroupDetailList.flatMap((g) => g.AttachedManagedPolicies ?? []),
    ...details.RoleDetailList.flatMap((r) => r.AttachedManagedPolicies ?? []),
  ].flatMap((a) => (a.PolicyArn === undefined ? [] : [a.PolicyArn]));
  const awsManaged = [...new Set(attached)].filter((arn) => !documents.has(arn));
  await mapConcurrently(awsManaged, PER_RESOURCE_CONCURRENCY, async (arn) => {
    documents.set(arn, await readManagedPolicy(factory, scope, arn));
  });

  const managed = (list: { PolicyArn?: string; PolicyName?: string }[] | undefined, via: string) =>
    (list ?? []).flatMap((a) =>
      a.PolicyArn === undefined
        ? []
        : [
            {
              name: a.PolicyName ?? a.PolicyArn,
              arn: a.PolicyArn,
              via,
              document: documents.get(a.PolicyArn),
            },
          ],
    );
  const inline = (list: { PolicyName?: string; PolicyDocument?: string }[] | undefined, via: string) =>
    (list ?? []).map((p) => ({
      name: p.PolicyName ?? "inline",
      arn: undefined,
      via,
      document: decodeDocument(p.PolicyDocument),
    }));

  const report =
    details.UserDetailList.length === 0
      ? []
      : await readCredentialReport(factory, { service: "iam", account: scope.account, region: scope.region });
  const rows = new Map(report.map((r) => [r.user, r]));
  const users: IamUserRecord[] = details.UserDetailList.flatMap((u) => {
    if (u.UserName === undefined || u.Arn === undefined) return [];
    const row = rows.get(u.UserName);
    const groups = details.GroupDetailList.filter(
      (g) => g.GroupName !== undefined && (u.GroupList ?? []).includes(g.GroupName),
    );
    return [
      {
        kind: "iam-user" as const,
        account: scope.account,
        region: GLOBAL_REGION,
        id: u.UserName,
        arn: u.Arn,
        name: u.UserName,
        tags: tagMap(u.Tags),
        createdAt: row?.userCreationTime ?? u.CreateDate?.toISOString(),
        hasConsolePassword: row?.passwordEnabled ?? false,
        passwordLastUsedAt: row?.passwordLastUsed,
        isMfaActive: row?.mfaActive ?? false,
        accessKeys: (row?.accessKeys ?? []).filter((k) => k.isActive || k.lastRotatedAt !== undefined),
        policies: [
          ...managed(u.AttachedManagedPolicies, "attached"),
          ...inline(u.UserPolicyList, "inline"),
          ...groups.flatMap((g) => [
            ...managed(g.AttachedManagedPolicies, `group ${g.GroupName ?? ""}`),
            ...inline(g.GroupPolicyList, `group ${g.GroupName ?? ""}`),
          ]),
        ],
      },
    ];
  });
  const roles: IamRoleRecord[] = details.RoleDetailList.flatMap((r) => {
    if (r.RoleName === undefined || r.Arn === undefined) return [];
    const path = r.Path ?? "/";
    return [
      {
        kind: "iam-role" as const,
        account: scope.account,
        region: GLOBAL_REGION,
        id: r.RoleName,
        arn: r.Arn,
        name: r.RoleName,
        tags: tagMap(r.Tags),
        path,
        trustPolicy: decodeDocument(r.AssumeRolePolicyDocument),
        policies: [...managed(r.AttachedManagedPolicies, "attached"), ...inline(r.RolePolicyList, "inline")],
        isServiceLinked: path.startsWith("/aws-service-role/"),
      },
    ];
  });
  return [...users, ...roles];
}

/** An AWS managed policy's default version document (GetPolicy, then GetPolicyVersion). */
async function readManagedPolicy(
  factory: ClientFactory,
  scope: AccountScope,
  arn: string,
): Promise<string | undefined> {
  const iam = await factory.iam();
  const policy = await withAwsErrors(siteOf(scope, "iam:GetPolicy"), () =>
    iam.send(new GetPolicyCommand({ PolicyArn: arn })),
  );
  const versionId = policy.Policy?.DefaultVersionId;
  if (versionId === undefined) return undefined;
  const version = await withAwsErrors(siteOf(scope, "iam:GetPolicyVersion"), () =>
    iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId })),
  );
  return decodeDocument(version.PolicyVersion?.Document);
}

/** IAM returns policy documents URL-encoded (RFC 3986). */
export function decodeDocument(document: string | undefined): string | undefined {
  if (document === undefined) return undefined;
  try {
    return decodeURIComponent(document);
  } catch {
    // Not URL-encoded (some endpoints answer the JSON as is): keep it.
    return document;
  }
}
