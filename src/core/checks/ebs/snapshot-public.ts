import { defineCheck, fail, pass } from "../check.js";

export const snapshotPublic = defineCheck({
  id: "ebs.snapshot-public",
  title: "EBS snapshot is public",
  severity: "critical",
  appliesTo: "snapshot",
  uses: [],
  description:
    "Anyone with an AWS account can create a volume from a public snapshot and read every byte of it.",
  packs: ["security"],
  wellArchitected: [
    {
      pillar: "security",
      bestPractice: "SEC07-BP02 Apply data protection controls based on data sensitivity",
    },
  ],
  remediation:
    "Remove the `all` group from the snapshot's createVolumePermission; turn on Block Public Access for EBS snapshots.",
  fix: {
    cli: "aws ec2 modify-snapshot-attribute --snapshot-id <snapshot-id> --attribute createVolumePermission --operation-type remove --group-names all",
  },
  evaluate(snapshot) {
    return snapshot.isPublic === true
      ? fail(`${snapshot.id} can be restored by anyone`, {
          isPublic: true,
          isEncrypted: snapshot.isEncrypted ?? null,
        })
      : pass();
  },
});
