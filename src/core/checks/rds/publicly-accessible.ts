import { defineCheck, fail, pass } from "../check.js";

export const rdsPubliclyAccessible = defineCheck({
  id: "rds.publicly-accessible",
  title: "RDS instance is publicly accessible",
  severity: "critical",
  appliesTo: "db-instance",
  uses: [],
  description:
    "A publicly accessible DB instance gets a public IP address and a DNS name that resolves to it: only its security group stands between the database and the internet.",
  packs: ["security"],
  wellArchitected: [{ pillar: "security", bestPractice: "SEC05-BP01 Create network layers" }],
  cis: "2.3.3",
  remediation:
    "Turn public accessibility off and reach the database from inside the VPC (or through a bastion/VPN).",
  fix: {
    cli: "aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible --apply-immediately",
  },
  evaluate(db) {
    if (db.isPubliclyAccessible !== true) return pass();
    return fail(`${db.id} (${db.engine ?? "database"}) is publicly accessible`, {
      isPubliclyAccessible: true,
      engine: db.engine ?? null,
      instanceClass: db.instanceClass ?? null,
    });
  },
});
