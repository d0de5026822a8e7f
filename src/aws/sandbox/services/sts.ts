/**
 * STS: GetCallerIdentity.
 */
import type { GetCallerIdentityResponse } from "@aws-sdk/client-sts";
import { op, type Handler, type ServiceContext } from "./context.js";

function getCallerIdentity(ctx: ServiceContext): GetCallerIdentityResponse {
  return { UserId: ctx.identity.userId, Account: ctx.identity.accountId, Arn: ctx.identity.arn };
}

export const STS_HANDLERS: Readonly<Record<string, Handler>> = {
  GetCallerIdentity: op(getCallerIdentity),
};
