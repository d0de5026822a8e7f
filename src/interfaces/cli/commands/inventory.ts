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
import { INVENTORY_SERVICES } from "../../../core/inventory/inventory-result.js";
import { INVENTORY_SERVICE_LABELS, type InventoryService } from "../../../core/inventory/resource-record.js";
import type { CliEnv, GlobalOptions } from "../cli-env.js";
import type { SessionRequest } from "../session.js";
import {
  openScanJournal,
  parseAccounts,
  parseRegionsOption,
  parseRole,
  scanDepsOf,
  scanOptionsOf,
  useColor,
  describeAccounts,
  writeResult,
  type ScanCommandOptions,
  type ScanSession,
} from "./scan-command.js";

/** The part of a session the inventory command uses (tests pass their own). */
export type InventorySession = ScanSession;

export type OpenSession = (globals: GlobalOptions, request: SessionRequest) => Promise<InventorySession>;

export interface InventoryCommandDeps extends Pick<
  CliEnv,
  "stdout" | "stderr" | "env" | "cwd" | "isTTY" | "signal"
> {
  openSession: OpenSession;
  setExitCode: (code: number) => void;
}

interface InventoryCommandOptions extends ScanCommandOptions {
  services?: string;
  format: "table" | "json" | "markdown" | "csv";
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
      const { parseServices } = await import("./inventory-services.js");
      const regions = await parseRegionsOption(opts.regions);
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
        const { inventoryJournal } = await import("../../../workflows/inventory/inventory-journal.js");
        const journal = inventoryJournal(
          await openScanJournal(
            session,
            "inventory",
            {
              accounts,
              regions,
              role,
              extra: { services: services === undefined ? null : [...services].sort() },
              extraLabel: services === undefined ? [] : [`--services ${services.join(",")}`],
            },
            opts.resume,
          ),
        );
        const result = await runInventory(
          {
            ...scanOptionsOf(session, { regions, accounts, role }),
            ...(services !== undefined && { services }),
          },
          scanDepsOf(session, journal, {
            yes: opts.yes,
            narrowHint: "--accounts, --regions or --services",
            signal: deps.signal,
          }),
        );
        session.io.finish();
        const text = renderInventory(result, {
          format: opts.format,
          color: useColor(deps, globals, opts.out),
        });
        await writeResult(deps, opts.out, text, `the inventory (${result.resources.length} resources)`);
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

function describeServices(services: readonly InventoryService[] | undefined): string {
  const list = (services ?? INVENTORY_SERVICES).map((s) => INVENTORY_SERVICE_LABELS[s]);
  return list.length <= 1 ? list.join("") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
}
