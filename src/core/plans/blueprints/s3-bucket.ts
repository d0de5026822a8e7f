/**
 * The `s3-bucket` blueprint: a bucket with Block Public Access on, default encryption,
 * versioning, a TLS-only bucket policy, a lifecycle rule for old versions, and the required
 * tags. The name defaults to <prefix>-<account>-<region> (globally unique in practice).
 */
import { UsageError } from "../../errors.js";
import type { PlanStep } from "../plan.js";
import {
  resourceTags,
  tagList,
  type BlueprintContext,
  type BlueprintParam,
  type Draft,
  type ParamValue,
} from "./blueprint.js";

export const S3_BUCKET_PARAMS: readonly BlueprintParam[] = [
  {
    name: "prefix",
    kind: "string",
    description: "The start of the default name <prefix>-<account>-<region>",
    default: "data",
  },
  { name: "name", kind: "string", description: "The bucket's name (default: <prefix>-<account>-<region>)" },
  { name: "versioning", kind: "bool", description: "Keep every version of every object", default: true },
  {
    name: "encryption",
    kind: "enum",
    choices: ["SSE-S3", "SSE-KMS"],
    description: "Default encryption: SSE-S3 (AES256) or SSE-KMS (the aws/s3 key, with an S3 Bucket Key)",
    default: "SSE-S3",
  },
  {
    name: "tlsOnly",
    kind: "bool",
    description: "A bucket policy that denies requests not made over TLS",
    default: true,
  },
  {
    name: "noncurrentDays",
    kind: "int",
    description: "Expire noncurrent object versions after this many days (0: keep them)",
    default: 90,
    min: 0,
    max: 3650,
  },
];

/** What the workflow reads before drafting: whether a bucket of that name exists, and whose. */
export interface S3BucketFacts {
  existing: "none" | "yours" | "another-account";
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Prefixes and suffixes S3 reserves (access point aliases, directory and table buckets…). */
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

export function defaultBucketName(prefix: string, account: string, region: string): string {
  return `${prefix}-${account}-${region}`.toLowerCase();
}

/** Why a name is not a valid general purpose bucket name; undefined when it is. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "must be 3 to 63 characters long";
  if (!BUCKET_NAME.test(name))
    return "may hold only lower-case letters, digits, dots and hyphens, beginning and ending with a letter or digit";
  if (/\.\.|\.-|-\./.test(name)) return "must not have two dots, or a dot next to a hyphen";
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix !== undefined) return `must not begin with ${prefix} (reserved by S3)`;
  const suffix = RESERVED_SUFFIXES.find((x) => name.endsWith(x));
  if (suffix !== undefined) return `must not end with ${suffix} (reserved by S3)`;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "must not look like an IP address";
  return undefined;
}

export function s3BucketBlueprint(
  params: Record<string, ParamValue>,
  facts: S3BucketFacts,
  ctx: BlueprintContext,
): Draft {
  const name = String(params["name"]);
  const problem = bucketNameProblem(name);
  if (problem !== undefined) {
    throw new UsageError(`bucket name "${name}" ${problem}`, {
      code: "BlueprintParamInvalid",
      hint: "Pass --set name=<name> following S3's bucket naming rules.",
    });
  }
  if (facts.existing !== "none") {
    throw new UsageError(
      facts.existing === "yours"
        ? `bucket ${name} already exists in this account`
        : `bucket ${name} already exists and belongs to another account (bucket names are global)`,
      { code: "BlueprintBucketExists", hint: "Pass another --set name=… (or --set prefix=…)." },
    );
  }
  const region = ctx.region;
  const bucket = { Bucket: name };
  const withBucket = "removed with the bucket when the create-bucket step is rolled back";
  const steps: PlanStep[] = [];
  const tags = resourceTags(ctx, "create-bucket", name);
  const step = (
    s: Omit<PlanStep, "region" | "outputs" | "dependsOn" | "service" | "resources"> & {
      dependsOn?: string[];
    },
  ): void => {
    steps.push({
      region,
      service: "s3",
      outputs: {},
      dependsOn: s.id === "create-bucket" ? [] : ["create-bucket"],
      resources: [],
      ...s,
    });
  };
  step({
    id: "create-bucket",
    title: `Create bucket ${name} in ${region}`,
    action: "CreateBucket",
    params: {
      ...bucket,
      ...(region !== "us-east-1" && { CreateBucketConfiguration: { LocationConstraint: region } }),
    },
    validation: {
      service: "s3",
      action: "HeadBucket",
      params: bucket,
      expect: [{ path: "$metadata.httpStatusCode", equals: 200 }],
      attempts: 10,
      delayMs: 1000,
    },
    rollback: { kind: "calls", calls: [{ service: "s3", action: "DeleteBucket", params: bucket }] },
    lookup: {
      service: "s3",
      action: "HeadBucket",
      params: bucket,
      outputs: { status: "$metadata.httpStatusCode" },
    },
  });
  steps[0]!.resources.push({ type: "s3/bucket", name, change: "create", tags });
  step({
    id: "block-public-access",
    title: "Turn Block Public Access on (all four settings)",
    action: "PutPublicAccessBlock",
    params: {
      ...bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    },
    validation: {
      service: "s3",
      action: "GetPublicAccessBlock",
      params: bucket,
      expect: [{ path: "PublicAccessBlockConfiguration.BlockPublicPolicy", equals: true }],
    },
    rollback: { kind: "none", reason: withBucket },
  });
  const kms = params["encryption"] === "SSE-KMS";
  step({
    id: "encryption",
    title: `Default encryption ${kms ? "SSE-KMS (aws/s3, Bucket Key)" : "SSE-S3 (AES256)"}`,
    action: "PutBucketEncryption",
    params: {
      ...bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: kms ? "aws:kms" : "AES256" },
            ...(kms && { BucketKeyEnabled: true }),
          },
        ],
      },
    },
    rollback: { kind: "none", reason: withBucket },
  });
  if (params["versioning"] === true) {
    step({
      id: "versioning",
      title: "Turn versioning on",
      action: "PutBucketVersioning",
      params: { ...bucket, VersioningConfiguration: { Status: "Enabled" } },
      validation: {
        service: "s3",
        action: "GetBucketVersioning",
        params: bucket,
        expect: [{ path: "Status", equals: "Enabled" }],
      },
      rollback: { kind: "none", reason: withBucket },
    });
  }
  if (params["tlsOnly"] === true) {
    const policy = {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    };
    step({
      id: "tls-only-policy",
      title: "Bucket policy: deny requests not made over TLS",
      action: "PutBucketPolicy",
      params: { ...bucket, Policy: JSON.stringify(policy) },
      dependsOn: ["create-bucket", "block-public-access"],
      rollback: { kind: "none", reason: withBucket },
    });
  }
  const days = Number(params["noncurrentDays"]);
  if (days > 0 && params["versioning"] === true) {
    step({
      id: "lifecycle",
      title: `Expire noncurrent versions after ${days} days; abort incomplete uploads after 7`,
      action: "PutBucketLifecycleConfiguration",
      params: {
        ...bucket,
        LifecycleConfiguration: {
          Rules: [
            {
              ID: "expire-noncurrent-versions",
              Status: "Enabled",
              Filter: { Prefix: "" },
              NoncurrentVersionExpiration: { NoncurrentDays: days },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            },
          ],
        },
      },
      rollback: { kind: "none", reason: withBucket },
    });
  }
  step({
    id: "tags",
    title: `Tag the bucket (${Object.keys(tags).length} tags)`,
    action: "PutBucketTagging",
    params: { ...bucket, Tagging: { TagSet: tagList(tags) } },
    rollback: { kind: "none", reason: withBucket },
  });
  return {
    goal: `Create S3 bucket ${name} in ${region}: private, encrypted${params["versioning"] === true ? ", versioned" : ""}${params["tlsOnly"] === true ? ", TLS only" : ""}`,
    steps,
    cost: [
      {
        item: `bucket ${name}`,
        monthlyUsd: 0,
        basis: "an empty bucket costs nothing; storage and requests are charged by use",
      },
    ],
    notes:
      params["versioning"] === true && days === 0
        ? ["Versioning without a lifecycle rule keeps every old version forever."]
        : [],
  };
}
