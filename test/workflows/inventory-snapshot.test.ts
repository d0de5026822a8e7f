import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { InventoryResult } from "../../src/core/inventory/inventory-result.js";
import type { ResourceRecord } from "../../src/core/inventory/resource-record.js";
import { renderInventoryJson } from "../../src/report/inventory/json.js";
import { runInventoryDiff } from "../../src/workflows/inventory/diff.js";
import {
  listSnapshots,
  loadSnapshot,
  resolveSnapshot,
  saveSnapshot,
  snapshotName,
} from "../../src/workflows/inventory/snapshot.js";

const NOW = new Date("2026-11-01T12:34:56.789Z");

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
    tags: { Owner: "platform" },
    attributes: { instanceType: "t3.micro", publicIpAddress: null },
    ...over,
  };
}

function result(resources: ResourceRecord[], accounts = ["333333333333"]): InventoryResult {
  return {
    account: "333333333333",
    accounts: accounts.map((id) => ({
      id,
      name: undefined,
      access: "profile",
      roleArn: undefined,
      regions: ["us-east-1"],
      status: "complete",
    })),
    regions: ["us-east-1"],
    services: ["ec2"],
    generatedAt: "2026-11-01T12:00:00.000Z",
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
    coverage: { planned: 1, read: 1, empty: [], notRead: [], skippedRegions: [], resumed: 0 },
  };
}

const tempDir = () => mkdtempSync(join(tmpdir(), "cw-snap-"));

describe("snapshotName", () => {
  it.each([
    ["one account: its id", ["333333333333"], "20261101T123456Z-333333333333"],
    ["several accounts: org", ["111111111111", "333333333333"], "20261101T123456Z-org"],
  ])("%s", (_name, accounts, expected) => {
    expect(snapshotName(result([], accounts), NOW)).toBe(expected);
  });
});

describe("saveSnapshot and loadSnapshot", () => {
  it("writes the inventory's JSON to <workspace>/inventory/<time>-<account>.json and reads it back as it was", async () => {
    const ws = tempDir();
    const original = result([rec("i-1", { name: "web" }), rec("i-2", { state: undefined })]);
    const file = await saveSnapshot(original, ws, NOW);
    expect(file).toBe(join(ws, "inventory", "20261101T123456Z-333333333333.json"));
    expect(readFileSync(file, "utf8")).toBe(renderInventoryJson(original));
    const loaded = await loadSnapshot(file);
    expect(loaded.resources).toEqual(original.resources);
    expect(loaded.accounts[0]?.id).toBe("333333333333");
  });

  it("never overwrites: a second snapshot in the same second gets a suffix", async () => {
    const ws = tempDir();
    const first = await saveSnapshot(result([]), ws, NOW);
    const second = await saveSnapshot(result([]), ws, NOW);
    expect(second).not.toBe(first);
    expect(second.endsWith("20261101T123456Z-333333333333-2.json")).toBe(true);
    expect(await listSnapshots(ws)).toEqual([
      "20261101T123456Z-333333333333",
      "20261101T123456Z-333333333333-2",
    ]);
  });

  it.each([
    ["a file that is not JSON", "{ not json", /is not an inventory snapshot: it is not JSON/],
    ["JSON of another shape", JSON.stringify({ hello: "world" }), /is not an inventory snapshot at account/],
    [
      "a resource without an ARN",
      JSON.stringify({ ...result([]), resources: [{ ...rec("i-1"), arn: undefined }] }),
      /at resources\.0\.arn/,
    ],
  ])("refuses %s with a usage error naming the file", async (_name, text, message) => {
    const file = join(tempDir(), "bad.json");
    writeFileSync(file, text);
    await expect(loadSnapshot(file)).rejects.toMatchObject({
      code: "InvalidSnapshot",
      message: expect.stringMatching(message),
    });
    await expect(loadSnapshot(file)).rejects.toThrow(file);
  });

  it("refuses a missing file with SnapshotNotFound", async () => {
    await expect(loadSnapshot(join(tempDir(), "nope.json"))).rejects.toMatchObject({
      code: "SnapshotNotFound",
    });
  });
});

describe("resolveSnapshot", () => {
  async function workspace() {
    const ws = tempDir();
    mkdirSync(join(ws, "inventory"));
    for (const name of [
      "20261101T120000Z-333333333333",
      "20261102T120000Z-333333333333",
      "20261102T130000Z-org",
    ]) {
      writeFileSync(join(ws, "inventory", `${name}.json`), "{}");
    }
    const cwd = tempDir();
    writeFileSync(join(cwd, "mine.json"), "{}");
    return { ws, cwd };
  }

  it.each([
    ["a file path from the working directory", "mine.json", "cwd:mine.json"],
    ["a snapshot name", "20261101T120000Z-333333333333", "ws:20261101T120000Z-333333333333.json"],
    [
      "a snapshot name with .json",
      "20261101T120000Z-333333333333.json",
      "ws:20261101T120000Z-333333333333.json",
    ],
    ["a unique beginning", "20261101", "ws:20261101T120000Z-333333333333.json"],
    ["a unique beginning (down to the hour)", "20261102T13", "ws:20261102T130000Z-org.json"],
  ])("finds %s", async (_name, ref, expected) => {
    const { ws, cwd } = await workspace();
    const [where, file] = expected.split(":") as [string, string];
    expect(await resolveSnapshot(ref, { workspaceDir: ws, cwd })).toBe(
      where === "cwd" ? join(cwd, file) : join(ws, "inventory", file),
    );
  });

  it("refuses an ambiguous beginning, naming the matches", async () => {
    const { ws, cwd } = await workspace();
    await expect(resolveSnapshot("20261102", { workspaceDir: ws, cwd })).rejects.toMatchObject({
      code: "AmbiguousSnapshot",
      message: expect.stringContaining("20261102T120000Z-333333333333, 20261102T130000Z-org"),
    });
  });

  it("refuses an unknown name, listing the latest snapshots", async () => {
    const { ws, cwd } = await workspace();
    await expect(resolveSnapshot("2025", { workspaceDir: ws, cwd })).rejects.toMatchObject({
      code: "SnapshotNotFound",
      message: expect.stringContaining("the latest: 20261102T130000Z-org"),
    });
    await expect(resolveSnapshot("x", { workspaceDir: tempDir(), cwd })).rejects.toThrow(
      /there are none yet/,
    );
  });
});

describe("runInventoryDiff", () => {
  it("diffs two saved snapshots by name, and a file `inventory --format json` wrote", async () => {
    const ws = tempDir();
    const cwd = tempDir();
    await saveSnapshot(result([rec("i-1"), rec("i-2")]), ws, new Date("2026-11-01T00:00:00Z"));
    await saveSnapshot(
      result([rec("i-1", { state: "stopped" }), rec("i-3")]),
      ws,
      new Date("2026-11-02T00:00:00Z"),
    );
    const { diff, files } = await runInventoryDiff(
      { before: "20261101", after: "20261102" },
      { workspaceDir: ws, cwd },
    );
    expect(files.before.endsWith("20261101T000000Z-333333333333.json")).toBe(true);
    expect(diff.summary).toEqual({ appeared: 1, disappeared: 1, changed: 1, unchanged: 0, notCompared: 0 });

    writeFileSync(join(cwd, "now.json"), renderInventoryJson(result([rec("i-1"), rec("i-2")])));
    const same = await runInventoryDiff({ before: "20261101", after: "now.json" }, { workspaceDir: ws, cwd });
    expect(same.diff.summary).toEqual({
      appeared: 0,
      disappeared: 0,
      changed: 0,
      unchanged: 2,
      notCompared: 0,
    });
  });
});

describe("snapshots of real inventories (the sandbox under the client factory)", () => {
  it("finds what a tag, a stop, a new instance and a deleted volume changed between two saved runs", async () => {
    const { makeSandboxFactory, DEV_ACCOUNT, DEV_PROFILE } = await import("../_helpers/sandbox-factory.js");
    const { runInventory } = await import("../../src/workflows/inventory/index.js");
    const { silentIoHost } = await import("../../src/core/io-host.js");
    const { sandbox, factory } = makeSandboxFactory();
    const options = { regions: ["us-east-1"], services: ["ec2", "ebs"] as const };
    const deps = { factory, io: silentIoHost, account: DEV_ACCOUNT, approve: async () => true };
    const ws = tempDir();
    const before = await runInventory({ ...options, services: [...options.services] }, deps);
    await saveSnapshot(before, ws, new Date("2026-11-01T00:00:00Z"));

    const instances = before.resources.filter((r) => r.type === "instance");
    const volume = before.resources.find((r) => r.type === "volume" && r.state === "available");
    const [tagged, stopped] = instances.filter((r) => r.state === "running");
    expect(tagged && stopped && volume).toBeTruthy();
    const identity = sandbox.identityFor(DEV_PROFILE);
    const call = (action: string, input: Record<string, unknown>) =>
      sandbox.call({ service: "ec2", action, input, region: "us-east-1", identity });
    await call("CreateTags", { Resources: [tagged!.id], Tags: [{ Key: "Owner", Value: "new-owner" }] });
    await call("StopInstances", { InstanceIds: [stopped!.id] });
    await call("DeleteVolume", { VolumeId: volume!.id });
    const launched = (await call("RunInstances", {
      ImageId: "ami-0abcdef1234567890",
      MinCount: 1,
      MaxCount: 1,
      InstanceType: "t3.micro",
      SubnetId: tagged!.attributes["subnetId"],
    })) as {
      Instances: { InstanceId: string }[];
    };

    const after = await runInventory({ ...options, services: [...options.services] }, deps);
    await saveSnapshot(after, ws, new Date("2026-11-02T00:00:00Z"));
    const { diff } = await runInventoryDiff(
      { before: "20261101", after: "20261102" },
      { workspaceDir: ws, cwd: ws },
    );

    expect(diff.appeared.map((r) => r.id)).toContain(launched.Instances[0]?.InstanceId);
    expect(diff.disappeared.map((r) => r.id)).toEqual([volume!.id]);
    const changes = new Map(diff.changed.map((c) => [c.id, c.changes]));
    expect(changes.get(tagged!.id)).toContainEqual(
      expect.objectContaining({ field: "tag", key: "Owner", after: "new-owner" }),
    );
    expect(changes.get(stopped!.id)).toContainEqual({ field: "state", before: "running", after: "stopped" });
    expect(diff.notCompared).toEqual([]);
  });
});
