/**
 * The inventory's wiring, from the collectors' side: the registry has an entry per service,
 * run over the sandbox it finds exactly what the estate says an inventory must find, and the
 * reports have a details section per resource type.
 */
import { describe, expect, test } from "vitest";
import { listEstateResources } from "../../../src/aws/sandbox/estate.js";
import { INVENTORY_SERVICES } from "../../../src/core/inventory/inventory-result.js";
import {
  INVENTORY_SERVICE_LABELS,
  type ResourceRecord,
} from "../../../src/core/inventory/resource-record.js";
import { DETAIL_SECTIONS, formatBytes, SERVICE_LABELS } from "../../../src/report/inventory/sections.js";
import { INVENTORY_SERVICE_SPECS } from "../../../src/workflows/inventory/services.js";
import { makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { estate, profileOf } from "./_estate.js";

describe("the service registry", () => {
  test("has one entry per service, labelled, IAM global and the others regional", () => {
    expect(Object.keys(INVENTORY_SERVICE_SPECS).sort()).toEqual([...INVENTORY_SERVICES].sort());
    for (const service of INVENTORY_SERVICES) {
      const spec = INVENTORY_SERVICE_SPECS[service];
      expect(spec.service).toBe(service);
      expect(spec.label).toBe(INVENTORY_SERVICE_LABELS[service]);
      expect(SERVICE_LABELS[service]).toBeTruthy();
      expect(spec.placement).toBe(service === "iam" ? "global" : "regional");
    }
  });

  test.each(estate.accounts.map((a) => [a.name, a] as const))(
    "over the sandbox, finds exactly the estate's resources of %s, each once",
    async (_name, account) => {
      const regions = Object.keys(account.regions);
      const { factory } = makeSandboxFactory({ profile: profileOf(account), pageSize: 2 });
      const memo = new Map<string, Promise<unknown>>();
      const shared = <T>(key: string, load: () => Promise<T>): Promise<T> => {
        if (!memo.has(key)) memo.set(key, load());
        return memo.get(key) as Promise<T>;
      };
      const found: ResourceRecord[] = [];
      for (const service of INVENTORY_SERVICES) {
        const spec = INVENTORY_SERVICE_SPECS[service];
        for (const region of spec.placement === "global" ? regions.slice(0, 1) : regions) {
          const records = await spec.collect({
            factory,
            scope: { account: account.id, region },
            regions,
            shared,
          });
          for (const r of records) expect(r.service).toBe(service);
          found.push(...records);
        }
      }
      const key = (r: { service: string; type: string; region: string; id: string }) =>
        `${r.service}/${r.type}/${r.region}/${r.id}`;
      expect(found.map(key).sort()).toEqual(listEstateResources(estate, account.id, regions).map(key).sort());
      expect(new Set(found.map((r) => r.arn)).size).toBe(found.length);
    },
  );
});

describe("the details sections", () => {
  test("one per resource type, each with a title and columns", () => {
    const types = DETAIL_SECTIONS.map((s) => s.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toHaveLength(24);
    for (const section of DETAIL_SECTIONS) {
      expect(section.title).not.toBe("");
      expect(section.columns.length).toBeGreaterThan(0);
    }
  });

  test.each([
    [null, "-"],
    [0, "0 B"],
    [1023, "1023 B"],
    [1536, "1.5 KiB"],
    [5_368_709_120, "5.0 GiB"],
  ])("formatBytes(%j) is %j", (value, expected) => {
    expect(formatBytes(value)).toBe(expected);
  });
});
