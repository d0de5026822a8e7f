import { publicIpv4Monthly } from "../../cost/pricing.js";
import { defineCheck, fail, pass } from "../check.js";

export const eipUnassociated = defineCheck({
  id: "ec2.eip-unassociated",
  title: "Elastic IP is not associated",
  severity: "low",
  appliesTo: "elastic-ip",
  uses: [],
  description:
    "An Elastic IP address associated with nothing still costs the public IPv4 hourly charge, and keeps an address someone may still trust (in allow-lists or DNS).",
  packs: ["cleanup"],
  wellArchitected: [{ pillar: "cost-optimization", bestPractice: "COST02-BP05 Implement cost controls" }],
  remediation:
    "Release it, after checking no DNS record or partner allow-list still points at it. Releasing is irreversible: the address may not be recoverable.",
  fix: { cli: "aws ec2 release-address --allocation-id <allocation-id>" },
  evaluate(address) {
    if (
      address.associationId !== undefined ||
      address.instanceId !== undefined ||
      address.networkInterfaceId !== undefined
    )
      return pass();
    const cost = publicIpv4Monthly(address.region);
    return fail(
      `${address.publicIp ?? address.id} (${address.id}) is associated with nothing, costing about $${cost.monthlyUsd.toFixed(2)}/month`,
      { publicIp: address.publicIp ?? null, costBasis: cost.basis },
      { monthlyCostUsd: cost.monthlyUsd },
    );
  },
});
