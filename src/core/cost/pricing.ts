/**
 * The built-in price table: on-demand list prices for what the cleanup and review checks
 * estimate, used offline. Dated and sourced; a region not in the table is priced as
 * us-east-1 and the estimate says so.
 */

export const PRICE_TABLE_SOURCE =
  "AWS public on-demand list prices (aws.amazon.com/ebs/pricing, /vpc/pricing (public IPv4, NAT gateways), /elasticloadbalancing/pricing, /ec2/pricing/on-demand (Linux instances)), USD, as of 2026-11-01";

/** Hours in a month, as AWS's own estimates use. */
export const HOURS_PER_MONTH = 730;

interface RegionPrices {
  /** EBS volume storage, USD per GB-month, by volume type. */
  ebsGbMonth: Readonly<Record<string, number>>;
  /** EBS snapshot storage (standard tier), USD per GB-month. */
  snapshotGbMonth: number;
  /** A public IPv4 address (in use or idle), USD per hour. */
  publicIpv4Hour: number;
  /** NAT gateway hour (before data processing charges). */
  natGatewayHour: number;
  /** Load balancer hour (without capacity units), by type. */
  loadBalancerHour: Readonly<Record<string, number>>;
}

const US_EAST_1: RegionPrices = {
  ebsGbMonth: { gp3: 0.08, gp2: 0.1, io1: 0.125, io2: 0.125, st1: 0.045, sc1: 0.015, standard: 0.05 },
  snapshotGbMonth: 0.05,
  publicIpv4Hour: 0.005,
  natGatewayHour: 0.045,
  loadBalancerHour: { application: 0.0225, network: 0.0225, gateway: 0.0125, classic: 0.025 },
};

const TABLE: Readonly<Record<string, RegionPrices>> = {
  "us-east-1": US_EAST_1,
  "us-east-2": US_EAST_1,
  "us-west-2": US_EAST_1,
  "us-west-1": {
    ebsGbMonth: { gp3: 0.096, gp2: 0.12, io1: 0.138, io2: 0.138, st1: 0.054, sc1: 0.018, standard: 0.08 },
    snapshotGbMonth: 0.055,
    publicIpv4Hour: 0.005,
    natGatewayHour: 0.048,
    loadBalancerHour: { application: 0.0252, network: 0.0252, gateway: 0.014, classic: 0.028 },
  },
  "eu-west-1": {
    ebsGbMonth: { gp3: 0.088, gp2: 0.11, io1: 0.138, io2: 0.138, st1: 0.05, sc1: 0.0168, standard: 0.055 },
    snapshotGbMonth: 0.05,
    publicIpv4Hour: 0.005,
    natGatewayHour: 0.048,
    loadBalancerHour: { application: 0.0252, network: 0.0252, gateway: 0.014, classic: 0.028 },
  },
  "eu-central-1": {
    ebsGbMonth: { gp3: 0.0952, gp2: 0.119, io1: 0.149, io2: 0.149, st1: 0.054, sc1: 0.018, standard: 0.059 },
    snapshotGbMonth: 0.054,
    publicIpv4Hour: 0.005,
    natGatewayHour: 0.052,
    loadBalancerHour: { application: 0.027, network: 0.027, gateway: 0.015, classic: 0.03 },
  },
  "ap-southeast-2": {
    ebsGbMonth: { gp3: 0.096, gp2: 0.12, io1: 0.138, io2: 0.138, st1: 0.054, sc1: 0.018, standard: 0.08 },
    snapshotGbMonth: 0.055,
    publicIpv4Hour: 0.005,
    natGatewayHour: 0.059,
    loadBalancerHour: { application: 0.0252, network: 0.0252, gateway: 0.014, classic: 0.028 },
  },
  "ap-northeast-1": {
    ebsGbMonth: { gp3: 0.096, gp2: 0.12, io1: 0.142, io2: 0.142, st1: 0.054, sc1: 0.018, standard: 0.08 },
    snapshotGbMonth: 0.05,
    publicIpv4Hour: 0.005,
    natGatewayHour: 0.062,
    loadBalancerHour: { application: 0.0243, network: 0.0243, gateway: 0.0135, classic: 0.027 },
  },
};

export interface PriceEstimate {
  monthlyUsd: number;
  /** How it was worked out, e.g. `100 GiB × $0.08/GB-month (gp3, us-east-1)`. */
  basis: string;
}

function pricesOf(region: string): { prices: RegionPrices; note: string } {
  const prices = TABLE[region];
  return prices === undefined
    ? { prices: US_EAST_1, note: `${region} not in the price table: us-east-1 prices` }
    : { prices, note: region };
}

const round = (usd: number): number => Math.round(usd * 100) / 100;

export function ebsVolumeMonthly(region: string, volumeType: string, sizeGiB: number): PriceEstimate {
  const { prices, note } = pricesOf(region);
  const perGb = prices.ebsGbMonth[volumeType] ?? prices.ebsGbMonth.gp2 ?? 0.1;
  return {
    monthlyUsd: round(perGb * sizeGiB),
    basis: `${sizeGiB} GiB × $${perGb}/GB-month (${volumeType}, ${note})`,
  };
}

/** An upper bound: snapshots are incremental, so the full volume size is the most one can cost. */
export function ebsSnapshotMonthly(region: string, sizeGiB: number): PriceEstimate {
  const { prices, note } = pricesOf(region);
  return {
    monthlyUsd: round(prices.snapshotGbMonth * sizeGiB),
    basis: `at most ${sizeGiB} GiB × $${prices.snapshotGbMonth}/GB-month (snapshot storage, ${note})`,
  };
}

export function publicIpv4Monthly(region: string): PriceEstimate {
  const { prices, note } = pricesOf(region);
  return {
    monthlyUsd: round(prices.publicIpv4Hour * HOURS_PER_MONTH),
    basis: `${HOURS_PER_MONTH} h × $${prices.publicIpv4Hour}/h (public IPv4 address, ${note})`,
  };
}

export function loadBalancerMonthly(region: string, type: string): PriceEstimate {
  const { prices, note } = pricesOf(region);
  const hourly = prices.loadBalancerHour[type] ?? prices.loadBalancerHour.application ?? 0.0225;
  return {
    monthlyUsd: round(hourly * HOURS_PER_MONTH),
    basis: `${HOURS_PER_MONTH} h × $${hourly}/h (${type} load balancer, before capacity units, ${note})`,
  };
}

export function natGatewayMonthly(region: string): PriceEstimate {
  const { prices, note } = pricesOf(region);
  return {
    monthlyUsd: round(prices.natGatewayHour * HOURS_PER_MONTH),
    basis: `${HOURS_PER_MONTH} h × $${prices.natGatewayHour}/h (NAT gateway, before $/GB data processing, ${note})`,
  };
}

/**
 * EC2 on-demand Linux prices, USD per hour, of the `large` size of common families, by region
 * (aws.amazon.com/ec2/pricing/on-demand, shared tenancy; PRICE_TABLE_SOURCE). Within these families
 * AWS prices each size in proportion to its vCPUs and memory, so the other sizes are multiples of
 * `large` (INSTANCE_SIZES): t3.micro is t3.large / 8.
 */
/** us-east-1's prices, which us-east-2 and us-west-2 share. */
const US_EAST_1_LARGE: Readonly<Record<string, number>> = {
  t3: 0.0832,
  t4g: 0.0672,
  m5: 0.096,
  m6i: 0.096,
  m7g: 0.0816,
  c5: 0.085,
  c6i: 0.085,
  r5: 0.126,
};

const LARGE_HOURLY: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  "us-east-1": US_EAST_1_LARGE,
  "us-east-2": US_EAST_1_LARGE,
  "us-west-2": US_EAST_1_LARGE,
  "us-west-1": {
    t3: 0.0992,
    t4g: 0.0792,
    m5: 0.112,
    m6i: 0.112,
    m7g: 0.0952,
    c5: 0.106,
    c6i: 0.106,
    r5: 0.148,
  },
  "eu-west-1": {
    t3: 0.0912,
    t4g: 0.0736,
    m5: 0.107,
    m6i: 0.107,
    m7g: 0.0912,
    c5: 0.096,
    c6i: 0.096,
    r5: 0.141,
  },
  "eu-central-1": {
    t3: 0.096,
    t4g: 0.0768,
    m5: 0.115,
    m6i: 0.115,
    m7g: 0.0972,
    c5: 0.097,
    c6i: 0.097,
    r5: 0.152,
  },
  "ap-southeast-2": {
    t3: 0.1056,
    t4g: 0.0848,
    m5: 0.12,
    m6i: 0.12,
    m7g: 0.1018,
    c5: 0.111,
    c6i: 0.111,
    r5: 0.151,
  },
  "ap-northeast-1": {
    t3: 0.1088,
    t4g: 0.0864,
    m5: 0.124,
    m6i: 0.124,
    m7g: 0.1054,
    c5: 0.107,
    c6i: 0.107,
    r5: 0.152,
  },
};

/** Each size's price as a multiple of `large`, and the sizes each family offers (nano..2xlarge). */
const INSTANCE_SIZES: Readonly<Record<string, number>> = {
  nano: 1 / 16,
  micro: 1 / 8,
  small: 1 / 4,
  medium: 1 / 2,
  large: 1,
  xlarge: 2,
  "2xlarge": 4,
};
const FAMILY_SIZES: Readonly<Record<string, readonly string[]>> = {
  t3: ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"],
  t4g: ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"],
  m7g: ["medium", "large", "xlarge", "2xlarge"],
  m5: ["large", "xlarge", "2xlarge"],
  m6i: ["large", "xlarge", "2xlarge"],
  c5: ["large", "xlarge", "2xlarge"],
  c6i: ["large", "xlarge", "2xlarge"],
  r5: ["large", "xlarge", "2xlarge"],
};

/** A month of an instance running on demand (Linux), or undefined when the table has no price for the type. */
export function ec2InstanceMonthly(region: string, instanceType: string): PriceEstimate | undefined {
  const [family = "", size = ""] = instanceType.split(".");
  if (!(FAMILY_SIZES[family] ?? []).includes(size)) return undefined;
  const known = LARGE_HOURLY[region];
  const note = known === undefined ? `${region} not in the price table: us-east-1 prices` : region;
  const large = (known ?? US_EAST_1_LARGE)[family]!;
  const hourly = Math.round(large * INSTANCE_SIZES[size]! * 100000) / 100000;
  return {
    monthlyUsd: round(hourly * HOURS_PER_MONTH),
    basis: `${HOURS_PER_MONTH} h × $${hourly}/h (${instanceType} on demand, Linux, ${note})`,
  };
}
