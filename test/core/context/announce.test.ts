import { describe, expect, it } from "vitest";
import { coreLayer } from "../../../src/core/config/defaults.js";
import { mergeLayers } from "../../../src/core/config/layers.js";
import { renderAnnouncement } from "../../../src/core/context/announce.js";
import { resolveContext } from "../../../src/core/context/resolve.js";

const { config } = mergeLayers([
  coreLayer,
  {
    name: "org",
    source: "org.yaml",
    data: {
      profiles: {
        "demo-dev": {
          classification: "development",
          permissions: "read-write",
          approvalMode: "destructive-only",
          regions: ["us-east-1", "eu-west-1"],
          account: "333333333333",
        },
        "demo-prod": { classification: "production", permissions: "read-only", regions: ["us-east-1"] },
      },
      accounts: {
        "333333333333": { name: "northwind-dev", classification: "development" },
        "555555555555": { name: "northwind-prod", classification: "production" },
      },
    },
  },
]);

const context = (profileName: string, accountId: string, regions?: string[], alias?: string) =>
  resolveContext({
    config,
    profileName,
    identity: { accountId, arn: `arn:aws:sts::${accountId}:assumed-role/Dev/jane`, alias },
    regions,
    fallbackRegion: "us-east-1",
  });

describe("renderAnnouncement", () => {
  it("states profile, account, caller, regions, classification, permissions, approval mode and READ-ONLY", () => {
    const lines = renderAnnouncement(context("demo-dev", "333333333333", ["us-east-1", "eu-west-1"]), {
      operation: "read",
      summary: "inventory of EC2, EBS and S3",
    });
    expect(lines).toEqual([
      "READ-ONLY: inventory of EC2, EBS and S3",
      "  profile         demo-dev",
      "  account         333333333333 (northwind-dev)",
      "  caller          arn:aws:sts::333333333333:assumed-role/Dev/jane",
      "  regions         us-east-1, eu-west-1",
      "  classification  development",
      "  permissions     read-write",
      "  approval mode   destructive-only",
      "  operation       READ-ONLY: nothing is changed",
    ]);
  });

  it.each([
    {
      case: "the IAM alias is preferred to the configured name",
      profile: "demo-dev",
      account: "333333333333",
      alias: "nw-dev",
      line: "  account         333333333333 (nw-dev)",
    },
    {
      case: "an account without alias or name shows the id alone",
      profile: "someone",
      account: "999999999999",
      alias: undefined,
      line: "  account         999999999999",
    },
    {
      case: "one region is singular",
      profile: "demo-prod",
      account: "555555555555",
      alias: undefined,
      line: "  region          us-east-1",
    },
    {
      case: "an unknown profile says so",
      profile: "someone",
      account: "999999999999",
      alias: undefined,
      line: "  profile         someone (not in the configuration)",
    },
  ])("$case", ({ profile, account, alias, line }) => {
    const lines = renderAnnouncement(context(profile, account, undefined, alias), {
      operation: "read",
      summary: "x",
    });
    expect(lines).toContain(line);
  });

  it("a mutation says MUTATES", () => {
    const lines = renderAnnouncement(context("demo-dev", "333333333333"), {
      operation: "mutate",
      summary: "tag 3 volumes",
    });
    expect(lines[0]).toBe("MUTATES: tag 3 volumes");
    expect(lines).toContain("  operation       MUTATES: changes resources in AWS");
    expect(lines.filter((line) => line.startsWith("  !"))).toEqual([]);
  });

  it("a mutation in a read-only context warns that the gate will refuse it", () => {
    const lines = renderAnnouncement(context("demo-prod", "555555555555"), {
      operation: "mutate",
      summary: "delete a volume",
    });
    expect(lines).toContain("  ! this context is read-only: the gate will refuse any change");
  });

  it("the context's warnings are part of the announcement", () => {
    const lines = renderAnnouncement(context("someone", "999999999999"), { operation: "read", summary: "x" });
    expect(lines.some((line) => line.startsWith('  ! profile "someone" is not in the configuration'))).toBe(
      true,
    );
    expect(
      lines.some((line) => line.startsWith("  ! account 999999999999 is not in the configuration")),
    ).toBe(true);
  });

  it("a mutation where only IaC is allowed says it goes through a pull request", () => {
    const { config: iac } = mergeLayers([
      coreLayer,
      {
        name: "org",
        source: "org.yaml",
        data: {
          profiles: {
            stg: {
              classification: "staging",
              permissions: "read-write",
              regions: ["us-east-1"],
              account: "444444444444",
            },
          },
        },
      },
    ]);
    const ctx = resolveContext({
      config: iac,
      profileName: "stg",
      identity: { accountId: "444444444444", arn: "arn" },
    });
    const lines = renderAnnouncement(ctx, { operation: "mutate", summary: "create a VPC" });
    expect(lines).toContain(
      "  ! staging is not changed directly: changes are delivered as IaC with a pull request",
    );
  });
});
