/**
 * The inventory against a real AWS API endpoint: moto's server, reached through
 * AWS_ENDPOINT_URL-style configuration (the factory's `aws` transport), and through the CLI
 * itself with AWS_ENDPOINT_URL set (every service, `--regions all`). Resources are created
 * with plain SDK clients (test setup only: the tool itself never mutates outside a plan), then
 * the inventory must list exactly what was created. Skipped where moto_server is not installed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import {
  EC2Client,
  RunInstancesCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
} from "@aws-sdk/client-ec2";
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateDBInstanceCommand, RDSClient } from "@aws-sdk/client-rds";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { CloudTrailClient, CreateTrailCommand } from "@aws-sdk/client-cloudtrail";
import {
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MemoryAuditSink } from "../../src/aws/audit-log/writer.js";
import { createClientFactory, type ClientFactory } from "../../src/aws/clients.js";
import { silentIoHost } from "../../src/core/io-host.js";
import { runInventory } from "../../src/workflows/inventory/index.js";
import { renderInventory } from "../../src/report/inventory/index.js";
import type { InventoryResult } from "../../src/core/inventory/inventory-result.js";
import { cli } from "../_helpers/cli.js";
import { hasMoto, freePort, waitForServer } from "../_helpers/moto.js";

const ACCOUNT = "123456789012";
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

describe.skipIf(!hasMoto)("inventory against moto (a real AWS API endpoint)", () => {
  let moto: ChildProcess;
  let endpoint: string;
  const created = new Set<string>();
  /** Made in a region the other tests do not read: only `--regions all` reaches them. */
  const farAway = new Set<string>();
  const FAR = "ap-southeast-2";
  let factory: ClientFactory;
  const audit = new MemoryAuditSink();

  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
    await waitForServer(endpoint);

    const raw = { endpoint, credentials };
    for (const region of ["us-east-1", "eu-west-1"]) {
      const ec2 = new EC2Client({ ...raw, region });
      const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.1.0.0/16" }))).Vpc?.VpcId ?? "";
      await ec2.send(
        new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: "Name", Value: `coworker-${region}` }] }),
      );
      const subnet =
        (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: "10.1.1.0/24" }))).Subnet
          ?.SubnetId ?? "";
      const run = await ec2.send(
        new RunInstancesCommand({
          ImageId: "ami-12c6146b",
          MinCount: 2,
          MaxCount: 2,
          InstanceType: "t3.micro",
          SubnetId: subnet,
        }),
      );
      const volume =
        (await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 8 }))).VolumeId ?? "";
      for (const i of run.Instances ?? []) created.add(`ec2/${region}/${i.InstanceId}`);
      created.add(`ebs/${region}/${volume}`);
      created.add(`vpc/${region}/${vpc}`);
      created.add(`vpc/${region}/${subnet}`);
      ec2.destroy();

      const rds = new RDSClient({ ...raw, region });
      await rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: `orders-${region}`,
          Engine: "postgres",
          DBInstanceClass: "db.t3.micro",
          AllocatedStorage: 20,
          MasterUsername: "admin",
          MasterUserPassword: "not-a-real-password-1",
          Tags: [{ Key: "Owner", Value: "data" }],
        }),
      );
      created.add(`rds/${region}/orders-${region}`);
      rds.destroy();

      const s3 = new S3Client({ ...raw, region, forcePathStyle: true });
      const bucket = `coworker-test-${region}`;
      await s3.send(
        new CreateBucketCommand({
          Bucket: bucket,
          ...(region !== "us-east-1" && {
            CreateBucketConfiguration: { LocationConstraint: region as "eu-west-1" },
          }),
        }),
      );
      await s3.send(
        new PutBucketTaggingCommand({
          Bucket: bucket,
          Tagging: { TagSet: [{ Key: "Owner", Value: "platform" }] },
        }),
      );
      created.add(`s3/${region}/${bucket}`);
      s3.destroy();
    }

    const iam = new IAMClient({ ...raw, region: "us-east-1" });
    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: "lambda-exec",
        AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
      }),
    );
    iam.destroy();
    const lambda = new LambdaClient({ ...raw, region: "eu-west-1" });
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "billing-export",
        Runtime: "nodejs20.x",
        Role: role.Role?.Arn ?? "",
        Handler: "index.handler",
        Code: { ZipFile: new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]) },
        Environment: { Variables: { DB_PASSWORD: "hunter2-super-secret" } },
        Tags: { Owner: "finance" },
      }),
    );
    created.add("lambda/eu-west-1/billing-export");
    lambda.destroy();

    // The services the resources above leave out (ELB, CloudTrail, KMS), and a bucket, in FAR.
    const farVpc = new EC2Client({ ...raw, region: FAR });
    const vpc = (await farVpc.send(new CreateVpcCommand({ CidrBlock: "10.9.0.0/16" }))).Vpc?.VpcId ?? "";
    farVpc.destroy();
    farAway.add(`vpc/${FAR}/${vpc}`);
    const farS3 = new S3Client({ ...raw, region: FAR, forcePathStyle: true });
    await farS3.send(
      new CreateBucketCommand({
        Bucket: "coworker-far-trail",
        CreateBucketConfiguration: { LocationConstraint: FAR },
      }),
    );
    farS3.destroy();
    farAway.add(`s3/${FAR}/coworker-far-trail`);
    const elbv2 = new ElasticLoadBalancingV2Client({ ...raw, region: FAR });
    const tg = await elbv2.send(
      new CreateTargetGroupCommand({
        Name: "far-tg",
        Protocol: "HTTP",
        Port: 80,
        VpcId: vpc,
        TargetType: "instance",
      }),
    );
    elbv2.destroy();
    farAway.add(`elb/${FAR}/${tg.TargetGroups?.[0]?.TargetGroupArn ?? ""}`);
    const trail = new CloudTrailClient({ ...raw, region: FAR });
    const trailArn = (
      await trail.send(new CreateTrailCommand({ Name: "far", S3BucketName: "coworker-far-trail" }))
    ).TrailARN;
    trail.destroy();
    farAway.add(`cloudtrail/${FAR}/${trailArn ?? ""}`);
    const kms = new KMSClient({ ...raw, region: FAR });
    const key = (await kms.send(new CreateKeyCommand({ Description: "far key" }))).KeyMetadata?.KeyId;
    kms.destroy();
    farAway.add(`kms/${FAR}/${key ?? ""}`);

    factory = createClientFactory({
      profile: "moto",
      defaultRegion: "us-east-1",
      transport: { kind: "aws", endpointUrl: endpoint, credentials },
      audit,
      who: { osUser: "test", callerArn: undefined },
      policy: {
        profile: "moto",
        permissions: "read-only",
        allowsDirectExecution: false,
        declaredSensitiveReads: [],
      },
      maxAttempts: 2,
    });
  }, 60_000);

  afterAll(() => {
    factory?.destroy();
    moto?.kill();
  });

  test("lists exactly what was created, each resource once, in its own region", async () => {
    const result = await runInventory(
      { regions: ["us-east-1", "eu-west-1"] },
      { factory, io: silentIoHost, account: ACCOUNT },
    );
    expect(result.failures).toEqual([]);
    const found = result.resources.map((r) => `${r.service}/${r.region}/${r.id}`);
    expect(new Set(found).size).toBe(found.length);
    for (const key of created) expect(found).toContain(key);
    // Besides what was created, AWS (and moto) add a root volume and a network interface per
    // instance, a default VPC with its subnets per region, and a main route table, default
    // network ACL and default security group per VPC; the setup also made the Lambda's role.
    // The inventory lists those too, and nothing else.
    const instances = new Set(result.resources.filter((r) => r.type === "instance").map((r) => r.id));
    const defaultVpcs = new Set(
      result.resources.filter((r) => r.attributes["isDefault"] === true).map((r) => r.id),
    );
    const extra = result.resources.filter((r) => !created.has(`${r.service}/${r.region}/${r.id}`));
    for (const r of extra) {
      if (r.type === "volume") expect(instances.has(String(r.attributes["attachedTo"]))).toBe(true);
      else if (r.type === "vpc") expect(defaultVpcs.has(r.id)).toBe(true);
      else if (r.type === "subnet") expect(defaultVpcs.has(String(r.attributes["vpcId"]))).toBe(true);
      else if (r.type === "route-table") expect(r.attributes["isMain"]).toBe(true);
      else if (r.type === "network-acl") expect(r.attributes["isDefault"]).toBe(true);
      else if (r.type === "security-group") expect(r.name ?? r.attributes["groupName"]).toBe("default");
      else if (r.type === "network-interface")
        expect(instances.has(String(r.attributes["attachedTo"]))).toBe(true);
      else if (r.type === "role") expect(r.id).toBe("lambda-exec");
      else expect.fail(`unexpected ${r.service}/${r.region}/${r.id}`);
    }
    expect(result.summary.total).toBe(result.resources.length);
  });

  test("reads tags from each API and never copies Lambda environment variables", async () => {
    const result = await runInventory(
      { regions: ["eu-west-1"] },
      { factory, io: silentIoHost, account: ACCOUNT },
    );
    const byId = new Map(result.resources.map((r) => [r.id, r]));
    expect(byId.get("coworker-test-eu-west-1")?.tags).toEqual({ Owner: "platform" });
    expect(byId.get("coworker-test-eu-west-1")?.arn).toBe("arn:aws:s3:::coworker-test-eu-west-1");
    expect(byId.get("orders-eu-west-1")?.tags).toEqual({ Owner: "data" });
    expect(byId.get("billing-export")?.tags).toEqual({ Owner: "finance" });
    expect(byId.get("billing-export")?.arn).toBe(
      `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:billing-export`,
    );
    expect(byId.has("coworker-test-us-east-1")).toBe(false);
    const json = renderInventory(result, { format: "json", color: false });
    expect(json).not.toContain("hunter2");
    expect(json).not.toContain("DB_PASSWORD");
  });

  test("the CLI with AWS_ENDPOINT_URL: every service, --regions all, completes and finds what was made", async () => {
    // The SDK reads its endpoint settings from the process environment, as it does for a user.
    const env = {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_REGION: "us-east-1",
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      const cwd = mkdtempSync(join(tmpdir(), "cw-moto-cli-"));
      const run = await cli(["inventory", "--regions", "all", "--format", "json", "--yes", "--quiet"], {
        cwd,
        env,
      });
      expect(run.stderr).not.toMatch(/error/i);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as InventoryResult;
      expect(result.failures).toEqual([]);
      expect(result.coverage.notRead).toEqual([]);
      expect([...result.services].sort()).toEqual([
        "cloudtrail",
        "ebs",
        "ec2",
        "elb",
        "iam",
        "kms",
        "lambda",
        "rds",
        "s3",
        "vpc",
      ]);
      // Every region the endpoint reports enabled, well beyond the two the setup used.
      expect(result.regions).toEqual(expect.arrayContaining(["us-east-1", "eu-west-1", FAR]));
      expect(result.regions.length).toBeGreaterThan(10);
      const found = result.resources.map((r) => `${r.service}/${r.region}/${r.id}`);
      expect(new Set(result.resources.map((r) => `${r.arn}`)).size).toBe(found.length);
      for (const key of [...created, ...farAway]) expect(found).toContain(key);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }, 120_000);
});
