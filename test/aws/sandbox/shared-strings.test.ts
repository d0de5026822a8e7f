import { describe, expect, it } from "vitest";
import { generateEstate } from "../../../src/aws/sandbox/generate.js";
import { shareRepeatedStrings } from "../../../src/aws/sandbox/shared-strings.js";
import { NOW } from "./_helpers.js";

describe("shareRepeatedStrings", () => {
  it("leaves a parsed generated estate equal to a fresh parse of the same JSON", () => {
    const { estate } = generateEstate({
      accounts: 2,
      regions: ["us-east-1", "eu-west-1"],
      resourcesPerRegion: 40,
      seed: 3,
      now: NOW,
    });
    const json = JSON.stringify(estate);
    const shared = JSON.parse(json) as unknown;
    expect(shareRepeatedStrings(shared)).toBe(shared);
    expect(JSON.stringify(shared)).toBe(json);
    expect(shared).toEqual(JSON.parse(json));
  });

  it("keeps every kind of JSON value where it was: nested arrays, objects, null, numbers, booleans", () => {
    const text = JSON.stringify({
      a: ["x", "x", ["x", { b: "x", c: null }], 1, true],
      d: { e: "x", f: [null, false, 0, ""], g: {} },
      "": "",
    });
    const value = JSON.parse(text) as unknown;
    shareRepeatedStrings(value);
    expect(value).toEqual(JSON.parse(text));
    expect(shareRepeatedStrings("x")).toBe("x");
    expect(shareRepeatedStrings(null)).toBeNull();
    expect(shareRepeatedStrings(7)).toBe(7);
  });
});
