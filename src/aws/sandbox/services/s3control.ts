/**
 * S3 Control (account-level S3 settings): Get/Put/DeletePublicAccessBlock, the account's
 * public access block. Every call names the account (`AccountId`), which must be the caller's.
 */
import type {
  DeletePublicAccessBlockRequest,
  GetPublicAccessBlockOutput,
  GetPublicAccessBlockRequest,
  PutPublicAccessBlockRequest,
} from "@aws-sdk/client-s3-control";
import type { EstateAccount } from "../estate.js";
import { awsError } from "../errors.js";
import { op, type Handler, type ServiceContext } from "./context.js";

/** The caller's account, when `AccountId` names it; another account is AccessDenied. */
function accountFor(ctx: ServiceContext, accountId: string | undefined): EstateAccount {
  if (accountId === undefined || !/^\d{12}$/.test(accountId)) {
    throw awsError("InvalidRequest", "Account ID must be a 12-digit number.");
  }
  if (accountId !== ctx.account.id) throw awsError("AccessDenied", "Access Denied", 403);
  return ctx.account;
}

function getPublicAccessBlock(
  ctx: ServiceContext,
  input: GetPublicAccessBlockRequest,
): GetPublicAccessBlockOutput {
  const block = accountFor(ctx, input.AccountId).accountPublicAccessBlock;
  if (block === undefined) {
    throw awsError(
      "NoSuchPublicAccessBlockConfiguration",
      "The public access block configuration was not found",
      404,
    );
  }
  return {
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: block.blockPublicAcls,
      IgnorePublicAcls: block.ignorePublicAcls,
      BlockPublicPolicy: block.blockPublicPolicy,
      RestrictPublicBuckets: block.restrictPublicBuckets,
    },
  };
}

function putPublicAccessBlock(
  ctx: ServiceContext,
  input: PutPublicAccessBlockRequest,
): Record<string, never> {
  const account = accountFor(ctx, input.AccountId);
  const c = input.PublicAccessBlockConfiguration;
  if (c === undefined) throw awsError("MissingRequestBodyError", "Request Body is empty");
  account.accountPublicAccessBlock = {
    blockPublicAcls: c.BlockPublicAcls ?? false,
    ignorePublicAcls: c.IgnorePublicAcls ?? false,
    blockPublicPolicy: c.BlockPublicPolicy ?? false,
    restrictPublicBuckets: c.RestrictPublicBuckets ?? false,
  };
  return {};
}

function deletePublicAccessBlock(
  ctx: ServiceContext,
  input: DeletePublicAccessBlockRequest,
): Record<string, never> {
  delete accountFor(ctx, input.AccountId).accountPublicAccessBlock;
  return {};
}

export const S3CONTROL_HANDLERS: Readonly<Record<string, Handler>> = {
  GetPublicAccessBlock: op(getPublicAccessBlock),
  PutPublicAccessBlock: op(putPublicAccessBlock),
  DeletePublicAccessBlock: op(deletePublicAccessBlock),
};
