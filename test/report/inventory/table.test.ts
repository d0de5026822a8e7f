import { describe, expect, test } from "vitest";
import { renderInventoryTable } from "../../../src/report/inventory/table.js";
import { inventoryResult, RDS_FAILURE, record, SAMPLE_RESOURCES } from "../../_helpers/inventory-fixtures.js";

const ANSI = new RegExp(String.fromCharCode(27) + "\\[[0-9;]*m");

describe("renderInventoryTable", () => {
  test("shows the summary (services × regions with totals) and one details table per resource type", () => {
    const text = renderInventoryTable(inventoryResult(SAMPLE_RESOURCES), { color: false });
    expect(text).toContain("Inventory of account 333333333333");
    expect(text).toMatch(/│ Service\s+│ us-east-1 │ eu-west-1 │ Total │/);
    expect(text).toMatch(/│ EC2\s+│\s+1 │\s+0 │\s+1 │/);
    expect(text).toMatch(/│ Total\s+│\s+2 │\s+1 │\s+3 │/);
    expect(text).toContain("EC2 instances (1)");
    expect(text).toContain("EBS volumes (1)");
    expect(text).toContain("S3 buckets (1)");
    expect(text).toMatch(/│ i-0123456789abcdef0 │ web-1\s+│ us-east-1 │ running │ t3\.micro/);
    expect(text).not.toContain("PARTIAL RESULT");
  });

  test("colours only when asked", () => {
    const result = inventoryResult(SAMPLE_RESOURCES, [RDS_FAILURE]);
    expect(renderInventoryTable(result, { color: false })).not.toMatch(ANSI);
    expect(renderInventoryTable(result, { color: true })).toMatch(ANSI);
  });

  test("marks a partial result, the cell not read and lists why, with the fix", () => {
    const text = renderInventoryTable(inventoryResult(SAMPLE_RESOURCES, [RDS_FAILURE]), { color: false });
    expect(text).toContain("PARTIAL RESULT: 1 of 12 partitions were not read");
    expect(text).toMatch(/│ RDS\s+│\s+0 │\s+not read │\s+0 │/);
    expect(text).toContain("Not read (1)");
    expect(text).toContain("not permitted");
    expect(text).toContain("AccessDenied");
    expect(text).toContain("Grant rds:DescribeDBInstances.");
  });

  test("strips terminal control sequences that came from AWS (names, tags)", () => {
    const text = renderInventoryTable(
      inventoryResult([record({ id: "i-1", name: "evil\u001b]0;pwned\u0007" })]),
      {
        color: false,
      },
    );
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("\u0007");
  });
});
