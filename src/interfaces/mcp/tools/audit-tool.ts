/**
 * What the audit tools (security, sg-audit, tag-compliance, cleanup, review) share: the scope,
 * the session, the run journal and the audit workflow, as the CLI's audit commands run them.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { AuditRecord } from "../../../core/audit/records.js";
import type { Pillar } from "../../../core/checks/check.js";
import {
  accountsArg,
  guarded,
  openToolSession,
  partialNote,
  profileArg,
  regionsArg,
  regionsOf,
  roleArg,
  scanOutputShape,
  toolResult,
  resumeArg,
  yesArg,
  type McpServerOptions,
} from "../tool-support.js";

export type AuditWorkflow = "security" | "sg-audit" | "tag-compliance" | "cleanup" | "review";

export const auditInputShape = {
  profile: profileArg,
  regions: regionsArg,
  accounts: accountsArg,
  role: roleArg,
  yes: yesArg,
  resume: resumeArg,
};

const auditOutputShape = {
  ...scanOutputShape,
  workflow: z.string(),
  pillar: z.string().nullable(),
  summary: z.looseObject({ failed: z.number(), suppressed: z.number(), monthlyCostUsd: z.number() }),
  findings: z.array(
    z.looseObject({
      checkId: z.string(),
      severity: z.string(),
      status: z.string(),
      account: z.string(),
      region: z.string(),
      message: z.string(),
    }),
  ),
};

export interface AuditToolSpec {
  workflow: AuditWorkflow;
  title: string;
  description: string;
  /** For the announcement: `security audit`. */
  summary: string;
  /** Extra arguments of this audit (tag-compliance's types, review's pillar). */
  inputShape?: z.ZodRawShape;
}

export interface AuditToolArgs {
  profile?: string | undefined;
  regions?: string[] | "all" | undefined;
  accounts?: string[] | "all" | undefined;
  role?: string | undefined;
  yes?: boolean | undefined;
  resume?: true | string | undefined;
  types?: string[] | undefined;
  pillar?: Pillar | undefined;
}

export function registerAuditTool(server: McpServer, options: McpServerOptions, spec: AuditToolSpec): void {
  server.registerTool(
    spec.workflow,
    {
      title: spec.title,
      description: spec.description,
      inputSchema: { ...auditInputShape, ...spec.inputShape },
      outputSchema: z.looseObject(auditOutputShape),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (args: AuditToolArgs, extra) => guarded(async () => runAuditTool(spec, args, options, extra)),
  );
}

async function runAuditTool(
  spec: AuditToolSpec,
  args: AuditToolArgs,
  options: McpServerOptions,
  extra: Parameters<typeof openToolSession>[3] & { signal: AbortSignal },
) {
  const regions = await regionsOf(args.regions);
  const { runAudit } = await import("../../../workflows/audit/index.js");
  const { scanSensitiveReads } = await import("../../../workflows/scan/run-scan.js");
  const { scanJournal } = await import("../../../workflows/scan/scan-journal.js");
  const { auditSettingsOf } = await import("../../../core/checks/settings.js");
  const { isExpired } = await import("../../../core/findings/suppression.js");
  const { openScanJournal, scanDepsOf, scanOptionsOf, describeAccounts } =
    await import("../../cli/commands/scan-command.js");
  const { pillar, types } = args;
  const session = await openToolSession(
    options,
    args.profile,
    {
      operation: "read",
      summary: `${spec.summary}${pillar === undefined ? "" : ` of the ${pillar} pillar`}${describeAccounts(args.accounts, args.role)}`,
      regions,
      declaredSensitiveReads: (caller) => scanSensitiveReads(args.accounts, caller),
    },
    extra,
  );
  try {
    const today = new Date().toISOString().slice(0, 10);
    const suppressions = session.config.checks.suppressions;
    const journal = scanJournal<AuditRecord>(
      await openScanJournal(
        session,
        spec.workflow,
        {
          accounts: args.accounts,
          regions,
          role: args.role,
          extra: { pillar: pillar ?? null, types: types === undefined ? null : [...types].sort() },
          extraLabel: [
            ...(pillar === undefined ? [] : [`--pillar ${pillar}`]),
            ...(types === undefined ? [] : [`--types ${types.join(",")}`]),
          ],
        },
        args.resume,
      ),
    );
    const result = await runAudit(
      {
        workflow: spec.workflow,
        ...(pillar !== undefined && { pillar }),
        ...(types !== undefined && { types }),
        ...scanOptionsOf(session, { regions, accounts: args.accounts, role: args.role }),
        settings: auditSettingsOf(session.config),
        suppressions,
      },
      scanDepsOf(session, journal, {
        yes: args.yes,
        narrowHint: "accounts or regions",
        signal: extra.signal,
      }),
    );
    const failed = result.findings.filter((f) => f.status === "fail");
    const expired = suppressions.filter((s) => isExpired(s, today)).length;
    const lines = [
      `${spec.title}: ${failed.length} failed finding${failed.length === 1 ? "" : "s"} in ${result.accounts.length} account${result.accounts.length === 1 ? "" : "s"} (${result.regions.join(", ")}), ${result.summary.suppressed} suppressed${result.summary.monthlyCostUsd > 0 ? `, $${result.summary.monthlyCostUsd.toFixed(2)}/month at stake` : ""}.`,
      ...failed
        .slice(0, 20)
        .map((f) => `- [${f.severity}] ${f.checkId} ${f.account}/${f.region}: ${f.message}`),
      ...(failed.length > 20 ? [`- … ${failed.length - 20} more in structuredContent.findings`] : []),
      ...(expired > 0 ? [`${expired} suppression(s) have expired and no longer apply.`] : []),
      ...(spec.workflow === "cleanup"
        ? [
            "Nothing was deleted: this audit only reads. To act on a finding, draft a plan with plan_create_cleanup (or plan_create_tag, plan_create_delete).",
          ]
        : []),
    ];
    return toolResult(lines.join("\n") + partialNote(result.failures, result.runId), {
      announcement: session.announcement,
      ...result,
    });
  } finally {
    await session.close();
  }
}
