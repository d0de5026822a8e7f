import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mergeLayers, validateLayer } from "../../../src/core/config/layers.js";
import { coreLayer } from "../../../src/core/config/defaults.js";
import { resolveContext } from "../../../src/core/context/resolve.js";
import { ConfigError } from "../../../src/core/errors.js";
import {
  DEMO_CONFIG_FILE,
  findConfigFiles,
  loadConfig,
  parseLayer,
} from "../../../src/interfaces/cli/config-files.js";
import type { LoadConfigOptions } from "../../../src/interfaces/cli/config-files.js";
import { CONFIG_STARTER, CONFIG_STARTER_EXAMPLES } from "../../../src/interfaces/cli/config-starter.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cw-config-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const load = (options: Partial<LoadConfigOptions> = {}) =>
  loadConfig({ env: {}, cwd: dir, readFile: (path) => readFile(path, "utf8"), ...options });

async function loadError(options: Partial<LoadConfigOptions>): Promise<ConfigError> {
  const error = await load(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

const ORG = "orchestration:\n  batchSize: 20\n";
const OVERLAY = "orchestration:\n  batchSize: 5\n";

describe("which files make up the configuration", () => {
  it.each([
    {
      case: "--config wins over the variable",
      options: { orgFile: "a.yaml", env: { AWS_COWORKER_CONFIG: "b.yaml" } },
      org: "a.yaml",
      via: "--config",
    },
    {
      case: "the variable wins over the demo",
      options: { env: { AWS_COWORKER_CONFIG: "b.yaml" }, useDemo: true },
      org: "b.yaml",
      via: "AWS_COWORKER_CONFIG",
    },
    {
      case: "sandbox mode uses the demo",
      options: { useDemo: true, env: {} },
      org: DEMO_CONFIG_FILE,
      via: "--sandbox (bundled demo)",
    },
    { case: "otherwise ./aws-coworker.yaml", options: { env: {} }, org: "aws-coworker.yaml", via: "default" },
    {
      case: "an empty variable is ignored",
      options: { env: { AWS_COWORKER_CONFIG: "" } },
      org: "aws-coworker.yaml",
      via: "default",
    },
  ])("$case", ({ options, org, via }) => {
    const [file] = findConfigFiles({ cwd: dir, ...options });
    expect(file?.path).toBe(org.startsWith("/") ? org : join(dir, org));
    expect(file?.via).toBe(via);
    expect(file?.isRequired).toBe(via !== "default");
  });

  it.each([
    [{ overlayFile: "o.yaml", env: { AWS_COWORKER_OVERLAY: "p.yaml" } }, "o.yaml", "--overlay"],
    [{ env: { AWS_COWORKER_OVERLAY: "p.yaml" } }, "p.yaml", "AWS_COWORKER_OVERLAY"],
  ])("overlay from %j", (options, file, via) => {
    const files = findConfigFiles({ cwd: dir, ...options });
    expect(files[1]).toMatchObject({ name: "overlay", path: join(dir, file), via });
  });

  it("no overlay unless one is named", () => {
    expect(findConfigFiles({ cwd: dir, env: {} }).map((file) => file.name)).toEqual(["org"]);
  });

  it("the bundled demo is config/demo.yaml at the package root", () => {
    expect(DEMO_CONFIG_FILE).toBe(join(new URL("../../..", import.meta.url).pathname, "config", "demo.yaml"));
  });
});

describe("loadConfig", () => {
  it("layers core ← org ← overlay and says where each value came from", async () => {
    await writeFile(join(dir, "org.yaml"), ORG);
    await writeFile(join(dir, "bu.yaml"), OVERLAY);
    const loaded = await load({ orgFile: "org.yaml", env: { AWS_COWORKER_OVERLAY: "bu.yaml" } });
    expect(loaded.config.orchestration.batchSize).toBe(5);
    expect(loaded.layers).toEqual([
      { name: "core", source: "built-in" },
      { name: "org", source: "./org.yaml" },
      { name: "overlay", source: "./bu.yaml" },
    ]);
    expect(loaded.provenance["orchestration.batchSize"]).toEqual({ layer: "overlay", source: "./bu.yaml" });
    expect(loaded.provenance["orchestration.maxParallelWorkers"]).toEqual({
      layer: "core",
      source: "built-in",
    });
  });

  it("picks up ./aws-coworker.yaml when it exists", async () => {
    await writeFile(join(dir, "aws-coworker.yaml"), ORG);
    const loaded = await load();
    expect(loaded.config.orchestration.batchSize).toBe(20);
    expect(loaded.layers.map((layer) => layer.source)).toEqual(["built-in", "./aws-coworker.yaml"]);
  });

  it("runs on the built-in defaults alone when there is no file", async () => {
    const loaded = await load();
    expect(loaded.layers).toEqual([{ name: "core", source: "built-in" }]);
    expect(loaded.config.profiles).toEqual({});
  });

  it("an empty file is an empty layer", async () => {
    await writeFile(join(dir, "aws-coworker.yaml"), "# nothing yet\n");
    expect((await load()).config.orchestration.batchSize).toBe(50);
  });

  it.each([
    [{ orgFile: "missing.yaml" }, "--config"],
    [{ env: { AWS_COWORKER_CONFIG: "missing.yaml" } }, "AWS_COWORKER_CONFIG"],
    [{ overlayFile: "missing.yaml" }, "--overlay"],
  ])("a named file that does not exist is a ConfigError with a hint (%j)", async (options, via) => {
    const error = await loadError(options);
    expect(error.code).toBe("ConfigNotFound");
    expect(error.file).toBe("./missing.yaml");
    expect(error.message).toBe(`configuration file ./missing.yaml (from ${via}) does not exist`);
    expect(error.hint).toContain("aws-coworker config init --out ./missing.yaml");
  });

  it("a YAML syntax error names the file and the line", async () => {
    await writeFile(join(dir, "org.yaml"), "profiles:\n  a: b: c\n");
    const error = await loadError({ orgFile: "org.yaml" });
    expect(error.code).toBe("ConfigSyntax");
    expect(error.file).toBe("./org.yaml");
    expect(error.message).toMatch(/^YAML syntax error in \.\/org\.yaml at line 2, column \d+: /);
    expect(error.message).toContain("a: b: c");
  });

  it("a duplicated key is a syntax error", async () => {
    await writeFile(join(dir, "org.yaml"), "workspace:\n  dir: a\nworkspace:\n  dir: b\n");
    const error = await loadError({ orgFile: "org.yaml" });
    expect(error.message).toContain("at line 3");
    expect(error.message).toContain("Map keys must be unique");
  });

  it("two YAML documents in one file are refused", async () => {
    await writeFile(join(dir, "org.yaml"), "workspace:\n  dir: a\n---\naudit: {}\n");
    const error = await loadError({ orgFile: "org.yaml" });
    expect(error.message).toContain("a configuration file holds one YAML document");
  });

  it("a schema error names the file, the key path and the line", async () => {
    await writeFile(
      join(dir, "org.yaml"),
      [
        "profiles:",
        "  demo-dev:",
        "    classification: development",
        "    permissions: read-write",
        "    regions: [eu-wst-1]",
        "",
      ].join("\n"),
    );
    const error = await loadError({ orgFile: "org.yaml" });
    expect(error.file).toBe("./org.yaml");
    expect(error.keyPath).toBe("profiles.demo-dev.regions[0]");
    expect(error.message).toContain(
      'profiles.demo-dev.regions[0] (line 5): "eu-wst-1" is not an AWS region; did you mean "eu-west-1"',
    );
  });

  it("an unquoted account id with a leading zero is explained", async () => {
    await writeFile(join(dir, "org.yaml"), "accounts:\n  012345678901:\n    classification: sandbox\n");
    const error = await loadError({ orgFile: "org.yaml" });
    expect(error.message).toContain("line 2");
    expect(error.message).toContain("if the id starts with 0, quote it");
  });
});

describe("the bundled demo configuration", () => {
  it("is valid and is the org layer in sandbox mode", async () => {
    const loaded = await load({ useDemo: true });
    expect(loaded.layers.map((layer) => layer.name)).toEqual(["core", "org"]);
    expect(Object.keys(loaded.config.profiles)).toEqual([
      "demo-mgmt",
      "demo-sandbox",
      "demo-dev",
      "demo-staging",
      "demo-prod",
    ]);
  });

  it.each([
    ["demo-mgmt", "111111111111", "production", "read-only", "always", "northwind-mgmt"],
    ["demo-sandbox", "222222222222", "sandbox", "read-write", "none", "northwind-sandbox"],
    ["demo-dev", "333333333333", "development", "read-write", "destructive-only", "northwind-dev"],
    ["demo-staging", "444444444444", "staging", "read-write", "all-mutations", "northwind-staging"],
    ["demo-prod", "555555555555", "production", "read-only", "always", "northwind-prod"],
  ])(
    "%s in %s: %s, %s, approval %s",
    async (profileName, accountId, classification, permissions, approvalMode, name) => {
      const { config } = await load({ useDemo: true });
      const context = resolveContext({
        config,
        profileName,
        identity: { accountId, arn: `arn:aws:iam::${accountId}:user/demo` },
      });
      expect(context).toMatchObject({
        classification,
        permissions,
        approvalMode,
        defaultRegion: "us-east-1",
        regions: ["us-east-1"],
      });
      expect(context.account).toMatchObject({ name, source: "configured" });
      expect(context.warnings).toEqual([]);
      expect(context.profile.allowedRegions).toEqual([
        "us-east-1",
        "us-west-2",
        "eu-west-1",
        "ap-southeast-2",
      ]);
    },
  );

  it("classifies unlisted Northwind profiles by pattern, read-only", async () => {
    const { config } = await load({ useDemo: true });
    const context = resolveContext({
      config,
      profileName: "analytics-prod-admin",
      identity: { accountId: "555555555555", arn: "arn" },
      fallbackRegion: "eu-west-1",
    });
    expect(context).toMatchObject({ classification: "production", isReadOnly: true });
    expect(context.profile).toMatchObject({ source: "pattern", pattern: "*-prod*" });
  });

  it("has the Northwind tagging policy, DataClassification required on production data stores only", async () => {
    const { config } = await load({ useDemo: true });
    const rules = Object.fromEntries(config.tagging.required.map((rule) => [rule.key, rule]));
    expect(Object.keys(rules)).toEqual(["Owner", "Environment", "CostCenter", "DataClassification"]);
    expect(rules["Environment"]?.allowedValues).toEqual([
      "management",
      "sandbox",
      "development",
      "staging",
      "production",
    ]);
    expect(rules["CostCenter"]?.pattern).toBe("^CC-[0-9]{4}$");
    expect(rules["DataClassification"]?.when).toEqual({ tag: "Environment", equals: "production" });
    expect(rules["DataClassification"]?.appliesTo).toEqual(["s3:bucket", "rds", "ebs"]);
  });
});

describe("the config init starter", () => {
  it("is a valid configuration file", () => {
    const layer = parseLayer("org", "starter.yaml", CONFIG_STARTER);
    expect(() => mergeLayers([coreLayer, layer])).not.toThrow();
  });

  it("keeps everything that grants access commented out", () => {
    const { config } = mergeLayers([coreLayer, parseLayer("org", "starter.yaml", CONFIG_STARTER)]);
    expect(config.profiles).toEqual({});
    expect(config.accounts).toEqual({});
    expect(config.patterns.profiles.every((pattern) => pattern.permissions === undefined)).toBe(true);
  });

  it.each(Object.entries(CONFIG_STARTER_EXAMPLES))(
    "its commented %s example is valid once uncommented",
    (key, yaml) => {
      const text = `${key}:\n${yaml.replace(/^/gm, "  ")}\n`;
      expect(CONFIG_STARTER).toContain(yaml.replace(/^/gm, "  # "));
      const layer = parseLayer("org", "example.yaml", text);
      expect(() => validateLayer(layer)).not.toThrow();
      expect(() => mergeLayers([coreLayer, layer])).not.toThrow();
    },
  );
});
