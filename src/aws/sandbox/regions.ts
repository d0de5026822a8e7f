/**
 * The commercial AWS regions the sandbox knows, and which of them need opting in
 * (AWS: regions launched after March 2019 are disabled until an account enables them).
 */
import { OPT_IN_REGIONS } from "../../core/regions.js";

export interface RegionInfo {
  name: string;
  isOptIn: boolean;
}

const DEFAULT_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "sa-east-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
] as const;

export const REGION_CATALOG: readonly RegionInfo[] = [
  ...DEFAULT_REGIONS.map((name) => ({ name, isOptIn: false })),
  ...[...OPT_IN_REGIONS].map((name) => ({ name, isOptIn: true })),
];

export function findRegion(name: string): RegionInfo | undefined {
  return REGION_CATALOG.find((r) => r.name === name);
}

/**
 * Whether an account may call a region: default regions always answer, opt-in regions only
 * when the account lists them in enabledRegions. Regions the catalog does not know are
 * treated like default regions (so a captured estate with a newer region still works).
 */
export function isRegionEnabled(enabledRegions: readonly string[], region: string): boolean {
  const info = findRegion(region);
  if (info === undefined || !info.isOptIn) return true;
  return enabledRegions.includes(region);
}

/** Availability zones the sandbox offers in a region: `<region>a`, `b`, `c`. */
export function availabilityZones(region: string): string[] {
  return ["a", "b", "c"].map((s) => `${region}${s}`);
}
