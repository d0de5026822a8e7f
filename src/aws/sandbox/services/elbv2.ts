/**
 * Elastic Load Balancing v2 (application and network load balancers): DescribeLoadBalancers,
 * DescribeTargetGroups, DescribeTargetHealth, DescribeTags. Pages are Marker/PageSize.
 */
import type {
  DescribeLoadBalancersInput,
  DescribeLoadBalancersOutput,
  DescribeTagsInput,
  DescribeTagsOutput,
  DescribeTargetGroupsInput,
  DescribeTargetGroupsOutput,
  DescribeTargetHealthInput,
  DescribeTargetHealthOutput,
  LoadBalancer,
  TargetGroup,
  TargetHealth,
  TargetHealthDescription,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import type { EstateLoadBalancer, EstateRegion, EstateTargetGroup } from "../estate.js";
import { awsError } from "../errors.js";
import { op, regionOf, tagList, toDate, type Handler, type ServiceContext } from "./context.js";
import { checkTagBatch, elbPage, hostedZoneId } from "./elb-shared.js";

const lbNotFound = () => awsError("LoadBalancerNotFound", "One or more load balancers not found");
const tgNotFound = () => awsError("TargetGroupNotFound", "One or more target groups not found");

function loadBalancerOutput(ctx: ServiceContext, r: EstateRegion, lb: EstateLoadBalancer): LoadBalancer {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: hostedZoneId(ctx.region),
    CreatedTime: toDate(lb.createdAt),
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: lb.state },
    Type: lb.type,
    AvailabilityZones: lb.subnetIds.map((id) => ({
      ZoneName: r.subnets.find((s) => s.id === id)?.availabilityZone ?? `${ctx.region}a`,
      SubnetId: id,
      LoadBalancerAddresses: [],
    })),
    ...(lb.type === "application" ? { SecurityGroups: lb.securityGroupIds } : {}),
    IpAddressType: "ipv4",
  };
}

/** The named items, in the order asked; any missing one fails the whole call. */
function selectAll<T>(
  items: readonly T[],
  wanted: readonly string[],
  keyOf: (item: T) => string,
  missing: () => Error,
): T[] {
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  return [...new Set(wanted)].map((key) => {
    const item = byKey.get(key);
    if (item === undefined) throw missing();
    return item;
  });
}

function describeLoadBalancers(
  ctx: ServiceContext,
  input: DescribeLoadBalancersInput,
): DescribeLoadBalancersOutput {
  const r = regionOf(ctx);
  const arns = input.LoadBalancerArns ?? [];
  const names = input.Names ?? [];
  if (arns.length > 0 && names.length > 0) {
    throw awsError(
      "ValidationError",
      "Load balancer names and load balancer ARNs cannot be specified at the same time",
    );
  }
  let selected: readonly EstateLoadBalancer[] = r.loadBalancers;
  if (arns.length > 0) selected = selectAll(selected, arns, (lb) => lb.arn, lbNotFound);
  if (names.length > 0) selected = selectAll(selected, names, (lb) => lb.name, lbNotFound);
  const { items, ...rest } = elbPage(ctx, input, selected);
  return { LoadBalancers: items.map((lb) => loadBalancerOutput(ctx, r, lb)), ...rest };
}

function targetGroupOutput(tg: EstateTargetGroup): TargetGroup {
  const http = tg.protocol.startsWith("HTTP");
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: tg.protocol as TargetGroup["Protocol"],
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: tg.protocol as TargetGroup["HealthCheckProtocol"],
    HealthCheckPort: "traffic-port",
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: http ? 5 : 10,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    ...(tg.healthCheckPath === undefined ? {} : { HealthCheckPath: tg.healthCheckPath }),
    ...(http ? { Matcher: { HttpCode: "200" }, ProtocolVersion: "HTTP1" } : {}),
    LoadBalancerArns: tg.loadBalancerArns,
    TargetType: tg.targetType,
    IpAddressType: "ipv4",
  };
}

function describeTargetGroups(
  ctx: ServiceContext,
  input: DescribeTargetGroupsInput,
): DescribeTargetGroupsOutput {
  const r = regionOf(ctx);
  let selected: readonly EstateTargetGroup[] = r.targetGroups;
  if (input.LoadBalancerArn !== undefined) {
    const lbArn = input.LoadBalancerArn;
    if (!r.loadBalancers.some((lb) => lb.arn === lbArn)) throw lbNotFound();
    selected = selected.filter((tg) => tg.loadBalancerArns.includes(lbArn));
  }
  const arns = input.TargetGroupArns ?? [];
  if (arns.length > 0) selected = selectAll(selected, arns, (tg) => tg.arn, tgNotFound);
  const names = input.Names ?? [];
  if (names.length > 0) selected = selectAll(selected, names, (tg) => tg.name, tgNotFound);
  const { items, ...rest } = elbPage(ctx, input, selected);
  return { TargetGroups: items.map(targetGroupOutput), ...rest };
}

const HEALTH_REASONS: Readonly<Record<string, Omit<TargetHealth, "State">>> = {
  unhealthy: { Reason: "Target.FailedHealthChecks", Description: "Health checks failed" },
  initial: { Reason: "Elb.RegistrationInProgress", Description: "Target registration is in progress" },
  unused: {
    Reason: "Target.NotInUse",
    Description: "Target group is not configured to receive traffic from the load balancer",
  },
  draining: {
    Reason: "Target.DeregistrationInProgress",
    Description: "Target deregistration is in progress",
  },
};

function describeTargetHealth(
  ctx: ServiceContext,
  input: DescribeTargetHealthInput,
): DescribeTargetHealthOutput {
  const tg = regionOf(ctx).targetGroups.find((t) => t.arn === input.TargetGroupArn);
  if (tg === undefined) throw tgNotFound();
  let targets = tg.targets;
  if (input.Targets !== undefined && input.Targets.length > 0) {
    targets = input.Targets.map((wanted) => {
      const target = tg.targets.find(
        (t) => t.id === wanted.Id && (wanted.Port === undefined || t.port === wanted.Port),
      );
      if (target === undefined) {
        throw awsError(
          "InvalidTarget",
          `The following targets are not registered in target group: '${wanted.Id ?? ""}'`,
        );
      }
      return target;
    });
  }
  const descriptions: TargetHealthDescription[] = targets.map((t) => {
    // A target group no load balancer uses has every target `unused`.
    const state = tg.loadBalancerArns.length === 0 ? "unused" : t.health;
    return {
      Target: { Id: t.id, Port: t.port },
      HealthCheckPort: String(t.port),
      TargetHealth: { State: state, ...(HEALTH_REASONS[state] ?? {}) },
    };
  });
  return { TargetHealthDescriptions: descriptions };
}

function describeTags(ctx: ServiceContext, input: DescribeTagsInput): DescribeTagsOutput {
  const r = regionOf(ctx);
  const arns = input.ResourceArns ?? [];
  checkTagBatch(arns.length, "resourceArns");
  return {
    TagDescriptions: arns.map((arn) => {
      const isTargetGroup = arn.includes(":targetgroup/");
      const resource = isTargetGroup
        ? r.targetGroups.find((tg) => tg.arn === arn)
        : r.loadBalancers.find((lb) => lb.arn === arn);
      if (resource === undefined) throw isTargetGroup ? tgNotFound() : lbNotFound();
      return { ResourceArn: arn, Tags: tagList(resource.tags) };
    }),
  };
}

export const ELBV2_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeLoadBalancers: op(describeLoadBalancers),
  DescribeTargetGroups: op(describeTargetGroups),
  DescribeTargetHealth: op(describeTargetHealth),
  DescribeTags: op(describeTags),
};
