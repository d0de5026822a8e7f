import { ageInDays } from "../age.js";
import { defineCheck, fail, notApplicable, pass } from "../check.js";

export const iamAccessKeyUnused = defineCheck({
  id: "iam.access-key-unused",
  title: "IAM access key is unused",
  severity: "medium",
  appliesTo: "iam-user",
  uses: [],
  description:
    "An active access key never used, or not used for the configured time (checks.accessKeyMaxUnusedDays, default 90), is a credential nobody needs that can still leak.",
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
        if (k.lastUsedAt === undefined) return [{ slot: k.slot, lastUsedAt: null, idleDays: null }];
        const idle = ageInDays(k.lastUsedAt, ctx.now);
        return idle !== undefined && idle > ctx.settings.accessKeyMaxUnusedDays
          ? [{ slot: k.slot, lastUsedAt: k.lastUsedAt, idleDays: idle }]
          : [];
      },
    );
    if (unused.length === 0) return pass();
    return fail(
      `user ${user.id} has active access keys ${unused.map((k) => (k.idleDays === null ? `never used (key ${k.slot})` : `unused for ${k.idleDays} days (key ${k.slot})`)).join(", ")}`,
      { keys: unused, maxUnusedDays: ctx.settings.accessKeyMaxUnusedDays },
    );
  },
});
