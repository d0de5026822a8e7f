import { defineCheck, fail, pass } from "../check.js";
import { owned } from "./owned-trail.js";

export const cloudtrailNotKmsEncrypted = defineCheck({
  id: "cloudtrail.not-kms-encrypted",
  title: "CloudTrail logs are not encrypted with KMS",
  severity: "medium",
  appliesTo: "trail",
  uses: [],
  description:
    "Logs encrypted with a customer managed KMS key can be read only by those the key policy allows, on top of the bucket's policy.",
  packs: ["security"],
  wellArchitected: [{ pillar: "security", bestPractice: "SEC08-BP02 Enforce encryption at rest" }],
  cis: "3.5",
  remediation:
    "Encrypt the trail's logs with a customer managed KMS key whose policy lets CloudTrail use it.",
  fix: { cli: "aws cloudtrail update-trail --name <trail-arn> --kms-key-id <key-arn>" },
  evaluate: (trail) =>
    owned(trail, () =>
      trail.kmsKeyId !== undefined && trail.kmsKeyId !== ""
        ? pass()
        : fail(`trail ${trail.name ?? trail.id} does not encrypt its logs with KMS`, { kmsKeyId: null }),
    ),
});
