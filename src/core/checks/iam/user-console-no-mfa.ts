import { defineCheck, fail, notApplicable, pass } from "../check.js";

export const iamUserConsoleNoMfa = defineCheck({
  id: "iam.user-console-no-mfa",
  title: "IAM user signs in to the console without MFA",
  severity: "high",
  appliesTo: "iam-user",
  uses: [],
  description: "A user with a console password and no MFA device can be taken over with the password alone.",
  packs: ["security"],
  wellArchitected: [{ pillar: "security", bestPractice: "SEC02-BP01 Use strong sign-in mechanisms" }],
  cis: "1.10",
  remediation: "Enable an MFA device for the user (or remove the console password if it is not needed).",
  fix: { cli: "aws iam delete-login-profile --user-name <user>   # or enable MFA in the console" },
  evaluate(user) {
    if (!user.hasConsolePassword) return notApplicable();
    if (user.isMfaActive) return pass();
    return fail(`user ${user.id} has a console password and no MFA`, {
      passwordLastUsedAt: user.passwordLastUsedAt ?? null,
    });
  },
});
