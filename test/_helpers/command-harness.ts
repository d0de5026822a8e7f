/**
 * A program with one command registered over a harness session: the CLI's streams and exit
 * code captured, commander's own output and exits suppressed (errors reach the test).
 */
import { Command } from "commander";

export interface HarnessOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function commandHarness(cwd: string) {
  const out: HarnessOutput = { stdout: "", stderr: "", exitCode: 0 };
  const program = new Command("aws-coworker")
    .option("--sandbox [file]")
    .option("--no-color")
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  const cli = {
    stdout: (t: string) => void (out.stdout += t),
    stderr: (t: string) => void (out.stderr += t),
    env: { NO_COLOR: "1" } as Record<string, string | undefined>,
    cwd,
    isTTY: false,
    setExitCode: (code: number) => void (out.exitCode = code),
  };
  const run = (args: string[]) => program.parseAsync(["node", "aws-coworker", ...args]);
  return { program, cli, out, run };
}
