/** A plan as Markdown for review, and as the equivalent AWS CLI commands. Imports core only. */
import type { Plan, PlanStep, StepCall } from "../../core/plans/plan.js";
import { isRef } from "../../core/plans/refs.js";

export function renderPlanMarkdown(plan: Plan, options: { isIntact: boolean }): string {
  const lines: string[] = [];
  const b = plan.blastRadius;
  lines.push(`# Plan ${plan.id}`, "", `**Goal:** ${plan.goal}`, "");
  if (!options.isIntact)
    lines.push(
      "> **This plan was edited after it was made: its hash no longer matches. It cannot be approved or executed.**",
      "",
    );
  lines.push(
    "| | |",
    "|---|---|",
    `| Blueprint | ${plan.blueprint} |`,
    `| Profile | ${plan.context.profile} |`,
    `| Account | ${plan.context.account}${plan.context.accountAlias === undefined ? "" : ` (${plan.context.accountAlias})`} |`,
    `| Region(s) | ${plan.context.regions.join(", ")} |`,
    `| Environment | ${plan.context.classification} |`,
    `| Created | ${plan.createdAt} by ${plan.createdBy.osUser} |`,
    `| Hash | \`${plan.hash}\` |`,
    "",
    "## Blast radius",
    "",
    `${b.resources} resource${b.resources === 1 ? "" : "s"}: ${b.byChange.create} created, ${b.byChange.modify} changed, ${b.byChange.delete} deleted — ${Object.entries(
      b.byLocation,
    )
      .map(([where, n]) => `${where}: ${n}`)
      .join(", ")}.${b.isDestructive ? " **Destructive.**" : ""}`,
  );
  if (b.irreversibleSteps.length > 0)
    lines.push("", `Irreversible steps: ${b.irreversibleSteps.join(", ")}.`);
  lines.push("", "## Governance", "", "| Rule | Result | Reason |", "|---|---|---|");
  for (const g of plan.governance)
    lines.push(
      `| ${g.rule} | ${g.outcome.toUpperCase()} | ${escape(g.reason)}${g.stepId === undefined ? "" : ` (step ${g.stepId})`} |`,
    );
  if (plan.governance.length === 0) lines.push("| — | — | no rule applies |");
  lines.push(
    "",
    "## Estimated monthly cost",
    "",
    `**${usd(plan.cost.monthlyUsd)}/month${plan.cost.monthlyUsd < 0 ? " (a saving)" : ""}**`,
    "",
  );
  for (const c of plan.cost.lines) lines.push(`- ${c.item}: ${usd(c.monthlyUsd)} (${c.basis})`);
  lines.push("", `Prices: ${plan.cost.source}.`);
  if (Object.keys(plan.requiredTags).length > 0) {
    lines.push(
      "",
      "## Tags on new resources",
      "",
      ...Object.entries(plan.requiredTags).map(([k, v]) => `- ${k} = ${v}`),
    );
  }
  lines.push("", "## Steps", "");
  plan.steps.forEach((s, i) => lines.push(...renderStep(s, i + 1)));
  if (plan.notes.length > 0) lines.push("## Notes", "", ...plan.notes.map((n) => `- ${n}`), "");
  lines.push("## AWS CLI equivalent", "", "```sh", ...renderCliCommands(plan), "```", "");
  return lines.join("\n");
}

function renderStep(s: PlanStep, n: number): string[] {
  const out = [
    `### ${n}. ${s.title} (\`${s.id}\`)`,
    "",
    `\`${s.service}:${s.action}\` in ${s.region}${s.dependsOn.length > 0 ? `, after ${s.dependsOn.join(", ")}` : ""}`,
    "",
  ];
  out.push("```json", JSON.stringify(s.params, null, 2), "```", "");
  if (s.validation !== undefined)
    out.push(
      `Validation: \`${s.validation.service}:${s.validation.action}\` expects ${s.validation.expect.map((e) => `${e.path}${e.equals !== undefined ? ` = ${String(e.equals)}` : e.length !== undefined ? ` has ${e.length} items` : ""}`).join(", ")}.`,
      "",
    );
  out.push(`Rollback: ${rollbackText(s)}`, "");
  return out;
}

function rollbackText(s: PlanStep): string {
  switch (s.rollback.kind) {
    case "calls":
      return `${s.rollback.calls.map((c) => `\`${c.service}:${c.action}\``).join(", then ")}${s.rollback.irreversible === true ? " (irreversible: what the step removed cannot be brought back)" : ""}.`;
    case "manual":
      return `manual — ${s.rollback.instruction}`;
    case "none":
      return `none needed — ${s.rollback.reason}.`;
  }
}

const CLI_SERVICE: Readonly<Record<string, string>> = { s3: "s3api", elbv2: "elbv2", elb: "elb" };

/** `CreateVpc` → `create-vpc`. */
function kebab(action: string): string {
  return action
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
}

/** The steps as AWS CLI commands (outputs of earlier steps appear as shell variables). */
export function renderCliCommands(plan: Plan): string[] {
  return plan.steps.map((s) => cliCommand(s, s.region));
}

function cliCommand(call: StepCall & { id?: string }, region: string): string {
  const service = CLI_SERVICE[call.service] ?? call.service;
  const input = JSON.stringify(call.params, (_k, v: unknown) =>
    isRef(v) ? `$${v.$ref.replace(/[.-]/g, "_").toUpperCase()}` : v,
  );
  return `aws ${service} ${kebab(call.action)} --region ${region} --cli-input-json '${input}'`;
}

function escape(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** -$80.00 for a saving, $33.00 for a cost. */
function usd(amount: number): string {
  return `${amount < 0 ? "-" : ""}$${Math.abs(amount).toFixed(2)}`;
}
