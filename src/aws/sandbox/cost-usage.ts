/**
 * What Cost Explorer bills in the sandbox: one day's cost lines of an account, derived from
 * what it runs and since when, at the price table's prices (src/core/cost/pricing.ts for EBS,
 * snapshots, public IPv4 and load balancers, so the bill agrees with the cleanup estimates;
 * costs.ts for instance and database hours), plus the account's cost events (a spike, a new
 * service). Usage-priced services (Lambda, S3, CloudTrail) carry a little deterministic noise.
 *
 * Billing runs up to the estate's `capturedAt`: that day is billed for the hours elapsed, and
 * later days bill nothing (they are what GetCostForecast projects).
 */
import {
  ebsSnapshotMonthly,
  ebsVolumeMonthly,
  HOURS_PER_MONTH,
  loadBalancerMonthly,
  publicIpv4Monthly,
} from "../../core/cost/pricing.js";
import { COST_SERVICES, DB_HOURLY, INSTANCE_HOURLY } from "./costs.js";
import type { EstateAccount, Tags } from "./estate.js";
import { hashString } from "./prng.js";

export const DAY_MS = 86_400_000;

export interface CostLine {
  account: string;
  service: string;
  region: string;
  /** The usage's cost allocation tags. */
  tags: Tags;
  usd: number;
}

/** `YYYY-MM-DD` of a moment (UTC). */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The fraction of the day starting at `dayStart` during which something that began at `since` ran, until `until`. */
function fractionOf(dayStart: number, since: number, until: number): number {
  const from = Math.max(dayStart, since);
  const to = Math.min(dayStart + DAY_MS, until);
  return to > from ? (to - from) / DAY_MS : 0;
}

/** 0.9–1.1, stable for a key and a day. */
function noise(key: string, day: string): number {
  return 0.9 + (hashString(`${key}|${day}`) % 2001) / 10_000;
}

/**
 * The cost lines of one account for the day starting at `dayStart` (a UTC midnight), billed
 * up to `until` (ms): a day past `until` bills nothing (the forecast passes the day's end).
 */
export function dailyCostLines(account: EstateAccount, dayStart: number, until: number): CostLine[] {
  const day = dayOf(dayStart);
  const lines = new Map<string, CostLine>();
  const add = (service: string, region: string, tags: Tags, usd: number): void => {
    if (usd <= 0) return;
    const key = `${service}|${region}|${JSON.stringify(Object.entries(tags).sort())}`;
    const line = lines.get(key);
    if (line === undefined) lines.set(key, { account: account.id, service, region, tags, usd });
    else line.usd += usd;
  };
  const hours = (since: string | undefined): number =>
    24 * fractionOf(dayStart, since === undefined ? 0 : Date.parse(since), until);
  const monthlyToHours = (monthlyUsd: number, since: string | undefined): number =>
    (monthlyUsd / HOURS_PER_MONTH) * hours(since);

  for (const [region, r] of Object.entries(account.regions)) {
    for (const i of r.instances) {
      if (i.state !== "running") continue;
      const hourly = (INSTANCE_HOURLY[i.type] ?? 0.1) * (i.platform === "windows" ? 1.8 : 1);
      add(COST_SERVICES.ec2, region, i.tags, hourly * hours(i.launchedAt));
    }
    for (const v of r.volumes) {
      add(
        COST_SERVICES.ebs,
        region,
        v.tags,
        monthlyToHours(ebsVolumeMonthly(region, v.type, v.sizeGiB).monthlyUsd, v.createdAt),
      );
    }
    for (const s of r.snapshots) {
      add(
        COST_SERVICES.ebs,
        region,
        s.tags,
        monthlyToHours(ebsSnapshotMonthly(region, s.volumeSizeGiB).monthlyUsd, s.startedAt),
      );
    }
    for (const a of r.addresses) {
      add(COST_SERVICES.vpc, region, a.tags, monthlyToHours(publicIpv4Monthly(region).monthlyUsd, undefined));
    }
    for (const n of r.natGateways) add(COST_SERVICES.vpc, region, n.tags, 0.045 * hours(n.createdAt));
    for (const d of r.dbInstances) {
      if (d.status !== "available") continue;
      const hourly = (DB_HOURLY[d.instanceClass] ?? 0.2) * (d.multiAz ? 2 : 1);
      const storage = (d.allocatedStorageGiB * 0.115) / HOURS_PER_MONTH;
      add(COST_SERVICES.rds, region, d.tags, (hourly + storage) * hours(d.createdAt));
    }
    for (const lb of r.loadBalancers) {
      const base = monthlyToHours(loadBalancerMonthly(region, lb.type).monthlyUsd, lb.createdAt);
      const requests = (lb.requestCountLast7Days / 7 / 1e6) * 0.8 * (hours(lb.createdAt) / 24);
      add(COST_SERVICES.elb, region, lb.tags, base + requests);
    }
    for (const lb of r.classicLoadBalancers) {
      add(
        COST_SERVICES.elb,
        region,
        lb.tags,
        monthlyToHours(loadBalancerMonthly(region, "classic").monthlyUsd, lb.createdAt),
      );
    }
    for (const k of r.kmsKeys) {
      if (k.keyManager === "CUSTOMER") add(COST_SERVICES.kms, region, k.tags, monthlyToHours(1, k.createdAt));
    }
    for (const f of r.functions) {
      const perDay = ((f.memoryMb / 1024) * (2 + (hashString(f.name) % 59))) / 30;
      add(COST_SERVICES.lambda, region, f.tags, perDay * noise(f.name, day) * (hours(undefined) / 24));
    }
    if (r.trails.length > 0) {
      const perDay = (2 + (hashString(`${account.id}|${region}|trail`) % 39)) / 30;
      add(
        COST_SERVICES.cloudtrail,
        region,
        {},
        perDay * noise(`${account.id}|${region}`, day) * (hours(undefined) / 24),
      );
    }
  }
  for (const b of account.buckets) {
    const storage = b.sizeBytes === undefined ? 1 + (hashString(b.name) % 250) : (b.sizeBytes / 1e9) * 0.023;
    add(COST_SERVICES.s3, b.region, b.tags, (storage / 30) * noise(b.name, day) * (hours(b.createdAt) / 24));
  }
  for (const e of account.costExplorer?.events ?? []) {
    if (day < e.from || (e.to !== undefined && day > e.to)) continue;
    add(e.service, e.region, e.tags, e.dailyUsd * (hours(undefined) / 24));
  }
  return [...lines.values()];
}
