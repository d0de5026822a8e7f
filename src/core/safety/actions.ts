/**
 * Action classification: every AWS API action the tool can call gets a class, from the
 * AWS Service Authorization Reference (see action-table.generated.ts), never from verb
 * prefixes alone. Anything not known to be read-only is a mutation.
 *
 *   discovery    List/Read actions that return no secrets: pass the gate.
 *   planning     a dry run (EC2 `DryRun: true`): AWS checks permissions and changes nothing.
 *   create       non-destructive mutations (Create*, Run*, tagging…).
 *   destructive  delete/terminate/modify/revoke/detach/disable/stop… and every unknown action.
 *   sensitive    IAM, KMS, security groups, logging/trails, encryption and permission changes,
 *                and reads that return secrets or credentials (GetSecretValue, AssumeRole…).
 */
import { ACTION_TABLE, type AccessLevelCode } from "./action-table.generated.js";

export type ActionClass = "discovery" | "planning" | "create" | "destructive" | "sensitive";

export type AccessLevel = "List" | "Read" | "Write" | "Tagging" | "Permissions management";

export interface ActionClassification {
  /** `service:Action` as in IAM policies, e.g. `ec2:DescribeInstances`. */
  action: string;
  class: ActionClass;
  /** From the AWS Service Authorization Reference; undefined when the action is not in it. */
  accessLevel: AccessLevel | undefined;
  /** True for everything that is not discovery or planning. */
  isMutation: boolean;
  /** A read that returns secrets or credentials: needs a declaration or an authorisation. */
  isSensitiveRead: boolean;
  /** Why this class, in words a user can act on. */
  reason: string;
}

const LEVELS: Record<AccessLevelCode, AccessLevel> = {
  L: "List",
  R: "Read",
  W: "Write",
  T: "Tagging",
  P: "Permissions management",
};

type Params = Readonly<Record<string, unknown>> | undefined;

/**
 * Reads that return secrets, credentials or data. Each entry says when the read is sensitive
 * (some only with a parameter, e.g. SSM parameters only when decrypted).
 */
const SENSITIVE_READS: Readonly<Record<string, (params: Params) => boolean>> = {
  "secretsmanager:GetSecretValue": () => true,
  "secretsmanager:BatchGetSecretValue": () => true,
  "ssm:GetParameter": (p) => p?.["WithDecryption"] === true,
  "ssm:GetParameters": (p) => p?.["WithDecryption"] === true,
  "ssm:GetParametersByPath": (p) => p?.["WithDecryption"] === true,
  "ssm:GetParameterHistory": (p) => p?.["WithDecryption"] === true,
  "ec2:GetPasswordData": () => true,
  "ec2:GetConsoleOutput": () => true,
  "ec2:GetConsoleScreenshot": () => true,
  "ec2:DescribeInstanceAttribute": (p) => p?.["Attribute"] === "userData",
  "ec2:GetLaunchTemplateData": () => true,
  "sts:AssumeRole": () => true,
  "sts:AssumeRoleWithSAML": () => true,
  "sts:AssumeRoleWithWebIdentity": () => true,
  "sts:AssumeRoot": () => true,
  "sts:GetSessionToken": () => true,
  "sts:GetFederationToken": () => true,
  "s3:GetObject": () => true,
  "s3:GetObjectVersion": () => true,
  "s3:GetObjectTorrent": () => true,
  "lambda:GetFunction": () => true,
  "kms:Decrypt": () => true,
  "kms:GenerateDataKey": () => true,
  "kms:GenerateDataKeyWithoutPlaintext": () => true,
};

/**
 * Actions AWS files under Write that change nothing: they only hand out credentials.
 * sts:AssumeRole returns temporary credentials for a role and alters no resource, so it is a
 * sensitive read (a workflow may declare it, e.g. an inventory that spans accounts), not a
 * mutation. The other credential-issuing STS actions stay mutations until a workflow needs one.
 */
const CREDENTIAL_READS: ReadonlySet<string> = new Set(["sts:AssumeRole"]);

/** Services whose mutations are sensitive whatever the verb: identity, keys, audit trails. */
const SENSITIVE_SERVICES = new Set(["iam", "kms", "sts", "organizations", "cloudtrail", "secretsmanager"]);

/** Mutations that touch network access, encryption or logging in otherwise ordinary services. */
const SENSITIVE_ACTION =
  /SecurityGroup|NetworkAcl|Encryption|EncryptionByDefault|FlowLogs|Logging|KeyPair|Policy|Acl$|PublicAccessBlock|Permission/;

/** Verbs that remove, overwrite or interrupt: a Write with one of these is destructive. */
const DESTRUCTIVE_VERB =
  /^(Delete|Terminate|Revoke|Detach|Disable|Stop|Modify|Remove|Deregister|Disassociate|Release|Reboot|Reset|Replace|Cancel|Purge|Update|Put|Untag|Unassign|Unmonitor|Restore|Reject|Deprovision|Withdraw|Abort|Cleanup|Unlink)/;

/** Look up an action's access level; undefined when the reference does not list it. */
export function accessLevelOf(action: string): AccessLevel | undefined {
  const [service, name] = splitAction(action);
  const code = ACTION_TABLE[service]?.[name];
  return code === undefined ? undefined : LEVELS[code];
}

export function splitAction(action: string): [service: string, name: string] {
  const i = action.indexOf(":");
  if (i <= 0 || i === action.length - 1) return [action, ""];
  return [action.slice(0, i), action.slice(i + 1)];
}

/** Classify one call. `params` are the call's input (used only for parameter-dependent rules). */
export function classifyAction(action: string, params?: Params): ActionClassification {
  const [service, name] = splitAction(action);
  const accessLevel = accessLevelOf(action);
  const result = (cls: ActionClass, reason: string, isSensitiveRead = false): ActionClassification => ({
    action,
    class: cls,
    accessLevel,
    isMutation: cls !== "discovery" && cls !== "planning" && !isSensitiveRead,
    isSensitiveRead,
    reason,
  });

  if (SENSITIVE_READS[action]?.(params)) {
    return result(
      "sensitive",
      `${action} returns secrets, credentials or data, so it needs the same authorisation as a mutation`,
      accessLevel === "Read" || accessLevel === "List" || CREDENTIAL_READS.has(action),
    );
  }
  if (accessLevel === undefined) {
    return result(
      "destructive",
      `${action} is not in the AWS Service Authorization Reference table, so it is treated as a mutation`,
    );
  }
  if (accessLevel === "List" || accessLevel === "Read") {
    return result("discovery", `${action} is a ${accessLevel} action`);
  }
  if (service === "ec2" && params?.["DryRun"] === true) {
    return result("planning", `${action} with DryRun only checks permissions; AWS changes nothing`);
  }
  if (accessLevel === "Permissions management") {
    return result("sensitive", `${action} changes permissions (Permissions management)`);
  }
  if (SENSITIVE_SERVICES.has(service) || SENSITIVE_ACTION.test(name)) {
    return result("sensitive", `${action} changes identity, keys, network access, encryption or logging`);
  }
  if (DESTRUCTIVE_VERB.test(name)) {
    return result("destructive", `${action} removes, overwrites or interrupts existing resources`);
  }
  return result("create", `${action} is a ${accessLevel} action that adds without removing`);
}
