/**
 * RDS → ResourceRecord: DB instances (DescribeDBInstances) and DB clusters (DescribeDBClusters:
 * Aurora and Multi-AZ DB clusters; the API also returns Neptune and DocumentDB clusters, whose
 * engine says so), with the SDK's paginators. Tags come inline.
 */
import {
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  type DBCluster,
  type DBInstance,
} from "@aws-sdk/client-rds";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { partitionOf } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { itemsFromPages } from "./pages.js";
import { isoDate, tagMap } from "./tags.js";

export async function collectDbInstances(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const instances = await listDbInstances(factory, scope);
  return instances.flatMap((db) =>
    db.DBInstanceIdentifier === undefined ? [] : [dbInstanceRecord(db, db.DBInstanceIdentifier, scope)],
  );
}

export async function listDbInstances(factory: ClientFactory, scope: CollectScope): Promise<DBInstance[]> {
  const client = await factory.rds(scope.region);
  return withAwsErrors(callSite(scope, "rds:DescribeDBInstances"), () =>
    itemsFromPages(
      paginateDescribeDBInstances(
        { client, pageSize: pageSizeWithin(scope.pageSize, 20, 100), stopOnSameToken: true },
        {},
      ),
      (page) => page.DBInstances,
    ),
  );
}

export async function collectDbClusters(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const client = await factory.rds(scope.region);
  const clusters = await withAwsErrors(callSite(scope, "rds:DescribeDBClusters"), () =>
    itemsFromPages(
      paginateDescribeDBClusters(
        { client, pageSize: pageSizeWithin(scope.pageSize, 20, 100), stopOnSameToken: true },
        {},
      ),
      (page) => page.DBClusters,
    ),
  );
  return clusters.flatMap((c) =>
    c.DBClusterIdentifier === undefined ? [] : [clusterRecord(c, c.DBClusterIdentifier, scope)],
  );
}

function rdsArn(scope: CollectScope, kind: "db" | "cluster", id: string): string {
  return `arn:${partitionOf(scope.region)}:rds:${scope.region}:${scope.account}:${kind}:${id}`;
}

export function dbInstanceRecord(db: DBInstance, id: string, scope: CollectScope): ResourceRecord {
  const tags = tagMap(db.TagList);
  return {
    service: "rds",
    type: "db-instance",
    id,
    arn: db.DBInstanceArn ?? rdsArn(scope, "db", id),
    name: tags["Name"] ?? id,
    account: scope.account,
    region: scope.region,
    state: db.DBInstanceStatus,
    tags,
    attributes: {
      engine: db.Engine ?? null,
      engineVersion: db.EngineVersion ?? null,
      instanceClass: db.DBInstanceClass ?? null,
      allocatedStorageGiB: db.AllocatedStorage ?? null,
      isMultiAz: db.MultiAZ ?? null,
      isPubliclyAccessible: db.PubliclyAccessible ?? null,
      isStorageEncrypted: db.StorageEncrypted ?? null,
      availabilityZone: db.AvailabilityZone ?? null,
      clusterId: db.DBClusterIdentifier ?? null,
      createTime: isoDate(db.InstanceCreateTime),
    },
  };
}

function clusterRecord(cluster: DBCluster, id: string, scope: CollectScope): ResourceRecord {
  const tags = tagMap(cluster.TagList);
  const members = cluster.DBClusterMembers ?? [];
  return {
    service: "rds",
    type: "db-cluster",
    id,
    arn: cluster.DBClusterArn ?? rdsArn(scope, "cluster", id),
    name: tags["Name"] ?? id,
    account: scope.account,
    region: scope.region,
    state: cluster.Status,
    tags,
    attributes: {
      engine: cluster.Engine ?? null,
      engineVersion: cluster.EngineVersion ?? null,
      engineMode: cluster.EngineMode ?? null,
      memberCount: members.length,
      writerInstanceId: members.find((m) => m.IsClusterWriter === true)?.DBInstanceIdentifier ?? null,
      isMultiAz: cluster.MultiAZ ?? null,
      isStorageEncrypted: cluster.StorageEncrypted ?? null,
      isDeletionProtected: cluster.DeletionProtection ?? null,
      createTime: isoDate(cluster.ClusterCreateTime),
    },
  };
}
