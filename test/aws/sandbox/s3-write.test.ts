/**
 * The S3 bucket writes the s3-bucket and cleanup blueprints call, and their inverses: each
 * write, what the readers (the audit's bucket collector, through the real client factory)
 * see after it, and S3's errors.
 */
import {
  GetBucketLifecycleConfigurationCommand,
  HeadBucketCommand,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { collectBucketRecords } from "../../../src/aws/collectors/audit-s3.js";
import { listBucketLocations } from "../../../src/aws/collectors/s3.js";
import { tlsOnlyStatement } from "../../../src/aws/sandbox/estate-builder.js";
import { listEstateResources, loadEstate, saveEstate } from "../../../src/aws/sandbox/estate.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { callerFor, expectAwsError, sandboxOf } from "./_helpers.js";

function setup() {
  const built = makeSandboxFactory();
  const account = built.sandbox.estate.accounts.find((a) => a.id === DEV_ACCOUNT);
  if (account === undefined) throw new Error("the demo has no development account");
  return { ...built, account, call: callerFor(built.sandbox, "demo-dev") };
}

async function bucketRecord(factory: ReturnType<typeof setup>["factory"], name: string, region: string) {
  const locations = await listBucketLocations(factory, { account: DEV_ACCOUNT, regions: [region] });
  const records = await collectBucketRecords(factory, { account: DEV_ACCOUNT, region }, locations);
  return records.find((r) => r.name === name);
}

/** The s3-bucket blueprint's TLS-only policy. */
const tlsOnly = (bucket: string) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [tlsOnlyStatement(bucket)] });

describe("CreateBucket", () => {
  it("creates a bucket with Block Public Access on and SSE-S3, seen by the readers and the inventory", async () => {
    const { call, factory, sandbox } = setup();
    const out = await call(
      "s3",
      "CreateBucket",
      { Bucket: "northwind-dev-reports", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } },
      "eu-west-1",
    );
    expect(out).toEqual({ Location: "http://northwind-dev-reports.s3.amazonaws.com/" });
    expect(await call("s3", "HeadBucket", { Bucket: "northwind-dev-reports" }, "eu-west-1")).toEqual({
      BucketRegion: "eu-west-1",
      AccessPointAlias: false,
    });
    const record = await bucketRecord(factory, "northwind-dev-reports", "eu-west-1");
    expect(record).toMatchObject({
      publicAccessBlock: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: true,
      },
      encryption: "AES256",
      versioning: undefined,
      policy: undefined,
      publicGrants: [],
    });
    expect(listEstateResources(sandbox.estate, DEV_ACCOUNT, ["eu-west-1"])).toEqual(
      expect.arrayContaining([
        { service: "s3", type: "bucket", id: "northwind-dev-reports", region: "eu-west-1" },
      ]),
    );
    const us = await call("s3", "CreateBucket", { Bucket: "northwind-dev-reports-us" });
    expect(us).toEqual({ Location: "/northwind-dev-reports-us" });
  });

  it("refuses invalid names", async () => {
    const { call } = setup();
    for (const name of [
      "ab",
      "Upper-Case",
      "has_underscore",
      "-starts-with-dash",
      "two..dots",
      "192.168.5.4",
      "xn--punycode",
      "ends-s3alias-s3alias",
    ]) {
      await expectAwsError(call("s3", "CreateBucket", { Bucket: name }), "InvalidBucketName");
    }
  });

  it("answers BucketAlreadyOwnedByYou outside us-east-1, 200 in us-east-1, and BucketAlreadyExists for another account's", async () => {
    const { call, sandbox, account } = setup();
    const ownEu = account.buckets.find((b) => b.region !== "us-east-1");
    if (ownEu === undefined) throw new Error("the demo development account has no bucket outside us-east-1");
    await expectAwsError(
      call(
        "s3",
        "CreateBucket",
        { Bucket: ownEu.name, CreateBucketConfiguration: { LocationConstraint: ownEu.region } },
        ownEu.region,
      ),
      "BucketAlreadyOwnedByYou",
      409,
    );
    await call("s3", "CreateBucket", { Bucket: "northwind-dev-legacy" });
    const before = account.buckets.length;
    expect(await call("s3", "CreateBucket", { Bucket: "northwind-dev-legacy" })).toEqual({
      Location: "/northwind-dev-legacy",
    });
    expect(account.buckets.length).toBe(before);
    const foreign = sandbox.estate.accounts.find((a) => a.id !== DEV_ACCOUNT && a.buckets.length > 0)
      ?.buckets[0];
    await expectAwsError(call("s3", "CreateBucket", { Bucket: foreign?.name }), "BucketAlreadyExists", 409);
  });

  it("needs a LocationConstraint matching the client's region outside us-east-1", async () => {
    const { call } = setup();
    await expectAwsError(
      call("s3", "CreateBucket", { Bucket: "northwind-x1" }, "eu-west-1"),
      "IllegalLocationConstraintException",
    );
    await expectAwsError(
      call(
        "s3",
        "CreateBucket",
        { Bucket: "northwind-x1", CreateBucketConfiguration: { LocationConstraint: "eu-west-2" } },
        "eu-west-1",
      ),
      "IllegalLocationConstraintException",
    );
    await expectAwsError(
      call("s3", "CreateBucket", {
        Bucket: "northwind-x1",
        CreateBucketConfiguration: { LocationConstraint: "eu-west-1" },
      }),
      "IllegalLocationConstraintException",
    );
  });
});

describe("DeleteBucket and HeadBucket", () => {
  it("deletes an empty bucket; a bucket with objects is BucketNotEmpty; a missing one NoSuchBucket", async () => {
    const { call, account } = setup();
    await call("s3", "CreateBucket", { Bucket: "northwind-dev-tmp" });
    await call("s3", "DeleteBucket", { Bucket: "northwind-dev-tmp" });
    await expectAwsError(call("s3", "DeleteBucket", { Bucket: "northwind-dev-tmp" }), "NoSuchBucket", 404);
    await expectAwsError(call("s3", "HeadBucket", { Bucket: "northwind-dev-tmp" }), "NotFound", 404);
    const full = account.buckets.find((b) => b.region === "us-east-1" && (b.objectCount ?? 0) > 0);
    await expectAwsError(call("s3", "DeleteBucket", { Bucket: full?.name }), "BucketNotEmpty", 409);
  });

  it("HeadBucket of another account's bucket is Forbidden", async () => {
    const { call, sandbox } = setup();
    const foreign = sandbox.estate.accounts.find((a) => a.id !== DEV_ACCOUNT && a.buckets.length > 0)
      ?.buckets[0];
    await expectAwsError(
      call("s3", "HeadBucket", { Bucket: foreign?.name }, foreign?.region),
      "Forbidden",
      403,
    );
  });
});

describe("bucket configuration writes are what the readers see", () => {
  it("versioning, encryption, policy and lifecycle, each written and removed", async () => {
    const { call, factory } = setup();
    const Bucket = "northwind-dev-blueprint";
    await call("s3", "CreateBucket", { Bucket });
    await call("s3", "PutBucketVersioning", { Bucket, VersioningConfiguration: { Status: "Enabled" } });
    expect(await call("s3", "GetBucketVersioning", { Bucket })).toEqual({ Status: "Enabled" });
    await expectAwsError(
      call("s3", "PutBucketVersioning", { Bucket, VersioningConfiguration: {} }),
      "MalformedXML",
    );

    const kms = "arn:aws:kms:us-east-1:111111111111:key/00000000-0000-4000-a000-000000000000";
    await call("s3", "PutBucketEncryption", {
      Bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: kms },
            BucketKeyEnabled: true,
          },
        ],
      },
    });
    expect(await call("s3", "GetBucketEncryption", { Bucket })).toEqual({
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: kms },
            BucketKeyEnabled: true,
          },
        ],
      },
    });
    await call("s3", "DeleteBucketEncryption", { Bucket });
    expect(await call("s3", "GetBucketEncryption", { Bucket })).toMatchObject({
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
    });

    await call("s3", "PutBucketPolicy", { Bucket, Policy: tlsOnly(Bucket) });
    expect(await call("s3", "GetBucketPolicy", { Bucket })).toEqual({ Policy: tlsOnly(Bucket) });
    expect(await call("s3", "GetBucketPolicyStatus", { Bucket })).toEqual({
      PolicyStatus: { IsPublic: false },
    });
    expect(await bucketRecord(factory, Bucket, "us-east-1")).toMatchObject({
      policy: tlsOnly(Bucket),
      isPolicyPublic: false,
      versioning: "Enabled",
    });
    await call("s3", "DeleteBucketPolicy", { Bucket });
    await expectAwsError(call("s3", "GetBucketPolicy", { Bucket }), "NoSuchBucketPolicy", 404);

    const rules = [
      {
        ID: "expire-old-versions",
        Status: "Enabled",
        Filter: { Prefix: "" },
        NoncurrentVersionExpiration: { NoncurrentDays: 90 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      },
      {
        ID: "archive",
        Status: "Enabled",
        Filter: { Prefix: "logs/" },
        Transitions: [{ Days: 30, StorageClass: "GLACIER" }],
      },
    ];
    await expectAwsError(
      call("s3", "GetBucketLifecycleConfiguration", { Bucket }),
      "NoSuchLifecycleConfiguration",
      404,
    );
    await call("s3", "PutBucketLifecycleConfiguration", { Bucket, LifecycleConfiguration: { Rules: rules } });
    expect(await call("s3", "GetBucketLifecycleConfiguration", { Bucket })).toEqual({
      Rules: rules,
      TransitionDefaultMinimumObjectSize: "all_storage_classes_128K",
    });
    await expectAwsError(
      call("s3", "PutBucketLifecycleConfiguration", {
        Bucket,
        LifecycleConfiguration: { Rules: [{ ID: "x", Status: "Enabled", Filter: {} }] },
      }),
      "InvalidRequest",
    );
    await call("s3", "DeleteBucketLifecycle", { Bucket });
    await expectAwsError(
      call("s3", "GetBucketLifecycleConfiguration", { Bucket }),
      "NoSuchLifecycleConfiguration",
      404,
    );
  });

  it("PutBucketPolicy refuses malformed policies, and a public one while Block Public Access blocks it", async () => {
    const { call } = setup();
    const Bucket = "northwind-dev-site";
    await call("s3", "CreateBucket", { Bucket });
    for (const Policy of [
      "not json",
      "{}",
      JSON.stringify({
        Statement: [{ Effect: "Maybe", Principal: "*", Action: "s3:*", Resource: `arn:aws:s3:::${Bucket}` }],
      }),
      JSON.stringify({
        Statement: [
          {
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::another-bucket/*",
          },
        ],
      }),
    ]) {
      await expectAwsError(call("s3", "PutBucketPolicy", { Bucket, Policy }), "MalformedPolicy");
    }
    const publicRead = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${Bucket}/*` },
      ],
    });
    await expectAwsError(call("s3", "PutBucketPolicy", { Bucket, Policy: publicRead }), "AccessDenied", 403);
    await call("s3", "PutPublicAccessBlock", {
      Bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      },
    });
    expect(await call("s3", "GetPublicAccessBlock", { Bucket })).toEqual({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      },
    });
  });

  it("PutBucketTagging replaces the tag set and DeleteBucketTagging removes it", async () => {
    const { call } = setup();
    const Bucket = "northwind-dev-tagged";
    await call("s3", "CreateBucket", { Bucket });
    await expectAwsError(call("s3", "GetBucketTagging", { Bucket }), "NoSuchTagSet", 404);
    await call("s3", "PutBucketTagging", { Bucket, Tagging: { TagSet: [{ Key: "Owner", Value: "data" }] } });
    await call("s3", "PutBucketTagging", { Bucket, Tagging: { TagSet: [{ Key: "Team", Value: "data" }] } });
    expect(await call("s3", "GetBucketTagging", { Bucket })).toEqual({
      TagSet: [{ Key: "Team", Value: "data" }],
    });
    await call("s3", "DeleteBucketTagging", { Bucket });
    await expectAwsError(call("s3", "GetBucketTagging", { Bucket }), "NoSuchTagSet", 404);
  });
});

describe("the writes through the SDK's own readers", () => {
  it("GetBucketLifecycleConfiguration and HeadBucket answer through the real client factory, and the estate saves and loads", async () => {
    const { call, factory, sandbox } = setup();
    const Bucket = "northwind-dev-lifecycle";
    await call("s3", "CreateBucket", { Bucket });
    const rules = [
      {
        ID: "expire-tmp",
        Status: "Enabled",
        Filter: { Prefix: "tmp/" },
        Expiration: { Date: new Date("2027-01-01T00:00:00.000Z") },
      },
    ];
    await call("s3", "PutBucketLifecycleConfiguration", { Bucket, LifecycleConfiguration: { Rules: rules } });
    const client = await factory.s3("us-east-1");
    const read = await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
    expect(read.Rules).toEqual(rules);
    expect(read.Rules?.[0]?.Expiration?.Date).toBeInstanceOf(Date);
    const missing = await client
      .send(new HeadBucketCommand({ Bucket: "northwind-no-such-bucket" }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(S3ServiceException);
    expect((missing as S3ServiceException).name).toBe("NotFound");
    expect((missing as S3ServiceException).$metadata.httpStatusCode).toBe(404);

    const reloaded = sandboxOf(loadEstate(JSON.parse(saveEstate(sandbox.estate))));
    const again = await callerFor(reloaded, "demo-dev")("s3", "GetBucketLifecycleConfiguration", { Bucket });
    expect(again.Rules).toEqual(rules);
  });
});
