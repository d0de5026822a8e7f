/** `aws-coworker init --claude`: set a repository up so Claude Code routes AWS requests through AWS Coworker. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../../../core/errors.js";
import type { CliEnv } from "../cli-env.js";

export function registerInitCommand(program: Command, cli: CliEnv): void {
  program
    .command("init")
    .description(
      "set a repository up for an AI agent: --claude writes CLAUDE.md, slash commands, .mcp.json and settings that deny the aws CLI",
    )
    .option("--claude", "for Claude Code")
    .option("--dir <path>", "the repository", ".")
    .option(
      "--force",
      "overwrite CLAUDE.md and the slash commands if they exist (JSON files are always merged)",
    )
    .action(async (opts: { claude?: boolean; dir: string; force?: boolean }) => {
      if (opts.claude !== true) {
        throw new UsageError("say which agent to set up", {
          hint: "Run `aws-coworker init --claude` (Claude Code).",
        });
      }
      const { claudeSetup, SETUP_PATHS } = await import("../claude-setup.js");
      const root = resolve(cli.cwd, opts.dir);
      const existing: Record<string, string> = {};
      for (const path of SETUP_PATHS) {
        const file = resolve(root, path);
        if (existsSync(file)) existing[path] = readFileSync(file, "utf8");
      }
      // Everything is worked out (and invalid JSON refused) before anything is written.
      const files = claudeSetup(existing, { force: opts.force === true });
      for (const f of files) {
        if (f.action === "keep") continue;
        const file = resolve(root, f.path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, f.content);
      }
      for (const f of files) {
        const what =
          f.action === "keep"
            ? "kept (exists; --force overwrites)"
            : f.action === "merge"
              ? "merged"
              : "written";
        cli.stdout(`${what.padEnd(34)} ${f.path}\n`);
      }
      cli.stderr(
        "Claude Code now routes AWS requests through `aws-coworker mcp` (see docs/agents.md). Plans it drafts are approved by you: in the form Claude Code shows you when it asks to execute one, or with `aws-coworker plan approve <id>` in your terminal.\n",
      );
    });
}
