import { defineCheck, fail, pass } from "../check.js";
import { neutralised, publicAllowStatements } from "./bucket-policy.js";

export const s3BucketPublicPolicy = defineCheck({
  id: "s3.bucket-public-policy",
  title: "S3 bucket policy is public",
  severity: "critical",
  appliesTo: "bucket",
  uses: ["account"],
  description:
    "A bucket policy that allows the `*` principal without a restricting condition (or that S3 itself rates public, GetBucketPolicyStatus) opens the bucket to anyone. When Block Public Access restricts public buckets the policy has no effect outside the account (reported as medium).",
  packs: ["security"],
  wellArchitected: [
    {
      pillar: "security",
      bestPractice: "SEC07-BP02 Apply data protection controls based on data sensitivity",
    },
  ],
  cis: "2.1.4",
  remediation:
    "Narrow the policy to named principals (or add conditions such as aws:PrincipalOrgID or aws:SourceVpce); serve public content through CloudFront with origin access control instead.",
  fix: { cli: "aws s3api delete-bucket-policy --bucket <bucket>   # or put a narrowed policy" },
  evaluate(bucket, ctx) {
    const statements = publicAllowStatements(bucket.policy);
    if (statements.length === 0 && bucket.isPolicyPublic !== true) return pass();
    const account = ctx.related("account")[0]?.publicAccessBlock;
    const isBlocked = neutralised(bucket, account, "policy");
    return fail(
      `bucket ${bucket.id} has a public policy${statements.length > 0 ? ` (${statements.map((s) => s.actions.join(", ") || "any action").join("; ")} to *)` : ""}${isBlocked ? " (restricted while Block Public Access is on)" : ""}`,
      { statements, isPolicyPublic: bucket.isPolicyPublic ?? null, isBlockedByPublicAccessBlock: isBlocked },
      { severity: isBlocked ? "medium" : "critical" },
    );
  },
});
