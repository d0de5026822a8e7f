/**
 * The vpc and s3-bucket blueprints end to end on the sandbox: plan → execute → the inventory's
 * collectors see what was made → rollback plan → approval → execute → gone; and a crash between
 * a create call and its journal entry, resumed, creates nothing twice.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  collectInternetGateways,
  collectNatGateways,
  collectSubnets,
  collectVpcs,
} from "../../../src/aws/collectors/vpc.js";
import { listBucketLocations } from "../../../src/aws/collectors/s3.js";
import { Journal, journalState, listRunIds, readJournal } from "../../../src/aws/executor/journal.js";
import { DEMO_ACCOUNTS } from "../../../src/aws/sandbox/demo.js";
import { approvePlan, planHarness, rollbackPlanOf, type PlanHarness } from "../../_helpers/plan-harness.js";

const TAGS = { "tags.Owner": "platform-team", "tags.CostCenter": "CC-1001" };

afterEach(() => {
  vi.restoreAllMocks();
});

async function rollBack(h: PlanHarness, runId: string): Promise<void> {
  const plan = rollbackPlanOf(h, runId);
  approvePlan(h, plan);
  const undone = await h.execute(plan.id);
  expect(undone.kind === "run" && undone.status).toBe("completed");
}

async function network(h: PlanHarness, name: string) {
  const scope = { account: h.context.account.id, region: "us-east-1", pageSize: 1000 };
  const named = <T extends { name?: string | undefined; state?: string | undefined }>(list: T[]) =>
    list.filter((r) => r.name?.startsWith(name) === true && r.state !== "deleted");
  return {
    vpcs: named(await collectVpcs(h.readFactory, scope)),
    subnets: named(await collectSubnets(h.readFactory, scope)),
    igws: named(await collectInternetGateways(h.readFactory, scope)),
    nats: named(await collectNatGateways(h.readFactory, scope)),
  };
}

describe("the vpc blueprint end to end", () => {
  test("plan → execute → the VPC, its subnets, gateway and NAT are there, tagged → rollback → gone", async () => {
    const h = await planHarness();
    const { plan } = await h.create({
      blueprint: "vpc",
      set: { ...TAGS, name: "team-vpc", cidr: "10.42.0.0/16", nat: "one" },
      regions: ["us-east-1"],
    });
    expect(plan.governance.filter((g) => g.outcome === "block")).toEqual([]);
    expect(plan.cost.monthlyUsd).toBeGreaterThan(30); // one NAT gateway and its address
    const run = await h.execute(plan.id);
    if (run.kind !== "run") throw new Error("expected a run");
    expect(run.status).toBe("completed");
    const made = await network(h, "team-vpc");
    expect(made.vpcs).toHaveLength(1);
    expect(made.vpcs[0]!.tags).toMatchObject({
      Owner: "platform-team",
      Environment: "development",
      "aws-coworker:plan": plan.id,
    });
    expect(made.subnets).toHaveLength(4);
    expect(made.igws).toHaveLength(1);
    expect(made.nats).toHaveLength(1);

    await rollBack(h, run.runId);
    const after = await network(h, "team-vpc");
    expect(after).toEqual({ vpcs: [], subnets: [], igws: [], nats: [] });
  });

  test("a CIDR that overlaps a VPC of the region is refused at plan time, naming a free one", async () => {
    const h = await planHarness();
    const existing = h.sandbox.estate.accounts.find((a) => a.id === DEMO_ACCOUNTS.development)!.regions[
      "us-east-1"
    ]!.vpcs[0]!.cidr;
    await expect(
      h.create({ blueprint: "vpc", set: { ...TAGS, cidr: existing }, regions: ["us-east-1"] }),
    ).rejects.toMatchObject({
      code: "BlueprintCidrOverlap",
      hint: expect.stringMatching(/--set cidr=10\.\d+\.0\.0\/16/),
    });
    expect(h.mutationsReached()).toEqual([]);
  });

  test("a crash after CreateVpc but before its journal entry: resume finds the VPC by its tags and creates no second one", async () => {
    const h = await planHarness();
    const { plan } = await h.create({
      blueprint: "vpc",
      set: { ...TAGS, name: "crash-vpc", nat: "none", privateSubnets: "0" },
      regions: ["us-east-1"],
    });
    const append = Journal.prototype.append;
    let dead = false;
    vi.spyOn(Journal.prototype, "append").mockImplementation(function (this: Journal, event) {
      if (dead || (event.type === "step-completed" && event.stepId === "vpc")) {
        dead = true;
        throw new Error("killed");
      }
      return append.call(this, event);
    });
    await expect(h.execute(plan.id)).rejects.toThrow("killed");
    vi.restoreAllMocks();
    expect((await network(h, "crash-vpc")).vpcs).toHaveLength(1);
    const runId = listRunIds(h.store.workspaceDir)[0]!;
    expect([...journalState(readJournal(h.store.workspaceDir, runId)).inFlight]).toEqual(["vpc"]);

    const resumed = await h.execute(plan.id, { resumeRunId: runId });
    if (resumed.kind !== "run") throw new Error("expected a run");
    expect(resumed.status).toBe("completed");
    expect(resumed.steps.find((s) => s.id === "vpc")?.status).toBe("reconciled");
    expect((await network(h, "crash-vpc")).vpcs).toHaveLength(1);
    expect(h.mutationsReached().filter((a) => a === "ec2:CreateVpc")).toHaveLength(1);
    // The adopted VPC's id flowed into the later steps.
    const made = await network(h, "crash-vpc");
    expect(made.subnets.length).toBeGreaterThan(0);
    expect(made.subnets.every((s) => s.attributes["vpcId"] === made.vpcs[0]!.id)).toBe(true);
  });
});

describe("the s3-bucket blueprint end to end", () => {
  test("plan → approve → execute → the bucket is listed → rollback → gone; a second plan for the same name is refused", async () => {
    const h = await planHarness();
    const { plan } = await h.create({
      blueprint: "s3-bucket",
      set: { ...TAGS, prefix: "reports" },
      regions: ["eu-west-1"],
    });
    const name = `reports-${DEMO_ACCOUNTS.development}-eu-west-1`;
    expect(plan.steps[0]!.params).toEqual({
      Bucket: name,
      CreateBucketConfiguration: { LocationConstraint: "eu-west-1" },
    });
    // Bucket policy and public access block are sensitive: demo-dev asks for approval.
    await expect(h.execute(plan.id)).rejects.toMatchObject({ code: "ApprovalMissing" });
    approvePlan(h, plan);
    const run = await h.execute(plan.id);
    if (run.kind !== "run") throw new Error("expected a run");
    expect(run.status).toBe("completed");
    const buckets = await listBucketLocations(h.readFactory, {
      account: h.context.account.id,
      regions: ["eu-west-1"],
    });
    expect(buckets.some((b) => b.name === name && b.region === "eu-west-1")).toBe(true);
    await expect(
      h.create({ blueprint: "s3-bucket", set: { ...TAGS, prefix: "reports" }, regions: ["eu-west-1"] }),
    ).rejects.toMatchObject({
      code: "BlueprintBucketExists",
    });

    await rollBack(h, run.runId);
    const after = await listBucketLocations(h.readFactory, {
      account: h.context.account.id,
      regions: ["eu-west-1"],
    });
    expect(after.some((b) => b.name === name)).toBe(false);
  });
});
