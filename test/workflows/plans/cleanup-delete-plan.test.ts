/**
 * The destructive blueprints end to end on the sandbox, through the client factory, the gate,
 * the audit log and the executor: cleanup of the demo development account's planted unused
 * resources (from the cleanup audit, or from its JSON) → approval → execution → the cleanup
 * audit no longer reports them, the saving as the audit figured it → rollback recreates the
 * volumes from their safety snapshots and says what cannot be reversed; delete with protected
 * and termination-protected instances in the selection; refused and blocked plans reach no
 * mutation.
 */
import { describe, expect, test } from "vitest";
import { buildDemoEstate, DEMO_ACCOUNTS } from "../../../src/aws/sandbox/demo.js";
import type { Estate, EstateRegion } from "../../../src/aws/sandbox/estate.js";
import { auditSettingsOf } from "../../../src/core/checks/settings.js";
import { silentIoHost } from "../../../src/core/io-host.js";
import { approvalFor } from "../../../src/core/plans/approval.js";
import { parseFindingsFile } from "../../../src/core/plans/findings-input.js";
import { PLAN_TAG, type Plan } from "../../../src/core/plans/plan.js";
import { renderAuditJson } from "../../../src/report/findings/json.js";
import { runAudit } from "../../../src/workflows/audit/index.js";
import { draftRollback } from "../../../src/workflows/plans/rollback.js";
import { planHarness, type PlanHarness } from "../../_helpers/plan-harness.js";

const DEV = DEMO_ACCOUNTS.development;
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];
const TAGS = { "tags.Owner": "platform-team", "tags.CostCenter": "CC-1001" };
const ACTED_ON = ["ebs.volume-unattached", "ec2.eip-unassociated", "ebs.snapshot-old", "ec2.eni-orphaned"];

async function cleanupAudit(h: PlanHarness) {
  return runAudit(
    {
      workflow: "cleanup",
      regions: REGIONS,
      settings: auditSettingsOf(h.config),
      suppressions: h.config.checks.suppressions,
    },
    { factory: h.readFactory, io: silentIoHost, account: DEV },
  );
}

function approve(h: PlanHarness, plan: Plan): void {
  h.store.saveApproval(
    approvalFor(plan, {
      profile: "demo-dev",
      approver: { osUser: "tester", callerArn: h.context.callerArn },
      now: new Date(),
      hours: 24,
      confirmation: plan.blastRadius.needsTypedCount ? "typed-count" : "typed-yes",
      approvalMode: h.context.approvalMode,
    }),
  );
}

const rollbackOf = (h: PlanHarness, runId: string) =>
  draftRollback(runId, {
    store: h.store,
    config: h.config,
    context: h.context,
    now: () => new Date(),
    osUser: "tester",
  }).plan;

function devRegion(estate: Estate, region = "us-east-1"): EstateRegion {
  return estate.accounts.find((a) => a.id === DEV)!.regions[region]!;
}

describe("the cleanup blueprint end to end on the sandbox", () => {
  test("cleans up the planted unused resources, saves what the audit figured, and its rollback recreates the volumes", async () => {
    const h = await planHarness();
    const before = (await cleanupAudit(h)).findings.filter(
      (f) => f.status === "fail" && ACTED_ON.includes(f.checkId),
    );
    expect(before.length).toBeGreaterThan(0);
    const volumes = devRegion(h.sandbox.estate).volumes.filter((v) =>
      before.some((f) => f.resource.id === v.id),
    );
    expect(volumes.length).toBeGreaterThan(0);

    const { plan } = await h.create({ blueprint: "cleanup", regions: REGIONS, set: TAGS });
    // Every acted-on finding is one step (volumes: a snapshot, then the deletion).
    const deleted = plan.steps.flatMap((s) => s.resources.filter((r) => r.change === "delete"));
    expect(deleted.map((r) => r.id).sort()).toEqual(before.map((f) => f.resource.id).sort());
    for (const v of volumes) {
      const snap = plan.steps.find((s) => s.id === `snapshot-${v.id}`)!;
      const del = plan.steps.find((s) => s.id === `delete-${v.id}`)!;
      expect(snap).toMatchObject({ action: "CreateSnapshot", params: { VolumeId: v.id } });
      expect(del).toMatchObject({ action: "DeleteVolume", dependsOn: [snap.id], params: { VolumeId: v.id } });
    }
    // The saving is the audit's figure, as negative cost lines, and the goal states it.
    const saving = before.reduce((sum, f) => sum + (f.monthlyCostUsd ?? 0), 0);
    expect(plan.cost.lines.every((l) => l.monthlyUsd < 0)).toBe(true);
    expect(plan.cost.monthlyUsd).toBeCloseTo(-saving, 2);
    expect(plan.goal).toContain(`saving about $${saving.toFixed(2)}/month`);
    // What it leaves out, and why; what cannot be reversed.
    expect(plan.notes.join("\n")).toMatch(/stopped instance is left out.*delete blueprint/);
    expect(plan.notes.join("\n")).toMatch(/Cannot be reversed: a deleted snapshot/);
    expect(plan.blastRadius.isDestructive).toBe(true);
    expect(plan.blastRadius.irreversibleSteps.length).toBe(
      before.filter((f) => f.checkId !== "ebs.volume-unattached").length,
    );
    expect(plan.governance.filter((g) => g.outcome === "block")).toEqual([]);

    // Destructive: demo-dev's approval mode wants a person; nothing is called before.
    await expect(h.execute(plan.id)).rejects.toMatchObject({ code: "ApprovalMissing" });
    expect(h.mutationsReached()).toEqual([]);
    approve(h, plan);
    const run = await h.execute(plan.id);
    if (run.kind !== "run") throw new Error("expected a run");
    expect(run.status).toBe("completed");
    expect(h.mutationsReached()).toEqual(plan.steps.map((s) => `ec2:${s.action}`));

    // The cleanup audit no longer reports them; what it still reports costs the saving less.
    const after = (await cleanupAudit(h)).findings.filter((f) => f.status === "fail");
    expect(after.filter((f) => before.some((b) => b.resource.id === f.resource.id))).toEqual([]);
    // The safety snapshots are there, tagged with the plan, and are not old: no new finding.
    const region = devRegion(h.sandbox.estate);
    const safety = region.snapshots.filter((s) => s.tags[PLAN_TAG] === plan.id);
    expect(safety.map((s) => s.volumeId).sort()).toEqual(volumes.map((v) => v.id).sort());
    expect(region.volumes.some((v) => volumes.some((o) => o.id === v.id))).toBe(false);

    // Roll back: the volumes come back from their snapshots (new ids); the rest is said.
    const reverse = rollbackOf(h, run.runId);
    expect(reverse.steps.map((s) => s.action)).toEqual(volumes.map(() => "CreateVolume"));
    expect(reverse.notes.join("\n")).toMatch(/Cannot be reversed automatically — Delete snapshot/);
    expect(reverse.notes.join("\n")).toMatch(/Delete network interface/);
    approve(h, reverse);
    const undone = await h.execute(reverse.id);
    expect(undone.kind === "run" && undone.status).toBe("completed");
    for (const old of volumes) {
      const snapshot = safety.find((s) => s.volumeId === old.id)!;
      const restored = devRegion(h.sandbox.estate).volumes.find((v) => v.snapshotId === snapshot.id);
      expect(restored).toMatchObject({
        availabilityZone: old.availabilityZone,
        type: old.type,
        sizeGiB: old.sizeGiB,
        encrypted: true,
        attachments: [],
        tags: old.tags,
      });
      expect(restored!.id).not.toBe(old.id);
    }
    // Every call of both runs is in the audit log, as ok.
    const audited = h.audit.records
      .filter((r) => r.class !== "discovery")
      .map((r) => `${r.action} ${r.outcome}`);
    expect(audited).toEqual([
      ...plan.steps.map((s) => `ec2:${s.action} ok`),
      ...reverse.steps.map(() => "ec2:CreateVolume ok"),
    ]);
  });

  test("from the audit's JSON: other accounts' findings are left out and said, a protected volume is left out", async () => {
    const h = await planHarness();
    const audit = await cleanupAudit(h);
    const volumeFinding = audit.findings.find((f) => f.checkId === "ebs.volume-unattached")!;
    const foreign = { ...volumeFinding, account: "999999999999", resource: { ...volumeFinding.resource } };
    const text = renderAuditJson({ ...audit, findings: [...audit.findings, foreign] });
    const findings = parseFindingsFile(text, "cleanup.json", "cleanup");
    // Protect one of the volumes with a protect-until date not yet past.
    const volume = devRegion(h.sandbox.estate).volumes.find((v) => v.id === volumeFinding.resource.id)!;
    volume.tags["aws-coworker:protect-until"] = "2999-12-31";
    const { plan } = await h.create({ blueprint: "cleanup", regions: REGIONS, set: TAGS, findings });
    expect(plan.steps.some((s) => s.params["VolumeId"] === volume.id)).toBe(false);
    expect(plan.notes.join("\n")).toContain(
      `Protected, left out: volume ${volume.tags["Name"]} (${volume.id}) is tagged aws-coworker:protect-until=2999-12-31`,
    );
    expect(plan.notes.join("\n")).toContain("1 finding of other accounts (999999999999) left out");
    expect(plan.goal).toContain("from the findings file");
    expect(h.mutationsReached()).toEqual([]);
  });
});

/** The demo estate with five development instances in us-east-1 tagged Purge=yes, three of them protected. */
function estateToPurge(): { estate: Estate; ids: Record<string, string> } {
  const estate = buildDemoEstate();
  const region = devRegion(estate);
  const running = region.instances.filter((i) => i.state === "running").slice(0, 5);
  expect(running).toHaveLength(5);
  const [tagged, until, terminationProtected, expired, plain] = running as [
    (typeof running)[0],
    (typeof running)[0],
    (typeof running)[0],
    (typeof running)[0],
    (typeof running)[0],
  ];
  for (const i of running) i.tags["Purge"] = "yes";
  tagged.tags["aws-coworker:protect"] = "TRUE";
  until.tags["aws-coworker:protect-until"] = "2999-01-01";
  terminationProtected.disableApiTermination = true;
  expired.tags["aws-coworker:protect-until"] = "2000-01-01";
  return {
    estate,
    ids: {
      tagged: tagged.id,
      until: until.id,
      terminationProtected: terminationProtected.id,
      expired: expired.id,
      plain: plain.id,
    },
  };
}

describe("the delete blueprint end to end on the sandbox", () => {
  test("protected and termination-protected instances are left out and said; the others are terminated", async () => {
    const { estate, ids } = estateToPurge();
    const h = await planHarness({ estate });
    const { plan } = await h.create({
      blueprint: "delete",
      select: "ec2:instance tag:Purge=yes",
      regions: ["us-east-1"],
    });
    expect(plan.steps.flatMap((s) => s.params["InstanceIds"] as string[]).sort()).toEqual(
      [ids.expired, ids.plain].sort(),
    );
    expect(plan.steps.every((s) => s.action === "TerminateInstances" && s.rollback.kind === "manual")).toBe(
      true,
    );
    const notes = plan.notes.join("\n");
    expect(notes).toContain(`(${ids.tagged}) is tagged aws-coworker:protect=TRUE`);
    expect(notes).toContain(`(${ids.until}) is tagged aws-coworker:protect-until=2999-01-01`);
    expect(notes).toMatch(
      new RegExp(
        `\\(${ids.terminationProtected}\\) has termination protection \\(disableApiTermination\\); it is not turned off`,
      ),
    );
    // The blast radius in full: every instance, all irreversible.
    expect(plan.blastRadius).toMatchObject({ resources: 2, byChange: { delete: 2 }, isDestructive: true });
    expect(plan.blastRadius.irreversibleSteps).toEqual(plan.steps.map((s) => s.id));
    // Reading termination protection is a read; drafting reached no mutation.
    expect(h.mutationsReached()).toEqual([]);

    approve(h, plan);
    const run = await h.execute(plan.id);
    expect(run.kind === "run" && run.status).toBe("completed");
    const state = (id: string) => devRegion(h.sandbox.estate).instances.find((i) => i.id === id)!.state;
    expect([state(ids.expired!), state(ids.plain!)]).toEqual(["terminated", "terminated"]);
    expect([state(ids.tagged!), state(ids.until!), state(ids.terminationProtected!)]).toEqual([
      "running",
      "running",
      "running",
    ]);
    expect(
      devRegion(h.sandbox.estate).instances.find((i) => i.id === ids.terminationProtected)!
        .disableApiTermination,
    ).toBe(true);
    // Its rollback has nothing to call: it says what cannot be reversed.
    if (run.kind !== "run") return;
    expect(() => rollbackOf(h, run.runId)).toThrow(
      /left nothing to undo\. Cannot be reversed automatically — Terminate instance .*a terminated instance cannot be started again/,
    );
  });

  test("deletes a selected volume, snapshot and unused security group, one step each; the inventory no longer has them", async () => {
    const estate = buildDemoEstate();
    const region = devRegion(estate);
    const volume = region.volumes.find((v) => v.attachments.length === 0)!;
    const snapshot = region.snapshots[0]!;
    // The demo's planted unused group (ec2.sg-unused), in eu-west-1.
    const group = devRegion(estate, "eu-west-1").securityGroups.find((g) => g.id === "sg-0bad0000000000006")!;
    for (const t of [volume.tags, snapshot.tags, group.tags]) t["Retire"] = "yes";
    const h = await planHarness({ estate });
    const { plan } = await h.create({
      blueprint: "delete",
      select: "ebs:volume ebs:snapshot vpc:security-group tag:Retire=yes",
      regions: ["us-east-1", "eu-west-1"],
    });
    expect(plan.steps.map((s) => s.action).sort()).toEqual([
      "DeleteSecurityGroup",
      "DeleteSnapshot",
      "DeleteVolume",
    ]);
    approve(h, plan);
    const run = await h.execute(plan.id);
    expect(run.kind === "run" && run.status).toBe("completed");
    const after = devRegion(h.sandbox.estate);
    expect(after.volumes.some((v) => v.id === volume.id)).toBe(false);
    expect(after.snapshots.some((s) => s.id === snapshot.id)).toBe(false);
    expect(devRegion(h.sandbox.estate, "eu-west-1").securityGroups.some((g) => g.id === group.id)).toBe(
      false,
    );
    expect(h.mutationsReached().sort()).toEqual([
      "ec2:DeleteSecurityGroup",
      "ec2:DeleteSnapshot",
      "ec2:DeleteVolume",
    ]);
    // Read again through the collectors, the same selection finds nothing left.
    await expect(
      h.create({
        blueprint: "delete",
        select: "ebs:volume ebs:snapshot vpc:security-group tag:Retire=yes",
        regions: ["us-east-1", "eu-west-1"],
      }),
    ).rejects.toMatchObject({ code: "NothingToDo" });
  });

  test("security groups in use by an interface, and default groups, are left out: AWS would refuse them", async () => {
    const h = await planHarness();
    const regions = ["us-east-1", "eu-west-1"];
    const { plan } = await h.create({ blueprint: "delete", select: "vpc:security-group", regions });
    const inRegions = regions.map((r) => devRegion(h.sandbox.estate, r));
    const used = new Set(inRegions.flatMap((r) => r.networkInterfaces.flatMap((n) => n.securityGroupIds)));
    const targeted = plan.steps.map((s) => s.params["GroupId"] as string);
    // The demo's one unused group is deleted; no group an interface uses, no default group.
    expect(targeted).toContain("sg-0bad0000000000006");
    expect(targeted.filter((g) => used.has(g))).toEqual([]);
    const defaults = inRegions.flatMap((r) =>
      r.securityGroups.filter((g) => g.name === "default").map((g) => g.id),
    );
    expect(targeted.filter((g) => defaults.includes(g))).toEqual([]);
    const notes = plan.notes.join("\n");
    expect(notes).toMatch(
      /Left out: vpc:security-group .* is used by eni-[0-9a-f]+.*: move them to another group first/,
    );
    expect(notes).toMatch(/is a VPC's default group/);
    expect(h.mutationsReached()).toEqual([]);
  });

  test("above plans.maxResources the plan is blocked and executing it reaches no mutation", async () => {
    const { estate } = estateToPurge();
    const yaml = (await import("node:fs"))
      .readFileSync(new URL("../../../config/demo.yaml", import.meta.url), "utf8")
      .concat("\nplans:\n  maxResources: 1\n  typedCountAbove: 1\n");
    const h = await planHarness({ estate, configYaml: yaml });
    const { plan } = await h.create({
      blueprint: "delete",
      select: "ec2:instance tag:Purge=yes",
      regions: ["us-east-1"],
    });
    expect(plan.governance).toContainEqual(
      expect.objectContaining({ rule: "plan.max-resources", outcome: "block" }),
    );
    expect(plan.blastRadius.needsTypedCount).toBe(true);
    approve(h, plan);
    await expect(h.execute(plan.id)).rejects.toMatchObject({ code: "GovernanceBlocked" });
    expect(h.mutationsReached()).toEqual([]);
  });

  test("a selection the delete blueprint cannot serve, or that leaves nothing, is refused before any call", async () => {
    const h = await planHarness();
    await expect(
      h.create({ blueprint: "delete", select: "vpc:subnet", regions: ["us-east-1"] }),
    ).rejects.toMatchObject({ code: "SelectionInvalid" });
    await expect(
      h.create({ blueprint: "delete", select: "ec2:instance tag:Purge=never", regions: ["us-east-1"] }),
    ).rejects.toMatchObject({ code: "NothingToDo" });
    await expect(h.create({ blueprint: "delete", regions: ["us-east-1"] })).rejects.toMatchObject({
      code: "BlueprintParamMissing",
    });
    expect(h.mutationsReached()).toEqual([]);
  });
});
