import { defineCheck, fail, pass } from "../check.js";
import { allBlocked, blockGaps } from "./bucket-policy.js";

export const s3AccountPublicAccessBlockOff = defineCheck({
  id: "s3.account-public-access-block-off",
  title: "Account-level S3 Block Public Access is not fully on",
  severity: "high",
  appliesTo: "account",
  uses: [],
  description:
    "Account-level Block Public Access protects every bucket of the account, present and future, from public ACLs and policies.",
  packs: ["security"],
  wellArchitected: [
    {
      pillar: "security",
      bestPractice: "SEC07-BP02 Apply data protection controls based on data sensitivity",
    },
  ],
  cis: "2.1.4",
  remediation: "Turn all four account-level settings on.",
  fix: {
    cli: "aws s3control put-public-access-block --account-id <account> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
  },
  evaluate(account) {
    if (allBlocked(account.publicAccessBlock)) return pass();
    const gaps = blockGaps(account.publicAccessBlock);
    return fail(
      account.publicAccessBlock === undefined
        ? `${account.account} has no account-level Block Public Access`
        : `${account.account} has account-level Block Public Access partly off: ${gaps.join(", ")}`,
      { off: gaps, isConfigured: account.publicAccessBlock !== undefined },
    );
  },
});
