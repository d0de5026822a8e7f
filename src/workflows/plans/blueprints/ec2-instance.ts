import { resolveParams } from "../../../core/plans/blueprints/blueprint.js";
import {
  EC2_INSTANCE_PARAMS,
  ec2InstanceBlueprint,
  parseAmi,
} from "../../../core/plans/blueprints/ec2-instance.js";
import { readGroupFacts, readImage, readSubnetChoices } from "../../../aws/collectors/network-facts.js";
import type { BlueprintDefinition } from "./definition.js";

export const ec2Instance: BlueprintDefinition = {
  summary:
    "an EC2 instance (encrypted gp3 root, IMDSv2) in a private subnet, with a new or existing security group",
  params: EC2_INSTANCE_PARAMS,
  createsResources: true,
  async draft({ set, ctx, factory }) {
    const parameters = resolveParams("ec2-instance", EC2_INSTANCE_PARAMS, set);
    const ami = parseAmi(String(parameters["ami"]));
    const scope = { account: ctx.account, region: ctx.region, pageSize: 1000 };
    const facts = {
      ...(await readGroupFacts(factory, scope)),
      subnets: await readSubnetChoices(factory, scope),
      image: await readImage(factory, scope, ami),
    };
    return { parameters, draft: ec2InstanceBlueprint(parameters, facts, ctx) };
  },
};
