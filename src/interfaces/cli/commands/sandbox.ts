/** `aws-coworker sandbox …`: the simulated estate — generate, reset, save, show. */
import { InvalidArgumentError, type Command } from "commander";
import type { CliEnv, GlobalOptions } from "../cli-env.js";

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) {
      // commander turns this into a usage error naming the option (exit 2)
      throw new InvalidArgumentError(`${name} must be a positive whole number.`);
    }
    return n;
  };
}

export function registerSandboxCommands(program: Command, cli: CliEnv): void {
  const sandbox = program
    .command("sandbox")
    .description("the simulated AWS estate used by --sandbox: generate, reset, save and show estates");

  sandbox
    .command("generate")
    .description(
      "generate a deterministic estate (same seed, same estate) with planted problems at known rates",
    )
    .requiredOption(
      "--accounts <n>",
      "number of accounts (the first is the management account)",
      positiveInt("--accounts"),
    )
    .requiredOption("--regions <n|list>", "number of regions, or a comma-separated list of region codes")
    .requiredOption(
      "--resources <n>",
      "resources per account and region (instances, volumes, buckets, …)",
      positiveInt("--resources"),
    )
    .option("--seed <n>", "seed of the generator", positiveInt("--seed"), 1)
    .requiredOption("--out <file>", "where to write the estate (JSON)")
    .option("--findings <file>", "also write the findings an accurate audit should produce (JSON)")
    .action(
      async (opts: {
        accounts: number;
        regions: string;
        resources: number;
        seed: number;
        out: string;
        findings?: string;
      }) => {
        const { resolve } = await import("node:path");
        const { writeFile } = await import("node:fs/promises");
        const { generateEstate } = await import("../../../aws/sandbox/generate.js");
        const { saveEstateFile } = await import("../../../aws/sandbox/store.js");
        const { DEMO_NOW } = await import("../../../aws/sandbox/demo.js");
        const regions = await parseRegions(opts.regions);
        const { estate, expectedFindings } = generateEstate({
          accounts: opts.accounts,
          regions,
          resourcesPerRegion: opts.resources,
          seed: opts.seed,
          now: DEMO_NOW,
        });
        const out = resolve(cli.cwd, opts.out);
        await saveEstateFile(out, estate);
        if (opts.findings !== undefined) {
          await writeFile(
            resolve(cli.cwd, opts.findings),
            JSON.stringify(expectedFindings, null, 2) + "\n",
            "utf8",
          );
        }
        const profiles = estate.accounts.flatMap((a) => a.profiles.map((p) => p.name));
        cli.stderr(
          `wrote ${out}: ${estate.accounts.length} accounts × ${regions.length} regions, ${expectedFindings.length} planted problems\n` +
            `profiles: ${profiles.slice(0, 4).join(", ")}${profiles.length > 4 ? `, … (${profiles.length})` : ""}\n` +
            `try: aws-coworker inventory --sandbox ${opts.out} --profile ${profiles[1] ?? profiles[0] ?? ""} --regions ${regions.join(",")}\n`,
        );
      },
    );

  sandbox
    .command("reset")
    .description("restore the workspace's sandbox state to the demo estate (or to a saved estate FILE)")
    .option("--from <file>", "a saved estate to restore instead of the demo")
    .action(async (opts: { from?: string }, command: Command) => {
      const { resolve } = await import("node:path");
      const { resolveWorkspace } = await import("../workspace.js");
      const { buildDemoEstate } = await import("../../../aws/sandbox/demo.js");
      const { loadEstateFile, saveEstateFile } = await import("../../../aws/sandbox/store.js");
      const workspace = await resolveWorkspace(command.optsWithGlobals<GlobalOptions>(), cli);
      const estate =
        opts.from === undefined ? buildDemoEstate() : await loadEstateFile(resolve(cli.cwd, opts.from));
      await saveEstateFile(workspace.sandboxStateFile, estate);
      cli.stderr(`sandbox reset: ${workspace.sandboxStateFile} now holds the ${estate.company} estate\n`);
    });

  sandbox
    .command("save")
    .description("save the sandbox's current state (the workspace's, or --sandbox FILE) to a file")
    .requiredOption("--out <file>", "where to write the estate (JSON)")
    .action(async (opts: { out: string }, command: Command) => {
      const { resolve } = await import("node:path");
      const { saveEstateFile } = await import("../../../aws/sandbox/store.js");
      const { estate } = await currentEstate(command.optsWithGlobals<GlobalOptions>(), cli);
      const out = resolve(cli.cwd, opts.out);
      await saveEstateFile(out, estate);
      cli.stderr(`saved the ${estate.company} estate to ${out}\n`);
    });

  sandbox
    .command("show")
    .description("summarise the sandbox estate: accounts, profiles, regions and resource counts")
    .option("--format <format>", "text or json", "text")
    .action(async (opts: { format: string }, command: Command) => {
      const { UsageError } = await import("../../../core/errors.js");
      const { listEstateResources } = await import("../../../aws/sandbox/estate.js");
      if (opts.format !== "text" && opts.format !== "json") {
        throw new UsageError(`--format "${opts.format}" is not supported`, {
          hint: "use --format text or --format json",
        });
      }
      const { estate, source } = await currentEstate(command.optsWithGlobals<GlobalOptions>(), cli);
      const accounts = estate.accounts.map((a) => {
        const regions = Object.keys(a.regions).sort();
        return {
          id: a.id,
          name: a.name,
          alias: a.alias ?? null,
          environment: a.environment,
          profiles: a.profiles.map((p) => p.name),
          regions,
          resources: listEstateResources(estate, a.id, regions).length,
        };
      });
      if (opts.format === "json") {
        cli.stdout(
          JSON.stringify(
            { company: estate.company, capturedAt: estate.capturedAt, source, accounts },
            null,
            2,
          ) + "\n",
        );
        return;
      }
      const lines = [`${estate.company} (captured ${estate.capturedAt}) from ${source}`];
      for (const a of accounts) {
        lines.push(
          `  ${a.id}  ${(a.alias ?? a.name).padEnd(22)} ${a.environment.padEnd(12)} ${String(a.resources).padStart(5)} resources  profiles: ${a.profiles.join(", ")}  regions: ${a.regions.join(", ") || "-"}`,
        );
      }
      cli.stdout(lines.join("\n") + "\n");
    });
}

/** The estate --sandbox would use: FILE, else the workspace's state (the demo until one is saved). */
async function currentEstate(globals: GlobalOptions, cli: CliEnv) {
  const { resolve } = await import("node:path");
  const { existsSync } = await import("node:fs");
  const { resolveWorkspace } = await import("../workspace.js");
  const { buildDemoEstate } = await import("../../../aws/sandbox/demo.js");
  const { loadEstateFile } = await import("../../../aws/sandbox/store.js");
  const file = typeof globals.sandbox === "string" ? resolve(cli.cwd, globals.sandbox) : undefined;
  const source = file ?? (await resolveWorkspace(globals, cli)).sandboxStateFile;
  const estate = file !== undefined || existsSync(source) ? await loadEstateFile(source) : buildDemoEstate();
  return { estate, source };
}

async function parseRegions(value: string): Promise<string[]> {
  const { AWS_REGIONS } = await import("../../../core/regions.js");
  const { checkRegionCodes } = await import("../../../workflows/inventory/index.js");
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    const preferred = [
      "us-east-1",
      "eu-west-1",
      "us-west-2",
      "ap-southeast-2",
      "eu-central-1",
      "ap-northeast-1",
      "us-east-2",
      "ca-central-1",
    ];
    const rest = AWS_REGIONS.filter(
      (r) => !preferred.includes(r) && !r.includes("gov") && !r.startsWith("cn-"),
    );
    const pool = [...preferred, ...rest];
    if (n < 1 || n > pool.length) {
      const { UsageError } = await import("../../../core/errors.js");
      throw new UsageError(
        `--regions ${value}: give between 1 and ${pool.length} regions, or a list of region codes`,
      );
    }
    return pool.slice(0, n);
  }
  return checkRegionCodes(value.split(","));
}
