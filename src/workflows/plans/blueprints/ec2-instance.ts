import { resolveParams } from "../../../core/plans/blueprints/blueprint.js";
import {
  amiFromParameter,
  EC2_INSTANCE_PARAMS,
  ec2InstanceBlueprint,
  parseAmi,
} from "../../../core/plans/blueprints/ec2-instance.js";
import {
  readGroupFacts,
  readImage,
  readParameter,
  readSubnetChoices,
} from "../../../aws/collectors/network-facts.js";
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
    // ami=ssm:<name>: the parameter's value (an AMI id), read now and kept in the plan.
    const imageRef =
      ami.kind === "ssm"
        ? {
            kind: "id" as const,
            value: amiFromParameter(ami.value, await readParameter(factory, scope, ami.value), ctx.region),
          }
        : ami;
    const image = await readImage(factory, scope, imageRef);
    const facts = {
      ...(await readGroupFacts(factory, scope)),
      subnets: await readSubnetChoices(factory, scope),
      image: image !== undefined && ami.kind === "ssm" ? { ...image, parameter: ami.value } : image,
    };
    return { parameters, draft: ec2InstanceBlueprint(parameters, facts, ctx) };
  },
};
