/** The execution journal: a hash-chained JSON-lines file per run, refused when edited, read back as state. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  checkJournalAgainstPlan,
  executionsDir,
  Journal,
  journalState,
  listRunIds,
  readJournal,
  type JournalEvent,
  type JournalRecord,
} from "../../../src/aws/executor/journal.js";
import { canonicalJson } from "../../../src/core/canonical-json.js";
import { RefusedError, UsageError } from "../../../src/core/errors.js";
import { plan, PLAN_ID, sha256, step, thrown } from "../../core/plans/_plans.js";

const RUN = "run-20261124-120000-abcd";
const PLAN = plan([step("vpc"), step("subnet", { dependsOn: ["vpc"] }), step("igw")]);
const START: JournalEvent = {
  type: "run-started",
  runId: RUN,
  planId: PLAN.id,
  planHash: PLAN.hash,
  profile: "dev-admin",
  account: "111111111111",
};

let workspace: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), "cw-journal-"));
});
afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
});

/** A clock that moves one second per reading, from 2026-11-24 12:00 UTC. */
function clock(): () => Date {
  let tick = 0;
  return () => new Date(Date.UTC(2026, 10, 24, 12, 0, tick++));
}

const runDir = (runId = RUN) => join(executionsDir(workspace), runId);

function write(events: JournalEvent[], runId = RUN): JournalRecord[] {
  const journal = new Journal(runId, runDir(runId), clock());
  return events.map((e) => journal.append(e));
}

const EVENTS: JournalEvent[] = [
  START,
  { type: "step-started", stepId: "vpc", action: "CreateVpc", region: "eu-west-1" },
  { type: "step-completed", stepId: "vpc", outputs: { vpcId: "vpc-0abc" } },
  { type: "step-started", stepId: "subnet", action: "CreateSubnet", region: "eu-west-1" },
  { type: "step-completed", stepId: "subnet", outputs: { subnetId: "subnet-1" } },
  { type: "run-ended", status: "completed" },
];

const lines = () =>
  readFileSync(join(runDir(), "journal.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l !== "");
const rewrite = (next: string[]) =>
  writeFileSync(join(runDir(), "journal.jsonl"), next.map((l) => `${l}\n`).join(""));

function tampered(runId = RUN): RefusedError {
  const error = thrown(() => readJournal(workspace, runId));
  expect(error).toBeInstanceOf(RefusedError);
  expect(error.code).toBe("JournalTampered");
  expect(error.hint).toContain("Nothing was sent to AWS");
  return error as RefusedError;
}

describe("Journal and readJournal", () => {
  it("reads back what was appended, in order, each record chained to the one before", () => {
    const written = write(EVENTS);
    const read = readJournal(workspace, RUN);
    expect(read).toEqual(written);
    expect(read.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(read[0]?.prev).toBe("0".repeat(64));
    for (let i = 1; i < read.length; i++) expect(read[i]?.prev).toBe(read[i - 1]?.hash);
    expect(read.map((r) => r.at)).toEqual([0, 1, 2, 3, 4, 5].map((s) => `2026-11-24T12:00:0${s}.000Z`));
    expect(read[2]).toMatchObject({ type: "step-completed", stepId: "vpc", outputs: { vpcId: "vpc-0abc" } });
  });

  it("writes the file <workspace>/executions/<run id>/journal.jsonl, readable by its owner only", () => {
    const [first] = write([START]);
    const file = join(workspace, "executions", RUN, "journal.jsonl");
    expect(JSON.parse(readFileSync(file, "utf8").trim())).toEqual(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("continues the chain of a resumed run", () => {
    write(EVENTS.slice(0, 4));
    const resumed = new Journal(RUN, runDir(), clock(), readJournal(workspace, RUN));
    resumed.append({ type: "step-completed", stepId: "subnet", outputs: { subnetId: "subnet-1" } });
    resumed.append({ type: "run-ended", status: "completed" });
    const read = readJournal(workspace, RUN);
    expect(read.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(read.map((r) => r.type)).toEqual(EVENTS.map((e) => e.type));
  });

  it("refuses a line whose content was edited", () => {
    write(EVENTS);
    const all = lines();
    all[2] = all[2]!.replace("vpc-0abc", "vpc-evil");
    rewrite(all);
    expect(tampered().message).toBe(
      `the journal of run ${RUN} cannot be trusted: line 3 was edited, removed or reordered.`,
    );
  });

  it("refuses an edited line even when its own hash was recomputed (the next line no longer follows)", () => {
    write(EVENTS);
    const all = lines();
    const { hash: _old, ...body } = JSON.parse(all[2]!) as JournalRecord;
    const forgedBody = { ...body, outputs: { vpcId: "vpc-evil" } };
    all[2] = JSON.stringify({ ...forgedBody, hash: sha256(canonicalJson(forgedBody)) });
    rewrite(all);
    expect(tampered().message).toContain("line 4 was edited, removed or reordered");
  });

  it.each<[string, (all: string[]) => string[], number]>([
    ["a line removed", (all) => [...all.slice(0, 2), ...all.slice(3)], 3],
    ["the first line removed", (all) => all.slice(1), 1],
    ["two lines swapped", (all) => [all[0]!, all[2]!, all[1]!, ...all.slice(3)], 2],
    ["a line repeated", (all) => [...all.slice(0, 3), all[2]!, ...all.slice(3)], 4],
  ])("refuses %s, naming the first line out of the chain", (_name, edit, line) => {
    write(EVENTS);
    rewrite(edit(lines()));
    expect(tampered().message).toContain(`line ${line} was edited, removed or reordered`);
  });

  it("refuses a line that is not JSON", () => {
    write(EVENTS);
    const all = lines();
    all[1] = all[1]!.slice(0, 20);
    rewrite(all);
    expect(tampered().message).toContain("line 2 is not JSON");
  });

  it.each([["null"], ["42"], ['"text"'], ["[]"]])(
    "refuses a line that is JSON but no record (%s)",
    (line) => {
      write(EVENTS);
      const all = lines();
      all[1] = line;
      rewrite(all);
      expect(tampered().message).toContain("line 2 is not a journal record");
    },
  );

  it.each<[string, JournalEvent[]]>([
    ["begins with a step", [EVENTS[1]!, EVENTS[2]!]],
    ["is empty", []],
  ])("refuses a journal that %s instead of the run's start", (_name, events) => {
    write(events);
    if (events.length === 0) writeFileSync(join(runDir(), "journal.jsonl"), "");
    expect(tampered().message).toContain("it does not begin with the run's start");
  });

  it("refuses a run id that is not one: UsageError RunNotFound", () => {
    const error = thrown(() => readJournal(workspace, "../../etc/passwd"));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("RunNotFound");
    expect(error.message).toBe('"../../etc/passwd" is not a run id (run-…)');
    expect(error.hint).toContain("aws-coworker runs list");
  });

  it("refuses a run the workspace does not have: UsageError RunNotFound naming it", () => {
    const error = thrown(() => readJournal(workspace, "run-missing"));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("RunNotFound");
    expect(error.message).toBe("no execution run run-missing in this workspace");
  });
});

describe("checkJournalAgainstPlan", () => {
  it("accepts the journal of this plan as it stands", () => {
    expect(() => checkJournalAgainstPlan(RUN, write(EVENTS), PLAN)).not.toThrow();
  });

  it.each<[string, Partial<typeof START>]>([
    ["another plan", { planId: "plan-another" }],
    ["another version of the plan (its hash)", { planHash: "e".repeat(64) }],
  ])("refuses a journal whose run-started names %s: JournalTampered", (_name, over) => {
    const records = write([{ ...START, ...over } as JournalEvent, EVENTS[1]!]);
    const error = thrown(() => checkJournalAgainstPlan(RUN, records, PLAN));
    expect(error).toBeInstanceOf(RefusedError);
    expect(error.code).toBe("JournalTampered");
    expect(error.message).toBe(
      `the journal of run ${RUN} cannot be trusted: it was not written for plan ${PLAN_ID} as it stands (hash ${PLAN.hash.slice(0, 12)}…).`,
    );
  });

  it("refuses a journal of an edited plan (same id, new hash)", () => {
    const records = write(EVENTS);
    const edited = plan([step("vpc", { params: { CidrBlock: "10.9.0.0/16" } }), step("subnet"), step("igw")]);
    expect(edited.id).toBe(PLAN.id);
    expect(thrown(() => checkJournalAgainstPlan(RUN, records, edited)).code).toBe("JournalTampered");
  });

  it.each<[string, JournalEvent]>([
    ["started", { type: "step-started", stepId: "nat-a", action: "CreateNatGateway", region: "eu-west-1" }],
    ["completed", { type: "step-completed", stepId: "nat-a", outputs: {} }],
    ["rolled back", { type: "step-rolled-back", stepId: "nat-a" }],
  ])("refuses a journal that names a step the plan does not have (%s), naming it", (_name, event) => {
    const records = write([START, event]);
    const error = thrown(() => checkJournalAgainstPlan(RUN, records, PLAN));
    expect(error.code).toBe("JournalTampered");
    expect(error.message).toContain(`it names step nat-a, which plan ${PLAN_ID} does not have`);
  });

  it("refuses an empty journal", () => {
    expect(thrown(() => checkJournalAgainstPlan(RUN, [], PLAN)).code).toBe("JournalTampered");
  });
});

describe("journalState", () => {
  const state = (events: JournalEvent[]) => journalState(write(events));
  const started = (stepId: string): JournalEvent => ({
    type: "step-started",
    stepId,
    action: "X",
    region: "eu-west-1",
  });
  const completed = (stepId: string, outputs: Record<string, unknown> = {}): JournalEvent => ({
    type: "step-completed",
    stepId,
    outputs,
  });

  it("a finished run: every step's outputs, in the order they completed, and the status", () => {
    const s = state(EVENTS);
    expect(s.completed).toEqual(
      new Map([
        ["vpc", { vpcId: "vpc-0abc" }],
        ["subnet", { subnetId: "subnet-1" }],
      ]),
    );
    expect(s.order).toEqual(["vpc", "subnet"]);
    expect(s.inFlight).toEqual(new Set());
    expect(s.status).toBe("completed");
  });

  it("a step started and never finished is in flight, and the run still running", () => {
    const s = state([START, started("vpc"), completed("vpc", { vpcId: "vpc-1" }), started("subnet")]);
    expect(s.inFlight).toEqual(new Set(["subnet"]));
    expect([...s.completed.keys()]).toEqual(["vpc"]);
    expect(s.status).toBe("running");
  });

  it("a failed step is failed, not in flight", () => {
    const s = state([
      START,
      started("vpc"),
      { type: "step-failed", stepId: "vpc", errorName: "VpcLimitExceeded", message: "too many VPCs" },
      { type: "run-ended", status: "failed" },
    ]);
    expect(s.failed).toEqual(new Set(["vpc"]));
    expect(s.inFlight).toEqual(new Set());
    expect(s.completed.size).toBe(0);
    expect(s.status).toBe("failed");
  });

  it("a failed step started again (resume) is no longer failed; once it completes, it is done", () => {
    const failedThenRetried: JournalEvent[] = [
      START,
      started("vpc"),
      { type: "step-failed", stepId: "vpc", errorName: "Throttling", message: "slow down" },
      { type: "run-ended", status: "failed" },
      started("vpc"),
    ];
    const retrying = state(failedThenRetried);
    expect(retrying.failed).toEqual(new Set());
    expect(retrying.inFlight).toEqual(new Set(["vpc"]));
    expect(retrying.status).toBe("failed"); // the last run-ended so far
    const done = journalState(write([...failedThenRetried, completed("vpc", { vpcId: "vpc-2" })], "run-b"));
    expect(done.failed.size + done.inFlight.size).toBe(0);
    expect(done.completed.get("vpc")).toEqual({ vpcId: "vpc-2" });
  });

  it("skipped and rolled-back steps, and a rolled-back run", () => {
    const s = state([
      START,
      started("vpc"),
      completed("vpc", { vpcId: "vpc-1" }),
      started("igw"),
      { type: "step-failed", stepId: "igw", errorName: "InternalError", message: "" },
      { type: "step-skipped", stepId: "igw" },
      { type: "step-rolled-back", stepId: "vpc" },
      { type: "run-ended", status: "rolled-back" },
    ]);
    expect(s.skipped).toEqual(new Set(["igw"]));
    expect(s.rolledBack).toEqual(new Set(["vpc"]));
    expect(s.completed.get("vpc")).toEqual({ vpcId: "vpc-1" });
    expect(s.status).toBe("rolled-back");
  });

  it("keeps a reconciled step's outputs like any completed step's", () => {
    const s = state([
      START,
      started("vpc"),
      { type: "step-completed", stepId: "vpc", outputs: { vpcId: "vpc-9" }, reconciled: true },
    ]);
    expect(s.completed.get("vpc")).toEqual({ vpcId: "vpc-9" });
    expect(s.inFlight.size).toBe(0);
  });
});

describe("listRunIds", () => {
  it("lists the workspace's runs, newest first; none in a fresh workspace", () => {
    expect(listRunIds(workspace)).toEqual([]);
    write([START], "run-20261124-100000-a");
    write([START], "run-20261124-110000-b");
    expect(listRunIds(workspace)).toEqual(["run-20261124-110000-b", "run-20261124-100000-a"]);
  });
});
