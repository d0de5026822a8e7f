/** resolveParams: --set values parsed against a blueprint's parameters, defaults filling the rest. */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/core/errors.js";
import { resolveParams, type BlueprintParam } from "../../../src/core/plans/blueprints/blueprint.js";
import { S3_BUCKET_PARAMS } from "../../../src/core/plans/blueprints/s3-bucket.js";
import { VPC_PARAMS } from "../../../src/core/plans/blueprints/vpc.js";
import { thrown } from "./_plans.js";

const SPECS: readonly BlueprintParam[] = [
  { name: "name", kind: "string", description: "The Name tag", default: "dev" },
  { name: "count", kind: "int", description: "How many", default: 2, min: 1, max: 6 },
  { name: "offset", kind: "int", description: "Any whole number", default: 0 },
  { name: "versioning", kind: "bool", description: "Keep versions", default: true },
  { name: "nat", kind: "enum", choices: ["none", "one", "per-az"], description: "NAT", default: "one" },
];

describe("resolveParams", () => {
  it("fills every parameter from its default when none is given", () => {
    expect(resolveParams("test", SPECS, {})).toEqual({
      name: "dev",
      count: 2,
      offset: 0,
      versioning: true,
      nat: "one",
    });
  });

  it("lets the caller's defaults (facts read from the account) win over the blueprint's", () => {
    expect(resolveParams("test", SPECS, {}, { name: "from-facts", count: 3 })).toMatchObject({
      name: "from-facts",
      count: 3,
    });
  });

  it("lets a given value win over every default", () => {
    expect(resolveParams("test", SPECS, { count: "4" }, { count: 3 })["count"]).toBe(4);
  });

  it.each<[string, string, unknown]>([
    ["count", "1", 1],
    ["count", "6", 6],
    ["offset", "-3", -3],
    ["versioning", "true", true],
    ["versioning", "YES", true],
    ["versioning", "on", true],
    ["versioning", "1", true],
    ["versioning", "false", false],
    ["versioning", "No", false],
    ["versioning", "off", false],
    ["versioning", "0", false],
    ["nat", "per-az", "per-az"],
    ["name", "my vpc", "my vpc"],
  ])("parses %s=%j as %j", (name, text, expected) => {
    expect(resolveParams("test", SPECS, { [name]: text })[name]).toEqual(expected);
  });

  it("accepts tags.<Key> alongside the parameters (they are not parameters)", () => {
    expect(resolveParams("test", SPECS, { "tags.Owner": "platform" })).not.toHaveProperty("tags.Owner");
  });

  it.each<[string, string, string]>([
    ["count", "two", 'test count="two" is not a whole number'],
    ["count", "2.5", 'test count="2.5" is not a whole number'],
    ["count", "", 'test count="" is not a whole number'],
    ["count", "0", 'test count="0" is below 1'],
    ["count", "7", 'test count="7" is above 6'],
    ["versioning", "maybe", 'test versioning="maybe" is not true or false'],
    ["nat", "two", 'test nat="two" is not one of none, one, per-az'],
    ["nat", "ONE", 'test nat="ONE" is not one of none, one, per-az'],
    ["name", "   ", 'test name="   " is empty'],
  ])("refuses %s=%j: BlueprintParamInvalid naming the value and how to pass it", (name, text, message) => {
    const error = thrown(() => resolveParams("test", SPECS, { [name]: text }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("BlueprintParamInvalid");
    expect(error.message).toBe(message);
    expect(error.hint).toBe(
      `Pass --set ${name}=<value>: ${SPECS.find((s) => s.name === name)!.description}.`,
    );
  });

  it("refuses unknown parameters: BlueprintParamUnknown naming them and the known ones", () => {
    const error = thrown(() =>
      resolveParams("vpc", VPC_PARAMS, { cidr: "10.0.0.0/16", subnets: "4", az: "2" }),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("BlueprintParamUnknown");
    expect(error.message).toBe(
      'blueprint vpc has no parameter "subnets", "az"; its parameters are name, cidr, azs, publicSubnets, privateSubnets, nat, flowLogsBucket (and tags.<Key>)',
    );
    expect(error.hint).toContain("aws-coworker plan blueprints");
  });

  it("refuses a missing parameter without a default: BlueprintParamMissing with the --set to add", () => {
    const error = thrown(() => resolveParams("vpc", VPC_PARAMS, {}));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("BlueprintParamMissing");
    expect(error.message).toMatch(/^blueprint vpc needs cidr \(The VPC's IPv4 CIDR block/);
    expect(error.hint).toBe("Pass --set cidr=<value>.");
  });

  it("takes the s3-bucket name from the caller's default", () => {
    expect(resolveParams("s3-bucket", S3_BUCKET_PARAMS, {}, { name: "data-1-eu-west-1" })).toEqual({
      prefix: "data",
      name: "data-1-eu-west-1",
      versioning: true,
      encryption: "SSE-S3",
      tlsOnly: true,
      noncurrentDays: 90,
    });
  });
});
