/**
 * The gate and the audit middleware, installed by the client factory on every SDK client at
 * the top of the stack (initialize step), so they see each command before serialisation and
 * outside the SDK's retries: one audit record per call, whatever the attempts.
 *
 *   [audit] → [gate] → serialize → build → [retry] → [sign] → transport (AWS | sandbox)
 */
import type {
  AbsoluteLocation,
  InitializeHandlerOptions,
  InitializeMiddleware,
  MetadataBearer,
} from "@smithy/types";
import { RefusedError } from "../../core/errors.js";
import { classifyAction, type ActionClassification } from "../../core/safety/actions.js";
import { decide, type GatePolicy } from "../../core/safety/gate.js";
import type { AuditSink } from "../audit-log/writer.js";
import { digestParams, type AuditEntry } from "../audit-log/record.js";

export interface GuardScope {
  /** IAM service prefix, e.g. `ec2`. */
  service: string;
  region: string;
  profile: string;
  account: string | undefined;
  who: AuditEntry["who"];
  transport: AuditEntry["transport"];
  policy: GatePolicy;
  audit: AuditSink;
  now: () => Date;
}

/** SDK command names whose IAM action differs from the operation name. */
const IAM_ACTION_OF_OPERATION: Readonly<Record<string, string>> = {
  "s3:ListBuckets": "s3:ListAllMyBuckets",
  "s3:ListDirectoryBuckets": "s3express:ListAllMyDirectoryBuckets",
  "s3:HeadBucket": "s3:ListBucket",
  "s3:ListObjects": "s3:ListBucket",
  "s3:ListObjectsV2": "s3:ListBucket",
  "s3:ListObjectVersions": "s3:ListBucketVersions",
  "s3:HeadObject": "s3:GetObject",
  "s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
  "s3:PutPublicAccessBlock": "s3:PutBucketPublicAccessBlock",
  "s3:DeletePublicAccessBlock": "s3:PutBucketPublicAccessBlock",
  "s3:GetBucketEncryption": "s3:GetEncryptionConfiguration",
  "s3:PutBucketEncryption": "s3:PutEncryptionConfiguration",
  "s3:DeleteBucketEncryption": "s3:PutEncryptionConfiguration",
  "s3:GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
  "s3:PutBucketLifecycleConfiguration": "s3:PutLifecycleConfiguration",
  "s3:DeleteObjects": "s3:DeleteObject",
  "s3:DeleteBucketTagging": "s3:PutBucketTagging",
  "s3control:GetPublicAccessBlock": "s3:GetAccountPublicAccessBlock",
  "s3control:PutPublicAccessBlock": "s3:PutAccountPublicAccessBlock",
  "s3control:DeletePublicAccessBlock": "s3:PutAccountPublicAccessBlock",
  "lambda:Invoke": "lambda:InvokeFunction",
  "lambda:InvokeWithResponseStream": "lambda:InvokeFunction",
  "lambda:ListVersionsByFunction": "lambda:ListVersionsByFunction",
};

/** The IAM action (`service:Action`) an SDK command performs. */
export function iamActionFor(service: string, commandName: string): string {
  const operation = `${service}:${commandName.replace(/Command$/, "")}`;
  const mapped = IAM_ACTION_OF_OPERATION[operation];
  if (mapped !== undefined) return mapped;
  // S3 Control's operations are s3:… actions of the same name (s3:ListAccessPoints…).
  if (service === "s3control") return `s3:${commandName.replace(/Command$/, "")}`;
  return operation;
}

export const GUARD_MIDDLEWARE_NAME = "awsCoworkerGuard";

export function guardMiddleware(scope: GuardScope): InitializeMiddleware<object, MetadataBearer> {
  return (next, context) => async (args) => {
    const started = scope.now();
    const action = iamActionFor(scope.service, context.commandName ?? "UnknownCommand");
    const input = args.input as Record<string, unknown>;
    const classification: ActionClassification = classifyAction(action, input);
    const filtered =
      typeof context.inputFilterSensitiveLog === "function" ? context.inputFilterSensitiveLog(input) : input;
    const base = {
      who: scope.who,
      profile: scope.profile,
      account: scope.account,
      region: scope.region,
      action,
      class: classification.class,
      paramsDigest: digestParams(filtered),
      transport: scope.transport,
    } satisfies Partial<AuditEntry>;
    const elapsed = () => scope.now().getTime() - started.getTime();

    const decision = decide(
      { classification, account: scope.account, region: scope.region, now: started },
      scope.policy,
    );
    if (!decision.allowed) {
      scope.audit.append({ ...base, outcome: "refused", errorName: decision.code, durationMs: elapsed() });
      throw new RefusedError(decision.code, action, decision.reason, { hint: decision.hint });
    }
    try {
      const result = await next(args);
      const meta = (result.output as Partial<MetadataBearer>).$metadata;
      scope.audit.append({
        ...base,
        outcome: "ok",
        durationMs: elapsed(),
        ...(meta?.attempts !== undefined && { attempts: meta.attempts }),
        ...(meta?.requestId !== undefined && { requestId: meta.requestId }),
      });
      return result;
    } catch (error) {
      const meta = (error as Partial<MetadataBearer>).$metadata;
      scope.audit.append({
        ...base,
        outcome: "error",
        errorName: error instanceof Error ? error.name : "UnknownError",
        durationMs: elapsed(),
        ...(meta?.attempts !== undefined && { attempts: meta.attempts }),
        ...(meta?.requestId !== undefined && { requestId: meta.requestId }),
      });
      throw error;
    }
  };
}

export const guardMiddlewareOptions: InitializeHandlerOptions &
  AbsoluteLocation & { name: string; override: boolean } = {
  step: "initialize",
  priority: "high",
  name: GUARD_MIDDLEWARE_NAME,
  override: true,
};
