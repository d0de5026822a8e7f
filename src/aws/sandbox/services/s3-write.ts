/**
 * S3 bucket writes: CreateBucket, DeleteBucket, HeadBucket, PutBucketVersioning,
 * Put/DeleteBucketEncryption, Put/DeleteBucketPolicy, PutBucketLifecycleConfiguration,
 * GetBucketLifecycleConfiguration, DeleteBucketLifecycle.
 */
import type {
  CreateBucketOutput,
  CreateBucketRequest,
  DeleteBucketEncryptionRequest,
  DeleteBucketLifecycleRequest,
  DeleteBucketPolicyRequest,
  DeleteBucketRequest,
  GetBucketLifecycleConfigurationOutput,
  GetBucketLifecycleConfigurationRequest,
  HeadBucketOutput,
  HeadBucketRequest,
  LifecycleRule,
  PutBucketEncryptionRequest,
  PutBucketLifecycleConfigurationOutput,
  PutBucketLifecycleConfigurationRequest,
  PutBucketPolicyRequest,
  PutBucketVersioningRequest,
} from "@aws-sdk/client-s3";
import { FULL_PUBLIC_ACCESS_BLOCK } from "../estate-builder.js";
import type { EstateBucket, JsonValue } from "../estate.js";
import { awsError } from "../errors.js";
import { SandboxServiceError } from "../types.js";
import { op, type Handler, type ServiceContext } from "./context.js";
import { bucketFor } from "./s3.js";

/** The general purpose bucket naming rules. */
function isValidBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes("..") &&
    !/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) &&
    !["xn--", "sthree-", "amzn-s3-demo-"].some((p) => name.startsWith(p)) &&
    !["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"].some((s) => name.endsWith(s))
  );
}

function malformedXml(): Error {
  return awsError(
    "MalformedXML",
    "The XML you provided was not well-formed or did not validate against our published schema",
  );
}

/**
 * CreateBucket. Outside us-east-1 the LocationConstraint must name the client's region; in
 * us-east-1 it is left out. A name taken by another account is BucketAlreadyExists; the
 * caller's own is BucketAlreadyOwnedByYou, except that us-east-1 answers 200 for a bucket the
 * caller already owns there (AWS's legacy behaviour) and changes nothing. New buckets have
 * Block Public Access on and SSE-S3 default encryption, as AWS creates them since 2023.
 */
function createBucket(ctx: ServiceContext, input: CreateBucketRequest): CreateBucketOutput {
  const name = input.Bucket ?? "";
  if (!isValidBucketName(name)) throw awsError("InvalidBucketName", "The specified bucket is not valid.");
  const constraint = input.CreateBucketConfiguration?.LocationConstraint as string | undefined;
  if (ctx.region === "us-east-1") {
    if (constraint !== undefined && constraint !== "") {
      throw awsError(
        constraint === "us-east-1" ? "InvalidLocationConstraint" : "IllegalLocationConstraintException",
        constraint === "us-east-1"
          ? "The specified location-constraint is not valid"
          : `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      );
    }
  } else if (constraint === undefined) {
    throw awsError(
      "IllegalLocationConstraintException",
      "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.",
    );
  } else if (constraint !== ctx.region) {
    throw awsError(
      "IllegalLocationConstraintException",
      `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    );
  }
  const location = ctx.region === "us-east-1" ? `/${name}` : `http://${name}.s3.amazonaws.com/`;
  const own = ctx.account.buckets.find((b) => b.name === name);
  if (own !== undefined) {
    if (ctx.region === "us-east-1" && own.region === "us-east-1") return { Location: location };
    throw awsError(
      "BucketAlreadyOwnedByYou",
      "Your previous request to create the named bucket succeeded and you already own it.",
      409,
    );
  }
  if (ctx.estate.accounts.some((a) => a.buckets.some((b) => b.name === name))) {
    throw awsError(
      "BucketAlreadyExists",
      "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
      409,
    );
  }
  const bucket: EstateBucket = {
    name,
    region: ctx.region,
    createdAt: ctx.now().toISOString(),
    tags: {},
    publicAccessBlock: { ...FULL_PUBLIC_ACCESS_BLOCK },
    aclIsPublic: false,
    encryption: { algorithm: "AES256", bucketKeyEnabled: false },
    sizeBytes: 0,
    objectCount: 0,
  };
  ctx.account.buckets.push(bucket);
  return { Location: location };
}

function deleteBucket(ctx: ServiceContext, input: DeleteBucketRequest): Record<string, never> {
  const bucket = bucketFor(ctx, input.Bucket);
  if ((bucket.objectCount ?? 0) > 0)
    throw awsError("BucketNotEmpty", "The bucket you tried to delete is not empty", 409);
  ctx.account.buckets = ctx.account.buckets.filter((b) => b !== bucket);
  return {};
}

/**
 * HeadBucket answers without a body, so the SDK names its errors after the status:
 * `NotFound` (404) and `Forbidden` (403).
 */
function headBucket(ctx: ServiceContext, input: HeadBucketRequest): HeadBucketOutput {
  try {
    const bucket = bucketFor(ctx, input.Bucket);
    return { BucketRegion: bucket.region, AccessPointAlias: false };
  } catch (error) {
    if (error instanceof SandboxServiceError && error.name === "NoSuchBucket")
      throw awsError("NotFound", "Not Found", 404);
    if (error instanceof SandboxServiceError && error.name === "AccessDenied")
      throw awsError("Forbidden", "Forbidden", 403);
    throw error;
  }
}

function putBucketVersioning(ctx: ServiceContext, input: PutBucketVersioningRequest): Record<string, never> {
  const bucket = bucketFor(ctx, input.Bucket);
  const status = input.VersioningConfiguration?.Status;
  if (status !== "Enabled" && status !== "Suspended") throw malformedXml();
  bucket.versioning = status;
  return {};
}

function putBucketEncryption(ctx: ServiceContext, input: PutBucketEncryptionRequest): Record<string, never> {
  const bucket = bucketFor(ctx, input.Bucket);
  const rules = input.ServerSideEncryptionConfiguration?.Rules ?? [];
  const [rule] = rules;
  const byDefault = rule?.ApplyServerSideEncryptionByDefault;
  if (rules.length !== 1 || byDefault === undefined) throw malformedXml();
  const algorithm = byDefault.SSEAlgorithm;
  if (algorithm !== "AES256" && algorithm !== "aws:kms" && algorithm !== "aws:kms:dsse") throw malformedXml();
  if (algorithm === "AES256" && byDefault.KMSMasterKeyID !== undefined) {
    throw awsError(
      "InvalidArgument",
      "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse",
    );
  }
  bucket.encryption = {
    algorithm,
    ...(byDefault.KMSMasterKeyID === undefined ? {} : { kmsKeyId: byDefault.KMSMasterKeyID }),
    bucketKeyEnabled: rule?.BucketKeyEnabled ?? false,
  };
  return {};
}

/** Since 2023 a bucket always has default encryption: deleting it resets SSE-S3. */
function deleteBucketEncryption(
  ctx: ServiceContext,
  input: DeleteBucketEncryptionRequest,
): Record<string, never> {
  bucketFor(ctx, input.Bucket).encryption = { algorithm: "AES256", bucketKeyEnabled: false };
  return {};
}

function malformedPolicy(message: string): Error {
  return awsError("MalformedPolicy", message);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** Whether the principal is everyone: `"*"` or `{"AWS": "*"}` (alone or in a list). */
function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  return asList((principal as Record<string, unknown>).AWS).includes("*");
}

/**
 * Validate a bucket policy as S3 does (JSON, Statement, Effect, Principal, Action, Resources
 * of this bucket) and tell whether it is public: an Allow statement for everyone without a
 * Condition (what GetBucketPolicyStatus reports).
 */
function checkPolicy(bucketName: string, text: string): { document: string; isPublic: boolean } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  const statements = asList((parsed as Record<string, unknown>).Statement);
  if (statements.length === 0) throw malformedPolicy("Missing required field Statement");
  let isPublic = false;
  for (const raw of statements) {
    if (typeof raw !== "object" || raw === null) throw malformedPolicy("Statement is not an object");
    const st = raw as Record<string, unknown>;
    if (st.Effect !== "Allow" && st.Effect !== "Deny")
      throw malformedPolicy(`Invalid effect: ${String(st.Effect)}`);
    if (st.Principal === undefined && st.NotPrincipal === undefined)
      throw malformedPolicy("Missing required field Principal");
    if (st.Action === undefined && st.NotAction === undefined)
      throw malformedPolicy("Missing required field Action");
    const resources = asList(st.Resource ?? st.NotResource);
    if (resources.length === 0) throw malformedPolicy("Missing required field Resource");
    const own = `arn:aws:s3:::${bucketName}`;
    if (resources.some((r) => typeof r !== "string" || (r !== own && !r.startsWith(`${own}/`))))
      throw malformedPolicy("Policy has invalid resource");
    if (st.Effect === "Allow" && isEveryone(st.Principal) && st.Condition === undefined) isPublic = true;
  }
  return { document: text, isPublic };
}

function putBucketPolicy(ctx: ServiceContext, input: PutBucketPolicyRequest): Record<string, never> {
  const bucket = bucketFor(ctx, input.Bucket);
  if (input.Policy === undefined || input.Policy === "") throw malformedPolicy("Policy is empty");
  const policy = checkPolicy(bucket.name, input.Policy);
  const blocked =
    bucket.publicAccessBlock?.blockPublicPolicy === true ||
    ctx.account.accountPublicAccessBlock?.blockPublicPolicy === true;
  if (policy.isPublic && blocked) {
    throw awsError(
      "AccessDenied",
      `User: ${ctx.identity.arn} is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::${bucket.name}" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
      403,
    );
  }
  bucket.policy = policy;
  return {};
}

function deleteBucketPolicy(ctx: ServiceContext, input: DeleteBucketPolicyRequest): Record<string, never> {
  delete bucketFor(ctx, input.Bucket).policy;
  return {};
}

const LIFECYCLE_ACTIONS = [
  "Expiration",
  "Transitions",
  "NoncurrentVersionExpiration",
  "NoncurrentVersionTransitions",
  "AbortIncompleteMultipartUpload",
] as const;

function putBucketLifecycleConfiguration(
  ctx: ServiceContext,
  input: PutBucketLifecycleConfigurationRequest,
): PutBucketLifecycleConfigurationOutput {
  const bucket = bucketFor(ctx, input.Bucket);
  const rules = input.LifecycleConfiguration?.Rules ?? [];
  if (rules.length === 0 || rules.length > 1000) throw malformedXml();
  const ids = new Set<string>();
  for (const rule of rules) {
    if (rule.Status !== "Enabled" && rule.Status !== "Disabled") throw malformedXml();
    if (rule.ID !== undefined) {
      if (rule.ID.length > 255)
        throw awsError("InvalidArgument", "ID length should not exceed allowed limit of 255");
      if (ids.has(rule.ID))
        throw awsError("InvalidArgument", "Rule ID must be unique. Found same ID for more than one rule");
      ids.add(rule.ID);
    }
    if (!LIFECYCLE_ACTIONS.some((a) => rule[a] !== undefined))
      throw awsError("InvalidRequest", "At least one action needs to be specified in a rule");
  }
  // Stored as JSON: dates become ISO strings, turned back into dates when read.
  bucket.lifecycleRules = JSON.parse(JSON.stringify(rules)) as JsonValue[];
  return { TransitionDefaultMinimumObjectSize: "all_storage_classes_128K" };
}

function ruleOutput(stored: JsonValue): LifecycleRule {
  const rule = stored as unknown as LifecycleRule & {
    Expiration?: { Date?: unknown };
    Transitions?: { Date?: unknown }[];
  };
  const date = (value: unknown): { Date?: Date } =>
    typeof value === "string" ? { Date: new Date(value) } : {};
  return {
    ...rule,
    ...(rule.Expiration === undefined
      ? {}
      : { Expiration: { ...rule.Expiration, ...date(rule.Expiration.Date) } }),
    ...(rule.Transitions === undefined
      ? {}
      : { Transitions: rule.Transitions.map((t) => ({ ...t, ...date(t.Date) })) }),
  };
}

function getBucketLifecycleConfiguration(
  ctx: ServiceContext,
  input: GetBucketLifecycleConfigurationRequest,
): GetBucketLifecycleConfigurationOutput {
  const rules = bucketFor(ctx, input.Bucket).lifecycleRules;
  if (rules === undefined || rules.length === 0)
    throw awsError("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist", 404);
  return { Rules: rules.map(ruleOutput), TransitionDefaultMinimumObjectSize: "all_storage_classes_128K" };
}

function deleteBucketLifecycle(
  ctx: ServiceContext,
  input: DeleteBucketLifecycleRequest,
): Record<string, never> {
  delete bucketFor(ctx, input.Bucket).lifecycleRules;
  return {};
}

export const S3_WRITE_HANDLERS: Readonly<Record<string, Handler>> = {
  CreateBucket: op(createBucket),
  DeleteBucket: op(deleteBucket),
  HeadBucket: op(headBucket),
  PutBucketVersioning: op(putBucketVersioning),
  PutBucketEncryption: op(putBucketEncryption),
  DeleteBucketEncryption: op(deleteBucketEncryption),
  PutBucketPolicy: op(putBucketPolicy),
  DeleteBucketPolicy: op(deleteBucketPolicy),
  PutBucketLifecycleConfiguration: op(putBucketLifecycleConfiguration),
  GetBucketLifecycleConfiguration: op(getBucketLifecycleConfiguration),
  DeleteBucketLifecycle: op(deleteBucketLifecycle),
};
