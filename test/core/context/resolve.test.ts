import { describe, expect, it } from "vitest";
import { coreLayer } from "../../../src/core/config/defaults.js";
import { mergeLayers } from "../../../src/core/config/layers.js";
import type { Classification } from "../../../src/core/config/schema.js";
import {
  classifyAccount,
  resolveContext,
  resolveProfile,
  stricterApprovalMode,
  stricterClassification,
} from "../../../src/core/context/resolve.js";
import { UsageError } from "../../../src/core/errors.js";

const regions = ["eu-west-1", "us-east-1"];
const { config } = mergeLayers([
  coreLayer,
  {
    name: "org",
    source: "./org.yaml",
    data: {
      profiles: {
        "acme-dev": {
          classification: "development",
          permissions: "read-write",
          approvalMode: "none",
          regions,
          defaultRegion: "eu-west-1",
          account: "333333333333",
        },
        "acme-sbx": { classification: "sandbox", permissions: "read-write", approvalMode: "none", regions },
        "acme-prod-ro": { classification: "production", permissions: "read-only", regions: ["eu-west-1"] },
        "acme-prod-rw": {
          classification: "production",
          permissions: "read-write",
          approvalMode: "destructive-only",
          regions,
        },
        "break-glass": {
          classification: "production",
          permissions: "read-write",
          emergencyOnly: true,
          regions,
          account: "555555555555",
        },
      },
      patterns: {
        profiles: [
          { match: "*-prod*", classification: "production" },
          { match: "*-dev*", classification: "development", permissions: "read-write", approvalMode: "none" },
        ],
        accounts: [
          { match: "*-prod*", classification: "production" },
          { match: "1111*", classification: "sandbox" },
        ],
      },
      accounts: {
        "555555555555": { name: "acme-prod", classification: "production" },
        "222222222222": { name: "acme-sandbox", classification: "sandbox" },
      },
    },
  },
]);

describe("stricter…", () => {
  it.each([
    ["sandbox", "production", "production"],
    ["production", "staging", "production"],
    ["production", "unknown", "unknown"],
    ["development", "test", "test"],
    ["sandbox", "sandbox", "sandbox"],
  ] as const)("classification: %s vs %s → %s", (a, b, expected) => {
    expect(stricterClassification(a, b)).toBe(expected);
    expect(stricterClassification(b, a)).toBe(expected);
  });

  it.each([
    ["none", "always", "always"],
    ["destructive-only", "all-mutations", "all-mutations"],
    ["none", "destructive-only", "destructive-only"],
  ] as const)("approval mode: %s vs %s → %s", (a, b, expected) => {
    expect(stricterApprovalMode(a, b)).toBe(expected);
    expect(stricterApprovalMode(b, a)).toBe(expected);
  });
});

describe("resolveProfile", () => {
  it.each([
    {
      name: "acme-dev",
      expected: {
        source: "configured",
        classification: "development",
        permissions: "read-write",
        approvalMode: "destructive-only", // the development environment's minimum beats the profile's "none"
        allowedRegions: regions,
        defaultRegion: "eu-west-1",
        account: "333333333333",
      },
    },
    {
      name: "acme-sbx",
      expected: {
        source: "configured",
        classification: "sandbox",
        approvalMode: "destructive-only",
        defaultRegion: "eu-west-1",
      },
    },
    {
      name: "acme-prod-ro",
      expected: { source: "configured", permissions: "read-only", approvalMode: "always" },
    },
    {
      name: "acme-prod-rw",
      expected: { source: "configured", permissions: "read-write", approvalMode: "always" },
    },
    {
      name: "other-prod-admin",
      expected: {
        source: "pattern",
        pattern: "*-prod*",
        classification: "production",
        permissions: "read-only",
        approvalMode: "always",
        allowedRegions: undefined,
      },
    },
    {
      name: "team-dev",
      expected: {
        source: "pattern",
        classification: "development",
        permissions: "read-write",
        approvalMode: "destructive-only",
      },
    },
    {
      name: "someone-else",
      expected: {
        source: "unknown",
        classification: "unknown",
        permissions: "read-only",
        approvalMode: "always",
        allowedRegions: undefined,
        defaultRegion: undefined,
        emergencyOnly: false,
      },
    },
    { name: "toString", expected: { source: "unknown", permissions: "read-only" } },
    { name: "__proto__", expected: { source: "unknown", permissions: "read-only" } },
  ])("$name → $expected.source", ({ name, expected }) => {
    expect(resolveProfile(config, name)).toMatchObject({ name, ...expected });
  });
});

describe("classifyAccount", () => {
  it.each([
    [{ id: "555555555555" }, "production", "configured", "acme-prod"],
    [{ id: "222222222222", alias: "whatever-prod" }, "sandbox", "configured", "acme-sandbox"],
    [{ id: "999999999999", alias: "team-prod-data" }, "production", "pattern", undefined],
    [{ id: "111122223333" }, "sandbox", "pattern", undefined],
    [{ id: "999999999999", alias: "misc" }, "unknown", "unknown", undefined],
    [{ id: "999999999999", alias: "" }, "unknown", "unknown", undefined],
  ] as const)("%j → %s (%s)", (account, classification, source, name) => {
    expect(classifyAccount(config, account)).toMatchObject({ id: account.id, classification, source, name });
  });
});

const identity = (accountId: string, alias?: string) => ({
  accountId,
  arn: `arn:aws:sts::${accountId}:assumed-role/Admin/jane`,
  alias,
});

describe("resolveContext", () => {
  it.each([
    {
      case: "a configured development profile in its own (unlisted) account takes the profile's classification",
      profileName: "acme-dev",
      identity: identity("333333333333"),
      expected: {
        classification: "development",
        permissions: "read-write",
        approvalMode: "destructive-only",
        isReadOnly: false,
        environment: { directExecution: true, iacOnly: false },
        account: { id: "333333333333", classification: "development", source: "profile" },
      },
      warnings: [],
    },
    {
      case: "credentials for another account than configured: unknown and read-only",
      profileName: "acme-dev",
      identity: identity("555555555555"),
      expected: {
        classification: "unknown",
        permissions: "read-only",
        approvalMode: "always",
        isReadOnly: true,
      },
      warnings: ["CW_CTX_W0002"],
    },
    {
      case: "a sandbox profile pointed at a production account operates as production",
      profileName: "acme-sbx",
      identity: identity("555555555555"),
      expected: {
        classification: "production",
        permissions: "read-write",
        approvalMode: "always",
        environment: { directExecution: false, iacOnly: true },
      },
      warnings: [],
    },
    {
      case: "a configured profile in an unknown account is read-only",
      profileName: "acme-sbx",
      identity: identity("999999999999", "misc"),
      expected: { classification: "unknown", permissions: "read-only", isReadOnly: true },
      warnings: ["CW_CTX_W0003"],
    },
    {
      case: "an unknown profile is read-only with approval always",
      profileName: "someone-else",
      identity: identity("222222222222"),
      expected: {
        classification: "unknown",
        permissions: "read-only",
        approvalMode: "always",
        isReadOnly: true,
      },
      warnings: ["CW_CTX_W0001"],
    },
    {
      case: "an emergency-only profile is announced with a warning",
      profileName: "break-glass",
      identity: identity("555555555555"),
      expected: { classification: "production", emergencyOnly: true, permissions: "read-write" },
      warnings: ["CW_CTX_W0004"],
    },
  ])("$case", ({ profileName, identity: who, expected, warnings }) => {
    const context = resolveContext({ config, profileName, identity: who, fallbackRegion: "us-east-1" });
    expect(context).toMatchObject({ callerArn: who.arn, ...expected });
    expect(context.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it("permissions are read-only when the environment allows neither direct execution nor IaC", () => {
    const { config: locked } = mergeLayers([
      coreLayer,
      {
        name: "org",
        source: "org.yaml",
        data: {
          profiles: { t: { classification: "test", permissions: "read-write", regions } },
          accounts: { "123456789012": { classification: "test" } },
          environments: { test: { directExecution: false, iacOnly: false } },
        },
      },
    ]);
    const context = resolveContext({ config: locked, profileName: "t", identity: identity("123456789012") });
    expect(context.permissions).toBe("read-only");
  });

  it("an unknown classification is read-only even if its environment were opened up", () => {
    const { config: opened } = mergeLayers([
      coreLayer,
      { name: "org", source: "org.yaml", data: { environments: { unknown: { directExecution: true } } } },
    ]);
    const context = resolveContext({
      config: opened,
      profileName: "x",
      identity: identity("123456789012"),
      fallbackRegion: "eu-west-1",
    });
    expect(context.classification satisfies Classification).toBe("unknown");
    expect(context.isReadOnly).toBe(true);
  });
});

describe("resolveContext: regions", () => {
  const resolve = (profileName: string, regionsAsked?: string[], fallbackRegion?: string) =>
    resolveContext({
      config,
      profileName,
      identity: identity("333333333333"),
      regions: regionsAsked,
      fallbackRegion,
    });

  it.each([
    {
      case: "the profile's default region",
      profile: "acme-dev",
      asked: undefined,
      fallback: "us-east-1",
      regions: ["eu-west-1"],
      defaultRegion: "eu-west-1",
    },
    {
      case: "the first allowed region when no default is set",
      profile: "acme-sbx",
      asked: undefined,
      fallback: undefined,
      regions: ["eu-west-1"],
      defaultRegion: "eu-west-1",
    },
    {
      case: "the regions asked for, deduplicated",
      profile: "acme-dev",
      asked: ["us-east-1", "eu-west-1", "us-east-1"],
      fallback: undefined,
      regions: ["us-east-1", "eu-west-1"],
      defaultRegion: "eu-west-1",
    },
    {
      case: "the SDK's region for an unconfigured profile",
      profile: "someone",
      asked: undefined,
      fallback: "ap-southeast-2",
      regions: ["ap-southeast-2"],
      defaultRegion: "ap-southeast-2",
    },
    {
      case: "any real region for an unconfigured profile",
      profile: "someone",
      asked: ["sa-east-1"],
      fallback: undefined,
      regions: ["sa-east-1"],
      defaultRegion: "sa-east-1",
    },
  ])("$case", ({ profile, asked, fallback, regions: expected, defaultRegion }) => {
    const context = resolve(profile, asked, fallback);
    expect(context.regions).toEqual(expected);
    expect(context.defaultRegion).toBe(defaultRegion);
  });

  it.each([
    {
      case: "a misspelt region",
      profile: "acme-dev",
      asked: ["eu-wst-1"],
      fallback: undefined,
      code: "UnknownRegion",
      text: 'did you mean "eu-west-1"',
    },
    {
      case: "a region the profile does not allow",
      profile: "acme-dev",
      asked: ["ap-south-1"],
      fallback: undefined,
      code: "RegionNotAllowed",
      text: 'region ap-south-1 is not allowed for profile "acme-dev" (allowed: eu-west-1, us-east-1)',
    },
    {
      case: "no region at all",
      profile: "someone",
      asked: undefined,
      fallback: undefined,
      code: "NoRegion",
      text: 'no region for profile "someone"',
    },
    {
      case: "a misspelt SDK region",
      profile: "someone",
      asked: undefined,
      fallback: "us-est-1",
      code: "UnknownRegion",
      text: 'did you mean "us-east-1"',
    },
  ])("refuses $case with a UsageError", ({ profile, asked, fallback, code, text }) => {
    let caught: unknown;
    try {
      resolve(profile, asked, fallback);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).code).toBe(code);
    expect((caught as UsageError).message).toContain(text);
  });
});
