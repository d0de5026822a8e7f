/** RDS → audit records: DB instances with their encryption, exposure, availability and backups. */
import {
  DescribeDBSnapshotAttributesCommand,
  paginateDescribeDBSnapshots,
  type DBSnapshot,
} from "@aws-sdk/client-rds";
import type { DbInstanceRecord, DbSnapshotRecord } from "../../core/audit/records.js";
import type { ClientFactory } from "../clients.js";
import { auditBase } from "./audit-ec2.js";
import { partitionOf } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { itemsFromPages, mapConcurrently, PER_RESOURCE_CONCURRENCY } from "./pages.js";
import { isoDate, tagMap } from "./tags.js";
import { dbInstanceRecord, listDbInstances } from "./rds.js";

export async function collectDbInstanceRecords(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<DbInstanceRecord[]> {
  const instances = await listDbInstances(factory, scope);
  return instances.flatMap((db) => {
    const id = db.DBInstanceIdentifier;
    if (id === undefined) return [];
    return [
      {
        ...auditBase(dbInstanceRecord(db, id, scope)),
        kind: "db-instance" as const,
        engine: db.Engine,
        instanceClass: db.DBInstanceClass,
        status: db.DBInstanceStatus,
        isStorageEncrypted: db.StorageEncrypted,
        isPubliclyAccessible: db.PubliclyAccessible,
        isMultiAz: db.MultiAZ,
        backupRetentionDays: db.BackupRetentionPeriod,
        clusterId: db.DBClusterIdentifier,
        allocatedStorageGiB: db.AllocatedStorage,
        storageType: db.StorageType,
      },
    ];
  });
}

/**
 * Manual DB snapshots (automated ones cannot be shared), each with whether its `restore`
 * attribute includes `all` (DescribeDBSnapshotAttributes: anyone may copy or restore it).
 */
export async function collectDbSnapshotRecords(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<DbSnapshotRecord[]> {
  const client = await factory.rds(scope.region);
  const snapshots = await withAwsErrors(callSite(scope, "rds:DescribeDBSnapshots"), () =>
    itemsFromPages(
      paginateDescribeDBSnapshots(
        { client, pageSize: pageSizeWithin(scope.pageSize, 20, 100), stopOnSameToken: true },
        { SnapshotType: "manual" },
      ),
      (p) => p.DBSnapshots,
    ),
  );
  const withId = snapshots.filter(
    (s): s is DBSnapshot & { DBSnapshotIdentifier: string } => s.DBSnapshotIdentifier !== undefined,
  );
  return mapConcurrently(withId, PER_RESOURCE_CONCURRENCY, async (s) => {
    const id = s.DBSnapshotIdentifier;
    const attributes = await withAwsErrors(callSite(scope, "rds:DescribeDBSnapshotAttributes"), () =>
      client.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: id })),
    );
    const restore = (attributes.DBSnapshotAttributesResult?.DBSnapshotAttributes ?? []).find(
      (a) => a.AttributeName === "restore",
    );
    const tags = tagMap(s.TagList);
    return {
      kind: "db-snapshot" as const,
      account: scope.account,
      region: scope.region,
      id,
      arn:
        s.DBSnapshotArn ??
        `arn:${partitionOf(scope.region)}:rds:${scope.region}:${scope.account}:snapshot:${id}`,
      name: id,
      tags,
      dbInstanceId: s.DBInstanceIdentifier,
      snapshotType: s.SnapshotType,
      createdAt: isoDate(s.SnapshotCreateTime) ?? undefined,
      isEncrypted: s.Encrypted,
      isPublic: (restore?.AttributeValues ?? []).includes("all"),
    };
  });
}
