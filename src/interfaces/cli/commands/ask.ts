/**
 * `aws-coworker ask "<request>"`: route a free-form request to a workflow (offline and
 * deterministic, src/interfaces/ask/router.ts), show the command it chose on stderr, then run
 * that command through the program in process, so it behaves exactly as if typed. Reads run;
 * changes are drafted (`plan create …`, `rollback <run>`), never approved or executed.
 * A request it cannot route is a UsageError (exit 2) saying what it understood and the
 * closest commands.
 *
 * With `--llm` (and ANTHROPIC_API_KEY), Claude answers instead, with the MCP server's tools
 * under the same gate (src/interfaces/ask/llm.ts): each tool call on stderr, the answer on stdout.
 */
import type { Command } from "commander";
import { CORE_DEFAULTS } from "../../../core/config/defaults.js";
import { UsageError } from "../../../core/errors.js";
import type { CliEnv, GlobalOptions } from "../cli-env.js";

interface AskOptions {
  dryRun?: boolean;
  format?: string;
  llm?: boolean;
  model?: string;
}

export function registerAskCommand(program: Command, cli: CliEnv): void {
  program
    .command("ask <request...>")
    .description(
      "route a free-form request to a workflow and run it (offline, deterministic): reads run, changes are drafted as plans, never approved or executed. With --llm, Claude answers instead, through the MCP server's tools and the same gate",
    )
    .option("--dry-run", "print the command the request routes to, run nothing")
    .option("--format <format>", "output format, passed to the workflow (overrides one in the request)")
    .option(
      "--llm",
      "let Claude answer (needs ANTHROPIC_API_KEY) with the MCP server's tools but execute, under the same gate: it reads and drafts plans, and can neither approve nor execute one; with --dry-run, list its tools",
    )
    .option(
      "--model <id>",
      `with --llm: the Claude model (default: ask.model in the configuration, built in ${CORE_DEFAULTS.ask.model})`,
    )
    .action(async (words: string[], opts: AskOptions, command: Command) => {
      const request = words.join(" ");
      // The program's options only (not ask's own), as `aws-coworker mcp` passes them to the server.
      if (opts.llm === true) return askWithClaude(request, opts, program.opts<GlobalOptions>(), cli);
      if (opts.model !== undefined) {
        throw new UsageError("--model applies only with --llm", {
          hint: "add --llm to let Claude answer, or drop --model",
        });
      }
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

async function askWithClaude(
  request: string,
  opts: AskOptions,
  globals: GlobalOptions,
  cli: CliEnv,
): Promise<void> {
  if (opts.format !== undefined) {
    throw new UsageError("--format does not apply with --llm: Claude answers in plain text", {
      hint: "drop --format, or drop --llm to route the request to a command that writes that format",
    });
  }
  const { mcpServerOptionsOf } = await import("../../mcp/server.js");
  const { VERSION } = await import("../main.js");
  const server = mcpServerOptionsOf(globals, cli);
  const llm = await import("../../ask/llm.js");
  const { loadCliConfig } = await import("../workspace.js");
  const model = opts.model ?? (await loadCliConfig(globals, cli)).config.ask.model;
  const show = globals.quiet === true ? () => undefined : cli.stderr;
  if (opts.dryRun === true) {
    show(`→ Claude (${model}) would get these tools; nothing is sent to it, no AWS call is made\n`);
    const tools = await llm.listMcpTools(server, VERSION);
    cli.stdout(tools.map((t) => `${t.name}\t${t.title ?? ""}\n`).join(""));
    return;
  }
  const apiKey = cli.env["ANTHROPIC_API_KEY"];
  if (apiKey === undefined || apiKey === "") {
    throw new UsageError("--llm needs an Anthropic API key, and ANTHROPIC_API_KEY is not set", {
      code: "AnthropicApiKeyMissing",
      hint: "set ANTHROPIC_API_KEY (a key from the Claude Console), or drop --llm to use the offline router",
    });
  }
  const baseURL = cli.env["ANTHROPIC_BASE_URL"];
  show(
    `→ Claude (${model}), with the MCP tools under the gate; it drafts plans, never approves or executes them\n`,
  );
  const result = await llm.askClaude({
    request,
    model,
    apiKey,
    baseURL: baseURL === "" ? undefined : baseURL,
    server,
    version: VERSION,
    show,
    signal: cli.signal,
  });
  if (result.text !== "") cli.stdout(`${result.text}\n`);
  if (result.outcome === "answered") return;
  cli.stderr(
    result.outcome === "turn-cap"
      ? `stopped: Claude was still calling tools after ${llm.MAX_TURNS} turns (its last calls were not made). What it did is above and in the audit log; ask again with a narrower request, or run the commands yourself.\n`
      : `stopped: Claude ended with "${result.stopReason ?? "no stop reason"}" before it finished${result.stopReason === "max_tokens" ? " (the answer is cut)" : result.stopReason === "refusal" ? " (it declined the request)" : ""}.\n`,
  );
  cli.setExitCode?.(4);
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
