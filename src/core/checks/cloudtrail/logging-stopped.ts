import { defineCheck, fail, pass } from "../check.js";
import { LOGGING_PRACTICE, owned } from "./owned-trail.js";

export const cloudtrailLoggingStopped = defineCheck({
  id: "cloudtrail.logging-stopped",
  title: "CloudTrail trail is not logging",
  severity: "high",
  appliesTo: "trail",
  uses: [],
  description:
    "A trail whose logging was stopped records nothing; stopping it is also a classic step in covering tracks.",
  packs: ["security"],
  wellArchitected: LOGGING_PRACTICE,
  cis: "3.1",
  remediation: "Start logging again, and find out who stopped it (CloudTrail event StopLogging).",
  fix: { cli: "aws cloudtrail start-logging --name <trail-arn>" },
  evaluate: (trail) =>
    owned(trail, () =>
      trail.isLogging === false
        ? fail(`trail ${trail.name ?? trail.id} is not logging`, {
            isLogging: false,
            homeRegion: trail.homeRegion ?? null,
          })
        : pass(),
    ),
});
