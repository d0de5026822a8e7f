import { defineCheck, fail, pass } from "../check.js";

export const s3BucketVersioningOff = defineCheck({
  id: "s3.bucket-versioning-off",
  title: "S3 bucket versioning is off",
  severity: "low",
  appliesTo: "bucket",
  uses: [],
  description:
    "Without versioning, an overwritten or deleted object (by mistake, or by ransomware) cannot be recovered.",
  packs: ["security"],
  wellArchitected: [
    { pillar: "reliability", bestPractice: "REL09-BP02 Secure and encrypt backups" },
    { pillar: "security", bestPractice: "SEC10-BP06 Pre-deploy tools" },
  ],
  remediation: "Enable versioning, with a lifecycle rule that expires noncurrent versions.",
  fix: { cli: "aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled" },
  evaluate(bucket) {
    if (bucket.versioning === "Enabled") return pass();
    return fail(
      `bucket ${bucket.id} has versioning ${bucket.versioning === "Suspended" ? "suspended" : "never enabled"}`,
      {
        versioning: bucket.versioning ?? null,
      },
    );
  },
});
