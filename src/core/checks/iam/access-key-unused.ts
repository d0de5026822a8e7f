import { ageInDays } from "../age.js";
import { defineCheck, fail, notApplicable, pass } from "../check.js";

export const iamAccessKeyUnused = defineCheck({
  id: "iam.access-key-unused",
  title: "IAM access key is unused",
  severity: "medium",
  appliesTo: "iam-user",
  uses: [],
  description:
    "An active access key not used for the configured time (checks.accessKeyMaxUnusedDays, default 90) — or never used since it was created that long ago — is a credential nobody needs that can still leak.",
  packs: ["security"],
  wellArchitected: [
    { pillar: "security", bestPractice: "SEC02-BP05 Audit and rotate credentials periodically" },
  ],
  cis: "1.12",
  remediation: "Deactivate the key, wait to see that nothing breaks, then delete it.",
  fix: { cli: "aws iam update-access-key --user-name <user> --access-key-id <key> --status Inactive" },
  evaluate(user, ctx) {
    const active = user.accessKeys.filter((k) => k.isActive);
    if (active.length === 0) return notApplicable();
    const unused = active.flatMap(
      (k): { slot: 1 | 2; lastUsedAt: string | null; idleDays: number | null }[] => {
        // A key never used has been idle since it was created (its last rotation, in the report).
        if (k.lastUsedAt === undefined) {
          const age = ageInDays(k.lastRotatedAt, ctx.now);
          return age === undefined || age > ctx.settings.accessKeyMaxUnusedDays
            ? [{ slot: k.slot, lastUsedAt: null, idleDays: age ?? null }]
            : [];
        }
        const idle = ageInDays(k.lastUsedAt, ctx.now);
        return idle !== undefined && idle > ctx.settings.accessKeyMaxUnusedDays
          ? [{ slot: k.slot, lastUsedAt: k.lastUsedAt, idleDays: idle }]
          : [];
      },
    );
    if (unused.length === 0) return pass();
    return fail(
      `user ${user.id} has active access keys ${unused.map((k) => (k.lastUsedAt === null ? `never used${k.idleDays === null ? "" : ` in ${k.idleDays} days`} (key ${k.slot})` : `unused for ${k.idleDays} days (key ${k.slot})`)).join(", ")}`,
      { keys: unused, maxUnusedDays: ctx.settings.accessKeyMaxUnusedDays },
    );
  },
});
