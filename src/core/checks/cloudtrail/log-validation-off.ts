import { defineCheck, fail, pass } from "../check.js";
import { LOGGING_PRACTICE, owned } from "./owned-trail.js";

export const cloudtrailLogValidationOff = defineCheck({
  id: "cloudtrail.log-validation-off",
  title: "CloudTrail log file validation is off",
  severity: "medium",
  appliesTo: "trail",
  uses: [],
  description: "Without log file validation, a changed or deleted log file cannot be detected.",
  packs: ["security"],
  wellArchitected: LOGGING_PRACTICE,
  cis: "3.2",
  remediation: "Enable log file validation on the trail.",
  fix: { cli: "aws cloudtrail update-trail --name <trail-arn> --enable-log-file-validation" },
  evaluate: (trail) =>
    owned(trail, () =>
      trail.isLogFileValidationEnabled
        ? pass()
        : fail(`trail ${trail.name ?? trail.id} does not validate its log files`, {
            isLogFileValidationEnabled: false,
          }),
    ),
});
