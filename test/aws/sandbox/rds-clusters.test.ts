import type { DBCluster, DBInstance } from "@aws-sdk/client-rds";
import { describe, expect, it } from "vitest";
import { generateEstate } from "../../../src/aws/sandbox/generate.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { callerFor, collectPages, expectAwsError, NOW, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();

describe("RDS DescribeDBClusters", () => {
  const call = callerFor(sandboxOf(estate), "demo-prod");

  it("answers the cluster in the SDK shape, writer first, encrypted with the account's key", async () => {
    const out = await call("rds", "DescribeDBClusters", { DBClusterIdentifier: "prod-analytics-aurora" });
    expect(out.DBClusters).toMatchObject([
      {
        DBClusterIdentifier: "prod-analytics-aurora",
        DBClusterArn: "arn:aws:rds:us-east-1:555555555555:cluster:prod-analytics-aurora",
        Engine: "aurora-postgresql",
        Status: "available",
        StorageEncrypted: true,
        KmsKeyId: expect.stringMatching(/^arn:aws:kms:us-east-1:555555555555:key\//),
        ClusterCreateTime: expect.any(Date),
        DbClusterResourceId: expect.stringMatching(/^cluster-[A-Z0-9]{26}$/),
        MultiAZ: true,
        DBClusterMembers: [
          { DBInstanceIdentifier: "prod-analytics-aurora-1", IsClusterWriter: true },
          { DBInstanceIdentifier: "prod-analytics-aurora-2", IsClusterWriter: false },
        ],
        TagList: expect.arrayContaining([{ Key: "Environment", Value: "production" }]),
      },
    ]);
  });

  it("names a missing cluster DBClusterNotFoundFault (404) and refuses unknown filters and MaxRecords 19", async () => {
    await expectAwsError(
      call("rds", "DescribeDBClusters", { DBClusterIdentifier: "nope" }),
      "DBClusterNotFoundFault",
      404,
    );
    await expectAwsError(
      call("rds", "DescribeDBClusters", { Filters: [{ Name: "size", Values: ["1"] }] }),
      "InvalidParameterValue",
    );
    await expectAwsError(call("rds", "DescribeDBClusters", { MaxRecords: 19 }), "InvalidParameterValue");
  });

  it("pages every cluster exactly once and filters by engine", async () => {
    const big = generateEstate({
      accounts: 1,
      regions: ["us-east-1"],
      resourcesPerRegion: 1500,
      seed: 8,
      now: NOW,
    });
    const clusters = big.estate.accounts[0]?.regions["us-east-1"]?.dbClusters ?? [];
    expect(clusters.length).toBeGreaterThan(2);
    const bigCall = callerFor(
      sandboxOf(big.estate, { pageSize: 2 }),
      big.estate.accounts[0]?.profiles[0]?.name ?? "",
    );
    const { items, pages } = await collectPages(async (token) => {
      const out = await bigCall("rds", "DescribeDBClusters", token === undefined ? {} : { Marker: token });
      return { items: out.DBClusters as DBCluster[], next: out.Marker as string | undefined };
    });
    expect(pages).toBe(Math.ceil(clusters.length / 2));
    expect(items.map((c) => c.DBClusterIdentifier).sort()).toEqual(clusters.map((c) => c.id).sort());
    const mysql = await bigCall("rds", "DescribeDBClusters", {
      Filters: [{ Name: "engine", Values: ["aurora-mysql"] }],
      MaxRecords: 100,
    });
    expect((mysql.DBClusters as DBCluster[]).map((c) => c.DBClusterIdentifier).sort()).toEqual(
      clusters
        .filter((c) => c.engine === "aurora-mysql")
        .map((c) => c.id)
        .sort(),
    );
  });

  it("lists the members in DescribeDBInstances with their cluster, found by the db-cluster-id filter", async () => {
    const out = await call("rds", "DescribeDBInstances", {
      Filters: [{ Name: "db-cluster-id", Values: ["prod-analytics-aurora"] }],
    });
    const members = out.DBInstances as DBInstance[];
    expect(members.map((d) => d.DBInstanceIdentifier)).toEqual([
      "prod-analytics-aurora-1",
      "prod-analytics-aurora-2",
    ]);
    expect(members[0]).toMatchObject({
      DBClusterIdentifier: "prod-analytics-aurora",
      StorageType: "aurora",
      StorageEncrypted: true,
      PubliclyAccessible: false,
    });
  });

  it("lists and changes a cluster's tags by its ARN", async () => {
    const sandbox = sandboxOf(estate);
    const prod = callerFor(sandbox, "demo-prod");
    const arn = "arn:aws:rds:us-east-1:555555555555:cluster:prod-analytics-aurora";
    await prod("rds", "AddTagsToResource", { ResourceName: arn, Tags: [{ Key: "Reviewed", Value: "yes" }] });
    const tags = await prod("rds", "ListTagsForResource", { ResourceName: arn });
    expect(tags.TagList).toContainEqual({ Key: "Reviewed", Value: "yes" });
    await expectAwsError(
      prod("rds", "ListTagsForResource", { ResourceName: `${arn}-gone` }),
      "DBClusterNotFoundFault",
    );
  });
});
