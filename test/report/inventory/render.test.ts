import { describe, expect, test } from "vitest";
import { INVENTORY_FORMATS, renderInventory } from "../../../src/report/inventory/index.js";
import { inventoryResult, RDS_FAILURE, SAMPLE_RESOURCES } from "../../_helpers/inventory-fixtures.js";

describe("renderInventory", () => {
  test.each(INVENTORY_FORMATS)("%s shows every resource and every failure", (format) => {
    const result = inventoryResult(SAMPLE_RESOURCES, [RDS_FAILURE]);
    const text = renderInventory(result, { format, color: false });
    for (const r of SAMPLE_RESOURCES) expect(text).toContain(r.id);
    expect(text).toContain("AccessDenied");
    expect(text).toContain("eu-west-1");
  });

  test.each(INVENTORY_FORMATS)("%s is the same text for the same result", (format) => {
    const render = () =>
      renderInventory(inventoryResult(SAMPLE_RESOURCES, [RDS_FAILURE]), { format, color: false });
    expect(render()).toBe(render());
  });

  test("json is the whole result, with absent values as null", () => {
    const result = inventoryResult(SAMPLE_RESOURCES, [RDS_FAILURE]);
    const parsed = JSON.parse(renderInventory(result, { format: "json", color: false })) as Record<
      string,
      unknown
    >;
    expect(Object.keys(parsed)).toEqual([
      "account",
      "accounts",
      "regions",
      "services",
      "generatedAt",
      "runId",
      "summary",
      "resources",
      "failures",
      "coverage",
    ]);
    const resources = parsed["resources"] as Record<string, unknown>[];
    expect(resources).toHaveLength(SAMPLE_RESOURCES.length);
    expect(resources[1]?.["name"]).toBeNull();
    expect(resources[2]?.["state"]).toBeNull();
    expect(parsed["failures"]).toEqual([RDS_FAILURE]);
    expect(
      (parsed["summary"] as { counts: Record<string, Record<string, Record<string, unknown>>> }).counts[
        "333333333333"
      ]?.["rds"]?.["eu-west-1"],
    ).toBeNull();
  });
});
