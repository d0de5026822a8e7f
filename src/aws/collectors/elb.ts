/**
 * Elastic Load Balancing → ResourceRecord: load balancers (ELBv2 application, network and
 * gateway load balancers, then classic load balancers) and ELBv2 target groups with the health
 * of their targets. Listings use the SDK's paginators; tags come from DescribeTags, which takes
 * at most 20 resources per call.
 */
import {
  DescribeTagsCommand as DescribeClassicTagsCommand,
  paginateDescribeLoadBalancers as paginateDescribeClassicLoadBalancers,
  type LoadBalancerDescription,
} from "@aws-sdk/client-elastic-load-balancing";
import {
  DescribeTagsCommand,
  DescribeTargetHealthCommand,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  type LoadBalancer,
  type TargetGroup,
  type TargetHealthDescription,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { classicLoadBalancerArn } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { batchesOf, itemsFromPages, mapConcurrently, PER_RESOURCE_CONCURRENCY } from "./pages.js";
import { isoDate, nameTag, tagMap } from "./tags.js";

/** DescribeTags (both APIs) takes at most 20 resources. */
const TAGS_BATCH = 20;

export type TagList = { Key?: string; Value?: string }[] | undefined;

/** The region's load balancers as the APIs describe them, each with its tags. */
export interface LoadBalancerListing {
  v2: { lb: LoadBalancer & { LoadBalancerArn: string }; tags: TagList }[];
  classic: { lb: LoadBalancerDescription & { LoadBalancerName: string }; tags: TagList }[];
}

/** ELBv2 load balancers, then classic ones (id: the ARN for ELBv2, the name for classic). */
export async function collectLoadBalancers(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const { v2, classic } = await listLoadBalancers(factory, scope);
  return [
    ...v2.map(({ lb, tags }) => v2Record(lb, lb.LoadBalancerArn, tags, scope)),
    ...classic.map(({ lb, tags }) => classicRecord(lb, lb.LoadBalancerName, tags, scope)),
  ];
}

export async function listLoadBalancers(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<LoadBalancerListing> {
  const v2 = await factory.elbv2(scope.region);
  const balancers = await withAwsErrors(callSite(scope, "elasticloadbalancing:DescribeLoadBalancers"), () =>
    itemsFromPages(
      paginateDescribeLoadBalancers(
        { client: v2, pageSize: pageSizeWithin(scope.pageSize, 1, 400), stopOnSameToken: true },
        {},
      ),
      (page) => page.LoadBalancers,
    ),
  );
  const v2Listed = balancers.filter(
    (b): b is LoadBalancer & { LoadBalancerArn: string } => b.LoadBalancerArn !== undefined,
  );
  const v2Tags = await elbv2Tags(
    factory,
    scope,
    v2Listed.map((b) => b.LoadBalancerArn),
  );

  const classic = await factory.elb(scope.region);
  const classics = await withAwsErrors(callSite(scope, "elasticloadbalancing:DescribeLoadBalancers"), () =>
    itemsFromPages(
      paginateDescribeClassicLoadBalancers(
        { client: classic, pageSize: pageSizeWithin(scope.pageSize, 1, 400), stopOnSameToken: true },
        {},
      ),
      (page) => page.LoadBalancerDescriptions,
    ),
  );
  const classicListed = classics.filter(
    (b): b is LoadBalancerDescription & { LoadBalancerName: string } => b.LoadBalancerName !== undefined,
  );
  const classicTags = new Map<string, TagList>();
  for (const names of batchesOf(
    classicListed.map((b) => b.LoadBalancerName),
    TAGS_BATCH,
  )) {
    const out = await withAwsErrors(callSite(scope, "elasticloadbalancing:DescribeTags"), () =>
      classic.send(new DescribeClassicTagsCommand({ LoadBalancerNames: names })),
    );
    for (const d of out.TagDescriptions ?? []) {
      if (d.LoadBalancerName !== undefined) classicTags.set(d.LoadBalancerName, d.Tags);
    }
  }
  return {
    v2: v2Listed.map((lb) => ({ lb, tags: v2Tags.get(lb.LoadBalancerArn) })),
    classic: classicListed.map((lb) => ({ lb, tags: classicTags.get(lb.LoadBalancerName) })),
  };
}

/** ELBv2 target groups, each with how many of its targets are healthy and unhealthy. */
export async function collectTargetGroups(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const groups = await listTargetGroups(factory, scope);
  return groups.map(({ group, health, tags }) =>
    targetGroupRecord(group, group.TargetGroupArn, health, tags, scope),
  );
}

/** The region's ELBv2 target groups, each with its targets' health and its tags. */
export async function listTargetGroups(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<
  { group: TargetGroup & { TargetGroupArn: string }; health: TargetHealthDescription[]; tags: TagList }[]
> {
  const client = await factory.elbv2(scope.region);
  const groups = await withAwsErrors(callSite(scope, "elasticloadbalancing:DescribeTargetGroups"), () =>
    itemsFromPages(
      paginateDescribeTargetGroups(
        { client, pageSize: pageSizeWithin(scope.pageSize, 1, 400), stopOnSameToken: true },
        {},
      ),
      (page) => page.TargetGroups,
    ),
  );
  const withArn = groups.filter(
    (g): g is TargetGroup & { TargetGroupArn: string } => g.TargetGroupArn !== undefined,
  );
  const tags = await elbv2Tags(
    factory,
    scope,
    withArn.map((g) => g.TargetGroupArn),
  );
  return mapConcurrently(withArn, PER_RESOURCE_CONCURRENCY, async (group) => {
    const arn = group.TargetGroupArn;
    const health = await withAwsErrors(callSite(scope, "elasticloadbalancing:DescribeTargetHealth"), () =>
      client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn })),
    );
    return { group, health: health.TargetHealthDescriptions ?? [], tags: tags.get(arn) };
  });
}

async function elbv2Tags(
  factory: ClientFactory,
  scope: CollectScope,
  arns: readonly string[],
): Promise<Map<string, TagList>> {
  const client = await factory.elbv2(scope.region);
  const tags = new Map<string, TagList>();
  for (const batch of batchesOf(arns, TAGS_BATCH)) {
    const out = await withAwsErrors(callSite(scope, "elasticloadbalancing:DescribeTags"), () =>
      client.send(new DescribeTagsCommand({ ResourceArns: batch })),
    );
    for (const d of out.TagDescriptions ?? []) {
      if (d.ResourceArn !== undefined) tags.set(d.ResourceArn, d.Tags);
    }
  }
  return tags;
}

export function v2Record(
  lb: LoadBalancer,
  arn: string,
  tagList: TagList,
  scope: CollectScope,
): ResourceRecord {
  const tags = tagMap(tagList);
  return {
    service: "elb",
    type: "load-balancer",
    id: arn,
    arn,
    name: lb.LoadBalancerName ?? nameTag(tags),
    account: scope.account,
    region: scope.region,
    state: lb.State?.Code,
    tags,
    attributes: {
      loadBalancerType: lb.Type ?? null,
      scheme: lb.Scheme ?? null,
      dnsName: lb.DNSName ?? null,
      vpcId: lb.VpcId ?? null,
      ipAddressType: lb.IpAddressType ?? null,
      availabilityZoneCount: (lb.AvailabilityZones ?? []).length,
      securityGroupCount: (lb.SecurityGroups ?? []).length,
      createdTime: isoDate(lb.CreatedTime),
    },
  };
}

export function classicRecord(
  lb: LoadBalancerDescription,
  name: string,
  tagList: TagList,
  scope: CollectScope,
): ResourceRecord {
  return {
    service: "elb",
    type: "load-balancer",
    id: name,
    arn: classicLoadBalancerArn(scope.region, scope.account, name),
    name,
    account: scope.account,
    region: scope.region,
    // Classic load balancers have no lifecycle state.
    state: undefined,
    tags: tagMap(tagList),
    attributes: {
      loadBalancerType: "classic",
      scheme: lb.Scheme ?? null,
      dnsName: lb.DNSName ?? null,
      vpcId: lb.VPCId ?? null,
      instanceCount: (lb.Instances ?? []).length,
      availabilityZoneCount: (lb.AvailabilityZones ?? []).length,
      securityGroupCount: (lb.SecurityGroups ?? []).length,
      createdTime: isoDate(lb.CreatedTime),
    },
  };
}

function targetGroupRecord(
  group: TargetGroup,
  arn: string,
  health: readonly TargetHealthDescription[],
  tagList: TagList,
  scope: CollectScope,
): ResourceRecord {
  const stateOf = (t: TargetHealthDescription) => t.TargetHealth?.State;
  return {
    service: "elb",
    type: "target-group",
    id: arn,
    arn,
    name: group.TargetGroupName,
    account: scope.account,
    region: scope.region,
    state: undefined,
    tags: tagMap(tagList),
    attributes: {
      protocol: group.Protocol ?? null,
      port: group.Port ?? null,
      targetType: group.TargetType ?? null,
      vpcId: group.VpcId ?? null,
      loadBalancerCount: (group.LoadBalancerArns ?? []).length,
      targetCount: health.length,
      healthyCount: health.filter((t) => stateOf(t) === "healthy").length,
      unhealthyCount: health.filter((t) => stateOf(t) === "unhealthy").length,
      healthCheckPath: group.HealthCheckPath ?? null,
    },
  };
}
