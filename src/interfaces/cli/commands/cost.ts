/**
 * `aws-coworker cost`: spend by service (or account, region, tag) for a period from Cost
 * Explorer, top drivers, recent changes, the month-end forecast, anomalies and optimisation
 * opportunities (read-only). Cost Explorer bills each request ($0.01): answers are cached in
 * the workspace for cost.cacheTtlMinutes (`--refresh` asks again), and stderr says how many
 * requests were made.
 *
 * Exit codes: 4 when Cost Explorer could not be read (not enabled, no data, access denied: the
 * estimates are still shown) or the estimates are partial; 0 otherwise.
 */
import { Option, type Command } from "commander";
import { COST_METRICS, type CostGrouping, type CostMetric } from "../../../core/cost/cost-data.js";
import { PERIOD_NAMES } from "../../../core/cost/cost-period.js";
import { UsageError } from "../../../core/errors.js";
import type { GlobalOptions } from "../cli-env.js";
import type { CostResult } from "../../../core/cost/cost-result.js";
import type { Session } from "../session.js";
import type { AuditCommandDeps, AuditSession } from "./audit.js";
import { approveWith, parseRegionsOption, useColor, writeResult } from "./scan-command.js";

export type CostSession = AuditSession & Pick<Session, "estateCapturedAt">;

export interface CostCommandDeps extends Omit<AuditCommandDeps, "openSession"> {
  openSession: (
    globals: GlobalOptions,
    request: Parameters<AuditCommandDeps["openSession"]>[1],
  ) => Promise<CostSession>;
}

interface CostCommandOptions {
  period: string;
  metric: string;
  by: string;
  top: string;
  regions?: string;
  refresh?: boolean;
  format: "table" | "json" | "markdown" | "csv";
  out?: string;
  yes?: boolean;
  quiet?: boolean;
}

export function registerCostCommand(program: Command, deps: CostCommandDeps): void {
  program
    .command("cost")
    .description(
      "cost overview from Cost Explorer: spend by service, account, region or tag, top drivers, recent changes, forecast, anomalies and savings (read-only; each Cost Explorer request costs $0.01, answers are cached)",
    )
    .option("--period <period>", `${PERIOD_NAMES.join(", ")} or a month as YYYY-MM`, "month-to-date")
    .addOption(
      new Option("--metric <metric>", "the cost metric").choices([...COST_METRICS]).default("unblended"),
    )
    .option(
      "--by <grouping>",
      "group spend by service, account (every linked account, from the organisation's management account), region or tag:KEY",
      "service",
    )
    .option("--top <n>", "how many top drivers to show", "5")
    .option(
      "--regions <list>",
      "where the savings estimates look (unused resources, gp2, old instance types): comma-separated region codes, or `all` (default: the profile's default region); Cost Explorer itself is global",
    )
    .option("--refresh", "ask Cost Explorer again instead of using cached answers")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["table", "json", "markdown", "csv"])
        .default("table"),
    )
    .option("--out <file>", "write the result to FILE instead of stdout")
    .option("-y, --yes", "start work estimated past the approval threshold without asking")
    .option("-q, --quiet", "no progress on stderr")
    .action(async (opts: CostCommandOptions, cmd: Command) => runCostCommand(opts, cmd, deps));
}

export function parseGrouping(value: string): CostGrouping {
  const v = value.trim();
  if (v === "service" || v === "account" || v === "region") return { kind: v };
  const tag = /^tag:(.+)$/.exec(v);
  if (tag !== null && tag[1] !== undefined && tag[1].trim() !== "")
    return { kind: "tag", key: tag[1].trim() };
  throw new UsageError(`"${value}" is not a grouping in --by`, {
    code: "InvalidGrouping",
    hint: "Pass service, account, region or tag:KEY (e.g. --by tag:Owner).",
  });
}

function parseTop(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    throw new UsageError(`--top "${value}" is not a whole number from 1 to 100`, {
      code: "InvalidTop",
      hint: "Pass how many top drivers to show, e.g. --top 10.",
    });
  }
  return n;
}

async function runCostCommand(
  opts: CostCommandOptions,
  command: Command,
  deps: CostCommandDeps,
): Promise<void> {
  // Checked before anything heavy loads or any AWS call (a typo never costs a request).
  const { costPeriods } = await import("../../../core/cost/cost-period.js");
  costPeriods(opts.period, new Date());
  const grouping = parseGrouping(opts.by);
  const top = parseTop(opts.top);
  const regions = await parseRegionsOption(opts.regions);
  const globals = command.optsWithGlobals<GlobalOptions>();
  if (opts.quiet === true) globals.quiet = true;
  const { renderCost } = await import("../../../report/cost/index.js");

  const session = await deps.openSession(globals, {
    operation: "read",
    summary: `cost overview (${opts.period}, by ${opts.by}) from Cost Explorer, and savings estimates`,
    regions,
    declaredSensitiveReads: () => [],
  });
  try {
    session.announce();
    // On the first day of a month, month to date holds no complete day yet: unless --period was
    // given, show the month that just ended, and say so.
    const today = (session.estateCapturedAt ?? new Date()).toISOString().slice(0, 10);
    let period = opts.period;
    if (command.getOptionValueSource("period") === "default" && today.endsWith("-01")) {
      period = "last-month";
      deps.stderr(
        `It is ${today}, the first day of the month: showing last month (pass --period month-to-date for this month so far).\n`,
      );
    }
    const result = await runCostFor(
      session,
      {
        period,
        metric: opts.metric as CostMetric,
        grouping,
        top,
        refresh: opts.refresh === true,
        regions,
        scopeFlags: opts.regions === undefined ? "" : `--regions ${opts.regions}`,
        yes: opts.yes,
      },
      deps.signal,
    );
    session.io.finish();
    const text = renderCost(result, {
      format: opts.format,
      color: useColor(deps, globals, opts.out),
      charts: deps.isTTY && opts.out === undefined,
    });
    await writeResult(deps, opts.out, text, "the cost overview");
    const ce = result.costExplorer;
    if (ce.status === "unavailable") {
      // The warning itself is already on stderr (CW_COST_W0001): say what to do.
      if (ce.hint !== undefined) deps.stderr(`what to do: ${ce.hint}\n`);
      deps.setExitCode(4);
    } else if (result.estimateFailures.length > 0) {
      deps.stderr(
        `the savings estimates are partial: ${result.estimateFailures.length} part${result.estimateFailures.length === 1 ? "" : "s"} could not be read\n`,
      );
      deps.setExitCode(4);
    }
    if (result.overview !== undefined && result.overview.daily.every((d) => d.amount === 0)) {
      deps.stderr(
        `no spend recorded yet in ${result.overview.period.label}${period === "month-to-date" ? "; try --period last-month" : ""}\n`,
      );
    }
  } finally {
    await session.close();
  }
}

/** What the cost overview is asked: the period, metric, grouping and where the estimates look. */
export interface CostRequest {
  period: string;
  metric: CostMetric;
  grouping: CostGrouping;
  top: number;
  refresh: boolean;
  regions: readonly string[] | "all" | undefined;
  /** The scope as flags, for the commands the opportunities name (`--regions …`). */
  scopeFlags: string;
  /** Start work past the approval threshold without asking. */
  yes: boolean | undefined;
}

/** Run the cost workflow for a session (the CLI's `cost` and the MCP `cost` tool). */
export async function runCostFor(
  session: CostSession,
  request: CostRequest,
  signal: AbortSignal | undefined,
): Promise<CostResult> {
  const { runCost } = await import("../../../workflows/cost/index.js");
  const { auditSettingsOf } = await import("../../../core/checks/settings.js");
  const { workspaceCostCache } = await import("../cost-cache.js");
  return runCost(
    {
      period: request.period,
      metric: request.metric,
      grouping: request.grouping,
      top: request.top,
      refresh: request.refresh,
      cacheTtlMinutes: session.config.cost.cacheTtlMinutes,
      ...(request.regions !== undefined && { regions: request.regions }),
      ...(session.allowedRegions !== undefined && { allowedRegions: session.allowedRegions }),
      concurrency: session.orchestration.maxParallelWorkers,
      thresholds: session.orchestration.thresholds,
      settings: auditSettingsOf(session.config),
      suppressions: session.config.checks.suppressions,
      scopeFlags: request.scopeFlags,
    },
    {
      factory: session.factory,
      io: session.io,
      account: session.account,
      factoryFor: session.factoryFor,
      // In the sandbox, Cost Explorer's "today" is the moment the estate describes.
      now: () => session.estateCapturedAt ?? new Date(),
      wallClock: () => new Date(),
      cache: workspaceCostCache(session.workspace.dir),
      approve: approveWith(session, request.yes, "--regions"),
      ...(signal !== undefined && { signal }),
    },
  );
}
