import { describe, expect, test } from "vitest";
import { collectBuckets, listBucketLocations } from "../../../src/aws/collectors/s3.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import type { SandboxCall, SandboxTransport } from "../../../src/aws/sandbox/types.js";
import { AwsCallError } from "../../../src/core/errors.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";

const estate = buildDemoEstate();
const dev = estate.accounts.find((a) => a.id === DEV_ACCOUNT);
const buckets = dev?.buckets ?? [];
const regions = dev?.enabledRegions ?? [];

/** A transport that answers ListBuckets without BucketRegion, like older endpoints and moto. */
function withoutBucketRegion(inner: SandboxTransport) {
  return {
    identityFor: (profile: string) => inner.identityFor(profile),
    call: async (call: SandboxCall) => {
      const output = await inner.call(call);
      if (call.action !== "ListBuckets") return output;
      const list = (output["Buckets"] as Record<string, unknown>[] | undefined) ?? [];
      return { ...output, Buckets: list.map(({ BucketRegion: _region, ...rest }) => rest) };
    },
  };
}

describe("listBucketLocations", () => {
  test("lists each bucket once with its region, across pages", async () => {
    const { factory } = makeSandboxFactory();
    const located = await listBucketLocations(factory, { account: DEV_ACCOUNT, regions, pageSize: 2 });
    expect(located.map((b) => `${b.region}:${b.name}`).sort()).toEqual(
      buckets.map((b) => `${b.region}:${b.name}`).sort(),
    );
  });

  test("keeps only the buckets of the selected regions", async () => {
    const { factory } = makeSandboxFactory();
    const located = await listBucketLocations(factory, { account: DEV_ACCOUNT, regions: ["us-west-2"] });
    expect(located.map((b) => b.name).sort()).toEqual(
      buckets
        .filter((b) => b.region === "us-west-2")
        .map((b) => b.name)
        .sort(),
    );
  });

  test("falls back to GetBucketLocation when ListBuckets gives no region", async () => {
    const { factory, sandbox } = makeSandboxFactory({ wrap: withoutBucketRegion });
    const located = await listBucketLocations(factory, { account: DEV_ACCOUNT, regions });
    expect(located.map((b) => `${b.region}:${b.name}`).sort()).toEqual(
      buckets.map((b) => `${b.region}:${b.name}`).sort(),
    );
    expect(sandbox.calls.filter((c) => c.action === "GetBucketLocation")).toHaveLength(buckets.length);
  });
});

describe("collectBuckets", () => {
  test("reports a region's buckets with their tags; a bucket without tags has none", async () => {
    const untagged = structuredClone(estate);
    const account = untagged.accounts.find((a) => a.id === DEV_ACCOUNT);
    const target = account?.buckets.find((b) => b.region === "us-east-1");
    if (target !== undefined) target.tags = {};
    const { factory } = makeSandboxFactory({ estate: untagged });
    const records = await collectBuckets(factory, { account: DEV_ACCOUNT, region: "us-east-1" });
    const expected = (account?.buckets ?? []).filter((b) => b.region === "us-east-1");
    expect(records.map((r) => r.id).sort()).toEqual(expected.map((b) => b.name).sort());
    for (const b of expected) {
      expect(records.find((r) => r.id === b.name)).toMatchObject({
        service: "s3",
        type: "bucket",
        arn: `arn:aws:s3:::${b.name}`,
        name: b.name,
        region: "us-east-1",
        state: undefined,
        tags: b.tags,
      });
    }
    expect(records.find((r) => r.id === target?.name)?.tags).toEqual({});
  });

  test("reads tags in the bucket's own region (S3 redirects other regions)", async () => {
    const { factory, sandbox } = makeSandboxFactory();
    await collectBuckets(factory, { account: DEV_ACCOUNT, region: "eu-west-1" });
    const tagging = sandbox.calls.filter((c) => c.action === "GetBucketTagging");
    expect(tagging.length).toBeGreaterThan(0);
    expect(tagging.every((c) => c.region === "eu-west-1" && c.error === undefined)).toBe(true);
  });

  test("a denied GetBucketTagging fails the region with the permission named", async () => {
    const { factory } = makeSandboxFactory({
      faults: { rules: [{ match: { action: "GetBucketTagging" }, fail: "access-denied" }] },
    });
    const failure = collectBuckets(factory, { account: DEV_ACCOUNT, region: "us-east-1" });
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toMatchObject({ action: "s3:GetBucketTagging", awsName: "AccessDenied" });
  });
});
