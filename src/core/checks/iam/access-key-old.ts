import { ageInDays } from "../age.js";
import { defineCheck, fail, notApplicable, pass } from "../check.js";

export const iamAccessKeyOld = defineCheck({
  id: "iam.access-key-old",
  title: "IAM access key has not been rotated",
  severity: "medium",
  appliesTo: "iam-user",
  uses: [],
  description:
    "An active access key older than the configured age (checks.accessKeyMaxAgeDays, default 90, from the credential report) has had a long time to leak.",
  packs: ["security"],
  wellArchitected: [
    { pillar: "security", bestPractice: "SEC02-BP05 Audit and rotate credentials periodically" },
  ],
  cis: "1.14",
  remediation:
    "Create a new key, move its users to it, deactivate then delete the old one; better, replace keys with roles.",
  fix: {
    cli: "aws iam create-access-key --user-name <user> && aws iam update-access-key --user-name <user> --access-key-id <old-key> --status Inactive",
  },
  evaluate(user, ctx) {
    const active = user.accessKeys.filter((k) => k.isActive);
    if (active.length === 0) return notApplicable();
    const old = active.flatMap((k) => {
      const age = ageInDays(k.lastRotatedAt, ctx.now);
      return age !== undefined && age > ctx.settings.accessKeyMaxAgeDays
        ? [{ slot: k.slot, ageDays: age }]
        : [];
    });
    if (old.length === 0) return pass();
    return fail(
      `user ${user.id} has ${old.length === 1 ? "an active access key" : `${old.length} active access keys`} not rotated for ${old.map((k) => `${k.ageDays} days (key ${k.slot})`).join(", ")}`,
      { keys: old, maxAgeDays: ctx.settings.accessKeyMaxAgeDays },
    );
  },
});
