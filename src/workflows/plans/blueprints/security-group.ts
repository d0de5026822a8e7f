import { resolveParams } from "../../../core/plans/blueprints/blueprint.js";
import {
  SECURITY_GROUP_PARAMS,
  securityGroupBlueprint,
} from "../../../core/plans/blueprints/security-group.js";
import { readGroupFacts } from "../../../aws/collectors/network-facts.js";
import type { BlueprintDefinition } from "./definition.js";

export const securityGroup: BlueprintDefinition = {
  summary: "a security group in a VPC with ingress (and optional egress) rules",
  params: SECURITY_GROUP_PARAMS,
  createsResources: true,
  async draft({ set, ctx, factory }) {
    const parameters = resolveParams("security-group", SECURITY_GROUP_PARAMS, set);
    const facts = await readGroupFacts(factory, { account: ctx.account, region: ctx.region, pageSize: 1000 });
    return { parameters, draft: securityGroupBlueprint(parameters, facts, ctx) };
  },
};
