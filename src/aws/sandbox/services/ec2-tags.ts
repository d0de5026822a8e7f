/**
 * EC2 tags across resource types: CreateTags, DeleteTags, DescribeTags.
 */
import type {
  CreateTagsRequest,
  Tag,
  TagSpecification,
  DeleteTagsRequest,
  DescribeTagsRequest,
  DescribeTagsResult,
  ResourceType,
} from "@aws-sdk/client-ec2";
import type { EstateRegion, Tags } from "../estate.js";
import { awsError } from "../errors.js";
import { op, regionOf, type Handler, type ServiceContext } from "./context.js";
import { applyEc2Filters, type FilterFields } from "./ec2-filters.js";
import { checkDryRun, ec2Page, ID_KINDS, nextTokenMember, selectByIds, type IdKind } from "./ec2-shared.js";

const MAX_TAGS = 50;
/** CreateTags and DeleteTags take at most this many resource ids (API reference: "Up to 1000 resource IDs"). */
const MAX_RESOURCE_IDS = 1000;

interface Taggable {
  id: string;
  resourceType: ResourceType;
  tags: Tags;
}

interface TaggableKind {
  kind: IdKind;
  resourceType: ResourceType;
  list(r: EstateRegion): { id: string; tags: Tags }[];
}

const TAGGABLE_KINDS: readonly TaggableKind[] = [
  { kind: ID_KINDS.instance, resourceType: "instance", list: (r) => r.instances },
  { kind: ID_KINDS.volume, resourceType: "volume", list: (r) => r.volumes },
  { kind: ID_KINDS.snapshot, resourceType: "snapshot", list: (r) => r.snapshots },
  { kind: ID_KINDS.vpc, resourceType: "vpc", list: (r) => r.vpcs },
  { kind: ID_KINDS.subnet, resourceType: "subnet", list: (r) => r.subnets },
  { kind: ID_KINDS.securityGroup, resourceType: "security-group", list: (r) => r.securityGroups },
  { kind: ID_KINDS.networkInterface, resourceType: "network-interface", list: (r) => r.networkInterfaces },
  {
    kind: ID_KINDS.allocation,
    resourceType: "elastic-ip",
    list: (r) => r.addresses.map((a) => ({ id: a.allocationId, tags: a.tags })),
  },
  { kind: ID_KINDS.image, resourceType: "image", list: (r) => r.images },
  { kind: ID_KINDS.routeTable, resourceType: "route-table", list: (r) => r.routeTables },
  { kind: ID_KINDS.internetGateway, resourceType: "internet-gateway", list: (r) => r.internetGateways },
  { kind: ID_KINDS.natGateway, resourceType: "natgateway", list: (r) => r.natGateways },
  { kind: ID_KINDS.networkAcl, resourceType: "network-acl", list: (r) => r.networkAcls },
  { kind: ID_KINDS.flowLog, resourceType: "vpc-flow-log", list: (r) => r.flowLogs },
];

function allTaggables(r: EstateRegion): Taggable[] {
  return TAGGABLE_KINDS.flatMap((k) =>
    k.list(r).map((x) => ({ id: x.id, resourceType: k.resourceType, tags: x.tags })),
  );
}

/** The tag sets of the named resources (live objects), failing as AWS does for bad ids. */
function resolve(r: EstateRegion, ids: readonly string[] | undefined): Taggable[] {
  if (ids === undefined || ids.length === 0)
    throw awsError("MissingParameter", "The request must contain the parameter resourceIdSet");
  if (ids.length > MAX_RESOURCE_IDS) {
    throw awsError(
      "InvalidParameterValue",
      `Value (${ids.length}) for parameter resourceIdSet is invalid. Up to ${MAX_RESOURCE_IDS} resource IDs can be tagged in one request.`,
    );
  }
  return ids.map((id) => {
    const prefix = id.slice(0, id.lastIndexOf("-"));
    const kind = TAGGABLE_KINDS.find((k) => k.kind.prefix === prefix);
    if (kind === undefined) throw awsError("InvalidID", `The ID '${id}' is not valid`);
    const [item] = selectByIds(kind.kind, kind.list(r), [id], (x) => x.id);
    return { id, resourceType: kind.resourceType, tags: (item as { tags: Tags }).tags };
  });
}

/** Tag keys and values as EC2 validates them (CreateTags and every TagSpecifications). */
function checkTags(tags: readonly Tag[]): void {
  if (tags.length > MAX_TAGS) {
    throw awsError(
      "TagLimitExceeded",
      `The maximum number of Tags (${MAX_TAGS}) per resource has been exceeded.`,
    );
  }
  for (const t of tags) {
    const key = t.Key ?? "";
    if (key.length === 0 || key.length > 128)
      throw awsError("InvalidParameterValue", `Tag key '${key}' must be 1 to 128 characters.`);
    if (key.toLowerCase().startsWith("aws:")) {
      throw awsError("InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use");
    }
    if ((t.Value ?? "").length > 256)
      throw awsError("InvalidParameterValue", `Tag value for key '${key}' exceeds 256 characters.`);
  }
}

/**
 * The tags a Create* call's TagSpecifications give each resource type it creates. A
 * specification for a type the operation does not create is refused as AWS refuses it
 * (`'subnet' is not a valid taggable resource type for this operation.`).
 */
export function specifiedTags(
  specs: readonly TagSpecification[] | undefined,
  allowed: readonly string[],
): (resourceType: string) => Tags {
  const byType = new Map<string, Tags>();
  for (const spec of specs ?? []) {
    const type = spec.ResourceType;
    if (type === undefined) {
      throw awsError("InvalidParameterValue", "Tag specification resource type must have a value");
    }
    if (!allowed.includes(type)) {
      throw awsError(
        "InvalidParameterValue",
        `'${type}' is not a valid taggable resource type for this operation.`,
      );
    }
    if (byType.has(type)) {
      throw awsError(
        "InvalidParameterValue",
        `The same resource type may not be specified more than once in tag specifications: ${type}`,
      );
    }
    const tags = spec.Tags ?? [];
    checkTags(tags);
    byType.set(type, Object.fromEntries(tags.map((t) => [t.Key ?? "", t.Value ?? ""])));
  }
  return (resourceType) => ({ ...(byType.get(resourceType) ?? {}) });
}

function createTags(ctx: ServiceContext, input: CreateTagsRequest): Record<string, never> {
  const targets = resolve(regionOf(ctx), input.Resources);
  const tags = input.Tags ?? [];
  checkTags(tags);
  for (const target of targets) {
    const keys = new Set([...Object.keys(target.tags), ...tags.map((t) => t.Key ?? "")]);
    if (keys.size > MAX_TAGS) {
      throw awsError(
        "TagLimitExceeded",
        `The maximum number of Tags for resource '${target.id}' has been reached.`,
      );
    }
  }
  checkDryRun(input);
  for (const target of targets) for (const t of tags) target.tags[t.Key ?? ""] = t.Value ?? "";
  return {};
}

function deleteTags(ctx: ServiceContext, input: DeleteTagsRequest): Record<string, never> {
  const targets = resolve(regionOf(ctx), input.Resources);
  checkDryRun(input);
  for (const target of targets) {
    // No Tags: delete every tag. A tag with a Value is deleted only when the value matches.
    const doomed = input.Tags ?? Object.keys(target.tags).map((Key) => ({ Key, Value: undefined }));
    for (const t of doomed) {
      const key = t.Key ?? "";
      if (target.tags[key] === undefined) continue;
      if (t.Value !== undefined && target.tags[key] !== t.Value) continue;
      delete target.tags[key];
    }
  }
  return {};
}

interface TagRow {
  Key: string;
  Value: string;
  ResourceId: string;
  ResourceType: ResourceType;
}

const TAG_FILTERS: FilterFields<TagRow> = {
  key: (t) => t.Key,
  value: (t) => t.Value,
  "resource-id": (t) => t.ResourceId,
  "resource-type": (t) => t.ResourceType,
};

function describeTags(ctx: ServiceContext, input: DescribeTagsRequest): DescribeTagsResult {
  const rows: TagRow[] = allTaggables(regionOf(ctx)).flatMap((x) =>
    Object.entries(x.tags).map(([Key, Value]) => ({
      Key,
      Value,
      ResourceId: x.id,
      ResourceType: x.resourceType,
    })),
  );
  const matching = applyEc2Filters(rows, input.Filters, TAG_FILTERS);
  const page = ec2Page(ctx, input, matching, { min: 5, max: 1000 }, false);
  checkDryRun(input);
  return { Tags: page.items, ...nextTokenMember(page.nextToken) };
}

export const TAG_HANDLERS: Readonly<Record<string, Handler>> = {
  CreateTags: op(createTags),
  DeleteTags: op(deleteTags),
  DescribeTags: op(describeTags),
};
