/**
 * Plans end to end in process: the demo configuration, a sandbox, the real client factory (gate,
 * audit, SDK retry) for reads and for authorised steps, and a plan store in a temporary
 * workspace — what the CLI's session wires up, without the CLI.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryAuditSink } from "../../src/aws/audit-log/writer.js";
import { createClientFactory, type ClientFactory } from "../../src/aws/clients.js";
import { buildDemoEstate } from "../../src/aws/sandbox/demo.js";
import type { Estate } from "../../src/aws/sandbox/estate.js";
import type { SandboxFaults } from "../../src/aws/sandbox/faults.js";
import { createSandbox, type Sandbox } from "../../src/aws/sandbox/transport.js";
import type { Config } from "../../src/core/config/schema.js";
import { resolveContext, type ResolvedContext } from "../../src/core/context/resolve.js";
import { silentIoHost } from "../../src/core/io-host.js";
import { approvalFor } from "../../src/core/plans/approval.js";
import type { Plan } from "../../src/core/plans/plan.js";
import { classifyAction } from "../../src/core/safety/actions.js";
import type { GatePolicy, StepAuthorization } from "../../src/core/safety/gate.js";
import { iamActionFor } from "../../src/aws/middleware/guard.js";
import { loadConfig } from "../../src/interfaces/cli/config-files.js";
import type { FailureChoice } from "../../src/aws/executor/run-plan.js";
import { createPlan, type CreatePlanOptions } from "../../src/workflows/plans/create.js";
import { executePlan, type ExecuteOptions } from "../../src/workflows/plans/execute.js";
import { draftRollback } from "../../src/workflows/plans/rollback.js";
import { PlanStore } from "../../src/workflows/plans/store.js";

export interface PlanHarness {
  sandbox: Sandbox;
  audit: MemoryAuditSink;
  config: Config;
  context: ResolvedContext;
  store: PlanStore;
  dir: string;
  readFactory: ClientFactory;
  stepFactory: (authorization: StepAuthorization) => ClientFactory;
  create(options: Partial<CreatePlanOptions> & { blueprint: string }): ReturnType<typeof createPlan>;
  /** `signal`: aborted, the run stops before its next step (Ctrl-C). */
  execute(
    planId: string,
    options?: Partial<ExecuteOptions>,
    signal?: AbortSignal,
  ): ReturnType<typeof executePlan>;
  /** Mutating calls that reached the sandbox (after the gate), as service:Action. */
  mutationsReached(): string[];
}

export async function planHarness(
  options: {
    profile?: string;
    estate?: Estate;
    faults?: SandboxFaults;
    configYaml?: string;
    dir?: string;
  } = {},
): Promise<PlanHarness> {
  const profile = options.profile ?? "demo-dev";
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "aws-coworker-plans-"));
  const { config } = await loadConfig({
    useDemo: true,
    env: {},
    cwd: dir,
    readFile: (path) =>
      options.configYaml !== undefined && path.endsWith("test-config.yaml")
        ? Promise.resolve(options.configYaml)
        : readFile(path, "utf8"),
    ...(options.configYaml !== undefined && { orgFile: join(dir, "test-config.yaml") }),
  });
  const sandbox = createSandbox(options.estate ?? buildDemoEstate(), {
    sleep: async () => undefined,
    ...(options.faults !== undefined && { faults: options.faults }),
  });
  const identity = sandbox.identityFor(profile);
  const context = resolveContext({
    config,
    profileName: profile,
    identity: { accountId: identity.accountId, arn: identity.arn },
    fallbackRegion: "us-east-1",
  });
  const audit = new MemoryAuditSink();
  const policy: GatePolicy = {
    profile,
    permissions: context.permissions,
    allowsDirectExecution: context.environment.directExecution,
    declaredSensitiveReads: [],
  };
  const make = (p: GatePolicy) =>
    createClientFactory({
      profile,
      defaultRegion: context.defaultRegion,
      transport: { kind: "sandbox", sandbox },
      audit,
      account: identity.accountId,
      who: { osUser: "tester", callerArn: identity.arn },
      policy: p,
    });
  const readFactory = make(policy);
  const stepFactory = (authorization: StepAuthorization) => make({ ...policy, authorization });
  const store = new PlanStore(join(dir, ".aws-coworker"));
  return {
    sandbox,
    audit,
    config,
    context,
    store,
    dir,
    readFactory,
    stepFactory,
    create: (o) =>
      createPlan(
        { set: {}, regions: context.regions, ...o },
        { factory: readFactory, config, context, store, now: () => new Date(), osUser: "tester" },
      ),
    execute: (planId, o = {}, signal) =>
      executePlan(
        { planId, onFailure: async (): Promise<FailureChoice> => "stop", ...o },
        {
          store,
          context,
          readFactory,
          stepFactory,
          io: silentIoHost,
          now: () => new Date(),
          sleep: async () => undefined,
          ...(signal !== undefined && { signal }),
        },
      ),
    mutationsReached: () =>
      sandbox.calls
        .map((c) =>
          iamActionFor(
            c.service === "elbv2" || c.service === "elb" ? "elasticloadbalancing" : c.service,
            `${c.action}Command`,
          ),
        )
        .filter((a) => classifyAction(a).isMutation),
  };
}

/** A person's approval of the plan (typed yes), as `plan approve` records it, valid for 24 h. */
export function approvePlan(h: PlanHarness, plan: Plan): void {
  h.store.saveApproval(
    approvalFor(plan, {
      profile: h.context.profile.name,
      approver: { osUser: "tester", callerArn: h.context.callerArn },
      now: new Date(),
      hours: 24,
      confirmation: "typed-yes",
      approvalMode: h.context.approvalMode,
    }),
  );
}

/** The reverse plan of a run, as `rollback <run>` drafts it. */
export function rollbackPlanOf(h: PlanHarness, runId: string): Plan {
  return draftRollback(runId, {
    store: h.store,
    config: h.config,
    context: h.context,
    now: () => new Date(),
    osUser: "tester",
  }).plan;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}
