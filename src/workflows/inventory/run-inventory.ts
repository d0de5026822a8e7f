/**
 * "Give me an inventory": the resources of one account, or of several (`accounts`: a list, or
 * every active account of the organisation), in the selected regions (a list, or `all`: each
 * account's enabled regions), for the selected services. A scan (../scan/run-scan.ts) of the
 * inventory's services, then a summary per account × service × region.
 *
 * Never prints: progress and notices go to the IoHost.
 */
import {
  compareResources,
  INVENTORY_SERVICES,
  summarizeInventory,
  type InventoryResult,
} from "../../core/inventory/inventory-result.js";
import type { InventoryService, ResourceRecord } from "../../core/inventory/resource-record.js";
import { UsageError } from "../../core/errors.js";
import { runScan, scanSensitiveReads, type ScanDeps, type ScanOptions } from "../scan/run-scan.js";
import { INVENTORY_SERVICE_SPECS } from "./services.js";

export type { ApprovalRequest } from "../scan/run-scan.js";

export interface InventoryOptions extends ScanOptions {
  /** Services to inventory; default: all of them. */
  services?: readonly InventoryService[];
}

export type InventoryDeps = ScanDeps<ResourceRecord>;

/** The sensitive reads the inventory needs for the given accounts: sts:AssumeRole only when it crosses accounts. */
export const inventorySensitiveReads = scanSensitiveReads;

export async function runInventory(options: InventoryOptions, deps: InventoryDeps): Promise<InventoryResult> {
  const services = selectServices(options.services);
  const scan = await runScan(
    {
      noun: "inventory",
      roleSessionName: "aws-coworker-inventory",
      sources: services,
      sourceSpecs: INVENTORY_SERVICE_SPECS,
      keyOf: (r) => r.arn,
      narrowHint: "--accounts, --regions or --services",
    },
    options,
    deps,
  );
  const resources = scan.records.sort(compareResources);
  return {
    account: deps.account,
    accounts: scan.accounts,
    regions: scan.regions,
    services,
    generatedAt: (deps.now ?? (() => new Date()))().toISOString(),
    runId: scan.runId,
    summary: summarizeInventory(resources, scan.partitions, scan.notRead),
    resources,
    failures: scan.failures,
    coverage: scan.coverage,
  };
}

function selectServices(requested: readonly InventoryService[] | undefined): InventoryService[] {
  if (requested === undefined || requested.length === 0) return [...INVENTORY_SERVICES];
  const unknown = requested.filter((s) => !INVENTORY_SERVICES.includes(s));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown service ${unknown.map((s) => `"${s}"`).join(", ")}; the inventory covers ${INVENTORY_SERVICES.join(", ")}`,
      { code: "UnknownService" },
    );
  }
  return INVENTORY_SERVICES.filter((s) => requested.includes(s));
}
