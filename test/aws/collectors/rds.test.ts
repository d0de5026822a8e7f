import { describe, expect, test } from "vitest";
import { collectDbClusters, collectDbInstances } from "../../../src/aws/collectors/rds.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { richest } from "./_estate.js";

const estate = buildDemoEstate();
const dev = estate.accounts.find((a) => a.id === DEV_ACCOUNT);
const [region, regionData] = Object.entries(dev?.regions ?? {}).find(([, r]) => r.dbInstances.length > 0) ?? [
  "us-east-1",
  undefined,
];
const dbs = regionData?.dbInstances ?? [];

describe("collectDbInstances", () => {
  test("returns every DB instance of the region, with the ARN AWS gives and inline tags", async () => {
    expect(dbs.length).toBeGreaterThan(0);
    const { factory } = makeSandboxFactory({ pageSize: 1 });
    const records = await collectDbInstances(factory, { account: DEV_ACCOUNT, region });
    expect(records.map((r) => r.id).sort()).toEqual(dbs.map((d) => d.id).sort());
    const db = dbs[0];
    expect(records.find((r) => r.id === db?.id)).toMatchObject({
      service: "rds",
      type: "db-instance",
      arn: `arn:aws:rds:${region}:${DEV_ACCOUNT}:db:${db?.id}`,
      state: db?.status,
      tags: db?.tags,
      attributes: {
        engine: db?.engine,
        engineVersion: db?.engineVersion,
        instanceClass: db?.instanceClass,
        isPubliclyAccessible: db?.publiclyAccessible,
        isStorageEncrypted: db?.storageEncrypted,
      },
    });
  });
});

describe("collectDbClusters", () => {
  const place = richest((r) => r.dbClusters);
  const scope = { account: place.account, region: place.region };

  test("returns every DB cluster of the region with its members, ARN, state and inline tags", async () => {
    expect(place.items.length).toBeGreaterThan(0);
    const { factory } = makeSandboxFactory({ profile: place.profile, pageSize: 1 });
    const records = await collectDbClusters(factory, scope);
    expect(records.map((r) => r.id).sort()).toEqual(place.items.map((c) => c.id).sort());
    for (const cluster of place.items) {
      expect(records.find((r) => r.id === cluster.id)).toMatchObject({
        service: "rds",
        type: "db-cluster",
        arn: `arn:aws:rds:${place.region}:${place.account}:cluster:${cluster.id}`,
        name: cluster.tags["Name"] ?? cluster.id,
        state: cluster.status,
        tags: cluster.tags,
        attributes: {
          engine: cluster.engine,
          engineVersion: cluster.engineVersion,
          memberCount: cluster.memberIds.length,
          writerInstanceId: cluster.memberIds[0],
          isStorageEncrypted: cluster.storageEncrypted,
          isDeletionProtected: cluster.deletionProtection,
          createTime: cluster.createdAt,
        },
      });
    }
  });

  test("pages through DescribeDBClusters (the page size is clamped to RDS's minimum of 20)", async () => {
    const many = structuredClone(estate);
    const region = many.accounts.find((a) => a.id === place.account)?.regions[place.region];
    const template = region?.dbClusters[0];
    if (region === undefined || template === undefined) throw new Error("no cluster to copy");
    for (let i = 0; i < 25; i++) region.dbClusters.push({ ...template, id: `copy-${i}`, memberIds: [] });
    const { factory, sandbox } = makeSandboxFactory({ estate: many, profile: place.profile });
    const records = await collectDbClusters(factory, { ...scope, pageSize: 1 });
    expect(records).toHaveLength(region.dbClusters.length);
    expect(sandbox.calls.filter((c) => c.action === "DescribeDBClusters")).toHaveLength(2);
  });

  test("a denied DescribeDBClusters names the permission", async () => {
    const { factory } = makeSandboxFactory({
      profile: place.profile,
      faults: { rules: [{ match: { action: "DescribeDBClusters" }, fail: "access-denied" }] },
    });
    await expect(collectDbClusters(factory, scope)).rejects.toMatchObject({
      action: "rds:DescribeDBClusters",
      awsName: "AccessDenied",
    });
  });
});
