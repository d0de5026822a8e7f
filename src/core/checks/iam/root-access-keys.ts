import { defineCheck, fail, notApplicable, pass } from "../check.js";

export const iamRootAccessKeys = defineCheck({
  id: "iam.root-access-keys",
  title: "Root user has access keys",
  severity: "critical",
  appliesTo: "account",
  uses: [],
  description:
    "Access keys for the root user give unrestricted, unconditional programmatic access to the account.",
  packs: ["security"],
  wellArchitected: [{ pillar: "security", bestPractice: "SEC02-BP02 Use temporary credentials" }],
  cis: "1.4",
  remediation: "Delete the root user's access keys; use roles for programmatic access.",
  fix: { cli: "# signed in as root: aws iam delete-access-key --access-key-id <root-key>" },
  evaluate(account) {
    if (account.hasRootAccessKeys === undefined) return notApplicable();
    return account.hasRootAccessKeys
      ? fail(`the root user of ${account.account} has access keys`, { hasRootAccessKeys: true })
      : pass();
  },
});
