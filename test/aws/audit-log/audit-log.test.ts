import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { AuditEntry } from "../../../src/aws/audit-log/record.js";
import { verifyAuditLog } from "../../../src/aws/audit-log/verify.js";
import { AuditLog } from "../../../src/aws/audit-log/writer.js";

function entry(i: number): AuditEntry {
  return {
    who: { osUser: "tester", callerArn: "arn:aws:sts::333333333333:assumed-role/PlatformEngineer/tester" },
    profile: "demo-dev",
    account: "333333333333",
    region: "us-east-1",
    action: "ec2:DescribeInstances",
    class: "discovery",
    paramsDigest: `sha256:${i}`,
    outcome: "ok",
    durationMs: i,
    transport: "sandbox",
  };
}

function writeLog(records: number): string {
  const file = join(mkdtempSync(join(tmpdir(), "cw-audit-")), "audit.jsonl");
  let t = Date.parse("2026-11-24T00:00:00Z");
  const log = new AuditLog(file, { now: () => new Date((t += 1000)) });
  for (let i = 1; i <= records; i++) log.append(entry(i));
  return file;
}

const lines = (file: string) => readFileSync(file, "utf8").trimEnd().split("\n");
const rewrite = (file: string, ls: string[]) => writeFileSync(file, ls.join("\n") + "\n");

describe("audit log", () => {
  test("an untouched log verifies", async () => {
    const file = writeLog(5);
    expect(await verifyAuditLog(file)).toMatchObject({ ok: true, records: 5 });
  });

  test("a missing log verifies as empty", async () => {
    expect(await verifyAuditLog(join(tmpdir(), "no-such-dir-cw", "audit.jsonl"))).toMatchObject({
      ok: true,
      records: 0,
    });
  });

  test("appending from a second writer continues the chain", async () => {
    const file = writeLog(3);
    new AuditLog(file).append(entry(4));
    expect(await verifyAuditLog(file)).toMatchObject({ ok: true, records: 4 });
  });

  test("an edited line is named", async () => {
    const file = writeLog(5);
    const ls = lines(file);
    ls[2] = ls[2]!.replace('"outcome":"ok"', '"outcome":"refused"');
    rewrite(file, ls);
    expect(await verifyAuditLog(file)).toMatchObject({ ok: false, line: 3, seq: 3, validRecords: 2 });
    expect(((await verifyAuditLog(file)) as { problem: string }).problem).toMatch(/edited/);
  });

  test("a removed line is named", async () => {
    const file = writeLog(5);
    const ls = lines(file);
    ls.splice(1, 1);
    rewrite(file, ls);
    const r = await verifyAuditLog(file);
    expect(r).toMatchObject({ ok: false, line: 2, seq: 3 });
    expect((r as { problem: string }).problem).toMatch(/missing|removed/);
  });

  test("reordered lines are named", async () => {
    const file = writeLog(5);
    const ls = lines(file);
    [ls[2], ls[3]] = [ls[3]!, ls[2]!];
    rewrite(file, ls);
    const r = await verifyAuditLog(file);
    expect(r).toMatchObject({ ok: false, line: 3 });
  });

  test("a line that is not JSON is named", async () => {
    const file = writeLog(3);
    const ls = lines(file);
    ls[1] = ls[1]!.slice(0, 20);
    rewrite(file, ls);
    expect(await verifyAuditLog(file)).toMatchObject({ ok: false, line: 2, seq: undefined });
  });

  test("a record rewritten with a recomputed hash still breaks the next link", async () => {
    const file = writeLog(4);
    const ls = lines(file);
    // An attacker who edits record 2 and recomputes its hash must also rewrite every later record.
    const { hashRecord } = await import("../../../src/aws/audit-log/record.js");
    const rec = JSON.parse(ls[1]!);
    rec.action = "ec2:TerminateInstances";
    delete rec.hash;
    rec.hash = hashRecord(rec);
    ls[1] = JSON.stringify(rec);
    rewrite(file, ls);
    expect(await verifyAuditLog(file)).toMatchObject({ ok: false, line: 3, seq: 3 });
  });
});
