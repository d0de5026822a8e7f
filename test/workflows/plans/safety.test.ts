/**
 * The safety model of execution: every way a plan could run without a person's valid approval,
 * outside its account, or in an environment that never executes directly is refused — and in
 * every case no mutating call reaches the transport (the sandbox's call log has none).
 */
import { readFileSync, writeFileSync, appendFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { executionsDir, Journal } from "../../../src/aws/executor/journal.js";
import { approvalFor, type Approval } from "../../../src/core/plans/approval.js";
import { sealPlan } from "../../../src/core/plans/hash.js";
import type { Plan } from "../../../src/core/plans/plan.js";
import { RefusedError } from "../../../src/core/errors.js";
import { sha256 } from "../../../src/workflows/plans/store.js";
import { planHarness, type PlanHarness } from "../../_helpers/plan-harness.js";

const SELECT = "ec2:instance";

async function draft(h: PlanHarness): Promise<Plan> {
  const { plan } = await h.create({
    blueprint: "tag",
    select: SELECT,
    set: { "tags.ReviewedBy": "platform-team" },
    regions: ["us-east-1"],
  });
  return plan;
}

/** A rollback-like plan of destructive steps (DeleteTags), so that demo-dev's destructive-only mode asks for approval. */
async function destructivePlan(h: PlanHarness): Promise<Plan> {
  const plan = await draft(h);
  const steps = plan.steps.map(({ validation: _v, ...s }) => ({
    ...s,
    action: "DeleteTags",
    params: { Resources: s.params["Resources"], Tags: [{ Key: "Environment" }] },
  }));
  const { hash: _h, ...content } = { ...plan, id: `${plan.id}-del`, steps };
  const sealed = sealPlan(content, sha256);
  h.store.save(sealed);
  return sealed;
}

function approve(h: PlanHarness, plan: Plan, overrides: Partial<Approval> = {}): Approval {
  const approval = {
    ...approvalFor(plan, {
      profile: h.context.profile.name,
      approver: { osUser: "tester", callerArn: h.context.callerArn },
      now: new Date(),
      hours: 24,
      confirmation: "typed-yes",
      approvalMode: h.context.approvalMode,
    }),
    ...overrides,
  };
  h.store.saveApproval(approval);
  return approval;
}

/** A run of the plan whose journal holds only its start, as an interrupted run's would. */
function startedRun(h: PlanHarness, plan: Plan, runId: string): { runId: string; journal: Journal } {
  const journal = new Journal(runId, join(executionsDir(h.store.workspaceDir), runId), () => new Date());
  journal.append({
    type: "run-started",
    runId,
    planId: plan.id,
    planHash: plan.hash,
    profile: "demo-dev",
    account: plan.context.account,
  });
  return { runId, journal };
}

async function expectRefused(h: PlanHarness, planId: string, code: string): Promise<void> {
  const error = await h.execute(planId).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RefusedError);
  expect(error).toMatchObject({ code });
  expect((error as RefusedError).message).toContain("no changes made");
  expect((error as RefusedError).hint).toBeTruthy();
  expect(h.mutationsReached()).toEqual([]);
}

describe("execution is refused, and nothing mutating reaches AWS, when", () => {
  test("the plan needs approval and has none", async () => {
    const h = await planHarness();
    await expectRefused(h, (await destructivePlan(h)).id, "ApprovalMissing");
  });

  test("the approval is another plan's", async () => {
    const h = await planHarness();
    const a = await destructivePlan(h);
    const other = await draft(h);
    const approval = approve(h, other);
    writeFileSync(join(h.store.approvalsDir, `${a.id}.json`), JSON.stringify(approval));
    await expectRefused(h, a.id, "ApprovalForAnotherPlan");
  });

  test("the plan was edited after approval (hash no longer matches its content)", async () => {
    const h = await planHarness();
    const plan = await destructivePlan(h);
    approve(h, plan);
    const file = join(h.store.plansDir, `${plan.id}.json`);
    writeFileSync(file, readFileSync(file, "utf8").replace('"Environment"', '"CostCenter"'));
    await expectRefused(h, plan.id, "PlanHashMismatch");
  });

  test("the plan was edited and re-hashed after approval (the approval binds the old hash)", async () => {
    const h = await planHarness();
    const plan = await destructivePlan(h);
    approve(h, plan);
    const { hash: _old, ...content } = plan;
    const edited = sealPlan(
      {
        ...content,
        steps: plan.steps.map((s) => ({ ...s, params: { ...s.params, Tags: [{ Key: "CostCenter" }] } })),
      },
      sha256,
    );
    h.store.save(edited);
    await expectRefused(h, plan.id, "PlanHashMismatch");
  });

  test("the approval expired", async () => {
    const h = await planHarness();
    const plan = await destructivePlan(h);
    approve(h, plan, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    await expectRefused(h, plan.id, "ApprovalExpired");
  });

  test("the approval names another profile", async () => {
    const h = await planHarness();
    const plan = await destructivePlan(h);
    approve(h, plan, { profile: "demo-sandbox" });
    await expectRefused(h, plan.id, "ApprovalProfileMismatch");
  });

  test.each([
    ["demo-prod", "EnvironmentIacOnly"],
    ["demo-staging", "EnvironmentIacOnly"],
  ])(
    "the profile is %s (never executed directly; the refusal says to prepare a production change)",
    async (profile, code) => {
      const h = await planHarness({ profile });
      const plan = await draft(h);
      approve(h, plan);
      const error = await h.execute(plan.id).catch((e: unknown) => e);
      expect(error).toMatchObject({ code });
      expect((error as RefusedError).hint).toContain("production change");
      expect(h.mutationsReached()).toEqual([]);
    },
  );

  test("the profile is unknown to the configuration (read-only, unclassified)", async () => {
    // A configuration that knows the account but no profile and no pattern.
    const yaml = 'accounts:\n  "333333333333":\n    name: northwind-dev\n    classification: development\n';
    const dev = await planHarness();
    const plan = await draft(dev);
    const h = await planHarness({ configYaml: yaml, dir: dev.dir });
    expect(h.context.profile.source).toBe("unknown");
    await expectRefused(h, plan.id, "EnvironmentUnknown");
  });

  test("the profile is read-only (classified by a pattern, no read-write)", async () => {
    const yaml = readFileSync(new URL("../../../config/demo.yaml", import.meta.url), "utf8").replace(
      /^ {2}demo-dev:\n(?: {4}.*\n)+/m,
      "",
    );
    const dev = await planHarness();
    const plan = await draft(dev);
    const h = await planHarness({ configYaml: yaml, dir: dev.dir });
    expect(h.context.permissions).toBe("read-only");
    await expectRefused(h, plan.id, "ProfileReadOnly");
  });

  test("the credentials are another account's than the plan's", async () => {
    const dev = await planHarness();
    const plan = await draft(dev);
    const h = await planHarness({ profile: "demo-sandbox", dir: dev.dir });
    await expectRefused(h, plan.id, "AccountMismatch");
  });

  test("a journal was edited to add a step the plan does not have", async () => {
    const h = await planHarness();
    const plan = await destructivePlan(h);
    approve(h, plan);
    const { runId, journal } = startedRun(h, plan, "run-20261204-000000-beef");
    journal.append({
      type: "step-started",
      stepId: "delete-everything",
      action: "ec2:TerminateInstances",
      region: "us-east-1",
    });
    const error = await h.execute(plan.id, { resumeRunId: runId }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "JournalTampered" });
    expect(h.mutationsReached()).toEqual([]);
  });

  test("a journal line was edited by hand (the hash chain breaks)", async () => {
    const h = await planHarness();
    const plan = await destructivePlan(h);
    approve(h, plan);
    const { runId, journal } = startedRun(h, plan, "run-20261204-000000-cafe");
    appendFileSync(
      journal.file,
      JSON.stringify({
        type: "step-completed",
        stepId: plan.steps[0]!.id,
        outputs: {},
        seq: 2,
        at: "x",
        prev: "0",
        hash: "0",
      }) + "\n",
    );
    const error = await h.execute(plan.id, { resumeRunId: runId }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "JournalTampered" });
    expect(h.mutationsReached()).toEqual([]);
  });

  test("a valid approval lets the same plan run (the control case)", async () => {
    const h = await planHarness();
    const plan = await destructivePlan(h);
    approve(h, plan);
    const run = await h.execute(plan.id);
    expect(run.kind === "run" && run.status).toBe("completed");
    expect(h.mutationsReached()).toEqual(plan.steps.map(() => "ec2:DeleteTags"));
  });
});

describe("the gate under the executor", () => {
  test("a step's authorisation admits only its own action, account and region", async () => {
    const h = await planHarness();
    const plan = await draft(h);
    const approval = approve(h, plan);
    const auth = {
      planId: plan.id,
      planHash: plan.hash,
      stepId: plan.steps[0]!.id,
      action: "ec2:CreateTags",
      account: plan.context.account,
      region: "us-east-1",
      approval: {
        planHash: approval.planHash,
        account: approval.account,
        profile: approval.profile,
        expiresAt: approval.expiresAt,
      },
    };
    const factory = h.stepFactory(auth);
    await expect(
      factory.send("ec2", "us-east-1", "TerminateInstances", { InstanceIds: ["i-0123"] }),
    ).rejects.toMatchObject({ code: "AuthorizationMismatch" });
    await expect(
      factory.send("ec2", "eu-west-1", "CreateTags", { Resources: ["i-0123"], Tags: [] }),
    ).rejects.toMatchObject({ code: "AuthorizationMismatch" });
    const expired = h.stepFactory({
      ...auth,
      approval: { ...auth.approval, expiresAt: new Date(Date.now() - 1).toISOString() },
    });
    await expect(
      expired.send("ec2", "us-east-1", "CreateTags", { Resources: ["i-0123"], Tags: [] }),
    ).rejects.toMatchObject({ code: "ApprovalExpired" });
    expect(h.mutationsReached()).toEqual([]);
    expect(h.audit.records.filter((r) => r.outcome === "refused")).toHaveLength(3);
  });
});

describe("an approved plan runs once", () => {
  test("a second fresh run of a completed plan is refused (no mutation); an unfinished run points to --resume", async () => {
    const h = await planHarness();
    const plan = await draft(h);
    const first = await h.execute(plan.id);
    expect(first.kind === "run" && first.status).toBe("completed");
    const reached = h.mutationsReached().length;
    await expect(h.execute(plan.id)).rejects.toMatchObject({ code: "PlanAlreadyExecuted" });
    expect(h.mutationsReached()).toHaveLength(reached);

    const other = await planHarness({
      faults: { rules: [{ match: { action: "CreateTags" }, fail: "access-denied" }] },
    });
    const stopped = await draft(other);
    const run = await other.execute(stopped.id);
    expect(run.kind === "run" && run.status).toBe("stopped");
    const error = await other.execute(stopped.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RunUnfinished" });
    expect((error as RefusedError).hint).toContain("--resume");
  });
});
