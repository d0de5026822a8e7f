import { defineCheck, fail, pass } from "../check.js";

export const s3BucketDefaultEncryption = defineCheck({
  id: "s3.bucket-default-encryption",
  title: "S3 bucket has no default encryption",
  severity: "medium",
  appliesTo: "bucket",
  uses: [],
  description:
    "Default encryption encrypts every new object. S3 applies SSE-S3 to every bucket since January 2023, so a bucket without it is an old configuration or an endpoint that differs from AWS.",
  packs: ["security"],
  wellArchitected: [{ pillar: "security", bestPractice: "SEC08-BP02 Enforce encryption at rest" }],
  remediation: "Set default encryption (SSE-KMS with a customer managed key where the data is sensitive).",
  fix: {
    cli: 'aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}\'',
  },
  evaluate(bucket) {
    return bucket.encryption !== undefined
      ? pass()
      : fail(`bucket ${bucket.id} has no default encryption`, { encryption: null });
  },
});
