import { describe, expect, test } from "vitest";
import { collectInstances } from "../../../src/aws/collectors/ec2.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { AwsCallError } from "../../../src/core/errors.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";

const estate = buildDemoEstate();
const dev = estate.accounts.find((a) => a.id === DEV_ACCOUNT);
const region = "us-east-1";
const instances = dev?.regions[region]?.instances ?? [];

describe("collectInstances", () => {
  test("returns every instance of the region once, across pages", async () => {
    expect(instances.length).toBeGreaterThan(2);
    const { factory, sandbox } = makeSandboxFactory({ pageSize: 2 });
    const records = await collectInstances(factory, { account: DEV_ACCOUNT, region });
    expect(records.map((r) => r.id).sort()).toEqual(instances.map((i) => i.id).sort());
    expect(sandbox.calls.filter((c) => c.action === "DescribeInstances").length).toBeGreaterThan(1);
  });

  test("normalises an instance: ARN, Name tag, state, tags and key attributes", async () => {
    const { factory } = makeSandboxFactory();
    const records = await collectInstances(factory, { account: DEV_ACCOUNT, region });
    const source = instances[0];
    const record = records.find((r) => r.id === source?.id);
    expect(record).toMatchObject({
      service: "ec2",
      type: "instance",
      arn: `arn:aws:ec2:${region}:${DEV_ACCOUNT}:instance/${source?.id}`,
      name: source?.tags["Name"],
      account: DEV_ACCOUNT,
      region,
      state: source?.state,
      tags: source?.tags,
      attributes: {
        instanceType: source?.type,
        availabilityZone: source?.availabilityZone,
        vpcId: source?.vpcId,
        subnetId: source?.subnetId,
        privateIpAddress: source?.privateIp,
        publicIpAddress: source?.publicIp ?? null,
        launchTime: source?.launchedAt,
      },
    });
  });

  test("an access-denied answer becomes an AwsCallError naming the permission", async () => {
    const { factory } = makeSandboxFactory({
      faults: { rules: [{ match: { action: "DescribeInstances" }, fail: "access-denied" }] },
    });
    const failure = collectInstances(factory, { account: DEV_ACCOUNT, region });
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toMatchObject({
      service: "ec2",
      action: "ec2:DescribeInstances",
      region,
      account: DEV_ACCOUNT,
      awsName: "UnauthorizedOperation",
    });
  });
});
