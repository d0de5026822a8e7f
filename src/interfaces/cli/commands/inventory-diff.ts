/**
 * `aws-coworker inventory diff <before> <after>`: what appeared, disappeared or changed
 * (state, tags, attributes) between two saved inventories, keyed by ARN. Each side is a file
 * or a snapshot in the workspace (`inventory --save`) by name or a unique beginning of it.
 * Reads files only: no AWS call, no session. The result goes to stdout (or --out).
 *
 * `--format` and `--out` are the inventory command's own: commander hands options to the
 * parent command wherever they stand, so `diff` reads them from there (`table` is the text
 * rendering; csv has no diff form).
 */
import type { Command } from "commander";
import type { CliEnv, GlobalOptions } from "../cli-env.js";

interface InventoryOutputOptions {
  format?: string;
  out?: string;
}

export function registerInventoryDiff(inventoryCommand: Command, cli: CliEnv): void {
  inventoryCommand
    .command("diff")
    .description(
      "compare two saved inventories: what appeared, disappeared or changed (state, tags, attributes), by ARN; --format table, json or markdown",
    )
    .argument(
      "<before>",
      "the earlier snapshot: a file, or a snapshot name in <workspace>/inventory (or its unique beginning)",
    )
    .argument("<after>", "the later snapshot")
    .action(async (before: string, after: string, _opts: unknown, command: Command) => {
      const { UsageError } = await import("../../../core/errors.js");
      const opts = command.optsWithGlobals<GlobalOptions & InventoryOutputOptions>();
      const format = opts.format === undefined || opts.format === "table" ? "text" : opts.format;
      if (format !== "text" && format !== "json" && format !== "markdown") {
        throw new UsageError(`inventory diff cannot write --format ${format}`, {
          code: "UnsupportedFormat",
          hint: "use --format table (text), json or markdown",
        });
      }
      const { resolveWorkspace } = await import("../workspace.js");
      const { runInventoryDiff } = await import("../../../workflows/inventory/diff.js");
      const { renderInventoryDiff } = await import("../../../report/inventory-diff.js");
      const workspace = await resolveWorkspace(opts, cli);
      const { files, diff } = await runInventoryDiff(
        { before, after },
        { workspaceDir: workspace.dir, cwd: cli.cwd },
      );
      cli.stderr(`comparing ${files.before} → ${files.after}\n`);
      const text = renderInventoryDiff(diff, format);
      if (opts.out === undefined) {
        cli.stdout(text);
      } else {
        const { writeFile } = await import("node:fs/promises");
        const { resolve } = await import("node:path");
        const file = resolve(cli.cwd, opts.out);
        await writeFile(file, text, "utf8");
        cli.stderr(`wrote the diff to ${file}\n`);
      }
    });
}
