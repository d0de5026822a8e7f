/**
 * The audit commands against a real AWS API endpoint: moto's server, reached through the CLI
 * with AWS_ENDPOINT_URL set, exactly as a user would point the tool at an emulator. The setup
 * plants resources the checks must flag and resources they must not (with plain SDK clients:
 * test setup only), then `security`, `sg-audit`, `cleanup`, `tag-compliance` and
 * `review --pillar reliability` run unchanged: every partition must be read, nothing may be
 * `not-evaluated` or `error` because of our code, and each planted problem must be found by
 * its check. Skipped where moto_server is not installed.
 *
 * Where moto (5.2) answers differently from AWS, and what the collectors do about it:
 * - DescribeAddresses: an unassociated address comes with empty InstanceId and
 *   NetworkInterfaceId elements (AWS leaves them out): empty is read as absent;
 * - DescribeSnapshots ignores RestorableByUserIds (every snapshot is listed as restorable by
 *   all): each snapshot that listing names is confirmed with DescribeSnapshotAttribute;
 * - GetBucketPolicyStatus answers an empty PolicyStatus, with or without a policy (AWS answers
 *   IsPublic, or NoSuchBucketPolicy): a public policy is found from the document itself;
 * - AWS managed policies exist only with MOTO_IAM_LOAD_MANAGED_POLICIES=true (set below).
 * Every API the audits call is implemented: nothing is left not evaluated. The last test
 * stands in for an action moto lacks (its answer, an HTML error page, for every CloudTrail
 * call): those checks are not evaluated with the permission, the account-wide one included.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateSubnetCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  EC2Client,
  ModifySnapshotAttributeCommand,
  RunInstancesCommand,
} from "@aws-sdk/client-ec2";
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  CreateLoadBalancerCommand as CreateClassicLoadBalancerCommand,
  ElasticLoadBalancingClient,
} from "@aws-sdk/client-elastic-load-balancing";
import {
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  CreateListenerCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import {
  CreateBucketCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
} from "@aws-sdk/client-iam";
import { CloudTrailClient, CreateTrailCommand } from "@aws-sdk/client-cloudtrail";
import {
  CreateDBInstanceCommand,
  CreateDBSnapshotCommand,
  ModifyDBSnapshotAttributeCommand,
  RDSClient,
} from "@aws-sdk/client-rds";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { AuditResult } from "../../src/core/findings/audit-result.js";
import { cli } from "../_helpers/cli.js";
import { emulatorEnv, hasMoto, freePort, waitForServer, withProcessEnv } from "../_helpers/moto.js";

const ACCOUNT = "123456789012";
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
const REGIONS = ["us-east-1", "eu-west-1"];
const HOME = "us-east-1";

describe.skipIf(!hasMoto)("the audits against moto (a real AWS API endpoint)", () => {
  let moto: ChildProcess;
  let endpoint: string;
  const planted: Record<string, string> = {};

  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    // moto loads AWS managed policies (AdministratorAccess…) only when asked to.
    moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], {
      stdio: "ignore",
      env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
    });
    await waitForServer(endpoint);
    const raw = { endpoint, credentials, region: HOME };

    const ec2 = new EC2Client(raw);
    // A VPC with one subnet (one zone); the default VPC has a subnet in every zone.
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.2.0.0/16" }))).Vpc?.VpcId ?? "";
    const subnet =
      (
        await ec2.send(
          new CreateSubnetCommand({ VpcId: vpc, CidrBlock: "10.2.1.0/24", AvailabilityZone: `${HOME}a` }),
        )
      ).Subnet?.SubnetId ?? "";
    planted["vpc"] = vpc;
    // SSH open to the world (flagged), HTTPS open to 10.0.0.0/8 only (not an open ingress).
    const ssh =
      (
        await ec2.send(
          new CreateSecurityGroupCommand({ GroupName: "ssh-open", Description: "ssh", VpcId: vpc }),
        )
      ).GroupId ?? "";
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: ssh,
        IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
      }),
    );
    const https =
      (
        await ec2.send(
          new CreateSecurityGroupCommand({ GroupName: "https-internal", Description: "https", VpcId: vpc }),
        )
      ).GroupId ?? "";
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: https,
        IpPermissions: [
          { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.0.0.0/8" }] },
        ],
      }),
    );
    planted["sgSsh"] = ssh;
    planted["sgHttps"] = https;
    // An instance behind the HTTPS group (so that group is in use) with an Elastic IP.
    const instance =
      (
        await ec2.send(
          new RunInstancesCommand({
            ImageId: "ami-12c6146b",
            MinCount: 1,
            MaxCount: 1,
            InstanceType: "t3.micro",
            SubnetId: subnet,
            SecurityGroupIds: [https],
          }),
        )
      ).Instances?.[0]?.InstanceId ?? "";
    planted["instance"] = instance;
    const usedEip = (await ec2.send(new AllocateAddressCommand({ Domain: "vpc" }))).AllocationId ?? "";
    await ec2.send(new AssociateAddressCommand({ AllocationId: usedEip, InstanceId: instance }));
    planted["eipUsed"] = usedEip;
    planted["eipFree"] = (await ec2.send(new AllocateAddressCommand({ Domain: "vpc" }))).AllocationId ?? "";
    planted["volume"] =
      (await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${HOME}a`, Size: 50, VolumeType: "gp3" })))
        .VolumeId ?? "";
    // Snapshots of it: one anyone may restore, one private.
    for (const [name, isPublic] of [
      ["public", true],
      ["private", false],
    ] as const) {
      const snapshot =
        (await ec2.send(new CreateSnapshotCommand({ VolumeId: planted["volume"], Description: name })))
          .SnapshotId ?? "";
      if (isPublic)
        await ec2.send(
          new ModifySnapshotAttributeCommand({
            SnapshotId: snapshot,
            Attribute: "createVolumePermission",
            OperationType: "add",
            GroupNames: ["all"],
          }),
        );
      planted[`${name}Snapshot`] = snapshot;
    }
    ec2.destroy();

    // Load balancers: an ALB with a healthy target that served requests; an ALB and a classic
    // load balancer with nothing behind them and no traffic.
    const elbv2 = new ElasticLoadBalancingV2Client(raw);
    const alb = async (name: string) =>
      (
        await elbv2.send(
          new CreateLoadBalancerCommand({ Name: name, Type: "application", Subnets: [subnet] }),
        )
      ).LoadBalancers?.[0]?.LoadBalancerArn ?? "";
    planted["busyAlb"] = await alb("busy-alb");
    planted["idleAlb"] = await alb("idle-alb");
    const targetGroup =
      (
        await elbv2.send(
          new CreateTargetGroupCommand({ Name: "busy-tg", Protocol: "HTTP", Port: 443, VpcId: vpc }),
        )
      ).TargetGroups?.[0]?.TargetGroupArn ?? "";
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: planted["busyAlb"],
        Protocol: "HTTP",
        Port: 80,
        DefaultActions: [{ Type: "forward", TargetGroupArn: targetGroup }],
      }),
    );
    await elbv2.send(
      new RegisterTargetsCommand({ TargetGroupArn: targetGroup, Targets: [{ Id: instance, Port: 443 }] }),
    );
    elbv2.destroy();
    const cloudwatch = new CloudWatchClient(raw);
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: "AWS/ApplicationELB",
        MetricData: [
          {
            MetricName: "RequestCount",
            Dimensions: [
              { Name: "LoadBalancer", Value: /:loadbalancer\/(.+)$/.exec(planted["busyAlb"])?.[1] ?? "" },
            ],
            Timestamp: new Date(Date.now() - 3_600_000),
            Value: 1234,
            Unit: "Count",
          },
        ],
      }),
    );
    // The classic one has no instances but still got a few requests (answered 503).
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: "AWS/ELB",
        MetricData: [
          {
            MetricName: "RequestCount",
            Dimensions: [{ Name: "LoadBalancerName", Value: "idle-classic" }],
            Timestamp: new Date(Date.now() - 7_200_000),
            Value: 5,
            Unit: "Count",
          },
        ],
      }),
    );
    cloudwatch.destroy();
    const elb = new ElasticLoadBalancingClient(raw);
    await elb.send(
      new CreateClassicLoadBalancerCommand({
        LoadBalancerName: "idle-classic",
        Listeners: [{ Protocol: "HTTP", LoadBalancerPort: 80, InstanceProtocol: "HTTP", InstancePort: 8080 }],
        AvailabilityZones: [`${HOME}a`],
      }),
    );
    elb.destroy();

    // Buckets: one with nothing set; one versioned with a TLS-only policy.
    const s3 = new S3Client({ ...raw, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: "coworker-plain" }));
    await s3.send(new CreateBucketCommand({ Bucket: "coworker-tidy" }));
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: "coworker-tidy",
        VersioningConfiguration: { Status: "Enabled" },
      }),
    );
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: "coworker-tidy",
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "TlsOnly",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: ["arn:aws:s3:::coworker-tidy", "arn:aws:s3:::coworker-tidy/*"],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ],
        }),
      }),
    );
    // A bucket whose policy lets anyone read it. moto answers GetBucketPolicyStatus with an
    // empty PolicyStatus (no IsPublic), so this is found from the policy document itself.
    await s3.send(new CreateBucketCommand({ Bucket: "coworker-public" }));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: "coworker-public",
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: "*",
              Action: "s3:GetObject",
              Resource: "arn:aws:s3:::coworker-public/*",
            },
          ],
        }),
      }),
    );
    s3.destroy();

    // IAM: a console user without MFA; a programmatic user with a (new) access key.
    const iam = new IAMClient(raw);
    await iam.send(new CreateUserCommand({ UserName: "console-no-mfa" }));
    await iam.send(
      new CreateLoginProfileCommand({ UserName: "console-no-mfa", Password: "Not-a-real-password-1!" }),
    );
    await iam.send(new CreateUserCommand({ UserName: "ci-robot" }));
    await iam.send(new CreateAccessKeyCommand({ UserName: "ci-robot" }));
    // An administrator (an AWS managed policy, read by ARN); roles trusting anyone and a service.
    await iam.send(new CreateUserCommand({ UserName: "admin-human" }));
    await iam.send(
      new AttachUserPolicyCommand({
        UserName: "admin-human",
        PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
    );
    const trust = (principal: Record<string, string>) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }],
      });
    await iam.send(
      new CreateRoleCommand({ RoleName: "open-trust", AssumeRolePolicyDocument: trust({ AWS: "*" }) }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: "lambda-exec",
        AssumeRolePolicyDocument: trust({ Service: "lambda.amazonaws.com" }),
      }),
    );
    iam.destroy();

    // A single-region trail that was never started.
    const trail = new CloudTrailClient(raw);
    await trail.send(new CreateTrailCommand({ Name: "single", S3BucketName: "coworker-plain" }));
    trail.destroy();

    // RDS: one single-AZ instance without backups, one Multi-AZ with backups.
    const rds = new RDSClient(raw);
    for (const [id, multiAz, backups] of [
      ["fragile-db", false, 0],
      ["sturdy-db", true, 7],
    ] as const) {
      await rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: id,
          Engine: "postgres",
          DBInstanceClass: "db.t3.micro",
          AllocatedStorage: 20,
          MasterUsername: "admin",
          MasterUserPassword: "not-a-real-password-1",
          MultiAZ: multiAz,
          BackupRetentionPeriod: backups,
          StorageEncrypted: true,
        }),
      );
    }
    for (const [id, isPublic] of [
      ["fragile-public", true],
      ["fragile-private", false],
    ] as const) {
      await rds.send(
        new CreateDBSnapshotCommand({ DBInstanceIdentifier: "fragile-db", DBSnapshotIdentifier: id }),
      );
      if (isPublic)
        await rds.send(
          new ModifyDBSnapshotAttributeCommand({
            DBSnapshotIdentifier: id,
            AttributeName: "restore",
            ValuesToAdd: ["all"],
          }),
        );
    }
    rds.destroy();
  }, 60_000);

  afterAll(() => {
    moto?.kill();
  });

  /**
   * Answers that mean "not configured", which the collectors read as facts (absentWhen):
   * every other error answer in the audit log would be a call our code got wrong.
   */
  const NOT_CONFIGURED = new Set([
    "iam:GetAccountPasswordPolicy NoSuchEntityException",
    "s3:GetAccountPublicAccessBlock NoSuchPublicAccessBlockConfiguration",
    "organizations:DescribeOrganization AWSOrganizationsNotInUseException",
    "s3:GetBucketPolicy NoSuchBucketPolicy",
    "s3:GetBucketPolicyStatus NoSuchBucketPolicy",
    "s3:GetBucketTagging NoSuchTagSet",
    "s3:GetBucketPublicAccessBlock NoSuchPublicAccessBlockConfiguration",
    "s3:GetEncryptionConfiguration ServerSideEncryptionConfigurationNotFoundError",
  ]);

  interface AuditRun {
    code: number;
    stderr: string;
    result: AuditResult;
    /** The calls the audit log recorded as failed, as `action errorName`. */
    failedCalls: string[];
  }

  /** The CLI in process with AWS_ENDPOINT_URL set, as a user points the tool at an emulator. */
  async function audit(
    args: string[],
    regions = REGIONS.join(","),
    extraEnv: Record<string, string> = {},
  ): Promise<AuditRun> {
    const env = { ...extraEnv, ...emulatorEnv(endpoint, HOME) };
    return withProcessEnv(env, async () => {
      const cwd = mkdtempSync(join(tmpdir(), "cw-moto-audit-"));
      const run = await cli([...args, "--regions", regions, "--format", "json", "--yes", "--quiet"], {
        cwd,
        env,
      });
      if (run.stdout === "") throw new Error(`no output (exit ${run.code}): ${run.stderr}`);
      const log = readFileSync(join(cwd, ".aws-coworker", "audit", "audit-log.jsonl"), "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as { action: string; outcome: string; errorName?: string });
      return {
        code: run.code,
        stderr: run.stderr,
        result: JSON.parse(run.stdout) as AuditResult,
        failedCalls: log
          .filter((e) => e.outcome !== "ok")
          .map((e) => `${e.action} ${e.errorName ?? e.outcome}`),
      };
    });
  }

  /** Every partition read, every check evaluated, no call failed but "not configured" answers. */
  function expectCompleteRun(run: AuditRun): void {
    expect(run.stderr).not.toMatch(/\berror\b/i);
    expect(run.result.failures).toEqual([]);
    expect(run.result.coverage.notRead).toEqual([]);
    expect(run.result.findings.filter((f) => f.status === "not-evaluated" || f.status === "error")).toEqual(
      [],
    );
    for (const check of run.result.checks) {
      expect({ check: check.id, notEvaluated: check.notEvaluated, errors: check.errors }).toEqual({
        check: check.id,
        notEvaluated: 0,
        errors: 0,
      });
    }
    expect(run.failedCalls.filter((c) => !NOT_CONFIGURED.has(c))).toEqual([]);
  }

  const flagged = (result: AuditResult, checkId: string): string[] =>
    result.findings
      .filter((f) => f.checkId === checkId && f.status === "fail")
      .map((f) => f.resource.id)
      .sort();
  const evaluated = (result: AuditResult, checkId: string): number =>
    result.checks.find((c) => c.id === checkId)?.evaluated ?? 0;

  test("security: finds each planted problem and passes the resources planted clean; --fail-on critical exits 1", async () => {
    const run = await audit(["security", "--fail-on", "critical"]);
    expectCompleteRun(run);
    expect(run.code).toBe(1);
    const { result } = run;
    expect(result.regions).toEqual(REGIONS);
    // SSH from anywhere is critical; HTTPS from 10.0.0.0/8 is no open ingress.
    expect(flagged(result, "ec2.sg-open-ingress")).toEqual([planted["sgSsh"]]);
    expect(result.findings.find((f) => f.checkId === "ec2.sg-open-ingress")?.severity).toBe("critical");
    expect(evaluated(result, "ec2.sg-open-ingress")).toBeGreaterThanOrEqual(5);
    // S3: the bare buckets lack versioning and a TLS-only policy; the tidy one has both.
    expect(flagged(result, "s3.bucket-versioning-off")).toEqual(["coworker-plain", "coworker-public"]);
    expect(flagged(result, "s3.bucket-tls-only")).toEqual(["coworker-plain", "coworker-public"]);
    expect(flagged(result, "s3.bucket-public-policy")).toEqual(["coworker-public"]);
    expect(result.findings.find((f) => f.checkId === "s3.bucket-public-policy")?.severity).toBe("critical");
    expect(flagged(result, "s3.bucket-public-acl")).toEqual([]);
    // Account-level Block Public Access: read from S3 Control through AWS_ENDPOINT_URL.
    expect(flagged(result, "s3.account-public-access-block-off")).toEqual([ACCOUNT]);
    // IAM, from the credential report and GetAccountAuthorizationDetails.
    expect(flagged(result, "iam.user-console-no-mfa")).toEqual(["console-no-mfa"]);
    // ci-robot's key was created just now and never used: read from the report, not flagged
    // (a never-used key counts as unused from its creation).
    expect(flagged(result, "iam.access-key-unused")).toEqual([]);
    expect(evaluated(result, "iam.access-key-unused")).toBe(1);
    expect(flagged(result, "iam.access-key-old")).toEqual([]);
    expect(evaluated(result, "iam.access-key-old")).toBe(1);
    expect(flagged(result, "iam.user-admin-access")).toEqual(["admin-human"]);
    expect(flagged(result, "iam.role-trust-open")).toEqual(["open-trust"]);
    expect(flagged(result, "iam.password-policy-weak")).toEqual([ACCOUNT]);
    // CloudTrail: one single-region trail, never started.
    const trailArn = `arn:aws:cloudtrail:${HOME}:${ACCOUNT}:trail/single`;
    expect(flagged(result, "cloudtrail.logging-stopped")).toEqual([trailArn]);
    expect(flagged(result, "cloudtrail.log-validation-off")).toEqual([trailArn]);
    expect(flagged(result, "cloudtrail.no-multi-region-trail")).toEqual([ACCOUNT]);
    // Snapshots: only the one shared with everyone is public.
    expect(flagged(result, "ebs.snapshot-public")).toEqual([planted["publicSnapshot"]]);
    expect(flagged(result, "rds.snapshot-public")).toEqual(["fragile-public"]);
    expect(flagged(result, "rds.storage-unencrypted")).toEqual([]);
    expect(flagged(result, "rds.publicly-accessible")).toEqual([]);
  }, 120_000);

  test("sg-audit over every region the endpoint reports: the open group, and the unused one", async () => {
    const run = await audit(["sg-audit"], "all");
    expectCompleteRun(run);
    expect(run.code).toBe(0);
    expect(run.result.regions.length).toBeGreaterThan(10);
    expect(flagged(run.result, "ec2.sg-open-ingress")).toEqual([planted["sgSsh"]]);
    // The HTTPS group is used by the instance; default groups are never "unused".
    expect(flagged(run.result, "ec2.sg-unused")).toEqual([planted["sgSsh"]]);
    expect(flagged(run.result, "ec2.sg-wide-port-range")).toEqual([]);
  }, 180_000);

  test("cleanup: the unattached volume, the free Elastic IP, the idle load balancers, each with a cost", async () => {
    const run = await audit(["cleanup"]);
    expectCompleteRun(run);
    expect(run.code).toBe(0);
    const { result } = run;
    expect(flagged(result, "ebs.volume-unattached")).toEqual([planted["volume"]]);
    expect(flagged(result, "ec2.eip-unassociated")).toEqual([planted["eipFree"]]);
    // No targets and no traffic (CloudWatch GetMetricData); the busy ALB served requests.
    expect(flagged(result, "elb.load-balancer-idle")).toEqual([planted["idleAlb"], "idle-classic"].sort());
    expect(evaluated(result, "elb.load-balancer-idle")).toBe(3);
    // The traffic was read from CloudWatch: none for the idle ALB, the classic one's 5 requests.
    const evidence = (id: string) =>
      result.findings.find((f) => f.checkId === "elb.load-balancer-idle" && f.resource.id === id)?.evidence;
    expect(evidence(planted["idleAlb"] ?? "")).toMatchObject({ registeredTargets: 0, requestCount: 0 });
    expect(evidence("idle-classic")).toMatchObject({ registeredTargets: 0, requestCount: 5 });
    expect(flagged(result, "ec2.sg-unused")).toEqual([planted["sgSsh"]]);
    expect(flagged(result, "ebs.snapshot-old")).toEqual([]);
    expect(flagged(result, "ec2.eni-orphaned")).toEqual([]);
    for (const f of result.findings.filter((x) => x.checkId !== "ec2.sg-unused"))
      expect(f.monthlyCostUsd ?? 0).toBeGreaterThan(0);
    expect(result.summary.monthlyCostUsd).toBeGreaterThan(0);
  }, 120_000);

  test("tag-compliance: untagged resources fail the built-in policy; what AWS made is left out", async () => {
    const run = await audit(["tag-compliance"]);
    expectCompleteRun(run);
    expect(run.code).toBe(0);
    const missing = flagged(run.result, "tags.missing-required");
    for (const id of [
      planted["instance"],
      planted["volume"],
      planted["sgSsh"],
      planted["vpc"],
      "coworker-plain",
      "fragile-db",
      "console-no-mfa",
    ])
      expect(missing).toContain(id);
    // Each VPC's default security group is AWS's and left out; the group the classic load
    // balancer got (`default_elb_…`, made as AWS makes it) is an ordinary group of the account.
    const groups = run.result.findings
      .filter((f) => f.checkId === "tags.missing-required" && f.resource.id.startsWith("sg-"))
      .filter((f) => !(f.resource.name ?? "").startsWith("default_elb_"))
      .map((f) => f.resource.id)
      .sort();
    expect(groups).toEqual([planted["sgSsh"], planted["sgHttps"]].sort());
    expect(run.result.compliance?.length).toBeGreaterThan(0);
  }, 120_000);

  test("review --pillar reliability: single-AZ and backup-less RDS, the one-zone VPC, the unversioned bucket", async () => {
    const run = await audit(["review", "--pillar", "reliability"]);
    expectCompleteRun(run);
    expect(run.code).toBe(0);
    expect(flagged(run.result, "rds.multi-az-off")).toEqual(["fragile-db"]);
    expect(flagged(run.result, "rds.backups-off")).toEqual(["fragile-db"]);
    expect(flagged(run.result, "vpc.single-az")).toEqual([planted["vpc"]]);
    expect(flagged(run.result, "s3.bucket-versioning-off")).toEqual(["coworker-plain", "coworker-public"]);
    expect(new Set(run.result.findings.map((f) => f.checkId))).toEqual(
      new Set(["rds.multi-az-off", "rds.backups-off", "vpc.single-az", "s3.bucket-versioning-off"]),
    );
  }, 120_000);

  test("an API the endpoint does not implement: its checks are not evaluated, with the permission, never passed (exit 4)", async () => {
    // moto answers an action it does not implement with HTTP 500 and an HTML page. Here every
    // CloudTrail call gets that answer (AWS_ENDPOINT_URL_CLOUDTRAIL), as if moto lacked it.
    const page =
      "<html><head><title>500 Internal Server Error</title></head><body>NotImplemented</body></html>";
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(500, { "content-type": "text/html" }).end(page);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const run = await audit(["security"], HOME, {
        AWS_ENDPOINT_URL_CLOUDTRAIL: `http://127.0.0.1:${port}`,
      });
      expect(run.code).toBe(4);
      expect(run.result.failures.map((f) => `${f.service} ${f.region} ${f.action}`)).toEqual([
        `trails ${HOME} cloudtrail:DescribeTrails`,
      ]);
      const trailChecks = run.result.checks.filter((c) => c.id.startsWith("cloudtrail."));
      expect(trailChecks.length).toBe(4);
      for (const check of trailChecks) {
        expect(check.passed).toBe(0);
        expect(check.failed).toBe(0);
        expect(check.notEvaluated).toBeGreaterThan(0);
      }
      const unread = run.result.findings.filter((f) => f.status === "not-evaluated");
      expect(new Set(unread.map((f) => f.checkId))).toEqual(new Set(trailChecks.map((c) => c.id)));
      for (const f of unread) expect(f.permission).toBe("cloudtrail:DescribeTrails");
      // Everything else was read and evaluated as before.
      expect(
        run.result.findings.some((f) => f.checkId === "ec2.sg-open-ingress" && f.status === "fail"),
      ).toBe(true);
      expect(run.result.failures[0]?.message).toContain("was not an AWS response (HTTP 500");
    } finally {
      server.close();
    }
  }, 120_000);
});
