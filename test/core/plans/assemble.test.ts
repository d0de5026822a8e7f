/** assemblePlan: a blueprint's draft sealed into a plan with blast radius, governance, cost and hash. */
import { describe, expect, it } from "vitest";
import type { Config } from "../../../src/core/config/schema.js";
import { natGatewayMonthly, PRICE_TABLE_SOURCE, publicIpv4Monthly } from "../../../src/core/cost/pricing.js";
import { UsageError } from "../../../src/core/errors.js";
import { assemblePlan, type AssembleOptions } from "../../../src/core/plans/assemble.js";
import { blastRadius } from "../../../src/core/plans/blast-radius.js";
import { resolveParams, type Draft } from "../../../src/core/plans/blueprints/blueprint.js";
import { tagBlueprint } from "../../../src/core/plans/blueprints/tag.js";
import { VPC_PARAMS, vpcBlueprint } from "../../../src/core/plans/blueprints/vpc.js";
import { isPlanIntact } from "../../../src/core/plans/hash.js";
import { isBlocked, planSchema, type Plan, type PlanStep } from "../../../src/core/plans/plan.js";
import { planTags } from "../../../src/core/plans/tags.js";
import {
  ACCOUNT,
  blueprintContext,
  configWith,
  DEFAULTS,
  GOOD_TAGS,
  NOW,
  PLAN_ID,
  REGION,
  sha256,
  step,
  thrown,
} from "./_plans.js";

const LOCATION = `${ACCOUNT}/${REGION}`;

function vpcDraft(tags: Record<string, string> = GOOD_TAGS, given: Record<string, string> = {}): Draft {
  const params = resolveParams("vpc", VPC_PARAMS, { nat: "one", ...given }, { cidr: "10.0.0.0/16" });
  return vpcBlueprint(
    params,
    { existingCidrs: [], availabilityZones: ["eu-west-1a", "eu-west-1b"], vpcCount: 0, vpcQuota: 5 },
    blueprintContext({ tags }),
  );
}

function assemble(draft: Draft, over: Partial<AssembleOptions> & { config?: Config } = {}): Plan {
  return assemblePlan({
    id: PLAN_ID,
    now: NOW,
    createdBy: { osUser: "alice", callerArn: `arn:aws:iam::${ACCOUNT}:user/alice` },
    blueprint: "vpc",
    parameters: { nat: "one" },
    context: { profile: "dev-admin", account: ACCOUNT, regions: [REGION], classification: "development" },
    draft,
    requiredTags: GOOD_TAGS,
    allowedRegions: [REGION],
    config: DEFAULTS,
    sha256,
    ...over,
  });
}

describe("assemblePlan", () => {
  it("seals a valid plan whose hash verifies", () => {
    const plan = assemble(vpcDraft());
    expect(planSchema.parse(plan)).toEqual(plan);
    expect(isPlanIntact(plan, sha256)).toBe(true);
    expect(plan).toMatchObject({
      id: PLAN_ID,
      createdAt: NOW.toISOString(),
      blueprint: "vpc",
      requiredTags: GOOD_TAGS,
    });
    expect(plan.steps).toEqual(vpcDraft().steps);
    expect(plan.origin).toBeUndefined();
  });

  it("gives the same plan (and hash) for the same inputs", () => {
    expect(assemble(vpcDraft()).hash).toBe(assemble(vpcDraft()).hash);
    expect(assemble(vpcDraft(), { now: new Date(NOW.getTime() + 1000) }).hash).not.toBe(
      assemble(vpcDraft()).hash,
    );
  });

  it("counts the blast radius: ten resources created in one account and region, none destroyed", () => {
    expect(assemble(vpcDraft()).blastRadius).toEqual({
      resources: 10, // vpc, 4 subnets, internet gateway, 2 route tables, Elastic IP, NAT gateway
      byChange: { create: 10, modify: 0, delete: 0 },
      byLocation: { [LOCATION]: 10 },
      isDestructive: false,
      irreversibleSteps: [],
      needsTypedCount: false,
    });
  });

  it("totals the cost lines, rounded to cents, with the price table's source", () => {
    const plan = assemble(vpcDraft());
    const expected =
      Math.round((natGatewayMonthly(REGION).monthlyUsd + publicIpv4Monthly(REGION).monthlyUsd) * 100) / 100;
    expect(plan.cost).toEqual({ monthlyUsd: expected, lines: vpcDraft().cost, source: PRICE_TABLE_SOURCE });
    const lines = [
      { item: "a", monthlyUsd: 1.111, basis: "" },
      { item: "b", monthlyUsd: 2.222, basis: "" },
    ];
    expect(assemble({ ...vpcDraft(), cost: lines }).cost.monthlyUsd).toBe(3.33);
  });

  it("a plan that passes governance is not blocked", () => {
    const plan = assemble(vpcDraft());
    expect(isBlocked(plan)).toBe(false);
    expect(plan.governance.map((g) => [g.rule, g.outcome])).toEqual([
      ["plan.required-tags", "pass"],
      ["plan.allowed-regions", "pass"],
    ]);
  });

  it("a resource missing a required tag blocks the plan, once per resource", () => {
    const plan = assemble(vpcDraft({ Environment: "development", CostCenter: "CC-1" }));
    expect(isBlocked(plan)).toBe(true);
    const blocks = plan.governance.filter((g) => g.outcome === "block");
    expect(blocks).toHaveLength(10);
    expect(
      blocks.every((g) => g.rule === "plan.required-tags" && g.reason.includes("Owner is missing")),
    ).toBe(true);
    expect(isPlanIntact(plan, sha256)).toBe(true); // a blocked plan is still a sealed, reviewable plan
  });

  it("a plan over the environment's cost limit is blocked", () => {
    const plan = assemble(vpcDraft(), {
      config: configWith({ plans: { monthlyCostLimitUsd: { development: 10 } } }),
    });
    expect(plan.governance.find((g) => g.rule === "plan.cost-limit")?.outcome).toBe("block");
    expect(isBlocked(plan)).toBe(true);
  });

  it("a step outside the profile's regions is blocked", () => {
    const plan = assemble(vpcDraft(), { allowedRegions: ["us-east-1"] });
    expect(plan.governance.filter((g) => g.rule === "plan.allowed-regions")).toHaveLength(plan.steps.length);
    expect(isBlocked(plan)).toBe(true);
  });

  it("counts a tag plan's resources as modified", () => {
    const resources = ["i-1", "i-2", "i-3"].map((id) => ({
      type: "ec2:instance",
      id,
      name: id,
      region: REGION,
      tags: {},
    }));
    const draft = tagBlueprint(GOOD_TAGS, { resources, selection: "ec2:instance" }, blueprintContext());
    const plan = assemble(draft, { blueprint: "tag" });
    expect(plan.blastRadius).toMatchObject({
      resources: 3,
      byChange: { create: 0, modify: 3, delete: 0 },
      isDestructive: false,
    });
    expect(plan.governance.find((g) => g.rule === "plan.required-tags")?.outcome).toBe("pass");
  });

  it("a destructive plan over plans.typedCountAbove needs the count typed; its irreversible steps are listed", () => {
    const deleting = (id: string, count: number, irreversible: boolean): PlanStep =>
      step(id, {
        action: "DeleteSnapshot",
        rollback: irreversible
          ? {
              kind: "calls",
              calls: [{ service: "ec2", action: "CreateSnapshot", params: {} }],
              irreversible: true,
            }
          : { kind: "manual", instruction: "restore from the backup" },
        resources: Array.from({ length: count }, (_, i) => ({
          type: "ebs/snapshot",
          id: `${id}-${i}`,
          name: `${id}-${i}`,
          change: "delete" as const,
        })),
      });
    const draft: Draft = {
      goal: "delete",
      steps: [deleting("a", 6, true), deleting("b", 5, false)],
      cost: [],
      notes: [],
    };
    const plan = assemble(draft);
    expect(plan.blastRadius).toEqual({
      resources: 11,
      byChange: { create: 0, modify: 0, delete: 11 },
      byLocation: { [LOCATION]: 11 },
      isDestructive: true,
      irreversibleSteps: ["a", "b"],
      needsTypedCount: true,
    });
    expect(plan.governance.find((g) => g.rule === "plan.max-resources")?.outcome).toBe("pass");
    const small = assemble({ ...draft, steps: [deleting("a", 10, false)] });
    expect(small.blastRadius.needsTypedCount).toBe(false);
  });

  it("keeps the origin of a rollback plan", () => {
    const origin = { kind: "rollback" as const, runId: "run-1", planId: "plan-old" };
    expect(assemble(vpcDraft(), { origin }).origin).toEqual(origin);
  });

  it("refuses a draft whose steps depend on each other in a cycle: UsageError PlanInvalid", () => {
    const draft: Draft = {
      goal: "cycle",
      steps: [step("a", { dependsOn: ["b"] }), step("b", { dependsOn: ["a"] })],
      cost: [],
      notes: [],
    };
    const error = thrown(() => assemble(draft));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("PlanInvalid");
  });
});

describe("blastRadius", () => {
  const touch = (
    id: string,
    name: string,
    change: "create" | "modify" | "delete",
    region = REGION,
  ): PlanStep => step(id, { region, resources: [{ type: "vpc/vpc", name, change }] });

  it.each<[string, PlanStep[], { create: number; modify: number; delete: number }]>([
    [
      "a resource created, then changed, counts once as created",
      [touch("a", "x", "create"), touch("b", "x", "modify")],
      { create: 1, modify: 0, delete: 0 },
    ],
    [
      "a resource changed, then deleted, counts as deleted",
      [touch("a", "x", "modify"), touch("b", "x", "delete")],
      { create: 0, modify: 0, delete: 1 },
    ],
    [
      "two resources of one name but different types are two",
      [
        touch("a", "x", "create"),
        step("b", { resources: [{ type: "vpc/subnet", name: "x", change: "create" }] }),
      ],
      { create: 2, modify: 0, delete: 0 },
    ],
  ])("%s", (_name, steps, byChange) => {
    expect(blastRadius(steps, { account: ACCOUNT, typedCountAbove: 10 }).byChange).toEqual(byChange);
  });

  it("counts resources by account and region", () => {
    const radius = blastRadius(
      [touch("a", "x", "create"), touch("b", "y", "create", "us-east-1"), touch("c", "z", "create")],
      {
        account: ACCOUNT,
        typedCountAbove: 10,
      },
    );
    expect(radius.byLocation).toEqual({ [LOCATION]: 2, [`${ACCOUNT}/us-east-1`]: 1 });
  });
});

describe("planTags", () => {
  const rules = DEFAULTS.tagging.required;

  it("takes tags.<Key> values and infers Environment from the classification", () => {
    expect(
      planTags(rules, "development", {
        "tags.Owner": "platform",
        "tags.CostCenter": "CC-1",
        cidr: "10.0.0.0/16",
      }),
    ).toEqual({
      Owner: "platform",
      CostCenter: "CC-1",
      Environment: "development",
    });
  });

  it("keeps a given Environment, and infers none the policy would not allow", () => {
    expect(planTags(rules, "development", { "tags.Environment": "test" })).toEqual({ Environment: "test" });
    expect(planTags(rules, "unknown", {})).toEqual({});
  });
});
