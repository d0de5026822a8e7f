import { defineCheck, fail, pass } from "../check.js";

/** CIS AWS Foundations 1.8 (length 14) and 1.9 (reuse prevention 24), plus the four character classes. */
export const MIN_PASSWORD_LENGTH = 14;
export const MIN_PASSWORD_REUSE_PREVENTION = 24;

export const iamPasswordPolicyWeak = defineCheck({
  id: "iam.password-policy-weak",
  title: "Account password policy is weak or missing",
  severity: "medium",
  appliesTo: "account",
  uses: [],
  description: `Without a password policy requiring at least ${MIN_PASSWORD_LENGTH} characters of every class and preventing the reuse of the last ${MIN_PASSWORD_REUSE_PREVENTION}, IAM users can choose weak passwords.`,
  packs: ["security"],
  wellArchitected: [{ pillar: "security", bestPractice: "SEC02-BP01 Use strong sign-in mechanisms" }],
  cis: "1.8, 1.9",
  remediation:
    "Set a password policy (or, better, move people to IAM Identity Center and remove IAM user passwords).",
  fix: {
    cli: `aws iam update-account-password-policy --minimum-password-length ${MIN_PASSWORD_LENGTH} --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters --password-reuse-prevention ${MIN_PASSWORD_REUSE_PREVENTION}`,
  },
  evaluate(account) {
    const p = account.passwordPolicy;
    if (p === undefined) return fail(`${account.account} has no password policy`, { passwordPolicy: null });
    const gaps = [
      ...((p.minimumLength ?? 0) < MIN_PASSWORD_LENGTH
        ? [`minimum length ${p.minimumLength ?? "unset"} (< ${MIN_PASSWORD_LENGTH})`]
        : []),
      ...(p.requireSymbols ? [] : ["symbols not required"]),
      ...(p.requireNumbers ? [] : ["numbers not required"]),
      ...(p.requireUppercase ? [] : ["uppercase not required"]),
      ...(p.requireLowercase ? [] : ["lowercase not required"]),
      ...((p.reusePrevention ?? 0) < MIN_PASSWORD_REUSE_PREVENTION
        ? [`reuse prevention ${p.reusePrevention ?? "off"} (< ${MIN_PASSWORD_REUSE_PREVENTION})`]
        : []),
    ];
    if (gaps.length === 0) return pass();
    return fail(`the password policy of ${account.account} is weak: ${gaps.join(", ")}`, { gaps });
  },
});
