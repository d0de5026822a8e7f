import { describe, expect, it } from "vitest";
import { tagsInvalidValue } from "../../../src/core/checks/tags/invalid-value.js";
import { tagsMissingRequired } from "../../../src/core/checks/tags/missing-required.js";
import { ruleCovers, valueProblem } from "../../../src/core/checks/tags/rules.js";
import { runChecks, taggedResource } from "./_records.js";

const tagged = (id: string, tags: Record<string, string>, o: Parameters<typeof taggedResource>[1] = {}) =>
  taggedResource(id, { tags, ...o });

describe("tag rules", () => {
  it.each([
    [undefined, "ec2:instance", true],
    [["ec2:instance"], "ec2:instance", true],
    [["ec2"], "ec2:volume", true],
    [["rds", "s3:bucket"], "ec2:instance", false],
  ] as const)("appliesTo %j covers %s: %s", (appliesTo, type, expected) => {
    expect(ruleCovers({ key: "K", ...(appliesTo && { appliesTo: [...appliesTo] }) }, type)).toBe(expected);
  });

  it.each([
    [{ key: "E", allowedValues: ["production"] }, "production", undefined],
    [{ key: "E", allowedValues: ["production"] }, "Production", /only in case/],
    [{ key: "E", allowedValues: ["production"] }, "prod", /is not one of "production"/],
    [{ key: "C", pattern: "^CC-[0-9]{4}$" }, "CC-12", /does not match/],
    [{ key: "O" }, "  ", /is empty/],
  ])("%j with %j → %s", (rule, value, problem) => {
    const found = valueProblem(rule, value);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });
});

describe("tags.missing-required", () => {
  it("requires a conditional tag only when the other tag has the value, and only on the types named", () => {
    const settings = {
      requiredTags: [
        {
          key: "DataClassification",
          appliesTo: ["s3:bucket", "rds"],
          when: { tag: "Environment", equals: "production" },
        },
      ],
    };
    const records = [
      tagged("b-prod", { Environment: "production" }, { resourceType: "s3:bucket" }),
      tagged("b-dev", { Environment: "development" }, { resourceType: "s3:bucket" }),
      tagged("i-prod", { Environment: "production" }, { resourceType: "ec2:instance" }),
      tagged("db-prod", { Environment: "production" }, { resourceType: "rds:db-instance" }),
    ];
    const findings = runChecks([tagsMissingRequired], records, { settings }).findings;
    expect(findings.map((f) => f.resource.id).sort()).toEqual(["b-prod", "db-prod"]);
  });

  it("suggests the value most resources of the same VPC carry, else of the region, and only valid ones", () => {
    const records = [
      tagged("i-1", { Environment: "production" }, { vpcId: "vpc-a" }),
      tagged("i-2", { Owner: "web-team", Environment: "production" }, { vpcId: "vpc-a" }),
      tagged("i-3", { Owner: "web-team", Environment: "production" }, { vpcId: "vpc-a" }),
      tagged("i-4", { Owner: "data-team", Environment: "production" }, { vpcId: "vpc-b" }),
      tagged("i-5", { Owner: "data-team", Environment: "production" }, { vpcId: "vpc-b" }),
      tagged("i-6", { Owner: "data-team", Environment: "production" }, { vpcId: "vpc-b" }),
      tagged("i-7", { Environment: "production" }, { vpcId: "vpc-c" }),
    ];
    const settings = { requiredTags: [{ key: "Owner" }] };
    const findings = runChecks([tagsMissingRequired], records, { settings }).findings;
    const suggested = Object.fromEntries(findings.map((f) => [f.resource.id, f.evidence["suggested"]]));
    expect(suggested).toEqual({ "i-1": { Owner: "web-team" }, "i-7": { Owner: "data-team" } });
  });
});

describe("tags.invalid-value", () => {
  it("leaves missing tags to tags.missing-required and reports each bad value once", () => {
    const settings = {
      requiredTags: [{ key: "Environment", allowedValues: ["production"] }, { key: "Owner" }],
    };
    const findings = runChecks(
      [tagsMissingRequired, tagsInvalidValue],
      [tagged("i-1", { Environment: "Prod" }), tagged("i-2", { Environment: "production", Owner: "" })],
      { settings },
    ).findings;
    expect(findings.map((f) => `${f.checkId} ${f.resource.id}`).sort()).toEqual([
      "tags.invalid-value i-1",
      "tags.invalid-value i-2",
      "tags.missing-required i-1",
    ]);
  });
});
