import { Command } from "commander";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, UsageError } from "../../../src/core/errors.js";
import type { CliEnv } from "../../../src/interfaces/cli/cli-env.js";
import { registerConfigCommands } from "../../../src/interfaces/cli/commands/config.js";
import { DEMO_CONFIG_FILE } from "../../../src/interfaces/cli/config-files.js";
import { CONFIG_STARTER } from "../../../src/interfaces/cli/config-starter.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cw-config-cmd-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  stdout: string;
  stderr: string;
  error: unknown;
}

async function run(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const cli: CliEnv = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env,
    cwd: dir,
    isTTY: false,
    osUser: "tester",
  };
  const program = new Command("aws-coworker")
    .option("-p, --profile <name>")
    .option("--sandbox [file]")
    .option("-c, --config <file>")
    .option("--overlay <file>")
    .exitOverride()
    .configureOutput({ writeOut: cli.stdout, writeErr: cli.stderr });
  registerConfigCommands(program, cli);
  let error: unknown;
  try {
    await program.parseAsync(["node", "aws-coworker", ...args]);
  } catch (e) {
    error = e;
  }
  return { stdout, stderr, error };
}

const DEV_PROFILE = [
  "profiles:",
  "  team-dev:",
  "    classification: development",
  "    permissions: read-write",
  "    regions: [eu-west-1]",
  "",
].join("\n");

describe("config show", () => {
  it("prints the effective configuration in YAML, each value annotated with its layer", async () => {
    await writeFile(join(dir, "aws-coworker.yaml"), DEV_PROFILE);
    await writeFile(join(dir, "bu.yaml"), "profiles:\n  team-dev:\n    approvalMode: always\n");
    const { stdout, error } = await run(["config", "show", "--overlay", "bu.yaml"]);
    expect(error).toBeUndefined();
    expect(stdout).toContain(
      "# Effective AWS Coworker configuration. Layers, lowest first: core (built-in) ← org (./aws-coworker.yaml) ← overlay (./bu.yaml)",
    );
    expect(stdout).toContain("    classification: development # from org (./aws-coworker.yaml)");
    expect(stdout).toContain("    approvalMode: always # from overlay (./bu.yaml)");
    expect(stdout).toContain("    regions: [ eu-west-1 ] # from org (./aws-coworker.yaml)");
    expect(stdout).toContain("orchestration: # from core (built-in)");
    expect(parse(stdout).profiles["team-dev"]).toEqual({
      classification: "development",
      permissions: "read-write",
      approvalMode: "always",
      regions: ["eu-west-1"],
    });
  });

  it("marks each merged list item with its layer", async () => {
    await writeFile(join(dir, "aws-coworker.yaml"), "tagging:\n  required:\n    - key: Team\n");
    const { stdout } = await run(["config", "show"]);
    expect(stdout).toMatch(/required:\n {4}# from core \(built-in\)\n {4}- key: Owner/);
    expect(stdout).toMatch(/# from org \(\.\/aws-coworker\.yaml\)\n {4}- key: Team/);
  });

  it("--format json gives the configuration, the provenance of every key path and the layers", async () => {
    await writeFile(join(dir, "aws-coworker.yaml"), DEV_PROFILE);
    const { stdout } = await run(["config", "show", "--format", "json"]);
    const json = JSON.parse(stdout);
    expect(json.config.profiles["team-dev"].classification).toBe("development");
    expect(json.provenance["profiles.team-dev.classification"]).toEqual({
      layer: "org",
      source: "./aws-coworker.yaml",
    });
    expect(json.provenance["orchestration.batchSize"]).toEqual({ layer: "core", source: "built-in" });
    expect(json.layers).toEqual([
      { name: "core", source: "built-in" },
      { name: "org", source: "./aws-coworker.yaml" },
    ]);
  });

  it("with --sandbox shows the bundled demo configuration", async () => {
    const { stdout } = await run(["config", "show", "--sandbox", "--format", "json"]);
    const json = JSON.parse(stdout);
    expect(Object.keys(json.config.profiles)).toContain("demo-dev");
    expect(json.layers[1]).toEqual({ name: "org", source: DEMO_CONFIG_FILE });
  });

  it("--config names the org file", async () => {
    await writeFile(join(dir, "org.yaml"), DEV_PROFILE);
    const { stdout } = await run(["config", "show", "--config", "org.yaml", "--format", "json"]);
    expect(JSON.parse(stdout).layers[1]).toEqual({ name: "org", source: "./org.yaml" });
  });

  it("refuses an unknown format", async () => {
    const { error } = await run(["config", "show", "--format", "xml"]);
    expect((error as { code?: string }).code).toBe("commander.invalidArgument");
  });

  it("an invalid file is a ConfigError, and nothing is printed on stdout", async () => {
    await writeFile(join(dir, "aws-coworker.yaml"), "profiles:\n  x:\n    classification: prodd\n");
    const { stdout, error } = await run(["config", "show"]);
    expect(error).toBeInstanceOf(ConfigError);
    expect(stdout).toBe("");
  });
});

describe("config validate", () => {
  it("checks the configured files and says ok for each", async () => {
    await writeFile(join(dir, "aws-coworker.yaml"), DEV_PROFILE);
    await writeFile(join(dir, "bu.yaml"), "profiles:\n  team-dev:\n    approvalMode: always\n");
    const { stdout, error } = await run(["config", "validate"], { AWS_COWORKER_OVERLAY: "bu.yaml" });
    expect(error).toBeUndefined();
    expect(stdout).toBe(
      "ok  ./aws-coworker.yaml (org layer)\nok  ./bu.yaml (overlay layer)\nok  effective configuration (core ← org ← overlay)\n",
    );
  });

  it("checks the files given, the first as org and the second as overlay", async () => {
    await writeFile(join(dir, "a.yaml"), DEV_PROFILE);
    await writeFile(join(dir, "b.yaml"), "orchestration:\n  batchSize: 10\n");
    const { stdout } = await run(["config", "validate", "a.yaml", "b.yaml"]);
    expect(stdout).toBe(
      "ok  ./a.yaml (org layer)\nok  ./b.yaml (overlay layer)\nok  effective configuration (core ← org ← overlay)\n",
    );
  });

  it("says when no file exists and the built-in defaults apply", async () => {
    const { stdout, stderr, error } = await run(["config", "validate"]);
    expect(error).toBeUndefined();
    expect(stdout).toBe("ok  effective configuration (core)\n");
    expect(stderr).toContain("No configuration file found");
  });

  it("reports every bad file in one ConfigError", async () => {
    await writeFile(join(dir, "a.yaml"), "profiles:\n  x:\n    classification: prodd\n");
    await writeFile(join(dir, "b.yaml"), "orchestration: [\n");
    const { stdout, error } = await run(["config", "validate", "a.yaml", "b.yaml"]);
    expect(stdout).toBe("");
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain("Invalid configuration in ./a.yaml (org layer)");
    expect(message).toContain("profiles.x.classification (line 3)");
    expect(message).toContain("YAML syntax error in ./b.yaml");
    expect((error as ConfigError).file).toBe("./a.yaml");
  });

  it("a single bad file throws its own error", async () => {
    await writeFile(join(dir, "a.yaml"), DEV_PROFILE);
    await writeFile(join(dir, "b.yaml"), "orchestration:\n  batchSize: 0\n");
    const { stdout, error } = await run(["config", "validate", "a.yaml", "b.yaml"]);
    expect(stdout).toBe("ok  ./a.yaml (org layer)\n");
    expect((error as ConfigError).file).toBe("./b.yaml");
    expect((error as ConfigError).keyPath).toBe("orchestration.batchSize");
  });

  it("files that are fine alone but not together fail the merged check", async () => {
    await writeFile(join(dir, "a.yaml"), DEV_PROFILE);
    await writeFile(join(dir, "b.yaml"), "profiles:\n  team-dev:\n    defaultRegion: us-east-1\n");
    const { stdout, error } = await run(["config", "validate", "a.yaml", "b.yaml"]);
    expect(stdout).toBe("ok  ./a.yaml (org layer)\nok  ./b.yaml (overlay layer)\n");
    expect((error as ConfigError).message).toContain("Invalid merged configuration (core ← org ← overlay)");
    expect((error as ConfigError).keyPath).toBe("profiles.team-dev.defaultRegion");
  });

  it("a missing file is named", async () => {
    const { error } = await run(["config", "validate", "nope.yaml"]);
    expect((error as ConfigError).code).toBe("ConfigNotFound");
    expect((error as ConfigError).message).toContain("./nope.yaml");
  });

  it("takes at most two files", async () => {
    const { error } = await run(["config", "validate", "a", "b", "c"]);
    expect(error).toBeInstanceOf(UsageError);
  });

  it("validates the bundled demo with --sandbox", async () => {
    const { stdout, error } = await run(["config", "validate", "--sandbox"]);
    expect(error).toBeUndefined();
    expect(stdout).toContain("(org layer)");
    expect(stdout).toContain("ok  effective configuration (core ← org)");
  });
});

describe("config init", () => {
  it("writes the commented starter to ./aws-coworker.yaml and says what to do next", async () => {
    const { stdout, stderr, error } = await run(["config", "init"]);
    expect(error).toBeUndefined();
    expect(await readFile(join(dir, "aws-coworker.yaml"), "utf8")).toBe(CONFIG_STARTER);
    expect(stdout).toBe("");
    expect(stderr).toContain("Wrote ./aws-coworker.yaml");
    expect(stderr).toContain("aws-coworker config validate ./aws-coworker.yaml");
  });

  it("the file it writes validates", async () => {
    await run(["config", "init"]);
    const { stdout, error } = await run(["config", "validate"]);
    expect(error).toBeUndefined();
    expect(stdout).toContain("ok  ./aws-coworker.yaml (org layer)");
  });

  it("refuses to overwrite a file without --force", async () => {
    await writeFile(join(dir, "mine.yaml"), "# mine\n");
    const { error } = await run(["config", "init", "--out", "mine.yaml"]);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe("./mine.yaml already exists; nothing was written");
    expect((error as UsageError).hint).toContain("--force");
    expect(await readFile(join(dir, "mine.yaml"), "utf8")).toBe("# mine\n");
  });

  it("overwrites with --force", async () => {
    await writeFile(join(dir, "mine.yaml"), "# mine\n");
    const { error } = await run(["config", "init", "--out", "mine.yaml", "--force"]);
    expect(error).toBeUndefined();
    expect(await readFile(join(dir, "mine.yaml"), "utf8")).toBe(CONFIG_STARTER);
  });

  it("explains a missing folder", async () => {
    const { error } = await run(["config", "init", "--out", "no/such/dir.yaml"]);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain("its folder does not exist");
  });
});
