import { resolveParams } from "../../../core/plans/blueprints/blueprint.js";
import { defaultVpcCidr, VPC_PARAMS, vpcBlueprint } from "../../../core/plans/blueprints/vpc.js";
import { readVpcFacts } from "../../../aws/collectors/plan-facts.js";
import type { BlueprintDefinition } from "./definition.js";

export const vpc: BlueprintDefinition = {
  summary: "a VPC with public/private subnets over AZs, internet gateway, NAT, route tables, flow logs",
  params: VPC_PARAMS,
  createsResources: true,
  async draft({ set, ctx, factory }) {
    const facts = await readVpcFacts(factory, { account: ctx.account, region: ctx.region, pageSize: 1000 });
    const parameters = resolveParams("vpc", VPC_PARAMS, set, { cidr: defaultVpcCidr(facts.existingCidrs) });
    return { parameters, draft: vpcBlueprint(parameters, facts, ctx) };
  },
};
