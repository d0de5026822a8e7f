/**
 * STS: GetCallerIdentity, AssumeRole.
 *
 * AssumeRole succeeds when the role exists in the target account and its trust allows the
 * caller: a trusted `arn:aws:iam::<account>:root` (or bare account id) admits every principal
 * of that account, a role ARN admits that role's sessions, a user ARN that user, `*` anyone.
 * Service principals admit no IAM caller. A trust condition's StringEquals sts:ExternalId must
 * be given as ExternalId; no other condition key is evaluated, nor are identity policies.
 */
import type { AssumeRoleRequest, AssumeRoleResponse, GetCallerIdentityResponse } from "@aws-sdk/client-sts";
import type { EstateIamRole } from "../estate.js";
import { awsError } from "../errors.js";
import type { SandboxIdentity } from "../types.js";
import { op, type Handler, type ServiceContext } from "./context.js";

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role(\/(?:[\x21-\x7e]+\/)?)([\w+=,.@-]+)$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** Every role's MaxSessionDuration in the sandbox (AWS's default). */
const MAX_SESSION_SECONDS = 3600;

function getCallerIdentity(ctx: ServiceContext): GetCallerIdentityResponse {
  return { UserId: ctx.identity.userId, Account: ctx.identity.accountId, Arn: ctx.identity.arn };
}

function validation(message: string): Error {
  return awsError("ValidationError", message, 400);
}

/** Whether one trusted principal of a role's trust policy admits the caller. */
function admits(principal: string, caller: SandboxIdentity): boolean {
  if (principal === "*") return true;
  if (/^\d{12}$/.test(principal)) return caller.accountId === principal;
  const root = /^arn:aws:iam::(\d{12}):root$/.exec(principal);
  if (root !== null) return caller.accountId === root[1];
  const role = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(principal);
  if (role !== null)
    return caller.arn.startsWith(`arn:aws:sts::${role[1] ?? ""}:assumed-role/${role[2] ?? ""}/`);
  return caller.arn === principal;
}

/**
 * The trust condition's `StringEquals` `sts:ExternalId` (the only condition evaluated): the
 * caller must pass that ExternalId (one of them, for a list).
 */
function externalIdMatches(role: EstateIamRole, externalId: string | undefined): boolean {
  const expected = role.trustCondition?.["StringEquals"]?.["sts:ExternalId"];
  if (expected === undefined) return true;
  return externalId !== undefined && (Array.isArray(expected) ? expected : [expected]).includes(externalId);
}

function assumeRole(ctx: ServiceContext, input: AssumeRoleRequest): AssumeRoleResponse {
  const roleArn = input.RoleArn;
  if (roleArn === undefined || roleArn.length < 20) {
    throw validation(
      "1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
    );
  }
  const session = input.RoleSessionName;
  if (session === undefined || !SESSION_NAME.test(session)) {
    throw validation(
      `1 validation error detected: Value '${session ?? "null"}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}`,
    );
  }
  const duration = input.DurationSeconds ?? MAX_SESSION_SECONDS;
  if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) {
    throw validation(
      `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
    );
  }
  const parsed = ROLE_ARN.exec(roleArn);
  const denied = awsError(
    "AccessDenied",
    `User: ${ctx.identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    403,
  );
  if (parsed === null) throw validation(`${roleArn} is not a valid role ARN`);
  const [, accountId = "", path = "/", roleName = ""] = parsed;
  const target = ctx.estate.accounts.find((a) => a.id === accountId);
  const role: EstateIamRole | undefined = target?.iam.roles.find(
    (r) => r.roleName === roleName && r.path === path,
  );
  if (target === undefined || role === undefined) throw denied;
  if (!role.trustedPrincipals.some((p) => admits(p, ctx.identity))) throw denied;
  if (!externalIdMatches(role, input.ExternalId)) throw denied;
  if (duration > MAX_SESSION_SECONDS) {
    throw validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }
  const arn = `arn:aws:sts::${target.id}:assumed-role/${role.roleName}/${session}`;
  const assumedRoleId = `${role.roleId}:${session}`;
  const expiration = new Date(ctx.now().getTime() + duration * 1000);
  const issued = ctx.sessions.issue(
    { profile: ctx.identity.profile, accountId: target.id, arn, userId: assumedRoleId },
    expiration,
  );
  return {
    Credentials: {
      AccessKeyId: issued.accessKeyId,
      SecretAccessKey: issued.secretAccessKey,
      SessionToken: issued.sessionToken ?? "",
      Expiration: expiration,
    },
    AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn },
  };
}

export const STS_HANDLERS: Readonly<Record<string, Handler>> = {
  GetCallerIdentity: op(getCallerIdentity),
  AssumeRole: op(assumeRole),
};
