/** References between steps: {"$ref": "<step>.<output>"} resolved from earlier steps' outputs. */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/core/errors.js";
import {
  isRef,
  readOutputs,
  ref,
  referencedSteps,
  resolveRefs,
  valueAt,
  type StepOutputs,
} from "../../../src/core/plans/refs.js";
import { thrown } from "./_plans.js";

const outputs: StepOutputs = {
  vpc: { vpcId: "vpc-0abc", cidr: "10.0.0.0/16" },
  "subnet-public-a": { subnetId: "subnet-1" },
  igw: { internetGatewayId: "igw-9" },
};

describe("ref and isRef", () => {
  it("writes a reference as {$ref: step.output}", () => {
    expect(ref("vpc", "vpcId")).toEqual({ $ref: "vpc.vpcId" });
  });

  it.each<[unknown, boolean]>([
    [{ $ref: "vpc.vpcId" }, true],
    [{ $ref: "vpc.vpcId", other: 1 }, false],
    [{ $ref: 3 }, false],
    [[{ $ref: "vpc.vpcId" }], false],
    ["vpc.vpcId", false],
    [null, false],
  ])("%j is a reference: %s", (value, expected) => {
    expect(isRef(value)).toBe(expected);
  });
});

describe("resolveRefs", () => {
  it("replaces references anywhere in arrays and objects, and keeps everything else", () => {
    const params = {
      VpcId: ref("vpc", "vpcId"),
      CidrBlock: "10.0.1.0/24",
      Count: 2,
      Enabled: false,
      Missing: null,
      SubnetIds: [ref("subnet-public-a", "subnetId"), "subnet-fixed"],
      Nested: { Deeper: [{ Gateway: ref("igw", "internetGatewayId") }], Tags: [{ Key: "a", Value: "b" }] },
    };
    expect(resolveRefs(params, outputs)).toEqual({
      VpcId: "vpc-0abc",
      CidrBlock: "10.0.1.0/24",
      Count: 2,
      Enabled: false,
      Missing: null,
      SubnetIds: ["subnet-1", "subnet-fixed"],
      Nested: { Deeper: [{ Gateway: "igw-9" }], Tags: [{ Key: "a", Value: "b" }] },
    });
  });

  it("does not change the value it was given", () => {
    const params = { VpcId: ref("vpc", "vpcId") };
    resolveRefs(params, outputs);
    expect(params).toEqual({ VpcId: { $ref: "vpc.vpcId" } });
  });

  it("resolves a bare reference", () => {
    expect(resolveRefs(ref("vpc", "cidr"), outputs)).toBe("10.0.0.0/16");
  });

  it.each([
    ["a step that did not complete", { VpcId: ref("nat-a", "natGatewayId") }, "nat-a.natGatewayId"],
    ["an output the step does not have", { VpcId: ref("vpc", "ownerId") }, "vpc.ownerId"],
    ["a reference without a step", [{ $ref: ".vpcId" }], ".vpcId"],
    ["a reference without a dot", { deep: [{ $ref: "vpc" }] }, "vpc"],
    ["an inherited member name", { x: { $ref: "vpc.toString" } }, "vpc.toString"],
  ])("refuses %s: UsageError PlanRefUnresolved naming the reference and the fix", (_name, value, named) => {
    const error = thrown(() => resolveRefs(value, outputs));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("PlanRefUnresolved");
    expect(error.message).toBe(`the plan refers to ${named}, which no completed step produced`);
    expect(error.hint).toContain("execute --resume");
  });
});

describe("referencedSteps", () => {
  it("lists each step a value refers to once, wherever the references are", () => {
    expect(
      referencedSteps({
        a: ref("vpc", "vpcId"),
        b: [ref("vpc", "cidr"), { c: ref("igw", "internetGatewayId") }],
        d: "vpc.vpcId",
      }).sort(),
    ).toEqual(["igw", "vpc"]);
  });

  it("takes a malformed reference without an output name as naming the whole step", () => {
    expect(referencedSteps([{ $ref: "vpc" }])).toEqual(["vpc"]);
  });

  it("finds none in a value without references", () => {
    expect(referencedSteps({ CidrBlock: "10.0.0.0/16", Tags: [{ Key: "$ref", Value: "x.y" }] })).toEqual([]);
  });
});

describe("valueAt", () => {
  const answer = {
    Vpcs: [{ VpcId: "vpc-1", State: "available", Tags: [] }],
    $metadata: { httpStatusCode: 200 },
  };

  it.each<[string, unknown]>([
    ["Vpcs.0.State", "available"],
    ["Vpcs.0.Tags", []],
    ["$metadata.httpStatusCode", 200],
    ["Vpcs.1.State", undefined],
    ["Vpcs.0.State.Code", undefined],
    ["Nothing.at.all", undefined],
  ])("%s → %j", (path, expected) => {
    expect(valueAt(answer, path)).toEqual(expected);
  });
});

describe("readOutputs", () => {
  it("reads each output at its path and leaves out what the answer lacks", () => {
    const answer = { Vpc: { VpcId: "vpc-1", CidrBlock: "10.0.0.0/16", IsDefault: false } };
    expect(
      readOutputs(answer, {
        vpcId: "Vpc.VpcId",
        isDefault: "Vpc.IsDefault",
        ipv6: "Vpc.Ipv6CidrBlockAssociationSet.0",
      }),
    ).toEqual({ vpcId: "vpc-1", isDefault: false });
  });

  it("reads nothing from an empty answer", () => {
    expect(readOutputs(undefined, { vpcId: "Vpc.VpcId" })).toEqual({});
  });
});
