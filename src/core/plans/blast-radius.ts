/** The blast radius of a plan: what it touches, where, and whether any of it cannot be undone. */
import type { BlastRadius, PlanStep } from "./plan.js";

export interface BlastRadiusOptions {
  account: string;
  /** Destructive plans touching more resources than this are approved by typing the count. */
  typedCountAbove: number;
}

export function blastRadius(steps: readonly PlanStep[], options: BlastRadiusOptions): BlastRadius {
  const seen = new Map<string, { change: "create" | "modify" | "delete"; location: string }>();
  for (const step of steps) {
    for (const r of step.resources) {
      const key = `${r.type}|${r.id ?? r.name}`;
      const previous = seen.get(key);
      // A resource the plan creates and later changes still counts once, as created.
      if (
        previous === undefined ||
        r.change === "delete" ||
        (r.change === "create" && previous.change === "modify")
      )
        seen.set(key, { change: r.change, location: `${options.account}/${step.region}` });
    }
  }
  const byChange = { create: 0, modify: 0, delete: 0 };
  const byLocation: Record<string, number> = {};
  for (const { change, location } of seen.values()) {
    byChange[change] += 1;
    byLocation[location] = (byLocation[location] ?? 0) + 1;
  }
  const isDestructive =
    steps.some((s) => s.resources.some((r) => r.change === "delete")) || byChange.delete > 0;
  const irreversibleSteps = steps
    .filter(
      (s) =>
        (s.rollback.kind === "calls" && s.rollback.irreversible === true) ||
        (s.rollback.kind === "manual" && s.resources.some((r) => r.change === "delete")),
    )
    .map((s) => s.id);
  return {
    resources: seen.size,
    byChange,
    byLocation,
    isDestructive,
    irreversibleSteps,
    needsTypedCount: isDestructive && seen.size > options.typedCountAbove,
  };
}
