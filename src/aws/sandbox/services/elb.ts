/**
 * Classic Elastic Load Balancing (API 2012-06-01): DescribeLoadBalancers (Marker/PageSize),
 * DescribeTags, DescribeInstanceHealth. The SDK names the inputs after the old "access point"
 * and "end point" words (DescribeAccessPointsInput, DescribeEndPointStateInput).
 */
import type {
  DescribeAccessPointsInput,
  DescribeAccessPointsOutput,
  DescribeEndPointStateInput,
  DescribeEndPointStateOutput,
  DescribeTagsInput,
  DescribeTagsOutput,
  LoadBalancerDescription,
} from "@aws-sdk/client-elastic-load-balancing";
import type { EstateClassicLoadBalancer, EstateRegion } from "../estate.js";
import { awsError } from "../errors.js";
import { op, regionOf, tagList, toDate, type Handler, type ServiceContext } from "./context.js";
import { checkTagBatch, elbPage, hostedZoneId } from "./elb-shared.js";

/** The wire code; the SDK throws it as AccessPointNotFoundException. */
function notFound(name: string): Error {
  return awsError("LoadBalancerNotFound", `There is no ACTIVE Load Balancer named '${name}'`);
}

function byName(r: EstateRegion, name: string | undefined): EstateClassicLoadBalancer {
  const lb = r.classicLoadBalancers.find((x) => x.name === name);
  if (lb === undefined) throw notFound(name ?? "");
  return lb;
}

function loadBalancerOutput(
  ctx: ServiceContext,
  r: EstateRegion,
  lb: EstateClassicLoadBalancer,
): LoadBalancerDescription {
  const groupName = r.securityGroups.find((g) => g.id === lb.securityGroupIds[0])?.name ?? "default";
  return {
    LoadBalancerName: lb.name,
    DNSName: lb.dnsName,
    ...(lb.scheme === "internet-facing"
      ? { CanonicalHostedZoneName: lb.dnsName, CanonicalHostedZoneNameID: hostedZoneId(ctx.region) }
      : { CanonicalHostedZoneNameID: hostedZoneId(ctx.region) }),
    ListenerDescriptions: lb.listeners.map((l) => ({
      Listener: {
        Protocol: l.protocol,
        LoadBalancerPort: l.port,
        InstanceProtocol: l.instanceProtocol,
        InstancePort: l.instancePort,
      },
      PolicyNames: [],
    })),
    Policies: { AppCookieStickinessPolicies: [], LBCookieStickinessPolicies: [], OtherPolicies: [] },
    BackendServerDescriptions: [],
    AvailabilityZones: lb.availabilityZones,
    Subnets: lb.subnetIds,
    VPCId: lb.vpcId,
    Instances: lb.instances.map((i) => ({ InstanceId: i.instanceId })),
    HealthCheck: {
      Target: lb.healthCheckTarget,
      Interval: 30,
      Timeout: 5,
      UnhealthyThreshold: 2,
      HealthyThreshold: 10,
    },
    SourceSecurityGroup: { OwnerAlias: ctx.account.id, GroupName: groupName },
    SecurityGroups: lb.securityGroupIds,
    CreatedTime: toDate(lb.createdAt),
    Scheme: lb.scheme,
  };
}

function describeLoadBalancers(
  ctx: ServiceContext,
  input: DescribeAccessPointsInput,
): DescribeAccessPointsOutput {
  const r = regionOf(ctx);
  const names = input.LoadBalancerNames ?? [];
  const selected = names.length > 0 ? [...new Set(names)].map((n) => byName(r, n)) : r.classicLoadBalancers;
  const { items, ...rest } = elbPage(ctx, input, selected);
  return { LoadBalancerDescriptions: items.map((lb) => loadBalancerOutput(ctx, r, lb)), ...rest };
}

function describeTags(ctx: ServiceContext, input: DescribeTagsInput): DescribeTagsOutput {
  const r = regionOf(ctx);
  const names = input.LoadBalancerNames ?? [];
  checkTagBatch(names.length, "loadBalancerNames");
  return {
    TagDescriptions: names.map((name) => ({ LoadBalancerName: name, Tags: tagList(byName(r, name).tags) })),
  };
}

function describeInstanceHealth(
  ctx: ServiceContext,
  input: DescribeEndPointStateInput,
): DescribeEndPointStateOutput {
  const lb = byName(regionOf(ctx), input.LoadBalancerName);
  const wanted = input.Instances ?? [];
  const states =
    wanted.length === 0
      ? lb.instances
      : wanted.map((w) => {
          const found = lb.instances.find((i) => i.instanceId === w.InstanceId);
          if (found === undefined) {
            throw awsError("InvalidInstance", `Could not find EC2 instance ${w.InstanceId ?? ""}.`);
          }
          return found;
        });
  return {
    InstanceStates: states.map((i) => ({
      InstanceId: i.instanceId,
      State: i.state,
      ReasonCode: i.state === "InService" ? "N/A" : "Instance",
      Description:
        i.state === "InService"
          ? "N/A"
          : "Instance has failed at least the UnhealthyThreshold number of health checks consecutively.",
    })),
  };
}

export const ELB_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeLoadBalancers: op(describeLoadBalancers),
  DescribeTags: op(describeTags),
  DescribeInstanceHealth: op(describeInstanceHealth),
};
