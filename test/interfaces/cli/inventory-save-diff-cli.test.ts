/** `inventory --save` then `inventory diff A B`, end to end through the CLI and the sandbox state. */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { saveEstateFile } from "../../../src/aws/sandbox/store.js";
import { cli } from "../../_helpers/cli.js";

test("a volume deleted between two saved inventories shows up as disappeared", async () => {
  const cwd = mkdtempSync(join(tmpdir(), "cw-diff-"));
  const first = await cli(["inventory", "--sandbox", "--services", "ebs", "--save", "--format", "json"], {
    cwd,
  });
  expect(first.code).toBe(0);
  expect(first.stderr).toMatch(/saved the inventory snapshot to /);

  const changed = buildDemoEstate();
  const removed = changed.accounts.find((a) => a.id === "333333333333")!.regions["us-east-1"]!.volumes.pop()!;
  await saveEstateFile(join(cwd, "changed.json"), changed);
  expect((await cli(["sandbox", "reset", "--from", "changed.json"], { cwd })).code).toBe(0);
  // distinct snapshot names even within one second
  expect(
    (await cli(["inventory", "--sandbox", "--services", "ebs", "--save", "--format", "json"], { cwd })).code,
  ).toBe(0);

  const snapshots = readdirSync(join(cwd, ".aws-coworker", "inventory")).sort();
  expect(snapshots).toHaveLength(2);
  const diff = await cli(["inventory", "diff", snapshots[0]!, snapshots[1]!, "--format", "json"], { cwd });
  expect(diff.code).toBe(0);
  expect(diff.stdout).toContain(removed.id);
  expect(diff.stdout).toMatch(/disappeared/);
});
