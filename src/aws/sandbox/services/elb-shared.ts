/**
 * What the two Elastic Load Balancing APIs share: Marker/PageSize pages (1–400, ValidationError
 * outside) and the canonical hosted zone of a region's load balancers.
 */
import { awsError } from "../errors.js";
import { pageFrom } from "../paging.js";
import type { ServiceContext } from "./context.js";

export function elbPage<T>(
  ctx: ServiceContext,
  input: { Marker?: string | undefined; PageSize?: number | undefined },
  items: readonly T[],
): { items: T[]; NextMarker?: string } {
  const size = input.PageSize;
  if (size !== undefined && (!Number.isInteger(size) || size < 1 || size > 400)) {
    throw awsError(
      "ValidationError",
      `1 validation error detected: Value '${size}' at 'pageSize' failed to satisfy constraint: Member must have value ${size < 1 ? "greater than or equal to 1" : "less than or equal to 400"}`,
    );
  }
  const page = pageFrom(ctx.action, items, input.Marker, size ?? ctx.pageSize, () =>
    awsError("ValidationError", "The marker is not valid: it was not issued by a previous call."),
  );
  return page.nextToken === undefined
    ? { items: page.items }
    : { items: page.items, NextMarker: page.nextToken };
}

/** Refuse more than 20 resources in one DescribeTags call, as both ELB APIs do. */
export function checkTagBatch(count: number, parameter: string): void {
  if (count < 1 || count > 20) {
    throw awsError(
      "ValidationError",
      `1 validation error detected: Value at '${parameter}' failed to satisfy constraint: Member must have length between 1 and 20`,
    );
  }
}

const HOSTED_ZONES: Readonly<Record<string, string>> = {
  "us-east-1": "Z35SXDOTRQ7X7K",
  "us-east-2": "Z3AADJGX6KTTL2",
  "us-west-1": "Z368ELLRRE2KJ0",
  "us-west-2": "Z1H1FL5HABSF5",
  "eu-west-1": "Z32O12XQLNTSW2",
  "eu-central-1": "Z215JYRZR1TBD5",
  "ap-southeast-2": "Z1GM3OXH4ZPM65",
};

/** The Route 53 zone of the region's application and classic load balancers' DNS names. */
export function hostedZoneId(region: string): string {
  return HOSTED_ZONES[region] ?? "Z35SXDOTRQ7X7K";
}
