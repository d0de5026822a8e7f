/**
 * The vpc, s3-bucket and ec2-instance (AMI by SSM public parameter) blueprints against a real AWS API endpoint — moto's server, reached
 * through the CLI with AWS_ENDPOINT_URL, as a user points the tool at an emulator: plan →
 * execute → inventory shows it → rollback → execute → gone. The configuration classifies the
 * emulator's account as development with a read-write profile whose approval mode is none, so
 * no terminal is needed. Skipped where moto_server is not installed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DescribeInstancesCommand, DescribeSubnetsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { cli } from "../../_helpers/cli.js";
import { freePort, hasMoto, waitForServer } from "../../_helpers/moto.js";

const ACCOUNT = "123456789012";
const CONFIG = `
profiles:
  default:
    classification: development
    permissions: read-write
    approvalMode: none
    account: "${ACCOUNT}"
    regions: [us-east-1, eu-west-1]
accounts:
  "${ACCOUNT}":
    name: moto
    classification: development
environments:
  development:
    approvalMode: none
`;

describe.skipIf(!hasMoto)("plans against moto (a real AWS API endpoint)", () => {
  let moto: ChildProcess;
  let env: Record<string, string>;
  let cwd: string;
  let endpoint: string;

  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
    await waitForServer(endpoint);
    env = {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      AWS_REGION: "us-east-1",
    };
    cwd = mkdtempSync(join(tmpdir(), "cw-moto-plans-"));
    writeFileSync(join(cwd, "aws-coworker.yaml"), CONFIG);
  }, 30_000);

  afterAll(() => {
    moto?.kill();
  });

  /** The CLI in process, with the endpoint in the environment the SDK reads. */
  async function run(args: string[]) {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      return await cli([...args, "--quiet"], { cwd, env });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }

  async function newestRun(): Promise<string> {
    const list = await run(["runs", "list", "--format", "json"]);
    return (JSON.parse(list.stdout) as { runId: string }[])[0]!.runId;
  }

  /** `plan create <blueprint> [options] --set …` then `execute last`, both succeeding. */
  async function planAndExecute(blueprint: string, sets: string[], options: string[] = []) {
    const created = await run([
      "plan",
      "create",
      blueprint,
      ...options,
      ...sets.flatMap((set) => ["--set", set]),
    ]);
    expect(created.code, created.stderr).toBe(0);
    const executed = await run(["execute", "last"]);
    expect(executed.code, executed.stderr + executed.stdout).toBe(0);
  }

  /** `rollback <newest run>` then `execute last`, both succeeding. */
  async function rollbackAndExecute() {
    const rollback = await run(["rollback", await newestRun()]);
    expect(rollback.code, rollback.stderr).toBe(0);
    const undone = await run(["execute", "last"]);
    expect(undone.code, undone.stderr + undone.stdout).toBe(0);
  }

  async function inventory(services: string, region: string) {
    const out = await run(["inventory", "--services", services, "--regions", region, "--format", "json"]);
    expect(out.code, out.stderr).toBe(0);
    return (
      JSON.parse(out.stdout) as {
        resources: { type: string; name: string | null; state: string | null; id: string }[];
      }
    ).resources;
  }

  test("vpc: plan, execute, the inventory shows it, rollback, gone", async () => {
    await planAndExecute("vpc", [
      "name=moto-vpc",
      "cidr=10.77.0.0/16",
      "tags.Owner=platform-team",
      "tags.CostCenter=CC-1001",
    ]);
    const live = (await inventory("vpc", "us-east-1")).filter(
      (r) => r.name?.startsWith("moto-vpc") === true && r.state !== "deleted",
    );
    expect(live.map((r) => r.type).sort()).toEqual([
      "internet-gateway",
      "nat-gateway",
      "route-table",
      "route-table",
      "subnet",
      "subnet",
      "subnet",
      "subnet",
      "vpc",
    ]);

    await rollbackAndExecute();
    const after = (await inventory("vpc", "us-east-1")).filter(
      (r) => r.name?.startsWith("moto-vpc") === true && r.state !== "deleted",
    );
    expect(after).toEqual([]);
  }, 60_000);

  test("s3-bucket: plan, execute, the inventory shows it, rollback, gone", async () => {
    await planAndExecute(
      "s3-bucket",
      ["prefix=moto-reports", "tags.Owner=data-team", "tags.CostCenter=CC-1002"],
      ["--regions", "eu-west-1"],
    );
    const name = `moto-reports-${ACCOUNT}-eu-west-1`;
    expect((await inventory("s3", "eu-west-1")).map((r) => r.id)).toContain(name);

    await rollbackAndExecute();
    expect((await inventory("s3", "eu-west-1")).map((r) => r.id)).not.toContain(name);
  }, 60_000);

  test("ec2-instance with ami=ssm:<Amazon Linux public parameter>: plan, execute, the instance runs that image, rollback, terminated", async () => {
    // What the test itself reads, straight from moto (not through the tool).
    const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
    const ec2 = new EC2Client({ endpoint, region: "us-east-1", credentials });
    const ssm = new SSMClient({ endpoint, region: "us-east-1", credentials });
    const name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    const imageId = (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
    expect(imageId).toMatch(/^ami-/);
    const subnets = await ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: "default-for-az", Values: ["true"] }] }),
    );
    const subnetId = subnets.Subnets?.[0]?.SubnetId ?? "";
    await planAndExecute("ec2-instance", [
      "name=moto-al",
      `ami=ssm:${name}`,
      `subnetId=${subnetId}`,
      // moto's AL2023 images have a 15 GiB root snapshot (AWS's have 8): the blueprint refuses less.
      "volumeSizeGiB=16",
      "tags.Owner=platform-team",
      "tags.CostCenter=CC-1001",
    ]);
    const byName = () =>
      ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: "tag:Name", Values: ["moto-al"] }] }));
    const launched = (await byName()).Reservations?.flatMap((r) => r.Instances ?? []) ?? [];
    expect(launched.map((i) => [i.ImageId, i.State?.Name])).toEqual([[imageId, "running"]]);

    await rollbackAndExecute();
    const after = (await byName()).Reservations?.flatMap((r) => r.Instances ?? []) ?? [];
    expect(after.map((i) => i.State?.Name)).toEqual(["terminated"]);
  }, 120_000);
});
