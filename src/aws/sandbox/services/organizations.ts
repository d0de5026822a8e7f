/**
 * AWS Organizations (global): DescribeOrganization, ListAccounts (management account only),
 * DescribeAccount.
 */
import type {
  Account,
  DescribeAccountRequest,
  DescribeAccountResponse,
  DescribeOrganizationResponse,
  ListAccountsRequest,
  ListAccountsResponse,
} from "@aws-sdk/client-organizations";
import type { EstateAccount, EstateOrganization } from "../estate.js";
import { awsError } from "../errors.js";
import { pageFrom } from "../paging.js";
import { op, toDate, type Handler, type ServiceContext } from "./context.js";

function organizationOf(ctx: ServiceContext): EstateOrganization {
  const org = ctx.estate.organization;
  if (org === undefined) {
    throw awsError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
  }
  return org;
}

/** Only the management account may list and describe the organization's accounts. */
function requireManagement(ctx: ServiceContext, org: EstateOrganization): void {
  if (ctx.account.id !== org.managementAccountId) {
    throw awsError("AccessDeniedException", "You don't have permissions to access this resource.", 400);
  }
}

function accountOutput(org: EstateOrganization, a: EstateAccount): Account {
  return {
    Id: a.id,
    Arn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${a.id}`,
    Email: a.email,
    Name: a.name,
    Status: "ACTIVE",
    State: "ACTIVE",
    JoinedMethod: a.id === org.managementAccountId ? "INVITED" : "CREATED",
    JoinedTimestamp: toDate(a.joinedAt),
  };
}

function describeOrganization(ctx: ServiceContext): DescribeOrganizationResponse {
  const org = organizationOf(ctx);
  const management = ctx.estate.accounts.find((a) => a.id === org.managementAccountId);
  return {
    Organization: {
      Id: org.id,
      Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
      FeatureSet: "ALL",
      MasterAccountArn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${org.managementAccountId}`,
      MasterAccountId: org.managementAccountId,
      MasterAccountEmail: management?.email ?? "",
      AvailablePolicyTypes: [],
    },
  };
}

function listAccounts(ctx: ServiceContext, input: ListAccountsRequest): ListAccountsResponse {
  const org = organizationOf(ctx);
  requireManagement(ctx, org);
  const max = input.MaxResults;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 20)) {
    throw awsError(
      "InvalidInputException",
      "You provided a value that does not match the required pattern. MaxResults must be between 1 and 20.",
    );
  }
  const page = pageFrom(ctx.action, ctx.estate.accounts, input.NextToken, max ?? ctx.pageSize, () =>
    awsError(
      "InvalidInputException",
      "You specified an invalid value for nextToken. You must get the value from the response to a previous call to the API.",
    ),
  );
  return {
    Accounts: page.items.map((a) => accountOutput(org, a)),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}

function describeAccount(ctx: ServiceContext, input: DescribeAccountRequest): DescribeAccountResponse {
  const org = organizationOf(ctx);
  requireManagement(ctx, org);
  const account = ctx.estate.accounts.find((a) => a.id === input.AccountId);
  if (account === undefined) {
    throw awsError("AccountNotFoundException", "You specified an account that doesn't exist.");
  }
  return { Account: accountOutput(org, account) };
}

export const ORGANIZATIONS_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeOrganization: op(describeOrganization),
  ListAccounts: op(listAccounts),
  DescribeAccount: op(describeAccount),
};
