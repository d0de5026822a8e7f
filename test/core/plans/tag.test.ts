/** The tag blueprint: the selection, batches per region, what is left out, and the rollback calls. */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/core/errors.js";
import {
  matchesSelection,
  parseSelection,
  tagBlueprint,
  TAGGABLE_TYPES,
  type Selection,
  type TaggableResource,
} from "../../../src/core/plans/blueprints/tag.js";
import { stepSchema } from "../../../src/core/plans/plan.js";
import { blueprintContext, configWith, DEFAULTS, thrown } from "./_plans.js";

describe("parseSelection", () => {
  it.each<[string, Selection]>([
    ["ec2:instance", { types: ["ec2:instance"], has: [], lacks: [] }],
    ["  ec2:instance   ebs:volume ", { types: ["ec2:instance", "ebs:volume"], has: [], lacks: [] }],
    [
      "ec2:instance tag:Environment=development !tag:Owner",
      { types: ["ec2:instance"], has: [{ key: "Environment", value: "development" }], lacks: ["Owner"] },
    ],
    ["vpc:subnet tag:Team", { types: ["vpc:subnet"], has: [{ key: "Team" }], lacks: [] }],
    ["vpc:vpc tag:Note=a=b", { types: ["vpc:vpc"], has: [{ key: "Note", value: "a=b" }], lacks: [] }],
    ["vpc:vpc tag:Empty=", { types: ["vpc:vpc"], has: [{ key: "Empty", value: "" }], lacks: [] }],
  ])("parses %j", (text, expected) => {
    expect(parseSelection(text)).toEqual(expected);
  });

  it("knows every type CreateTags serves", () => {
    for (const type of Object.keys(TAGGABLE_TYPES)) expect(parseSelection(type).types).toEqual([type]);
  });

  it.each([["s3:bucket"], ["instance"], ["Tag:Owner"], ["ec2:Instance"]])(
    "refuses %j: SelectionInvalid naming the token and what it may be",
    (token) => {
      const error = thrown(() => parseSelection(`ec2:instance ${token}`));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.code).toBe("SelectionInvalid");
      expect(error.message).toBe(`--select: "${token}" is not a resource type or tag filter`);
      expect(error.hint).toContain("ec2:instance, ebs:volume");
      expect(error.hint).toContain("tag:Key=Value, tag:Key or !tag:Key");
    },
  );

  it.each([[""], ["   "], ["tag:Owner=a !tag:Team"]])(
    "refuses %j, which names no type, saying to start with one",
    (text) => {
      const error = thrown(() => parseSelection(text));
      expect(error.code).toBe("SelectionInvalid");
      expect(error.message).toBe("--select names no resource type");
      expect(error.hint).toContain("--select 'ec2:instance !tag:Owner'");
    },
  );
});

describe("matchesSelection", () => {
  const instance = (tags: Record<string, string>): TaggableResource => ({
    type: "ec2:instance",
    id: "i-1",
    name: "web",
    region: "eu-west-1",
    tags,
  });
  const selection = parseSelection("ec2:instance tag:Environment=development tag:Team !tag:Owner");

  it.each<[string, TaggableResource, boolean]>([
    ["every filter holds", instance({ Environment: "development", Team: "a" }), true],
    ["another value of a tag:K=V", instance({ Environment: "production", Team: "a" }), false],
    ["a tag:K missing", instance({ Environment: "development" }), false],
    ["a !tag:K present", instance({ Environment: "development", Team: "a", Owner: "x" }), false],
    ["another type", { ...instance({ Environment: "development", Team: "a" }), type: "ebs:volume" }, false],
  ])("%s → %s", (_name, resource, expected) => {
    expect(matchesSelection(resource, selection)).toBe(expected);
  });
});

const resource = (
  id: string,
  region: string,
  tags: Record<string, string> = {},
  type = "ec2:instance",
): TaggableResource => ({
  type,
  id,
  name: `name-${id}`,
  region,
  tags,
});

describe("tagBlueprint", () => {
  const small = blueprintContext({ config: configWith({ orchestration: { batchSize: 2 } }) });

  it("tags in batches of orchestration.batchSize per region, regions in order", () => {
    const resources = [
      resource("i-1", "us-east-1"),
      resource("i-2", "eu-west-1"),
      resource("i-3", "eu-west-1"),
      resource("i-4", "eu-west-1"),
      resource("i-5", "eu-west-1"),
      resource("i-6", "eu-west-1"),
    ];
    const d = tagBlueprint({ Owner: "platform" }, { resources, selection: "ec2:instance !tag:Owner" }, small);
    expect(d.steps.map((s) => [s.id, s.region, s.params["Resources"]])).toEqual([
      ["tag-eu-west-1-1", "eu-west-1", ["i-2", "i-3"]],
      ["tag-eu-west-1-2", "eu-west-1", ["i-4", "i-5"]],
      ["tag-eu-west-1-3", "eu-west-1", ["i-6"]],
      ["tag-us-east-1-1", "us-east-1", ["i-1"]],
    ]);
    expect(d.steps.map((s) => s.title)).toContain("Tag 1 resource in us-east-1 (batch 1)");
    for (const s of d.steps) {
      expect(stepSchema.parse(s)).toEqual(s);
      expect(s).toMatchObject({ service: "ec2", action: "CreateTags", dependsOn: [] });
      expect(s.params["Tags"]).toEqual([{ Key: "Owner", Value: "platform" }]);
    }
    expect(d.goal).toBe("Tag 6 resources (ec2:instance !tag:Owner) with Owner=platform");
    expect(d.cost).toEqual([]);
  });

  it("uses the default batch size of 50", () => {
    expect(DEFAULTS.orchestration.batchSize).toBe(50);
    const resources = Array.from({ length: 51 }, (_, i) => resource(`i-${i}`, "eu-west-1"));
    const d = tagBlueprint(
      { Owner: "platform" },
      { resources, selection: "ec2:instance" },
      blueprintContext(),
    );
    expect(d.steps.map((s) => (s.params["Resources"] as string[]).length)).toEqual([50, 1]);
  });

  it("leaves out resources that already carry every tag, and says how many", () => {
    const resources = [
      resource("i-1", "eu-west-1", { Owner: "platform", Team: "data" }),
      resource("i-2", "eu-west-1", { Owner: "platform" }), // lacks Team
      resource("i-3", "eu-west-1", { Owner: "someone", Team: "data" }), // another Owner
    ];
    const d = tagBlueprint(
      { Owner: "platform", Team: "data" },
      { resources, selection: "ec2:instance" },
      small,
    );
    expect(d.steps.flatMap((s) => s.params["Resources"] as string[])).toEqual(["i-2", "i-3"]);
    expect(d.notes).toEqual(["1 selected resources already carry these tags and are left out."]);
  });

  it("names each resource as modified, with the tags it will carry", () => {
    const resources = [resource("vol-1", "eu-west-1", { Owner: "old", Keep: "yes" }, "ebs:volume")];
    const d = tagBlueprint({ Owner: "platform" }, { resources, selection: "ebs:volume" }, small);
    expect(d.steps[0]?.resources).toEqual([
      {
        type: "ebs/volume",
        id: "vol-1",
        name: "name-vol-1",
        change: "modify",
        tags: { Owner: "platform", Keep: "yes" },
      },
    ]);
  });

  it("validates each batch by reading its tags back: one per resource and tag", () => {
    const resources = [resource("i-1", "eu-west-1"), resource("i-2", "eu-west-1")];
    const d = tagBlueprint(
      { Owner: "platform", Team: "platform" },
      { resources, selection: "ec2:instance" },
      small,
    );
    expect(d.steps[0]?.validation).toEqual({
      service: "ec2",
      action: "DescribeTags",
      params: {
        Filters: [
          { Name: "resource-id", Values: ["i-1", "i-2"] },
          { Name: "key", Values: ["Owner", "Team"] },
          { Name: "value", Values: ["platform"] },
        ],
        MaxResults: 1000,
      },
      expect: [{ path: "Tags", length: 4 }],
    });
  });

  it("rolls a batch back to what it carried: DeleteTags for keys a resource lacked, CreateTags with the old value otherwise", () => {
    const resources = [
      resource("i-1", "eu-west-1", {}),
      resource("i-2", "eu-west-1", { Owner: "old" }),
      resource("i-3", "eu-west-1", { Owner: "old", Team: "x" }),
      resource("i-4", "eu-west-1", { Owner: "other" }),
    ];
    const big = blueprintContext();
    const d = tagBlueprint(
      { Owner: "platform", Team: "data" },
      { resources, selection: "ec2:instance" },
      big,
    );
    expect(d.steps).toHaveLength(1);
    expect(d.steps[0]?.rollback).toEqual({
      kind: "calls",
      calls: [
        { service: "ec2", action: "DeleteTags", params: { Resources: ["i-1"], Tags: [{ Key: "Owner" }] } },
        {
          service: "ec2",
          action: "CreateTags",
          params: { Resources: ["i-2", "i-3"], Tags: [{ Key: "Owner", Value: "old" }] },
        },
        {
          service: "ec2",
          action: "CreateTags",
          params: { Resources: ["i-4"], Tags: [{ Key: "Owner", Value: "other" }] },
        },
        {
          service: "ec2",
          action: "DeleteTags",
          params: { Resources: ["i-1", "i-2", "i-4"], Tags: [{ Key: "Team" }] },
        },
        {
          service: "ec2",
          action: "CreateTags",
          params: { Resources: ["i-3"], Tags: [{ Key: "Team", Value: "x" }] },
        },
      ],
    });
  });

  it("refuses when no resource matches: NothingToDo naming the selection", () => {
    const error = thrown(() =>
      tagBlueprint({ Owner: "a" }, { resources: [], selection: "vpc:vpc !tag:Owner" }, small),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("NothingToDo");
    expect(error.message).toBe("nothing to tag: no resource matches --select 'vpc:vpc !tag:Owner'");
    expect(error.hint).toContain("aws-coworker inventory");
  });

  it("refuses when every selected resource already carries the tags: NothingToDo naming them", () => {
    const resources = [
      resource("i-1", "eu-west-1", { Owner: "a", Team: "b" }),
      resource("i-2", "us-east-1", { Owner: "a", Team: "b" }),
    ];
    const error = thrown(() =>
      tagBlueprint({ Owner: "a", Team: "b" }, { resources, selection: "ec2:instance" }, small),
    );
    expect(error.code).toBe("NothingToDo");
    expect(error.message).toBe("nothing to tag: all 2 selected resources already carry Owner=a, Team=b");
  });

  it("refuses no tags at all: BlueprintParamMissing with how to pass them", () => {
    const error = thrown(() =>
      tagBlueprint({}, { resources: [resource("i-1", "eu-west-1")], selection: "ec2:instance" }, small),
    );
    expect(error.code).toBe("BlueprintParamMissing");
    expect(error.hint).toContain("--set tags.Owner=platform-team");
  });
});
