/**
 * The regional data the security, security-group, cleanup and Well-Architected audits read:
 * EBS encryption by default, VPC flow logs, public and encrypted snapshots (EBS and RDS),
 * and what CloudTrail answers about each trail.
 */
import type { FlowLog, Snapshot } from "@aws-sdk/client-ec2";
import type { Trail } from "@aws-sdk/client-cloudtrail";
import type { DBSnapshot } from "@aws-sdk/client-rds";
import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { DEV_TRAIL_ARN, P, PROD, SBX, SBX_TRAIL_ARN, STG } from "../../../src/aws/sandbox/demo-ids.js";
import { callerFor, collectPages, expectAwsError, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();
const sandbox = sandboxOf(estate);
const sbx = callerFor(sandbox, "demo-sandbox");
const dev = callerFor(sandbox, "demo-dev");
const stg = callerFor(sandbox, "demo-staging");
const prod = callerFor(sandbox, "demo-prod");
const mgmt = callerFor(sandbox, "demo-mgmt");

describe("EC2 GetEbsEncryptionByDefault", () => {
  it("answers the region's setting: off in the sandbox's us-east-1, on where the builders turned it on", async () => {
    expect(await sbx("ec2", "GetEbsEncryptionByDefault")).toEqual({
      EbsEncryptionByDefault: false,
      SseType: "none",
    });
    expect(await prod("ec2", "GetEbsEncryptionByDefault")).toEqual({
      EbsEncryptionByDefault: true,
      SseType: "sse-ebs",
    });
    expect((await dev("ec2", "GetEbsEncryptionByDefault", {}, "us-west-2")).EbsEncryptionByDefault).toBe(
      false,
    );
  });

  it("is off (AWS's default) in a region the account holds nothing in, and honours DryRun", async () => {
    expect((await mgmt("ec2", "GetEbsEncryptionByDefault", {}, "eu-west-1")).EbsEncryptionByDefault).toBe(
      false,
    );
    await expectAwsError(prod("ec2", "GetEbsEncryptionByDefault", { DryRun: true }), "DryRunOperation", 412);
  });
});

describe("EC2 DescribeFlowLogs", () => {
  it("lists one ACTIVE flow log per VPC, to S3, and none for the sandbox's default VPC", async () => {
    const out = await dev("ec2", "DescribeFlowLogs", { MaxResults: 1000 });
    const logs = out.FlowLogs as FlowLog[];
    const vpcs = (estate.accounts[2]?.regions["us-east-1"]?.vpcs ?? []).map((v) => v.id);
    expect(logs.map((f) => f.ResourceId).sort()).toEqual([...vpcs].sort());
    expect(logs[0]).toMatchObject({
      FlowLogId: expect.stringMatching(/^fl-[0-9a-f]{17}$/),
      FlowLogStatus: "ACTIVE",
      DeliverLogsStatus: "SUCCESS",
      TrafficType: "ALL",
      LogDestinationType: "s3",
      LogDestination: "arn:aws:s3:::northwind-cloudtrail-333333333333/vpc-flow-logs/",
      CreationTime: expect.any(Date),
    });
    const sandboxLogs = (await sbx("ec2", "DescribeFlowLogs", { MaxResults: 1000 })).FlowLogs as FlowLog[];
    expect(sandboxLogs.map((f) => f.ResourceId)).not.toContain(P.sbxDefaultVpc);
    expect(
      await sbx("ec2", "DescribeFlowLogs", { Filter: [{ Name: "resource-id", Values: [P.sbxDefaultVpc] }] }),
    ).toEqual({ FlowLogs: [] });
  });

  it("filters (in `Filter`) by resource-id, flow-log-id, traffic-type and log-destination-type; FlowLogIds", async () => {
    const [first] = (await prod("ec2", "DescribeFlowLogs", {})).FlowLogs as FlowLog[];
    const byResource = await prod("ec2", "DescribeFlowLogs", {
      Filter: [
        { Name: "resource-id", Values: [first?.ResourceId ?? ""] },
        { Name: "traffic-type", Values: ["ALL"] },
        { Name: "log-destination-type", Values: ["s3"] },
        { Name: "deliver-log-status", Values: ["SUCCESS"] },
      ],
    });
    expect((byResource.FlowLogs as FlowLog[]).map((f) => f.FlowLogId)).toEqual([first?.FlowLogId]);
    const byId = await prod("ec2", "DescribeFlowLogs", { FlowLogIds: [first?.FlowLogId ?? ""] });
    expect((byId.FlowLogs as FlowLog[]).map((f) => f.FlowLogId)).toEqual([first?.FlowLogId]);
    expect(
      await prod("ec2", "DescribeFlowLogs", { Filter: [{ Name: "traffic-type", Values: ["REJECT"] }] }),
    ).toEqual({ FlowLogs: [] });
    await expectAwsError(
      prod("ec2", "DescribeFlowLogs", { Filter: [{ Name: "colour", Values: ["x"] }] }),
      "InvalidParameterValue",
    );
  });

  it("pages with MaxResults 1–1000 and NextToken", async () => {
    const eu = await collectPages(async (token) => {
      const out = await prod("ec2", "DescribeFlowLogs", { MaxResults: 1, NextToken: token }, "eu-west-1");
      return { items: out.FlowLogs as FlowLog[], next: out.NextToken as string | undefined };
    });
    expect(eu.items).toHaveLength(1);
    await expectAwsError(prod("ec2", "DescribeFlowLogs", { MaxResults: 0 }), "InvalidParameterValue");
    await expectAwsError(prod("ec2", "DescribeFlowLogs", { MaxResults: 1001 }), "InvalidParameterValue");
    await expectAwsError(prod("ec2", "DescribeFlowLogs", { NextToken: "nope" }), "InvalidPaginationToken");
  });
});

describe("EC2 DescribeSnapshots with RestorableByUserIds, DescribeSnapshotAttribute", () => {
  it("answers the public snapshots for RestorableByUserIds all, other accounts' included", async () => {
    const fromProd = await prod("ec2", "DescribeSnapshots", { RestorableByUserIds: ["all"] });
    expect((fromProd.Snapshots as Snapshot[]).map((s) => [s.SnapshotId, s.OwnerId, s.Encrypted])).toEqual([
      [P.sbxPublicSnapshot, SBX, false],
    ]);
    const ownPublic = await prod("ec2", "DescribeSnapshots", {
      OwnerIds: ["self"],
      RestorableByUserIds: ["all"],
    });
    expect(ownPublic.Snapshots).toEqual([]);
    const sandboxOwn = await sbx("ec2", "DescribeSnapshots", {
      OwnerIds: ["self"],
      RestorableByUserIds: ["all"],
    });
    expect((sandboxOwn.Snapshots as Snapshot[]).map((s) => s.SnapshotId)).toEqual([P.sbxPublicSnapshot]);
  });

  it("keeps answering only the account's own snapshots without OwnerIds or RestorableByUserIds", async () => {
    const own = await collectPages(async (token) => {
      const out = await prod("ec2", "DescribeSnapshots", { MaxResults: 1000, NextToken: token });
      return { items: out.Snapshots as Snapshot[], next: out.NextToken as string | undefined };
    });
    expect(new Set(own.items.map((s) => s.OwnerId))).toEqual(new Set([PROD]));
    // A public snapshot of another account can be asked for by id.
    const byId = await prod("ec2", "DescribeSnapshots", { SnapshotIds: [P.sbxPublicSnapshot] });
    expect((byId.Snapshots as Snapshot[])[0]?.OwnerId).toBe(SBX);
  });

  it("answers createVolumePermission (group all when public) and productCodes", async () => {
    expect(
      await sbx("ec2", "DescribeSnapshotAttribute", {
        SnapshotId: P.sbxPublicSnapshot,
        Attribute: "createVolumePermission",
      }),
    ).toEqual({ SnapshotId: P.sbxPublicSnapshot, CreateVolumePermissions: [{ Group: "all" }] });
    expect(
      await stg("ec2", "DescribeSnapshotAttribute", {
        SnapshotId: P.stgUnencryptedSnapshot,
        Attribute: "createVolumePermission",
      }),
    ).toEqual({ SnapshotId: P.stgUnencryptedSnapshot, CreateVolumePermissions: [] });
    expect(
      await sbx("ec2", "DescribeSnapshotAttribute", {
        SnapshotId: P.sbxPublicSnapshot,
        Attribute: "productCodes",
      }),
    ).toEqual({ SnapshotId: P.sbxPublicSnapshot, ProductCodes: [] });
  });

  it("refuses unknown, malformed and other accounts' snapshots and unknown attributes", async () => {
    await expectAwsError(
      sbx("ec2", "DescribeSnapshotAttribute", {
        SnapshotId: "snap-0000000000000dead",
        Attribute: "createVolumePermission",
      }),
      "InvalidSnapshot.NotFound",
    );
    await expectAwsError(
      prod("ec2", "DescribeSnapshotAttribute", {
        SnapshotId: P.sbxPublicSnapshot,
        Attribute: "productCodes",
      }),
      "InvalidSnapshot.NotFound",
    );
    await expectAwsError(
      sbx("ec2", "DescribeSnapshotAttribute", { SnapshotId: "snap-x", Attribute: "productCodes" }),
      "InvalidSnapshotID.Malformed",
    );
    await expectAwsError(
      sbx("ec2", "DescribeSnapshotAttribute", { SnapshotId: P.sbxPublicSnapshot, Attribute: "colour" }),
      "InvalidParameterValue",
    );
  });

  it("tells which AMI snapshots are encrypted (all of them in the demo)", async () => {
    const out = await prod("ec2", "DescribeImages", { Owners: ["self"] });
    const images = out.Images as { BlockDeviceMappings: { Ebs: { Encrypted: boolean } }[] }[];
    expect(images.length).toBeGreaterThan(0);
    expect(images.every((i) => i.BlockDeviceMappings.every((m) => m.Ebs.Encrypted))).toBe(true);
  });
});

describe("RDS DescribeDBSnapshots, DescribeDBSnapshotAttributes", () => {
  it("lists the account's automated and manual snapshots", async () => {
    const out = await stg("rds", "DescribeDBSnapshots", { MaxRecords: 100 });
    const snapshots = out.DBSnapshots as DBSnapshot[];
    expect(snapshots.map((s) => [s.DBInstanceIdentifier, s.SnapshotType]).sort()).toEqual(
      [
        ["stg-reporting-mysql", "automated"],
        ["stg-reporting-mysql", "manual"],
        ["stg-warehouse-pg", "automated"],
      ].sort(),
    );
    const manual = snapshots.find((s) => s.SnapshotType === "manual");
    expect(manual).toMatchObject({
      DBSnapshotIdentifier: P.stgPublicDbSnapshot,
      DBSnapshotArn: `arn:aws:rds:us-east-1:${STG}:snapshot:${P.stgPublicDbSnapshot}`,
      Encrypted: false,
      Status: "available",
      Engine: "mysql",
      SnapshotCreateTime: expect.any(Date),
      PercentProgress: 100,
    });
    const automated = snapshots.find((s) => s.DBInstanceIdentifier === "stg-warehouse-pg");
    expect(automated?.DBSnapshotIdentifier).toMatch(/^rds:stg-warehouse-pg-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}$/);
    expect(automated?.Encrypted).toBe(true);
    expect(automated?.KmsKeyId).toMatch(/^arn:aws:kms:us-east-1:444444444444:key\//);
  });

  it("selects by SnapshotType, DBInstanceIdentifier and filters", async () => {
    const manual = await stg("rds", "DescribeDBSnapshots", { SnapshotType: "manual" });
    expect((manual.DBSnapshots as DBSnapshot[]).map((s) => s.DBSnapshotIdentifier)).toEqual([
      P.stgPublicDbSnapshot,
    ]);
    const byInstance = await stg("rds", "DescribeDBSnapshots", { DBInstanceIdentifier: "stg-warehouse-pg" });
    expect((byInstance.DBSnapshots as DBSnapshot[]).map((s) => s.SnapshotType)).toEqual(["automated"]);
    const filtered = await stg("rds", "DescribeDBSnapshots", {
      Filters: [
        { Name: "snapshot-type", Values: ["automated"] },
        { Name: "engine", Values: ["mysql"] },
      ],
    });
    expect((filtered.DBSnapshots as DBSnapshot[]).map((s) => s.DBInstanceIdentifier)).toEqual([
      "stg-reporting-mysql",
    ]);
    await expectAwsError(
      stg("rds", "DescribeDBSnapshots", { Filters: [{ Name: "colour", Values: ["x"] }] }),
      "InvalidParameterValue",
    );
    expect(await stg("rds", "DescribeDBSnapshots", { DBInstanceIdentifier: "no-such-db" })).toEqual({
      DBSnapshots: [],
    });
  });

  it("shows other accounts' public snapshots with IncludePublic or SnapshotType public", async () => {
    const plain = await prod("rds", "DescribeDBSnapshots", { MaxRecords: 100 });
    expect((plain.DBSnapshots as DBSnapshot[]).map((s) => s.DBSnapshotIdentifier)).not.toContain(
      P.stgPublicDbSnapshot,
    );
    const withPublic = await prod("rds", "DescribeDBSnapshots", { MaxRecords: 100, IncludePublic: true });
    expect((withPublic.DBSnapshots as DBSnapshot[]).map((s) => s.DBSnapshotIdentifier)).toContain(
      P.stgPublicDbSnapshot,
    );
    const onlyPublic = await prod("rds", "DescribeDBSnapshots", { SnapshotType: "public" });
    expect((onlyPublic.DBSnapshots as DBSnapshot[]).map((s) => s.DBSnapshotArn)).toEqual([
      `arn:aws:rds:us-east-1:${STG}:snapshot:${P.stgPublicDbSnapshot}`,
    ]);
    expect(await prod("rds", "DescribeDBSnapshots", { SnapshotType: "shared" })).toEqual({ DBSnapshots: [] });
  });

  it("says DBSnapshotNotFound (404) for an unknown identifier, and for an automated one without SnapshotType", async () => {
    await expectAwsError(
      stg("rds", "DescribeDBSnapshots", { DBSnapshotIdentifier: "no-such-snapshot" }),
      "DBSnapshotNotFound",
      404,
    );
    const automated = estate.accounts[3]?.regions["us-east-1"]?.dbSnapshots.find(
      (s) => s.snapshotType === "automated",
    );
    const id = automated?.identifier ?? "";
    await expectAwsError(
      stg("rds", "DescribeDBSnapshots", { DBSnapshotIdentifier: id }),
      "DBSnapshotNotFound",
      404,
    );
    const found = await stg("rds", "DescribeDBSnapshots", {
      DBSnapshotIdentifier: id,
      SnapshotType: "automated",
    });
    expect((found.DBSnapshots as DBSnapshot[]).map((s) => s.DBSnapshotIdentifier)).toEqual([id]);
  });

  it("pages with MaxRecords 20–100 and Marker", async () => {
    await expectAwsError(stg("rds", "DescribeDBSnapshots", { MaxRecords: 19 }), "InvalidParameterValue");
    await expectAwsError(stg("rds", "DescribeDBSnapshots", { MaxRecords: 101 }), "InvalidParameterValue");
    const pages = await collectPages(async (token) => {
      const out = await stg("rds", "DescribeDBSnapshots", { Marker: token }, "us-east-1");
      return { items: out.DBSnapshots as DBSnapshot[], next: out.Marker as string | undefined };
    });
    expect(pages.items).toHaveLength(3);
    await expectAwsError(stg("rds", "DescribeDBSnapshots", { Marker: "nope" }), "InvalidParameterValue");
  });

  it("answers the restore attribute: all for a public snapshot, empty otherwise", async () => {
    expect(
      await stg("rds", "DescribeDBSnapshotAttributes", { DBSnapshotIdentifier: P.stgPublicDbSnapshot }),
    ).toEqual({
      DBSnapshotAttributesResult: {
        DBSnapshotIdentifier: P.stgPublicDbSnapshot,
        DBSnapshotAttributes: [{ AttributeName: "restore", AttributeValues: ["all"] }],
      },
    });
    const automated = estate.accounts[3]?.regions["us-east-1"]?.dbSnapshots[0]?.identifier ?? "";
    const out = await stg("rds", "DescribeDBSnapshotAttributes", { DBSnapshotIdentifier: automated });
    expect(out.DBSnapshotAttributesResult).toMatchObject({
      DBSnapshotAttributes: [{ AttributeName: "restore", AttributeValues: [] }],
    });
    await expectAwsError(
      stg("rds", "DescribeDBSnapshotAttributes", { DBSnapshotIdentifier: "no-such-snapshot" }),
      "DBSnapshotNotFound",
      404,
    );
  });
});

describe("RDS DB instances for the Well-Architected checks", () => {
  it("answers MultiAZ and BackupRetentionPeriod per the estate", async () => {
    const out = await dev("rds", "DescribeDBInstances", { MaxRecords: 100 });
    const byId = new Map(
      (
        out.DBInstances as { DBInstanceIdentifier: string; MultiAZ: boolean; BackupRetentionPeriod: number }[]
      ).map((d) => [d.DBInstanceIdentifier, [d.MultiAZ, d.BackupRetentionPeriod]]),
    );
    expect(byId.get(P.devSingleAzDb)).toEqual([false, 7]);
    expect(byId.get(P.devNoBackupDb)).toEqual([true, 0]);
    expect(byId.get("dev-analytics-aurora-1")).toEqual([false, 7]);
  });
});

describe("CloudTrail per-trail settings", () => {
  it("answers IsMultiRegionTrail, LogFileValidationEnabled and KmsKeyId as the estate holds them", async () => {
    const devTrail = (
      (await dev("cloudtrail", "DescribeTrails", { trailNameList: [DEV_TRAIL_ARN] })).trailList as Trail[]
    )[0];
    expect(devTrail).toMatchObject({
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: false,
      KmsKeyId: expect.stringMatching(/^arn:aws:kms:us-east-1:333333333333:key\//),
      IsOrganizationTrail: false,
    });
    const sbxTrail = (
      (await sbx("cloudtrail", "DescribeTrails", { trailNameList: [SBX_TRAIL_ARN] })).trailList as Trail[]
    )[0];
    expect(sbxTrail?.LogFileValidationEnabled).toBe(true);
    expect(sbxTrail?.KmsKeyId).toBeUndefined();
  });

  it("shows a member account the organization trail only as a shadow, logging", async () => {
    const own = await prod("cloudtrail", "DescribeTrails", { includeShadowTrails: false });
    expect((own.trailList as Trail[]).map((t) => t.IsOrganizationTrail)).toEqual([false]);
    const all = (await prod("cloudtrail", "DescribeTrails", {}, "ap-southeast-2")).trailList as Trail[];
    const org = all.find((t) => t.IsOrganizationTrail === true);
    expect(org).toMatchObject({
      HomeRegion: "us-east-1",
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
    });
    expect(
      (await prod("cloudtrail", "GetTrailStatus", { Name: org?.TrailARN }, "ap-southeast-2")).IsLogging,
    ).toBe(true);
  });
});

describe("CloudTrail: the organization trail seen from a member account", () => {
  it("must be named by its ARN, not its name, even in its home region", async () => {
    await expectAwsError(
      prod("cloudtrail", "GetTrailStatus", { Name: "northwind-org-trail" }),
      "TrailNotFoundException",
    );
    expect(await prod("cloudtrail", "DescribeTrails", { trailNameList: ["northwind-org-trail"] })).toEqual({
      trailList: [],
    });
    expect((await mgmt("cloudtrail", "GetTrailStatus", { Name: "northwind-org-trail" })).IsLogging).toBe(
      true,
    );
  });
});

describe("EC2 DescribeInstances: when a stopped instance stopped", () => {
  it("answers StateTransitionReason with the stop time and StateReason UserInitiatedShutdown", async () => {
    const out = await dev("ec2", "DescribeInstances", { InstanceIds: [P.devPartialInstance] });
    const [instance] = (out.Reservations as { Instances: Record<string, unknown>[] }[])[0]?.Instances ?? [];
    expect(instance?.State).toEqual({ Code: 80, Name: "stopped" });
    expect(instance?.StateTransitionReason).toBe("User initiated (2026-09-17 00:00:00 GMT)");
    expect(instance?.StateReason).toEqual({
      Code: "Client.UserInitiatedShutdown",
      Message: "Client.UserInitiatedShutdown: User initiated shutdown",
    });
  });
});
