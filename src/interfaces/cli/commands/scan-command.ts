/**
 * What the commands that scan accounts and regions share (inventory and the audits): parsing
 * --regions, --accounts and --role before anything heavy loads, the approval prompt past the
 * threshold, the run journal behind --resume, and writing the result to stdout or --out.
 */
import type { Command } from "commander";
import { AbortError, UsageError } from "../../../core/errors.js";
import { SEVERITIES, type Severity } from "../../../core/findings/severity.js";
import type { RunJournal } from "../../../orchestrate/journal.js";
import type { ScanDeps, ScanOptions } from "../../../workflows/scan/run-scan.js";
import type { CliEnv, GlobalOptions } from "../cli-env.js";
import type { Session } from "../session.js";
import type { InventoryCommandDeps } from "./inventory.js";

/** The part of a session a scanning command uses (tests pass their own). */
export type ScanSession = Pick<
  Session,
  | "factory"
  | "io"
  | "profile"
  | "account"
  | "defaultRegion"
  | "allowedRegions"
  | "orchestration"
  | "factoryFor"
  | "announce"
  | "close"
> & { workspace: Pick<Session["workspace"], "runsDir" | "dir"> };

/** What a scanning command is registered with: the CLI's streams and a session opener of its own session type. */
export interface ScanCommandDeps<S> extends Omit<InventoryCommandDeps, "openSession"> {
  openSession: (
    globals: GlobalOptions,
    request: Parameters<InventoryCommandDeps["openSession"]>[1],
  ) => Promise<S>;
}

/** The options every scanning command takes. */
export interface ScanCommandOptions {
  regions?: string;
  accounts?: string;
  role?: string;
  out?: string;
  yes?: boolean;
  quiet?: boolean;
  resume?: string | boolean;
}

/** --regions, --accounts and --role, as every scanning command declares them (`regionsNote`: more on --regions' default). */
export function withScopeOptions(command: Command, regionsNote = ""): Command {
  return command
    .option(
      "--regions <list>",
      `comma-separated region codes, or \`all\` (each account's enabled regions, within the profile's) (default: the profile's default region${regionsNote})`,
    )
    .option(
      "--accounts <list>",
      "comma-separated account ids, or `all` (the organisation's active accounts, from its management account) (default: the profile's account)",
    )
    .option(
      "--role <name>",
      "the role assumed in every account other than the profile's (default: orchestration.assumeRoleName, OrganizationAccountAccessRole)",
    );
}

/** --regions: `all`, or region codes checked before any call (a typo never costs an AWS call). */
export async function parseRegionsOption(list: string | undefined): Promise<string[] | "all" | undefined> {
  if (list === undefined) return undefined;
  if (list.trim().toLowerCase() === "all") return "all";
  const { checkRegionCodes } = await import("../../../workflows/scan/select-regions.js");
  return checkRegionCodes(list.split(","));
}

/** `all`, or 12-digit account ids separated by commas; anything else is a usage error. */
export function parseAccounts(list: string | undefined): string[] | "all" | undefined {
  if (list === undefined) return undefined;
  if (list.trim().toLowerCase() === "all") return "all";
  const ids = [
    ...new Set(
      list
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    ),
  ];
  const bad = ids.filter((id) => !/^\d{12}$/.test(id));
  if (ids.length === 0 || bad.length > 0) {
    throw new UsageError(
      ids.length === 0
        ? "--accounts is empty"
        : `${bad.map((id) => `"${id}"`).join(", ")} ${bad.length === 1 ? "is not a 12-digit account id" : "are not 12-digit account ids"} in --accounts`,
      {
        code: "InvalidAccountId",
        hint: "Pass --accounts all (the organisation's accounts), or ids separated by commas: --accounts 111111111111,222222222222.",
      },
    );
  }
  return ids;
}

export function parseRole(role: string | undefined): string | undefined {
  if (role === undefined) return undefined;
  if (!/^[\w+=,.@-]{1,64}$/.test(role)) {
    throw new UsageError(`"${role}" is not an IAM role name in --role`, {
      code: "InvalidRoleName",
      hint: "Pass the role's name (not its ARN), e.g. --role OrganizationAccountAccessRole.",
    });
  }
  return role;
}

/** --fail-on: a severity, or a usage error naming what it gates (`failed finding`, `unusual activity`). */
export function parseFailOn(value: string | undefined, what: string): Severity | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  const found = SEVERITIES.find((s) => s === v);
  if (found === undefined) {
    throw new UsageError(`"${value}" is not a severity in --fail-on`, {
      code: "InvalidSeverity",
      hint: `Pass one of ${SEVERITIES.join(", ")}, e.g. --fail-on high (exit 1 on high and critical ${what}).`,
    });
  }
  return found;
}

/** The scope every scanning command gives its workflow: the parsed options and the session's orchestration. */
export function scanOptionsOf(
  session: ScanSession,
  parsed: {
    regions: readonly string[] | "all" | undefined;
    accounts: readonly string[] | "all" | undefined;
    role: string | undefined;
  },
): ScanOptions {
  return {
    ...(parsed.regions !== undefined && { regions: parsed.regions }),
    ...(parsed.accounts !== undefined && { accounts: parsed.accounts }),
    roleName: parsed.role ?? session.orchestration.assumeRoleName,
    ...(session.allowedRegions !== undefined && { allowedRegions: session.allowedRegions }),
    concurrency: session.orchestration.maxParallelWorkers,
    thresholds: session.orchestration.thresholds,
  };
}

/** What every scanning command gives its workflow to run on: the session, the journal, the approval. */
export function scanDepsOf<R>(
  session: ScanSession,
  journal: ScanDeps<R>["journal"],
  options: { yes: boolean | undefined; narrowHint: string; signal: AbortSignal | undefined },
): ScanDeps<R> {
  return {
    factory: session.factory,
    io: session.io,
    account: session.account,
    factoryFor: session.factoryFor,
    journal,
    approve: approveWith(session, options.yes, options.narrowHint),
    ...(options.signal !== undefined && { signal: options.signal }),
  };
}

/** Asks past the approval threshold: --yes accepts; without a terminal, it stops with a clear message. */
export function approveWith(
  session: ScanSession,
  yes: boolean | undefined,
  narrowHint: string,
): (request: { question: string }) => Promise<boolean> {
  return async ({ question }) => {
    if (yes === true) return true;
    if (!session.io.canAsk) {
      throw new AbortError(
        `Not started: ${question.replace(/ Start it\?$/, "")} That is past the approval threshold (orchestration.thresholds.estimatedSeconds.requireApproval), and there is no terminal to ask on.`,
        { hint: `Pass --yes to start it anyway, or narrow it with ${narrowHint}.` },
      );
    }
    return session.io.confirm(question);
  };
}

/** Colour only on a terminal, without --out, --no-color or NO_COLOR. */
export function useColor(
  deps: Pick<CliEnv, "env" | "isTTY">,
  globals: GlobalOptions,
  out: string | undefined,
): boolean {
  return out === undefined && globals.color !== false && deps.env["NO_COLOR"] === undefined && deps.isTTY;
}

/** The result to stdout, or to --out (relative to the working directory) with a line on stderr. */
export async function writeResult(
  deps: Pick<CliEnv, "stdout" | "stderr" | "cwd">,
  out: string | undefined,
  text: string,
  what: string,
): Promise<void> {
  if (out === undefined) {
    deps.stdout(text);
    return;
  }
  const { writeFile } = await import("node:fs/promises");
  const { resolve } = await import("node:path");
  const file = resolve(deps.cwd, out);
  await writeFile(file, text, "utf8");
  deps.stderr(`wrote ${what} to ${file}\n`);
}

/**
 * The run journal of a scan (workspace runs/<run id>/): a new run, or with --resume the latest
 * unfinished run of the same scope (or the one named).
 */
export async function openScanJournal(
  session: ScanSession,
  workflow: string,
  scope: {
    accounts: readonly string[] | "all" | undefined;
    regions: readonly string[] | "all" | undefined;
    /** What else makes the scope (e.g. the services, the pillar), with its label for people. */
    extra: Record<string, unknown>;
    extraLabel: readonly string[];
    role: string | undefined;
  },
  resume: string | boolean | undefined,
): Promise<RunJournal> {
  const { openRunJournal } = await import("../../../orchestrate/journal.js");
  const { canonicalJson } = await import("../../../core/canonical-json.js");
  const { randomBytes } = await import("node:crypto");
  const key = {
    profile: session.profile,
    account: session.account,
    accounts:
      scope.accounts === undefined || scope.accounts === "all"
        ? (scope.accounts ?? null)
        : [...scope.accounts].sort(),
    regions: scope.regions ?? null,
    ...scope.extra,
    role: scope.accounts === undefined ? null : (scope.role ?? session.orchestration.assumeRoleName),
  };
  const label = [
    `--profile ${session.profile}`,
    ...(scope.accounts === undefined
      ? []
      : [`--accounts ${scope.accounts === "all" ? "all" : scope.accounts.join(",")}`]),
    ...(scope.regions === undefined
      ? []
      : [`--regions ${scope.regions === "all" ? "all" : scope.regions.join(",")}`]),
    ...scope.extraLabel,
    ...(scope.role === undefined ? [] : [`--role ${scope.role}`]),
  ].join(" ");
  const journal = await openRunJournal({
    runsDir: session.workspace.runsDir,
    workflow,
    scopeKey: canonicalJson(key),
    scopeLabel: label,
    resume: resume === undefined || resume === false ? undefined : resume,
    now: () => new Date(),
    randomSuffix: () => randomBytes(3).toString("hex"),
  });
  if (resume !== undefined && resume !== false) {
    session.io.notify(
      journal.isResumed
        ? {
            code: "CW_ORC_I0004",
            level: "info",
            message: `resuming run ${journal.meta.runId} (attempt ${journal.meta.attempts})`,
          }
        : {
            code: "CW_ORC_W0003",
            level: "warn",
            message: `--resume: no unfinished run of this scope (${label}); starting run ${journal.meta.runId}`,
          },
    );
  }
  return journal;
}

/** ` in every active account of the organisation (…)`, for the announcement. */
export function describeAccounts(
  accounts: readonly string[] | "all" | undefined,
  role: string | undefined,
): string {
  if (accounts === undefined) return "";
  const via = ` (other accounts through sts:AssumeRole into ${role === undefined ? "the configured role, orchestration.assumeRoleName" : `role ${role}`})`;
  return accounts === "all"
    ? ` in every active account of the organisation${via}`
    : ` in account${accounts.length === 1 ? "" : "s"} ${accounts.join(", ")}${via}`;
}
