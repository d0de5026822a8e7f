import type { Trail } from "@aws-sdk/client-cloudtrail";
import type { AliasListEntry, KeyListEntry } from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { STG_TRAIL_ARN } from "../../../src/aws/sandbox/demo-ids.js";
import { callerFor, collectPages, expectAwsError, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();
const ORG_TRAIL = "arn:aws:cloudtrail:us-east-1:111111111111:trail/northwind-org-trail";
const DEV_TRAIL = "arn:aws:cloudtrail:us-east-1:333333333333:trail/northwind-dev-trail";

describe("CloudTrail DescribeTrails", () => {
  const dev = callerFor(sandboxOf(estate), "demo-dev");

  it("shows the account's trail in its home region, with the organization trail as a shadow", async () => {
    const out = await dev("cloudtrail", "DescribeTrails", {});
    expect((out.trailList as Trail[]).map((t) => t.TrailARN).sort()).toEqual([DEV_TRAIL, ORG_TRAIL].sort());
    expect((out.trailList as Trail[]).find((t) => t.TrailARN === ORG_TRAIL)).toMatchObject({
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      HomeRegion: "us-east-1",
      KmsKeyId: expect.stringMatching(/^arn:aws:kms:us-east-1:111111111111:key\//),
    });
  });

  it("shows multi-region trails in other regions as shadows (HomeRegion elsewhere), none without shadows", async () => {
    const west = await dev("cloudtrail", "DescribeTrails", {}, "us-west-2");
    expect((west.trailList as Trail[]).map((t) => [t.TrailARN, t.HomeRegion]).sort()).toEqual(
      [
        [DEV_TRAIL, "us-east-1"],
        [ORG_TRAIL, "us-east-1"],
      ].sort(),
    );
    expect(await dev("cloudtrail", "DescribeTrails", { includeShadowTrails: false }, "us-west-2")).toEqual({
      trailList: [],
    });
    const home = await dev("cloudtrail", "DescribeTrails", { includeShadowTrails: false });
    expect((home.trailList as Trail[]).map((t) => t.TrailARN)).toEqual([DEV_TRAIL]);
  });

  it("selects trails by name or ARN, leaving unknown names out", async () => {
    const out = await dev("cloudtrail", "DescribeTrails", {
      trailNameList: ["northwind-dev-trail", "nope", ORG_TRAIL],
    });
    expect((out.trailList as Trail[]).map((t) => t.Name).sort()).toEqual([
      "northwind-dev-trail",
      "northwind-org-trail",
    ]);
  });
});

describe("CloudTrail GetTrailStatus and ListTrails", () => {
  it("reports the stopped staging trail with its stop time, and a logging one without", async () => {
    const stg = callerFor(sandboxOf(estate), "demo-staging");
    const stopped = await stg("cloudtrail", "GetTrailStatus", { Name: STG_TRAIL_ARN });
    expect(stopped).toMatchObject({
      IsLogging: false,
      StopLoggingTime: expect.any(Date),
      LatestDeliveryTime: expect.any(Date),
    });
    const logging = await stg("cloudtrail", "GetTrailStatus", { Name: ORG_TRAIL });
    expect(logging).toMatchObject({ IsLogging: true, StartLoggingTime: expect.any(Date) });
    expect(logging.StopLoggingTime).toBeUndefined();
    await expectAwsError(stg("cloudtrail", "GetTrailStatus", { Name: "nope" }), "TrailNotFoundException");
  });

  it("needs the ARN of a trail whose home is another region", async () => {
    const dev = callerFor(sandboxOf(estate), "demo-dev");
    await expectAwsError(
      dev("cloudtrail", "GetTrailStatus", { Name: "northwind-dev-trail" }, "eu-west-1"),
      "TrailNotFoundException",
    );
    await expect(
      dev("cloudtrail", "GetTrailStatus", { Name: DEV_TRAIL }, "eu-west-1"),
    ).resolves.toMatchObject({ IsLogging: true });
  });

  it("ListTrails pages every trail the account sees exactly once", async () => {
    const dev = callerFor(sandboxOf(estate, { pageSize: 1 }), "demo-dev");
    const { items, pages } = await collectPages(async (token) => {
      const out = await dev("cloudtrail", "ListTrails", token === undefined ? {} : { NextToken: token });
      return { items: out.Trails as { TrailARN: string }[], next: out.NextToken as string | undefined };
    });
    expect(pages).toBe(2);
    expect(items.map((t) => t.TrailARN).sort()).toEqual([DEV_TRAIL, ORG_TRAIL].sort());
    await expectAwsError(
      dev("cloudtrail", "ListTrails", { NextToken: "bogus" }),
      "InvalidNextTokenException",
    );
  });
});

describe("CloudTrail ListTags", () => {
  it("answers each trail's tags by ARN, and names malformed and unknown ARNs", async () => {
    const dev = callerFor(sandboxOf(estate), "demo-dev");
    const out = await dev("cloudtrail", "ListTags", { ResourceIdList: [DEV_TRAIL, ORG_TRAIL] });
    expect(out.ResourceTagList).toEqual([
      { ResourceId: DEV_TRAIL, TagsList: expect.arrayContaining([{ Key: "Owner", Value: "platform-team" }]) },
      { ResourceId: ORG_TRAIL, TagsList: expect.arrayContaining([{ Key: "CostCenter", Value: "CC-4040" }]) },
    ]);
    await expectAwsError(
      dev("cloudtrail", "ListTags", { ResourceIdList: ["northwind-dev-trail"] }),
      "CloudTrailARNInvalidException",
    );
    await expectAwsError(
      dev("cloudtrail", "ListTags", { ResourceIdList: [`${DEV_TRAIL}-gone`] }),
      "ResourceNotFoundException",
    );
  });
});

describe("KMS", () => {
  const prodEast = estate.accounts[4]?.regions["us-east-1"];
  const keys = prodEast?.kmsKeys ?? [];

  it("ListKeys pages with Limit/Marker/Truncated, every key exactly once, AWS managed keys included", async () => {
    const call = callerFor(sandboxOf(estate), "demo-prod");
    const { items } = await collectPages(async (token) => {
      const out = await call("kms", "ListKeys", {
        Limit: 2,
        ...(token === undefined ? {} : { Marker: token }),
      });
      expect(out.Truncated).toBe(out.NextMarker !== undefined);
      return { items: out.Keys as KeyListEntry[], next: out.NextMarker as string | undefined };
    });
    expect(items.map((k) => k.KeyId).sort()).toEqual(keys.map((k) => k.id).sort());
    expect(items[0]?.KeyArn).toBe(`arn:aws:kms:us-east-1:555555555555:key/${items[0]?.KeyId ?? ""}`);
    expect(keys.map((k) => k.keyManager)).toEqual(expect.arrayContaining(["AWS", "CUSTOMER"]));
    await expectAwsError(call("kms", "ListKeys", { Limit: 1001 }), "ValidationException");
    await expectAwsError(call("kms", "ListKeys", { Marker: "bogus" }), "InvalidMarkerException");
  });

  it("DescribeKey resolves a key id, key ARN, alias name and alias ARN", async () => {
    const call = callerFor(sandboxOf(estate), "demo-prod");
    const key = keys.find((k) => k.aliases.includes("alias/prod-warehouse"));
    const arn = `arn:aws:kms:us-east-1:555555555555:key/${key?.id ?? ""}`;
    for (const keyId of [
      key?.id,
      arn,
      "alias/prod-warehouse",
      "arn:aws:kms:us-east-1:555555555555:alias/prod-warehouse",
    ]) {
      const out = await call("kms", "DescribeKey", { KeyId: keyId });
      expect(out.KeyMetadata).toMatchObject({
        KeyId: key?.id,
        Arn: arn,
        AWSAccountId: "555555555555",
        KeyManager: "CUSTOMER",
        KeyState: "Enabled",
        Enabled: true,
        KeySpec: "SYMMETRIC_DEFAULT",
        CreationDate: expect.any(Date),
      });
    }
    await expectAwsError(call("kms", "DescribeKey", { KeyId: "alias/nope" }), "NotFoundException");
    await expectAwsError(
      call("kms", "DescribeKey", { KeyId: "0b0b0b0b-0000-4000-a000-000000000000" }),
      "NotFoundException",
    );
  });

  it("reports a key pending deletion with its date, and refuses its rotation status", async () => {
    const call = callerFor(sandboxOf(estate), "demo-dev");
    const out = await call("kms", "DescribeKey", { KeyId: "alias/dev-old-experiments" });
    expect(out.KeyMetadata).toMatchObject({
      KeyState: "PendingDeletion",
      Enabled: false,
      DeletionDate: expect.any(Date),
    });
    const keyId = (out.KeyMetadata as { KeyId: string }).KeyId;
    await expectAwsError(call("kms", "GetKeyRotationStatus", { KeyId: keyId }), "KMSInvalidStateException");
  });

  it("ListAliases lists every alias once (or a key's), ListResourceTags a key's tags", async () => {
    const call = callerFor(sandboxOf(estate, { pageSize: 1 }), "demo-prod");
    const { items } = await collectPages(async (token) => {
      const out = await call("kms", "ListAliases", token === undefined ? {} : { Marker: token });
      return { items: out.Aliases as AliasListEntry[], next: out.NextMarker as string | undefined };
    });
    expect(items.map((a) => a.AliasName).sort()).toEqual(keys.flatMap((k) => k.aliases).sort());
    expect(items.map((a) => a.AliasName)).toContain("alias/aws/ebs");
    const warehouse = keys.find((k) => k.aliases.includes("alias/prod-warehouse"));
    const own = await call("kms", "ListAliases", { KeyId: warehouse?.id });
    expect(own.Aliases).toMatchObject([{ AliasName: "alias/prod-warehouse", TargetKeyId: warehouse?.id }]);
    const tags = await call("kms", "ListResourceTags", { KeyId: warehouse?.id, Limit: 50 });
    expect(tags).toMatchObject({
      Truncated: false,
      Tags: expect.arrayContaining([{ TagKey: "Owner", TagValue: "data-platform" }]),
    });
    // ListResourceTags takes a key id or key ARN, not an alias.
    await expectAwsError(
      call("kms", "ListResourceTags", { KeyId: "alias/prod-warehouse" }),
      "NotFoundException",
    );
  });

  it("GetKeyRotationStatus answers the key's rotation", async () => {
    const call = callerFor(sandboxOf(estate), "demo-prod");
    const ebs = keys.find((k) => k.aliases.includes("alias/aws/ebs"));
    expect(await call("kms", "GetKeyRotationStatus", { KeyId: ebs?.id })).toMatchObject({
      KeyRotationEnabled: true,
      RotationPeriodInDays: 365,
    });
  });
});
