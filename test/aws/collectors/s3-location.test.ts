import { describe, expect, test } from "vitest";
import { regionOfLocationConstraint } from "../../../src/aws/collectors/s3.js";
import { partitionOf } from "../../../src/aws/collectors/arn.js";

describe("regionOfLocationConstraint", () => {
  test.each([
    [undefined, "us-east-1"],
    [null, "us-east-1"],
    ["", "us-east-1"],
    ["EU", "eu-west-1"],
    ["eu-central-1", "eu-central-1"],
  ])("%j → %s", (constraint, region) => {
    expect(regionOfLocationConstraint(constraint)).toBe(region);
  });
});

describe("partitionOf", () => {
  test.each([
    ["us-east-1", "aws"],
    ["eu-west-1", "aws"],
    ["cn-north-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
    ["eusc-de-east-1", "aws-eusc"],
  ])("%s → %s", (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});
