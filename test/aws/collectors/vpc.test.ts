import { describe, expect, test } from "vitest";
import { collectSubnets, collectVpcs } from "../../../src/aws/collectors/vpc.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";

const estate = buildDemoEstate();
const dev = estate.accounts.find((a) => a.id === DEV_ACCOUNT);
const region = "eu-west-1";
const vpcs = dev?.regions[region]?.vpcs ?? [];
const subnets = dev?.regions[region]?.subnets ?? [];

describe("collectVpcs and collectSubnets", () => {
  test("return every VPC and subnet of the region once, across pages", async () => {
    expect(subnets.length).toBeGreaterThan(1);
    const { factory } = makeSandboxFactory({ pageSize: 1 });
    const scope = { account: DEV_ACCOUNT, region };
    expect((await collectVpcs(factory, scope)).map((r) => r.id).sort()).toEqual(vpcs.map((v) => v.id).sort());
    expect((await collectSubnets(factory, scope)).map((r) => r.id).sort()).toEqual(
      subnets.map((s) => s.id).sort(),
    );
  });

  test("normalise a VPC and a subnet with ARNs in the account's name", async () => {
    const { factory } = makeSandboxFactory();
    const scope = { account: DEV_ACCOUNT, region };
    const vpc = vpcs[0];
    const subnet = subnets[0];
    expect((await collectVpcs(factory, scope)).find((r) => r.id === vpc?.id)).toMatchObject({
      service: "vpc",
      type: "vpc",
      arn: `arn:aws:ec2:${region}:${DEV_ACCOUNT}:vpc/${vpc?.id}`,
      tags: vpc?.tags,
      attributes: { cidrBlock: vpc?.cidr },
    });
    expect((await collectSubnets(factory, scope)).find((r) => r.id === subnet?.id)).toMatchObject({
      service: "vpc",
      type: "subnet",
      arn: `arn:aws:ec2:${region}:${DEV_ACCOUNT}:subnet/${subnet?.id}`,
      attributes: {
        vpcId: subnet?.vpcId,
        cidrBlock: subnet?.cidr,
        availabilityZone: subnet?.availabilityZone,
      },
    });
  });
});
