import { describe, expect, test } from "vitest";
import { collectSnapshots, collectVolumes } from "../../../src/aws/collectors/ebs.js";
import { AwsCallError } from "../../../src/core/errors.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { recordInputs, richest } from "./_estate.js";

const estate = buildDemoEstate();
const dev = estate.accounts.find((a) => a.id === DEV_ACCOUNT);
const region = "us-east-1";
const volumes = dev?.regions[region]?.volumes ?? [];

describe("collectVolumes", () => {
  test("returns every volume of the region once, across pages", async () => {
    expect(volumes.length).toBeGreaterThan(2);
    const { factory } = makeSandboxFactory({ pageSize: 2 });
    const records = await collectVolumes(factory, { account: DEV_ACCOUNT, region });
    expect(records.map((r) => r.id).sort()).toEqual(volumes.map((v) => v.id).sort());
  });

  test("an unattached volume is available with no attachment; an attached one names its instance", async () => {
    const { factory } = makeSandboxFactory();
    const records = await collectVolumes(factory, { account: DEV_ACCOUNT, region });
    const loose = volumes.find((v) => v.attachments.length === 0);
    const attached = volumes.find((v) => v.attachments.length > 0);
    expect(records.find((r) => r.id === loose?.id)).toMatchObject({
      service: "ebs",
      type: "volume",
      arn: `arn:aws:ec2:${region}:${DEV_ACCOUNT}:volume/${loose?.id}`,
      state: "available",
      attributes: {
        attachedTo: null,
        sizeGiB: loose?.sizeGiB,
        volumeType: loose?.type,
        isEncrypted: loose?.encrypted,
      },
    });
    expect(records.find((r) => r.id === attached?.id)).toMatchObject({
      state: "in-use",
      attributes: { attachedTo: attached?.attachments.map((a) => a.instanceId).join(",") },
    });
  });
});

describe("collectSnapshots", () => {
  const place = richest((r) => r.snapshots);

  test("returns every snapshot the account owns, once, across pages, asking for OwnerIds self", async () => {
    expect(place.items.length).toBeGreaterThan(2);
    const recorded = recordInputs();
    const { factory, sandbox } = makeSandboxFactory({
      profile: place.profile,
      pageSize: 2,
      wrap: recorded.wrap,
    });
    const records = await collectSnapshots(factory, { account: place.account, region: place.region });
    expect(records.map((r) => r.id).sort()).toEqual(place.items.map((s) => s.id).sort());
    expect(sandbox.calls.filter((c) => c.action === "DescribeSnapshots").length).toBeGreaterThan(1);
    for (const input of recorded.inputs("DescribeSnapshots")) expect(input["OwnerIds"]).toEqual(["self"]);
  });

  test("normalises a snapshot: ARN without account, source volume, size, start time, encryption, tags", async () => {
    const { factory } = makeSandboxFactory({ profile: place.profile });
    const records = await collectSnapshots(factory, { account: place.account, region: place.region });
    for (const snapshot of place.items) {
      expect(records.find((r) => r.id === snapshot.id)).toMatchObject({
        service: "ebs",
        type: "snapshot",
        arn: `arn:aws:ec2:${place.region}::snapshot/${snapshot.id}`,
        name: snapshot.tags["Name"],
        account: place.account,
        region: place.region,
        state: snapshot.state,
        tags: snapshot.tags,
        attributes: {
          volumeId: snapshot.volumeId,
          volumeSizeGiB: snapshot.volumeSizeGiB,
          startTime: snapshot.startedAt,
          isEncrypted: snapshot.encrypted,
        },
      });
    }
  });

  test("a denied DescribeSnapshots names the permission", async () => {
    const { factory } = makeSandboxFactory({
      profile: place.profile,
      faults: { rules: [{ match: { action: "DescribeSnapshots" }, fail: "access-denied" }] },
    });
    const failure = collectSnapshots(factory, { account: place.account, region: place.region });
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toMatchObject({
      action: "ec2:DescribeSnapshots",
      awsName: "UnauthorizedOperation",
    });
  });
});
