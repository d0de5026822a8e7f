/**
 * The security-group and ec2-instance blueprints through the CLI, in process: `plan blueprints`
 * lists their parameters, `--set ingress=…` repeats for a list parameter (any other key given
 * twice is refused), and an executed instance plan prints the connection command with its id.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import type { Plan } from "../../../src/core/plans/plan.js";
import { cli } from "../../_helpers/cli.js";

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "aws-coworker-instance-cli-"));
});

const run = (args: string[], extra: { answers?: string[] } = {}) =>
  cli([...args, "--sandbox"], { cwd, ...extra });
const TAGS = ["--set", "tags.Owner=platform-team", "--set", "tags.CostCenter=CC-1001"];

describe("aws-coworker plan create security-group / ec2-instance", () => {
  test("plan blueprints lists both with their parameters", async () => {
    const listed = await run(["plan", "blueprints"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("security-group — ");
    expect(listed.stdout).toContain("ec2-instance — ");
    expect(listed.stdout).toMatch(/--set ingress=….*tcp:443:0\.0\.0\.0\/0/);
    expect(listed.stdout).toContain("--set instanceType=…");
    expect(listed.stdout).toContain("[default: t3.micro]");
    expect(listed.stdout).not.toContain("[default: ]");
  });

  test("--set ingress repeats: each adds a rule; a scalar key given twice is refused", async () => {
    const created = await run([
      "plan",
      "create",
      "security-group",
      "--profile",
      "demo-dev",
      ...TAGS,
      "--set",
      "ingress=tcp:443:10.0.0.0/8",
      "--set",
      "ingress=udp:53:10.0.0.0/8,icmp:-1:10.0.0.0/16",
      "--format",
      "json",
    ]);
    expect(created.code).toBe(0);
    const plan = JSON.parse(created.stdout) as Plan;
    expect(plan.parameters["ingress"]).toBe("tcp:443:10.0.0.0/8,udp:53:10.0.0.0/8,icmp:-1:10.0.0.0/16");
    expect(plan.steps.find((s) => s.id === "ingress")?.params["IpPermissions"]).toEqual([
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.0.0.0/8" }] },
      { IpProtocol: "udp", FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: "10.0.0.0/8" }] },
      { IpProtocol: "icmp", FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: "10.0.0.0/16" }] },
    ]);

    const twice = await run([
      "plan",
      "create",
      "security-group",
      "--profile",
      "demo-dev",
      "--set",
      "name=a-sg",
      "--set",
      "name=b-sg",
    ]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("--set name is given twice");
    expect(twice.stderr).toContain("ingress, egress");

    const bad = await run([
      "plan",
      "create",
      "security-group",
      "--profile",
      "demo-dev",
      "--set",
      "ingress=tcp:http:10.0.0.0/8",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ingress rule "tcp:http:10.0.0.0/8" has ports "http"');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  test("an executed instance plan prints the Session Manager command with the new instance's id", async () => {
    const created = await run([
      "plan",
      "create",
      "ec2-instance",
      "--profile",
      "demo-dev",
      "--regions",
      "us-east-1",
      ...TAGS,
      "--set",
      "ami=ami-0502702b7ca155583",
      "--format",
      "json",
    ]);
    expect(created.code).toBe(0);
    const plan = JSON.parse(created.stdout) as Plan;
    const dry = await run(["execute", plan.id, "--profile", "demo-dev", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("aws ec2 create-security-group");
    expect(dry.stdout).toContain("aws ec2 run-instances");
    const approved = await run(["plan", "approve", plan.id, "--profile", "demo-dev"], { answers: ["yes"] });
    expect(approved.code).toBe(0);
    const executed = await run(["execute", plan.id, "--profile", "demo-dev"]);
    expect(executed.code).toBe(0);
    const id = /completed\s+instance .*→ (i-[0-9a-f]+)/.exec(executed.stdout)?.[1];
    expect(id).toBeDefined();
    expect(executed.stdout).toContain(`aws ssm start-session --target ${id!} --region us-east-1`);
  });
});
