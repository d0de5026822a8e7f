import { defineCheck, fail, notApplicable, pass } from "../check.js";

export const iamRootMfaOff = defineCheck({
  id: "iam.root-mfa-off",
  title: "Root user has no MFA",
  severity: "critical",
  appliesTo: "account",
  uses: [],
  description:
    "The root user can do anything in the account, including closing it; without MFA its password alone is enough.",
  packs: ["security"],
  wellArchitected: [{ pillar: "security", bestPractice: "SEC02-BP01 Use strong sign-in mechanisms" }],
  cis: "1.5",
  remediation:
    "Sign in as root and enable MFA (a hardware key or passkey); in an organisation, consider centralised root access management.",
  fix: { cli: "# in the console: account menu → Security credentials → Assign MFA device" },
  evaluate(account) {
    if (account.isRootMfaEnabled === undefined) return notApplicable();
    return account.isRootMfaEnabled
      ? pass()
      : fail(`the root user of ${account.account} has no MFA`, { isRootMfaEnabled: false });
  },
});
