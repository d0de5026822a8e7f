import { defineCheck, fail, pass } from "../check.js";

export const volumeUnencrypted = defineCheck({
  id: "ebs.volume-unencrypted",
  title: "EBS volume is not encrypted",
  severity: "medium",
  appliesTo: "volume",
  uses: [],
  description: "An unencrypted volume keeps its data, and every snapshot taken of it, unencrypted at rest.",
  packs: ["security"],
  wellArchitected: [{ pillar: "security", bestPractice: "SEC08-BP02 Enforce encryption at rest" }],
  cis: "2.2.1 (encryption by default)",
  remediation:
    "Snapshot the volume, copy the snapshot with encryption, create a volume from the copy and swap it in; turn on EBS encryption by default so new volumes are encrypted.",
  fix: {
    cli: "aws ec2 copy-snapshot --source-snapshot-id <snapshot-id> --source-region <region> --encrypted --kms-key-id <key>",
  },
  evaluate(volume) {
    if (volume.isEncrypted !== false) return pass();
    return fail(`${volume.id} (${volume.sizeGiB ?? "?"} GiB) is not encrypted`, {
      isEncrypted: false,
      sizeGiB: volume.sizeGiB ?? null,
      attachedTo: volume.attachedInstanceIds,
    });
  },
});
