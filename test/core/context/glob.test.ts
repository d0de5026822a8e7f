import { describe, expect, it } from "vitest";
import { matchGlob } from "../../../src/core/context/glob.js";

describe("matchGlob", () => {
  it.each([
    ["*-prod-*", "acme-prod-admin", true],
    ["*-prod-*", "acme-prod", false],
    ["*-prod*", "acme-prod", true],
    ["*-prod*", "acme-production-ro", true],
    ["*-prod*", "prod-admin", false],
    ["*sandbox*", "sandbox", true],
    ["*sandbox*", "Team-SANDBOX-1", true],
    ["demo-???", "demo-dev", true],
    ["demo-???", "demo-prod", false],
    ["demo-dev", "demo-dev", true],
    ["demo-dev", "demo-dev2", false],
    ["*", "", true],
    ["", "", true],
    ["", "x", false],
    ["a*b*c", "axxbyyc", true],
    ["a*b*c", "axxbyy", false],
    ["**x", "yyx", true],
    ["1111*", "111122223333", true],
    ["acme.prod", "acmexprod", false],
    ["[ab]", "a", false],
    ["[ab]", "[ab]", true],
  ])("%j matches %j: %s", (pattern, text, expected) => {
    expect(matchGlob(pattern, text)).toBe(expected);
  });
});
