import { auditSettingsOf } from "../../../core/checks/settings.js";
import { silentIoHost } from "../../../core/io-host.js";
import { resolveParams } from "../../../core/plans/blueprints/blueprint.js";
import { CLEANUP_KINDS, CLEANUP_PARAMS, cleanupBlueprint } from "../../../core/plans/blueprints/cleanup.js";
import type { ExistingResource } from "../../../core/plans/blueprints/deletion-steps.js";
import { findingsOfAccount, type PlanFinding } from "../../../core/plans/findings-input.js";
import { readExisting } from "../../../aws/collectors/plan-facts.js";
import { runAudit } from "../../audit/index.js";
import type { BlueprintDefinition } from "./definition.js";

/** The inventory type each cleanup kind is read back with. */
const TYPE_OF_KIND: Readonly<Record<string, string>> = {
  volume: "ebs:volume",
  "elastic-ip": "ec2:elastic-ip",
  snapshot: "ebs:snapshot",
  "network-interface": "vpc:network-interface",
};

export const cleanup: BlueprintDefinition = {
  summary:
    "deletion of the unused resources the cleanup audit finds (or --from-findings): volumes snapshotted first",
  params: CLEANUP_PARAMS,
  takesFindings: true,
  // The safety snapshots it creates carry the plan's tags.
  createsResources: true,
  async draft({ set, findings, regions, ctx, config, now, factory }) {
    resolveParams("cleanup", CLEANUP_PARAMS, set);
    const inRegions = regions.length > 0 ? regions : [ctx.region];
    let given: readonly PlanFinding[];
    let source: string;
    if (findings !== undefined) {
      given = findings;
      source = "the findings file";
    } else {
      // No file: the cleanup audit's own checks, run now over the plan's regions (reads only).
      const audit = await runAudit(
        {
          workflow: "cleanup",
          regions: inRegions,
          settings: auditSettingsOf(config),
          suppressions: config.checks.suppressions,
        },
        { factory, io: silentIoHost, account: ctx.account, now: () => now },
      );
      given = audit.findings.filter((f) => f.status === "fail");
      source = `the cleanup audit of ${inRegions.join(", ")}`;
    }
    const { mine, notes } = findingsOfAccount(given, ctx.account);
    const resources: (ExistingResource & { kind: string })[] = [];
    for (const region of [...new Set(mine.map((f) => f.region))].sort()) {
      const kinds = [
        ...new Set(mine.filter((f) => f.region === region).flatMap((f) => CLEANUP_KINDS[f.checkId] ?? [])),
      ];
      const types = kinds.map((k) => TYPE_OF_KIND[k]!);
      const found = await readExisting(factory, { account: ctx.account, region, pageSize: 1000 }, types);
      for (const r of found) {
        const kind = Object.keys(TYPE_OF_KIND).find((k) => TYPE_OF_KIND[k] === r.type)!;
        resources.push({ ...r, kind });
      }
    }
    return {
      parameters: { source: findings === undefined ? "audit" : "file" },
      draft: cleanupBlueprint({ findings: mine, resources, source, notes }, ctx, now),
    };
  },
};
