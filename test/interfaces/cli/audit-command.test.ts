/**
 * The audit commands (security, sg-audit, tag-compliance, cleanup, review) through the CLI:
 * the whole program in process against the sandbox, and with a harness session to inject
 * faults (not evaluated, exit 4, resume) and configuration (suppressions, --fail-on).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { CORE_DEFAULTS } from "../../../src/core/config/defaults.js";
import type { Config } from "../../../src/core/config/schema.js";
import type { AuditResult } from "../../../src/core/findings/audit-result.js";
import { registerAuditCommands, type AuditSession } from "../../../src/interfaces/cli/commands/audit.js";
import { cli } from "../../_helpers/cli.js";
import { commandHarness } from "../../_helpers/command-harness.js";
import { recordingIoHost } from "../../_helpers/recording-io-host.js";
import {
  DEV_ACCOUNT,
  makeSandboxFactory,
  type SandboxFactoryOptions,
} from "../../_helpers/sandbox-factory.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cw-audit-cmd-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ORG = ["--sandbox", "--profile", "demo-mgmt", "--accounts", "all", "--regions", "all", "--yes"];

describe("the audit commands (the whole CLI, sandbox)", () => {
  test("security over the demo organisation: findings worst first as JSON, the announcement on stderr, exit 0", async () => {
    const run = await cli(["security", ...ORG, "--format", "json", "--quiet"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/READ-ONLY: security audit in every active account of the organisation/);
    const result = JSON.parse(run.stdout) as AuditResult;
    expect(result.workflow).toBe("security");
    expect(result.accounts).toHaveLength(5);
    expect(result.failures).toEqual([]);
    expect(result.findings[0]?.severity).toBe("critical");
    expect(result.summary.failed).toBe(result.findings.filter((f) => f.status === "fail").length);
    const ids = new Set(result.findings.map((f) => f.checkId));
    for (const id of [
      "s3.bucket-public-policy",
      "iam.root-mfa-off",
      "cloudtrail.logging-stopped",
      "ec2.sg-open-ingress",
    ])
      expect(ids).toContain(id);
  });

  test("--fail-on exits 1 when a failed finding is at or above it, and names the count", async () => {
    const high = await cli(
      ["sg-audit", "--sandbox", "--profile", "demo-dev", "--fail-on", "high", "--quiet"],
      {
        cwd: dir,
      },
    );
    expect(high.code).toBe(1);
    expect(high.stderr).toMatch(/^\d+ findings? at or above high \(--fail-on\)$/m);
    expect(high.stdout).toContain("ec2.sg-open-ingress");
    const none = await cli(
      [
        "cleanup",
        "--sandbox",
        "--profile",
        "demo-prod",
        "--regions",
        "ap-southeast-2",
        "--fail-on",
        "low",
        "--quiet",
      ],
      {
        cwd: dir,
      },
    );
    expect(none.code).toBe(0);
  });

  test("a bad --fail-on, --pillar or --types is a usage error (exit 2) before any AWS call", async () => {
    for (const args of [
      ["security", "--sandbox", "--fail-on", "urgent"],
      ["review", "--sandbox", "--pillar", "speed"],
      ["tag-compliance", "--sandbox", "--types", "ec2:instances"],
      ["review", "--sandbox"],
    ]) {
      const run = await cli(args, { cwd: dir });
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).not.toContain("READ-ONLY");
      expect(run.stdout).toBe("");
    }
    const pillar = await cli(["review", "--sandbox", "--pillar", "speed"], { cwd: dir });
    expect(pillar.stderr).toContain('"speed" is not a Well-Architected pillar');
    const types = await cli(["tag-compliance", "--sandbox", "--types", "ec2:instances"], { cwd: dir });
    expect(types.stderr).toContain('unknown resource type "ec2:instances" in --types');
  });

  test("cleanup prices what it finds, and says nothing is deleted", async () => {
    const run = await cli(["cleanup", "--sandbox", "--profile", "demo-dev", "--format", "json", "--quiet"], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as AuditResult;
    const volumes = result.findings.filter((f) => f.checkId === "ebs.volume-unattached");
    expect(volumes.length).toBeGreaterThan(0);
    for (const f of volumes) expect(f.monthlyCostUsd).toBeGreaterThan(0);
    expect(run.stderr).toContain("nothing was deleted: this audit only reads");
    const total = result.findings.reduce(
      (sum, f) => sum + (f.status === "fail" ? (f.monthlyCostUsd ?? 0) : 0),
      0,
    );
    expect(result.summary.monthlyCostUsd).toBeCloseTo(total, 2);
  });

  test("tag-compliance --types narrows the types and reports compliance per type, account and region", async () => {
    const run = await cli(
      [
        "tag-compliance",
        "--sandbox",
        "--profile",
        "demo-dev",
        "--types",
        "ec2:instance",
        "--format",
        "json",
        "--quiet",
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as AuditResult;
    expect(result.compliance?.length).toBeGreaterThan(0);
    for (const c of result.compliance ?? []) {
      expect(c.resourceType).toBe("ec2:instance");
      expect(c.percent).toBe(Math.round((c.compliant / c.resources) * 1000) / 10);
    }
    for (const f of result.findings) expect(f.evidence["resourceType"]).toBe("ec2:instance");
  });

  test("review --pillar takes the short names and runs the pillar's checks", async () => {
    const run = await cli(
      [
        "review",
        "--sandbox",
        "--profile",
        "demo-dev",
        "--pillar",
        "reliability",
        "--format",
        "json",
        "--quiet",
      ],
      {
        cwd: dir,
      },
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as AuditResult;
    expect(result.pillar).toBe("reliability");
    expect(result.checks.every((c) => c.wellArchitected.some((w) => w.pillar === "reliability"))).toBe(true);
    expect(result.findings.map((f) => f.checkId)).toContain("rds.backups-off");
  });

  test("--format ocsf writes OCSF Detection Findings", async () => {
    const run = await cli(["security", "--sandbox", "--profile", "demo-dev", "--format", "ocsf", "--quiet"], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    const events = JSON.parse(run.stdout) as { class_uid: number; finding_info: { types: string[] } }[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.class_uid === 2004)).toBe(true);
  });

  test("a suppression in the configuration shows the finding as suppressed, counted, with its reason; an expired one warns", async () => {
    const config = join(dir, "org.yaml");
    await writeFile(
      config,
      [
        "checks:",
        "  suppressions:",
        "    - check: ec2.sg-open-ingress",
        "      resource: dev-bastion-sg",
        "      reason: bastion reviewed by security (SEC-142)",
        "    - check: ec2.*",
        "      resource: sg-0a1b*",
        "      reason: old exception",
        "      expires: 2020-01-31",
        "",
      ].join("\n"),
    );
    const run = await cli(
      [
        "sg-audit",
        "--sandbox",
        "--profile",
        "demo-dev",
        "--config",
        config,
        "--format",
        "json",
        "--fail-on",
        "critical",
      ],
      { cwd: dir },
    );
    const result = JSON.parse(run.stdout) as AuditResult;
    const bastion = result.findings.find((f) => f.resource.name === "dev-bastion-sg");
    expect(bastion).toMatchObject({
      status: "suppressed",
      suppression: { reason: "bastion reviewed by security (SEC-142)" },
    });
    expect(result.summary.suppressed).toBeGreaterThanOrEqual(1);
    expect(
      result.findings.filter((f) => f.resource.id.startsWith("sg-0a1b")).every((f) => f.status === "fail"),
    ).toBe(true);
    expect(run.stderr).toMatch(
      /warning: 1 suppression has expired and no longer applies: ec2\.\* sg-0a1b\* \(expired 2020-01-31\)/,
    );
    // The suppressed critical finding no longer trips --fail-on critical.
    expect(run.code).toBe(0);
  });
});

describe("the audit commands (harness session)", () => {
  function harness(sandboxOptions: SandboxFactoryOptions = {}, config: Partial<Config> = {}) {
    const { factory, sandbox } = makeSandboxFactory(sandboxOptions);
    const session: AuditSession = {
      factory,
      io: { ...recordingIoHost(), canAsk: false, confirm: async () => false, finish: () => undefined },
      profile: "demo-dev",
      orchestration: { ...CORE_DEFAULTS.orchestration, maxParallelWorkers: 4 },
      factoryFor: () => {
        throw new Error("this harness reaches one account");
      },
      workspace: { dir, runsDir: join(dir, "runs") },
      account: DEV_ACCOUNT,
      defaultRegion: factory.defaultRegion,
      announce: () => undefined,
      close: async () => undefined,
      config: { ...CORE_DEFAULTS, ...config } as Config,
    };
    const { program, cli: streams, out, run } = commandHarness(dir);
    registerAuditCommands(program, { ...streams, openSession: async () => session });
    return { run, out, sandbox };
  }

  test("access denied on an API in one region: its checks are not evaluated there (with the permission), exit 4, and --resume reads only that", async () => {
    const { run, out, sandbox } = harness({
      faults: {
        rules: [
          {
            match: { service: "ec2", action: "DescribeSecurityGroups", region: "eu-west-1" },
            fail: "access-denied",
          },
        ],
      },
    });
    const args = ["sg-audit", "--regions", "us-east-1,eu-west-1", "--format", "json"];
    await run(args);
    expect(out.exitCode).toBe(4);
    const first = JSON.parse(out.stdout) as AuditResult;
    const notEvaluated = first.findings.filter((f) => f.status === "not-evaluated");
    expect(notEvaluated.length).toBeGreaterThan(0);
    for (const f of notEvaluated) {
      expect(f).toMatchObject({ region: "eu-west-1", permission: "ec2:DescribeSecurityGroups" });
    }
    expect(first.findings.some((f) => f.status === "fail" && f.region === "us-east-1")).toBe(true);
    expect(out.stderr).toContain(`--resume ${first.runId ?? ""}`);

    sandbox.configureFaults({});
    const before = sandbox.calls.length;
    out.stdout = "";
    out.exitCode = 0;
    await run([...args, "--resume"]);
    expect(out.exitCode).toBe(0);
    const second = JSON.parse(out.stdout) as AuditResult;
    expect(second.findings.filter((f) => f.status === "not-evaluated")).toEqual([]);
    expect(sandbox.calls.slice(before).map((c) => `${c.region} ${c.action}`)).toEqual([
      "eu-west-1 DescribeSecurityGroups",
    ]);
  });
});
