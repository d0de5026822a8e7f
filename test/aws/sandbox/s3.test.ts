import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { callerFor, collectPages, expectAwsError, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();
const prodBuckets = estate.accounts[4]?.buckets ?? [];

function setup(profile = "demo-prod") {
  const sandbox = sandboxOf(estate);
  return { sandbox, call: callerFor(sandbox, profile) };
}

type Bucket = { Name: string; CreationDate: Date; BucketRegion?: string };

describe("S3 ListBuckets", () => {
  it("without parameters answers every bucket at once, sorted, without BucketRegion (as S3 does)", async () => {
    const { call } = setup();
    const out = await call("s3", "ListBuckets", {});
    const buckets = out.Buckets as Bucket[];
    expect(buckets.map((b) => b.Name)).toEqual(prodBuckets.map((b) => b.name).sort());
    expect(buckets[0]?.CreationDate).toBeInstanceOf(Date);
    expect(buckets.every((b) => b.BucketRegion === undefined)).toBe(true);
    expect(out.ContinuationToken).toBeUndefined();
    expect(out.Owner).toMatchObject({ ID: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("with MaxBuckets pages with ContinuationToken, every bucket once, each with its region", async () => {
    const { call } = setup();
    const { items, pages } = await collectPages(async (token) => {
      const out = await call("s3", "ListBuckets", {
        MaxBuckets: 3,
        ...(token === undefined ? {} : { ContinuationToken: token }),
      });
      return { items: out.Buckets as Bucket[], next: out.ContinuationToken as string | undefined };
    });
    expect(pages).toBe(Math.ceil(prodBuckets.length / 3));
    expect(items.map((b) => b.Name).sort()).toEqual(prodBuckets.map((b) => b.name).sort());
    expect(items.every((b) => b.BucketRegion === prodBuckets.find((p) => p.name === b.Name)?.region)).toBe(
      true,
    );
  });

  it("filters by BucketRegion (sent to that region's endpoint) and by Prefix", async () => {
    const { call } = setup();
    const west = await call("s3", "ListBuckets", { BucketRegion: "us-west-2" }, "us-west-2");
    expect((west.Buckets as Bucket[]).map((b) => b.Name)).toEqual(
      prodBuckets.filter((b) => b.region === "us-west-2").map((b) => b.name),
    );
    await expectAwsError(
      call("s3", "ListBuckets", { BucketRegion: "us-west-2" }, "us-east-1"),
      "InvalidArgument",
    );
    const prefixed = await call("s3", "ListBuckets", { Prefix: "northwind-prod-ml", MaxBuckets: 100 });
    expect((prefixed.Buckets as Bucket[]).map((b) => b.Name)).toEqual(["northwind-prod-ml-models"]);
    expect(prefixed.Prefix).toBe("northwind-prod-ml");
  });

  it("refuses an invalid ContinuationToken and MaxBuckets out of 1–10000", async () => {
    const { call } = setup();
    await expectAwsError(call("s3", "ListBuckets", { ContinuationToken: "bogus" }), "InvalidArgument");
    await expectAwsError(call("s3", "ListBuckets", { MaxBuckets: 0 }), "InvalidArgument");
    await expectAwsError(call("s3", "ListBuckets", { MaxBuckets: 10_001 }), "InvalidArgument");
  });
});

describe("S3 bucket configuration", () => {
  it("GetBucketLocation answers no LocationConstraint for us-east-1 and the region otherwise, from any region", async () => {
    const { call } = setup();
    expect(
      await call("s3", "GetBucketLocation", { Bucket: "northwind-prod-ingest-raw" }, "eu-west-1"),
    ).toEqual({});
    expect(await call("s3", "GetBucketLocation", { Bucket: "northwind-prod-eu-insights" })).toEqual({
      LocationConstraint: "eu-west-1",
    });
  });

  it("GetBucketTagging answers the TagSet, or NoSuchTagSet when there is none", async () => {
    const { call } = setup();
    const out = await call("s3", "GetBucketTagging", { Bucket: "northwind-prod-ingest-raw" });
    expect(out.TagSet).toEqual(expect.arrayContaining([{ Key: "Environment", Value: "production" }]));
    const staging = callerFor(sandboxOf(estate), "demo-staging");
    await expectAwsError(
      staging("s3", "GetBucketTagging", { Bucket: "northwind-stg-tmp-export-0423" }, "eu-west-1"),
      "NoSuchTagSet",
      404,
    );
  });

  it("PutBucketTagging replaces the tags and GetBucketTagging sees them; DeleteBucketTagging removes them", async () => {
    const { call } = setup("demo-staging");
    const bucket = "northwind-stg-tmp-export-0423";
    await call(
      "s3",
      "PutBucketTagging",
      { Bucket: bucket, Tagging: { TagSet: [{ Key: "Owner", Value: "data-platform" }] } },
      "eu-west-1",
    );
    expect(await call("s3", "GetBucketTagging", { Bucket: bucket }, "eu-west-1")).toEqual({
      TagSet: [{ Key: "Owner", Value: "data-platform" }],
    });
    await call("s3", "DeleteBucketTagging", { Bucket: bucket }, "eu-west-1");
    await expectAwsError(call("s3", "GetBucketTagging", { Bucket: bucket }, "eu-west-1"), "NoSuchTagSet");
  });

  it("GetPublicAccessBlock answers the configuration or NoSuchPublicAccessBlockConfiguration; Put sets it", async () => {
    const { call } = setup();
    expect(await call("s3", "GetPublicAccessBlock", { Bucket: "northwind-prod-ingest-raw" })).toEqual({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    const bucket = "northwind-marketing-assets-prod";
    await expectAwsError(
      call("s3", "GetPublicAccessBlock", { Bucket: bucket }),
      "NoSuchPublicAccessBlockConfiguration",
      404,
    );
    await call("s3", "PutPublicAccessBlock", {
      Bucket: bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    expect(await call("s3", "GetPublicAccessBlock", { Bucket: bucket })).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicPolicy: true },
    });
  });

  it("GetBucketPolicyStatus reports a public policy, and NoSuchBucketPolicy when there is no policy", async () => {
    const { call } = setup();
    expect(await call("s3", "GetBucketPolicyStatus", { Bucket: "northwind-marketing-assets-prod" })).toEqual({
      PolicyStatus: { IsPublic: true },
    });
    const policy = await call("s3", "GetBucketPolicy", { Bucket: "northwind-marketing-assets-prod" });
    expect(JSON.parse(policy.Policy as string)).toMatchObject({
      Statement: [{ Effect: "Allow", Principal: "*" }, { Sid: "DenyInsecureTransport" }],
    });
    expect(await call("s3", "GetBucketPolicyStatus", { Bucket: "northwind-prod-ingest-raw" })).toEqual({
      PolicyStatus: { IsPublic: false },
    });
    const { call: stg } = setup("demo-staging");
    await expectAwsError(
      stg("s3", "GetBucketPolicyStatus", { Bucket: "northwind-stg-tmp-export-0423" }, "eu-west-1"),
      "NoSuchBucketPolicy",
      404,
    );
  });

  it("gives clean buckets a TLS-only policy, every public access block setting and versioning", async () => {
    const { call } = setup();
    const policy = await call("s3", "GetBucketPolicy", { Bucket: "northwind-prod-ingest-raw" });
    expect(JSON.parse(policy.Policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: ["arn:aws:s3:::northwind-prod-ingest-raw", "arn:aws:s3:::northwind-prod-ingest-raw/*"],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
    expect(await call("s3", "GetPublicAccessBlock", { Bucket: "northwind-prod-ingest-raw" })).toEqual({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    expect(await call("s3", "GetBucketVersioning", { Bucket: "northwind-prod-ingest-raw" })).toEqual({
      Status: "Enabled",
    });
  });

  it("answers the planted bucket problems as S3 does: public ACL, partial block, suspended versioning", async () => {
    const { call: sbx } = setup("demo-sandbox");
    const acl = await sbx("s3", "GetBucketAcl", { Bucket: "northwind-sbx-legacy-acl-share" }, "us-west-2");
    expect(acl.Grants).toContainEqual({
      Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" },
      Permission: "READ",
    });
    expect(
      await sbx("s3", "GetPublicAccessBlock", { Bucket: "northwind-sbx-legacy-acl-share" }, "us-west-2"),
    ).toEqual({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: false,
        IgnorePublicAcls: false,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    expect(await sbx("s3", "GetBucketVersioning", { Bucket: "northwind-sbx-experiments" })).toEqual({
      Status: "Suspended",
    });
    const { call: stg } = setup("demo-staging");
    expect(
      await stg("s3", "GetBucketVersioning", { Bucket: "northwind-stg-tmp-export-0423" }, "eu-west-1"),
    ).toEqual({});
  });

  it("GetBucketEncryption answers the default encryption rule", async () => {
    const { call } = setup();
    const out = await call("s3", "GetBucketEncryption", { Bucket: "northwind-prod-ingest-raw" });
    expect(out).toMatchObject({
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" }, BucketKeyEnabled: true }],
      },
    });
  });

  it("answers NoSuchBucket, AccessDenied for another account's bucket, and PermanentRedirect for the wrong region", async () => {
    const { call } = setup();
    await expectAwsError(
      call("s3", "GetBucketTagging", { Bucket: "no-such-bucket-anywhere" }),
      "NoSuchBucket",
      404,
    );
    await expectAwsError(
      call("s3", "GetBucketTagging", { Bucket: "northwind-billing-reports" }),
      "AccessDenied",
      403,
    );
    await expectAwsError(
      call("s3", "GetBucketTagging", { Bucket: "northwind-prod-eu-insights" }, "us-east-1"),
      "PermanentRedirect",
      301,
    );
  });
});
