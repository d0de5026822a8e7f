import { describe, expect, it } from "vitest";
import { closestMatches, editDistance } from "../../src/core/closest.js";
import { AWS_REGIONS, describeUnknownRegion, isAwsRegion, suggestRegions } from "../../src/core/regions.js";

describe("suggestRegions", () => {
  it.each([
    ["eu-wst-1", "eu-west-1"],
    ["us-est-1", "us-east-1"],
    ["useast1", "us-east-1"],
    ["US-EAST-1", "us-east-1"],
    ["ap-southeast2", "ap-southeast-2"],
    ["eu-west", "eu-west-1"],
  ])("suggests a real region for %s, best first", (bad, best) => {
    expect(suggestRegions(bad)[0]).toBe(best);
  });

  it.each(["mars-north-1", "x", ""])("suggests nothing for %j", (bad) => {
    expect(suggestRegions(bad)).toEqual([]);
  });

  it("returns at most three suggestions, all real regions", () => {
    const suggestions = suggestRegions("eu-west-9");
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(suggestions.every(isAwsRegion)).toBe(true);
  });
});

describe("AWS_REGIONS", () => {
  it("holds unique, well-formed region codes", () => {
    expect(new Set(AWS_REGIONS).size).toBe(AWS_REGIONS.length);
    for (const region of AWS_REGIONS) expect(region).toMatch(/^[a-z]{2,4}(-[a-z]+)+-\d$/);
  });

  it.each(["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1"])(
    "knows %s",
    (region) => {
      expect(isAwsRegion(region)).toBe(true);
    },
  );

  it.each(["eu-wst-1", "us-east-1 ", "US-EAST-1", "global"])("rejects %j", (region) => {
    expect(isAwsRegion(region)).toBe(false);
  });
});

describe("describeUnknownRegion", () => {
  it("names the bad value and the suggestion", () => {
    expect(describeUnknownRegion("eu-wst-1")).toBe(
      '"eu-wst-1" is not an AWS region; did you mean "eu-west-1" or "eu-west-2" or "eu-west-3"?',
    );
  });
  it("gives an example when nothing is close", () => {
    expect(describeUnknownRegion("moon-1")).toContain("use a region code such as us-east-1");
  });
});

describe("closestMatches", () => {
  it.each([
    ["regoins", ["regions", "defaultRegion", "account"], ["regions"]],
    ["prodd", ["sandbox", "production", "unknown"], ["production"]],
    ["DEFAULTREGION", ["regions", "defaultRegion"], ["defaultRegion"]],
    ["zzz", ["regions", "account"], []],
  ])("%s among %j → %j", (input, candidates, expected) => {
    expect(closestMatches(input, candidates, { max: 1 })).toEqual(expected);
  });

  it.each([
    ["", "", 0],
    ["abc", "abc", 0],
    ["abc", "abd", 1],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
  ])("editDistance(%j, %j) = %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});
