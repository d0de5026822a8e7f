import { defineCheck, fail, pass } from "../check.js";
import { neutralised } from "./bucket-policy.js";

export const s3BucketPublicAcl = defineCheck({
  id: "s3.bucket-public-acl",
  title: "S3 bucket ACL grants access to everyone",
  severity: "critical",
  appliesTo: "bucket",
  uses: ["account"],
  description:
    "An ACL grant to AllUsers (anyone on the internet) or AuthenticatedUsers (anyone with an AWS account) exposes the bucket. When Block Public Access ignores public ACLs the grant has no effect, but it is still a misconfiguration waiting for the block to be lifted (reported as medium).",
  packs: ["security"],
  wellArchitected: [
    {
      pillar: "security",
      bestPractice: "SEC07-BP02 Apply data protection controls based on data sensitivity",
    },
  ],
  cis: "2.1.4",
  remediation:
    "Remove the public grants (set ObjectOwnership to BucketOwnerEnforced to disable ACLs) and turn Block Public Access on.",
  fix: {
    cli: "aws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]' && aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
  },
  evaluate(bucket, ctx) {
    if (bucket.publicGrants.length === 0) return pass();
    const account = ctx.related("account")[0]?.publicAccessBlock;
    const isBlocked = neutralised(bucket, account, "acl");
    return fail(
      `bucket ${bucket.id} grants ${bucket.publicGrants.map((g) => `${g.permission} to ${g.grantee}`).join(", ")}${isBlocked ? " (ignored while Block Public Access is on)" : ""}`,
      {
        grants: bucket.publicGrants.map((g) => ({ grantee: g.grantee, permission: g.permission })),
        isBlockedByPublicAccessBlock: isBlocked,
      },
      { severity: isBlocked ? "medium" : "critical" },
    );
  },
});
