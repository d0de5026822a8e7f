/**
 * Credentials for another account: sts:AssumeRole into `arn:aws:iam::<account>:role/<name>`.
 * A sensitive read: the gate lets it through only when the running workflow declared it.
 * The credentials are handed to the client factory and never logged, audited or reported.
 */
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { ClientFactory } from "../clients.js";
import { withAwsErrors } from "../collectors/aws-errors.js";

export interface AssumedRole {
  account: string;
  roleArn: string;
  /** The assumed-role ARN the calls will be made as (for the audit log). */
  callerArn: string;
  credentials: AwsCredentialIdentity;
}

export function roleArnFor(account: string, roleName: string): string {
  return `arn:aws:iam::${account}:role/${roleName}`;
}

export async function assumeRole(
  factory: ClientFactory,
  request: { account: string; roleName: string; sessionName: string; region: string },
): Promise<AssumedRole> {
  const roleArn = roleArnFor(request.account, request.roleName);
  const site = {
    service: "sts",
    action: "sts:AssumeRole",
    account: request.account,
    region: request.region,
    profile: factory.profile,
  };
  return withAwsErrors(site, async () => {
    const sts = await factory.sts(request.region);
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: request.sessionName }),
    );
    const c = out.Credentials;
    if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined) {
      throw new Error(`sts:AssumeRole returned no credentials for ${roleArn}`);
    }
    return {
      account: request.account,
      roleArn,
      callerArn: out.AssumedRoleUser?.Arn ?? roleArn,
      credentials: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken !== undefined && { sessionToken: c.SessionToken }),
        ...(c.Expiration !== undefined && { expiration: c.Expiration }),
      },
    };
  });
}
