import { defineCheck, fail, notApplicable, pass } from "../check.js";

export const snapshotUnencrypted = defineCheck({
  id: "ebs.snapshot-unencrypted",
  title: "EBS snapshot is not encrypted",
  severity: "medium",
  appliesTo: "snapshot",
  uses: [],
  description:
    "An unencrypted snapshot holds a full copy of a volume's data unencrypted at rest, and can be shared or made public.",
  packs: ["security"],
  wellArchitected: [{ pillar: "security", bestPractice: "SEC08-BP02 Enforce encryption at rest" }],
  remediation: "Copy it with encryption and delete the unencrypted original.",
  fix: {
    cli: "aws ec2 copy-snapshot --source-snapshot-id <snapshot-id> --source-region <region> --encrypted --kms-key-id <key> && aws ec2 delete-snapshot --snapshot-id <snapshot-id>",
  },
  evaluate(snapshot) {
    if (snapshot.state !== "completed") return notApplicable();
    if (snapshot.isEncrypted !== false) return pass();
    return fail(`${snapshot.id} (${snapshot.sizeGiB ?? "?"} GiB) is not encrypted`, {
      isEncrypted: false,
      sizeGiB: snapshot.sizeGiB ?? null,
      volumeId: snapshot.volumeId ?? null,
    });
  },
});
