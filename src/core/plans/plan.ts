/**
 * A plan: the reviewable document of a change, and the only thing that can ever authorise a
 * mutation. Ordered steps (each one AWS API call with its parameters), the dependencies
 * between them, a validation after each, a rollback for each, the blast radius, governance
 * results, required tags and the estimated monthly cost. Its content hash (hash.ts) binds
 * approvals: a changed plan is a new plan.
 *
 * Parameters may refer to an output of an earlier step with `{"$ref": "<step id>.<output>"}`
 * (e.g. the new VPC's id); refs.ts resolves them at execution time from the journal.
 */
import { z } from "zod";
import { CLASSIFICATIONS } from "../config/schema.js";
import { UsageError } from "../errors.js";

export const PLAN_SCHEMA_VERSION = 1;

/** The services a step can call: the client factory's service keys. */
export const STEP_SERVICES = [
  "ec2",
  "s3",
  "s3control",
  "rds",
  "lambda",
  "elbv2",
  "elb",
  "kms",
  "iam",
] as const;
export type StepService = (typeof STEP_SERVICES)[number];

const jsonValue: z.ZodType<unknown> = z.unknown();

const callSchema = z.strictObject({
  service: z.enum(STEP_SERVICES).describe("The client factory's service key, e.g. ec2."),
  action: z
    .string()
    .regex(/^[A-Z][A-Za-z0-9]+$/, { error: "an action is an SDK operation name such as CreateVpc" })
    .describe("The SDK operation, e.g. CreateVpc (the command class is <action>Command)."),
  params: z.record(z.string(), jsonValue).describe("The call's input; may hold {$ref} to earlier outputs."),
});

export type StepCall = z.infer<typeof callSchema>;

const expectationSchema = z.strictObject({
  path: z.string().describe("A dotted path into the response, e.g. Vpcs.0.State."),
  equals: z.union([z.string(), z.number(), z.boolean()]).optional().describe("The value expected there."),
  exists: z.boolean().optional().describe("Whether something must (true) or must not (false) be there."),
  length: z.int().min(0).optional().describe("The number of items the list there must have."),
});

export type StepExpectation = z.infer<typeof expectationSchema>;

export const validationSchema = callSchema
  .extend({
    expect: z
      .array(expectationSchema)
      .min(1)
      .describe("What the answer must show for the step to count as done."),
    attempts: z
      .int()
      .min(1)
      .max(120)
      .optional()
      .describe("How many times to read before giving up. Default 1."),
    delayMs: z.int().min(0).optional().describe("Wait between attempts. Default 2000 ms."),
  })
  .describe("A read run after the step (a describe with an expected state, as a waiter would).");

export type StepValidation = z.infer<typeof validationSchema>;

export const rollbackSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("calls"),
    calls: z
      .array(callSchema)
      .min(1)
      .describe("The inverse calls, in order; may refer to this step's outputs."),
    validation: validationSchema.optional(),
    irreversible: z
      .boolean()
      .optional()
      .describe("The inverse calls cannot bring back what the step removed."),
  }),
  z.strictObject({ kind: z.literal("manual"), instruction: z.string() }),
  z.strictObject({ kind: z.literal("none"), reason: z.string() }),
]);

export type StepRollback = z.infer<typeof rollbackSchema>;

export const resourceRefSchema = z.strictObject({
  type: z.string().describe("service/type as in the inventory, e.g. vpc/subnet."),
  id: z.string().optional().describe("The resource's id, once known (existing resources)."),
  name: z.string().describe("A readable name: the Name tag, id or bucket name."),
  change: z.enum(["create", "modify", "delete"]),
  /** The tags the resource will carry after the step (created or tagged resources). */
  tags: z.record(z.string(), z.string()).optional(),
});

export type ResourceRef = z.infer<typeof resourceRefSchema>;

export const stepSchema = callSchema.extend({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: "a step id is kebab-case" }),
  title: z.string(),
  region: z.string(),
  dependsOn: z.array(z.string()),
  /** Output name → dotted path into the response, e.g. {vpcId: "Vpc.VpcId"}. */
  outputs: z.record(z.string(), z.string()),
  validation: validationSchema.optional(),
  rollback: rollbackSchema,
  resources: z.array(resourceRefSchema),
  /**
   * A read that finds what this step created, by the tags the plan put on it, for a step whose
   * call was made but not journaled (a crash): the executor adopts what it finds instead of
   * creating twice. Its `outputs` map the lookup's answer to the step's outputs.
   */
  lookup: callSchema.extend({ outputs: z.record(z.string(), z.string()) }).optional(),
  /** A failure of this step may be skipped (nothing later depends on it). */
  canSkip: z.boolean().optional(),
});

export type PlanStep = z.infer<typeof stepSchema>;

export const governanceResultSchema = z.strictObject({
  rule: z.string(),
  outcome: z.enum(["pass", "warn", "block"]),
  reason: z.string(),
  stepId: z.string().optional(),
});

export type GovernanceResult = z.infer<typeof governanceResultSchema>;

export const costLineSchema = z.strictObject({
  item: z.string(),
  monthlyUsd: z.number(),
  basis: z.string(),
});

export const blastRadiusSchema = z.strictObject({
  resources: z.int(),
  byChange: z.strictObject({ create: z.int(), modify: z.int(), delete: z.int() }),
  byLocation: z.record(z.string(), z.int()).describe("<account>/<region> → resources touched."),
  isDestructive: z.boolean(),
  irreversibleSteps: z.array(z.string()),
  needsTypedCount: z.boolean().describe("Approval needs the number of resources typed, not just yes."),
});

export type BlastRadius = z.infer<typeof blastRadiusSchema>;

export const planSchema = z.strictObject({
  schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
  id: z.string().regex(/^plan-[a-z0-9-]+$/),
  createdAt: z.string(),
  createdBy: z.strictObject({ osUser: z.string(), callerArn: z.string() }),
  blueprint: z.string(),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  goal: z.string(),
  context: z.strictObject({
    profile: z.string(),
    account: z.string(),
    accountAlias: z.string().optional(),
    regions: z.array(z.string()).min(1),
    classification: z.enum(CLASSIFICATIONS),
  }),
  steps: z.array(stepSchema).min(1, { error: "a plan has at least one step" }),
  blastRadius: blastRadiusSchema,
  governance: z.array(governanceResultSchema),
  requiredTags: z.record(z.string(), z.string()),
  cost: z.strictObject({ monthlyUsd: z.number(), lines: z.array(costLineSchema), source: z.string() }),
  notes: z.array(z.string()),
  /** A rollback plan names the run it reverses. */
  origin: z.strictObject({ kind: z.literal("rollback"), runId: z.string(), planId: z.string() }).optional(),
  /** sha256 of the canonical JSON of everything above (hash.ts). */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

export type Plan = z.infer<typeof planSchema>;
export type PlanContent = Omit<Plan, "hash">;

/** Tag keys the executor puts on everything a plan creates, so a crashed step can be found again. */
export const PLAN_TAG = "aws-coworker:plan";
export const STEP_TAG = "aws-coworker:step";

/** Whether any step blocks approval. */
export function isBlocked(plan: Pick<Plan, "governance">): boolean {
  return plan.governance.some((g) => g.outcome === "block");
}

/** Steps in an order that honours dependsOn (stable: plan order among independent steps). */
export function executionOrder(steps: readonly PlanStep[]): PlanStep[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: PlanStep[] = [];
  const visit = (step: PlanStep, path: readonly string[]): void => {
    if (done.has(step.id)) return;
    if (visiting.has(step.id)) {
      throw new UsageError(
        `the plan's steps depend on each other in a cycle: ${[...path, step.id].join(" → ")}`,
        {
          code: "PlanInvalid",
        },
      );
    }
    visiting.add(step.id);
    for (const dep of step.dependsOn) {
      const target = byId.get(dep);
      if (target === undefined) {
        throw new UsageError(`step ${step.id} depends on step ${dep}, which the plan does not have`, {
          code: "PlanInvalid",
        });
      }
      visit(target, [...path, step.id]);
    }
    visiting.delete(step.id);
    done.add(step.id);
    order.push(step);
  };
  for (const step of steps) visit(step, []);
  return order;
}
