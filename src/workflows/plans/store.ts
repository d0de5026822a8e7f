/**
 * Plans and approvals in the workspace: `plans/<id>.json` (canonical, what the hash covers),
 * `plans/<id>.md` (the rendering a person reviews) and `approvals/<plan id>.json`. Reading a
 * plan validates it against the schema; an edited plan still loads, and its hash then no
 * longer matches (execute refuses it; `plan show` says so).
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../../core/errors.js";
import type { Approval } from "../../core/plans/approval.js";
import { isPlanIntact } from "../../core/plans/hash.js";
import { planSchema, type Plan } from "../../core/plans/plan.js";
import { renderPlanMarkdown } from "../../report/plans/markdown.js";

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** An id that sorts by time, to the millisecond: `<prefix>-YYYYMMDD-HHMMSSmmm[-label]-<4 hex>`. */
export function newId(prefix: "plan" | "run", now: Date, label?: string): string {
  const stamp = now.toISOString().replace(/[-:.]/g, "").replace("T", "-").slice(0, 18);
  return `${prefix}-${stamp}${label === undefined ? "" : `-${label}`}-${randomBytes(2).toString("hex")}`;
}

export class PlanStore {
  readonly plansDir: string;
  readonly approvalsDir: string;

  constructor(readonly workspaceDir: string) {
    this.plansDir = join(workspaceDir, "plans");
    this.approvalsDir = join(workspaceDir, "approvals");
  }

  save(plan: Plan): { json: string; markdown: string } {
    mkdirSync(this.plansDir, { recursive: true });
    const json = join(this.plansDir, `${plan.id}.json`);
    const markdown = join(this.plansDir, `${plan.id}.md`);
    writeFileSync(json, JSON.stringify(plan, null, 2) + "\n", { mode: 0o600 });
    writeFileSync(markdown, renderPlanMarkdown(plan, { isIntact: true }), { mode: 0o600 });
    return { json, markdown };
  }

  ids(): string[] {
    if (!existsSync(this.plansDir)) return [];
    return readdirSync(this.plansDir)
      .filter((f) => /^plan-[a-z0-9-]+\.json$/.test(f))
      .map((f) => f.slice(0, -".json".length))
      .sort()
      .reverse();
  }

  /** `last` is the plan made most recently (by its createdAt; ids break ties). */
  resolveId(idOrLast: string): string {
    if (idOrLast !== "last") return idOrLast;
    const newest = this.ids()
      .map((id) => ({ id, createdAt: this.createdAtOf(id) }))
      .sort((a, b) =>
        a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
      )[0]?.id;
    if (newest === undefined) {
      throw new UsageError("there is no plan in this workspace yet", {
        code: "PlanNotFound",
        hint: "Draft one with `aws-coworker plan create <blueprint>`.",
      });
    }
    return newest;
  }

  private createdAtOf(id: string): string {
    try {
      const data = JSON.parse(readFileSync(join(this.plansDir, `${id}.json`), "utf8")) as {
        createdAt?: unknown;
      };
      return typeof data.createdAt === "string" ? data.createdAt : "";
    } catch {
      return ""; // an unreadable plan is never "last"
    }
  }

  load(idOrLast: string): Plan {
    const id = this.resolveId(idOrLast);
    if (!/^plan-[a-z0-9-]+$/.test(id)) {
      throw new UsageError(`"${id}" is not a plan id (plan-…)`, {
        code: "PlanNotFound",
        hint: "See `aws-coworker plan list`.",
      });
    }
    const file = join(this.plansDir, `${id}.json`);
    if (!existsSync(file)) {
      throw new UsageError(`no plan ${id} in this workspace (${this.plansDir})`, {
        code: "PlanNotFound",
        hint: "See `aws-coworker plan list` for the plans there are.",
      });
    }
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new UsageError(
        `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
        {
          code: "PlanInvalid",
          hint: "Plans are written by `aws-coworker plan create`; draft it again rather than editing it.",
        },
      );
    }
    const parsed = planSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(
        `${file} is not a valid plan: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(),
        {
          code: "PlanInvalid",
          hint: "Plans are written by `aws-coworker plan create`; draft it again rather than editing it.",
        },
      );
    }
    return parsed.data;
  }

  isIntact(plan: Plan): boolean {
    return isPlanIntact(plan, sha256);
  }

  saveApproval(approval: Approval): string {
    mkdirSync(this.approvalsDir, { recursive: true });
    const file = join(this.approvalsDir, `${approval.planId}.json`);
    writeFileSync(file, JSON.stringify(approval, null, 2) + "\n", { mode: 0o600 });
    return file;
  }

  loadApproval(planId: string): Approval | undefined {
    const file = join(this.approvalsDir, `${planId}.json`);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, "utf8")) as Approval;
    } catch {
      return undefined; // an unreadable approval is no approval
    }
  }
}
