/**
 * Which regions an inventory covers: the requested ones, checked before any AWS call. An
 * unknown region code is a usage error that suggests the nearest real ones; so is a region
 * outside the profile's configured regions, when the profile has any.
 */
import { UsageError } from "../../core/errors.js";
import { describeUnknownRegion, isAwsRegion } from "../../core/regions.js";

export interface SelectRegionsOptions {
  /** Regions asked for (e.g. from `--regions`); empty or undefined means the default region. */
  requested: readonly string[] | undefined;
  defaultRegion: string;
  /** The regions the profile is configured for, if the configuration lists them. */
  allowedRegions?: readonly string[] | undefined;
}

/** The regions to inventory, deduplicated, in the order given. Throws UsageError. */
export function selectRegions(options: SelectRegionsOptions): string[] {
  const asked = checkRegionCodes(options.requested ?? []);
  const regions = asked.length > 0 ? asked : checkRegionCodes([options.defaultRegion]);

  const allowed = options.allowedRegions;
  if (allowed !== undefined && allowed.length > 0) {
    const outside = regions.filter((r) => !allowed.includes(r));
    if (outside.length > 0) {
      throw new UsageError(
        `${outside.map((r) => `"${r}"`).join(", ")} ${outside.length === 1 ? "is" : "are"} not among the profile's regions (${allowed.join(", ")}).`,
        {
          code: "RegionNotAllowed",
          hint: `Pass regions from ${allowed.join(", ")}, or add the region to the profile's regions in the configuration.`,
        },
      );
    }
  }
  return regions;
}

/**
 * Region codes as given (trimmed, blanks and repeats dropped, order kept), each a real AWS
 * region; throws UsageError naming every unknown one with the nearest valid codes.
 */
export function checkRegionCodes(requested: readonly string[]): string[] {
  const regions = [...new Set(requested.map((r) => r.trim()).filter((r) => r !== ""))];
  const unknown = regions.filter((r) => !isAwsRegion(r));
  if (unknown.length > 0) {
    throw new UsageError(unknown.map(describeUnknownRegion).join("; "), {
      code: "UnknownRegion",
      hint: "Pass AWS region codes separated by commas, e.g. --regions us-east-1,eu-west-1.",
    });
  }
  return regions;
}
