/** The s3-bucket blueprint: names, an existing bucket, the region, encryption, TLS-only, lifecycle, tags. */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/core/errors.js";
import {
  resolveParams,
  resourceTags,
  tagList,
  type Draft,
} from "../../../src/core/plans/blueprints/blueprint.js";
import {
  bucketNameProblem,
  defaultBucketName,
  S3_BUCKET_PARAMS,
  s3BucketBlueprint,
  type S3BucketFacts,
} from "../../../src/core/plans/blueprints/s3-bucket.js";
import { executionOrder, PLAN_TAG, STEP_TAG, stepSchema } from "../../../src/core/plans/plan.js";
import { ACCOUNT, blueprintContext, PLAN_ID, REGION, thrown } from "./_plans.js";

/** The blueprint as plan-create runs it: the name defaults to <prefix>-<account>-<region>. */
function draft(
  given: Record<string, string> = {},
  facts: S3BucketFacts = { existing: "none" },
  region = REGION,
): Draft {
  const prefix = given["prefix"] ?? "data";
  const params = resolveParams("s3-bucket", S3_BUCKET_PARAMS, given, {
    name: defaultBucketName(prefix, ACCOUNT, region),
  });
  return s3BucketBlueprint(params, facts, blueprintContext({ region }));
}

const stepOf = (d: Draft, id: string) => d.steps.find((s) => s.id === id);

describe("defaultBucketName", () => {
  it.each<[string, string, string]>([
    ["data", "eu-west-1", "data-111111111111-eu-west-1"],
    ["Logs", "us-east-1", "logs-111111111111-us-east-1"],
  ])("%s in %s → %s", (prefix, region, expected) => {
    expect(defaultBucketName(prefix, ACCOUNT, region)).toBe(expected);
  });

  it("is the bucket's name when none is given", () => {
    expect(stepOf(draft(), "create-bucket")?.params["Bucket"]).toBe(`data-${ACCOUNT}-${REGION}`);
    expect(stepOf(draft({ prefix: "Raw" }), "create-bucket")?.params["Bucket"]).toBe(
      `raw-${ACCOUNT}-${REGION}`,
    );
  });
});

describe("bucket names", () => {
  it.each([
    ["abc"],
    ["my-bucket"],
    ["my.bucket.example"],
    ["a".repeat(63)],
    ["xn-a"],
    ["bucket-s3"],
    ["1bucket2"],
  ])("accepts %s", (name) => {
    expect(bucketNameProblem(name)).toBeUndefined();
  });

  it.each<[string, string]>([
    ["ab", "must be 3 to 63 characters long"],
    ["a".repeat(64), "must be 3 to 63 characters long"],
    ["My-Bucket", "may hold only lower-case letters, digits, dots and hyphens"],
    ["my_bucket", "may hold only lower-case letters"],
    ["-bucket", "beginning and ending with a letter or digit"],
    ["bucket-", "beginning and ending with a letter or digit"],
    ["bucket.", "beginning and ending with a letter or digit"],
    ["my..bucket", "must not have two dots"],
    ["my.-bucket", "a dot next to a hyphen"],
    ["my-.bucket", "a dot next to a hyphen"],
    ["192.168.5.4", "must not look like an IP address"],
    ["xn--bucket", "must not begin with xn--"],
    ["sthree-bucket", "must not begin with sthree-"],
    ["amzn-s3-demo-bucket", "must not begin with amzn-s3-demo-"],
    ["bucket-s3alias", "must not end with -s3alias"],
    ["bucket--ol-s3", "must not end with --ol-s3"],
    ["bucket.mrap", "must not end with .mrap"],
    ["bucket--use1-az4--x-s3", "must not end with --x-s3"],
    ["bucket--table-s3", "must not end with --table-s3"],
  ])("refuses %s: BlueprintParamInvalid, it %s", (name, problem) => {
    expect(bucketNameProblem(name)).toContain(problem);
    const error = thrown(() => draft({ name }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("BlueprintParamInvalid");
    expect(error.message).toBe(`bucket name "${name}" ${bucketNameProblem(name)}`);
    expect(error.hint).toBe("Pass --set name=<name> following S3's bucket naming rules.");
  });
});

describe("an existing bucket", () => {
  it.each<[S3BucketFacts["existing"], string]>([
    ["yours", `bucket data-${ACCOUNT}-${REGION} already exists in this account`],
    [
      "another-account",
      `bucket data-${ACCOUNT}-${REGION} already exists and belongs to another account (bucket names are global)`,
    ],
  ])("refuses a name already taken (%s): BlueprintBucketExists, with the fix", (existing, message) => {
    const error = thrown(() => draft({}, { existing }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("BlueprintBucketExists");
    expect(error.message).toBe(message);
    expect(error.hint).toContain("--set name=");
  });
});

describe("s3BucketBlueprint", () => {
  it("asks for a LocationConstraint outside us-east-1 only (AWS refuses us-east-1 as one)", () => {
    expect(stepOf(draft(), "create-bucket")?.params).toEqual({
      Bucket: `data-${ACCOUNT}-${REGION}`,
      CreateBucketConfiguration: { LocationConstraint: REGION },
    });
    expect(stepOf(draft({}, { existing: "none" }, "us-east-1"), "create-bucket")?.params).toEqual({
      Bucket: `data-${ACCOUNT}-us-east-1`,
    });
  });

  it("with the defaults: bucket, Block Public Access, SSE-S3, versioning, TLS only, lifecycle, tags", () => {
    const d = draft();
    expect(d.steps.map((s) => [s.id, s.action])).toEqual([
      ["create-bucket", "CreateBucket"],
      ["block-public-access", "PutPublicAccessBlock"],
      ["encryption", "PutBucketEncryption"],
      ["versioning", "PutBucketVersioning"],
      ["tls-only-policy", "PutBucketPolicy"],
      ["lifecycle", "PutBucketLifecycleConfiguration"],
      ["tags", "PutBucketTagging"],
    ]);
    expect(stepOf(d, "block-public-access")?.params["PublicAccessBlockConfiguration"]).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect(stepOf(d, "encryption")?.params["ServerSideEncryptionConfiguration"]).toEqual({
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
    });
    expect(stepOf(d, "lifecycle")?.params["LifecycleConfiguration"]).toMatchObject({
      Rules: [{ Status: "Enabled", NoncurrentVersionExpiration: { NoncurrentDays: 90 } }],
    });
    expect(d.cost).toEqual([expect.objectContaining({ monthlyUsd: 0 })]);
    expect(d.goal).toBe(
      `Create S3 bucket data-${ACCOUNT}-${REGION} in ${REGION}: private, encrypted, versioned, TLS only`,
    );
  });

  it("SSE-KMS uses aws:kms with an S3 Bucket Key", () => {
    expect(
      stepOf(draft({ encryption: "SSE-KMS" }), "encryption")?.params["ServerSideEncryptionConfiguration"],
    ).toEqual({
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" }, BucketKeyEnabled: true }],
    });
  });

  it("the TLS-only policy is JSON that denies every request with aws:SecureTransport false, on the bucket and its objects", () => {
    const name = `data-${ACCOUNT}-${REGION}`;
    const s = stepOf(draft(), "tls-only-policy")!;
    expect(s.params["Bucket"]).toBe(name);
    const policy = JSON.parse(String(s.params["Policy"])) as {
      Version: string;
      Statement: Record<string, unknown>[];
    };
    expect(policy.Version).toBe("2012-10-17");
    expect(policy.Statement).toEqual([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
    expect(s.dependsOn).toEqual(["create-bucket", "block-public-access"]);
  });

  it("leaves the policy out with tlsOnly=false", () => {
    const d = draft({ tlsOnly: "false" });
    expect(stepOf(d, "tls-only-policy")).toBeUndefined();
    expect(d.goal).not.toContain("TLS only");
  });

  it("without versioning has no versioning and no lifecycle step", () => {
    const d = draft({ versioning: "false" });
    expect(stepOf(d, "versioning")).toBeUndefined();
    expect(stepOf(d, "lifecycle")).toBeUndefined();
    expect(d.notes).toEqual([]);
  });

  it("with noncurrentDays=0 keeps old versions, and says they are kept forever", () => {
    const d = draft({ noncurrentDays: "0" });
    expect(stepOf(d, "lifecycle")).toBeUndefined();
    expect(d.notes).toEqual(["Versioning without a lifecycle rule keeps every old version forever."]);
  });

  it("tags the bucket with the plan's tags, its Name and the plan/step markers", () => {
    const d = draft();
    const name = `data-${ACCOUNT}-${REGION}`;
    const tags = resourceTags(blueprintContext(), "create-bucket", name);
    expect(tags).toMatchObject({ [PLAN_TAG]: PLAN_ID, [STEP_TAG]: "create-bucket", Name: name });
    expect(stepOf(d, "tags")?.params["Tagging"]).toEqual({ TagSet: tagList(tags) });
    expect(stepOf(d, "create-bucket")?.resources).toEqual([
      { type: "s3/bucket", name, change: "create", tags },
    ]);
  });

  it("every step is valid, runs after the bucket exists and is undone with the bucket", () => {
    const d = draft();
    for (const s of d.steps) expect(stepSchema.parse(s)).toEqual(s);
    for (const s of d.steps.slice(1)) {
      expect(s.dependsOn).toContain("create-bucket");
      expect(s.rollback.kind).toBe("none");
    }
    expect(stepOf(d, "create-bucket")?.rollback).toEqual({
      kind: "calls",
      calls: [{ service: "s3", action: "DeleteBucket", params: { Bucket: `data-${ACCOUNT}-${REGION}` } }],
    });
    expect(stepOf(d, "create-bucket")?.lookup?.action).toBe("HeadBucket");
    expect(executionOrder(d.steps).map((s) => s.id)).toEqual(d.steps.map((s) => s.id));
  });
});
