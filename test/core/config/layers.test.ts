import { describe, expect, it } from "vitest";
import { CORE_DEFAULTS, coreLayer } from "../../../src/core/config/defaults.js";
import {
  formatKeyPath,
  LAYER_PRECEDENCE,
  mergeLayers,
  validateLayer,
} from "../../../src/core/config/layers.js";
import type { LayerInput } from "../../../src/core/config/layers.js";
import type { Config } from "../../../src/core/config/schema.js";
import { ConfigError } from "../../../src/core/errors.js";

const devProfile = {
  classification: "development",
  permissions: "read-write",
  regions: ["eu-west-1", "us-east-1"],
  defaultRegion: "eu-west-1",
};

const org = (data: unknown): LayerInput => ({ name: "org", source: "./org.yaml", data });
const overlay = (data: unknown): LayerInput => ({ name: "overlay", source: "./bu.yaml", data });

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("LAYER_PRECEDENCE", () => {
  it("is core, then org, then overlay", () => {
    expect(LAYER_PRECEDENCE).toEqual(["core", "org", "overlay"]);
  });
});

describe("mergeLayers: a more specific layer extends the one below", () => {
  it.each([
    {
      name: "a scalar in a more specific layer replaces the one below",
      layers: [coreLayer, org({ orchestration: { maxParallelWorkers: 4 } })],
      path: (c: Config) => c.orchestration.maxParallelWorkers,
      expected: 4,
    },
    {
      name: "keys a layer does not set keep the value below",
      layers: [coreLayer, org({ orchestration: { maxParallelWorkers: 4 } })],
      path: (c: Config) => c.orchestration.batchSize,
      expected: 50,
    },
    {
      name: "the overlay beats the org file",
      layers: [
        coreLayer,
        org({ orchestration: { batchSize: 20 } }),
        overlay({ orchestration: { batchSize: 5 } }),
      ],
      path: (c: Config) => c.orchestration.batchSize,
      expected: 5,
    },
    {
      name: "records merge key by key: the overlay adds a profile",
      layers: [coreLayer, org({ profiles: { a: devProfile } }), overlay({ profiles: { b: devProfile } })],
      path: (c: Config) => Object.keys(c.profiles),
      expected: ["a", "b"],
    },
    {
      name: "the overlay changes one field of a profile defined below",
      layers: [
        coreLayer,
        org({ profiles: { a: devProfile } }),
        overlay({ profiles: { a: { approvalMode: "always" } } }),
      ],
      path: (c: Config) => [c.profiles["a"]?.approvalMode, c.profiles["a"]?.classification],
      expected: ["always", "development"],
    },
    {
      name: "a list (a profile's regions) is replaced whole",
      layers: [
        coreLayer,
        org({ profiles: { a: devProfile } }),
        overlay({ profiles: { a: { regions: ["eu-west-1"] } } }),
      ],
      path: (c: Config) => c.profiles["a"]?.regions,
      expected: ["eu-west-1"],
    },
    {
      name: "profile patterns of a more specific layer are tried first",
      layers: [
        coreLayer,
        org({ patterns: { profiles: [{ match: "*-prod*", classification: "production" }] } }),
        overlay({ patterns: { profiles: [{ match: "bu-*", classification: "sandbox" }] } }),
      ],
      path: (c: Config) => c.patterns.profiles.map((p) => p.match),
      expected: ["bu-*", "*-prod*"],
    },
    {
      name: "required tags merge by key: same key replaced in place, new keys appended",
      layers: [
        coreLayer,
        org({ tagging: { required: [{ key: "CostCenter", pattern: "^CC-[0-9]{4}$" }, { key: "Team" }] } }),
      ],
      path: (c: Config) => c.tagging.required.map((r) => `${r.key}${r.pattern ?? ""}`),
      expected: ["Owner", "Environment", "CostCenter^CC-[0-9]{4}$", "Team"],
    },
    {
      name: "an empty YAML key (null) is the same as leaving it out",
      layers: [coreLayer, org({ profiles: null, orchestration: { batchSize: null, maxParallelWorkers: 3 } })],
      path: (c: Config) => [c.profiles, c.orchestration.batchSize, c.orchestration.maxParallelWorkers],
      expected: [{}, 50, 3],
    },
    {
      name: "layers given out of order are merged in precedence order",
      layers: [
        overlay({ orchestration: { batchSize: 5 } }),
        org({ orchestration: { batchSize: 20 } }),
        coreLayer,
      ],
      path: (c: Config) => c.orchestration.batchSize,
      expected: 5,
    },
    {
      name: "an empty layer changes nothing",
      layers: [coreLayer, org(undefined), overlay({})],
      path: (c: Config) => c.orchestration,
      expected: CORE_DEFAULTS.orchestration,
    },
  ])("$name", ({ layers, path, expected }) => {
    expect(path(mergeLayers(layers).config)).toEqual(expected);
  });
});

describe("mergeLayers: provenance", () => {
  const { provenance } = mergeLayers([
    coreLayer,
    org({
      profiles: { a: devProfile },
      tagging: { required: [{ key: "CostCenter", pattern: "^CC-[0-9]{4}$" }] },
      patterns: { profiles: [{ match: "*-prod*", classification: "production" }] },
    }),
    overlay({
      profiles: { a: { approvalMode: "always" } },
      patterns: { profiles: [{ match: "bu-*", classification: "sandbox" }] },
    }),
  ]);

  it.each([
    ["orchestration.thresholds.resources.advise", "core", "built-in"],
    ["profiles.a.classification", "org", "./org.yaml"],
    ["profiles.a.regions", "org", "./org.yaml"],
    ["profiles.a.approvalMode", "overlay", "./bu.yaml"],
    ["patterns.profiles[0]", "overlay", "./bu.yaml"],
    ["patterns.profiles[1]", "org", "./org.yaml"],
    ["patterns.accounts", "core", "built-in"],
    ["tagging.required[0]", "core", "built-in"],
    ["tagging.required[2]", "org", "./org.yaml"],
    ["accounts", "core", "built-in"],
  ])("%s comes from %s (%s)", (keyPath, layer, source) => {
    expect(provenance[keyPath]).toEqual({ layer, source });
  });

  it("names no container that has values under it", () => {
    expect(provenance["profiles.a"]).toBeUndefined();
    expect(provenance["profiles"]).toBeUndefined();
  });
});

describe("validateLayer: errors name the file, the key path and the problem", () => {
  it.each([
    {
      data: { profiles: { "demo-dev": { ...devProfile, classification: "prodd" } } },
      keyPath: "profiles.demo-dev.classification",
      text: ['"prodd" is not allowed', "use one of: sandbox, development", 'did you mean "production"?'],
    },
    {
      data: { profiles: { a: { ...devProfile, regions: ["eu-wst-1"] } } },
      keyPath: "profiles.a.regions[0]",
      text: ['"eu-wst-1" is not an AWS region', 'did you mean "eu-west-1"'],
    },
    {
      data: { profiles: { a: { ...devProfile, regoins: ["eu-west-1"] } } },
      keyPath: "profiles.a.regoins",
      text: ['unknown key "regoins"', 'did you mean "regions"?'],
    },
    {
      data: { profiles: { a: { ...devProfile, account: 12345678901 } } },
      keyPath: "profiles.a.account",
      text: ["must be a quoted string of 12 digits"],
    },
    {
      data: { accounts: { "12345": { classification: "sandbox" } } },
      keyPath: "accounts.12345",
      text: ['"12345" is not an AWS account id'],
    },
    {
      data: { tagging: { required: [{ key: "CostCenter", pattern: "^CC-[0-9{4}$" }] } },
      keyPath: "tagging.required[0].pattern",
      text: ["is not a valid regular expression"],
    },
    {
      data: { tagging: { required: [{ key: "aws:createdBy" }] } },
      keyPath: "tagging.required[0].key",
      text: ["reserved by AWS"],
    },
    {
      data: { tagging: { required: [{ key: "Owner" }, { key: "Owner" }] } },
      keyPath: "tagging.required[1].key",
      text: ['tag "Owner" is listed twice'],
    },
    {
      data: { environments: { prod: { directExecution: false } } },
      keyPath: "environments.prod",
      text: ['unknown key "prod"', 'did you mean "production"?'],
    },
    {
      data: { orchestration: { maxParallelWorkers: 0 } },
      keyPath: "orchestration.maxParallelWorkers",
      text: ["at least 1"],
    },
    {
      data: { orchestration: { batchSize: "fifty" } },
      keyPath: "orchestration.batchSize",
      text: ['expected a number, got "fifty"'],
    },
    {
      data: { audit: { file: "../outside.jsonl" } },
      keyPath: "audit.file",
      text: ["must be a path inside the workspace"],
    },
    {
      data: { profile: {} },
      keyPath: "profile",
      text: ['unknown key "profile"', 'did you mean "profiles"?'],
    },
  ])("$keyPath", ({ data, keyPath, text }) => {
    const error = configError(() => validateLayer(org(data)));
    expect(error.file).toBe("./org.yaml");
    expect(error.keyPath).toBe(keyPath);
    expect(error.message).toContain("./org.yaml (org layer)");
    expect(error.message).toContain(`- ${keyPath}`);
    for (const fragment of text) expect(error.message).toContain(fragment);
    expect(error.hint).toContain("./org.yaml");
    expect(error.stack).toBeDefined();
  });

  it("rejects a document that is not a mapping", () => {
    const error = configError(() => validateLayer(org(["profiles"])));
    expect(error.message).toContain("must be a mapping of settings");
  });

  it("lists every problem, each with its line when the layer can locate it", () => {
    const layer: LayerInput = {
      ...org({ orchestration: { batchSize: 0, maxParallelWorkers: 0 } }),
      locate: (path) =>
        path.length === 2 ? { line: path[1] === "batchSize" ? 7 : 8, column: 3 } : undefined,
    };
    const error = configError(() => validateLayer(layer));
    expect(error.message).toContain("2 problems");
    expect(error.message).toContain("orchestration.batchSize (line 7)");
    expect(error.message).toContain("orchestration.maxParallelWorkers (line 8)");
  });
});

describe("mergeLayers: problems only visible after merging", () => {
  it("a new profile in the overlay that lacks required fields is blamed on the overlay", () => {
    const error = configError(() =>
      mergeLayers([coreLayer, org({}), overlay({ profiles: { "bu-dev": { approvalMode: "none" } } })]),
    );
    expect(error.file).toBe("./bu.yaml");
    expect(error.keyPath).toBe("profiles.bu-dev.classification");
    expect(error.message).toContain("Invalid merged configuration (core ← org ← overlay)");
    expect(error.message).toContain("profiles.bu-dev.classification: missing; set it to one of:");
    expect(error.message).toContain("profiles.bu-dev.permissions: missing");
    expect(error.message).toContain("profiles.bu-dev.regions: missing");
    expect(error.message).toContain("[set in overlay ./bu.yaml]");
  });

  it("a check across fields names every layer that set the object", () => {
    const error = configError(() =>
      mergeLayers([
        coreLayer,
        org({ profiles: { a: devProfile } }),
        overlay({ profiles: { a: { regions: ["us-east-1"] } } }),
      ]),
    );
    expect(error.keyPath).toBe("profiles.a.defaultRegion");
    expect(error.file).toBe("./bu.yaml");
    expect(error.message).toContain(
      'defaultRegion "eu-west-1" is not one of this profile\'s regions (us-east-1)',
    );
    expect(error.message).toContain("set in org ./org.yaml, overlay ./bu.yaml");
  });

  it.each([
    [
      { orchestration: { thresholds: { resources: { advise: 500 } } } },
      "orchestration.thresholds.resources.advise",
      "advise (500) must not be above partition (200)",
    ],
    [
      { environments: { staging: { directExecution: true } } },
      "environments.staging.iacOnly",
      "cannot both be true",
    ],
  ])("%j → %s", (data, keyPath, text) => {
    const error = configError(() => mergeLayers([coreLayer, org(data)]));
    expect(error.keyPath).toBe(keyPath);
    expect(error.message).toContain(text);
  });

  it("without the core layer, missing sections say no layer sets them", () => {
    const error = configError(() => mergeLayers([org({})]));
    expect(error.message).toContain("environments: missing");
    expect(error.message).toContain("[set in org ./org.yaml]");
  });

  it.each([
    [[coreLayer, coreLayer], 'configuration layer "core" given twice'],
    [[{ ...coreLayer, name: "bu" as never }], 'unknown configuration layer "bu"'],
  ])("refuses a malformed layer list (%#)", (layers, message) => {
    expect(() => mergeLayers(layers)).toThrow(message);
  });
});

describe("formatKeyPath", () => {
  it.each([
    [["profiles", "demo-dev", "classification"], "profiles.demo-dev.classification"],
    [["patterns", "profiles", 0, "match"], "patterns.profiles[0].match"],
    [["profiles", "my.profile"], 'profiles["my.profile"]'],
    [["accounts", "111111111111"], "accounts.111111111111"],
    [[], ""],
  ])("%j → %s", (path, expected) => {
    expect(formatKeyPath(path)).toBe(expected);
  });
});
