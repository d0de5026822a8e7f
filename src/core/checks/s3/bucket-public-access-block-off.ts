import { defineCheck, fail, pass } from "../check.js";
import { allBlocked, blockGaps } from "./bucket-policy.js";

export const s3BucketPublicAccessBlockOff = defineCheck({
  id: "s3.bucket-public-access-block-off",
  title: "S3 bucket Block Public Access is not fully on",
  severity: "medium",
  appliesTo: "bucket",
  uses: [],
  description:
    "Block Public Access on the bucket keeps an ACL or policy change from making it public; any of its four settings off leaves a way.",
  packs: ["security"],
  wellArchitected: [
    {
      pillar: "security",
      bestPractice: "SEC07-BP02 Apply data protection controls based on data sensitivity",
    },
  ],
  cis: "2.1.4",
  remediation:
    "Turn all four settings on (unless the bucket is meant to be public: then suppress this finding with the reason).",
  fix: {
    cli: "aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
  },
  evaluate(bucket) {
    if (allBlocked(bucket.publicAccessBlock)) return pass();
    const gaps = blockGaps(bucket.publicAccessBlock);
    return fail(
      bucket.publicAccessBlock === undefined
        ? `bucket ${bucket.id} has no Block Public Access configuration`
        : `bucket ${bucket.id} has Block Public Access partly off: ${gaps.join(", ")}`,
      { off: gaps, isConfigured: bucket.publicAccessBlock !== undefined },
    );
  },
});
