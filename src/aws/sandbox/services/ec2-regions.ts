/**
 * DescribeRegions (with AllRegions and opt-in status) and DescribeAvailabilityZones.
 */
import type {
  AvailabilityZone,
  DescribeAvailabilityZonesRequest,
  DescribeAvailabilityZonesResult,
  DescribeRegionsRequest,
  DescribeRegionsResult,
  Region,
} from "@aws-sdk/client-ec2";
import { awsError } from "../errors.js";
import { availabilityZones, isRegionEnabled, REGION_CATALOG } from "../regions.js";
import { op, type Handler, type ServiceContext } from "./context.js";
import { applyEc2Filters, type FilterFields } from "./ec2-filters.js";
import { checkDryRun } from "./ec2-shared.js";

type OptInStatus = "opt-in-not-required" | "opted-in" | "not-opted-in";

interface RegionRow {
  name: string;
  status: OptInStatus;
}

const REGION_FILTERS: FilterFields<RegionRow> = {
  "region-name": (r) => r.name,
  endpoint: (r) => `ec2.${r.name}.amazonaws.com`,
  "opt-in-status": (r) => r.status,
};

function describeRegions(ctx: ServiceContext, input: DescribeRegionsRequest): DescribeRegionsResult {
  const rows: RegionRow[] = REGION_CATALOG.map((info) => ({
    name: info.name,
    status: !info.isOptIn
      ? "opt-in-not-required"
      : isRegionEnabled(ctx.account.enabledRegions, info.name)
        ? "opted-in"
        : "not-opted-in",
  }));
  const names = input.RegionNames ?? [];
  const unknown = names.filter((n) => !rows.some((r) => r.name === n));
  if (unknown.length > 0) throw awsError("InvalidParameterValue", `Invalid region: ${unknown.join(", ")}`);
  let selected = names.length > 0 ? rows.filter((r) => names.includes(r.name)) : rows;
  // Without AllRegions, AWS lists only the regions the account can use.
  if (input.AllRegions !== true && names.length === 0)
    selected = selected.filter((r) => r.status !== "not-opted-in");
  const matching = applyEc2Filters(selected, input.Filters, REGION_FILTERS);
  checkDryRun(input);
  return {
    Regions: matching.map((r): Region => ({
      Endpoint: `ec2.${r.name}.amazonaws.com`,
      RegionName: r.name,
      OptInStatus: r.status,
    })),
  };
}

const DIRECTIONS: Record<string, string> = {
  east: "e",
  west: "w",
  north: "n",
  south: "s",
  central: "c",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
};

/** `us-east-1` → `use1`, `ap-southeast-2` → `apse2`: the prefix of AWS zone ids. */
export function regionAbbreviation(region: string): string {
  const [geo = "", direction = "", n = ""] = region.split("-");
  return `${geo}${DIRECTIONS[direction] ?? direction.slice(0, 1)}${n}`;
}

const ZONE_FILTERS: FilterFields<AvailabilityZone> = {
  "zone-name": (z) => z.ZoneName,
  "zone-id": (z) => z.ZoneId,
  "region-name": (z) => z.RegionName,
  state: (z) => z.State,
  "zone-type": (z) => z.ZoneType,
  "opt-in-status": (z) => z.OptInStatus,
  "group-name": (z) => z.GroupName,
};

function describeAvailabilityZones(
  ctx: ServiceContext,
  input: DescribeAvailabilityZonesRequest,
): DescribeAvailabilityZonesResult {
  const zones: AvailabilityZone[] = availabilityZones(ctx.region).map((name, i) => ({
    State: "available",
    OptInStatus: "opt-in-not-required",
    Messages: [],
    RegionName: ctx.region,
    ZoneName: name,
    ZoneId: `${regionAbbreviation(ctx.region)}-az${i + 1}`,
    GroupName: ctx.region,
    NetworkBorderGroup: ctx.region,
    ZoneType: "availability-zone",
  }));
  const names = input.ZoneNames ?? [];
  const ids = input.ZoneIds ?? [];
  const unknown = [
    ...names.filter((n) => !zones.some((z) => z.ZoneName === n)),
    ...ids.filter((id) => !zones.some((z) => z.ZoneId === id)),
  ];
  if (unknown.length > 0)
    throw awsError("InvalidParameterValue", `Invalid availability zone: [${unknown.join(", ")}]`);
  const selected = zones.filter(
    (z) =>
      (names.length === 0 && ids.length === 0) ||
      names.includes(z.ZoneName ?? "") ||
      ids.includes(z.ZoneId ?? ""),
  );
  const matching = applyEc2Filters(selected, input.Filters, ZONE_FILTERS);
  checkDryRun(input);
  return { AvailabilityZones: matching };
}

export const REGION_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeRegions: op(describeRegions),
  DescribeAvailabilityZones: op(describeAvailabilityZones),
};
