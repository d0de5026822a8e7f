/**
 * `aws-coworker changes` against a real AWS API endpoint: moto's server, reached through the
 * CLI with AWS_ENDPOINT_URL set, exactly as a user points the tool at an emulator. The command
 * runs unchanged: the session opens against moto (STS), the scan plans and reads every
 * account × region partition. moto (5.x) does not implement LookupEvents at all: it answers
 * NotImplementedError as an HTML page with HTTP 500. That answer is reported as data — each
 * partition not read, with a message naming the emulator, exit 4, no stack trace, a
 * well-formed (empty) review — never as "no changes". Skipped where moto_server is not installed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ChangesResult } from "../../src/core/changes/changes-result.js";
import { cli } from "../_helpers/cli.js";
import { freePort, hasMoto, waitForServer } from "../_helpers/moto.js";

const credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

describe.skipIf(!hasMoto)("changes against moto (a real AWS API endpoint)", () => {
  let moto: ChildProcess;
  let endpoint: string;

  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
    await waitForServer(endpoint);
  }, 60_000);

  afterAll(() => {
    moto?.kill();
  });

  test("runs unchanged over two regions; moto's missing LookupEvents is reported as not read, exit 4, no stack trace", async () => {
    const env = {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_REGION: "us-east-1",
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      const cwd = mkdtempSync(join(tmpdir(), "cw-moto-changes-"));
      const run = await cli(
        ["changes", "--since", "7d", "--regions", "us-east-1,eu-west-1", "--format", "json", "--quiet"],
        { cwd, env },
      );
      expect(run.stderr).toContain("READ-ONLY: review of CloudTrail write events since 7d");
      expect(run.stderr).toContain(
        "no CloudTrail events could be read: the endpoint's answer to cloudtrail:LookupEvents",
      );
      expect(run.stderr).toContain("moto answers an action it does not implement");
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.code).toBe(4);
      const result = JSON.parse(run.stdout) as ChangesResult;
      expect(result.accounts.map((a) => a.id)).toEqual(["123456789012"]);
      expect(result.coverage.planned).toBe(2);
      expect(result.failures.map((f) => [f.region, f.action])).toEqual([
        ["us-east-1", "cloudtrail:LookupEvents"],
        ["eu-west-1", "cloudtrail:LookupEvents"],
      ]);
      expect(result.summary.events).toBe(0);
      expect(result.unusual).toEqual([]);
      // Every call reached moto and is in the audit log, as against AWS.
      const log = readFileSync(join(cwd, ".aws-coworker", "audit", "audit-log.jsonl"), "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as { action: string; outcome: string });
      expect(log.filter((r) => r.action === "cloudtrail:LookupEvents").length).toBe(2);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }, 60_000);
});
