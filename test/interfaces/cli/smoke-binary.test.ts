/** One smoke test of the built binary (npm ci builds dist/ through `prepare`). */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const BIN = join(ROOT, "bin", "aws-coworker.js");

describe("the aws-coworker binary", () => {
  test("is built (run npm run build)", () => {
    expect(existsSync(join(ROOT, "dist", "interfaces", "cli", "main.js"))).toBe(true);
  });

  test("--help lists the commands, and inventory --sandbox answers JSON on stdout with exit 0", () => {
    const help = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    for (const command of ["inventory", "context", "config", "audit-log", "sandbox"])
      expect(help.stdout).toContain(command);

    const cwd = mkdtempSync(join(tmpdir(), "cw-bin-"));
    const run = spawnSync(process.execPath, [BIN, "inventory", "--sandbox", "--format", "json"], {
      cwd,
      encoding: "utf8",
      env: { PATH: process.env["PATH"] ?? "", HOME: cwd, AWS_EC2_METADATA_DISABLED: "true" },
    });
    expect(run.stderr).toMatch(/READ-ONLY/);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { account: string }).account).toBe("333333333333");
    expect(run.stderr).not.toMatch(/Warning|NodeVersionSupport/);
  });

  test("a usage error exits 2 with a message and no stack trace", () => {
    const run = spawnSync(process.execPath, [BIN, "inventory", "--sandbox", "--regions", "moon-1"], {
      cwd: mkdtempSync(join(tmpdir(), "cw-bin-")),
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/moon-1/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
