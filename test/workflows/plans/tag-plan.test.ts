/**
 * Bulk tagging end to end, through the client factory, the gate, the audit log and the sandbox:
 * plan → execute in batches with a per-resource outcome → the tags are there (and tag
 * compliance passes for them) → rollback plan → approval → execute → the tags are gone.
 */
import { describe, expect, test } from "vitest";
import { buildDemoEstate, DEMO_ACCOUNTS } from "../../../src/aws/sandbox/demo.js";
import type { Estate } from "../../../src/aws/sandbox/estate.js";
import { auditSettingsOf } from "../../../src/core/checks/settings.js";
import { silentIoHost } from "../../../src/core/io-host.js";
import { approvalFor } from "../../../src/core/plans/approval.js";
import { runAudit } from "../../../src/workflows/audit/run-audit.js";
import { draftRollback } from "../../../src/workflows/plans/rollback.js";
import { listRuns } from "../../../src/workflows/plans/runs.js";
import { planHarness, type PlanHarness } from "../../_helpers/plan-harness.js";

/** The ids of instances that tag compliance (the demo's tagging policy) finds missing an Owner tag. */
async function missingOwner(h: PlanHarness): Promise<string[]> {
  const result = await runAudit(
    {
      workflow: "tag-compliance",
      types: ["ec2:instance"],
      regions: ["us-east-1"],
      settings: auditSettingsOf(h.config),
      suppressions: [],
    },
    { factory: h.readFactory, io: silentIoHost, account: DEV, now: () => new Date() },
  );
  return result.findings
    .filter(
      (f) =>
        f.checkId === "tags.missing-required" &&
        f.status === "fail" &&
        JSON.stringify(f.evidence).includes("Owner"),
    )
    .map((f) => f.resource.id);
}

const DEV = DEMO_ACCOUNTS.development;

/** The demo estate with `count` more running development instances in us-east-1, none with an Owner tag. */
function estateWithInstances(count: number): Estate {
  const estate = buildDemoEstate();
  const region = estate.accounts.find((a) => a.id === DEV)!.regions["us-east-1"]!;
  const template = region.instances.find((i) => i.state === "running")!;
  for (let n = 0; n < count; n++) {
    region.instances.push({
      ...template,
      id: `i-0b${String(n).padStart(15, "0")}`,
      privateIp: `10.99.${Math.floor(n / 250)}.${(n % 250) + 1}`,
      tags: { Name: `bulk-${n}`, Environment: "development", CostCenter: "CC-1001" },
    });
  }
  return estate;
}

function tagsOf(estate: Estate, ids: readonly string[]): Record<string, Record<string, string>> {
  const region = estate.accounts.find((a) => a.id === DEV)!.regions["us-east-1"]!;
  return Object.fromEntries(region.instances.filter((i) => ids.includes(i.id)).map((i) => [i.id, i.tags]));
}

describe("the tag blueprint end to end on the sandbox", () => {
  test("tags 234 instances in batches of the configured size, each resource reported, then the rollback removes the tag", async () => {
    const h = await planHarness({ estate: estateWithInstances(234) });
    const before = await missingOwner(h);
    expect(before.filter((id) => id.startsWith("i-0b0"))).toHaveLength(234);
    const { plan } = await h.create({
      blueprint: "tag",
      select: "ec2:instance tag:Environment=development !tag:Owner",
      set: { "tags.Owner": "platform-team" },
      regions: ["us-east-1"],
    });
    const ids = plan.steps.flatMap((s) => s.params["Resources"] as string[]);
    expect(ids.length).toBeGreaterThanOrEqual(234);
    expect(
      plan.steps.every((s) => (s.params["Resources"] as string[]).length <= h.config.orchestration.batchSize),
    ).toBe(true);
    expect(plan.steps).toHaveLength(Math.ceil(ids.length / h.config.orchestration.batchSize));
    expect(plan.blastRadius).toMatchObject({ resources: ids.length, isDestructive: false });
    expect(plan.governance.filter((g) => g.outcome === "block")).toEqual([]);

    // Tagging is not destructive: under demo-dev's destructive-only mode it runs without a person's approval.
    const run = await h.execute(plan.id);
    if (run.kind !== "run") throw new Error("expected a run");
    expect(run.status).toBe("completed");
    const outcome = run.steps.flatMap((s) => s.resources.map((r) => ({ id: r.id, status: s.status })));
    expect(outcome).toHaveLength(ids.length);
    expect(outcome.every((o) => o.status === "completed")).toBe(true);
    expect(run.approval.confirmation).toBe("not-required");
    const after = tagsOf(h.sandbox.estate, ids);
    expect(Object.values(after).every((t) => t["Owner"] === "platform-team")).toBe(true);
    // Tag compliance now passes for every instance the plan tagged.
    expect((await missingOwner(h)).filter((id) => ids.includes(id))).toEqual([]);
    // Exactly one CreateTags per batch reached AWS, nothing else mutating.
    expect(h.mutationsReached()).toEqual(plan.steps.map(() => "ec2:CreateTags"));
    expect(listRuns(h.store)[0]).toMatchObject({ runId: run.runId, status: "completed", isReversible: true });

    // The same selection now finds nothing to do.
    await expect(
      h.create({
        blueprint: "tag",
        select: "ec2:instance tag:Environment=development !tag:Owner",
        set: { "tags.Owner": "platform-team" },
        regions: ["us-east-1"],
      }),
    ).rejects.toMatchObject({ code: "NothingToDo" });

    // Roll back: a new plan, destructive calls (DeleteTags), so demo-dev needs a person's approval.
    const { plan: reverse } = draftRollback(run.runId, {
      store: h.store,
      config: h.config,
      context: h.context,
      now: () => new Date(),
      osUser: "tester",
    });
    expect(reverse.origin).toEqual({ kind: "rollback", runId: run.runId, planId: plan.id });
    expect(reverse.steps.every((s) => s.action === "DeleteTags")).toBe(true);
    await expect(h.execute(reverse.id)).rejects.toMatchObject({ code: "ApprovalMissing" });
    h.store.saveApproval(
      approvalFor(reverse, {
        profile: "demo-dev",
        approver: { osUser: "tester", callerArn: h.context.callerArn },
        now: new Date(),
        hours: 24,
        confirmation: "typed-yes",
        approvalMode: "destructive-only",
      }),
    );
    const undone = await h.execute(reverse.id);
    expect(undone.kind === "run" && undone.status).toBe("completed");
    expect(Object.values(tagsOf(h.sandbox.estate, ids)).some((t) => t["Owner"] !== undefined)).toBe(false);
    // Every call of both runs is in the audit log, the mutations as ok.
    const audited = h.audit.records
      .filter((r) => r.class !== "discovery")
      .map((r) => `${r.action} ${r.outcome}`);
    expect(audited).toEqual([
      ...plan.steps.map(() => "ec2:CreateTags ok"),
      ...reverse.steps.map(() => "ec2:DeleteTags ok"),
    ]);
  });

  test("a rollback restores a value the resource had before rather than deleting the key", async () => {
    const h = await planHarness();
    const estate = h.sandbox.estate;
    const region = estate.accounts.find((a) => a.id === DEV)!.regions["us-east-1"]!;
    const target = region.instances.find((i) => i.tags["Owner"] !== undefined && i.state !== "terminated")!;
    const previous = target.tags["Owner"]!;
    const { plan } = await h.create({
      blueprint: "tag",
      select: `ec2:instance tag:Owner=${previous}`,
      set: { "tags.Owner": "platform-team" },
      regions: ["us-east-1"],
    });
    const run = await h.execute(plan.id);
    expect(run.kind === "run" && run.status).toBe("completed");
    expect(tagsOf(h.sandbox.estate, [target.id])[target.id]!["Owner"]).toBe("platform-team");
    const { plan: reverse } = draftRollback(run.kind === "run" ? run.runId : "", {
      store: h.store,
      config: h.config,
      context: h.context,
      now: () => new Date(),
      osUser: "tester",
    });
    expect(reverse.steps.map((s) => s.action)).toEqual(["CreateTags"]);
    const undone = await h.execute(reverse.id); // CreateTags: not destructive, no approval asked
    expect(undone.kind === "run" && undone.status).toBe("completed");
    expect(tagsOf(h.sandbox.estate, [target.id])[target.id]!["Owner"]).toBe(previous);
  });
});
