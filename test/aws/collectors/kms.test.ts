import { describe, expect, test } from "vitest";
import { collectKeys } from "../../../src/aws/collectors/kms.js";
import { AwsCallError } from "../../../src/core/errors.js";
import { makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { richest } from "./_estate.js";

describe("collectKeys", () => {
  // A region with both customer and AWS managed keys.
  const place = richest((r) =>
    r.kmsKeys.some((k) => k.keyManager === "AWS") && r.kmsKeys.some((k) => k.keyManager === "CUSTOMER")
      ? r.kmsKeys
      : [],
  );
  const scope = { account: place.account, region: place.region };

  test("returns every key of the region once, across pages", async () => {
    expect(place.items.length).toBeGreaterThan(1);
    const { factory, sandbox } = makeSandboxFactory({ profile: place.profile, pageSize: 1 });
    const records = await collectKeys(factory, scope);
    expect(records.map((r) => r.id).sort()).toEqual(place.items.map((k) => k.id).sort());
    expect(sandbox.calls.filter((c) => c.action === "ListKeys").length).toBeGreaterThan(1);
  });

  test("tells customer managed keys from AWS managed ones, with aliases, state and tags", async () => {
    const { factory } = makeSandboxFactory({ profile: place.profile });
    const records = await collectKeys(factory, scope);
    for (const key of place.items) {
      const aliases = [...key.aliases].sort();
      expect(records.find((r) => r.id === key.id)).toMatchObject({
        service: "kms",
        type: "key",
        arn: `arn:aws:kms:${place.region}:${place.account}:key/${key.id}`,
        name: key.tags["Name"] ?? aliases[0],
        state: key.state,
        tags: key.tags,
        attributes: {
          keyManager: key.keyManager,
          aliases: aliases.length === 0 ? null : aliases.join(","),
          description: key.description === "" ? null : key.description,
          creationDate: key.createdAt,
          deletionDate: key.deletionAt ?? null,
        },
      });
    }
  });

  test("reads tags of customer managed keys only", async () => {
    const { factory, sandbox } = makeSandboxFactory({ profile: place.profile });
    await collectKeys(factory, scope);
    expect(sandbox.calls.filter((c) => c.action === "ListResourceTags")).toHaveLength(
      place.items.filter((k) => k.keyManager === "CUSTOMER").length,
    );
  });

  test("a denied DescribeKey names the permission", async () => {
    const { factory } = makeSandboxFactory({
      profile: place.profile,
      faults: { rules: [{ match: { action: "DescribeKey" }, fail: "access-denied" }] },
    });
    const failure = collectKeys(factory, scope);
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toMatchObject({
      action: "kms:DescribeKey",
      awsName: "AccessDeniedException",
    });
  });
});
