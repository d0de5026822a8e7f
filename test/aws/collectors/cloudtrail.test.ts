import { describe, expect, test } from "vitest";
import { collectTrails } from "../../../src/aws/collectors/cloudtrail.js";
import { AwsCallError } from "../../../src/core/errors.js";
import { makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { estate, profileOf } from "./_estate.js";

/** A multi-region trail, its account, and another region of that account that the estate uses. */
const found = estate.accounts
  .flatMap((account) =>
    Object.entries(account.regions).flatMap(([region, r]) =>
      r.trails
        .filter((t) => t.isMultiRegion && t.arn.startsWith(`arn:aws:cloudtrail:${region}:${account.id}:`))
        .map((trail) => ({
          account,
          region,
          trail,
          otherRegion: Object.keys(account.regions).find((other) => other !== region),
        })),
    ),
  )
  .find((f) => f.otherRegion !== undefined);

describe("collectTrails", () => {
  if (found === undefined) throw new Error("the demo estate has no multi-region trail");
  const { account, region, trail } = found;
  const profile = profileOf(account);
  const homeTrails = (account.regions[region]?.trails ?? []).filter((t) =>
    t.arn.startsWith(`arn:aws:cloudtrail:${region}:${account.id}:`),
  );

  test("lists the trails whose home is the region, with logging status, multi-region flag and tags", async () => {
    const { factory } = makeSandboxFactory({ profile });
    const records = await collectTrails(factory, { account: account.id, region });
    expect(records.map((r) => r.id).sort()).toEqual(homeTrails.map((t) => t.arn).sort());
    expect(records.find((r) => r.id === trail.arn)).toMatchObject({
      service: "cloudtrail",
      type: "trail",
      arn: trail.arn,
      name: trail.name,
      account: account.id,
      region,
      state: undefined,
      tags: trail.tags,
      attributes: {
        isLogging: trail.isLogging,
        isMultiRegion: true,
        isOrganizationTrail: trail.isOrganizationTrail,
        homeRegion: region,
        s3BucketName: trail.s3BucketName,
        hasLogFileValidation: trail.logFileValidation,
        kmsKeyId: trail.kmsKeyId ?? null,
      },
    });
  });

  test("a multi-region trail is not listed again in the other regions it covers", async () => {
    if (found.otherRegion === undefined) throw new Error("the trail's account uses one region only");
    const { factory } = makeSandboxFactory({ profile });
    const records = await collectTrails(factory, { account: account.id, region: found.otherRegion });
    expect(records.map((r) => r.id)).not.toContain(trail.arn);
  });

  test("reads each trail's status by ARN", async () => {
    const { factory, sandbox } = makeSandboxFactory({ profile });
    await collectTrails(factory, { account: account.id, region });
    expect(sandbox.calls.filter((c) => c.action === "GetTrailStatus")).toHaveLength(homeTrails.length);
  });

  test("a denied GetTrailStatus names the permission", async () => {
    const { factory } = makeSandboxFactory({
      profile,
      faults: { rules: [{ match: { action: "GetTrailStatus" }, fail: "access-denied" }] },
    });
    const failure = collectTrails(factory, { account: account.id, region });
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toMatchObject({
      service: "cloudtrail",
      action: "cloudtrail:GetTrailStatus",
      awsName: "AccessDeniedException",
    });
  });
});
