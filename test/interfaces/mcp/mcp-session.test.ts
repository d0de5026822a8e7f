/**
 * An agent's whole session over MCP on the sandbox, and its attempts to change AWS without a
 * person's approval. The person approves through the CLI (`plan approve` at a terminal, in
 * process); the agent has no way to.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { approvalFor } from "../../../src/core/plans/approval.js";
import type { Plan } from "../../../src/core/plans/plan.js";
import { cli } from "../../_helpers/cli.js";
import { mcpHarness, TAG_UNOWNED, tagThenDraftRollback, type McpHarness } from "./mcp-harness.js";

let h: McpHarness;
beforeEach(async () => {
  h = await mcpHarness();
});
afterEach(async () => {
  await h.close();
});

const data = <T>(r: CallToolResult) => r.structuredContent as T;
const approveAtTerminal = (id: string) =>
  cli(["plan", "approve", id, "--sandbox", "--profile", "demo-dev"], { cwd: h.cwd, answers: ["yes"] });
const estateFile = () => join(h.cwd, ".aws-coworker", "sandbox", "estate.json");
/** An approval file the agent writes itself, as `plan approve` would, for the plan given. */
function forgeApproval(plan: Plan): void {
  const approval = approvalFor(plan, {
    profile: "demo-dev",
    approver: { osUser: "agent", callerArn: "arn:aws:iam::333333333333:role/agent" },
    now: new Date(),
    hours: 24,
    confirmation: "typed-yes",
    approvalMode: "destructive-only",
  });
  writeFileSync(join(h.cwd, ".aws-coworker", "approvals", `${plan.id}.json`), JSON.stringify(approval));
}
const planFile = (id: string) => join(h.cwd, ".aws-coworker", "plans", `${id}.json`);

describe("aws-coworker mcp: an agent's session", () => {
  test("context → inventory → cleanup → plan → execute → rollback draft → a person approves → execute, all audited", async () => {
    const context = await h.call("context", { profile: "demo-dev" });
    expect(data<{ announcement: { account: string } }>(context).announcement.account).toBe("333333333333");
    const inventory = await h.call("inventory", { profile: "demo-dev", services: ["ec2"] });
    const untagged = data<{ resources: { type: string; state: string; tags: Record<string, string> }[] }>(
      inventory,
    ).resources.filter(
      (r) => r.type === "instance" && r.state !== "terminated" && r.tags["Owner"] === undefined,
    );
    expect(untagged.length).toBeGreaterThan(0);
    const cleanup = await h.call("cleanup", { profile: "demo-dev" });
    expect(cleanup.isError).toBeFalsy();
    expect(h.auditActions()).toEqual([]);

    const created = await h.call("plan_create_tag", TAG_UNOWNED);
    expect(h.text(created)).toContain("## Blast radius");
    expect(h.text(created)).toContain("aws-coworker plan approve");
    const planId = data<{ plan: { id: string } }>(created).plan.id;
    expect(data<{ plans: { id: string }[] }>(await h.call("plan_list")).plans.map((p) => p.id)).toEqual([
      planId,
    ]);
    const shown = await h.call("plan_show", { planId: "last" });
    expect(data<{ plan: { id: string }; isIntact: boolean }>(shown)).toMatchObject({
      plan: { id: planId },
      isIntact: true,
    });
    const dry = await h.call("execute", { planId, dryRun: true });
    expect(h.text(dry)).toContain("none was");
    expect(h.auditActions()).toEqual([]);

    // demo-dev asks a person only for destructive plans: tagging runs on the agent's word.
    const executed = await h.call("execute", { planId });
    expect(executed.isError, h.text(executed)).toBeFalsy();
    expect(data<{ status: string }>(executed).status).toBe("completed");
    expect(h.auditActions()).toEqual(["ec2:CreateTags ok"]);
    const runId = data<{ runId: string }>(executed).runId;
    const runs = data<{ runs: { runId: string; isReversible: boolean }[] }>(await h.call("runs_list")).runs;
    expect(runs[0]).toMatchObject({ runId, isReversible: true });
    const run = await h.call("runs_show", { runId });
    expect(h.text(run)).toContain("step-completed tag-us-east-1-1");

    const rollback = await h.call("rollback", { runId });
    const reverse = data<{ plan: { id: string } }>(rollback).plan.id;
    // Removing tags is destructive: the agent cannot run it until a person approves.
    const refused = await h.call("execute", { planId: reverse });
    expect(refused.isError).toBe(true);
    expect(h.text(refused)).toContain(`aws-coworker plan approve`);
    expect(h.text(refused)).toContain("There is no approve tool");
    expect(h.auditActions()).toEqual(["ec2:CreateTags ok"]);

    const approved = await approveAtTerminal(reverse);
    expect(approved.code, approved.stderr).toBe(0);
    const undone = await h.call("execute", { planId: reverse });
    expect(undone.isError, h.text(undone)).toBeFalsy();
    expect(h.auditActions()).toEqual(["ec2:CreateTags ok", "ec2:DeleteTags ok"]);

    const after = await h.call("inventory", { profile: "demo-dev", services: ["ec2"] });
    const stillUntagged = data<{
      resources: { type: string; state: string; tags: Record<string, string> }[];
    }>(after).resources.filter(
      (r) => r.type === "instance" && r.state !== "terminated" && r.tags["Owner"] === undefined,
    );
    expect(stillUntagged.length).toBe(untagged.length);
  });

  test("an agent's attempts to mutate without a person's approval reach nothing", async () => {
    const { runId, reverse } = await tagThenDraftRollback(h);
    const estate = readFileSync(estateFile(), "utf8");
    const audited = h.auditActions();
    expect(audited).toEqual(["ec2:CreateTags ok"]);

    // 1. A plan that needs approval, executed without one.
    const unapproved = await h.call("execute", { planId: reverse });
    expect(unapproved.isError).toBe(true);
    expect(h.text(unapproved)).toContain("[ApprovalMissing]");
    expect(h.text(unapproved)).toContain(`aws-coworker plan approve ${reverse}`);

    // 2. A forged approval: another hash (say, of another session's plan).
    const plan = JSON.parse(readFileSync(planFile(reverse), "utf8")) as Plan;
    forgeApproval({ ...plan, hash: "f".repeat(64) });
    const forgedRun = await h.call("execute", { planId: reverse });
    expect(forgedRun.isError).toBe(true);
    expect(h.text(forgedRun)).toContain("[PlanHashMismatch]");

    // 3. Crafted parameters: a path for a plan id, a run id with ../.
    const traversal = await h.call("execute", { planId: "../../../etc/passwd" });
    expect(traversal.isError).toBe(true);
    expect(h.text(traversal)).toContain("is not a plan id");
    const runTraversal = await h.call("rollback", { runId: "run-x/../../plans" });
    expect(runTraversal.isError).toBe(true);
    // …the dev plan run with another profile (another account, production), or resumed from a
    // run that is not its own.
    const otherProfile = await h.call("execute", { planId: reverse, profile: "demo-prod" });
    expect(otherProfile.isError).toBe(true);
    expect(h.text(otherProfile)).toMatch(/refused/i);
    const otherRun = await h.call("execute", { planId: reverse, resumeRunId: runId });
    expect(otherRun.isError).toBe(true);

    // 3b. Another session's plan: drafted by a person at the CLI, not approved.
    const drafted = await cli(
      [
        "plan",
        "create",
        "delete",
        "--select",
        "ebs:snapshot",
        "--sandbox",
        "--profile",
        "demo-dev",
        "--format",
        "json",
      ],
      { cwd: h.cwd },
    );
    expect(drafted.code, drafted.stderr).toBe(0);
    const theirs = await h.call("execute", { planId: "last" });
    expect(theirs.isError).toBe(true);
    expect(h.text(theirs)).toContain("[ApprovalMissing]");

    // 4. An edited plan, with an approval forged for the edited content's claimed hash.
    const edited: Plan = { ...plan, goal: `${plan.goal} (and more)` };
    writeFileSync(planFile(reverse), JSON.stringify(edited));
    const forgedForEdit = approvalFor(edited, {
      profile: "demo-dev",
      approver: { osUser: "agent", callerArn: "arn:aws:iam::333333333333:role/agent" },
      now: new Date(),
      hours: 24,
      confirmation: "typed-yes",
      approvalMode: "destructive-only",
    });
    writeFileSync(
      join(h.cwd, ".aws-coworker", "approvals", `${reverse}.json`),
      JSON.stringify(forgedForEdit),
    );
    const editedRun = await h.call("execute", { planId: reverse });
    expect(editedRun.isError).toBe(true);
    expect(h.text(editedRun)).toContain("PlanHashMismatch");

    // 5. Where direct execution is not allowed (staging: infrastructure as code), even a fresh plan.
    const staging = await h.call("plan_create_s3_bucket", {
      profile: "demo-staging",
      name: "agent-bucket-4242",
      versioning: true,
      tags: { Owner: "agent", Environment: "staging", CostCenter: "cc-1", Project: "p" },
    });
    expect(staging.isError, h.text(staging)).toBeFalsy();
    const stagingRun = await h.call("execute", { planId: data<{ plan: { id: string } }>(staging).plan.id });
    expect(stagingRun.isError).toBe(true);
    expect(h.text(stagingRun)).toMatch(/refused/i);

    // Nothing reached the sandbox: its state is unchanged, and the audit log has no new change.
    expect(readFileSync(estateFile(), "utf8")).toBe(estate);
    expect(h.auditActions()).toEqual(audited);
  });
});
