import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { coreLayer } from "../../../src/core/config/defaults.js";
import { mergeLayers } from "../../../src/core/config/layers.js";
import { configLayerSchema, configSchema } from "../../../src/core/config/schema.js";

/** Every key path of the schema, with its schema ("*" for a record key, "[]" for a list item). */
function keyPaths(schema: z.ZodType, path = ""): Array<[string, z.ZodType]> {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]) => {
      const childPath = path === "" ? key : `${path}.${key}`;
      return [[childPath, child] as [string, z.ZodType], ...keyPaths(child, childPath)];
    });
  }
  if (inner instanceof z.ZodRecord) return keyPaths(inner.valueType as z.ZodType, `${path}.*`);
  if (inner instanceof z.ZodArray) return keyPaths(inner.element as z.ZodType, `${path}[]`);
  return [];
}

describe("configSchema", () => {
  it.each(keyPaths(configSchema))("%s is described", (_path, schema) => {
    expect(schema.description ?? "").not.toBe("");
  });

  it("describes every key in docs/configuration.md", () => {
    const docs = readFileSync(new URL("../../../docs/configuration.md", import.meta.url), "utf8");
    const missing = keyPaths(configSchema)
      .map(([path]) => path)
      .filter((path) => !docs.includes(`\`${path}\``));
    expect(missing).toEqual([]);
  });

  it("rejects unknown keys at every level (objects are strict)", () => {
    const objects = keyPaths(configSchema).filter(([, schema]) => {
      const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
      return inner instanceof z.ZodObject;
    });
    expect(objects.length).toBeGreaterThan(5);
    expect(configLayerSchema.safeParse({ unexpected: true }).success).toBe(false);
    expect(
      configLayerSchema.safeParse({ orchestration: { thresholds: { resources: { warn: 1 } } } }).success,
    ).toBe(false);
  });
});

describe("orchestration.assumeRoleName", () => {
  it.each([
    ["OrganizationAccountAccessRole", true],
    ["inventory-reader@audit", true],
    ["arn:aws:iam::111111111111:role/Admin", false],
    ["", false],
    ["x".repeat(65), false],
  ])("%j is accepted: %s", (name, ok) => {
    expect(configLayerSchema.safeParse({ orchestration: { assumeRoleName: name } }).success).toBe(ok);
  });
});

describe("the built-in core layer", () => {
  const { config } = mergeLayers([coreLayer]);

  it("is a complete, valid configuration on its own", () => {
    expect(configSchema.safeParse(config).success).toBe(true);
  });

  it("has the orchestration thresholds of the product", () => {
    expect(config.orchestration).toEqual({
      thresholds: {
        resources: { advise: 50, partition: 200 },
        regions: { advise: 3, partition: 8 },
        accounts: { advise: 3, partition: 10 },
        estimatedSeconds: { advise: 300, requireApproval: 600 },
      },
      maxParallelWorkers: 10,
      batchSize: 50,
      assumeRoleName: "OrganizationAccountAccessRole",
    });
  });

  it.each([
    ["sandbox", true, false],
    ["development", true, false],
    ["test", true, false],
    ["staging", false, true],
    ["production", false, true],
    ["unknown", false, false],
  ] as const)("%s: directExecution %s, iacOnly %s", (classification, directExecution, iacOnly) => {
    expect(config.environments[classification]).toMatchObject({ directExecution, iacOnly });
  });

  it("asks for approval of everything in production and unknown environments", () => {
    expect(config.environments.production.approvalMode).toBe("always");
    expect(config.environments.unknown.approvalMode).toBe("always");
  });

  it("requires Owner, Environment (allowed values) and CostCenter (pattern)", () => {
    const byKey = Object.fromEntries(config.tagging.required.map((rule) => [rule.key, rule]));
    expect(Object.keys(byKey)).toEqual(["Owner", "Environment", "CostCenter"]);
    expect(byKey["Environment"]?.allowedValues).toContain("production");
    expect(new RegExp(byKey["CostCenter"]?.pattern ?? "").test("CC-1234")).toBe(true);
  });

  it("knows no profile or account: everything starts read-only", () => {
    expect(config.profiles).toEqual({});
    expect(config.accounts).toEqual({});
    expect(config.workspace.dir).toBe(".aws-coworker");
  });
});
