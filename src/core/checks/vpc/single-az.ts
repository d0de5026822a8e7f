import { defineCheck, fail, notApplicable, pass } from "../check.js";

export const vpcSingleAz = defineCheck({
  id: "vpc.single-az",
  title: "VPC's subnets are all in one Availability Zone",
  severity: "medium",
  appliesTo: "vpc",
  uses: [],
  description: "A workload whose subnets are all in one Availability Zone goes down with that zone.",
  packs: ["review"],
  wellArchitected: [
    { pillar: "reliability", bestPractice: "REL10-BP01 Deploy the workload to multiple locations" },
  ],
  remediation: "Add subnets in at least one more Availability Zone and spread the workload across them.",
  fix: {
    cli: "aws ec2 create-subnet --vpc-id <vpc-id> --cidr-block <cidr> --availability-zone <another-zone>",
  },
  evaluate(vpc) {
    if (vpc.isDefault || vpc.subnetZones.length === 0) return notApplicable();
    const zones = [...new Set(vpc.subnetZones)];
    if (zones.length > 1) return pass();
    return fail(
      `${vpc.name ?? vpc.id} (${vpc.id}) has all ${vpc.subnetZones.length} subnets in ${zones[0] ?? ""}`,
      {
        zones,
        subnets: vpc.subnetZones.length,
      },
    );
  },
});
