/**
 * The `delete` blueprint: "delete all EC2 instances in us-east-1". A selection (`--select`,
 * as the tag blueprint's) of instances, volumes, snapshots, Elastic IPs or security groups →
 * one destructive step per resource (TerminateInstances, DeleteVolume, DeleteSnapshot,
 * ReleaseAddress, DeleteSecurityGroup). None can be undone by a call, so every rollback is
 * manual and says what is lost. The deletion rails apply (the protection tag, termination
 * protection); what AWS would refuse (an attached volume, an associated address, a default
 * group) is left out with the reason. Pure.
 */
import { UsageError } from "../../errors.js";
import type { PlanStep } from "../plan.js";
import type { BlueprintContext, BlueprintParam, Draft } from "./blueprint.js";
import { applyDeletionRails } from "./deletion-rails.js";
import {
  deleteSecurityGroup,
  deleteSnapshot,
  deleteVolume,
  labelOf,
  releaseAddress,
  terminateInstance,
  type ExistingResource,
} from "./deletion-steps.js";
import type { Selection } from "./tag.js";

export const DELETE_PARAMS: readonly BlueprintParam[] = [];

/** The types the delete blueprint serves → the step that deletes one. */
const DELETERS: Readonly<Record<string, (r: ExistingResource) => PlanStep>> = {
  "ec2:instance": terminateInstance,
  "ebs:volume": deleteVolume,
  "ebs:snapshot": deleteSnapshot,
  "ec2:elastic-ip": releaseAddress,
  "vpc:security-group": deleteSecurityGroup,
};

export const DELETABLE_TYPES: readonly string[] = Object.keys(DELETERS);

export interface DeletableResource extends ExistingResource {
  /** `ec2:instance`… */
  type: string;
  /** Set when AWS protects it (termination protection). */
  awsProtection?: string;
  /** A security group: the network interfaces that use it (AWS refuses to delete it: DependencyViolation). */
  usedBy?: readonly string[];
}

export interface DeleteFacts {
  resources: readonly DeletableResource[];
  selection: string;
}

/** The types of a selection the delete blueprint does not serve (empty when all are). */
export function undeletableTypes(selection: Selection): string[] {
  return selection.types.filter((t) => !DELETABLE_TYPES.includes(t));
}

/** Why AWS would refuse to delete it now, or undefined. */
function refusal(r: DeletableResource): string | undefined {
  if (r.type === "ebs:volume" && r.state === "in-use")
    return `is attached to ${String(r.attributes["attachedTo"] ?? "an instance")}: detach it or terminate the instance first`;
  if (r.type === "ec2:elastic-ip" && r.attributes["isAssociated"] === true)
    return "is associated: disassociate it first";
  if (r.type === "vpc:security-group" && r.attributes["groupName"] === "default")
    return "is a VPC's default group, which AWS does not delete (it goes with its VPC)";
  if (r.usedBy !== undefined && r.usedBy.length > 0)
    return `is used by ${r.usedBy.join(", ")}: move them to another group first`;
  return undefined;
}

export function deleteBlueprint(facts: DeleteFacts, ctx: BlueprintContext, now: Date): Draft {
  const notes: string[] = [];
  const deletable = facts.resources.filter((r) => {
    const why = refusal(r);
    if (why !== undefined) notes.push(`Left out: ${r.type} ${labelOf(r)} ${why}.`);
    return why === undefined;
  });
  const rails = applyDeletionRails(
    deletable.map((r) => ({ ...r, label: `${r.type} ${labelOf(r)}` })),
    ctx.config.plans.protectTag,
    now,
  );
  notes.push(...rails.notes);
  if (rails.kept.length === 0) {
    throw new UsageError(
      facts.resources.length === 0
        ? `nothing to delete: no resource matches --select '${facts.selection}'`
        : `nothing to delete: all ${facts.resources.length} selected resources are left out (${notes.join(" ")})`,
      { code: "NothingToDo", hint: "Check the selection with `aws-coworker inventory`." },
    );
  }
  const steps = rails.kept.map((r) => DELETERS[r.type]!(r));
  notes.push(
    "Nothing this plan deletes can be brought back by a rollback: each step's rollback says what is lost and what to do instead.",
  );
  const n = rails.kept.length;
  return {
    goal: `Delete ${n} resource${n === 1 ? "" : "s"} (${facts.selection}) in ${ctx.account}`,
    steps,
    cost: [],
    notes,
  };
}
