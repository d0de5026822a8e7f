/** The delete blueprint: one destructive step per selected resource, what AWS would refuse left out, the rails. */
import { describe, expect, it } from "vitest";
import {
  deleteBlueprint,
  undeletableTypes,
  type DeletableResource,
} from "../../../src/core/plans/blueprints/delete.js";
import { parseSelection } from "../../../src/core/plans/blueprints/tag.js";
import { stepSchema } from "../../../src/core/plans/plan.js";
import { blueprintContext, NOW, REGION, thrown } from "./_plans.js";

const r = (type: string, id: string, over: Partial<DeletableResource> = {}): DeletableResource => ({
  type,
  id,
  name: undefined,
  region: REGION,
  state: undefined,
  tags: {},
  attributes: {},
  ...over,
});

const draftOf = (resources: DeletableResource[]) =>
  deleteBlueprint({ resources, selection: "ec2:instance" }, blueprintContext(), NOW);

describe("deleteBlueprint", () => {
  it("drafts one destructive step per resource, each irreversible with a manual rollback", () => {
    const draft = draftOf([
      r("ec2:instance", "i-1", { name: "web-1", state: "running" }),
      r("ebs:volume", "vol-1", { state: "available" }),
      r("ebs:snapshot", "snap-1"),
      r("ec2:elastic-ip", "eipalloc-1", { attributes: { publicIp: "198.51.100.1", isAssociated: false } }),
      r("vpc:security-group", "sg-1", { attributes: { groupName: "old-web" } }),
    ]);
    expect(draft.steps.map((s) => [s.id, s.action, s.params])).toEqual([
      ["terminate-i-1", "TerminateInstances", { InstanceIds: ["i-1"] }],
      ["delete-vol-1", "DeleteVolume", { VolumeId: "vol-1" }],
      ["delete-snap-1", "DeleteSnapshot", { SnapshotId: "snap-1" }],
      ["release-eipalloc-1", "ReleaseAddress", { AllocationId: "eipalloc-1" }],
      ["delete-sg-1", "DeleteSecurityGroup", { GroupId: "sg-1" }],
    ]);
    for (const s of draft.steps) {
      expect(stepSchema.safeParse(s).success).toBe(true);
      expect(s.rollback.kind).toBe("manual");
      expect(s.resources).toEqual([
        expect.objectContaining({ id: s.id.replace(/^[a-z]+-/, ""), change: "delete" }),
      ]);
    }
    expect(draft.steps[0]!.validation).toMatchObject({
      expect: [{ path: "Reservations.0.Instances.0.State.Name", equals: "terminated" }],
    });
    expect(draft.steps[0]!.title).toBe("Terminate instance web-1 (i-1)");
    expect(draft.goal).toBe("Delete 5 resources (ec2:instance) in 111111111111");
  });

  it("leaves out what AWS would refuse, the protected and the termination-protected, and says why", () => {
    const draft = draftOf([
      r("ebs:volume", "vol-in-use", { state: "in-use", attributes: { attachedTo: "i-9" } }),
      r("ec2:elastic-ip", "eipalloc-used", { attributes: { isAssociated: true } }),
      r("vpc:security-group", "sg-default", { attributes: { groupName: "default" } }),
      r("ec2:instance", "i-protected", { tags: { "aws-coworker:protect": "true" } }),
      r("ec2:instance", "i-guarded", { awsProtection: "termination protection (disableApiTermination)" }),
      r("vpc:security-group", "sg-used", { usedBy: ["eni-1", "eni-2"] }),
      r("ec2:instance", "i-go"),
    ]);
    expect(draft.steps.map((s) => s.id)).toEqual(["terminate-i-go"]);
    expect(draft.notes.slice(0, 6)).toEqual([
      "Left out: ebs:volume vol-in-use is attached to i-9: detach it or terminate the instance first.",
      "Left out: ec2:elastic-ip eipalloc-used is associated: disassociate it first.",
      "Left out: vpc:security-group sg-default is a VPC's default group, which AWS does not delete (it goes with its VPC).",
      "Left out: vpc:security-group sg-used is used by eni-1, eni-2: move them to another group first.",
      "Protected, left out: ec2:instance i-protected is tagged aws-coworker:protect=true (plans.protectTag).",
      "Protected, left out: ec2:instance i-guarded has termination protection (disableApiTermination); it is not turned off — lift it yourself if it really must go, then draft the plan again.",
    ]);
  });

  it("refuses an empty selection, or one that leaves everything out (NothingToDo)", () => {
    expect(thrown(() => draftOf([])).message).toBe(
      "nothing to delete: no resource matches --select 'ec2:instance'",
    );
    const all = thrown(() =>
      draftOf([r("ec2:instance", "i-1", { tags: { "aws-coworker:protect": "true" } })]),
    );
    expect(all.code).toBe("NothingToDo");
    expect(all.message).toContain("all 1 selected resources are left out");
  });

  it("names the types it does not delete", () => {
    expect(undeletableTypes(parseSelection("ec2:instance vpc:subnet vpc:vpc"))).toEqual([
      "vpc:subnet",
      "vpc:vpc",
    ]);
    expect(undeletableTypes(parseSelection("ebs:volume ebs:snapshot"))).toEqual([]);
  });
});
