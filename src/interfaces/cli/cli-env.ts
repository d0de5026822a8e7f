/**
 * What a CLI command gets from the outside world. main.ts builds the real one from
 * `process`; tests build one that captures the output. Commands never touch `process`.
 */
export interface CliEnv {
  /** Results (what a pipe should get). Writes the text as given: include the newline. */
  stdout: (text: string) => void;
  /** Announcements, progress, warnings and errors. Writes the text as given: include the newline. */
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stderr is a terminal (live progress, questions, colour). */
  isTTY: boolean;
  /** The operating-system user, recorded in the audit log. */
  osUser: string;
  /** Ask a question on the terminal and return the answer; absent where nobody can answer. */
  ask?: (question: string) => Promise<string>;
  /** Set the exit code of a command that completes without throwing (1: findings, 4: partial result). */
  setExitCode?: (code: number) => void;
  /** Aborted when the user interrupts (Ctrl-C): long work stops starting new partitions. */
  signal?: AbortSignal;
}

/** The global options every command can read with `command.optsWithGlobals()`. */
export interface GlobalOptions {
  profile?: string;
  /** The organisation's configuration file. */
  config?: string;
  /** The business-unit overlay file. */
  overlay?: string;
  /** `--sandbox` alone is true (the bundled demo estate); `--sandbox FILE` names a saved estate. */
  sandbox?: string | boolean;
  workspace?: string;
  debug?: boolean;
  /** false with --no-color. */
  color?: boolean;
  /** No progress on stderr (the announcement, warnings and errors stay). */
  quiet?: boolean;
}

/** Whether these options run against the sandbox (`--sandbox`, or `--sandbox FILE`). */
export function isSandboxMode(globals: Pick<GlobalOptions, "sandbox">): boolean {
  return globals.sandbox !== undefined && globals.sandbox !== false;
}
