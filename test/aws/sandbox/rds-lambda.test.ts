import type { DBInstance } from "@aws-sdk/client-rds";
import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { generateEstate } from "../../../src/aws/sandbox/generate.js";
import { callerFor, collectPages, expectAwsError, NOW, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();

describe("RDS DescribeDBInstances", () => {
  const call = callerFor(sandboxOf(estate, { pageSize: 2 }), "demo-prod");
  const prodDbs = estate.accounts[4]?.regions["us-east-1"]?.dbInstances ?? [];

  it("pages with Marker, every DB instance exactly once", async () => {
    const { items, pages } = await collectPages(async (token) => {
      const out = await call("rds", "DescribeDBInstances", token === undefined ? {} : { Marker: token });
      return { items: out.DBInstances as DBInstance[], next: out.Marker as string | undefined };
    });
    expect(pages).toBe(Math.ceil(prodDbs.length / 2));
    expect(items.map((d) => d.DBInstanceIdentifier).sort()).toEqual(prodDbs.map((d) => d.id).sort());
  });

  it("answers the SDK shape: encryption, public access, tags, Date creation time", async () => {
    const out = await call("rds", "DescribeDBInstances", {
      DBInstanceIdentifier: "prod-partner-analytics-pg",
    });
    expect(out.DBInstances).toMatchObject([
      {
        DBInstanceIdentifier: "prod-partner-analytics-pg",
        Engine: "postgres",
        PubliclyAccessible: true,
        StorageEncrypted: true,
        DBInstanceArn: "arn:aws:rds:us-east-1:555555555555:db:prod-partner-analytics-pg",
        TagList: expect.arrayContaining([{ Key: "Environment", Value: "production" }]),
      },
    ]);
    expect((out.DBInstances as DBInstance[])[0]?.InstanceCreateTime).toBeInstanceOf(Date);
  });

  it.each([19, 101])("refuses MaxRecords %i", async (max) => {
    await expectAwsError(call("rds", "DescribeDBInstances", { MaxRecords: max }), "InvalidParameterValue");
  });

  it("names a missing instance DBInstanceNotFound and refuses a bad Marker", async () => {
    await expectAwsError(
      call("rds", "DescribeDBInstances", { DBInstanceIdentifier: "nope" }),
      "DBInstanceNotFound",
      404,
    );
    await expectAwsError(call("rds", "DescribeDBInstances", { Marker: "nope" }), "InvalidParameterValue");
  });

  it("filters by engine and refuses unknown filters", async () => {
    const out = await call("rds", "DescribeDBInstances", {
      MaxRecords: 20,
      Filters: [{ Name: "engine", Values: ["mysql"] }],
    });
    expect((out.DBInstances as DBInstance[]).map((d) => d.DBInstanceIdentifier)).toEqual([
      "prod-ingest-mysql",
    ]);
    await expectAwsError(
      call("rds", "DescribeDBInstances", { Filters: [{ Name: "colour", Values: ["x"] }] }),
      "InvalidParameterValue",
    );
  });

  it("adds and lists tags by ARN", async () => {
    const writer = callerFor(sandboxOf(estate), "demo-staging");
    const arn = "arn:aws:rds:us-east-1:444444444444:db:stg-reporting-mysql";
    await writer("rds", "AddTagsToResource", {
      ResourceName: arn,
      Tags: [{ Key: "DataClass", Value: "internal" }],
    });
    const out = await writer("rds", "ListTagsForResource", { ResourceName: arn });
    expect(out.TagList).toEqual(expect.arrayContaining([{ Key: "DataClass", Value: "internal" }]));
  });
});

describe("Lambda ListFunctions", () => {
  const big = generateEstate({
    accounts: 2,
    regions: ["us-east-1"],
    resourcesPerRegion: 600,
    seed: 4,
    now: NOW,
  });
  const account = big.estate.accounts[1];
  const functions = account?.regions["us-east-1"]?.functions ?? [];

  it("pages with Marker/NextMarker, every function exactly once", async () => {
    const call = callerFor(sandboxOf(big.estate), account?.profiles[0]?.name ?? "");
    const { items } = await collectPages(async (token) => {
      const out = await call("lambda", "ListFunctions", {
        MaxItems: 7,
        ...(token === undefined ? {} : { Marker: token }),
      });
      return { items: out.Functions as FunctionConfiguration[], next: out.NextMarker as string | undefined };
    });
    expect(items.map((f) => f.FunctionName).sort()).toEqual(functions.map((f) => f.name).sort());
  });

  it("answers at most 50 functions per call, whatever MaxItems asks", async () => {
    expect(functions.length).toBeGreaterThan(50);
    const call = callerFor(sandboxOf(big.estate), account?.profiles[0]?.name ?? "");
    const out = await call("lambda", "ListFunctions", { MaxItems: 500 });
    expect(out.Functions).toHaveLength(50);
    expect(typeof out.NextMarker).toBe("string");
  });

  it("reports LastModified as Lambda's string format", async () => {
    const call = callerFor(sandboxOf(estate), "demo-dev");
    const out = await call("lambda", "ListFunctions", { MaxItems: 50 });
    const fn = (out.Functions as FunctionConfiguration[])[0];
    expect(fn?.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(fn?.FunctionArn).toMatch(/^arn:aws:lambda:us-east-1:333333333333:function:/);
  });

  it("refuses MaxItems 0 and an invalid Marker", async () => {
    const call = callerFor(sandboxOf(estate), "demo-dev");
    await expectAwsError(call("lambda", "ListFunctions", { MaxItems: 0 }), "ValidationException");
    await expectAwsError(
      call("lambda", "ListFunctions", { Marker: "zzz" }),
      "InvalidParameterValueException",
    );
  });

  it("ListTags by ARN, TagResource visible to ListTags, ResourceNotFoundException for unknown functions", async () => {
    const call = callerFor(sandboxOf(estate), "demo-dev");
    const arn = "arn:aws:lambda:us-west-2:333333333333:function:jb-test-function";
    expect(await call("lambda", "ListTags", { Resource: arn }, "us-west-2")).toEqual({ Tags: {} });
    await call("lambda", "TagResource", { Resource: arn, Tags: { Owner: "data-platform" } }, "us-west-2");
    expect(await call("lambda", "ListTags", { Resource: arn }, "us-west-2")).toEqual({
      Tags: { Owner: "data-platform" },
    });
    await expectAwsError(
      call(
        "lambda",
        "ListTags",
        { Resource: "arn:aws:lambda:us-west-2:333333333333:function:nope" },
        "us-west-2",
      ),
      "ResourceNotFoundException",
      404,
    );
  });
});
