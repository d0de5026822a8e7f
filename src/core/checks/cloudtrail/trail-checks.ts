/** Checks on each trail the account owns (an organisation's trail is checked in its management account). */
import type { TrailRecord } from "../../audit/records.js";
import { defineCheck, fail, notApplicable, pass, type Verdict } from "../check.js";

const owned = (trail: TrailRecord, test: () => Verdict): Verdict =>
  trail.ownerAccount !== trail.account ? notApplicable() : test();

const logging = [
  { pillar: "security" as const, bestPractice: "SEC04-BP01 Configure service and application logging" },
];

export const cloudtrailLoggingStopped = defineCheck({
  id: "cloudtrail.logging-stopped",
  title: "CloudTrail trail is not logging",
  severity: "high",
  appliesTo: "trail",
  uses: [],
  description:
    "A trail whose logging was stopped records nothing; stopping it is also a classic step in covering tracks.",
  packs: ["security"],
  wellArchitected: logging,
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

export const cloudtrailLogValidationOff = defineCheck({
  id: "cloudtrail.log-validation-off",
  title: "CloudTrail log file validation is off",
  severity: "medium",
  appliesTo: "trail",
  uses: [],
  description: "Without log file validation, a changed or deleted log file cannot be detected.",
  packs: ["security"],
  wellArchitected: logging,
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

export const cloudtrailNotKmsEncrypted = defineCheck({
  id: "cloudtrail.not-kms-encrypted",
  title: "CloudTrail logs are not encrypted with KMS",
  severity: "medium",
  appliesTo: "trail",
  uses: [],
  description:
    "Logs encrypted with a customer managed KMS key can be read only by those the key policy allows, on top of the bucket's policy.",
  packs: ["security"],
  wellArchitected: [{ pillar: "security", bestPractice: "SEC08-BP02 Enforce encryption at rest" }],
  cis: "3.5",
  remediation:
    "Encrypt the trail's logs with a customer managed KMS key whose policy lets CloudTrail use it.",
  fix: { cli: "aws cloudtrail update-trail --name <trail-arn> --kms-key-id <key-arn>" },
  evaluate: (trail) =>
    owned(trail, () =>
      trail.kmsKeyId !== undefined && trail.kmsKeyId !== ""
        ? pass()
        : fail(`trail ${trail.name ?? trail.id} does not encrypt its logs with KMS`, { kmsKeyId: null }),
    ),
});
