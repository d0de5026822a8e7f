/**
 * The workspace folder (default `.aws-coworker/` in the current directory): the audit log,
 * the sandbox's live state, run journals (runs/), and later plans, approvals and reports.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Config } from "../../core/config/schema.js";
import { isSandboxMode, type CliEnv, type GlobalOptions } from "./cli-env.js";
import { loadConfig, type LoadConfigOptions, type LoadedConfig } from "./config-files.js";

export const DEFAULT_AUDIT_FILE = "audit/audit-log.jsonl";
export const SANDBOX_STATE_FILE = "sandbox/estate.json";
export const RUNS_DIR = "runs";

export interface Workspace {
  dir: string;
  auditLogFile: string;
  /** The sandbox's live state between invocations (the demo estate until reset or changed). */
  sandboxStateFile: string;
  /** Run journals of long work (`<run id>/run.json`, `partitions.jsonl`), for --resume. */
  runsDir: string;
}

export function workspaceFor(config: Config, globals: GlobalOptions, cwd: string): Workspace {
  const dir = resolve(cwd, globals.workspace ?? config.workspace.dir);
  return {
    dir,
    auditLogFile: resolve(dir, config.audit.file ?? DEFAULT_AUDIT_FILE),
    sandboxStateFile: resolve(dir, SANDBOX_STATE_FILE),
    runsDir: resolve(dir, RUNS_DIR),
  };
}

/** How the CLI's global options and environment choose the configuration files. */
export function cliConfigOptions(globals: GlobalOptions, cli: CliEnv): LoadConfigOptions {
  return {
    orgFile: globals.config,
    overlayFile: globals.overlay,
    useDemo: isSandboxMode(globals),
    env: cli.env,
    cwd: cli.cwd,
    readFile: (path) => readFile(path, "utf8"),
  };
}

export function loadCliConfig(globals: GlobalOptions, cli: CliEnv): Promise<LoadedConfig> {
  return loadConfig(cliConfigOptions(globals, cli));
}

export async function resolveWorkspace(globals: GlobalOptions, cli: CliEnv): Promise<Workspace> {
  const { config } = await loadCliConfig(globals, cli);
  return workspaceFor(config, globals, cli.cwd);
}
