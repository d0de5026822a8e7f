import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/core/errors.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { listEstateResources, loadEstate, saveEstate } from "../../../src/aws/sandbox/estate.js";

const estate = buildDemoEstate();

function broken(mutate: (json: Record<string, unknown>) => void): unknown {
  const json = JSON.parse(saveEstate(estate)) as Record<string, unknown>;
  mutate(json);
  return json;
}

function problemOf(json: unknown): ConfigError {
  try {
    loadEstate(json);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected loadEstate to refuse the estate");
}

describe("saveEstate / loadEstate", () => {
  it("round-trips: save → load → save gives the same text", () => {
    const text = saveEstate(estate);
    expect(saveEstate(loadEstate(JSON.parse(text)))).toBe(text);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("fills missing per-region lists, so a hand-written estate need only list what it has", () => {
    const minimal = broken((json) => {
      const accounts = json.accounts as { regions: Record<string, unknown> }[];
      const account = accounts[0];
      if (account) account.regions = { "us-east-1": { vpcs: [] } };
    });
    const loaded = loadEstate(minimal);
    expect(loaded.accounts[0]?.regions["us-east-1"]?.instances).toEqual([]);
  });

  it("names the path of a bad timestamp", () => {
    const e = problemOf(
      broken((json) => {
        const accounts = json.accounts as {
          regions: Record<string, { instances: { launchedAt: string }[] }>;
        }[];
        const instance = accounts[2]?.regions["us-east-1"]?.instances[3];
        if (instance) instance.launchedAt = "yesterday";
      }),
    );
    expect(e.message).toBe(
      'estate.accounts[2].regions["us-east-1"].instances[3].launchedAt: expected an ISO timestamp, got "yesterday"',
    );
    expect(e.keyPath).toBe('estate.accounts[2].regions["us-east-1"].instances[3].launchedAt');
    expect(e.code).toBe("EstateInvalid");
  });

  it.each([
    [
      "a wrong version",
      (j: Record<string, unknown>) => (j.version = 2),
      "estate.version: unsupported version 2",
    ],
    ["a missing company", (j: Record<string, unknown>) => delete j.company, "estate.company: is required"],
    [
      "a bad account id",
      (j: Record<string, unknown>) => ((j.accounts as { id: string }[])[1]!.id = "12"),
      "estate.accounts[1].id: expected a 12-digit account id",
    ],
    [
      "a duplicate profile",
      (j: Record<string, unknown>) =>
        ((j.accounts as { profiles: { name: string }[] }[])[1]!.profiles[0]!.name = "demo-mgmt"),
      'estate.accounts[1].profiles[0].name: duplicate profile "demo-mgmt"',
    ],
    [
      "non-string tags",
      (j: Record<string, unknown>) =>
        ((j.accounts as { buckets: { tags: unknown }[] }[])[0]!.buckets[0]!.tags = { Owner: 7 }),
      "estate.accounts[0].buckets[0].tags.Owner: expected a string tag value, got 7",
    ],
  ])("refuses %s with a message naming the path", (_what, mutate, message) => {
    expect(problemOf(broken(mutate)).message).toContain(message);
  });

  it("refuses things that are not estates at all", () => {
    expect(problemOf(null).message).toBe("estate: expected an object, got null");
    expect(problemOf([1, 2]).message).toBe("estate: expected an object, got an array");
  });
});

describe("listEstateResources", () => {
  it("lists instances, volumes, DB instances, functions, VPCs, subnets and the buckets of the regions asked", () => {
    const resources = listEstateResources(estate, "555555555555", ["eu-west-1"]);
    const byType = (type: string) => resources.filter((r) => r.type === type).map((r) => r.id);
    const eu = estate.accounts[4]?.regions["eu-west-1"];
    expect(byType("instance").sort()).toEqual(eu?.instances.map((i) => i.id).sort());
    expect(byType("volume")).toHaveLength(eu?.volumes.length ?? -1);
    expect(byType("db-instance")).toEqual(["prod-insights-eu-pg"]);
    expect(byType("function")).toEqual(["prod-insights-cache-warmer"]);
    expect(byType("vpc")).toHaveLength(1);
    expect(byType("subnet")).toHaveLength(6);
    expect(byType("bucket")).toEqual(["northwind-prod-eu-insights"]);
    expect(resources.find((r) => r.type === "volume")).toEqual({
      service: "ebs",
      type: "volume",
      id: expect.stringMatching(/^vol-/),
      region: "eu-west-1",
    });
  });

  it("is empty for an unknown account or a region without resources", () => {
    expect(listEstateResources(estate, "999999999999", ["us-east-1"])).toEqual([]);
    expect(listEstateResources(estate, "111111111111", ["eu-central-1"])).toEqual([]);
  });
});
