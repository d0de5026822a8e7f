/** --from-findings: the audit JSON's shape checked with a message naming the file; other accounts left out; tags from findings. */
import { describe, expect, it } from "vitest";
import { tagBlueprint, tagsFromFindings } from "../../../src/core/plans/blueprints/tag.js";
import {
  findingsOfAccount,
  parseFindingsFile,
  type PlanFinding,
} from "../../../src/core/plans/findings-input.js";
import { ACCOUNT, blueprintContext, OTHER_ACCOUNT, thrown } from "./_plans.js";

const finding = (over: Partial<PlanFinding> = {}): PlanFinding => ({
  checkId: "ebs.volume-unattached",
  status: "fail",
  account: ACCOUNT,
  region: "eu-west-1",
  resource: { type: "volume", id: "vol-1", name: null, tags: {} },
  message: "",
  evidence: {},
  monthlyCostUsd: 1,
  ...over,
});

const file = (workflow: string, findings: unknown[]) => JSON.stringify({ workflow, findings, summary: {} });

describe("parseFindingsFile", () => {
  it("keeps the failed findings (not the suppressed, errors or not-evaluated)", () => {
    const text = file("cleanup", [
      finding(),
      finding({ status: "suppressed" }),
      finding({ status: "not-evaluated", monthlyCostUsd: null }),
    ]);
    expect(parseFindingsFile(text, "c.json", "cleanup")).toEqual([finding()]);
  });

  it.each([
    ["not json", "--from-findings c.json is not JSON"],
    ["[]", "--from-findings c.json: at the top level, "],
    [JSON.stringify({ workflow: "cleanup" }), "--from-findings c.json: at findings, "],
    [
      file("cleanup", [{ ...finding(), resource: {} }]),
      "--from-findings c.json: at findings.0.resource.type, ",
    ],
    [
      file("security", []),
      "--from-findings c.json holds security findings; the cleanup blueprint takes cleanup findings",
    ],
  ])("refuses %s: FindingsInvalid, naming the file and what is wrong", (text, message) => {
    const error = thrown(() => parseFindingsFile(text, "c.json", "cleanup"));
    expect(error.code).toBe("FindingsInvalid");
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.hint).toContain("aws-coworker cleanup --format json");
  });

  it("takes tag-compliance findings for the tag blueprint, and none for others", () => {
    expect(parseFindingsFile(file("tag-compliance", []), "t.json", "tag")).toEqual([]);
    expect(thrown(() => parseFindingsFile(file("cleanup", []), "t.json", "tag")).hint).toContain(
      "aws-coworker tag-compliance --format json",
    );
    expect(thrown(() => parseFindingsFile(file("cleanup", []), "v.json", "vpc")).message).toBe(
      "blueprint vpc takes no --from-findings",
    );
  });
});

describe("findingsOfAccount", () => {
  it("keeps the plan's account's and says how many of which others were left out", () => {
    const out = findingsOfAccount(
      [finding(), finding({ account: OTHER_ACCOUNT }), finding({ account: OTHER_ACCOUNT })],
      ACCOUNT,
    );
    expect(out.mine).toEqual([finding()]);
    expect(out.notes).toEqual([
      "2 findings of other accounts (222222222222) left out: a plan acts on one account; draft one with each account's profile.",
    ]);
    expect(findingsOfAccount([finding()], ACCOUNT).notes).toEqual([]);
  });
});

describe("tagsFromFindings", () => {
  const missing = (
    id: string,
    keys: string[],
    suggested: Record<string, string> = {},
    type = "ec2:instance",
  ) =>
    finding({
      checkId: "tags.missing-required",
      resource: { type: "tagged-resource", id, name: null, tags: {} },
      evidence: { resourceType: type, missing: keys, suggested },
    });

  it("sets only the keys each resource lacks: the given value, else the suggestion when asked", () => {
    const out = tagsFromFindings(
      [missing("i-1", ["Owner", "CostCenter"], { CostCenter: "CC-1001" }), missing("i-2", ["Owner"])],
      { Owner: "platform-team", Team: "x" },
      true,
    );
    expect(out.targets).toEqual([
      {
        type: "ec2:instance",
        id: "i-1",
        region: "eu-west-1",
        tags: { Owner: "platform-team", CostCenter: "CC-1001" },
      },
      { type: "ec2:instance", id: "i-2", region: "eu-west-1", tags: { Owner: "platform-team" } },
    ]);
    expect(out.notes).toEqual([]);
  });

  it("says what it cannot tag: no value, not an EC2 type, another check", () => {
    const out = tagsFromFindings(
      [
        missing("i-1", ["CostCenter"], { CostCenter: "CC-1001" }),
        missing("bucket-1", ["Owner"], {}, "s3:bucket"),
        finding({ checkId: "tags.invalid-value" }),
      ],
      {},
      false,
    );
    expect(out.targets).toEqual([]);
    expect(out.notes).toEqual([
      "No value for CostCenter (1): those tags are not set; pass --set tags.<Key>=<value> or --set useSuggestions=true.",
      "Left out, the tag blueprint tags EC2 resources only: s3:bucket (1).",
      "Left out, findings of checks this blueprint does not fix: tags.invalid-value (1).",
    ]);
  });
});

describe("tagBlueprint with a tag set per resource (from findings)", () => {
  const res = (id: string, tags: Record<string, string> = {}) => ({
    type: "ec2:instance",
    id,
    name: id,
    region: "eu-west-1",
    tags,
  });

  it("batches the resources that get the same tags together, one CreateTags each, and restores only what it set", () => {
    const draft = tagBlueprint(
      {},
      {
        resources: [res("i-1"), res("i-2", { Owner: "old" }), res("i-3")],
        selection: "tag-compliance findings",
        tagsFor: { "i-1": { Owner: "a" }, "i-2": { CostCenter: "CC-1" }, "i-3": { Owner: "a" } },
      },
      blueprintContext(),
    );
    expect(draft.steps.map((s) => [s.id, s.params])).toEqual([
      ["tag-eu-west-1-1", { Resources: ["i-1", "i-3"], Tags: [{ Key: "Owner", Value: "a" }] }],
      ["tag-eu-west-1-2", { Resources: ["i-2"], Tags: [{ Key: "CostCenter", Value: "CC-1" }] }],
    ]);
    expect(draft.steps[1]!.rollback).toEqual({
      kind: "calls",
      calls: [
        {
          service: "ec2",
          action: "DeleteTags",
          params: { Resources: ["i-2"], Tags: [{ Key: "CostCenter" }] },
        },
      ],
    });
    expect(draft.steps[1]!.resources[0]!.tags).toEqual({ Owner: "old", CostCenter: "CC-1" });
    expect(draft.goal).toBe("Tag 3 resources (tag-compliance findings) with the tags each lacks");
  });
});
