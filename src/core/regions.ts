import { closestMatches } from "./closest.js";

/**
 * The AWS region codes the tool accepts: the commercial (aws), China (aws-cn), GovCloud
 * (aws-us-gov) and European Sovereign Cloud (aws-eusc) partitions, as listed in the AWS
 * SDK's partitions table. The isolated (ISO) partitions are left out on purpose.
 * When AWS opens a region, add its code here.
 */
export const AWS_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "cn-north-1",
  "cn-northwest-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eusc-de-east-1",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "me-west-1",
  "mx-central-1",
  "sa-east-1",
  "sa-west-1",
  "us-east-1",
  "us-east-2",
  "us-gov-east-1",
  "us-gov-west-1",
  "us-west-1",
  "us-west-2",
] as const;

export type AwsRegion = (typeof AWS_REGIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(AWS_REGIONS);

export function isAwsRegion(value: string): value is AwsRegion {
  return KNOWN.has(value);
}

/** Real region codes close to a misspelt one, best first: `eu-wst-1` → `["eu-west-1", …]`. */
export function suggestRegions(bad: string): string[] {
  return closestMatches(bad.trim(), AWS_REGIONS, { max: 3, maxDistance: 3 });
}

/** The sentence that explains why a region code is not accepted, with suggestions when there are any. */
export function describeUnknownRegion(bad: string): string {
  const suggestions = suggestRegions(bad);
  const tail =
    suggestions.length > 0
      ? `did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?`
      : "use a region code such as us-east-1 or eu-west-1";
  return `"${bad}" is not an AWS region; ${tail}`;
}

/**
 * Regions AWS does not enable by default (launched after March 2019): an account must opt in,
 * and until it does, calls there fail (OptInRequired, AuthFailure, UnrecognizedClientException…).
 */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-west-1",
  "eu-central-2",
  "eu-south-1",
  "eu-south-2",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
]);
