import { describe, expect, it } from "vitest";
import type { InventoryDiff } from "../../src/core/inventory/inventory-diff.js";
import type { ResourceRecord } from "../../src/core/inventory/resource-record.js";
import { renderInventoryDiff } from "../../src/report/inventory-diff.js";

function rec(id: string, over: Partial<ResourceRecord> = {}): ResourceRecord {
  return {
    service: "ec2",
    type: "instance",
    id,
    arn: `arn:aws:ec2:us-east-1:333333333333:instance/${id}`,
    name: undefined,
    account: "333333333333",
    region: "us-east-1",
    state: "running",
    tags: {},
    attributes: {},
    ...over,
  };
}

const side = (generatedAt: string) => ({
  account: "333333333333",
  accounts: ["333333333333"],
  regions: ["us-east-1"],
  services: ["ec2"],
  generatedAt,
  resources: 3,
});

const DIFF: InventoryDiff = {
  before: side("2026-11-01T00:00:00.000Z"),
  after: side("2026-11-02T00:00:00.000Z"),
  summary: { appeared: 1, disappeared: 1, changed: 1, unchanged: 4, notCompared: 1 },
  appeared: [rec("i-new", { name: "web|2" })],
  disappeared: [rec("vol-1", { service: "ebs", type: "volume" })],
  changed: [
    {
      ...rec("i-1", { name: "web-1" }),
      changes: [
        { field: "state", before: "running", after: "stopped" },
        { field: "tag", key: "Owner", after: "" },
        { field: "attribute", key: "publicIp", before: "3.3.3.3" },
      ],
    },
  ],
  notCompared: [
    { partition: "333333333333/eu-west-1/ec2", readIn: "before", resources: { before: 2, after: 0 } },
  ],
};

describe("renderInventoryDiff", () => {
  it("renders text: a summary, then one line per resource with its changes below", () => {
    expect(renderInventoryDiff(DIFF, "text")).toBe(
      [
        "Inventory diff: 2026-11-01T00:00:00.000Z (account 333333333333, 1 region, 3 resources) → 2026-11-02T00:00:00.000Z (account 333333333333, 1 region, 3 resources)",
        "1 appeared, 1 disappeared, 1 changed, 4 unchanged",
        "",
        "Appeared (1)",
        "+ ec2 instance i-new (web|2)  333333333333 us-east-1",
        "",
        "Disappeared (1)",
        "- ebs volume vol-1  333333333333 us-east-1",
        "",
        "Changed (1)",
        "~ ec2 instance i-1 (web-1)  333333333333 us-east-1",
        "    state: running → stopped",
        '    tag Owner: (none) → ""',
        "    attribute publicIp: 3.3.3.3 → (none)",
        "",
        "Not compared (1 partitions: one inventory did not read them)",
        "! 333333333333/eu-west-1/ec2: read only in the earlier inventory (2 → 0 resources)",
        "",
      ].join("\n"),
    );
  });

  it("says so when nothing differs", () => {
    const empty = {
      ...DIFF,
      appeared: [],
      disappeared: [],
      changed: [],
      notCompared: [],
      summary: { appeared: 0, disappeared: 0, changed: 0, unchanged: 7, notCompared: 0 },
    };
    expect(renderInventoryDiff(empty, "text")).toContain("No differences in what both inventories read.");
  });

  it("renders JSON that is the diff itself", () => {
    expect(JSON.parse(renderInventoryDiff(DIFF, "json"))).toEqual(JSON.parse(JSON.stringify(DIFF)));
  });

  it("renders Markdown tables, escaping the cells", () => {
    const md = renderInventoryDiff(DIFF, "markdown");
    expect(md).toContain("## Appeared (1)");
    expect(md).toContain("| ec2 | instance | i-new | web\\|2 | 333333333333 | us-east-1 |");
    expect(md).toContain(
      'state: running → stopped<br>tag Owner: (none) → ""<br>attribute publicIp: 3.3.3.3 → (none)',
    );
    expect(md).toContain("## Not compared (1)");
  });
});
