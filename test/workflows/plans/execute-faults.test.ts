/**
 * Execution under faults, through the factory, gate, audit log and sandbox: a step failing mid-
 * plan with each choice (stop, then resume; roll back; retry; skip), a crash between a step's
 * call and its journal entry, and throttling.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { Journal, journalState, listRunIds, readJournal } from "../../../src/aws/executor/journal.js";
import type { FailureChoice } from "../../../src/aws/executor/run-plan.js";
import { DEMO_ACCOUNTS } from "../../../src/aws/sandbox/demo.js";
import type { Plan } from "../../../src/core/plans/plan.js";
import { planHarness, type PlanHarness } from "../../_helpers/plan-harness.js";

const DEV = DEMO_ACCOUNTS.development;
const REGIONS = ["eu-west-1", "us-east-1"];

async function twoRegionPlan(h: PlanHarness): Promise<Plan> {
  const { plan } = await h.create({
    blueprint: "tag",
    select: "ec2:instance",
    set: { "tags.ReviewedBy": "platform-team" },
    regions: REGIONS,
  });
  expect(plan.steps.map((s) => s.region)).toEqual(REGIONS);
  return plan;
}

function reviewed(h: PlanHarness, region: string): boolean[] {
  return h.sandbox.estate.accounts
    .find((a) => a.id === DEV)!
    .regions[region]!.instances.filter((i) => i.state !== "terminated")
    .map((i) => i.tags["ReviewedBy"] === "platform-team");
}

const denyUsEast1 = {
  rules: [{ match: { action: "CreateTags", region: "us-east-1" }, fail: "access-denied" as const }],
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a step failing mid-plan", () => {
  test("stop: the first region is tagged, the second not; resume runs only the step that failed", async () => {
    const h = await planHarness({ faults: denyUsEast1 });
    const plan = await twoRegionPlan(h);
    const run = await h.execute(plan.id, { onFailure: async () => "stop" });
    if (run.kind !== "run") throw new Error("expected a run");
    expect(run.status).toBe("stopped");
    expect(run.steps.map((s) => s.status)).toEqual(["completed", "failed"]);
    expect(run.steps[1]!.error?.name).toBe("UnauthorizedOperation");
    expect(reviewed(h, "eu-west-1").every(Boolean)).toBe(true);
    expect(reviewed(h, "us-east-1").some(Boolean)).toBe(false);

    h.sandbox.configureFaults({});
    const before = h.sandbox.calls.length;
    const resumed = await h.execute(plan.id, { resumeRunId: run.runId });
    expect(resumed.kind === "run" && resumed.status).toBe("completed");
    expect(
      h.sandbox.calls
        .slice(before)
        .filter((c) => c.action === "CreateTags")
        .map((c) => c.region),
    ).toEqual(["us-east-1"]);
    expect(reviewed(h, "us-east-1").every(Boolean)).toBe(true);
    expect(journalState(readJournal(h.store.workspaceDir, run.runId)).status).toBe("completed");
  });

  test("rollback: the completed step is undone with the plan's own rollback calls", async () => {
    const h = await planHarness({ faults: denyUsEast1 });
    const plan = await twoRegionPlan(h);
    const run = await h.execute(plan.id, { onFailure: async () => "rollback" });
    if (run.kind !== "run") throw new Error("expected a run");
    expect(run.status).toBe("rolled-back");
    expect(run.steps.map((s) => s.status)).toEqual(["rolled-back", "failed"]);
    expect(reviewed(h, "eu-west-1").some(Boolean)).toBe(false);
    expect(h.mutationsReached()).toEqual(["ec2:CreateTags", "ec2:CreateTags", "ec2:DeleteTags"]);
  });

  test("retry: a transient failure retried succeeds and the run completes", async () => {
    const h = await planHarness({
      faults: {
        rules: [{ match: { action: "CreateTags", region: "us-east-1" }, fail: "access-denied", times: 1 }],
      },
    });
    const plan = await twoRegionPlan(h);
    const choices: FailureChoice[] = [];
    const run = await h.execute(plan.id, { onFailure: async () => (choices.push("retry"), "retry") });
    expect(run.kind === "run" && run.status).toBe("completed");
    expect(choices).toHaveLength(1);
    expect(reviewed(h, "us-east-1").every(Boolean)).toBe(true);
  });

  test("skip: a batch that may be skipped is left out and the rest still runs", async () => {
    const h = await planHarness({
      faults: { rules: [{ match: { action: "CreateTags", region: "eu-west-1" }, fail: "access-denied" }] },
    });
    const plan = await twoRegionPlan(h);
    const run = await h.execute(plan.id, { onFailure: async () => "skip" });
    if (run.kind !== "run") throw new Error("expected a run");
    expect(run.steps.map((s) => s.status)).toEqual(["skipped", "completed"]);
    expect(reviewed(h, "us-east-1").every(Boolean)).toBe(true);
    expect(reviewed(h, "eu-west-1").some(Boolean)).toBe(false);
  });
});

describe("interruptions and throttling", () => {
  test("Ctrl-C: the call in flight finishes, the run stops before the next step, and --resume does the rest", async () => {
    const h = await planHarness();
    const plan = await twoRegionPlan(h);
    const interrupt = new AbortController();
    // The person presses Ctrl-C while the first step's call is in flight: the signal is aborted
    // by the time the executor journals that step's result.
    const append = Journal.prototype.append;
    vi.spyOn(Journal.prototype, "append").mockImplementation(function (this: Journal, event) {
      if (event.type === "step-started" && event.stepId === plan.steps[0]!.id) interrupt.abort();
      return append.call(this, event);
    });
    const pending = h.execute(plan.id, {}, interrupt.signal);
    const run = await pending;
    vi.restoreAllMocks();
    if (run.kind !== "run") throw new Error("expected a run");
    expect(run.status).toBe("interrupted");
    expect(run.steps.map((s) => s.status)).toEqual(["completed", "not-run"]);
    expect(reviewed(h, "eu-west-1").every(Boolean)).toBe(true);
    const resumed = await h.execute(plan.id, { resumeRunId: run.runId });
    expect(resumed.kind === "run" && resumed.status).toBe("completed");
    expect(h.mutationsReached()).toEqual(["ec2:CreateTags", "ec2:CreateTags"]);
  });

  test("a crash after a step's call but before its journal entry: resume repeats nothing that had completed", async () => {
    const h = await planHarness();
    const plan = await twoRegionPlan(h);
    const append = Journal.prototype.append;
    let crashed = false;
    vi.spyOn(Journal.prototype, "append").mockImplementation(function (this: Journal, event) {
      // The process dies here: nothing more is ever written.
      if (crashed || (event.type === "step-completed" && event.stepId === plan.steps[1]!.id)) {
        crashed = true;
        throw new Error("killed");
      }
      return append.call(this, event);
    });
    await expect(h.execute(plan.id)).rejects.toThrow("killed");
    vi.restoreAllMocks();
    const runId = readdirRuns(h)[0]!;
    const state = journalState(readJournal(h.store.workspaceDir, runId));
    expect([...state.inFlight]).toEqual([plan.steps[1]!.id]);
    const before = h.sandbox.calls.length;
    const resumed = await h.execute(plan.id, { resumeRunId: runId });
    expect(resumed.kind === "run" && resumed.status).toBe("completed");
    // The first step is not run again; the interrupted tagging step is (CreateTags is idempotent).
    expect(
      h.sandbox.calls
        .slice(before)
        .filter((c) => c.action === "CreateTags")
        .map((c) => c.region),
    ).toEqual(["us-east-1"]);
  });

  test("throttling during execution: the SDK retries and every step completes once", async () => {
    const h = await planHarness({
      faults: { rules: [{ match: { action: "CreateTags" }, fail: "throttle", times: 1 }] },
    });
    const plan = await twoRegionPlan(h);
    const run = await h.execute(plan.id);
    expect(run.kind === "run" && run.status).toBe("completed");
    const records = h.audit.records.filter((r) => r.action === "ec2:CreateTags");
    expect(records.map((r) => r.outcome)).toEqual(["ok", "ok"]);
    expect(records.reduce((n, r) => n + (r.attempts ?? 1), 0)).toBe(3);
  });
});

function readdirRuns(h: PlanHarness): string[] {
  return listRunIds(h.store.workspaceDir);
}
