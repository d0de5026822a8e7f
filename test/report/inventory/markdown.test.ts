import { describe, expect, test } from "vitest";
import { escapeMarkdown, renderInventoryMarkdown } from "../../../src/report/inventory/markdown.js";
import { inventoryResult, RDS_FAILURE, record, SAMPLE_RESOURCES } from "../../_helpers/inventory-fixtures.js";

describe("escapeMarkdown", () => {
  test.each([
    ["plain-text.1", "plain-text.1"],
    ["a|b", "a\\|b"],
    ["my_function", "my\\_function"],
    ["*bold*", "\\*bold\\*"],
    ["<script>", "\\<script\\>"],
    ["[link](x)", "\\[link\\](x)"],
    ["back\\slash", "back\\\\slash"],
    ["two\nlines", "two lines"],
    ["\u001b[31mred", " \\[31mred"],
  ])("%j → %j", (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe("renderInventoryMarkdown", () => {
  test("has a heading, a summary table with totals and a details section per resource type", () => {
    const md = renderInventoryMarkdown(inventoryResult(SAMPLE_RESOURCES));
    expect(md).toContain("# Inventory of account 333333333333");
    expect(md).toContain("| Service | us-east-1 | eu-west-1 | Total |");
    expect(md).toContain("| EC2 | 1 | 0 | 1 |");
    expect(md).toContain("| **Total** | **2** | **1** | **3** |");
    expect(md).toContain("## EC2 instances (1)");
    expect(md).toContain("## EBS volumes (1)");
    expect(md).toContain("## S3 buckets (1)");
    expect(md).not.toContain("## RDS DB instances");
    expect(md).not.toContain("PARTIAL RESULT");
  });

  test("escapes pipes in names so every table row keeps its column count", () => {
    const md = renderInventoryMarkdown(inventoryResult([record({ id: "i-1", name: "a|b|c" })]));
    const row = md.split("\n").find((l) => l.startsWith("| i-1 "));
    expect(row).toContain("a\\|b\\|c");
    const header = md.split("\n").find((l) => l.startsWith("| ID "));
    const columns = (line: string) => line.split(/(?<!\\)\|/).length;
    expect(columns(row ?? "")).toBe(columns(header ?? ""));
  });

  test("shows a PARTIAL RESULT note, cells not read and a Not read section", () => {
    const md = renderInventoryMarkdown(inventoryResult(SAMPLE_RESOURCES, [RDS_FAILURE]));
    expect(md).toContain("> **PARTIAL RESULT: 1 of 12 partitions were not read");
    expect(md).toContain("| RDS | 0 | **not read** | 0 |");
    expect(md).toContain("### Not read (1)");
    expect(md).toContain("| 333333333333 | eu-west-1 | RDS | not permitted | AccessDenied | access denied");
  });

  test("says so when nothing was found", () => {
    expect(renderInventoryMarkdown(inventoryResult([]))).toContain(
      "No resources found in the selected regions.",
    );
  });
});
