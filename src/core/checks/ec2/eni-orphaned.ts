import { defineCheck, fail, notApplicable, pass } from "../check.js";

export const eniOrphaned = defineCheck({
  id: "ec2.eni-orphaned",
  title: "Network interface is detached",
  severity: "low",
  appliesTo: "network-interface",
  uses: [],
  description:
    "A network interface in the `available` state that no AWS service manages is left over from a deleted instance or a manual test: it holds a private address of the subnet and keeps its security groups in use.",
  packs: ["cleanup"],
  wellArchitected: [
    {
      pillar: "operational-excellence",
      bestPractice: "OPS10-BP01 Use a process for event, incident, and problem management",
    },
  ],
  remediation: "Delete it once you have checked nothing is about to attach it.",
  fix: { cli: "aws ec2 delete-network-interface --network-interface-id <eni-id>" },
  evaluate(eni) {
    if (eni.isRequesterManaged) return notApplicable();
    if (eni.status !== "available") return pass();
    return fail(
      `${eni.id} is attached to nothing${eni.description ? ` ("${eni.description}")` : ""}`,
      {
        subnetId: eni.subnetId ?? null,
        securityGroupIds: eni.securityGroupIds,
        description: eni.description ?? null,
      },
      { monthlyCostUsd: 0 },
    );
  },
});
