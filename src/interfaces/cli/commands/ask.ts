/**
 * `aws-coworker ask "<request>"`: route a free-form request to a workflow (offline and
 * deterministic, src/interfaces/ask/router.ts), show the command it chose on stderr, then run
 * that command through the program in process, so it behaves exactly as if typed. Reads run;
 * changes are drafted (`plan create …`, `rollback <run>`), never approved or executed.
 * A request it cannot route is a UsageError (exit 2) saying what it understood and the
 * closest commands.
 */
import type { Command } from "commander";
import { UsageError } from "../../../core/errors.js";
import type { CliEnv, GlobalOptions } from "../cli-env.js";

interface AskOptions {
  dryRun?: boolean;
  format?: string;
}

export function registerAskCommand(program: Command, cli: CliEnv): void {
  program
    .command("ask <request...>")
    .description(
      "route a free-form request to a workflow and run it (offline, deterministic): reads run, changes are drafted as plans, never approved or executed",
    )
    .option("--dry-run", "print the command the request routes to, run nothing")
    .option("--format <format>", "output format, passed to the workflow (overrides one in the request)")
    .action(async (words: string[], opts: AskOptions, command: Command) => {
      const request = words.join(" ");
      const { routeRequest, formatCommand, describeUnderstood } = await import("../../ask/router.js");
      const { BLUEPRINTS } = await import("../../../workflows/plans/create.js");
      const route = routeRequest(request, { now: new Date(), blueprints: Object.keys(BLUEPRINTS) });
      if (!route.isRouted) {
        throw new UsageError(`cannot route "${request}": ${route.reason}`, {
          code: "AskNotRouted",
          hint: `understood: ${describeUnderstood(route.understood)}. Closest commands:\n${route.suggestions.map((s) => `      ${s}`).join("\n")}`,
        });
      }
      const argv = withFormat(route.argv, opts.format);
      cli.stderr(
        `→ ${formatCommand(argv)}${route.isDraft ? "   (drafts a plan; nothing is approved or executed)" : ""}\n`,
      );
      if (opts.dryRun === true) {
        cli.stdout(`${formatCommand(argv)}\n`);
        return;
      }
      const { buildProgram } = await import("../main.js");
      await buildProgram(cli).parseAsync([...argv, ...globalArgv(command.optsWithGlobals<GlobalOptions>())], {
        from: "user",
      });
    });
}

function withFormat(argv: readonly string[], format: string | undefined): string[] {
  if (format === undefined) return [...argv];
  const at = argv.indexOf("--format");
  return at < 0
    ? [...argv, "--format", format]
    : [...argv.slice(0, at), "--format", format, ...argv.slice(at + 2)];
}

/** The global options of this invocation, as argv for the routed command (after it: `--sandbox [file]` would take the next word as its file). */
function globalArgv(globals: GlobalOptions): string[] {
  return [
    ...(globals.profile === undefined ? [] : ["--profile", globals.profile]),
    ...(globals.sandbox === true
      ? ["--sandbox"]
      : typeof globals.sandbox === "string"
        ? [`--sandbox=${globals.sandbox}`]
        : []),
    ...(globals.config === undefined ? [] : ["--config", globals.config]),
    ...(globals.overlay === undefined ? [] : ["--overlay", globals.overlay]),
    ...(globals.workspace === undefined ? [] : ["--workspace", globals.workspace]),
    ...(globals.color === false ? ["--no-color"] : []),
    ...(globals.quiet === true ? ["--quiet"] : []),
    ...(globals.debug === true ? ["--debug"] : []),
  ];
}
