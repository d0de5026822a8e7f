import { defineCheck, fail, pass } from "../check.js";

export const cloudtrailNoMultiRegionTrail = defineCheck({
  id: "cloudtrail.no-multi-region-trail",
  title: "No multi-region CloudTrail trail is logging",
  severity: "high",
  appliesTo: "account",
  uses: ["trail"],
  description:
    "Without a multi-region trail (the account's own, or the organisation's trail) that is logging, API activity in some regions is not recorded: investigations have nothing to go on.",
  packs: ["security"],
  wellArchitected: [
    { pillar: "security", bestPractice: "SEC04-BP01 Configure service and application logging" },
  ],
  cis: "3.1",
  remediation:
    "Create a multi-region trail (or an organization trail from the management account) and start logging.",
  fix: {
    cli: "aws cloudtrail create-trail --name <name> --s3-bucket-name <bucket> --is-multi-region-trail --enable-log-file-validation --kms-key-id <key> && aws cloudtrail start-logging --name <name>",
  },
  evaluate(account, ctx) {
    const trails = ctx.related("trail");
    // Another account's trail (the organisation's) reports its own logging status there.
    const covering = trails.filter(
      (t) =>
        t.isMultiRegion &&
        (t.isLogging === true || (t.isLogging === undefined && t.ownerAccount !== account.account)),
    );
    if (covering.length > 0) return pass();
    return fail(`${account.account} has no logging multi-region trail`, {
      trails: trails.map((t) => ({
        name: t.name ?? t.id,
        isMultiRegion: t.isMultiRegion,
        isLogging: t.isLogging ?? null,
      })),
    });
  },
});
