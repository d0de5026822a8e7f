/** `plan list`: the plans in the workspace, newest first, with the state of their approval. */
import type { PlanStore } from "./store.js";

export interface PlanSummary {
  id: string;
  blueprint: string;
  account: string;
  profile: string;
  steps: number;
  /** `none`, `stale` (approved for another hash) or `until <expiry>`. */
  approval: string;
  goal: string;
}

export function listPlans(store: PlanStore): PlanSummary[] {
  return store.ids().map((id) => {
    const p = store.load(id);
    const approval = store.loadApproval(id);
    return {
      id,
      blueprint: p.blueprint,
      account: p.context.account,
      profile: p.context.profile,
      steps: p.steps.length,
      approval:
        approval === undefined
          ? "none"
          : approval.planHash !== p.hash
            ? "stale"
            : `until ${approval.expiresAt}`,
      goal: p.goal,
    };
  });
}
