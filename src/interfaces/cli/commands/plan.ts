/**
 * Changes: `plan create|list|show|diff|approve|blueprints`, `execute`, `rollback`,
 * `runs list|show`. The only way AWS Coworker mutates: a plan is drafted (reads only),
 * approved by a person at a terminal (when the approval mode asks for it), then executed step
 * by step, each call authorised by the gate for exactly that step.
 */
import { Option, type Command } from "commander";
import { UsageError } from "../../../core/errors.js";
import type { CliEnv, GlobalOptions } from "../cli-env.js";

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * `--set key=value` pairs. A list parameter (`ingress`…) may be given several times: its values
 * are joined with the list separator, as if written `--set ingress=a,b`. Any other key given
 * twice is refused rather than silently taking the last.
 */
export function parseSets(
  sets: readonly string[],
  listKeys: ReadonlySet<string>,
  separator: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of sets) {
    const eq = s.indexOf("=");
    if (eq <= 0) {
      throw new UsageError(`--set "${s}" is not key=value`, {
        code: "UsageError",
        hint: "Write --set cidr=10.20.0.0/16 or --set tags.Owner=platform-team.",
      });
    }
    const key = s.slice(0, eq);
    const value = s.slice(eq + 1);
    const previous = out[key];
    if (previous !== undefined && !listKeys.has(key)) {
      throw new UsageError(`--set ${key} is given twice ("${previous}", "${value}")`, {
        code: "UsageError",
        hint: `Give --set ${key}=… once; only list parameters (${[...listKeys].join(", ") || "none here"}) repeat.`,
      });
    }
    out[key] = previous === undefined ? value : `${previous}${separator}${value}`;
  }
  return out;
}

/** `--from-findings <file>`: read here (the interface), validated in core. */
async function readFindings(file: string, blueprint: string, cli: CliEnv) {
  const { readFile } = await import("node:fs/promises");
  const { resolve } = await import("node:path");
  const { parseFindingsFile } = await import("../../../core/plans/findings-input.js");
  let text: string;
  try {
    text = await readFile(resolve(cli.cwd, file), "utf8");
  } catch (error) {
    throw new UsageError(
      `--from-findings ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      {
        code: "FindingsInvalid",
        hint: "Pass the file an audit wrote, e.g. `aws-coworker cleanup --format json > cleanup.json`.",
      },
    );
  }
  return parseFindingsFile(text, file, blueprint);
}

async function planStore(globals: GlobalOptions, cli: CliEnv) {
  const { resolveWorkspace } = await import("../workspace.js");
  const { PlanStore } = await import("../../../workflows/plans/store.js");
  return new PlanStore((await resolveWorkspace(globals, cli)).dir);
}

export function registerPlanCommands(program: Command, cli: CliEnv): void {
  const plan = program
    .command("plan")
    .description("draft, review and approve changes: a plan is the only way AWS Coworker mutates AWS");

  plan
    .command("blueprints")
    .description("list the blueprints and their parameters (no AWS call)")
    .action(async () => {
      const { BLUEPRINTS } = await import("../../../workflows/plans/create.js");
      for (const [name, spec] of Object.entries(BLUEPRINTS)) {
        cli.stdout(`${name} — ${spec.summary}\n`);
        for (const p of spec.params) {
          const choices = p.choices === undefined ? "" : ` (${p.choices.join(" | ")})`;
          const fallback =
            p.default === undefined || p.default === "" ? "" : ` [default: ${String(p.default)}]`;
          cli.stdout(`  --set ${p.name}=…  ${p.description}${choices}${fallback}\n`);
        }
        if (spec.createsResources)
          cli.stdout(
            `  --set tags.<Key>=<value>  a tag for what it creates (the tagging policy's tags are required)\n`,
          );
        else if (name === "tag") cli.stdout(`  --set tags.<Key>=<value>  a tag to set (one --set per tag)\n`);
        if (spec.takesSelection === true)
          cli.stdout(
            `  --select '<type> tag:K=V tag:K !tag:K'  which resources to ${name === "delete" ? "delete" : "tag"}\n`,
          );
        if (spec.takesFindings === true)
          cli.stdout(
            `  --from-findings <file>  the JSON of \`aws-coworker ${name === "tag" ? "tag-compliance" : "cleanup"} --format json\`\n`,
          );
        cli.stdout("\n");
      }
    });

  plan
    .command("create <blueprint>")
    .description(
      "draft a plan from a blueprint (vpc, s3-bucket, security-group, ec2-instance, tag, cleanup, delete): reads the account, changes nothing",
    )
    .option(
      "--set <key=value>",
      "a blueprint parameter or tags.<Key>=<value>; repeat for several (a list parameter such as ingress may repeat)",
      collect,
      [],
    )
    .option(
      "--select <selection>",
      "tag and delete blueprints: the resources, e.g. 'ec2:instance tag:Environment=development'",
    )
    .option(
      "--from-findings <file>",
      "cleanup: the JSON of `cleanup --format json`; tag: the JSON of `tag-compliance --format json`",
    )
    .option(
      "--regions <list>",
      "the region to plan in (tag: the regions to select in); default: the profile's",
    )
    .addOption(
      new Option("--format <format>", "what to print").choices(["markdown", "json"]).default("markdown"),
    )
    .action(
      async (
        blueprint: string,
        opts: { set: string[]; select?: string; fromFindings?: string; regions?: string; format: string },
        command: Command,
      ) => {
        const globals = command.optsWithGlobals<GlobalOptions>();
        const { BLUEPRINTS } = await import("../../../workflows/plans/create.js");
        const { LIST_SEPARATOR } = await import("../../../core/plans/blueprints/blueprint.js");
        const listKeys = new Set(
          (BLUEPRINTS[blueprint]?.params ?? []).filter((p) => p.kind === "list").map((p) => p.name),
        );
        const set = parseSets(opts.set, listKeys, LIST_SEPARATOR);
        const { parseRegionsOption } = await import("./scan-command.js");
        const regions = await parseRegionsOption(opts.regions);
        if (regions === "all")
          throw new UsageError("plan create takes region codes, not all", {
            hint: "Pass --regions us-east-1,eu-west-1.",
          });
        const findings =
          opts.fromFindings === undefined ? undefined : await readFindings(opts.fromFindings, blueprint, cli);
        const { openSession } = await import("../session.js");
        const session = await openSession(
          globals,
          {
            operation: "read",
            summary: `draft a ${blueprint} plan (reads only; nothing is changed)`,
            regions,
          },
          cli,
        );
        try {
          session.announce();
          const { createPlan, BLUEPRINTS } = await import("../../../workflows/plans/create.js");
          const spec = BLUEPRINTS[blueprint];
          let select = opts.select;
          // On a terminal with nothing given, ask (Enter keeps each default); scripts use --set.
          if (spec !== undefined && cli.isTTY && cli.ask !== undefined && opts.set.length === 0) {
            const { askMissing } = await import("./plan-prompts.js");
            const asked = await askMissing({
              params: spec.params,
              takesSelection: spec.takesSelection === true,
              createsResources: spec.createsResources,
              set,
              select,
              rules: session.config.tagging.required,
              classification: session.context.classification,
              ask: cli.ask,
            });
            Object.assign(set, asked.set);
            select = asked.select;
          }
          const { PlanStore } = await import("../../../workflows/plans/store.js");
          const { renderPlanMarkdown } = await import("../../../report/plans/markdown.js");
          const { isBlocked } = await import("../../../core/plans/plan.js");
          const result = await createPlan(
            {
              blueprint,
              set,
              ...(select !== undefined && { select }),
              ...(findings !== undefined && { findings }),
              regions: regions ?? session.context.regions,
            },
            {
              factory: session.factory,
              config: session.config,
              context: session.context,
              store: new PlanStore(session.workspace.dir),
              now: () => new Date(),
              osUser: cli.osUser,
            },
          );
          cli.stdout(
            opts.format === "json"
              ? JSON.stringify(result.plan, null, 2) + "\n"
              : renderPlanMarkdown(result.plan, { isIntact: true }),
          );
          cli.stderr(`\nPlan ${result.plan.id} saved: ${result.files.markdown}\n`);
          if (isBlocked(result.plan)) {
            cli.stderr(
              "Governance blocks this plan: it cannot be approved. Fix what the rules name and draft it again.\n",
            );
            cli.setExitCode?.(3);
          } else {
            cli.stderr(
              `Next: review it, then \`aws-coworker plan approve ${result.plan.id}\` and \`aws-coworker execute ${result.plan.id}\`.\n`,
            );
          }
        } finally {
          await session.close();
        }
      },
    );

  plan
    .command("list")
    .description("the plans in the workspace, newest first, with their approval")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .action(async (opts: { format: string }, command: Command) => {
      const store = await planStore(command.optsWithGlobals<GlobalOptions>(), cli);
      const { listPlans } = await import("../../../workflows/plans/list.js");
      const rows = listPlans(store);
      if (opts.format === "json") cli.stdout(JSON.stringify(rows, null, 2) + "\n");
      else if (rows.length === 0)
        cli.stdout("No plans yet. Draft one with `aws-coworker plan create <blueprint>`.\n");
      else
        for (const r of rows)
          cli.stdout(
            `${r.id}  ${r.blueprint}  ${r.profile}/${r.account}  ${r.steps} steps  approval: ${r.approval}\n  ${r.goal}\n`,
          );
    });

  plan
    .command("show <plan>")
    .description("a plan (an id or last) as Markdown, JSON or the equivalent AWS CLI commands")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["markdown", "json", "cli"])
        .default("markdown"),
    )
    .action(async (id: string, opts: { format: string }, command: Command) => {
      const store = await planStore(command.optsWithGlobals<GlobalOptions>(), cli);
      const p = store.load(id);
      const { renderPlanMarkdown, renderCliCommands } = await import("../../../report/plans/markdown.js");
      if (opts.format === "json") cli.stdout(JSON.stringify(p, null, 2) + "\n");
      else if (opts.format === "cli") cli.stdout(renderCliCommands(p).join("\n") + "\n");
      else cli.stdout(renderPlanMarkdown(p, { isIntact: store.isIntact(p) }));
    });

  plan
    .command("diff <a> <b>")
    .description("what differs between two plans: goal, steps added, removed or changed")
    .action(async (a: string, b: string, _opts: unknown, command: Command) => {
      const store = await planStore(command.optsWithGlobals<GlobalOptions>(), cli);
      const { canonicalJson } = await import("../../../core/canonical-json.js");
      const left = store.load(a);
      const right = store.load(b);
      const lines: string[] = [`--- ${left.id}`, `+++ ${right.id}`];
      if (left.goal !== right.goal) lines.push(`- goal: ${left.goal}`, `+ goal: ${right.goal}`);
      const l = new Map(left.steps.map((s) => [s.id, s]));
      const r = new Map(right.steps.map((s) => [s.id, s]));
      for (const [id, s] of l) if (!r.has(id)) lines.push(`- step ${id}: ${s.title}`);
      for (const [id, s] of r) if (!l.has(id)) lines.push(`+ step ${id}: ${s.title}`);
      for (const [id, s] of l) {
        const other = r.get(id);
        if (other !== undefined && canonicalJson({ ...s, params: s.params }) !== canonicalJson(other)) {
          lines.push(
            `~ step ${id}: ${s.title}`,
            `    - ${canonicalJson(s.params)}`,
            `    + ${canonicalJson(other.params)}`,
          );
        }
      }
      if (lines.length === 2) lines.push("(the plans make the same calls)");
      cli.stdout(lines.join("\n") + "\n");
    });

  plan
    .command("approve <plan>")
    .description(
      "approve a plan (a person at a terminal; an AI agent cannot): binds its hash, account and profile, and expires",
    )
    .action(async (id: string, _opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const store = await planStore(globals, cli);
      const p = store.load(id);
      const { openSession } = await import("../session.js");
      const session = await openSession(
        globals,
        {
          operation: "read",
          summary: `approve plan ${p.id} (no AWS change now)`,
          regions: p.context.regions,
        },
        cli,
      );
      try {
        session.announce();
        const { admitForApproval } = await import("./plan-approve.js");
        const approval = await admitForApproval(p, store, session, cli);
        cli.stdout(
          `Approved plan ${p.id} (hash ${p.hash.slice(0, 12)}…) for ${approval.profile}/${approval.account} until ${approval.expiresAt}.\n`,
        );
        cli.stderr(`Next: \`aws-coworker execute ${p.id}\`.\n`);
      } finally {
        await session.close();
      }
    });

  program
    .command("execute <plan>")
    .description(
      "run an approved plan (an id or last) step by step, with validation and a journal; sandbox, development and test only",
    )
    .option("--dry-run", "show the calls it would make, make none")
    .option("--resume <run>", "carry on an interrupted run of this plan from its journal")
    .addOption(
      new Option("--on-failure <choice>", "when a step fails and nobody can be asked")
        .choices(["rollback", "stop"])
        .default("stop"),
    )
    .action(
      async (
        id: string,
        opts: { dryRun?: boolean; resume?: string; onFailure: "rollback" | "stop" },
        command: Command,
      ) => {
        const { runExecute } = await import("./plan-execute.js");
        await runExecute(id, opts, command.optsWithGlobals<GlobalOptions>(), cli);
      },
    );

  program
    .command("rollback <run>")
    .description(
      "draft the plan that reverses an execution run (from its journal); approve and execute it like any plan",
    )
    .action(async (runId: string, _opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { openSession } = await import("../session.js");
      const session = await openSession(
        globals,
        { operation: "read", summary: `draft the rollback of ${runId} (reads only)` },
        cli,
      );
      try {
        session.announce();
        const { draftRollback } = await import("../../../workflows/plans/rollback.js");
        const { PlanStore } = await import("../../../workflows/plans/store.js");
        const { renderPlanMarkdown } = await import("../../../report/plans/markdown.js");
        const result = draftRollback(runId, {
          store: new PlanStore(session.workspace.dir),
          config: session.config,
          context: session.context,
          now: () => new Date(),
          osUser: cli.osUser,
        });
        cli.stdout(renderPlanMarkdown(result.plan, { isIntact: true }));
        cli.stderr(
          `\nRollback plan ${result.plan.id} saved. Next: \`aws-coworker plan approve ${result.plan.id}\` (if the approval mode asks for it), then \`aws-coworker execute ${result.plan.id}\`.\n`,
        );
      } finally {
        await session.close();
      }
    });

  const runs = program
    .command("runs")
    .description("execution runs: what each did, and which can be rolled back");
  runs
    .command("list")
    .description("recent execution runs, newest first")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .action(async (opts: { format: string }, command: Command) => {
      const store = await planStore(command.optsWithGlobals<GlobalOptions>(), cli);
      const { listRuns } = await import("../../../workflows/plans/runs.js");
      const list = listRuns(store);
      if (opts.format === "json") cli.stdout(JSON.stringify(list, null, 2) + "\n");
      else if (list.length === 0) cli.stdout("No execution runs yet.\n");
      else
        for (const r of list)
          cli.stdout(
            `${r.runId}  ${r.status}  ${r.completedSteps}/${r.totalSteps ?? "?"} steps  ${r.isReversible ? "reversible" : "not reversible"}${r.reverses === undefined ? "" : `  (reverses ${r.reverses})`}\n  plan ${r.planId}: ${r.goal ?? r.problem ?? ""}\n`,
          );
    });
  runs
    .command("show <run>")
    .description("a run's journal: each step's start and result, with the ids it recorded")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (runId: string, opts: { format: string }, command: Command) => {
      const store = await planStore(command.optsWithGlobals<GlobalOptions>(), cli);
      const { summarizeRun } = await import("../../../workflows/plans/runs.js");
      const { plan: _plan, ...summary } = summarizeRun(store, runId);
      if (opts.format === "json") {
        cli.stdout(JSON.stringify(summary, null, 2) + "\n");
        return;
      }
      cli.stdout(`${summary.runId}  ${summary.status}  plan ${summary.planId}\n${summary.goal ?? ""}\n`);
      for (const r of summary.records) {
        const detail =
          r.type === "step-completed"
            ? ` ${JSON.stringify(r.outputs)}${r.reconciled === true ? " (found after an interruption)" : ""}`
            : r.type === "step-failed"
              ? ` ${r.errorName}: ${r.message}`
              : r.type === "run-ended"
                ? ` ${r.status}`
                : "";
        cli.stdout(`  ${r.at}  ${r.type}${"stepId" in r ? ` ${r.stepId}` : ""}${detail}\n`);
      }
    });
}
