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
  options: {
    cwd: string;
    env?: Record<string, string | undefined>;
    /** Answers typed at a terminal, in order: the run then has a TTY. The questions land in `asked`. */
    answers?: string[];
    asked?: string[];
  },
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const env: CliEnv = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { NO_COLOR: "1", ...options.env },
    cwd: options.cwd,
    isTTY: options.answers !== undefined,
    osUser: "tester",
    ...(options.answers !== undefined && {
      ask: async (question: string) => {
        options.asked?.push(question);
        const answer = options.answers?.shift();
        if (answer === undefined) throw new Error(`no answer left for: ${question}`);
        return answer;
      },
    }),
  };
  const code = await runCli(argv, env);
  return { code, stdout, stderr };
}
