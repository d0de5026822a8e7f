import { defineCheck, fail, pass } from "../check.js";
import { deniesInsecureTransport } from "./bucket-policy.js";

export const s3BucketTlsOnly = defineCheck({
  id: "s3.bucket-tls-only",
  title: "S3 bucket does not require TLS",
  severity: "medium",
  appliesTo: "bucket",
  uses: [],
  description:
    "Without a policy statement denying requests where aws:SecureTransport is false, clients may read and write the bucket over plain HTTP.",
  packs: ["security"],
  wellArchitected: [{ pillar: "security", bestPractice: "SEC09-BP02 Enforce encryption in transit" }],
  cis: "2.1.1",
  remediation: "Add a Deny statement for requests with aws:SecureTransport false to the bucket policy.",
  fix: {
    iac: '{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}',
  },
  evaluate(bucket) {
    return deniesInsecureTransport(bucket.policy)
      ? pass()
      : fail(`bucket ${bucket.id} does not deny requests made without TLS`, {
          hasPolicy: bucket.policy !== undefined,
        });
  },
});
