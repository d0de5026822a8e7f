import { describe, expect, test } from "vitest";
import { collectVolumes } from "../../../src/aws/collectors/ebs.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";

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
