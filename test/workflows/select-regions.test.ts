import { describe, expect, test } from "vitest";
import { UsageError } from "../../src/core/errors.js";
import { checkRegionCodes, selectRegions } from "../../src/workflows/scan/select-regions.js";

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error("expected a UsageError");
}

describe("selectRegions", () => {
  test.each([
    [undefined, ["us-east-1"]],
    [[], ["us-east-1"]],
    [["eu-west-1"], ["eu-west-1"]],
    [
      [" eu-west-1 ", "us-east-1", "eu-west-1", ""],
      ["eu-west-1", "us-east-1"],
    ],
  ])("requested %j → %j", (requested, expected) => {
    expect(selectRegions({ requested, defaultRegion: "us-east-1" })).toEqual(expected);
  });

  test("an unknown region is a usage error naming it and suggesting real ones", () => {
    const error = usageError(() =>
      selectRegions({ requested: ["us-east-1", "eu-wst-1"], defaultRegion: "us-east-1" }),
    );
    expect(error.code).toBe("UnknownRegion");
    expect(error.message).toContain('"eu-wst-1" is not an AWS region');
    expect(error.message).toContain('did you mean "eu-west-1"');
  });

  test("names every unknown region at once", () => {
    const error = usageError(() => checkRegionCodes(["mars-north-1", "us-est-1"]));
    expect(error.message).toContain('"mars-north-1"');
    expect(error.message).toContain('"us-est-1"');
  });

  test("a region outside the profile's regions is a usage error", () => {
    const error = usageError(() =>
      selectRegions({
        requested: ["ap-south-1"],
        defaultRegion: "us-east-1",
        allowedRegions: ["us-east-1", "eu-west-1"],
      }),
    );
    expect(error.code).toBe("RegionNotAllowed");
    expect(error.message).toContain('"ap-south-1"');
    expect(error.hint).toContain("us-east-1, eu-west-1");
  });

  test("regions inside the profile's regions pass", () => {
    expect(
      selectRegions({
        requested: ["eu-west-1"],
        defaultRegion: "us-east-1",
        allowedRegions: ["us-east-1", "eu-west-1"],
      }),
    ).toEqual(["eu-west-1"]);
  });
});
