/**
 * `aws-coworker changes`: review recent changes from CloudTrail (management events of a
 * window, write events unless --include-reads) over the profile's account or several
 * (--accounts), in the default region, --regions or --regions all: who, what, which resources,
 * a timeline, and unusual activity with its severity and events. The same announcement, plan,
 * progress (pages fetched per partition), journal (--resume) and partial-failure handling as
 * the inventory and the audits.
 *
 * Exit codes: 1 when an unusual activity is at or above --fail-on; otherwise 4 when anything
 * could not be read; 0 otherwise.
 */
import { Option, type Command } from "commander";
import type { ChangeEventRecord } from "../../../core/changes/change-event.js";
import { parseMoment } from "../../../core/changes/window.js";
import { UsageError } from "../../../core/errors.js";
import { isAtLeast, SEVERITIES } from "../../../core/findings/severity.js";
import type { GlobalOptions } from "../cli-env.js";
import type { Session } from "../session.js";
import {
  describeAccounts,
  openScanJournal,
  parseAccounts,
  parseFailOn,
  parseRegionsOption,
  parseRole,
  scanDepsOf,
  scanOptionsOf,
  useColor,
  withScopeOptions,
  writeResult,
  type ScanCommandDeps,
  type ScanCommandOptions,
  type ScanSession,
} from "./scan-command.js";

export type ChangesSession = ScanSession & Pick<Session, "config" | "now">;

export type ChangesCommandDeps = ScanCommandDeps<ChangesSession>;

interface ChangesCommandOptions extends ScanCommandOptions {
  since: string;
  until?: string;
  includeReads?: boolean;
  principal?: string;
  service?: string;
  resource?: string;
  event?: string;
  format: "table" | "json" | "markdown" | "csv";
  failOn?: string;
}

const NARROW = "--accounts, --regions or a shorter --since";

function listOption(value: string | undefined, option: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = [
    ...new Set(
      value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    ),
  ];
  if (items.length === 0) {
    throw new UsageError(`${option} is empty`, {
      code: "EmptyFilter",
      hint: `Give one or more values separated by commas, e.g. ${option} ${option === "--service" ? "ec2,iam" : option === "--event" ? "Delete*" : "jdoe"}.`,
    });
  }
  return items;
}

export function registerChangesCommand(program: Command, deps: ChangesCommandDeps): void {
  const command = program
    .command("changes")
    .description(
      "review recent changes from CloudTrail: who changed what, which resources, a timeline, and unusual activity (read-only)",
    )
    .option(
      "--since <time>",
      "start of the window: a duration back from now (30m, 24h, 7d, 2w) or an ISO time",
      "24h",
    )
    .option("--until <time>", "end of the window, as --since (default: now)")
    .option("--include-reads", "include read events (default: write events only)")
    .option(
      "--principal <list>",
      "only these principals: user, role or session names or ARNs (globs, comma-separated)",
    )
    .option("--service <list>", "only these services, e.g. ec2,iam (comma-separated)")
    .option(
      "--resource <list>",
      "only events on these resources: ids, names or ARNs (globs, comma-separated)",
    )
    .option("--event <list>", "only these event names, e.g. Delete*,AuthorizeSecurityGroupIngress (globs)");
  withScopeOptions(command, "; IAM, STS and console sign-in events are recorded in us-east-1")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["table", "json", "markdown", "csv"])
        .default("table"),
    )
    .option(
      "--fail-on <severity>",
      `exit 1 when an unusual activity is at or above this severity: ${SEVERITIES.join(", ")}`,
    )
    .option("--out <file>", "write the result to FILE instead of stdout")
    .option("-y, --yes", "start work estimated past the approval threshold without asking")
    .option(
      "--resume [run-id]",
      "re-use the partitions a run finished (default: the latest unfinished run of the same scope)",
    )
    .option("-q, --quiet", "no progress on stderr")
    .action(async (opts: ChangesCommandOptions, cmd: Command) => runChangesCommand(opts, cmd, deps));
}

async function runChangesCommand(
  opts: ChangesCommandOptions,
  command: Command,
  deps: ChangesCommandDeps,
): Promise<void> {
  // Checked before anything heavy loads or the session opens.
  const regions = await parseRegionsOption(opts.regions);
  const accounts = parseAccounts(opts.accounts);
  const role = parseRole(opts.role);
  const failOn = parseFailOn(opts.failOn, "unusual activity");
  parseMoment(opts.since, "--since", new Date());
  if (opts.until !== undefined) parseMoment(opts.until, "--until", new Date());
  const filters = {
    ...(opts.principal !== undefined && { principal: listOption(opts.principal, "--principal") }),
    ...(opts.service !== undefined && { service: listOption(opts.service, "--service") }),
    ...(opts.resource !== undefined && { resource: listOption(opts.resource, "--resource") }),
    ...(opts.event !== undefined && { event: listOption(opts.event, "--event") }),
  };
  const includeReads = opts.includeReads === true;
  const globals = command.optsWithGlobals<GlobalOptions>();
  if (opts.quiet === true) globals.quiet = true;
  const { runChanges } = await import("../../../workflows/changes/index.js");
  const { scanSensitiveReads } = await import("../../../workflows/scan/run-scan.js");
  const { scanJournal } = await import("../../../workflows/scan/scan-journal.js");
  const { renderChanges } = await import("../../../report/changes/index.js");

  const window = `${opts.since}${opts.until === undefined ? "" : ` to ${opts.until}`}`;
  const session = await deps.openSession(globals, {
    operation: "read",
    summary: `review of CloudTrail ${includeReads ? "events" : "write events"} since ${window}${describeAccounts(accounts, role)}`,
    regions,
    declaredSensitiveReads: (caller) => scanSensitiveReads(accounts, caller),
  });
  try {
    session.announce();
    const journal = scanJournal<ChangeEventRecord>(
      await openScanJournal(
        session,
        "changes",
        {
          accounts,
          regions,
          role,
          extra: { since: opts.since, until: opts.until ?? null, includeReads },
          extraLabel: [
            `--since ${opts.since}`,
            ...(opts.until === undefined ? [] : [`--until ${opts.until}`]),
            ...(includeReads ? ["--include-reads"] : []),
          ],
        },
        opts.resume,
      ),
    );
    const result = await runChanges(
      {
        since: opts.since,
        ...(opts.until !== undefined && { until: opts.until }),
        includeReads,
        filters,
        settings: session.config.changes,
        ...scanOptionsOf(session, { regions, accounts, role }),
      },
      {
        ...scanDepsOf(session, journal, { yes: opts.yes, narrowHint: NARROW, signal: deps.signal }),
        now: () => session.now(),
      },
    );
    session.io.finish();
    const text = renderChanges(result, { format: opts.format, color: useColor(deps, globals, opts.out) });
    await writeResult(
      deps,
      opts.out,
      text,
      `the changes review (${result.summary.events} events, ${result.unusual.length} unusual)`,
    );
    const gating = failOn === undefined ? [] : result.unusual.filter((u) => isAtLeast(u.severity, failOn));
    if (gating.length > 0) {
      deps.stderr(
        `${gating.length} unusual ${gating.length === 1 ? "activity" : "activities"} at or above ${failOn} (--fail-on)\n`,
      );
      deps.setExitCode(1);
    } else if (result.failures.length > 0) {
      const first = result.failures[0];
      deps.stderr(
        result.failures.length >= result.coverage.planned && first !== undefined
          ? `no CloudTrail events could be read: ${first.message}${first.hint === undefined ? "" : ` ${first.hint}`}\n`
          : `the changes review is partial: ${result.failures.length} of ${result.coverage.planned} partitions not read (their events are missing); read only what is missing with --resume ${result.runId ?? ""}\n`,
      );
      deps.setExitCode(4);
    }
  } finally {
    await session.close();
  }
}
