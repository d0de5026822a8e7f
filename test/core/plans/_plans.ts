/**
 * Fixtures for the plan layer: the effective default configuration (the built-in core layer,
 * optionally extended by an organisation layer, merged as the CLI merges them), plan steps
 * and sealed plans whose fields have harmless defaults, and sha256 from node:crypto.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { coreLayer } from "../../../src/core/config/defaults.js";
import { mergeLayers } from "../../../src/core/config/layers.js";
import type { Classification, Config } from "../../../src/core/config/schema.js";
import { CoworkerError } from "../../../src/core/errors.js";
import type { BlueprintContext } from "../../../src/core/plans/blueprints/blueprint.js";
import { sealPlan } from "../../../src/core/plans/hash.js";
import {
  PLAN_SCHEMA_VERSION,
  type Plan,
  type PlanContent,
  type PlanStep,
} from "../../../src/core/plans/plan.js";

export const ACCOUNT = "111111111111";
export const OTHER_ACCOUNT = "222222222222";
export const REGION = "eu-west-1";
export const PLAN_ID = "plan-20261124-120000-test";
export const NOW = new Date("2026-11-24T12:00:00.000Z");

export const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** The effective configuration: core defaults, extended by `org` (an organisation file's content). */
export function configWith(org?: unknown): Config {
  const layers = [coreLayer];
  if (org !== undefined) layers.push({ name: "org", source: "./org.yaml", data: org });
  return mergeLayers(layers).config;
}

/** The built-in defaults alone. */
export const DEFAULTS: Config = configWith();

/** The demo organisation's configuration (config/demo.yaml over the defaults), as --sandbox loads it. */
export const DEMO: Config = configWith(
  parse(readFileSync(new URL("../../../config/demo.yaml", import.meta.url), "utf8")) as unknown,
);

/** Tags that satisfy the default tagging policy (Owner, Environment, CostCenter). */
export const GOOD_TAGS: Readonly<Record<string, string>> = {
  Owner: "platform-team",
  Environment: "development",
  CostCenter: "CC-1234",
};

export function step(id: string, over: Partial<PlanStep> = {}): PlanStep {
  return {
    id,
    title: `step ${id}`,
    service: "ec2",
    action: "DescribeVpcs",
    params: {},
    region: REGION,
    dependsOn: [],
    outputs: {},
    rollback: { kind: "none", reason: "a test step" },
    resources: [],
    ...over,
  };
}

export function planContent(steps: PlanStep[], over: Partial<PlanContent> = {}): PlanContent {
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    id: PLAN_ID,
    createdAt: NOW.toISOString(),
    createdBy: { osUser: "alice", callerArn: `arn:aws:iam::${ACCOUNT}:user/alice` },
    blueprint: "test",
    parameters: {},
    goal: "a test plan",
    context: { profile: "dev-admin", account: ACCOUNT, regions: [REGION], classification: "development" },
    steps,
    blastRadius: {
      resources: 0,
      byChange: { create: 0, modify: 0, delete: 0 },
      byLocation: {},
      isDestructive: false,
      irreversibleSteps: [],
      needsTypedCount: false,
    },
    governance: [],
    requiredTags: {},
    cost: { monthlyUsd: 0, lines: [], source: "test" },
    notes: [],
    ...over,
  };
}

export function plan(steps: PlanStep[] = [step("only")], over: Partial<PlanContent> = {}): Plan {
  return sealPlan(planContent(steps, over), sha256);
}

export function blueprintContext(over: Partial<BlueprintContext> = {}): BlueprintContext {
  return {
    planId: PLAN_ID,
    account: ACCOUNT,
    region: REGION,
    classification: "development" as Classification,
    config: DEFAULTS,
    tags: GOOD_TAGS,
    ...over,
  };
}

/** The CoworkerError `run` throws (fails the test when it throws nothing or something else). */
export function thrown(run: () => unknown): CoworkerError {
  try {
    run();
  } catch (error) {
    if (error instanceof CoworkerError) return error;
    throw error;
  }
  throw new Error("expected a CoworkerError, nothing was thrown");
}
