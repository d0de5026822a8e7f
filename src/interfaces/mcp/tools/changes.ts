/** `changes`: the recent changes review from CloudTrail, with unusual activity (reads only). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { ChangeEventRecord } from "../../../core/changes/change-event.js";
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

const globs = (what: string) => z.array(z.string().min(1)).min(1).optional().describe(what);

export function registerChangesTool(server: McpServer, options: McpServerOptions): void {
  server.registerTool(
    "changes",
    {
      title: "Recent changes",
      description:
        "Review CloudTrail: who changed what, when and where, over a window (default the last 24 hours), and the unusual activity in it (security changes, new principals, unused regions, bursts). IAM, STS and console sign-in events are recorded in us-east-1. Reads only.",
      inputSchema: {
        profile: profileArg,
        regions: regionsArg,
        accounts: accountsArg,
        role: roleArg,
        since: z
          .string()
          .optional()
          .describe("a duration back from now (30m, 24h, 7d, 2w) or an ISO time; default 24h"),
        until: z.string().optional().describe("end of the window, as since (default: now)"),
        includeReads: z.boolean().optional().describe("include read events (default: write events only)"),
        principal: globs("only these principals: user, role or session names or ARNs (globs)"),
        service: globs("only these services, e.g. ec2, iam"),
        resource: globs("only events on these resources: ids, names or ARNs (globs)"),
        event: globs("only these event names, e.g. Delete*, AuthorizeSecurityGroupIngress (globs)"),
        yes: yesArg,
        resume: resumeArg,
      },
      outputSchema: z.looseObject({
        ...scanOutputShape,
        summary: z.looseObject({ events: z.number(), unusual: z.number() }),
        unusual: z.array(z.looseObject({ kind: z.string(), severity: z.string(), account: z.string() })),
      }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (args, extra) =>
      guarded(async () => {
        const { parseMoment } = await import("../../../core/changes/window.js");
        const { runChanges } = await import("../../../workflows/changes/index.js");
        const { scanSensitiveReads } = await import("../../../workflows/scan/run-scan.js");
        const { scanJournal } = await import("../../../workflows/scan/scan-journal.js");
        const { openScanJournal, scanDepsOf, scanOptionsOf, describeAccounts } =
          await import("../../cli/commands/scan-command.js");
        const since = args.since ?? "24h";
        parseMoment(since, "since", new Date());
        if (args.until !== undefined) parseMoment(args.until, "until", new Date());
        const includeReads = args.includeReads === true;
        const filters = {
          ...(args.principal !== undefined && { principal: args.principal }),
          ...(args.service !== undefined && { service: args.service }),
          ...(args.resource !== undefined && { resource: args.resource }),
          ...(args.event !== undefined && { event: args.event }),
        };
        const regions = await regionsOf(args.regions);
        const session = await openToolSession(
          options,
          args.profile,
          {
            operation: "read",
            summary: `review of CloudTrail ${includeReads ? "events" : "write events"} since ${since}${describeAccounts(args.accounts, args.role)}`,
            regions,
            declaredSensitiveReads: (caller) => scanSensitiveReads(args.accounts, caller),
          },
          extra,
        );
        try {
          const journal = scanJournal<ChangeEventRecord>(
            await openScanJournal(
              session,
              "changes",
              {
                accounts: args.accounts,
                regions,
                role: args.role,
                extra: { since, until: args.until ?? null, includeReads },
                extraLabel: [
                  `--since ${since}`,
                  ...(args.until === undefined ? [] : [`--until ${args.until}`]),
                  ...(includeReads ? ["--include-reads"] : []),
                ],
              },
              args.resume,
            ),
          );
          const result = await runChanges(
            {
              since,
              ...(args.until !== undefined && { until: args.until }),
              includeReads,
              filters,
              settings: session.config.changes,
              ...scanOptionsOf(session, { regions, accounts: args.accounts, role: args.role }),
            },
            {
              ...scanDepsOf(session, journal, {
                yes: args.yes,
                narrowHint: "accounts, regions or a shorter since",
                signal: extra.signal,
              }),
              now: () => session.now(),
            },
          );
          const lines = [
            `${result.summary.events} events since ${since}; ${result.unusual.length} unusual activit${result.unusual.length === 1 ? "y" : "ies"}.`,
            ...result.unusual
              .slice(0, 20)
              .map(
                (u) =>
                  `- [${u.severity}] ${u.kind} ${u.account}${u.region === undefined ? "" : `/${u.region}`}: ${u.title}`,
              ),
          ];
          return toolResult(lines.join("\n") + partialNote(result.failures, result.runId), {
            announcement: session.announcement,
            ...result,
          });
        } finally {
          await session.close();
        }
      }),
  );
}
