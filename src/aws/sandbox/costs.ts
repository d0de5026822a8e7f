/**
 * Monthly cost figures per service, estimated from what an account runs (rough public
 * on-demand prices, us-east-1) with a little seeded noise, for the last three full months.
 */
import type { EstateAccount, EstateMonthlyCost } from "./estate.js";
import type { Rng } from "./prng.js";

const HOURS_PER_MONTH = 730;

/** USD per hour, on demand (approximate). */
export const INSTANCE_HOURLY: Record<string, number> = {
  "t3.micro": 0.0104,
  "t3.small": 0.0208,
  "t3.medium": 0.0416,
  "t3.large": 0.0832,
  "t4g.medium": 0.0336,
  "m5.large": 0.096,
  "m5.xlarge": 0.192,
  "m6g.large": 0.077,
  "m6i.2xlarge": 0.384,
  "c6i.xlarge": 0.17,
  "c5.2xlarge": 0.34,
  "r6g.xlarge": 0.2016,
  "r5.2xlarge": 0.504,
  "g4dn.xlarge": 0.526,
};

export const DB_HOURLY: Record<string, number> = {
  "db.t3.micro": 0.017,
  "db.t3.medium": 0.068,
  "db.t4g.medium": 0.065,
  "db.m6g.large": 0.152,
  "db.r6g.large": 0.24,
  "db.r6g.xlarge": 0.48,
};

export const COST_SERVICES = {
  ec2: "Amazon Elastic Compute Cloud - Compute",
  ebs: "EC2 - Other",
  rds: "Amazon Relational Database Service",
  s3: "Amazon Simple Storage Service",
  lambda: "AWS Lambda",
  elb: "Amazon Elastic Load Balancing",
  vpc: "Amazon Virtual Private Cloud",
  cloudtrail: "AWS CloudTrail",
  kms: "AWS Key Management Service",
} as const;

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** `YYYY-MM` of the n-th full month before the given moment (n = 1: last month). */
export function monthBefore(capturedAt: Date, n: number): string {
  const d = new Date(Date.UTC(capturedAt.getUTCFullYear(), capturedAt.getUTCMonth() - n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function estimateMonthlyCosts(
  account: EstateAccount,
  capturedAt: Date,
  rng: Rng,
): EstateMonthlyCost[] {
  const base: Record<string, number> = {};
  const add = (service: string, amount: number): void => {
    base[service] = (base[service] ?? 0) + amount;
  };
  for (const region of Object.values(account.regions)) {
    for (const i of region.instances) {
      if (i.state !== "running") continue;
      const hourly = (INSTANCE_HOURLY[i.type] ?? 0.1) * (i.platform === "windows" ? 1.8 : 1);
      add(COST_SERVICES.ec2, hourly * HOURS_PER_MONTH);
    }
    for (const v of region.volumes) add(COST_SERVICES.ebs, v.sizeGiB * (v.type === "gp2" ? 0.1 : 0.08));
    for (const s of region.snapshots) add(COST_SERVICES.ebs, s.volumeSizeGiB * 0.05 * 0.4);
    for (const _a of region.addresses) add(COST_SERVICES.vpc, 0.005 * HOURS_PER_MONTH);
    for (const d of region.dbInstances) {
      if (d.status !== "available") continue;
      const hourly = (DB_HOURLY[d.instanceClass] ?? 0.2) * (d.multiAz ? 2 : 1);
      add(COST_SERVICES.rds, hourly * HOURS_PER_MONTH + d.allocatedStorageGiB * 0.115);
    }
    for (const f of region.functions) add(COST_SERVICES.lambda, (f.memoryMb / 1024) * rng.int(2, 60));
    for (const lb of region.loadBalancers) add(COST_SERVICES.elb, 16.43 + lb.requestCountLast7Days / 1e6);
    for (const _lb of region.classicLoadBalancers) add(COST_SERVICES.elb, 0.025 * HOURS_PER_MONTH);
    for (const _n of region.natGateways) add(COST_SERVICES.vpc, 0.045 * HOURS_PER_MONTH);
    for (const k of region.kmsKeys) if (k.keyManager === "CUSTOMER") add(COST_SERVICES.kms, 1);
    if (region.trails.length > 0) add(COST_SERVICES.cloudtrail, rng.int(2, 40));
  }
  for (const _b of account.buckets) add(COST_SERVICES.s3, rng.int(1, 250) + rng.next());
  const costs: EstateMonthlyCost[] = [];
  for (let n = 3; n >= 1; n--) {
    const growth = 1 - (n - 1) * 0.03;
    for (const [service, amount] of Object.entries(base)) {
      const noise = 0.95 + rng.next() * 0.1;
      costs.push({ month: monthBefore(capturedAt, n), service, amountUsd: round2(amount * growth * noise) });
    }
  }
  return costs;
}
