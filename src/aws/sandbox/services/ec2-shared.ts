/**
 * What the EC2 handlers share: id formats and their Malformed/NotFound errors, MaxResults and
 * NextToken as AWS validates them, DryRun, and instance state codes.
 */
import { awsError } from "../errors.js";
import { decodeToken, slicePage } from "../paging.js";
import type { ServiceContext } from "./context.js";

export interface IdKind {
  prefix: string;
  malformed: string;
  notFound: string;
  /** Builds the NotFound message for one or more missing ids. */
  missing(ids: readonly string[]): string;
}

const quoted = (ids: readonly string[]): string => `'${ids.join(", ")}'`;

export const ID_KINDS = {
  instance: {
    prefix: "i",
    malformed: "InvalidInstanceID.Malformed",
    notFound: "InvalidInstanceID.NotFound",
    missing: (ids) =>
      ids.length === 1
        ? `The instance ID ${quoted(ids)} does not exist`
        : `The instance IDs ${quoted(ids)} do not exist`,
  },
  volume: {
    prefix: "vol",
    malformed: "InvalidVolumeID.Malformed",
    notFound: "InvalidVolume.NotFound",
    missing: (ids) => `The volume ${quoted(ids)} does not exist.`,
  },
  snapshot: {
    prefix: "snap",
    malformed: "InvalidSnapshotID.Malformed",
    notFound: "InvalidSnapshot.NotFound",
    missing: (ids) => `The snapshot ${quoted(ids)} does not exist.`,
  },
  vpc: {
    prefix: "vpc",
    malformed: "InvalidVpcID.Malformed",
    notFound: "InvalidVpcID.NotFound",
    missing: (ids) => `The vpc ID ${quoted(ids)} does not exist`,
  },
  subnet: {
    prefix: "subnet",
    malformed: "InvalidSubnetID.Malformed",
    notFound: "InvalidSubnetID.NotFound",
    missing: (ids) => `The subnet ID ${quoted(ids)} does not exist`,
  },
  securityGroup: {
    prefix: "sg",
    malformed: "InvalidGroupId.Malformed",
    notFound: "InvalidGroup.NotFound",
    missing: (ids) => `The security group ${quoted(ids)} does not exist`,
  },
  networkInterface: {
    prefix: "eni",
    malformed: "InvalidNetworkInterfaceID.Malformed",
    notFound: "InvalidNetworkInterfaceID.NotFound",
    missing: (ids) => `The networkInterface ID ${quoted(ids)} does not exist`,
  },
  allocation: {
    prefix: "eipalloc",
    malformed: "InvalidAllocationID.Malformed",
    notFound: "InvalidAllocationID.NotFound",
    missing: (ids) => `The allocation ID ${quoted(ids)} does not exist`,
  },
  image: {
    prefix: "ami",
    malformed: "InvalidAMIID.Malformed",
    notFound: "InvalidAMIID.NotFound",
    missing: (ids) => `The image id '[${ids.join(", ")}]' does not exist`,
  },
  // AWS's casing differs between the two codes of one resource; both are kept as AWS spells them.
  routeTable: {
    prefix: "rtb",
    malformed: "InvalidRouteTableId.Malformed",
    notFound: "InvalidRouteTableID.NotFound",
    missing: (ids) => `The routeTable ID ${quoted(ids)} does not exist`,
  },
  internetGateway: {
    prefix: "igw",
    malformed: "InvalidInternetGatewayId.Malformed",
    notFound: "InvalidInternetGatewayID.NotFound",
    missing: (ids) => `The internetGateway ID ${quoted(ids)} does not exist`,
  },
  natGateway: {
    prefix: "nat",
    malformed: "NatGatewayMalformed",
    notFound: "NatGatewayNotFound",
    missing: (ids) =>
      ids.length === 1
        ? `NAT gateway ${ids[0] ?? ""} was not found`
        : `NAT gateways ${ids.join(", ")} were not found`,
  },
  networkAcl: {
    prefix: "acl",
    malformed: "InvalidNetworkAclId.Malformed",
    notFound: "InvalidNetworkAclID.NotFound",
    missing: (ids) => `The networkAcl ID ${quoted(ids)} does not exist`,
  },
  flowLog: {
    prefix: "fl",
    malformed: "InvalidFlowLogId.Malformed",
    notFound: "InvalidFlowLogId.NotFound",
    missing: (ids) => `Flow log ${quoted(ids)} does not exist`,
  },
} as const satisfies Record<string, IdKind>;

export function isWellFormed(kind: IdKind, id: string): boolean {
  return new RegExp(`^${kind.prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(id);
}

/**
 * The items with the given ids, in the order asked. A malformed id fails first
 * (`…Malformed`), then any id not found (`…NotFound`, naming all missing ones).
 */
export function selectByIds<T>(
  kind: IdKind,
  items: readonly T[],
  ids: readonly string[],
  idOf: (item: T) => string,
): T[] {
  for (const id of ids) {
    if (!isWellFormed(kind, id))
      throw awsError(kind.malformed, `Invalid id: "${id}" (expecting "${kind.prefix}-...")`);
  }
  const byId = new Map(items.map((item) => [idOf(item), item]));
  const unique = [...new Set(ids)];
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length > 0) throw awsError(kind.notFound, kind.missing(missing));
  return unique.map((id) => byId.get(id) as T);
}

export function findOne<T>(
  kind: IdKind,
  items: readonly T[],
  id: string | undefined,
  idOf: (item: T) => string,
): T {
  if (id === undefined || id === "")
    throw awsError("MissingParameter", `The request must contain the parameter ${kind.prefix}Id`);
  const [item] = selectByIds(kind, items, [id], idOf);
  return item as T;
}

export interface Ec2PageRules {
  /** Smallest MaxResults AWS accepts. */
  min: number;
  /** Largest MaxResults; above it AWS either refuses or (capAboveMax) answers at most max. */
  max: number;
  capAboveMax?: boolean;
  /** The id-list parameter that cannot be combined with MaxResults, as AWS names it in the error. */
  idsParameter?: string;
}

/**
 * One page of `items` as EC2 answers: MaxResults (or the sandbox's default page size) and
 * NextToken, with AWS's errors for out-of-range MaxResults, MaxResults combined with an id
 * list, and an invalid token. When ids are given without MaxResults, everything is returned.
 */
export function ec2Page<T>(
  ctx: ServiceContext,
  input: { MaxResults?: number | undefined; NextToken?: string | undefined },
  items: readonly T[],
  rules: Ec2PageRules,
  idsGiven: boolean,
): { items: T[]; nextToken?: string } {
  const max = input.MaxResults;
  if (max !== undefined) {
    if (idsGiven && rules.idsParameter !== undefined) {
      throw awsError(
        "InvalidParameterCombination",
        `The parameter ${rules.idsParameter} cannot be used with the parameter maxResults`,
      );
    }
    if (!Number.isInteger(max) || max < rules.min) {
      throw awsError(
        "InvalidParameterValue",
        `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value greater than or equal to ${rules.min}.`,
      );
    }
    if (max > rules.max && rules.capAboveMax !== true) {
      throw awsError(
        "InvalidParameterValue",
        `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value less than or equal to ${rules.max}.`,
      );
    }
  }
  let start = 0;
  if (input.NextToken !== undefined && input.NextToken !== "") {
    const offset = decodeToken(ctx.action, input.NextToken);
    if (offset === undefined)
      throw awsError("InvalidPaginationToken", "The pagination token provided is invalid.");
    start = offset;
  }
  if (idsGiven && max === undefined) return { items: items.slice(start) };
  const size = max === undefined ? ctx.pageSize : Math.min(max, rules.max);
  const page = slicePage(ctx.action, items, start, size);
  return page.nextToken === undefined
    ? { items: page.items }
    : { items: page.items, nextToken: page.nextToken };
}

/** `{NextToken}` when there is one. */
export function nextTokenMember(token: string | undefined): { NextToken?: string } {
  return token === undefined ? {} : { NextToken: token };
}

/** AWS's refusal to delete a resource something still depends on. */
export function dependencyViolation(kind: string, id: string): Error {
  return awsError("DependencyViolation", `The ${kind} '${id}' has dependencies and cannot be deleted.`);
}

/** DryRun: after validation, answer as AWS does for a request that would have succeeded. */
export function checkDryRun(input: { DryRun?: boolean | undefined }): void {
  if (input.DryRun === true) {
    throw awsError("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
  }
}

export const INSTANCE_STATE_CODES = {
  pending: 0,
  running: 16,
  "shutting-down": 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
} as const;

export function instanceState(name: keyof typeof INSTANCE_STATE_CODES): {
  Code: number;
  Name: keyof typeof INSTANCE_STATE_CODES;
} {
  return { Code: INSTANCE_STATE_CODES[name], Name: name };
}
