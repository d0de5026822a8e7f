/**
 * S3 bucket-level operations: ListBuckets, GetBucketLocation, Get/Put/DeleteBucketTagging,
 * Get/PutPublicAccessBlock, GetBucketEncryption, GetBucketPolicyStatus, GetBucketPolicy,
 * GetBucketAcl, GetBucketVersioning.
 */
import type {
  DeleteBucketTaggingRequest,
  GetBucketAclOutput,
  GetBucketAclRequest,
  GetBucketEncryptionOutput,
  GetBucketEncryptionRequest,
  GetBucketLocationOutput,
  GetBucketLocationRequest,
  GetBucketPolicyOutput,
  GetBucketPolicyRequest,
  GetBucketPolicyStatusOutput,
  GetBucketPolicyStatusRequest,
  GetBucketTaggingOutput,
  GetBucketTaggingRequest,
  GetBucketVersioningOutput,
  GetBucketVersioningRequest,
  GetPublicAccessBlockOutput,
  GetPublicAccessBlockRequest,
  ListBucketsOutput,
  ListBucketsRequest,
  PutBucketTaggingRequest,
  PutPublicAccessBlockRequest,
  BucketLocationConstraint,
} from "@aws-sdk/client-s3";
import type { EstateAccount, EstateBucket } from "../estate.js";
import { awsError } from "../errors.js";
import { pageFrom } from "../paging.js";
import { hashString } from "../prng.js";
import { op, tagList, toDate, type Handler, type ServiceContext } from "./context.js";

/** The account's canonical user id (64 hex digits, derived from the account id). */
export function canonicalUserId(accountId: string): string {
  let out = "";
  for (let i = 0; out.length < 64; i++) out += hashString(`${accountId}:${i}`).toString(16).padStart(8, "0");
  return out.slice(0, 64);
}

function owner(account: EstateAccount): { DisplayName: string; ID: string } {
  return { DisplayName: account.alias ?? account.id, ID: canonicalUserId(account.id) };
}

/**
 * The caller's bucket, as S3 resolves it: a name no account holds is `NoSuchBucket`, another
 * account's bucket is `AccessDenied`, and a bucket in another region than the client's is
 * `PermanentRedirect` (the SDK does not follow it unless `followRegionRedirects` is set).
 */
export function bucketFor(
  ctx: ServiceContext,
  name: string | undefined,
  options: { anyRegion?: boolean } = {},
): EstateBucket {
  if (name === undefined || name === "")
    throw awsError("InvalidBucketName", "The specified bucket is not valid.");
  const own = ctx.account.buckets.find((b) => b.name === name);
  if (own === undefined) {
    const elsewhere = ctx.estate.accounts.some((a) => a.buckets.some((b) => b.name === name));
    if (elsewhere) throw awsError("AccessDenied", "Access Denied", 403);
    throw awsError("NoSuchBucket", "The specified bucket does not exist", 404);
  }
  if (options.anyRegion !== true && own.region !== ctx.region) {
    throw awsError(
      "PermanentRedirect",
      `The bucket you are attempting to access must be addressed using the specified endpoint (${name}.s3.${own.region}.amazonaws.com). Please send all future requests to this endpoint.`,
      301,
    );
  }
  return own;
}

function listBuckets(ctx: ServiceContext, input: ListBucketsRequest): ListBucketsOutput {
  const hasParameter =
    input.MaxBuckets !== undefined ||
    input.ContinuationToken !== undefined ||
    input.Prefix !== undefined ||
    input.BucketRegion !== undefined;
  const all = [...ctx.account.buckets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Without any parameter, S3 answers every bucket at once and without BucketRegion.
  if (!hasParameter) {
    return {
      Buckets: all.map((b) => ({ Name: b.name, CreationDate: toDate(b.createdAt) })),
      Owner: owner(ctx.account),
    };
  }
  const max = input.MaxBuckets;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 10_000)) {
    throw awsError("InvalidArgument", "Argument maxBuckets must be an integer between 1 and 10000.");
  }
  if (input.BucketRegion !== undefined && input.BucketRegion !== ctx.region) {
    throw awsError(
      "InvalidArgument",
      `BucketRegion ${input.BucketRegion} differs from the endpoint's region ${ctx.region}; S3 does not support this.`,
    );
  }
  const matching = all
    .filter((b) => input.BucketRegion === undefined || b.region === input.BucketRegion)
    .filter((b) => input.Prefix === undefined || b.name.startsWith(input.Prefix));
  const page = pageFrom(ctx.action, matching, input.ContinuationToken, max ?? ctx.pageSize, () =>
    awsError("InvalidArgument", "The continuation token provided is incorrect"),
  );
  return {
    Buckets: page.items.map((b) => ({
      Name: b.name,
      CreationDate: toDate(b.createdAt),
      BucketRegion: b.region,
    })),
    Owner: owner(ctx.account),
    ...(page.nextToken === undefined ? {} : { ContinuationToken: page.nextToken }),
    ...(input.Prefix === undefined ? {} : { Prefix: input.Prefix }),
  };
}

function getBucketLocation(ctx: ServiceContext, input: GetBucketLocationRequest): GetBucketLocationOutput {
  const bucket = bucketFor(ctx, input.Bucket, { anyRegion: true });
  // us-east-1 answers an empty LocationConstraint, which the SDK turns into no member at all.
  return bucket.region === "us-east-1"
    ? {}
    : { LocationConstraint: bucket.region as BucketLocationConstraint };
}

function getBucketTagging(ctx: ServiceContext, input: GetBucketTaggingRequest): GetBucketTaggingOutput {
  const bucket = bucketFor(ctx, input.Bucket);
  if (Object.keys(bucket.tags).length === 0) throw awsError("NoSuchTagSet", "The TagSet does not exist", 404);
  return { TagSet: tagList(bucket.tags) };
}

function putBucketTagging(ctx: ServiceContext, input: PutBucketTaggingRequest): Record<string, never> {
  const bucket = bucketFor(ctx, input.Bucket);
  const tagSet = input.Tagging?.TagSet ?? [];
  if (tagSet.length > 50) throw awsError("InvalidTag", "Object tags cannot be greater than 50");
  const tags: Record<string, string> = {};
  for (const t of tagSet) {
    const key = t.Key ?? "";
    if (key.length === 0 || key.length > 128 || (t.Value ?? "").length > 256) {
      throw awsError("InvalidTag", "The TagKey you have provided is invalid");
    }
    if (key.toLowerCase().startsWith("aws:"))
      throw awsError("InvalidTag", "Your TagKey cannot be prefixed with aws:");
    if (tags[key] !== undefined)
      throw awsError("InvalidTag", "Cannot provide multiple Tags with the same key");
    tags[key] = t.Value ?? "";
  }
  bucket.tags = tags;
  return {};
}

function deleteBucketTagging(ctx: ServiceContext, input: DeleteBucketTaggingRequest): Record<string, never> {
  bucketFor(ctx, input.Bucket).tags = {};
  return {};
}

function getPublicAccessBlock(
  ctx: ServiceContext,
  input: GetPublicAccessBlockRequest,
): GetPublicAccessBlockOutput {
  const pab = bucketFor(ctx, input.Bucket).publicAccessBlock;
  if (pab === undefined) {
    throw awsError(
      "NoSuchPublicAccessBlockConfiguration",
      "The public access block configuration was not found",
      404,
    );
  }
  return {
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: pab.blockPublicAcls,
      IgnorePublicAcls: pab.ignorePublicAcls,
      BlockPublicPolicy: pab.blockPublicPolicy,
      RestrictPublicBuckets: pab.restrictPublicBuckets,
    },
  };
}

function putPublicAccessBlock(
  ctx: ServiceContext,
  input: PutPublicAccessBlockRequest,
): Record<string, never> {
  const bucket = bucketFor(ctx, input.Bucket);
  const c = input.PublicAccessBlockConfiguration;
  if (c === undefined) throw awsError("MissingRequestBodyError", "Request Body is empty");
  bucket.publicAccessBlock = {
    blockPublicAcls: c.BlockPublicAcls ?? false,
    ignorePublicAcls: c.IgnorePublicAcls ?? false,
    blockPublicPolicy: c.BlockPublicPolicy ?? false,
    restrictPublicBuckets: c.RestrictPublicBuckets ?? false,
  };
  return {};
}

function getBucketEncryption(
  ctx: ServiceContext,
  input: GetBucketEncryptionRequest,
): GetBucketEncryptionOutput {
  const { encryption } = bucketFor(ctx, input.Bucket);
  return {
    ServerSideEncryptionConfiguration: {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: {
            SSEAlgorithm: encryption.algorithm,
            ...(encryption.kmsKeyId === undefined ? {} : { KMSMasterKeyID: encryption.kmsKeyId }),
          },
          BucketKeyEnabled: encryption.bucketKeyEnabled,
        },
      ],
    },
  };
}

function policyOf(ctx: ServiceContext, name: string | undefined): NonNullable<EstateBucket["policy"]> {
  const policy = bucketFor(ctx, name).policy;
  if (policy === undefined) throw awsError("NoSuchBucketPolicy", "The bucket policy does not exist", 404);
  return policy;
}

function getBucketPolicyStatus(
  ctx: ServiceContext,
  input: GetBucketPolicyStatusRequest,
): GetBucketPolicyStatusOutput {
  return { PolicyStatus: { IsPublic: policyOf(ctx, input.Bucket).isPublic } };
}

function getBucketPolicy(ctx: ServiceContext, input: GetBucketPolicyRequest): GetBucketPolicyOutput {
  return { Policy: policyOf(ctx, input.Bucket).document };
}

function getBucketAcl(ctx: ServiceContext, input: GetBucketAclRequest): GetBucketAclOutput {
  const bucket = bucketFor(ctx, input.Bucket);
  const me = owner(ctx.account);
  return {
    Owner: me,
    Grants: [
      {
        Grantee: { Type: "CanonicalUser", ID: me.ID, DisplayName: me.DisplayName },
        Permission: "FULL_CONTROL",
      },
      ...(bucket.aclIsPublic
        ? [
            {
              Grantee: { Type: "Group" as const, URI: "http://acs.amazonaws.com/groups/global/AllUsers" },
              Permission: "READ" as const,
            },
          ]
        : []),
    ],
  };
}

function getBucketVersioning(
  ctx: ServiceContext,
  input: GetBucketVersioningRequest,
): GetBucketVersioningOutput {
  const { versioning } = bucketFor(ctx, input.Bucket);
  return versioning === undefined ? {} : { Status: versioning };
}

export const S3_HANDLERS: Readonly<Record<string, Handler>> = {
  ListBuckets: op(listBuckets),
  GetBucketLocation: op(getBucketLocation),
  GetBucketTagging: op(getBucketTagging),
  PutBucketTagging: op(putBucketTagging),
  DeleteBucketTagging: op(deleteBucketTagging),
  GetPublicAccessBlock: op(getPublicAccessBlock),
  PutPublicAccessBlock: op(putPublicAccessBlock),
  GetBucketEncryption: op(getBucketEncryption),
  GetBucketPolicyStatus: op(getBucketPolicyStatus),
  GetBucketPolicy: op(getBucketPolicy),
  GetBucketAcl: op(getBucketAcl),
  GetBucketVersioning: op(getBucketVersioning),
};
