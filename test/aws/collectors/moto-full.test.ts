/**
 * Every collector against a real AWS API endpoint: moto's server, reached through the client
 * factory's `aws` transport (so the gate and the audit log run as they do against AWS).
 * One resource of each inventoried type is created with plain SDK clients (test setup only:
 * the tool itself never mutates outside a plan); each collector must find it, with its tags
 * and the attributes the inventory promises. Skipped where moto_server is not installed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateImageCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateNetworkAclCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateSubnetCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  EC2Client,
  RunInstancesCommand,
  type TagSpecification,
  type ResourceType as Ec2ResourceType,
} from "@aws-sdk/client-ec2";
import {
  CreateLoadBalancerCommand as CreateClassicLoadBalancerCommand,
  ElasticLoadBalancingClient,
} from "@aws-sdk/client-elastic-load-balancing";
import {
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { CreateDBClusterCommand, RDSClient } from "@aws-sdk/client-rds";
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MemoryAuditSink } from "../../../src/aws/audit-log/writer.js";
import { createClientFactory, type ClientFactory } from "../../../src/aws/clients.js";
import { collectTrails } from "../../../src/aws/collectors/cloudtrail.js";
import { collectSnapshots, collectVolumes } from "../../../src/aws/collectors/ebs.js";
import { collectElasticIps, collectImages, collectInstances } from "../../../src/aws/collectors/ec2.js";
import { collectLoadBalancers, collectTargetGroups } from "../../../src/aws/collectors/elb.js";
import { collectIamPolicies, collectIamRoles, collectIamUsers } from "../../../src/aws/collectors/iam.js";
import { collectKeys } from "../../../src/aws/collectors/kms.js";
import { collectDbClusters } from "../../../src/aws/collectors/rds.js";
import { collectBuckets } from "../../../src/aws/collectors/s3.js";
import {
  collectInternetGateways,
  collectNatGateways,
  collectNetworkAcls,
  collectNetworkInterfaces,
  collectRouteTables,
  collectSecurityGroups,
  collectSubnets,
  collectVpcs,
} from "../../../src/aws/collectors/vpc.js";
import { INVENTORY_SERVICES } from "../../../src/core/inventory/inventory-result.js";
import type { ResourceRecord } from "../../../src/core/inventory/resource-record.js";
import { INVENTORY_SERVICE_SPECS } from "../../../src/workflows/inventory/services.js";
import { hasMoto, freePort, waitForServer } from "../../_helpers/moto.js";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const OTHER_REGION = "eu-west-1";
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
const scope = { account: ACCOUNT, region: REGION };
/** A page size small enough that every listing of more than one item takes several pages. */
const SMALL_PAGES = { ...scope, pageSize: 1 };
const NOW = new Date();

function tagged(type: Ec2ResourceType, tags: Record<string, string>): TagSpecification[] {
  return [{ ResourceType: type, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }];
}

function find(records: readonly ResourceRecord[], id: string | undefined): ResourceRecord {
  const found = records.find((r) => r.id === id);
  if (found === undefined) {
    throw new Error(`${id ?? "(no id)"} not among ${records.map((r) => r.id).join(", ") || "no records"}`);
  }
  return found;
}

/** What the setup created: ids to look for. */
interface Created {
  vpc: string;
  subnetA: string;
  subnetB: string;
  internetGateway: string;
  routeTable: string;
  natGateway: string;
  natAllocation: string;
  networkAcl: string;
  securityGroup: string;
  networkInterface: string;
  instance: string;
  elasticIp: string;
  elasticIpAddress: string;
  image: string;
  volume: string;
  snapshot: string;
  loadBalancerArn: string;
  networkLoadBalancerArn: string;
  targetGroupArn: string;
  classicLoadBalancer: string;
  userArn: string;
  roleArn: string;
  policyArn: string;
  trailArn: string;
  regionalTrailArn: string;
  keyId: string;
  bucket: string;
  emptyBucket: string;
}

describe.skipIf(!hasMoto)("collectors against moto (a real AWS API endpoint)", () => {
  let moto: ChildProcess | undefined;
  let factory: ClientFactory;
  const audit = new MemoryAuditSink();
  const c = {} as Created;

  beforeAll(async () => {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
    await waitForServer(endpoint);
    const raw = { endpoint, credentials, region: REGION };

    // --- EC2 and VPC networking -------------------------------------------------------------
    const ec2 = new EC2Client(raw);
    c.vpc =
      (
        await ec2.send(
          new CreateVpcCommand({
            CidrBlock: "10.20.0.0/16",
            TagSpecifications: tagged("vpc", { Name: "core" }),
          }),
        )
      ).Vpc?.VpcId ?? "";
    c.subnetA =
      (
        await ec2.send(
          new CreateSubnetCommand({
            VpcId: c.vpc,
            CidrBlock: "10.20.1.0/24",
            AvailabilityZone: `${REGION}a`,
            TagSpecifications: tagged("subnet", { Name: "core-a" }),
          }),
        )
      ).Subnet?.SubnetId ?? "";
    c.subnetB =
      (
        await ec2.send(
          new CreateSubnetCommand({
            VpcId: c.vpc,
            CidrBlock: "10.20.2.0/24",
            AvailabilityZone: `${REGION}b`,
          }),
        )
      ).Subnet?.SubnetId ?? "";
    c.internetGateway =
      (
        await ec2.send(
          new CreateInternetGatewayCommand({
            TagSpecifications: tagged("internet-gateway", { Name: "core-igw" }),
          }),
        )
      ).InternetGateway?.InternetGatewayId ?? "";
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: c.internetGateway, VpcId: c.vpc }));
    c.routeTable =
      (
        await ec2.send(
          new CreateRouteTableCommand({
            VpcId: c.vpc,
            TagSpecifications: tagged("route-table", { Name: "public" }),
          }),
        )
      ).RouteTable?.RouteTableId ?? "";
    await ec2.send(
      new CreateRouteCommand({
        RouteTableId: c.routeTable,
        DestinationCidrBlock: "0.0.0.0/0",
        GatewayId: c.internetGateway,
      }),
    );
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: c.routeTable, SubnetId: c.subnetA }));
    c.natAllocation = (await ec2.send(new AllocateAddressCommand({ Domain: "vpc" }))).AllocationId ?? "";
    c.natGateway =
      (
        await ec2.send(
          new CreateNatGatewayCommand({
            SubnetId: c.subnetA,
            AllocationId: c.natAllocation,
            TagSpecifications: tagged("natgateway", { Name: "core-nat" }),
          }),
        )
      ).NatGateway?.NatGatewayId ?? "";
    c.networkAcl =
      (
        await ec2.send(
          new CreateNetworkAclCommand({
            VpcId: c.vpc,
            TagSpecifications: tagged("network-acl", { Name: "locked" }),
          }),
        )
      ).NetworkAcl?.NetworkAclId ?? "";
    c.securityGroup =
      (
        await ec2.send(
          new CreateSecurityGroupCommand({
            GroupName: "web",
            Description: "web tier",
            VpcId: c.vpc,
            TagSpecifications: tagged("security-group", { Team: "web" }),
          }),
        )
      ).GroupId ?? "";
    c.networkInterface =
      (
        await ec2.send(
          new CreateNetworkInterfaceCommand({
            SubnetId: c.subnetB,
            Description: "spare interface",
            TagSpecifications: tagged("network-interface", { Name: "spare" }),
          }),
        )
      ).NetworkInterface?.NetworkInterfaceId ?? "";
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: "ami-12c6146b",
        MinCount: 1,
        MaxCount: 1,
        InstanceType: "t3.micro",
        SubnetId: c.subnetA,
        TagSpecifications: tagged("instance", { Name: "web-1" }),
      }),
    );
    c.instance = run.Instances?.[0]?.InstanceId ?? "";
    const eip = await ec2.send(
      new AllocateAddressCommand({
        Domain: "vpc",
        TagSpecifications: tagged("elastic-ip", { Name: "web-ip" }),
      }),
    );
    c.elasticIp = eip.AllocationId ?? "";
    c.elasticIpAddress = eip.PublicIp ?? "";
    await ec2.send(new AssociateAddressCommand({ AllocationId: c.elasticIp, InstanceId: c.instance }));
    c.image =
      (
        await ec2.send(
          new CreateImageCommand({
            InstanceId: c.instance,
            Name: "web-golden-2026",
            TagSpecifications: tagged("image", { Release: "2026.1" }),
          }),
        )
      ).ImageId ?? "";
    c.volume =
      (
        await ec2.send(
          new CreateVolumeCommand({
            AvailabilityZone: `${REGION}a`,
            Size: 20,
            Encrypted: true,
            TagSpecifications: tagged("volume", { Name: "data" }),
          }),
        )
      ).VolumeId ?? "";
    c.snapshot =
      (
        await ec2.send(
          new CreateSnapshotCommand({
            VolumeId: c.volume,
            Description: "nightly",
            TagSpecifications: tagged("snapshot", { Backup: "nightly" }),
          }),
        )
      ).SnapshotId ?? "";
    ec2.destroy();

    // --- RDS --------------------------------------------------------------------------------
    const rds = new RDSClient(raw);
    await rds.send(
      new CreateDBClusterCommand({
        DBClusterIdentifier: "orders-aurora",
        Engine: "aurora-postgresql",
        EngineVersion: "15.4",
        MasterUsername: "admin",
        MasterUserPassword: "not-a-real-password-1",
        StorageEncrypted: true,
        Tags: [{ Key: "Owner", Value: "data" }],
      }),
    );
    rds.destroy();

    // --- Load balancing ---------------------------------------------------------------------
    const elbv2 = new ElasticLoadBalancingV2Client(raw);
    c.loadBalancerArn =
      (
        await elbv2.send(
          new CreateLoadBalancerCommand({
            Name: "web-alb",
            Type: "application",
            Scheme: "internet-facing",
            Subnets: [c.subnetA, c.subnetB],
            SecurityGroups: [c.securityGroup],
            Tags: [{ Key: "Team", Value: "web" }],
          }),
        )
      ).LoadBalancers?.[0]?.LoadBalancerArn ?? "";
    c.networkLoadBalancerArn =
      (
        await elbv2.send(
          new CreateLoadBalancerCommand({
            Name: "db-nlb",
            Type: "network",
            Scheme: "internal",
            Subnets: [c.subnetA],
          }),
        )
      ).LoadBalancers?.[0]?.LoadBalancerArn ?? "";
    c.targetGroupArn =
      (
        await elbv2.send(
          new CreateTargetGroupCommand({
            Name: "web-tg",
            Protocol: "HTTP",
            Port: 8080,
            VpcId: c.vpc,
            TargetType: "instance",
            Tags: [{ Key: "Team", Value: "web" }],
          }),
        )
      ).TargetGroups?.[0]?.TargetGroupArn ?? "";
    await elbv2.send(
      new RegisterTargetsCommand({
        TargetGroupArn: c.targetGroupArn,
        Targets: [{ Id: c.instance, Port: 8080 }],
      }),
    );
    elbv2.destroy();
    const elb = new ElasticLoadBalancingClient(raw);
    c.classicLoadBalancer = "legacy-web";
    await elb.send(
      new CreateClassicLoadBalancerCommand({
        LoadBalancerName: c.classicLoadBalancer,
        Listeners: [{ Protocol: "HTTP", LoadBalancerPort: 80, InstanceProtocol: "HTTP", InstancePort: 8080 }],
        AvailabilityZones: [`${REGION}a`],
        Tags: [{ Key: "Legacy", Value: "yes" }],
      }),
    );
    elb.destroy();

    // --- IAM --------------------------------------------------------------------------------
    const iam = new IAMClient(raw);
    c.userArn =
      (
        await iam.send(
          new CreateUserCommand({
            UserName: "alice",
            Path: "/people/",
            Tags: [{ Key: "Team", Value: "ops" }],
          }),
        )
      ).User?.Arn ?? "";
    await iam.send(new CreateUserCommand({ UserName: "bob" }));
    await iam.send(
      new CreateRoleCommand({
        RoleName: "ci-deploy",
        AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
      }),
    );
    c.roleArn =
      (
        await iam.send(
          new CreateRoleCommand({
            RoleName: "app-runtime",
            Description: "runs the app",
            AssumeRolePolicyDocument: JSON.stringify({
              Version: "2012-10-17",
              Statement: [
                { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
              ],
            }),
            Tags: [{ Key: "App", Value: "orders" }],
          }),
        )
      ).Role?.Arn ?? "";
    c.policyArn =
      (
        await iam.send(
          new CreatePolicyCommand({
            PolicyName: "read-orders",
            PolicyDocument: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::orders/*" }],
            }),
            Tags: [{ Key: "App", Value: "orders" }],
          }),
        )
      ).Policy?.Arn ?? "";
    iam.destroy();

    // --- S3 (with storage metrics) and CloudTrail --------------------------------------------
    const s3 = new S3Client({ ...raw, forcePathStyle: true });
    c.bucket = "coworker-logs";
    c.emptyBucket = "coworker-new";
    for (const bucket of [c.bucket, c.emptyBucket])
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: c.bucket,
        Tagging: { TagSet: [{ Key: "Owner", Value: "security" }] },
      }),
    );
    s3.destroy();
    // AWS publishes these itself once a day; moto lets the test publish them.
    const cloudwatch = new CloudWatchClient(raw);
    const dimensions = (storageType: string) => [
      { Name: "BucketName", Value: c.bucket },
      { Name: "StorageType", Value: storageType },
    ];
    const day = 86_400_000;
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: "AWS/S3",
        MetricData: [
          // An older datapoint, then the latest one: the latest wins.
          {
            MetricName: "BucketSizeBytes",
            Dimensions: dimensions("StandardStorage"),
            Timestamp: new Date(NOW.getTime() - 2 * day),
            Value: 1000,
            Unit: "Bytes",
          },
          {
            MetricName: "BucketSizeBytes",
            Dimensions: dimensions("StandardStorage"),
            Timestamp: new Date(NOW.getTime() - day),
            Value: 5_368_709_120,
            Unit: "Bytes",
          },
          {
            MetricName: "NumberOfObjects",
            Dimensions: dimensions("AllStorageTypes"),
            Timestamp: new Date(NOW.getTime() - day),
            Value: 1234,
            Unit: "Count",
          },
        ],
      }),
    );
    cloudwatch.destroy();
    const cloudtrail = new CloudTrailClient(raw);
    c.trailArn =
      (
        await cloudtrail.send(
          new CreateTrailCommand({
            Name: "org-audit",
            S3BucketName: c.bucket,
            IsMultiRegionTrail: true,
            EnableLogFileValidation: true,
            TagsList: [{ Key: "Owner", Value: "security" }],
          }),
        )
      ).TrailARN ?? "";
    await cloudtrail.send(new StartLoggingCommand({ Name: "org-audit" }));
    cloudtrail.destroy();
    const euTrail = new CloudTrailClient({ ...raw, region: OTHER_REGION });
    c.regionalTrailArn =
      (await euTrail.send(new CreateTrailCommand({ Name: "eu-only", S3BucketName: c.bucket }))).TrailARN ??
      "";
    euTrail.destroy();

    // --- KMS --------------------------------------------------------------------------------
    const kms = new KMSClient(raw);
    c.keyId =
      (
        await kms.send(
          new CreateKeyCommand({ Description: "orders data", Tags: [{ TagKey: "App", TagValue: "orders" }] }),
        )
      ).KeyMetadata?.KeyId ?? "";
    await kms.send(new CreateAliasCommand({ AliasName: "alias/orders", TargetKeyId: c.keyId }));
    kms.destroy();

    factory = createClientFactory({
      profile: "moto",
      defaultRegion: REGION,
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
  }, 120_000);

  afterAll(() => {
    factory?.destroy();
    moto?.kill();
  });

  /** How many calls of each action `run` made (from the audit log). */
  async function callsOf<T>(run: () => Promise<T>): Promise<[T, Map<string, number>]> {
    const before = audit.records.length;
    const result = await run();
    const counts = new Map<string, number>();
    for (const r of audit.records.slice(before)) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
    return [result, counts];
  }

  // moto honours page sizes for a few listings only (its EC2 Describe calls answer everything
  // at once); pagination of every listing is proven against the sandbox, which pages them all.
  test("with a small page size, the listings moto pages take several pages and still find everything", async () => {
    const listings: [string, () => Promise<ResourceRecord[]>][] = [
      ["elasticloadbalancing:DescribeLoadBalancers", () => collectLoadBalancers(factory, SMALL_PAGES)],
      ["iam:ListRoles", () => collectIamRoles(factory, SMALL_PAGES)],
    ];
    for (const [action, collect] of listings) {
      const [paged, counts] = await callsOf(collect);
      const whole = await collect();
      expect(counts.get(action) ?? 0, action).toBeGreaterThan(1);
      expect(paged.map((r) => r.id).sort(), action).toEqual(whole.map((r) => r.id).sort());
      expect(paged.length, action).toBeGreaterThan(1);
    }
  });

  test("EC2: the instance, the associated Elastic IP and the AMI the account made", async () => {
    const instances = await collectInstances(factory, SMALL_PAGES);
    expect(find(instances, c.instance)).toMatchObject({
      service: "ec2",
      type: "instance",
      tags: { Name: "web-1" },
    });

    const ips = await collectElasticIps(factory, scope);
    expect(find(ips, c.elasticIp)).toMatchObject({
      service: "ec2",
      type: "elastic-ip",
      arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:elastic-ip/${c.elasticIp}`,
      name: "web-ip",
      tags: { Name: "web-ip" },
      attributes: { publicIp: c.elasticIpAddress, isAssociated: true, instanceId: c.instance },
    });
    expect(find(ips, c.natAllocation).attributes["isAssociated"]).toBe(true);

    const images = await collectImages(factory, SMALL_PAGES);
    // Owners ["self"]: moto's catalogue of public AMIs is not listed, only the one made here.
    expect(images.map((r) => r.id)).toEqual([c.image]);
    expect(find(images, c.image)).toMatchObject({
      service: "ec2",
      type: "image",
      arn: `arn:aws:ec2:${REGION}::image/${c.image}`,
      name: "web-golden-2026",
      state: "available",
      tags: { Release: "2026.1" },
      attributes: { imageName: "web-golden-2026" },
    });
    expect(find(images, c.image).attributes["creationDate"]).toEqual(expect.stringMatching(/^\d{4}-/));
  });

  test("EBS: the volume and its snapshot (owned by the account only)", async () => {
    const volumes = await collectVolumes(factory, SMALL_PAGES);
    expect(find(volumes, c.volume)).toMatchObject({
      tags: { Name: "data" },
      attributes: { sizeGiB: 20, isEncrypted: true },
    });

    const snapshots = await collectSnapshots(factory, SMALL_PAGES);
    expect(find(snapshots, c.snapshot)).toMatchObject({
      service: "ebs",
      type: "snapshot",
      arn: `arn:aws:ec2:${REGION}::snapshot/${c.snapshot}`,
      tags: { Backup: "nightly" },
      attributes: { volumeId: c.volume, volumeSizeGiB: 20, isEncrypted: true, description: "nightly" },
    });
    expect(find(snapshots, c.snapshot).attributes["startTime"]).toEqual(expect.stringMatching(/^\d{4}-/));
    // Only the account's own: this one and the one behind the AMI made here, not the snapshots
    // behind moto's catalogue of public AMIs (moto ignores OwnerIds; the collector checks OwnerId).
    const images = await collectImages(factory, scope);
    const behindImage = String(find(images, c.image).attributes["snapshotIds"]).split(",");
    expect(snapshots.map((s) => s.id).sort()).toEqual([c.snapshot, ...behindImage].sort());
  });

  test("VPC: every networking resource type", async () => {
    const vpcs = await collectVpcs(factory, SMALL_PAGES);
    expect(find(vpcs, c.vpc)).toMatchObject({
      name: "core",
      attributes: { cidrBlock: "10.20.0.0/16", isDefault: false },
    });
    const subnets = await collectSubnets(factory, SMALL_PAGES);
    expect(find(subnets, c.subnetA)).toMatchObject({ name: "core-a", attributes: { vpcId: c.vpc } });

    const tables = await collectRouteTables(factory, SMALL_PAGES);
    expect(find(tables, c.routeTable)).toMatchObject({
      service: "vpc",
      type: "route-table",
      arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:route-table/${c.routeTable}`,
      tags: { Name: "public" },
      attributes: {
        vpcId: c.vpc,
        isMain: false,
        subnetAssociationCount: 1,
        defaultRouteTarget: c.internetGateway,
      },
    });
    // The VPC's main route table comes with it.
    expect(tables.some((t) => t.attributes["vpcId"] === c.vpc && t.attributes["isMain"] === true)).toBe(true);

    const gateways = await collectInternetGateways(factory, SMALL_PAGES);
    expect(find(gateways, c.internetGateway)).toMatchObject({
      type: "internet-gateway",
      name: "core-igw",
      state: "available",
      attributes: { vpcId: c.vpc },
    });

    const nats = await collectNatGateways(factory, SMALL_PAGES);
    expect(find(nats, c.natGateway)).toMatchObject({
      type: "nat-gateway",
      arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:natgateway/${c.natGateway}`,
      name: "core-nat",
      attributes: { vpcId: c.vpc, subnetId: c.subnetA, allocationId: c.natAllocation },
    });

    const acls = await collectNetworkAcls(factory, SMALL_PAGES);
    expect(find(acls, c.networkAcl)).toMatchObject({
      type: "network-acl",
      name: "locked",
      attributes: { vpcId: c.vpc, isDefault: false },
    });
    expect(acls.some((a) => a.attributes["vpcId"] === c.vpc && a.attributes["isDefault"] === true)).toBe(
      true,
    );

    const groups = await collectSecurityGroups(factory, SMALL_PAGES);
    expect(find(groups, c.securityGroup)).toMatchObject({
      type: "security-group",
      arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${c.securityGroup}`,
      name: "web",
      tags: { Team: "web" },
      attributes: {
        groupName: "web",
        description: "web tier",
        vpcId: c.vpc,
        inboundRuleCount: 0,
        outboundRuleCount: 1,
      },
    });

    const interfaces = await collectNetworkInterfaces(factory, SMALL_PAGES);
    expect(find(interfaces, c.networkInterface)).toMatchObject({
      type: "network-interface",
      name: "spare",
      state: "available",
      attributes: { subnetId: c.subnetB, vpcId: c.vpc, attachedTo: null, description: "spare interface" },
    });
    // The instance's primary interface is listed too, attached to it.
    expect(interfaces.some((i) => i.attributes["attachedTo"] === c.instance)).toBe(true);
  });

  test("RDS: the Aurora cluster with its tags", async () => {
    const clusters = await collectDbClusters(factory, scope);
    expect(find(clusters, "orders-aurora")).toMatchObject({
      service: "rds",
      type: "db-cluster",
      arn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:orders-aurora`,
      tags: { Owner: "data" },
      attributes: { engine: "aurora-postgresql", isStorageEncrypted: true, memberCount: 0 },
    });
  });

  test("ELB: the ALB and the classic load balancer; the target group with its target's health", async () => {
    const balancers = await collectLoadBalancers(factory, SMALL_PAGES);
    expect(find(balancers, c.loadBalancerArn)).toMatchObject({
      service: "elb",
      type: "load-balancer",
      arn: c.loadBalancerArn,
      name: "web-alb",
      tags: { Team: "web" },
      attributes: { loadBalancerType: "application", scheme: "internet-facing", vpcId: c.vpc },
    });
    expect(find(balancers, c.loadBalancerArn).attributes["dnsName"]).toEqual(
      expect.stringContaining("web-alb"),
    );
    expect(find(balancers, c.networkLoadBalancerArn)).toMatchObject({
      name: "db-nlb",
      tags: {},
      attributes: { loadBalancerType: "network", scheme: "internal" },
    });
    expect(balancers).toHaveLength(3);
    expect(find(balancers, c.classicLoadBalancer)).toMatchObject({
      type: "load-balancer",
      arn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${c.classicLoadBalancer}`,
      tags: { Legacy: "yes" },
      attributes: { loadBalancerType: "classic" },
    });

    const groups = await collectTargetGroups(factory, SMALL_PAGES);
    const group = find(groups, c.targetGroupArn);
    expect(group).toMatchObject({
      service: "elb",
      type: "target-group",
      name: "web-tg",
      tags: { Team: "web" },
      attributes: { protocol: "HTTP", port: 8080, targetType: "instance", vpcId: c.vpc, targetCount: 1 },
    });
    expect(group.attributes).toMatchObject({ healthyCount: 1, unhealthyCount: 0 });
  });

  test("IAM: the user, the role and the customer managed policy, once, in region global", async () => {
    const users = await collectIamUsers(factory, { account: ACCOUNT, pageSize: 1 });
    expect(find(users, "alice")).toMatchObject({
      service: "iam",
      type: "user",
      arn: c.userArn,
      region: "global",
      tags: { Team: "ops" },
      attributes: { path: "/people/", passwordLastUsed: null },
    });
    const roles = await collectIamRoles(factory, { account: ACCOUNT, pageSize: 1 });
    const role = find(roles, "app-runtime");
    expect(role).toMatchObject({
      type: "role",
      arn: c.roleArn,
      region: "global",
      tags: { App: "orders" },
      attributes: { description: "runs the app", isServiceLinked: false },
    });
    // No policy document (trust policy) is copied into the record.
    expect(JSON.stringify(role)).not.toContain("sts:AssumeRole");

    const policies = await collectIamPolicies(factory, { account: ACCOUNT, pageSize: 1 });
    // Scope Local: moto's (and AWS's) managed policies are not listed.
    expect(policies.map((p) => p.id)).toEqual([c.policyArn]);
    expect(find(policies, c.policyArn)).toMatchObject({
      type: "policy",
      name: "read-orders",
      region: "global",
      tags: { App: "orders" },
      attributes: { attachmentCount: 0, defaultVersionId: "v1" },
    });
    expect(JSON.stringify(policies)).not.toContain("s3:GetObject");
  });

  test("CloudTrail: a multi-region trail appears once, in its home region, with its logging status", async () => {
    const home = await collectTrails(factory, scope);
    expect(home.map((t) => t.id)).toEqual([c.trailArn]);
    expect(find(home, c.trailArn)).toMatchObject({
      service: "cloudtrail",
      type: "trail",
      name: "org-audit",
      region: REGION,
      tags: { Owner: "security" },
      attributes: {
        isLogging: true,
        isMultiRegion: true,
        homeRegion: REGION,
        s3BucketName: c.bucket,
        hasLogFileValidation: true,
      },
    });
    const other = await collectTrails(factory, { account: ACCOUNT, region: OTHER_REGION });
    expect(other.map((t) => t.id)).toEqual([c.regionalTrailArn]);
    expect(find(other, c.regionalTrailArn)).toMatchObject({
      region: OTHER_REGION,
      attributes: { isLogging: false, isMultiRegion: false },
    });
  });

  test("KMS: the customer managed key with its alias and tags", async () => {
    const keys = await collectKeys(factory, SMALL_PAGES);
    expect(find(keys, c.keyId)).toMatchObject({
      service: "kms",
      type: "key",
      arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${c.keyId}`,
      name: "alias/orders",
      state: "Enabled",
      tags: { App: "orders" },
      attributes: { keyManager: "CUSTOMER", aliases: "alias/orders", description: "orders data" },
    });
  });

  test("S3: size and object count from the latest daily storage metrics; none published → null", async () => {
    const buckets = await collectBuckets(factory, scope, { now: () => NOW });
    expect(find(buckets, c.bucket)).toMatchObject({
      tags: { Owner: "security" },
      attributes: { sizeBytes: 5_368_709_120, objectCount: 1234 },
    });
    expect(find(buckets, c.emptyBucket).attributes).toMatchObject({ sizeBytes: null, objectCount: null });
    expect(find(buckets, c.emptyBucket).attributes).not.toHaveProperty("storageMetricsError");
  });

  test("the registry collects every service, and every call was an audited read", async () => {
    const memo = new Map<string, Promise<unknown>>();
    const shared = <T>(key: string, load: () => Promise<T>): Promise<T> => {
      if (!memo.has(key)) memo.set(key, load());
      return memo.get(key) as Promise<T>;
    };
    const found = new Map<string, ResourceRecord>();
    for (const service of INVENTORY_SERVICES) {
      const records = await INVENTORY_SERVICE_SPECS[service].collect({
        factory,
        scope,
        regions: [REGION],
        shared,
        now: () => NOW,
      });
      for (const r of records) {
        expect(r.service).toBe(service);
        expect(r.region).toBe(INVENTORY_SERVICE_SPECS[service].placement === "global" ? "global" : REGION);
        expect(found.has(r.arn), `${r.arn} listed twice`).toBe(false);
        found.set(r.arn, r);
      }
    }
    const types = new Set([...found.values()].map((r) => `${r.service}/${r.type}`));
    expect([...types].sort()).toEqual(
      [
        "cloudtrail/trail",
        "ebs/snapshot",
        "ebs/volume",
        "ec2/elastic-ip",
        "ec2/image",
        "ec2/instance",
        "elb/load-balancer",
        "elb/target-group",
        "iam/policy",
        "iam/role",
        "iam/user",
        "kms/key",
        "rds/db-cluster",
        "s3/bucket",
        "vpc/internet-gateway",
        "vpc/nat-gateway",
        "vpc/network-acl",
        "vpc/network-interface",
        "vpc/route-table",
        "vpc/security-group",
        "vpc/subnet",
        "vpc/vpc",
      ].sort(),
    );
    // Every call the collectors made went through the gate and into the audit log, as a read.
    const records = audit.records;
    expect(records.length).toBeGreaterThan(0);
    // The only error answers: S3's way of saying a bucket has no tags.
    expect(
      records.filter((r) => r.outcome !== "ok" && r.errorName !== "NoSuchTagSet").map((r) => r.action),
    ).toEqual([]);
    expect(records.filter((r) => r.class !== "discovery").map((r) => r.action)).toEqual([]);
  });
});
