/**
 * Where the audits' records come from: one scan source per record kind, each a collector of
 * src/aws/collectors. A workflow reads only the kinds its checks apply to or use.
 */
import { collectDbInstanceRecords } from "../../aws/collectors/audit-rds.js";
import {
  collectElasticIpRecords,
  collectImageRecords,
  collectInstanceRecords,
  collectNetworkInterfaceRecords,
  collectSecurityGroupRecords,
  collectSnapshotRecords,
  collectVolumeRecords,
} from "../../aws/collectors/audit-ec2.js";
import { collectLoadBalancerRecords } from "../../aws/collectors/audit-elb.js";
import type { AuditRecord, AuditRecordKind } from "../../core/audit/records.js";
import type { ScanSource } from "../scan/run-scan.js";

export interface AuditSourceOptions {
  /** Days of load balancer traffic read from CloudWatch. */
  idleLoadBalancerDays: number;
  now: () => Date;
}

/** Kinds with a collector of their own (tag compliance reads the inventory instead). */
export type CollectedKind = Exclude<AuditRecordKind, "tagged-resource">;

export function auditSources(options: AuditSourceOptions): Record<CollectedKind, ScanSource<AuditRecord>> {
  const regional = (label: string, collect: ScanSource<AuditRecord>["collect"]): ScanSource<AuditRecord> => ({
    label,
    placement: "regional",
    collect,
  });
  return {
    "security-group": regional("security groups", ({ factory, scope }) =>
      collectSecurityGroupRecords(factory, scope),
    ),
    "network-interface": regional("network interfaces", ({ factory, scope }) =>
      collectNetworkInterfaceRecords(factory, scope),
    ),
    instance: regional("EC2 instances", ({ factory, scope }) => collectInstanceRecords(factory, scope)),
    volume: regional("EBS volumes", ({ factory, scope }) => collectVolumeRecords(factory, scope)),
    snapshot: regional("EBS snapshots", ({ factory, scope }) => collectSnapshotRecords(factory, scope)),
    image: regional("AMIs", ({ factory, scope }) => collectImageRecords(factory, scope)),
    "elastic-ip": regional("Elastic IPs", ({ factory, scope }) => collectElasticIpRecords(factory, scope)),
    "load-balancer": regional("load balancers", ({ factory, scope }) =>
      collectLoadBalancerRecords(factory, scope, {
        windowDays: options.idleLoadBalancerDays,
        now: options.now(),
      }),
    ),
    "db-instance": regional("RDS DB instances", ({ factory, scope }) =>
      collectDbInstanceRecords(factory, scope),
    ),
  };
}
