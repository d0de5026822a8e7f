/** The plan model: execution order by dependencies, and whether governance blocks it. */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/core/errors.js";
import { executionOrder, isBlocked, type PlanStep } from "../../../src/core/plans/plan.js";
import { step, thrown } from "./_plans.js";

const ids = (steps: PlanStep[]) => steps.map((s) => s.id);
const graph = (deps: Record<string, string[]>): PlanStep[] =>
  Object.entries(deps).map(([id, dependsOn]) => step(id, { dependsOn }));

describe("executionOrder", () => {
  it.each<[string, Record<string, string[]>, string[]]>([
    ["keeps plan order among independent steps", { c: [], a: [], b: [] }, ["c", "a", "b"]],
    [
      "keeps a plan already in dependency order",
      { vpc: [], subnet: ["vpc"], rt: ["vpc"], assoc: ["rt", "subnet"] },
      ["vpc", "subnet", "rt", "assoc"],
    ],
    [
      "moves a dependency before the step that needs it",
      { assoc: ["rt", "subnet"], subnet: ["vpc"], rt: ["vpc"], vpc: [] },
      ["vpc", "rt", "subnet", "assoc"],
    ],
    [
      "runs a dependency first, then the rest in plan order",
      { a: [], b: ["d"], c: [], d: [] },
      ["a", "d", "b", "c"],
    ],
    ["runs a shared dependency once", { x: ["base"], y: ["base"], base: [] }, ["base", "x", "y"]],
  ])("%s", (_name, deps, expected) => {
    expect(ids(executionOrder(graph(deps)))).toEqual(expected);
  });

  it("gives the same order every time (stable)", () => {
    const steps = graph({ e: ["a"], d: [], c: ["e"], b: [], a: [] });
    const first = ids(executionOrder(steps));
    expect(ids(executionOrder(steps))).toEqual(first);
    expect(first).toEqual(["a", "e", "d", "c", "b"]);
  });

  it("puts every step after all its dependencies", () => {
    const steps = graph({ f: ["e", "a"], e: ["d"], d: ["c", "b"], c: ["a"], b: [], a: [] });
    const order = ids(executionOrder(steps));
    for (const s of steps)
      for (const dep of s.dependsOn) expect(order.indexOf(dep)).toBeLessThan(order.indexOf(s.id));
    expect(order).toHaveLength(steps.length);
  });

  it.each<[string, Record<string, string[]>, string]>([
    ["two steps", { a: ["b"], b: ["a"] }, "a → b → a"],
    ["three steps", { a: ["c"], b: ["a"], c: ["b"] }, "a → c → b → a"],
    ["a step on itself", { a: [], b: ["b"] }, "b → b"],
  ])("refuses a cycle of %s: UsageError PlanInvalid naming the cycle", (_name, deps, cycle) => {
    const error = thrown(() => executionOrder(graph(deps)));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("PlanInvalid");
    expect(error.message).toBe(`the plan's steps depend on each other in a cycle: ${cycle}`);
  });

  it("refuses a dependency on a step the plan does not have, naming both", () => {
    const error = thrown(() => executionOrder(graph({ vpc: [], subnet: ["vcp"] })));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("PlanInvalid");
    expect(error.message).toBe("step subnet depends on step vcp, which the plan does not have");
  });
});

describe("isBlocked", () => {
  it.each<[string, ("pass" | "warn" | "block")[], boolean]>([
    ["no results", [], false],
    ["passes and warnings", ["pass", "warn", "pass"], false],
    ["one block among passes", ["pass", "block", "warn"], true],
  ])("%s → %s", (_name, outcomes, expected) => {
    expect(isBlocked({ governance: outcomes.map((outcome) => ({ rule: "r", outcome, reason: "" })) })).toBe(
      expected,
    );
  });
});
