/**
 * A scanning command on its own program with a harness session: the real client factory over
 * a sandbox (with faults), one account, no terminal; what the command writes and the exit code
 * it sets are captured. For the faults and configurations the whole CLI cannot inject.
 */
import { Command } from "commander";
import { join } from "node:path";
import { CORE_DEFAULTS } from "../../src/core/config/defaults.js";
import type { ScanSession } from "../../src/interfaces/cli/commands/scan-command.js";
import type { Sandbox } from "../../src/aws/sandbox/transport.js";
import { recordingIoHost } from "./recording-io-host.js";
import { DEV_ACCOUNT, makeSandboxFactory, type SandboxFactoryOptions } from "./sandbox-factory.js";

export interface CommandHarness<S> {
  run: (args: string[]) => Promise<unknown>;
  out: { stdout: string; stderr: string; exitCode: number };
  sandbox: Sandbox;
  session: S;
}

export interface HarnessDeps<S> {
  stdout: (t: string) => void;
  stderr: (t: string) => void;
  env: Record<string, string>;
  cwd: string;
  isTTY: boolean;
  openSession: () => Promise<S>;
  setExitCode: (code: number) => void;
}

export function commandHarness<S extends ScanSession>(options: {
  dir: string;
  sandbox?: SandboxFactoryOptions;
  /** What the command's session has beyond a scan session (config, now…). */
  extra: (base: ScanSession) => S;
  register: (program: Command, deps: HarnessDeps<S>) => void;
}): CommandHarness<S> {
  const { factory, sandbox } = makeSandboxFactory(options.sandbox ?? {});
  const out = { stdout: "", stderr: "", exitCode: 0 };
  const base: ScanSession = {
    factory,
    io: { ...recordingIoHost(), canAsk: false, confirm: async () => false, finish: () => undefined },
    profile: "demo-dev",
    orchestration: { ...CORE_DEFAULTS.orchestration, maxParallelWorkers: 4 },
    factoryFor: () => {
      throw new Error("this harness reaches one account");
    },
    workspace: { dir: options.dir, runsDir: join(options.dir, "runs") },
    account: DEV_ACCOUNT,
    defaultRegion: factory.defaultRegion,
    announce: () => undefined,
    close: async () => undefined,
  };
  const session = options.extra(base);
  const program = new Command("aws-coworker")
    .option("--sandbox [file]")
    .option("--no-color")
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  options.register(program, {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    env: { NO_COLOR: "1" },
    cwd: options.dir,
    isTTY: false,
    openSession: async () => session,
    setExitCode: (code) => void (out.exitCode = code),
  });
  const run = (args: string[]) => program.parseAsync(["node", "aws-coworker", ...args]);
  return { run, out, sandbox, session };
}
