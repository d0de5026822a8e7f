/**
 * `aws-coworker inventory`: the resources of the profile's account, or of several accounts
 * (`--accounts all` or a list, through sts:AssumeRole into `--role`), in its default region,
 * `--regions` or `--regions all` (each account's enabled regions). The announcement goes to
 * stderr first, then the plan when the work is large, progress, and the result to stdout (or
 * --out). Every run is journaled in the workspace (runs/<run id>/); `--resume [run-id]` re-uses
 * the partitions an earlier run of the same scope finished.
 *
 * Thin: it parses options, checks region codes, services and account ids before anything
 * else, opens the session (configuration, context, client factory: shared with every
 * command), then calls the workflow and the renderer. Exit 4 when anything was not read.
 */
import { Option, type Command } from "commander";
import { AbortError, UsageError } from "../../../core/errors.js";
import { INVENTORY_SERVICES } from "../../../core/inventory/inventory-result.js";
import { INVENTORY_SERVICE_LABELS, type InventoryService } from "../../../core/inventory/resource-record.js";
import type { CliEnv, GlobalOptions } from "../cli-env.js";
import type { Session, SessionRequest } from "../session.js";

/** The part of a session the inventory command uses (tests pass their own). */
export type InventorySession = Pick<
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

export type OpenSession = (globals: GlobalOptions, request: SessionRequest) => Promise<InventorySession>;

export interface InventoryCommandDeps extends Pick<
  CliEnv,
  "stdout" | "stderr" | "env" | "cwd" | "isTTY" | "signal"
> {
  openSession: OpenSession;
  setExitCode: (code: number) => void;
}

interface InventoryCommandOptions {
  regions?: string;
  services?: string;
  accounts?: string;
  role?: string;
  format: "table" | "json" | "markdown" | "csv";
  out?: string;
  yes?: boolean;
  quiet?: boolean;
  resume?: string | boolean;
  save?: boolean;
}

export function registerInventoryCommand(program: Command, deps: InventoryCommandDeps): Command {
  return program
    .command("inventory")
    .description(
      `list ${INVENTORY_SERVICES.map((s) => INVENTORY_SERVICE_LABELS[s]).join(", ")} of one account or of the whole organisation (read-only)`,
    )
    .option(
      "--regions <list>",
      "comma-separated region codes, or `all` (each account's enabled regions, within the profile's) (default: the profile's default region)",
    )
    .option(`--services <list>`, `comma-separated services: ${INVENTORY_SERVICES.join(", ")} (default: all)`)
    .option(
      "--accounts <list>",
      "comma-separated account ids, or `all` (the organisation's active accounts, from its management account) (default: the profile's account)",
    )
    .option(
      "--role <name>",
      "the role assumed in every account other than the profile's (default: orchestration.assumeRoleName, OrganizationAccountAccessRole)",
    )
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["table", "json", "markdown", "csv"])
        .default("table"),
    )
    .option("--out <file>", "write the result to FILE instead of stdout")
    .option("--save", "also save the result as a snapshot in the workspace (for `inventory diff`)")
    .option("-y, --yes", "start work estimated past the approval threshold without asking")
    .option(
      "--resume [run-id]",
      "re-use the partitions a run finished (default: the latest unfinished run of the same scope)",
    )
    .option("-q, --quiet", "no progress on stderr")
    .action(async (opts: InventoryCommandOptions, command: Command) => {
      // Checked before anything heavy loads or the session opens: a mistyped region, service
      // or account never costs an AWS call (nor the SDK's load time).
      const { checkRegionCodes } = await import("../../../workflows/scan/select-regions.js");
      const { parseServices } = await import("./inventory-services.js");
      const regions = parseRegions(opts.regions, checkRegionCodes);
      const services = opts.services === undefined ? undefined : parseServices(opts.services);
      const accounts = parseAccounts(opts.accounts);
      const role = parseRole(opts.role);
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (opts.quiet === true) globals.quiet = true;
      const { runInventory, inventorySensitiveReads } = await import("../../../workflows/inventory/index.js");
      const { renderInventory } = await import("../../../report/inventory/index.js");

      const session = await deps.openSession(globals, {
        operation: "read",
        summary: `inventory of ${describeServices(services)}${describeAccounts(accounts, role)}`,
        regions,
        declaredSensitiveReads: (caller) => inventorySensitiveReads(accounts, caller),
      });
      try {
        session.announce();
        const journal = await openJournal(session, { accounts, regions, services, role }, opts.resume);
        const result = await runInventory(
          {
            ...(regions !== undefined && { regions }),
            ...(services !== undefined && { services }),
            ...(accounts !== undefined && { accounts }),
            roleName: role ?? session.orchestration.assumeRoleName,
            ...(session.allowedRegions !== undefined && { allowedRegions: session.allowedRegions }),
            concurrency: session.orchestration.maxParallelWorkers,
            thresholds: session.orchestration.thresholds,
          },
          {
            factory: session.factory,
            io: session.io,
            account: session.account,
            factoryFor: session.factoryFor,
            journal,
            approve: async ({ question }) => {
              if (opts.yes === true) return true;
              if (!session.io.canAsk) {
                throw new AbortError(
                  `Not started: ${question.replace(/ Start it\?$/, "")} That is past the approval threshold (orchestration.thresholds.estimatedSeconds.requireApproval), and there is no terminal to ask on.`,
                  {
                    hint: "Pass --yes to start it anyway, or narrow it with --accounts, --regions or --services.",
                  },
                );
              }
              return session.io.confirm(question);
            },
            ...(deps.signal !== undefined && { signal: deps.signal }),
          },
        );
        session.io.finish();
        const color =
          opts.out === undefined &&
          globals.color !== false &&
          deps.env["NO_COLOR"] === undefined &&
          deps.isTTY;
        const text = renderInventory(result, { format: opts.format, color });
        if (opts.out === undefined) {
          deps.stdout(text);
        } else {
          const { writeFile } = await import("node:fs/promises");
          const { resolve } = await import("node:path");
          const file = resolve(deps.cwd, opts.out);
          await writeFile(file, text, "utf8");
          deps.stderr(`wrote the inventory (${result.resources.length} resources) to ${file}\n`);
        }
        if (opts.save === true) {
          const { saveSnapshot } = await import("../../../workflows/inventory/snapshot.js");
          const file = await saveSnapshot(result, session.workspace.dir, new Date());
          deps.stderr(`saved the inventory snapshot to ${file}\n`);
        }
        if (result.failures.length > 0) {
          deps.stderr(
            `the inventory is partial: ${result.failures.length} not read (see Coverage); read only what is missing with --resume ${result.runId ?? ""}\n`,
          );
          deps.setExitCode(4);
        }
      } finally {
        await session.close();
      }
    });
}

async function openJournal(
  session: InventorySession,
  scope: {
    accounts: readonly string[] | "all" | undefined;
    regions: readonly string[] | "all" | undefined;
    services: readonly InventoryService[] | undefined;
    role: string | undefined;
  },
  resume: string | boolean | undefined,
) {
  const { openRunJournal } = await import("../../../orchestrate/journal.js");
  const { inventoryJournal } = await import("../../../workflows/inventory/inventory-journal.js");
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
    services: scope.services === undefined ? null : [...scope.services].sort(),
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
    ...(scope.services === undefined ? [] : [`--services ${scope.services.join(",")}`]),
    ...(scope.role === undefined ? [] : [`--role ${scope.role}`]),
  ].join(" ");
  const journal = await openRunJournal({
    runsDir: session.workspace.runsDir,
    workflow: "inventory",
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
  return inventoryJournal(journal);
}

function parseRegions(
  list: string | undefined,
  check: (regions: readonly string[]) => string[],
): string[] | "all" | undefined {
  if (list === undefined) return undefined;
  if (list.trim().toLowerCase() === "all") return "all";
  return check(list.split(","));
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

function parseRole(role: string | undefined): string | undefined {
  if (role === undefined) return undefined;
  if (!/^[\w+=,.@-]{1,64}$/.test(role)) {
    throw new UsageError(`"${role}" is not an IAM role name in --role`, {
      code: "InvalidRoleName",
      hint: "Pass the role's name (not its ARN), e.g. --role OrganizationAccountAccessRole.",
    });
  }
  return role;
}

function describeServices(services: readonly InventoryService[] | undefined): string {
  const list = (services ?? INVENTORY_SERVICES).map((s) => INVENTORY_SERVICE_LABELS[s]);
  return list.length <= 1 ? list.join("") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
}

function describeAccounts(accounts: readonly string[] | "all" | undefined, role: string | undefined): string {
  if (accounts === undefined) return "";
  const via = ` (other accounts through sts:AssumeRole into ${role === undefined ? "the configured role, orchestration.assumeRoleName" : `role ${role}`})`;
  return accounts === "all"
    ? ` in every active account of the organisation${via}`
    : ` in account${accounts.length === 1 ? "" : "s"} ${accounts.join(", ")}${via}`;
}
