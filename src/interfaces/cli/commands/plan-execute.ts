/** `execute <plan>`: the CLI side — announcement, failure questions, Ctrl-C, the report. */

import type { FailureChoice } from "../../../aws/executor/run-plan.js";
import type { ExecuteDeps } from "../../../workflows/plans/execute.js";
import type { PlanStore } from "../../../workflows/plans/store.js";
import type { CliEnv, GlobalOptions } from "../cli-env.js";
import type { Session } from "../session.js";

export interface ExecuteCommandOptions {
  dryRun?: boolean;
  resume?: string;
  onFailure: "rollback" | "stop";
}

export async function runExecute(
  id: string,
  opts: ExecuteCommandOptions,
  globals: GlobalOptions,
  cli: CliEnv,
): Promise<void> {
  const { resolveWorkspace } = await import("../workspace.js");
  const { PlanStore } = await import("../../../workflows/plans/store.js");
  const store = new PlanStore((await resolveWorkspace(globals, cli)).dir);
  const plan = store.load(id);
  const b = plan.blastRadius;
  const { openSession } = await import("../session.js");
  const session = await openSession(
    globals,
    {
      operation: opts.dryRun === true ? "read" : "mutate",
      summary: `${opts.dryRun === true ? "dry run of" : "execute"} plan ${plan.id}: ${plan.goal} — ${b.resources} resources (${b.byChange.create} created, ${b.byChange.modify} changed, ${b.byChange.delete} deleted)${b.isDestructive ? ", destructive" : ""}`,
      regions: plan.context.regions,
    },
    cli,
  );
  try {
    session.announce();
    const { executePlan } = await import("../../../workflows/plans/execute.js");
    const onFailure = async (
      step: { id: string; title: string },
      error: Error,
      canSkip: boolean,
    ): Promise<FailureChoice> => {
      cli.stderr(`step ${step.id} failed: ${error.name}: ${error.message}\n`);
      if (!cli.isTTY || cli.ask === undefined) return opts.onFailure;
      const choices = ["retry", ...(canSkip ? ["skip"] : []), "rollback", "stop"];
      for (;;) {
        const answer = (await cli.ask(`What now? (${choices.join(" / ")}): `)).trim().toLowerCase();
        if (choices.includes(answer)) return answer as FailureChoice;
      }
    };
    const result = await executePlan(
      {
        planId: plan.id,
        ...(opts.dryRun === true && { dryRun: true }),
        ...(opts.resume !== undefined && { resumeRunId: opts.resume }),
        onFailure,
      },
      executeDepsOf(session, store, cli.signal, cli.osUser),
    );
    if (result.kind === "dry-run") {
      cli.stdout(
        `Dry run of plan ${plan.id}: these calls would be made, in this order (none was):\n${result.commands.join("\n")}\n`,
      );
      return;
    }
    const lines = [`Run ${result.runId} of plan ${plan.id}: ${result.status}`];
    for (const s of result.steps) {
      const ids = Object.values(s.outputs).filter((v) => typeof v === "string");
      const what = s.resources.map((r) => `${r.change} ${r.type} ${r.id ?? r.name}`).join(", ");
      lines.push(
        `  ${s.status.padEnd(11)} ${s.id}  ${s.title}${ids.length > 0 ? `  → ${ids.join(", ")}` : ""}${what === "" ? "" : `  [${what}]`}${s.error === undefined ? "" : `  (${s.error.name}: ${s.error.message})`}`,
      );
    }
    if (result.status === "completed" && plan.notes.length > 0) {
      const { fillNotes } = await import("../../../core/plans/notes.js");
      const outputs = Object.fromEntries(result.steps.map((s) => [s.id, s.outputs]));
      lines.push("Notes:", ...fillNotes(plan.notes, outputs).map((n) => `  - ${n}`));
    }
    cli.stdout(lines.join("\n") + "\n");
    if (result.status === "completed") {
      cli.stderr(`Done. To undo it: \`aws-coworker rollback ${result.runId}\`.\n`);
      return;
    }
    if (result.status === "interrupted" || result.status === "stopped") {
      cli.stderr(
        `Stopped before the end. Resume: \`aws-coworker execute ${plan.id} --resume ${result.runId}\`; or undo what was done: \`aws-coworker rollback ${result.runId}\`.\n`,
      );
    } else if (result.status === "rolled-back") {
      cli.stderr("The completed steps were rolled back.\n");
    } else if (result.rollbackError !== undefined) {
      cli.stderr(
        `Rolling back failed at step ${result.rollbackError.stepId}: ${result.rollbackError.name}: ${result.rollbackError.message}. See \`aws-coworker runs show ${result.runId}\`.\n`,
      );
    }
    cli.setExitCode?.(4);
  } finally {
    await session.close();
  }
}

/** What the execute workflow runs with, from a session (the CLI's `execute` and the MCP `execute` tool). */
export function executeDepsOf(
  session: Session,
  store: PlanStore,
  signal: AbortSignal | undefined,
  osUser?: string,
): ExecuteDeps {
  return {
    store,
    context: session.context,
    readFactory: session.factory,
    stepFactory: session.stepFactory,
    io: session.io,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...(signal !== undefined && { signal }),
    ...(osUser !== undefined && { osUser }),
  };
}
