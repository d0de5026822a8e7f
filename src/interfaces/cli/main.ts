/**
 * The CLI entry point: the only file that touches `process`. Everything else runs through
 * runCli(argv, env), which tests call in process. Command modules define their options
 * with commander only and import workflows lazily, so `--help` stays fast.
 */
import { Command, CommanderError } from "commander";
import { userInfo } from "node:os";
import { createInterface } from "node:readline/promises";
import type { CliEnv } from "./cli-env.js";
import { registerCommands } from "./commands/index.js";
import { formatError } from "./errors.js";

export const VERSION = "0.1.0";

export function buildProgram(cli: CliEnv): Command {
  const program = new Command("aws-coworker")
    .description(
      "A safety-first coworker for operating AWS accounts: read-only by default, every call gated and audited.",
    )
    .version(VERSION, "-V, --version")
    .option("-p, --profile <name>", "AWS profile to use (default: $AWS_PROFILE, or demo-dev with --sandbox)")
    .option(
      "--sandbox [file]",
      "use the simulated estate (the built-in demo, or a saved estate FILE) instead of AWS",
    )
    .option(
      "-c, --config <file>",
      "organisation configuration file (default: $AWS_COWORKER_CONFIG or ./aws-coworker.yaml)",
    )
    .option("--overlay <file>", "business-unit configuration overlay (default: $AWS_COWORKER_OVERLAY)")
    .option(
      "-w, --workspace <dir>",
      "workspace folder for state, audit log and reports (default: .aws-coworker)",
    )
    .option("--no-color", "disable colours (also honoured: NO_COLOR)")
    .option("-q, --quiet", "no progress on stderr (the announcement, warnings and errors stay)")
    .option("--debug", "show stack traces and debug messages")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: cli.stdout, writeErr: cli.stderr });
  registerCommands(program, cli);
  return program;
}

/** Run the CLI with the given arguments (without `node` and the script). Resolves to the exit code. */
export async function runCli(argv: readonly string[], host: CliEnv): Promise<number> {
  let exitCode = 0;
  const cli: CliEnv = { ...host, setExitCode: (code) => void (exitCode = code) };
  const program = buildProgram(cli);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
      ) {
        return 0;
      }
      return 2;
    }
    const opts = program.opts<{ debug?: boolean; color?: boolean }>();
    const { text, exitCode } = formatError(error, {
      debug: opts.debug === true,
      color: opts.color !== false && cli.env["NO_COLOR"] === undefined && cli.isTTY,
    });
    cli.stderr(text);
    return exitCode;
  }
}

export async function main(): Promise<void> {
  // Our SDK versions are pinned and support Node 20; its notice about future versions is not actionable here.
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  // The first Ctrl-C stops long work cleanly (nothing more starts; the run can be resumed);
  // a second one ends the process at once.
  const interrupt = new AbortController();
  process.on("SIGINT", () => {
    if (interrupt.signal.aborted) process.exit(130);
    process.stderr.write(
      "\ninterrupted: finishing the partitions already running (Ctrl-C again to quit now)\n",
    );
    interrupt.abort();
  });
  const cli: CliEnv = {
    signal: interrupt.signal,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stderr.isTTY === true,
    osUser: safeUserName(),
    ask: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
  };
  process.exitCode = await runCli(process.argv.slice(2), cli);
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env["USER"] ?? "unknown";
  }
}
