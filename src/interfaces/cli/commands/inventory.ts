/**
 * `aws-coworker inventory`: EC2 instances, EBS volumes, VPCs and subnets, S3 buckets, RDS DB
 * instances and Lambda functions of the profile's account, in its default region or
 * `--regions`. The announcement goes to stderr first; the result goes to stdout (or --out).
 *
 * Thin: it parses options, checks the region codes before anything else, opens the session
 * (configuration, context, client factory: shared with every command), then calls the
 * workflow and the renderer. Exit 4 when a partition failed (the result is partial).
 */
import { Option, type Command } from "commander";
import { INVENTORY_SERVICES } from "../../../core/inventory/inventory-result.js";
import { INVENTORY_SERVICE_LABELS, type InventoryService } from "../../../core/inventory/resource-record.js";
import type { CliEnv, GlobalOptions } from "../cli-env.js";
import type { Session, SessionRequest } from "../session.js";

/** The part of a session the inventory command uses (tests pass their own). */
export type InventorySession = Pick<
  Session,
  | "factory"
  | "io"
  | "account"
  | "defaultRegion"
  | "allowedRegions"
  | "maxParallelWorkers"
  | "announce"
  | "close"
>;

export type OpenSession = (globals: GlobalOptions, request: SessionRequest) => Promise<InventorySession>;

export interface InventoryCommandDeps extends Pick<CliEnv, "stdout" | "stderr" | "env" | "cwd" | "isTTY"> {
  openSession: OpenSession;
  setExitCode: (code: number) => void;
}

interface InventoryCommandOptions {
  regions?: string;
  services?: string;
  format: "table" | "json" | "markdown" | "csv";
  out?: string;
}

export function registerInventoryCommand(program: Command, deps: InventoryCommandDeps): void {
  program
    .command("inventory")
    .description(
      "list EC2 instances, EBS volumes, VPCs and subnets, S3 buckets, RDS DB instances and Lambda functions (read-only)",
    )
    .option("--regions <list>", "comma-separated region codes (default: the profile's default region)")
    .option("--services <list>", "comma-separated services: ec2, ebs, vpc, s3, rds, lambda (default: all)")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["table", "json", "markdown", "csv"])
        .default("table"),
    )
    .option("--out <file>", "write the result to FILE instead of stdout")
    .action(async (opts: InventoryCommandOptions, command: Command) => {
      // Checked before anything heavy loads or the session opens: a mistyped region or
      // service never costs an AWS call (nor the SDK's load time).
      const { checkRegionCodes } = await import("../../../workflows/inventory/select-regions.js");
      const { parseServices } = await import("./inventory-services.js");
      const regions = opts.regions === undefined ? undefined : checkRegionCodes(opts.regions.split(","));
      const services = opts.services === undefined ? undefined : parseServices(opts.services);
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { runInventory } = await import("../../../workflows/inventory/index.js");
      const { renderInventory } = await import("../../../report/inventory/index.js");

      const session = await deps.openSession(globals, {
        operation: "read",
        summary: `inventory of ${describeServices(services)}`,
        regions,
      });
      try {
        session.announce();
        const result = await runInventory(
          {
            ...(regions !== undefined && { regions }),
            ...(services !== undefined && { services }),
            ...(session.allowedRegions !== undefined && { allowedRegions: session.allowedRegions }),
            concurrency: session.maxParallelWorkers,
          },
          { factory: session.factory, io: session.io, account: session.account },
        );
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
        if (result.failures.length > 0) deps.setExitCode(4);
      } finally {
        await session.close();
      }
    });
}

function describeServices(services: readonly InventoryService[] | undefined): string {
  const list = (services ?? INVENTORY_SERVICES).map((s) => INVENTORY_SERVICE_LABELS[s]);
  return list.length <= 1 ? list.join("") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
}
