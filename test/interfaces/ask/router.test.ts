/** The ask router's entities and rules, table-driven (the corpus tests whole routes). */
import { describe, expect, it } from "vitest";
import { describeUnderstood, formatCommand, routeRequest } from "../../../src/interfaces/ask/router.js";

const FRIDAY = new Date("2026-12-04T05:00:00.000Z");
const BLUEPRINTS = ["vpc", "s3-bucket", "tag"];
const routed = (q: string, now = FRIDAY, blueprints = BLUEPRINTS): string[] | string => {
  const route = routeRequest(q, { now, blueprints });
  return route.isRouted ? route.argv : `not routed: ${route.reason}`;
};

describe("routeRequest entities", () => {
  it.each([
    ["inventory in N. Virginia", "us-east-1"],
    ["inventory in northern virginia", "us-east-1"],
    ["inventory in Ohio", "us-east-2"],
    ["inventory in N. California", "us-west-1"],
    ["inventory in Stockholm", "eu-north-1"],
    ["inventory in São Paulo", "sa-east-1"],
    ["inventory in Mumbai and Seoul", "ap-south-1,ap-northeast-2"],
    ["inventory in ap-southeast-2 and Ireland", "ap-southeast-2,eu-west-1"],
    ["inventory in every region", "all"],
  ])("regions: %s → %s", (q, regions) => {
    expect(routed(q)).toEqual(["inventory", "--regions", regions]);
  });

  it("a word that looks like a region code but is not one is not a region", () => {
    expect(routed("inventory in xx-east-9")).toEqual(["inventory"]);
  });

  it.each([
    ["all accounts", "all"],
    ["the whole organization", "all"],
    ["org-wide", "all"],
    ["accounts 123456789012, 210987654321", "123456789012,210987654321"],
  ])("accounts: %s → %s", (words, accounts) => {
    expect(routed(`security check of ${words}`)).toEqual(["security", "--accounts", accounts]);
  });

  it.each([
    ["what changed in the last 90 minutes", "90m"],
    ["what changed in the past 6 hrs", "6h"],
    ["what changed in the last 10 days", "10d"],
    ["what changed in the last 3 weeks", "3w"],
    ["what changed in the past hour", "1h"],
    ["what changed in the past day", "24h"],
    ["what changed in the last month", "30d"],
    ["what changed since Friday", "2026-12-04T00:00:00.000Z"],
    ["what changed since Saturday", "2026-11-28T00:00:00.000Z"],
    ["what changed since 2026-11-01", "2026-11-01"],
  ])("--since: %s → %s", (q, since) => {
    expect(routed(q)).toEqual(["changes", "--since", since]);
  });

  it.each([
    ["cost in January", "2026-01", FRIDAY],
    ["cost in December", "2026-12", FRIDAY],
    ["cost in November", "2026-11", new Date("2027-01-10T05:00:00Z")],
    ["cost month to date", "month-to-date", FRIDAY],
    ["cost for the previous month", "last-month", FRIDAY],
  ])("--period: %s → %s", (q, period, now) => {
    expect(routed(q, now)).toEqual(["cost", "--period", period]);
  });

  it.each([
    ["security audit, fail on low", "low"],
    ["security audit failing on informational findings", "informational"],
    ["sg audit: critical only, fail the pipeline on high", "high"],
  ])("--fail-on: %s → %s", (q, severity) => {
    expect(routed(q)).toContain(severity);
  });

  it("a format the workflow does not write is refused, naming the ones it does", () => {
    expect(routed("cost overview in ocsf")).toBe(
      "not routed: `aws-coworker cost` does not write ocsf (it writes table, json, markdown, csv)",
    );
  });
});

describe("routeRequest safety rules", () => {
  it.each([
    "approve the last plan",
    "execute plan-20261203-101500123-vpc-ab12",
    "run the plan",
    "apply my plan",
    "delete the unattached volumes",
    "terminate i-0123456789abcdef0",
    "revoke the 0.0.0.0/0 rule on sg-123",
    "stop all dev instances",
  ])("never routes a mutation no blueprint drafts: %s", (q) => {
    const route = routeRequest(q, { now: FRIDAY, blueprints: BLUEPRINTS });
    expect(route.isRouted).toBe(false);
  });

  it.each([
    ["tag the volumes", "which tag to set (Key=Value)"],
    ["tag everything with Owner=sre", "which resources to tag"],
    ["tag all buckets with Owner=sre", "tags EC2 resources only, not s3:bucket"],
    ["create a VPC with a /22", 'the VPC\'s CIDR block is missing: "/22" gives its size'],
    ["roll back the last run", "which run to roll back is missing"],
    ["well-architected review", "which Well-Architected pillar"],
  ])("a change with a missing essential drafts nothing: %s", (q, reason) => {
    expect(routed(q)).toContain(reason);
  });

  it("routes to a blueprint that lands (security-group, cleanup) only when `plan blueprints` lists it", () => {
    expect(routed("create a security group in Ireland")).toMatch(
      /^not routed: no blueprint creates that yet/,
    );
    expect(routed("create a security group in Ireland", FRIDAY, [...BLUEPRINTS, "security-group"])).toEqual([
      "plan",
      "create",
      "security-group",
      "--regions",
      "eu-west-1",
    ]);
    expect(routed("draft a cleanup plan for unused resources", FRIDAY, [...BLUEPRINTS, "cleanup"])).toEqual([
      "plan",
      "create",
      "cleanup",
    ]);
  });

  it("is deterministic: the same request, the same route", () => {
    const q = "tag all untagged dev instances with Owner=platform-team in eu-west-1";
    expect(routed(q)).toEqual(routed(q));
  });
});

describe("formatCommand and describeUnderstood", () => {
  it("quotes what the shell would split", () => {
    expect(formatCommand(["plan", "create", "tag", "--select", "ec2:instance !tag:Owner"])).toBe(
      "aws-coworker plan create tag --select 'ec2:instance !tag:Owner'",
    );
  });

  it("says what it read", () => {
    const route = routeRequest("make me a sandwich in Ireland", { now: FRIDAY, blueprints: BLUEPRINTS });
    expect(route.isRouted).toBe(false);
    expect(describeUnderstood(route.understood)).toBe("regions eu-west-1");
    expect(describeUnderstood({})).toMatch(/^nothing specific/);
  });
});
