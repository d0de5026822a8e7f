import { defineCheck, fail, pass } from "../check.js";

export const rdsStorageUnencrypted = defineCheck({
  id: "rds.storage-unencrypted",
  title: "RDS storage is not encrypted",
  severity: "high",
  appliesTo: "db-instance",
  uses: [],
  description:
    "A DB instance without storage encryption keeps its data, logs, backups and snapshots unencrypted at rest. Encryption can only be chosen at creation.",
  packs: ["security"],
  wellArchitected: [{ pillar: "security", bestPractice: "SEC08-BP02 Enforce encryption at rest" }],
  cis: "2.3.1",
  remediation:
    "Snapshot the instance, copy the snapshot with encryption (a KMS key), restore a new instance from the encrypted copy, and switch the application over.",
  fix: {
    cli: "aws rds create-db-snapshot --db-instance-identifier <db> --db-snapshot-identifier <db>-plain && aws rds copy-db-snapshot --source-db-snapshot-identifier <db>-plain --target-db-snapshot-identifier <db>-encrypted --kms-key-id <key> && aws rds restore-db-instance-from-db-snapshot --db-instance-identifier <db>-new --db-snapshot-identifier <db>-encrypted",
  },
  evaluate(db) {
    if (db.isStorageEncrypted !== false) return pass();
    return fail(`${db.id} (${db.engine ?? "database"}) stores its data unencrypted`, {
      isStorageEncrypted: false,
      engine: db.engine ?? null,
      instanceClass: db.instanceClass ?? null,
      clusterId: db.clusterId ?? null,
    });
  },
});
