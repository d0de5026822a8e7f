import { describe, expect, it } from "vitest";
import {
  diffInventories,
  diffResource,
  type FieldChange,
} from "../../../src/core/inventory/inventory-diff.js";
import type { InventoryResult } from "../../../src/core/inventory/inventory-result.js";
import type { ResourceRecord } from "../../../src/core/inventory/resource-record.js";

const ACCOUNT = "333333333333";

function rec(id: string, over: Partial<ResourceRecord> = {}): ResourceRecord {
  const region = over.region ?? "us-east-1";
  return {
    service: "ec2",
    type: "instance",
    id,
    arn: `arn:aws:ec2:${region}:${over.account ?? ACCOUNT}:instance/${id}`,
    name: undefined,
    account: ACCOUNT,
    region,
    state: "running",
    tags: {},
    attributes: {},
    ...over,
  };
}

interface Scope {
  regions?: string[];
  services?: InventoryResult["services"];
  notRead?: string[];
  accounts?: string[];
}

function inv(
  resources: ResourceRecord[],
  scope: Scope = {},
  generatedAt = "2026-11-01T00:00:00.000Z",
): InventoryResult {
  const regions = scope.regions ?? ["us-east-1", "eu-west-1"];
  const services = scope.services ?? ["ec2", "ebs", "s3", "iam"];
  const accounts = scope.accounts ?? [ACCOUNT];
  return {
    account: ACCOUNT,
    accounts: accounts.map((id) => ({
      id,
      name: undefined,
      access: "profile" as const,
      roleArn: undefined,
      regions,
      status: "complete" as const,
    })),
    regions,
    services,
    generatedAt,
    runId: undefined,
    summary: {
      counts: {},
      totalsByAccount: {},
      totalsByService: {},
      totalsByRegion: {},
      total: resources.length,
    },
    resources,
    failures: [],
    coverage: {
      planned: 0,
      read: 0,
      empty: [],
      notRead: (scope.notRead ?? []).map((partition) => ({ partition, reason: "failed" as const })),
      skippedRegions: [],
      resumed: 0,
    },
  };
}

describe("diffResource", () => {
  it.each<[string, Partial<ResourceRecord>, Partial<ResourceRecord>, FieldChange[]]>([
    ["identical records", {}, {}, []],
    [
      "a state change",
      { state: "running" },
      { state: "stopped" },
      [{ field: "state", before: "running", after: "stopped" }],
    ],
    [
      "a state that appears",
      { state: undefined },
      { state: "available" },
      [{ field: "state", after: "available" }],
    ],
    [
      "a tag added, one removed, one changed (keys in order)",
      { tags: { Owner: "a", Team: "x" } },
      { tags: { Owner: "b", CostCenter: "CC-1" } },
      [
        { field: "tag", key: "CostCenter", after: "CC-1" },
        { field: "tag", key: "Owner", before: "a", after: "b" },
        { field: "tag", key: "Team", before: "x" },
      ],
    ],
    [
      "a tag whose value becomes empty",
      { tags: { Owner: "a" } },
      { tags: { Owner: "" } },
      [{ field: "tag", key: "Owner", before: "a", after: "" }],
    ],
    [
      "attributes changed, including number and boolean values",
      { attributes: { instanceType: "t3.micro", sizeGiB: 8, encrypted: false } },
      { attributes: { instanceType: "t3.large", sizeGiB: 8, encrypted: true } },
      [
        { field: "attribute", key: "encrypted", before: false, after: true },
        { field: "attribute", key: "instanceType", before: "t3.micro", after: "t3.large" },
      ],
    ],
    [
      "an attribute null on one side and absent on the other: no change",
      { attributes: { publicIp: null } },
      { attributes: {} },
      [],
    ],
    [
      "an attribute that gets a value",
      { attributes: { publicIp: null } },
      { attributes: { publicIp: "3.3.3.3" } },
      [{ field: "attribute", key: "publicIp", after: "3.3.3.3" }],
    ],
    [
      "state first, then tags, then attributes",
      { state: "running", tags: { A: "1" }, attributes: { z: 1 } },
      { state: "stopped", tags: { A: "2" }, attributes: { z: 2 } },
      [
        { field: "state", before: "running", after: "stopped" },
        { field: "tag", key: "A", before: "1", after: "2" },
        { field: "attribute", key: "z", before: 1, after: 2 },
      ],
    ],
  ])("%s", (_name, before, after, expected) => {
    expect(diffResource(rec("i-1", before), rec("i-1", after))).toEqual(expected);
  });

  it("treats a key named like an Object prototype property as a plain tag", () => {
    expect(diffResource(rec("i-1", { tags: {} }), rec("i-1", { tags: { constructor: "x" } }))).toEqual([
      { field: "tag", key: "constructor", after: "x" },
    ]);
  });
});

describe("diffInventories", () => {
  const web = rec("i-web", { name: "web", tags: { Name: "web" } });
  const db = rec("i-db", { region: "eu-west-1" });
  const vol = rec("vol-1", {
    service: "ebs",
    type: "volume",
    arn: "arn:aws:ec2:us-east-1:333333333333:volume/vol-1",
    state: "in-use",
  });

  it.each<
    [
      string,
      InventoryResult,
      InventoryResult,
      {
        appeared: string[];
        disappeared: string[];
        changed: string[];
        unchanged: number;
        notCompared: string[];
      },
    ]
  >([
    [
      "no change",
      inv([web, db]),
      inv([web, db]),
      { appeared: [], disappeared: [], changed: [], unchanged: 2, notCompared: [] },
    ],
    [
      "a resource appeared",
      inv([web]),
      inv([web, db]),
      { appeared: ["i-db"], disappeared: [], changed: [], unchanged: 1, notCompared: [] },
    ],
    [
      "a resource disappeared",
      inv([web, vol]),
      inv([web]),
      { appeared: [], disappeared: ["vol-1"], changed: [], unchanged: 1, notCompared: [] },
    ],
    [
      "a resource changed",
      inv([web, vol]),
      inv([web, { ...vol, state: "available" }]),
      { appeared: [], disappeared: [], changed: ["vol-1"], unchanged: 1, notCompared: [] },
    ],
    [
      "a region only the later run read: not compared, not 'appeared'",
      inv([web], { regions: ["us-east-1"] }),
      inv([web, db]),
      { appeared: [], disappeared: [], changed: [], unchanged: 1, notCompared: [`${ACCOUNT}/eu-west-1/ec2`] },
    ],
    [
      "a partition the later run failed to read: not compared, not 'disappeared'",
      inv([web, db]),
      inv([web], { notRead: [`${ACCOUNT}/eu-west-1/ec2`] }),
      { appeared: [], disappeared: [], changed: [], unchanged: 1, notCompared: [`${ACCOUNT}/eu-west-1/ec2`] },
    ],
    [
      "an account the later run could not reach at all",
      inv([web, db]),
      inv([], { notRead: [ACCOUNT] }),
      {
        appeared: [],
        disappeared: [],
        changed: [],
        unchanged: 0,
        notCompared: [`${ACCOUNT}/eu-west-1/ec2`, `${ACCOUNT}/us-east-1/ec2`],
      },
    ],
    [
      "a service only the earlier run covered",
      inv([web, vol]),
      inv([web], { services: ["ec2"] }),
      { appeared: [], disappeared: [], changed: [], unchanged: 1, notCompared: [`${ACCOUNT}/us-east-1/ebs`] },
    ],
    [
      "global resources (IAM) are compared when both runs covered the service",
      inv([
        rec("alice", {
          service: "iam",
          type: "user",
          region: "global",
          arn: "arn:aws:iam::333333333333:user/alice",
          state: undefined,
        }),
      ]),
      inv([]),
      { appeared: [], disappeared: ["alice"], changed: [], unchanged: 0, notCompared: [] },
    ],
    [
      "the same id under another ARN is another resource",
      inv([rec("i-x")]),
      inv([rec("i-x", { region: "eu-west-1" })]),
      { appeared: ["i-x"], disappeared: ["i-x"], changed: [], unchanged: 0, notCompared: [] },
    ],
  ])("%s", (_name, before, after, expected) => {
    const diff = diffInventories(before, after);
    expect({
      appeared: diff.appeared.map((r) => r.id),
      disappeared: diff.disappeared.map((r) => r.id),
      changed: diff.changed.map((r) => r.id),
      unchanged: diff.summary.unchanged,
      notCompared: diff.notCompared.map((p) => p.partition),
    }).toEqual(expected);
    expect(diff.summary).toMatchObject({
      appeared: expected.appeared.length,
      disappeared: expected.disappeared.length,
      changed: expected.changed.length,
      notCompared: expected.notCompared.length,
    });
  });

  it("says which run read a partition that was not compared, with its resources on each side", () => {
    const diff = diffInventories(inv([web, db]), inv([web], { notRead: [`${ACCOUNT}/eu-west-1/ec2`] }));
    expect(diff.notCompared).toEqual([
      { partition: `${ACCOUNT}/eu-west-1/ec2`, readIn: "before", resources: { before: 1, after: 0 } },
    ]);
  });

  it("gives each changed resource its changes and its later name, and sorts every list like the inventory", () => {
    const a = rec("i-b", { tags: { Name: "old" }, name: "old" });
    const b = rec("i-a", { state: "running" });
    const diff = diffInventories(
      inv([a, b], {}, "2026-11-01T00:00:00.000Z"),
      inv(
        [
          { ...b, state: "stopped" },
          { ...a, tags: { Name: "new" }, name: "new" },
        ],
        {},
        "2026-11-02T00:00:00.000Z",
      ),
    );
    expect(diff.changed).toEqual([
      expect.objectContaining({
        id: "i-a",
        changes: [{ field: "state", before: "running", after: "stopped" }],
      }),
      expect.objectContaining({
        id: "i-b",
        name: "new",
        changes: [{ field: "tag", key: "Name", before: "old", after: "new" }],
      }),
    ]);
    expect(diff.before.generatedAt).toBe("2026-11-01T00:00:00.000Z");
    expect(diff.after.generatedAt).toBe("2026-11-02T00:00:00.000Z");
  });
});
