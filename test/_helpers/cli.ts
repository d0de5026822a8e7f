import { runCli } from "../../src/interfaces/cli/main.js";
import type { CliEnv } from "../../src/interfaces/cli/cli-env.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in process with captured streams. */
export async function cli(
  argv: string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const env: CliEnv = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { NO_COLOR: "1", ...options.env },
    cwd: options.cwd,
    isTTY: false,
    osUser: "tester",
  };
  const code = await runCli(argv, env);
  return { code, stdout, stderr };
}
