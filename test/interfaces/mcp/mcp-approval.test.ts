/**
 * A person's approval through the MCP client's elicitation form: execute puts a plan that needs
 * approval to the person (the client's form, answered here by a handler standing in for the
 * person), and runs it only when they approve it the way `plan approve` would. A client without
 * elicitation, `plans.mcpApproval: terminal`, a decline, a cancel or a wrong answer: refused,
 * nothing reaches the sandbox. And mutating calls at the same time take turns on the sandbox.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ElicitRequest, ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, test } from "vitest";
import type { Approval } from "../../../src/core/plans/approval.js";
import {
  mcpHarness,
  ok,
  tagThenDraftRollback,
  type McpHarness,
  type McpHarnessOptions,
} from "./mcp-harness.js";

let h: McpHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Asked = ElicitRequest["params"] & { requestedSchema: { properties: Record<string, unknown> } };

/** A harness whose client shows forms; the person answers each with `answer`, and what they were asked is kept. */
async function withPerson(answer: (asked: Asked) => ElicitResult, more: McpHarnessOptions = {}) {
  const asked: Asked[] = [];
  h = await mcpHarness({
    ...more,
    onElicit: (params) => {
      asked.push(params as Asked);
      return answer(params as Asked);
    },
  });
  return { h, asked };
}

const approvalFile = (h: McpHarness, planId: string) =>
  join(h.cwd, ".aws-coworker", "approvals", `${planId}.json`);
const estate = (h: McpHarness) =>
  readFileSync(join(h.cwd, ".aws-coworker", "sandbox", "estate.json"), "utf8");

describe("aws-coworker mcp: a person approves through the client's form", () => {
  test("execute asks the person (blast radius, the questions plan approve asks), records the approval and runs", async () => {
    const { h, asked } = await withPerson(() => ({
      action: "accept",
      content: { approve: "yes", account: "333333333333" },
    }));
    const { reverse } = await tagThenDraftRollback(h);
    expect(asked).toEqual([]); // tagging needs no approval under destructive-only: nobody was asked

    const run = await ok<{ status: string }>(h, "execute", { planId: reverse });
    expect(run.status).toBe("completed");
    expect(asked).toHaveLength(1);
    const form = asked[0]!;
    expect(form.message).toContain(`Plan ${reverse}`);
    expect(form.message).toContain("Blast radius:");
    expect(form.message).toContain("account 333333333333, development");
    expect(form.message).toContain("Steps (");
    // Removing tags deletes no resource: yes is enough, as at a terminal.
    expect(Object.keys(form.requestedSchema.properties)).toEqual(["approve"]);
    expect(h.auditActions()).toEqual(["ec2:CreateTags ok", "ec2:DeleteTags ok"]);

    const approval = JSON.parse(readFileSync(approvalFile(h, reverse), "utf8")) as Approval;
    expect(approval).toMatchObject({
      planId: reverse,
      confirmation: "elicited-yes",
      client: "test-agent 1.0.0",
      account: "333333333333",
      profile: "demo-dev",
    });
  });

  test.each([
    ["declines", { action: "decline" } as ElicitResult, /the person declined the approval/],
    ["cancels", { action: "cancel" } as ElicitResult, /the person cancelled the approval/],
    ["answers no", { action: "accept", content: { approve: "no" } } as ElicitResult, /was not approved/],
  ])("the person %s: nothing is approved, nothing runs", async (_label, answer, message) => {
    const { h, asked } = await withPerson(() => answer);
    const { reverse } = await tagThenDraftRollback(h);
    const before = estate(h);
    const refused = await h.call("execute", { planId: reverse });
    expect(refused.isError).toBe(true);
    expect(h.text(refused)).toMatch(message);
    expect(h.text(refused)).toContain("No changes made");
    expect(asked).toHaveLength(1);
    expect(existsSync(approvalFile(h, reverse))).toBe(false);
    expect(h.auditActions()).toEqual(["ec2:CreateTags ok"]);
    expect(estate(h)).toBe(before);
  });

  test("a destructive plan outside a sandbox also asks for the account id; another account approves nothing", async () => {
    let account = "444444444444";
    const { h, asked } = await withPerson(() => ({ action: "accept", content: { approve: "yes", account } }));
    const drafted = await ok<{ plan: { id: string } }>(h, "plan_create_delete", {
      profile: "demo-dev",
      select: "ebs:snapshot",
    });
    const planId = drafted.plan.id;
    const wrong = await h.call("execute", { planId });
    expect(wrong.isError).toBe(true);
    expect(h.text(wrong)).toContain(`No changes made: plan ${planId} was not approved`);
    expect(asked[0]!.message).toContain("DESTRUCTIVE");
    expect(asked[0]!.message).toContain("Irreversible:");
    expect(Object.keys(asked[0]!.requestedSchema.properties)).toEqual(["approve", "account"]);
    expect(h.auditActions()).toEqual([]);

    account = "333333333333";
    const run = await ok<{ status: string; steps: unknown[] }>(h, "execute", { planId });
    expect(run.status).toBe("completed");
    expect(h.auditActions()).toEqual(run.steps.map(() => "ec2:DeleteSnapshot ok"));
    expect(run.steps.length).toBeGreaterThan(0);
  });

  test("a client without elicitation, or plans.mcpApproval: terminal — the terminal path, and nobody is asked", async () => {
    h = await mcpHarness();
    const plain = await tagThenDraftRollback(h);
    const refused = await h.call("execute", { planId: plain.reverse });
    expect(refused.isError).toBe(true);
    expect(h.text(refused)).toContain("[ApprovalMissing]");
    expect(h.text(refused)).toContain(`aws-coworker plan approve ${plain.reverse}`);
    await h.close();

    const dir = mkdtempSync(join(tmpdir(), "aws-coworker-mcp-"));
    const overlay = join(dir, "terminal-only.yaml");
    writeFileSync(overlay, "plans:\n  mcpApproval: terminal\n");
    const { h: h2, asked } = await withPerson(() => ({ action: "accept", content: { approve: "yes" } }), {
      cwd: dir,
      globals: { overlay },
    });
    const { reverse } = await tagThenDraftRollback(h2);
    const stillRefused = await h2.call("execute", { planId: reverse });
    expect(stillRefused.isError).toBe(true);
    expect(h2.text(stillRefused)).toContain("[ApprovalMissing]");
    expect(asked).toEqual([]);
    expect(h2.auditActions()).toEqual(["ec2:CreateTags ok"]);
  });

  test("a plan refused for something an approval cannot fix (edited) is never put to the person", async () => {
    const { h, asked } = await withPerson(() => ({
      action: "accept",
      content: { approve: "yes", account: "333333333333" },
    }));
    const { reverse } = await tagThenDraftRollback(h);
    const file = join(h.cwd, ".aws-coworker", "plans", `${reverse}.json`);
    const plan = JSON.parse(readFileSync(file, "utf8")) as { goal: string };
    writeFileSync(file, JSON.stringify({ ...plan, goal: `${plan.goal} (and more)` }));
    const refused = await h.call("execute", { planId: reverse });
    expect(refused.isError).toBe(true);
    expect(h.text(refused)).toContain("[PlanHashMismatch]");
    expect(asked).toEqual([]);
    expect(h.auditActions()).toEqual(["ec2:CreateTags ok"]);
  });
});

describe("aws-coworker mcp: calls at the same time", () => {
  test("two executes at once on the sandbox take turns: both changes are kept", async () => {
    h = await mcpHarness();
    const owner = await ok<{ plan: { id: string } }>(h, "plan_create_tag", {
      profile: "demo-dev",
      select: "ec2:instance !tag:Owner",
      tags: { Owner: "platform-team" },
    });
    const team = await ok<{ plan: { id: string } }>(h, "plan_create_tag", {
      profile: "demo-dev",
      select: "ebs:volume !tag:Team",
      tags: { Team: "storage" },
    });
    const runs = await Promise.all([
      ok<{ status: string }>(h, "execute", { planId: owner.plan.id }),
      ok<{ status: string }>(h, "execute", { planId: team.plan.id }),
    ]);
    expect(runs.map((r) => r.status)).toEqual(["completed", "completed"]);
    const { resources } = await ok<{
      resources: { type: string; state: string; tags: Record<string, string> }[];
    }>(h, "inventory", { profile: "demo-dev", services: ["ec2", "ebs"] });
    const instances = resources.filter((r) => r.type === "instance" && r.state !== "terminated");
    const volumes = resources.filter((r) => r.type === "volume");
    expect(instances.length).toBeGreaterThan(0);
    expect(volumes.length).toBeGreaterThan(0);
    expect(instances.filter((r) => r.tags["Owner"] === undefined)).toEqual([]);
    expect(volumes.filter((r) => r.tags["Team"] === undefined)).toEqual([]);
  });
});
