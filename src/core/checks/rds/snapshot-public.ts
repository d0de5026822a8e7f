import { defineCheck, fail, pass } from "../check.js";

export const rdsSnapshotPublic = defineCheck({
  id: "rds.snapshot-public",
  title: "RDS snapshot is public",
  severity: "critical",
  appliesTo: "db-snapshot",
  uses: [],
  description: "Anyone with an AWS account can restore a public DB snapshot and read the database.",
  packs: ["security"],
  wellArchitected: [
    {
      pillar: "security",
      bestPractice: "SEC07-BP02 Apply data protection controls based on data sensitivity",
    },
  ],
  remediation: "Remove `all` from the snapshot's restore attribute.",
  fix: {
    cli: "aws rds modify-db-snapshot-attribute --db-snapshot-identifier <snapshot> --attribute-name restore --values-to-remove all",
  },
  evaluate(snapshot) {
    return snapshot.isPublic === true
      ? fail(`DB snapshot ${snapshot.id} can be restored by anyone`, {
          isPublic: true,
          dbInstanceId: snapshot.dbInstanceId ?? null,
        })
      : pass();
  },
});
