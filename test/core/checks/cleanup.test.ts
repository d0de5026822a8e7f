/** Edge cases of the cleanup, cost and RDS checks: dates AWS writes, related images, idle balancers, Aurora. */
import { describe, expect, it } from "vitest";
import type { AuditRecord } from "../../../src/core/audit/records.js";
import { ageInDays, stoppedAt } from "../../../src/core/checks/age.js";
import type { AnyCheck } from "../../../src/core/checks/check.js";
import { snapshotOld } from "../../../src/core/checks/ebs/snapshot-old.js";
import { volumeUnattached } from "../../../src/core/checks/ebs/volume-unattached.js";
import { eipUnassociated } from "../../../src/core/checks/ec2/eip-unassociated.js";
import { eniOrphaned } from "../../../src/core/checks/ec2/eni-orphaned.js";
import { instanceStoppedLong } from "../../../src/core/checks/ec2/instance-stopped-long.js";
import { previousGenerationType } from "../../../src/core/checks/ec2/previous-generation-type.js";
import { loadBalancerIdle } from "../../../src/core/checks/elb/load-balancer-idle.js";
import { rdsBackupsOff } from "../../../src/core/checks/rds/backups-off.js";
import { rdsMultiAzOff } from "../../../src/core/checks/rds/multi-az-off.js";
import { rdsPubliclyAccessible } from "../../../src/core/checks/rds/publicly-accessible.js";
import {
  daysAgo,
  dbInstance,
  elasticIp,
  image,
  instance,
  loadBalancer,
  networkInterface,
  NOW,
  runChecks,
  snapshot,
  summaryOf,
  volume,
} from "./_records.js";

/** `fail`, `pass` or `n/a` for the first record, and the failure if any. */
function verdictOf(check: AnyCheck, records: AuditRecord[]) {
  const evaluation = runChecks([check], records);
  const summary = summaryOf(evaluation, check.id);
  const finding = evaluation.findings.find((f) => f.resource.id === records[0]?.id);
  const status = finding?.status ?? (summary.passed > 0 ? "pass" : summary.evaluated === 0 ? "n/a" : "?");
  return { status, finding };
}

describe("stoppedAt and ageInDays", () => {
  it.each<[string | undefined, string | undefined]>([
    ["User initiated (2026-09-01 10:00:00 GMT)", "2026-09-01T10:00:00.000Z"],
    ["Service initiated (2025-01-31 23:59:59 GMT)", "2025-01-31T23:59:59.000Z"],
    ["User initiated", undefined],
    ["Server.InternalError: Internal error on launch", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("reads %j as %j", (reason, iso) => {
    expect(stoppedAt(reason)).toBe(iso);
  });

  it.each<[string | undefined, number | undefined]>([
    ["2026-11-24T12:00:00.000Z", 0],
    ["2026-11-23T12:00:01.000Z", 0],
    ["2026-11-23T12:00:00.000Z", 1],
    ["2025-11-24T12:00:00.000Z", 365],
    ["not a date", undefined],
    [undefined, undefined],
  ])("%j is %j whole days before now", (iso, days) => {
    expect(ageInDays(iso, NOW)).toBe(days);
  });
});

describe("ec2.instance-stopped-long", () => {
  const stopped = (reason: string | undefined) =>
    instance("i-1", { state: "stopped", stateTransitionReason: reason });

  it.each<[string, AuditRecord[], string]>([
    [
      "stopped on a date AWS wrote 84 days ago",
      [stopped("User initiated (2026-09-01 10:00:00 GMT)")],
      "fail",
    ],
    [
      "stopped exactly 30 days ago (the limit)",
      [stopped("User initiated (2026-10-25 12:00:00 GMT)")],
      "pass",
    ],
    ["stopped 31 days ago", [stopped("User initiated (2026-10-24 12:00:00 GMT)")], "fail"],
    ["stopped, the reason without a date (no guess)", [stopped("User initiated")], "pass"],
    ["stopped, no reason", [stopped(undefined)], "pass"],
    ["running", [instance("i-1", { state: "running" })], "n/a"],
    ["stopping", [instance("i-1", { state: "stopping" })], "n/a"],
  ])("%s: %s", (_, records, status) => {
    expect(verdictOf(instanceStoppedLong, records).status).toBe(status);
  });

  it("prices only its own volumes of the same region, with the region's prices", () => {
    const { finding } = verdictOf(instanceStoppedLong, [
      instance("i-1", {
        region: "eu-west-1",
        state: "stopped",
        stateTransitionReason: "User initiated (2026-01-01 00:00:00 GMT)",
        volumeIds: ["vol-1"],
      }),
      volume("vol-1", { region: "eu-west-1", sizeGiB: 100, volumeType: "gp2" }),
      volume("vol-1", { sizeGiB: 1000, volumeType: "gp2" }),
      volume("vol-9", { region: "eu-west-1", sizeGiB: 1000, attachedInstanceIds: ["i-2"] }),
    ]);
    // 100 GiB × $0.11/GB-month (gp2, eu-west-1)
    expect(finding?.monthlyCostUsd).toBe(11);
    expect(finding?.message).toContain("its 1 volume costs about $11.00/month");
  });

  it("costs nothing when it has no volumes", () => {
    const { finding } = verdictOf(instanceStoppedLong, [stopped("User initiated (2026-09-01 10:00:00 GMT)")]);
    expect(finding?.monthlyCostUsd).toBe(0);
  });
});

describe("ebs.snapshot-old", () => {
  it.each<[string, AuditRecord[], string]>([
    ["400 days old, no AMI", [snapshot("snap-1", { startedAt: daysAgo(400) })], "fail"],
    [
      "400 days old, used by an AMI",
      [
        snapshot("snap-1", { startedAt: daysAgo(400) }),
        image("ami-1", { snapshotIds: ["snap-9", "snap-1"] }),
      ],
      "pass",
    ],
    [
      "400 days old, an AMI of another region uses the same id",
      [
        snapshot("snap-1", { startedAt: daysAgo(400) }),
        image("ami-1", { region: "eu-west-1", snapshotIds: ["snap-1"] }),
      ],
      "fail",
    ],
    ["exactly 365 days old (the limit)", [snapshot("snap-1", { startedAt: daysAgo(365) })], "pass"],
    ["366 days old", [snapshot("snap-1", { startedAt: daysAgo(366) })], "fail"],
    ["no start time", [snapshot("snap-1", { startedAt: undefined })], "pass"],
    ["pending", [snapshot("snap-1", { state: "pending", startedAt: daysAgo(400) })], "n/a"],
  ])("%s: %s", (_, records, status) => {
    expect(verdictOf(snapshotOld, records).status).toBe(status);
  });

  it("prices an upper bound with the region's snapshot price", () => {
    const { finding } = verdictOf(snapshotOld, [
      snapshot("snap-1", { region: "eu-central-1", startedAt: daysAgo(400), sizeGiB: 100 }),
    ]);
    // at most 100 GiB × $0.054/GB-month
    expect(finding?.monthlyCostUsd).toBe(5.4);
    expect(finding?.evidence.costBasis).toBe(
      "at most 100 GiB × $0.054/GB-month (snapshot storage, eu-central-1)",
    );
  });
});

describe("elb.load-balancer-idle", () => {
  it.each<[string, Parameters<typeof loadBalancer>[1], string, string | undefined]>([
    [
      "healthy targets and requests",
      { registeredTargets: 2, healthyTargets: 2, requestCount: 10 },
      "pass",
      undefined,
    ],
    [
      "healthy targets, requests unknown",
      { registeredTargets: 2, healthyTargets: 2, requestCount: undefined },
      "pass",
      undefined,
    ],
    [
      "no targets",
      { registeredTargets: 0, healthyTargets: 0, requestCount: 10 },
      "fail",
      "no registered targets",
    ],
    [
      "no targets, requests unknown",
      { registeredTargets: 0, healthyTargets: 0, requestCount: undefined },
      "fail",
      "no registered targets",
    ],
    [
      "no healthy targets",
      { registeredTargets: 3, healthyTargets: 0, requestCount: 10 },
      "fail",
      "no healthy targets",
    ],
    [
      "no requests",
      { registeredTargets: 2, healthyTargets: 2, requestCount: 0 },
      "fail",
      "no requests in 14 days",
    ],
    [
      "no targets and no requests",
      { registeredTargets: 0, healthyTargets: 0, requestCount: 0 },
      "fail",
      "no registered targets, no requests in 14 days",
    ],
  ])("%s: %s", (_, fields, status, why) => {
    const { status: got, finding } = verdictOf(loadBalancerIdle, [
      loadBalancer("lb-1", { name: "web", ...fields }),
    ]);
    expect(got).toBe(status);
    if (why !== undefined) expect(finding?.message).toContain(`web is idle (${why})`);
  });

  it("keeps an unknown request count unknown in the evidence", () => {
    const { finding } = verdictOf(loadBalancerIdle, [
      loadBalancer("lb-1", { registeredTargets: 0, healthyTargets: 0, requestCount: undefined }),
    ]);
    expect(finding?.evidence).toMatchObject({ requestCount: null });
  });

  it.each<[string, string, number]>([
    ["application", "us-east-1", 16.43],
    ["network", "eu-west-1", 18.4],
    ["classic", "us-east-1", 18.25],
    ["gateway", "eu-central-1", 10.95],
    ["application", "sa-east-1", 16.43],
  ])("prices an idle %s load balancer in %s at $%s/month", (type, region, usd) => {
    const { finding } = verdictOf(loadBalancerIdle, [
      loadBalancer("lb-1", { region, loadBalancerType: type, registeredTargets: 0, healthyTargets: 0 }),
    ]);
    expect(finding?.monthlyCostUsd).toBe(usd);
  });

  it("says when a region is priced as us-east-1", () => {
    const { finding } = verdictOf(loadBalancerIdle, [
      loadBalancer("lb-1", { region: "sa-east-1", registeredTargets: 0, healthyTargets: 0 }),
    ]);
    expect(finding?.evidence.costBasis).toContain("sa-east-1 not in the price table: us-east-1 prices");
  });
});

describe("the other cleanup checks", () => {
  it.each<[string, AnyCheck, AuditRecord[], string]>([
    [
      "an EIP on an interface only",
      eipUnassociated,
      [elasticIp("eipalloc-1", { networkInterfaceId: "eni-1" })],
      "pass",
    ],
    [
      "a requester-managed detached interface",
      eniOrphaned,
      [networkInterface("eni-1", { status: "available", isRequesterManaged: true })],
      "n/a",
    ],
    ["an attaching interface", eniOrphaned, [networkInterface("eni-1", { status: "attaching" })], "pass"],
    ["a volume being created", volumeUnattached, [volume("vol-1", { state: "creating" })], "pass"],
    ["a t2 instance", previousGenerationType, [instance("i-1", { instanceType: "t2.micro" })], "fail"],
    ["a t3 instance", previousGenerationType, [instance("i-1", { instanceType: "t3.micro" })], "pass"],
    [
      "a c4 instance, not c4-like c7gn",
      previousGenerationType,
      [instance("i-1", { instanceType: "c7gn.large" })],
      "pass",
    ],
    [
      "a terminated m4 instance",
      previousGenerationType,
      [instance("i-1", { state: "terminated", instanceType: "m4.large" })],
      "n/a",
    ],
  ])("%s: %s", (_, check, records, status) => {
    expect(verdictOf(check, records).status).toBe(status);
  });

  it("prices an unattached volume of unknown type as gp2", () => {
    const { finding } = verdictOf(volumeUnattached, [
      volume("vol-1", { state: "available", volumeType: undefined, sizeGiB: 10 }),
    ]);
    expect(finding?.monthlyCostUsd).toBe(1);
    expect(finding?.message).toBe("vol-1 (10 GiB) is attached to nothing, costing about $1.00/month");
  });
});

describe("the RDS checks", () => {
  it.each<[string, AnyCheck, AuditRecord, string]>([
    [
      "an Aurora member without Multi-AZ",
      rdsMultiAzOff,
      dbInstance("db-1", { engine: "aurora-postgresql", clusterId: "c-1", isMultiAz: false }),
      "n/a",
    ],
    [
      "an instance whose Multi-AZ is unknown",
      rdsMultiAzOff,
      dbInstance("db-1", { isMultiAz: undefined }),
      "pass",
    ],
    [
      "unknown public accessibility",
      rdsPubliclyAccessible,
      dbInstance("db-1", { isPubliclyAccessible: undefined }),
      "pass",
    ],
    [
      "unknown backup retention",
      rdsBackupsOff,
      dbInstance("db-1", { backupRetentionDays: undefined }),
      "pass",
    ],
    ["one day of backups", rdsBackupsOff, dbInstance("db-1", { backupRetentionDays: 1 }), "pass"],
  ])("%s: %s", (_, check, record, status) => {
    expect(verdictOf(check, [record]).status).toBe(status);
  });
});
