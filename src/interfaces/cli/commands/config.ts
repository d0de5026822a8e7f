/**
 * `aws-coworker config show | validate | init`: the effective configuration and where each
 * value came from, checking files, and writing a commented starter file.
 */
import { Option } from "commander";
import type { Command } from "commander";
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { LayerInput } from "../../../core/config/layers.js";
import { ConfigError, UsageError } from "../../../core/errors.js";
import type { CliEnv, GlobalOptions } from "../cli-env.js";
import type { ConfigFile } from "../config-files.js";

export function registerConfigCommands(program: Command, cli: CliEnv): void {
  const config = program
    .command("config")
    .description("show, check and create configuration files (layers: built-in ← organisation ← overlay)");

  config
    .command("show")
    .description("print the effective configuration and the layer each value came from")
    .addOption(new Option("--format <format>", "output format").choices(["yaml", "json"]).default("yaml"))
    .action(async (_options: unknown, command: Command) => {
      const { format, ...globals } = command.optsWithGlobals<GlobalOptions & { format: "yaml" | "json" }>();
      const { loadCliConfig } = await import("../workspace.js");
      const loaded = await loadCliConfig(globals, cli);
      if (format === "json") {
        cli.stdout(`${JSON.stringify(loaded, null, 2)}\n`);
      } else {
        const { renderConfigYaml } = await import("../config-render.js");
        cli.stdout(renderConfigYaml(loaded));
      }
    });

  config
    .command("validate")
    .description(
      "check configuration files: the given ones (organisation, then overlay), or the configured ones",
    )
    .argument("[files...]", "files to check: the organisation's file, then optionally an overlay")
    .action(async (files: string[], _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      await validateFiles(files, globals, cli);
    });

  config
    .command("init")
    .description("write a commented starter configuration file")
    .option("-o, --out <file>", "where to write it", "aws-coworker.yaml")
    .option("--force", "overwrite the file if it exists")
    .action(async (options: { out: string; force?: boolean }) => {
      await writeStarter(options.out, options.force === true, cli);
    });
}

async function validateFiles(files: readonly string[], globals: GlobalOptions, cli: CliEnv): Promise<void> {
  // Loaded on use, so that `--help` does not load the schema and the YAML parser.
  const { coreLayer } = await import("../../../core/config/defaults.js");
  const { mergeLayers, validateLayer } = await import("../../../core/config/layers.js");
  const { findConfigFiles, readLayer } = await import("../config-files.js");

  if (files.length > 2) {
    throw new UsageError(
      `config validate takes at most two files (the organisation's file, then an overlay); got ${files.length}`,
      {
        hint: "Validate other files one command at a time.",
      },
    );
  }
  const options = (await import("../workspace.js")).cliConfigOptions(globals, cli);
  const targets: ConfigFile[] =
    files.length > 0
      ? files.map((file, index) => ({
          name: index === 0 ? "org" : "overlay",
          path: resolve(cli.cwd, file),
          via: "the command line",
          isRequired: true,
        }))
      : findConfigFiles(options);

  const layers: LayerInput[] = [coreLayer];
  const failures: ConfigError[] = [];
  for (const target of targets) {
    try {
      const layer = await readLayer(target, options);
      if (layer === undefined) continue;
      validateLayer(layer);
      layers.push(layer);
      cli.stdout(`ok  ${layer.source} (${layer.name} layer)\n`);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      failures.push(error);
    }
  }
  if (failures.length === 0) {
    mergeLayers(layers);
    if (layers.length === 1) {
      cli.stderr(
        "No configuration file found: the built-in defaults apply. Create one with `aws-coworker config init`.\n",
      );
    }
    cli.stdout(`ok  effective configuration (${layers.map((layer) => layer.name).join(" ← ")})\n`);
    return;
  }
  const [first] = failures;
  if (first !== undefined && failures.length === 1) throw first;
  throw new ConfigError(failures.map((failure) => failure.message).join("\n"), {
    file: first?.file,
    keyPath: first?.keyPath,
    hint: "Fix the files above, then run `aws-coworker config validate` again.",
  });
}

async function writeStarter(out: string, isForced: boolean, cli: CliEnv): Promise<void> {
  const { displayPath } = await import("../config-files.js");
  const { CONFIG_STARTER } = await import("../config-starter.js");
  const path = resolve(cli.cwd, out);
  const shown = displayPath(path, cli.cwd);
  try {
    await writeFile(path, CONFIG_STARTER, { encoding: "utf8", flag: isForced ? "w" : "wx" });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "EEXIST") {
      throw new UsageError(`${shown} already exists; nothing was written`, {
        code: "FileExists",
        hint: "Pass --force to overwrite it, or --out FILE to write somewhere else.",
      });
    }
    if (code === "ENOENT") {
      throw new UsageError(`cannot write ${shown}: its folder does not exist`, {
        hint: "Create the folder first, or choose another path with --out.",
      });
    }
    throw error;
  }
  cli.stderr(`Wrote ${shown}. Adapt it, then check it with: aws-coworker config validate ${shown}\n`);
}
