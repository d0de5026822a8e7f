/** RDS → audit records: DB instances with their encryption, exposure, availability and backups. */
import type { DbInstanceRecord } from "../../core/audit/records.js";
import type { ClientFactory } from "../clients.js";
import { auditBase } from "./audit-ec2.js";
import type { CollectScope } from "./collect-scope.js";
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
