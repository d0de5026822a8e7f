/**
 * The built-in price table: on-demand list prices for what the cleanup and review checks
 * estimate, used offline. Dated and sourced; a region not in the table is priced as
 * us-east-1 and the estimate says so.
 */

export const PRICE_TABLE_SOURCE =
  "AWS public on-demand list prices (aws.amazon.com/ebs/pricing, /vpc/pricing (public IPv4, NAT gateways), /elasticloadbalancing/pricing), USD, as of 2026-11-01";

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
