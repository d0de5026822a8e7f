/**
 * The `cleanup` blueprint: the unused resources the cleanup audit found, deleted one step
 * each. An unattached volume is snapshotted first (its deletion rolls back to a new volume
 * from that snapshot); an unassociated Elastic IP is released, an old snapshot and an orphaned
 * interface deleted — those cannot be reversed. Stopped instances and idle load balancers are
 * left out (the `delete` blueprint terminates or deletes them). Every resource is read again
 * before drafting: one that changed since the audit is left out, and the deletion rails apply.
 * The cost lines are the monthly savings (negative), the audit's figures. Pure.
 */
import { ebsSnapshotMonthly } from "../../cost/pricing.js";
import { UsageError } from "../../errors.js";
import type { PlanFinding } from "../findings-input.js";
import type { PlanStep } from "../plan.js";
import type { BlueprintContext, BlueprintParam, CostLine, Draft } from "./blueprint.js";
import { applyDeletionRails } from "./deletion-rails.js";
import {
  deleteNetworkInterface,
  deleteSnapshot,
  labelOf,
  releaseAddress,
  snapshotThenDeleteVolume,
  type ExistingResource,
} from "./deletion-steps.js";

export const CLEANUP_PARAMS: readonly BlueprintParam[] = [];

/** The cleanup checks this blueprint acts on → the resource kind it reads again. */
export const CLEANUP_KINDS: Readonly<
  Record<string, "volume" | "elastic-ip" | "snapshot" | "network-interface">
> = {
  "ebs.volume-unattached": "volume",
  "ec2.eip-unassociated": "elastic-ip",
  "ebs.snapshot-old": "snapshot",
  "ec2.eni-orphaned": "network-interface",
};

/** Cleanup findings left to the delete blueprint, and why. */
const LEFT_TO_DELETE: Readonly<Record<string, string>> = {
  "ec2.instance-stopped-long":
    "a stopped instance is left out: terminating it cannot be undone; use the delete blueprint (--select 'ec2:instance …') if it must go",
  "elb.load-balancer-idle":
    "an idle load balancer is left out: deleting it (and its listeners) needs the delete blueprint, which does not serve load balancers yet",
  "ec2.sg-unused":
    "an unused security group is left out: the delete blueprint deletes it (--select 'vpc:security-group …'); its rules go with it",
};

export interface CleanupFacts {
  /** The failed cleanup findings of the plan's account. */
  findings: readonly PlanFinding[];
  /** The findings' resources as read now (a resource gone since the audit is absent). */
  resources: readonly (ExistingResource & { kind: string })[];
  /** Where the findings came from, for the goal: a file or the audit run while drafting. */
  source: string;
  /** Notes from reading the findings (other accounts left out…). */
  notes: readonly string[];
}

interface Target {
  finding: PlanFinding;
  resource: ExistingResource & { kind: string };
}

/** Why a resource found unused is no longer, or undefined when it still is. */
function changedSinceAudit(kind: string, r: ExistingResource): string | undefined {
  if (kind === "volume" && r.state !== "available") return `is now ${r.state ?? "in an unknown state"}`;
  if (kind === "elastic-ip" && r.attributes["isAssociated"] === true) return "is now associated";
  if (kind === "network-interface" && r.state !== "available") return `is now ${r.state ?? "unknown"}`;
  return undefined;
}

export function cleanupBlueprint(facts: CleanupFacts, ctx: BlueprintContext, now: Date): Draft {
  const notes: string[] = [...facts.notes];
  const targets: (Target & { label: string; tags: Readonly<Record<string, string>> })[] = [];
  const seen = new Set<string>();
  for (const finding of facts.findings) {
    const kind = CLEANUP_KINDS[finding.checkId];
    if (kind === undefined) {
      notes.push(
        `${finding.resource.id}: ${LEFT_TO_DELETE[finding.checkId] ?? `${finding.checkId} is not a finding the cleanup blueprint acts on; left out`}.`,
      );
      continue;
    }
    const key = `${finding.region}|${finding.resource.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const resource = facts.resources.find(
      (r) => r.kind === kind && r.id === finding.resource.id && r.region === finding.region,
    );
    if (resource === undefined) {
      notes.push(`${finding.resource.id} (${finding.region}) no longer exists; left out.`);
      continue;
    }
    const changed = changedSinceAudit(kind, resource);
    if (changed !== undefined) {
      notes.push(`${labelOf(resource)} ${changed} since the audit; left out.`);
      continue;
    }
    targets.push({ finding, resource, label: `${kind} ${labelOf(resource)}`, tags: resource.tags });
  }
  const rails = applyDeletionRails(
    targets.map((t) => ({ ...t, id: t.resource.id })),
    ctx.config.plans.protectTag,
    now,
  );
  notes.push(...rails.notes);
  if (rails.kept.length === 0) {
    throw new UsageError(
      facts.findings.length === 0
        ? `nothing to clean up: ${facts.source} has no unused resource in account ${ctx.account}`
        : `nothing to clean up: of the ${facts.findings.length} findings in ${facts.source}, none can be acted on (${notes.join(" ")})`,
      { code: "NothingToDo", hint: "Run `aws-coworker cleanup` to see the unused resources." },
    );
  }
  const steps: PlanStep[] = [];
  const cost: CostLine[] = [];
  let snapshotCost = 0;
  const counts: Record<string, number> = {};
  for (const { finding, resource } of rails.kept) {
    counts[resource.kind] = (counts[resource.kind] ?? 0) + 1;
    switch (resource.kind) {
      case "volume": {
        steps.push(...snapshotThenDeleteVolume(resource, ctx));
        snapshotCost += ebsSnapshotMonthly(
          resource.region,
          Number(resource.attributes["sizeGiB"] ?? 0),
        ).monthlyUsd;
        break;
      }
      case "elastic-ip":
        steps.push(releaseAddress(resource));
        break;
      case "snapshot":
        steps.push(deleteSnapshot(resource));
        break;
      default:
        steps.push(deleteNetworkInterface(resource));
    }
    const saving = finding.monthlyCostUsd ?? 0;
    if (saving > 0) {
      const basis = finding.evidence["costBasis"];
      cost.push({
        item: `delete ${resource.kind} ${labelOf(resource)} (${resource.region})`,
        monthlyUsd: -saving,
        basis: `saving: ${typeof basis === "string" ? basis : finding.checkId}`,
      });
    }
  }
  const total = Math.round(cost.reduce((sum, c) => sum - c.monthlyUsd, 0) * 100) / 100;
  if (counts["volume"] !== undefined) {
    notes.push(
      `Each volume is snapshotted before it is deleted; rolling back creates a NEW volume (a new id) from that snapshot in the same availability zone, with the same type, size and tags, encrypted: update what named the old id. The safety snapshots are kept (about $${(Math.round(snapshotCost * 100) / 100).toFixed(2)}/month at most, not counted in the saving); delete them once the data is no longer needed.`,
    );
  }
  const irreversible = ["elastic-ip", "snapshot", "network-interface"].filter((k) => counts[k] !== undefined);
  if (irreversible.length > 0) {
    notes.push(
      `Cannot be reversed: ${irreversible.map((k) => (k === "elastic-ip" ? "a released Elastic IP (the address is gone)" : k === "snapshot" ? "a deleted snapshot (its data is gone)" : "a deleted network interface (a new one gets a new id and address)")).join("; ")}.`,
    );
  }
  const described = Object.entries(counts)
    .map(([k, n]) => `${n} ${k}${n === 1 ? "" : "s"}`)
    .join(", ");
  return {
    goal: `Clean up ${rails.kept.length} unused resource${rails.kept.length === 1 ? "" : "s"} in ${ctx.account} (${described}) from ${facts.source}, saving about $${total.toFixed(2)}/month`,
    steps,
    cost,
    notes,
  };
}
