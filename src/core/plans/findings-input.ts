/**
 * `plan create … --from-findings <file>`: the JSON an audit wrote (`aws-coworker cleanup
 * --format json`, `aws-coworker tag-compliance --format json`), validated before a blueprint
 * acts on it. The interface reads the file; this checks its shape and names what is wrong.
 * Only the plan's account's findings are kept; the others are said and left out. Pure.
 */
import { z } from "zod";
import { UsageError } from "../errors.js";

const findingSchema = z.object({
  checkId: z.string().min(1),
  status: z.enum(["fail", "suppressed", "not-evaluated", "error"]),
  account: z.string().min(1),
  region: z.string().min(1),
  resource: z.object({
    type: z.string(),
    id: z.string().min(1),
    name: z.string().nullish(),
    tags: z.record(z.string(), z.string()).default({}),
  }),
  message: z.string().default(""),
  evidence: z.record(z.string(), z.unknown()).default({}),
  monthlyCostUsd: z.number().nullish(),
});

export type PlanFinding = z.infer<typeof findingSchema>;

const fileSchema = z.object({
  workflow: z.string(),
  findings: z.array(findingSchema),
});

/** The audit each blueprint takes findings from, and the command that writes them. */
export const FINDINGS_WORKFLOW: Readonly<Record<string, { workflow: string; command: string }>> = {
  cleanup: { workflow: "cleanup", command: "aws-coworker cleanup --format json" },
  tag: { workflow: "tag-compliance", command: "aws-coworker tag-compliance --format json" },
};

/** The failed findings of an audit's JSON, for a blueprint; a bad file is a UsageError naming it. */
export function parseFindingsFile(text: string, file: string, blueprint: string): PlanFinding[] {
  const expected = FINDINGS_WORKFLOW[blueprint];
  if (expected === undefined) {
    throw new UsageError(`blueprint ${blueprint} takes no --from-findings`, {
      code: "UsageError",
      hint: `--from-findings is for ${Object.keys(FINDINGS_WORKFLOW).join(" and ")}.`,
    });
  }
  const hint = `Write it with \`${expected.command} > ${file}\`.`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--from-findings ${file} is not JSON (${(error as Error).message})`, {
      code: "FindingsInvalid",
      hint,
    });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length === 0 ? "the top level" : issue.path.join(".");
    throw new UsageError(`--from-findings ${file}: at ${at}, ${issue.message}`, {
      code: "FindingsInvalid",
      hint: `It must be an audit's JSON output (workflow and findings). ${hint}`,
    });
  }
  if (parsed.data.workflow !== expected.workflow) {
    throw new UsageError(
      `--from-findings ${file} holds ${parsed.data.workflow} findings; the ${blueprint} blueprint takes ${expected.workflow} findings`,
      { code: "FindingsInvalid", hint },
    );
  }
  return parsed.data.findings.filter((f) => f.status === "fail");
}

/** The findings of the plan's account, and a note for those of other accounts (left out). */
export function findingsOfAccount(
  findings: readonly PlanFinding[],
  account: string,
): { mine: PlanFinding[]; notes: string[] } {
  const mine = findings.filter((f) => f.account === account);
  const others = [...new Set(findings.filter((f) => f.account !== account).map((f) => f.account))];
  const skipped = findings.length - mine.length;
  return {
    mine,
    notes:
      skipped === 0
        ? []
        : [
            `${skipped} finding${skipped === 1 ? "" : "s"} of other accounts (${others.join(", ")}) left out: a plan acts on one account; draft one with each account's profile.`,
          ],
  };
}
