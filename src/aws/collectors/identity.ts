/** Who the credentials are: the account, the caller's ARN and the account alias. */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { ListAccountAliasesCommand } from "@aws-sdk/client-iam";
import type { ClientFactory } from "../clients.js";
import { toAwsCallError } from "./aws-errors.js";

export interface CallerIdentityRecord {
  accountId: string;
  arn: string;
  userId: string;
}

export async function getCallerIdentity(
  factory: ClientFactory,
  region: string,
): Promise<CallerIdentityRecord> {
  try {
    const out = await (await factory.sts(region)).send(new GetCallerIdentityCommand({}));
    if (out.Account === undefined || out.Arn === undefined) {
      throw new Error("GetCallerIdentity returned no Account or Arn");
    }
    return { accountId: out.Account, arn: out.Arn, userId: out.UserId ?? "" };
  } catch (error) {
    throw toAwsCallError(error, {
      service: "sts",
      action: "sts:GetCallerIdentity",
      region,
      profile: factory.profile,
    });
  }
}

/** The account alias, or undefined when the account has none. Errors are the caller's to judge. */
export async function getAccountAlias(factory: ClientFactory, account: string): Promise<string | undefined> {
  try {
    const out = await (await factory.iam()).send(new ListAccountAliasesCommand({}));
    return out.AccountAliases?.[0];
  } catch (error) {
    throw toAwsCallError(error, {
      service: "iam",
      action: "iam:ListAccountAliases",
      account,
      region: "us-east-1",
      profile: factory.profile,
    });
  }
}
