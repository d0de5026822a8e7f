/**
 * The plan's content hash: sha256 of the canonical JSON of everything but the hash itself.
 * core does no I/O and imports no node module, so the digest function is passed in.
 */
import { canonicalJson } from "../canonical-json.js";
import type { Plan, PlanContent } from "./plan.js";

/** Hex sha256 of a UTF-8 string. */
export type Sha256 = (text: string) => string;

export function hashPlanContent(content: PlanContent, sha256: Sha256): string {
  return sha256(canonicalJson(content));
}

/** The plan with its hash. */
export function sealPlan(content: PlanContent, sha256: Sha256): Plan {
  const { hash: _ignored, ...rest } = content as Plan;
  return { ...rest, hash: hashPlanContent(rest, sha256) };
}

/** Whether the plan's content still matches its hash (nobody edited it). */
export function isPlanIntact(plan: Plan, sha256: Sha256): boolean {
  const { hash, ...content } = plan;
  return hashPlanContent(content, sha256) === hash;
}
