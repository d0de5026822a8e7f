/**
 * The sandbox as the CLI keeps it: `--sandbox` uses the live state in the workspace
 * (`<workspace>/sandbox/estate.json`, the demo estate until reset or changed), and
 * `--sandbox FILE` uses a saved estate FILE. State persists between invocations: what one
 * command changes, the next one sees.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { buildDemoEstate } from "../../aws/sandbox/demo.js";
import { saveEstate, type Estate } from "../../aws/sandbox/estate.js";
import { loadEstateFile, saveEstateFile } from "../../aws/sandbox/store.js";
import { createSandbox, type Sandbox } from "../../aws/sandbox/transport.js";
import type { IoHost } from "../../core/io-host.js";
import type { GlobalOptions } from "./cli-env.js";
import type { Workspace } from "./workspace.js";

export interface SandboxState {
  transport: Sandbox;
  file: string;
  /** The profile used when none is given: demo-dev, else the estate's first development profile. */
  defaultProfile: string;
  /** Save the estate if a command changed it. */
  persist(): Promise<void>;
}

export async function openSandboxState(
  globals: GlobalOptions,
  workspace: Workspace,
  io: IoHost,
  cwd: string,
): Promise<SandboxState> {
  const file =
    typeof globals.sandbox === "string" ? resolve(cwd, globals.sandbox) : workspace.sandboxStateFile;
  if (typeof globals.sandbox !== "string" && !existsSync(file)) {
    await saveEstateFile(file, buildDemoEstate());
  }
  const estate = await loadEstateFile(file);
  const before = saveEstate(estate);
  io.notify({
    code: "CW_SBX_I0001",
    level: "debug",
    message: `sandbox: ${estate.company} estate from ${file}`,
  });
  const transport = createSandbox(estate);
  return {
    transport,
    file,
    defaultProfile: defaultProfileOf(estate),
    async persist() {
      if (saveEstate(transport.estate) === before) return;
      await saveEstateFile(file, transport.estate);
      io.notify({ code: "CW_SBX_I0002", level: "debug", message: `sandbox: saved the estate to ${file}` });
    },
  };
}

export function defaultProfileOf(estate: Estate): string {
  const all = estate.accounts.flatMap((a) =>
    a.profiles.map((p) => ({ name: p.name, environment: a.environment })),
  );
  return (
    all.find((p) => p.name === "demo-dev")?.name ??
    all.find((p) => p.environment === "development")?.name ??
    all[0]?.name ??
    "default"
  );
}
