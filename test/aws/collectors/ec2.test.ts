import { describe, expect, test } from "vitest";
import { collectElasticIps, collectImages, collectInstances } from "../../../src/aws/collectors/ec2.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { AwsCallError } from "../../../src/core/errors.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { recordInputs, richest } from "./_estate.js";

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

describe("collectElasticIps", () => {
  const place = richest((r) => r.addresses);

  test("returns every Elastic IP of the region, id = allocation id, with its association", async () => {
    expect(place.items.length).toBeGreaterThan(1);
    const { factory } = makeSandboxFactory({ profile: place.profile });
    const records = await collectElasticIps(factory, { account: place.account, region: place.region });
    expect(records.map((r) => r.id).sort()).toEqual(place.items.map((a) => a.allocationId).sort());
    for (const address of place.items) {
      expect(records.find((r) => r.id === address.allocationId)).toMatchObject({
        service: "ec2",
        type: "elastic-ip",
        arn: `arn:aws:ec2:${place.region}:${place.account}:elastic-ip/${address.allocationId}`,
        name: address.tags["Name"],
        state: undefined,
        tags: address.tags,
        attributes: {
          publicIp: address.publicIp,
          isAssociated: address.associationId !== undefined,
          associationId: address.associationId ?? null,
          instanceId: address.instanceId ?? null,
          networkInterfaceId: address.networkInterfaceId ?? null,
        },
      });
    }
  });

  test("a denied DescribeAddresses names the permission", async () => {
    const { factory } = makeSandboxFactory({
      profile: place.profile,
      faults: { rules: [{ match: { action: "DescribeAddresses" }, fail: "access-denied" }] },
    });
    await expect(
      collectElasticIps(factory, { account: place.account, region: place.region }),
    ).rejects.toMatchObject({
      action: "ec2:DescribeAddresses",
      awsName: "UnauthorizedOperation",
    });
  });
});

describe("collectImages", () => {
  const place = richest((r) => r.images);

  test("returns the account's own AMIs across pages, with name, creation date and backing snapshots", async () => {
    expect(place.items.length).toBeGreaterThan(1);
    const { factory, sandbox } = makeSandboxFactory({ profile: place.profile, pageSize: 1 });
    const records = await collectImages(factory, { account: place.account, region: place.region });
    expect(records.map((r) => r.id).sort()).toEqual(place.items.map((i) => i.id).sort());
    expect(sandbox.calls.filter((c) => c.action === "DescribeImages").length).toBeGreaterThan(1);
    const image = place.items[0];
    expect(records.find((r) => r.id === image?.id)).toMatchObject({
      service: "ec2",
      type: "image",
      arn: `arn:aws:ec2:${place.region}::image/${image?.id}`,
      name: image?.tags["Name"] ?? image?.name,
      state: image?.state,
      tags: image?.tags,
      attributes: {
        imageName: image?.name,
        creationDate: image?.createdAt,
        architecture: image?.architecture,
        isPublic: image?.isPublic,
        snapshotIds: image?.blockDevices.map((d) => d.snapshotId).join(","),
      },
    });
  });

  test("asks for Owners self only", async () => {
    const recorded = recordInputs();
    const { factory } = makeSandboxFactory({ profile: place.profile, pageSize: 1, wrap: recorded.wrap });
    await collectImages(factory, { account: place.account, region: place.region });
    const inputs = recorded.inputs("DescribeImages");
    expect(inputs.length).toBeGreaterThan(1);
    for (const input of inputs) expect(input["Owners"]).toEqual(["self"]);
  });

  test("a throttled DescribeImages beyond the retries is reported as throttling", async () => {
    const { factory } = makeSandboxFactory({
      profile: place.profile,
      faults: { rules: [{ match: { action: "DescribeImages" }, fail: "throttle" }] },
    });
    await expect(
      collectImages(factory, { account: place.account, region: place.region }),
    ).rejects.toMatchObject({
      action: "ec2:DescribeImages",
      awsName: "RequestLimitExceeded",
    });
  });
});
