import { describe, expect, test } from "vitest";
import { collectDbInstances } from "../../../src/aws/collectors/rds.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";

const estate = buildDemoEstate();
const dev = estate.accounts.find((a) => a.id === DEV_ACCOUNT);
const [region, regionData] = Object.entries(dev?.regions ?? {}).find(([, r]) => r.dbInstances.length > 0) ?? [
  "us-east-1",
  undefined,
];
const dbs = regionData?.dbInstances ?? [];

describe("collectDbInstances", () => {
  test("returns every DB instance of the region, with the ARN AWS gives and inline tags", async () => {
    expect(dbs.length).toBeGreaterThan(0);
    const { factory } = makeSandboxFactory({ pageSize: 1 });
    const records = await collectDbInstances(factory, { account: DEV_ACCOUNT, region });
    expect(records.map((r) => r.id).sort()).toEqual(dbs.map((d) => d.id).sort());
    const db = dbs[0];
    expect(records.find((r) => r.id === db?.id)).toMatchObject({
      service: "rds",
      type: "db-instance",
      arn: `arn:aws:rds:${region}:${DEV_ACCOUNT}:db:${db?.id}`,
      state: db?.status,
      tags: db?.tags,
      attributes: {
        engine: db?.engine,
        engineVersion: db?.engineVersion,
        instanceClass: db?.instanceClass,
        isPubliclyAccessible: db?.publiclyAccessible,
        isStorageEncrypted: db?.storageEncrypted,
      },
    });
  });
});
