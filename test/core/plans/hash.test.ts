/** The plan's content hash: the same content gives the same hash, any change another. */
import { describe, expect, it } from "vitest";
import { hashPlanContent, isPlanIntact, sealPlan } from "../../../src/core/plans/hash.js";
import type { Plan, PlanStep } from "../../../src/core/plans/plan.js";
import { planSchema } from "../../../src/core/plans/plan.js";
import { ref } from "../../../src/core/plans/refs.js";
import { plan, planContent, sha256, step } from "./_plans.js";

const steps = (): PlanStep[] => [
  step("vpc", { action: "CreateVpc", params: { CidrBlock: "10.0.0.0/16" }, outputs: { vpcId: "Vpc.VpcId" } }),
  step("subnet", {
    action: "CreateSubnet",
    params: { VpcId: ref("vpc", "vpcId"), CidrBlock: "10.0.0.0/20", AvailabilityZone: "eu-west-1a" },
    dependsOn: ["vpc"],
  }),
];

describe("hashPlanContent and sealPlan", () => {
  it("gives the same hash for the same content, a sha256 in hex", () => {
    const a = sealPlan(planContent(steps()), sha256);
    const b = sealPlan(planContent(steps()), sha256);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).toBe(b.hash);
    expect(planSchema.parse(a)).toEqual(a);
  });

  it("does not depend on the order of keys", () => {
    const content = planContent(steps());
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value !== null && typeof value === "object"
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    const shuffled = reversed(content) as typeof content;
    expect(Object.keys(shuffled)[0]).not.toBe(Object.keys(content)[0]);
    expect(hashPlanContent(shuffled, sha256)).toBe(hashPlanContent(content, sha256));
  });

  it("ignores a hash already on the content (sealing a sealed plan gives the same plan)", () => {
    const sealed = plan(steps());
    expect(sealPlan({ ...sealed, hash: "f".repeat(64) } as Plan, sha256)).toEqual(sealed);
  });

  const edits: [string, (s: PlanStep[]) => void][] = [
    ["a parameter's value", (s) => (s[0]!.params["CidrBlock"] = "10.1.0.0/16")],
    ["a parameter added", (s) => (s[0]!.params["InstanceTenancy"] = "default")],
    ["a parameter removed", (s) => delete s[1]!.params["AvailabilityZone"]],
    ["a reference retargeted", (s) => (s[1]!.params["VpcId"] = ref("vpc", "otherId"))],
    ["a nested value", (s) => (s[1]!.params["VpcId"] = { $ref: "vpc.vpcid" })],
    ["the step's region", (s) => (s[1]!.region = "eu-west-2")],
    ["the step's action", (s) => (s[1]!.action = "DeleteSubnet")],
    ["a dependency", (s) => (s[1]!.dependsOn = [])],
    ["the rollback", (s) => (s[0]!.rollback = { kind: "manual", instruction: "delete it by hand" })],
    ["the order of the steps", (s) => s.reverse()],
  ];

  it.each(edits)("gives another hash when %s changes", (_name, edit) => {
    const before = hashPlanContent(planContent(steps()), sha256);
    const changed = steps();
    edit(changed);
    expect(hashPlanContent(planContent(changed), sha256)).not.toBe(before);
  });

  it("gives another hash when a field outside the steps changes", () => {
    const before = hashPlanContent(planContent(steps()), sha256);
    expect(hashPlanContent(planContent(steps(), { goal: "another goal" }), sha256)).not.toBe(before);
    expect(
      hashPlanContent(
        planContent(steps(), { context: { ...planContent([]).context, account: "222222222222" } }),
        sha256,
      ),
    ).not.toBe(before);
  });
});

describe("isPlanIntact", () => {
  it("holds for a sealed plan, and for a copy that went through JSON", () => {
    const sealed = plan(steps());
    expect(isPlanIntact(sealed, sha256)).toBe(true);
    expect(isPlanIntact(JSON.parse(JSON.stringify(sealed)) as Plan, sha256)).toBe(true);
  });

  it.each<[string, (p: Plan) => void]>([
    ["a step's parameter edited", (p) => (p.steps[0]!.params["CidrBlock"] = "0.0.0.0/0")],
    ["a step removed", (p) => p.steps.pop()],
    [
      "a governance block turned into a pass",
      (p) => p.governance.push({ rule: "x", outcome: "pass", reason: "" }),
    ],
    ["the hash replaced", (p) => (p.hash = "0".repeat(64))],
  ])("detects %s", (_name, edit) => {
    const sealed = structuredClone(plan(steps()));
    edit(sealed);
    expect(isPlanIntact(sealed, sha256)).toBe(false);
  });
});
