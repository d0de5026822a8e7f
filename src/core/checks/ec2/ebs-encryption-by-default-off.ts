import { defineCheck, fail, notApplicable, pass } from "../check.js";

export const ebsEncryptionByDefaultOff = defineCheck({
  id: "ec2.ebs-encryption-by-default-off",
  title: "EBS encryption by default is off in this region",
  severity: "medium",
  appliesTo: "region-settings",
  uses: [],
  description:
    "With encryption by default on, every new EBS volume and snapshot copy in the region is encrypted, whoever creates it.",
  packs: ["security"],
  wellArchitected: [{ pillar: "security", bestPractice: "SEC08-BP02 Enforce encryption at rest" }],
  cis: "2.2.1",
  remediation: "Enable EBS encryption by default in every region you use.",
  fix: { cli: "aws ec2 enable-ebs-encryption-by-default --region <region>" },
  evaluate(settings) {
    if (settings.isEbsEncryptionByDefault === undefined) return notApplicable();
    return settings.isEbsEncryptionByDefault
      ? pass()
      : fail(`EBS encryption by default is off in ${settings.region}`, { isEbsEncryptionByDefault: false });
  },
});
