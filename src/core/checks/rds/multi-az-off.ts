import { defineCheck, fail, notApplicable, pass } from "../check.js";

export const rdsMultiAzOff = defineCheck({
  id: "rds.multi-az-off",
  title: "RDS instance is in a single Availability Zone",
  severity: "medium",
  appliesTo: "db-instance",
  uses: [],
  description:
    "A DB instance without Multi-AZ has no standby: an Availability Zone failure or a maintenance reboot takes the database down. (Aurora cluster members are left out: the cluster provides the failover.)",
  packs: ["review"],
  wellArchitected: [
    { pillar: "reliability", bestPractice: "REL10-BP01 Deploy the workload to multiple locations" },
  ],
  remediation:
    "Turn on Multi-AZ (a standby in another zone, with automatic failover); for non-production data this may be an accepted risk — suppress it with a reason.",
  fix: { cli: "aws rds modify-db-instance --db-instance-identifier <db> --multi-az --apply-immediately" },
  evaluate(db) {
    if (db.clusterId !== undefined) return notApplicable();
    if (db.isMultiAz !== false) return pass();
    return fail(`${db.id} (${db.engine ?? "database"}) runs in a single Availability Zone`, {
      isMultiAz: false,
      engine: db.engine ?? null,
      instanceClass: db.instanceClass ?? null,
    });
  },
});
