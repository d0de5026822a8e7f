/** The cleanup blueprint and the deletion rails: what each finding becomes, what is left out and why, the savings. */
import { describe, expect, it } from "vitest";
import { cleanupBlueprint, type CleanupFacts } from "../../../src/core/plans/blueprints/cleanup.js";
import { applyDeletionRails, protectionByTag } from "../../../src/core/plans/blueprints/deletion-rails.js";
import type { PlanFinding } from "../../../src/core/plans/findings-input.js";
import { stepSchema } from "../../../src/core/plans/plan.js";
import { ACCOUNT, blueprintContext, DEFAULTS, NOW, REGION, thrown } from "./_plans.js";

const PROTECT = DEFAULTS.plans.protectTag;

function finding(checkId: string, id: string, monthlyCostUsd = 0): PlanFinding {
  return {
    checkId,
    status: "fail",
    account: ACCOUNT,
    region: REGION,
    resource: { type: "volume", id, name: null, tags: {} },
    message: "",
    evidence: { costBasis: `basis of ${id}` },
    monthlyCostUsd,
  };
}

type Existing = CleanupFacts["resources"][number];
const volume = (id: string, over: Partial<Existing> = {}): Existing => ({
  kind: "volume",
  id,
  name: `data-${id}`,
  region: REGION,
  state: "available",
  tags: { Name: `data-${id}`, Owner: "data-team" },
  attributes: { availabilityZone: `${REGION}b`, volumeType: "io2", sizeGiB: 100, iops: 4000 },
  ...over,
});
const address = (id: string, isAssociated = false): Existing => ({
  kind: "elastic-ip",
  id,
  name: undefined,
  region: REGION,
  state: undefined,
  tags: {},
  attributes: { publicIp: "203.0.113.7", isAssociated },
});
const simple = (kind: string, id: string, state?: string): Existing => ({
  kind,
  id,
  name: undefined,
  region: REGION,
  state,
  tags: {},
  attributes: { subnetId: "subnet-1" },
});

const facts = (findings: PlanFinding[], resources: Existing[]): CleanupFacts => ({
  findings,
  resources,
  source: "the findings file",
  notes: [],
});

describe("protectionByTag (plans.protectTag)", () => {
  it.each<[Record<string, string>, string | undefined]>([
    [{ "aws-coworker:protect": "true" }, "tagged aws-coworker:protect=true"],
    [{ "aws-coworker:protect": "True" }, "tagged aws-coworker:protect=True"],
    [{ "aws-coworker:protect": "false" }, undefined],
    [{ "aws-coworker:protect-until": "2026-11-24" }, "tagged aws-coworker:protect-until=2026-11-24"], // today: until the end of it
    [{ "aws-coworker:protect-until": "2027-01-01" }, "tagged aws-coworker:protect-until=2027-01-01"],
    [{ "aws-coworker:protect-until": "2026-11-23" }, undefined], // past
    [{ "aws-coworker:protect-until": "soon" }, undefined], // not a date: no protection claimed
    [{}, undefined],
  ])("%j → %s (now is the injected clock's 2026-11-24)", (tags, expected) => {
    expect(protectionByTag(tags, PROTECT, NOW)).toBe(expected);
  });

  it("honours the configured key and value", () => {
    const custom = { key: "keep", value: "yes", untilKey: "keep-until" };
    expect(protectionByTag({ keep: "YES" }, custom, NOW)).toBe("tagged keep=YES");
    expect(protectionByTag({ "aws-coworker:protect": "true" }, custom, NOW)).toBeUndefined();
  });

  it("leaves out AWS-protected resources, saying the protection is not turned off", () => {
    const out = applyDeletionRails(
      [
        { id: "i-1", label: "ec2:instance i-1", tags: {}, awsProtection: "termination protection" },
        { id: "i-2", label: "ec2:instance i-2", tags: {} },
      ],
      PROTECT,
      NOW,
    );
    expect(out.kept.map((c) => c.id)).toEqual(["i-2"]);
    expect(out.notes).toEqual([
      "Protected, left out: ec2:instance i-1 has termination protection; it is not turned off — lift it yourself if it really must go, then draft the plan again.",
    ]);
  });
});

describe("cleanupBlueprint", () => {
  it("snapshots a volume first, then deletes it; the rollback makes a volume from that snapshot like the old one", () => {
    const draft = cleanupBlueprint(
      facts([finding("ebs.volume-unattached", "vol-1", 12.5)], [volume("vol-1")]),
      blueprintContext(),
      NOW,
    );
    expect(draft.steps.map((s) => [s.id, s.action, s.dependsOn])).toEqual([
      ["snapshot-vol-1", "CreateSnapshot", []],
      ["delete-vol-1", "DeleteVolume", ["snapshot-vol-1"]],
    ]);
    for (const s of draft.steps) expect(stepSchema.safeParse(s).success).toBe(true);
    const [snap, del] = draft.steps as [(typeof draft.steps)[0], (typeof draft.steps)[0]];
    expect(snap.outputs).toEqual({ snapshotId: "SnapshotId" });
    expect(snap.validation).toMatchObject({
      action: "DescribeSnapshots",
      params: { SnapshotIds: [{ $ref: "snapshot-vol-1.snapshotId" }] },
      expect: [{ path: "Snapshots.0.State", equals: "completed" }],
    });
    expect(snap.lookup?.params["Filters"]).toEqual([
      { Name: "tag:aws-coworker:plan", Values: ["plan-20261124-120000-test"] },
      { Name: "tag:aws-coworker:step", Values: ["snapshot-vol-1"] },
    ]);
    // The snapshot carries the volume's tags, the plan's where the volume has none, and the markers.
    expect(snap.resources[0]!.tags).toMatchObject({
      Owner: "data-team",
      CostCenter: "CC-1234",
      Name: "data-vol-1 before cleanup",
      "aws-coworker:step": "snapshot-vol-1",
    });
    expect(snap.rollback.kind).toBe("none");
    expect(del.resources).toEqual([
      { type: "ebs/volume", id: "vol-1", name: "data-vol-1", change: "delete" },
    ]);
    expect(del.rollback).toMatchObject({
      kind: "calls",
      calls: [
        {
          action: "CreateVolume",
          params: {
            AvailabilityZone: "eu-west-1b",
            SnapshotId: { $ref: "snapshot-vol-1.snapshotId" },
            VolumeType: "io2",
            Size: 100,
            Iops: 4000,
            Encrypted: true,
            TagSpecifications: [
              {
                ResourceType: "volume",
                Tags: [
                  { Key: "Name", Value: "data-vol-1" },
                  { Key: "Owner", Value: "data-team" },
                ],
              },
            ],
          },
        },
      ],
    });
    expect(draft.cost).toEqual([
      {
        item: "delete volume data-vol-1 (vol-1) (eu-west-1)",
        monthlyUsd: -12.5,
        basis: "saving: basis of vol-1",
      },
    ]);
    expect(draft.goal).toBe(
      "Clean up 1 unused resource in 111111111111 (1 volume) from the findings file, saving about $12.50/month",
    );
    expect(draft.notes.join(" ")).toContain("creates a NEW volume (a new id)");
  });

  it("releases an address, deletes a snapshot and an interface, with manual rollbacks that say what is lost", () => {
    const draft = cleanupBlueprint(
      facts(
        [
          finding("ec2.eip-unassociated", "eipalloc-1", 3.65),
          finding("ebs.snapshot-old", "snap-1", 5),
          finding("ec2.eni-orphaned", "eni-1"),
        ],
        [
          address("eipalloc-1"),
          simple("snapshot", "snap-1", "completed"),
          simple("network-interface", "eni-1", "available"),
        ],
      ),
      blueprintContext(),
      NOW,
    );
    expect(draft.steps.map((s) => [s.action, s.params, s.rollback.kind])).toEqual([
      ["ReleaseAddress", { AllocationId: "eipalloc-1" }, "manual"],
      ["DeleteSnapshot", { SnapshotId: "snap-1" }, "manual"],
      ["DeleteNetworkInterface", { NetworkInterfaceId: "eni-1" }, "manual"],
    ]);
    expect(draft.steps[0]!.rollback).toMatchObject({
      instruction: expect.stringContaining("203.0.113.7 cannot be had back"),
    });
    expect(draft.steps[2]!.rollback).toMatchObject({ instruction: expect.stringContaining("in subnet-1") });
    // The interface costs nothing: no cost line for it.
    expect(draft.cost.map((c) => c.monthlyUsd)).toEqual([-3.65, -5]);
    expect(draft.goal).toContain("saving about $8.65/month");
    expect(draft.notes.join(" ")).toContain("Cannot be reversed: a released Elastic IP");
  });

  it("leaves out, and says why: stopped instances, idle load balancers, resources gone or changed since the audit, protected ones", () => {
    const draft = cleanupBlueprint(
      facts(
        [
          finding("ec2.instance-stopped-long", "i-1"),
          finding("elb.load-balancer-idle", "arn:lb"),
          finding("ebs.volume-unattached", "vol-gone"),
          finding("ebs.volume-unattached", "vol-attached"),
          finding("ec2.eip-unassociated", "eipalloc-now-used"),
          finding("ebs.volume-unattached", "vol-protected"),
          finding("ebs.volume-unattached", "vol-1", 1),
        ],
        [
          volume("vol-attached", { state: "in-use" }),
          address("eipalloc-now-used", true),
          volume("vol-protected", { tags: { "aws-coworker:protect": "true" } }),
          volume("vol-1"),
        ],
      ),
      blueprintContext(),
      NOW,
    );
    expect(draft.steps.map((s) => s.id)).toEqual(["snapshot-vol-1", "delete-vol-1"]);
    expect(draft.notes.slice(0, 6)).toEqual([
      "i-1: a stopped instance is left out: terminating it cannot be undone; use the delete blueprint (--select 'ec2:instance …') if it must go.",
      "arn:lb: an idle load balancer is left out: deleting it (and its listeners) needs the delete blueprint, which does not serve load balancers yet.",
      "vol-gone (eu-west-1) no longer exists; left out.",
      "data-vol-attached (vol-attached) is now in-use since the audit; left out.",
      "eipalloc-now-used is now associated since the audit; left out.",
      "Protected, left out: volume data-vol-protected (vol-protected) is tagged aws-coworker:protect=true (plans.protectTag).",
    ]);
  });

  it("refuses when nothing can be acted on (NothingToDo), naming why", () => {
    const none = thrown(() => cleanupBlueprint(facts([], []), blueprintContext(), NOW));
    expect(none.code).toBe("NothingToDo");
    expect(none.message).toBe(
      "nothing to clean up: the findings file has no unused resource in account 111111111111",
    );
    const gone = thrown(() =>
      cleanupBlueprint(facts([finding("ebs.snapshot-old", "snap-9")], []), blueprintContext(), NOW),
    );
    expect(gone.message).toContain("snap-9 (eu-west-1) no longer exists");
  });
});
