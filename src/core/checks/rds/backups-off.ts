import { defineCheck, fail, pass } from "../check.js";

export const rdsBackupsOff = defineCheck({
  id: "rds.backups-off",
  title: "RDS automated backups are off",
  severity: "high",
  appliesTo: "db-instance",
  uses: [],
  description:
    "With a backup retention period of 0, RDS takes no automated backups and point-in-time recovery is impossible.",
  packs: ["review"],
  wellArchitected: [
    {
      pillar: "reliability",
      bestPractice: "REL09-BP01 Identify and back up all data that needs to be backed up",
    },
  ],
  remediation: "Set a backup retention period (7 days or more).",
  fix: {
    cli: "aws rds modify-db-instance --db-instance-identifier <db> --backup-retention-period 7 --apply-immediately",
  },
  evaluate(db) {
    if (db.backupRetentionDays !== 0) return pass();
    return fail(`${db.id} keeps no automated backups (retention 0 days)`, { backupRetentionDays: 0 });
  },
});
