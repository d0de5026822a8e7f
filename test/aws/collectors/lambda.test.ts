import { describe, expect, test } from "vitest";
import { collectFunctions } from "../../../src/aws/collectors/lambda.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";

const estate = buildDemoEstate();
const dev = estate.accounts.find((a) => a.id === DEV_ACCOUNT);
const [region, regionData] = Object.entries(dev?.regions ?? {}).find(([, r]) => r.functions.length > 1) ?? [
  "us-east-1",
  undefined,
];
const functions = regionData?.functions ?? [];

describe("collectFunctions", () => {
  test("returns every function of the region, across pages, with tags from ListTags", async () => {
    expect(functions.length).toBeGreaterThan(1);
    const { factory, sandbox } = makeSandboxFactory({ pageSize: 1 });
    const records = await collectFunctions(factory, { account: DEV_ACCOUNT, region });
    expect(records.map((r) => r.id).sort()).toEqual(functions.map((f) => f.name).sort());
    expect(sandbox.calls.filter((c) => c.action === "ListFunctions").length).toBe(functions.length);
    const fn = functions[0];
    expect(records.find((r) => r.id === fn?.name)).toMatchObject({
      service: "lambda",
      type: "function",
      arn: `arn:aws:lambda:${region}:${DEV_ACCOUNT}:function:${fn?.name}`,
      name: fn?.name,
      tags: fn?.tags,
      attributes: { runtime: fn?.runtime, memorySizeMiB: fn?.memoryMb, timeoutSeconds: fn?.timeoutSeconds },
    });
  });

  test("drops environment variables that ListFunctions returns", async () => {
    const { factory } = makeSandboxFactory({
      wrap: (inner) => ({
        identityFor: (profile) => inner.identityFor(profile),
        identityForCredentials: (keyId) => inner.identityForCredentials(keyId),
        call: async (call) => {
          const output = await inner.call(call);
          if (call.action !== "ListFunctions") return output;
          const list = (output["Functions"] as Record<string, unknown>[] | undefined) ?? [];
          return {
            ...output,
            Functions: list.map((f) => ({
              ...f,
              Environment: { Variables: { SECRET_KEY: "s3cr3t-value" } },
            })),
          };
        },
      }),
    });
    const records = await collectFunctions(factory, { account: DEV_ACCOUNT, region });
    expect(records.length).toBe(functions.length);
    const text = JSON.stringify(records);
    expect(text).not.toContain("s3cr3t-value");
    expect(text).not.toContain("SECRET_KEY");
    expect(text).not.toContain("Variables");
  });

  test("a function without tags gets an empty tag map", async () => {
    const untagged = structuredClone(estate);
    const target = untagged.accounts.find((a) => a.id === DEV_ACCOUNT)?.regions[region]?.functions[0];
    if (target !== undefined) target.tags = {};
    const { factory } = makeSandboxFactory({ estate: untagged });
    const records = await collectFunctions(factory, { account: DEV_ACCOUNT, region });
    expect(records.find((r) => r.id === target?.name)?.tags).toEqual({});
  });
});
