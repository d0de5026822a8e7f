import { describe, expect, test } from "vitest";
import { collectLoadBalancers, collectTargetGroups } from "../../../src/aws/collectors/elb.js";
import { AwsCallError } from "../../../src/core/errors.js";
import { makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { estate, richest } from "./_estate.js";

describe("collectLoadBalancers", () => {
  // A region with both kinds: ELBv2 load balancers and a classic one.
  const place = richest((r) =>
    r.classicLoadBalancers.length === 0 ? [] : [...r.loadBalancers, ...r.classicLoadBalancers],
  );
  const scope = { account: place.account, region: place.region };
  const region = place.source.regions[place.region];
  const v2 = region?.loadBalancers ?? [];
  const classic = region?.classicLoadBalancers ?? [];

  test("returns the ELBv2 load balancers (id: ARN) and the classic ones (id: name), across pages", async () => {
    expect(v2.length).toBeGreaterThan(1);
    expect(classic.length).toBeGreaterThan(0);
    const { factory, sandbox } = makeSandboxFactory({ profile: place.profile, pageSize: 1 });
    const records = await collectLoadBalancers(factory, scope);
    expect(records.map((r) => r.id).sort()).toEqual(
      [...v2.map((b) => b.arn), ...classic.map((b) => b.name)].sort(),
    );
    expect(
      sandbox.calls.filter((c) => c.service === "elbv2" && c.action === "DescribeLoadBalancers").length,
    ).toBeGreaterThan(1);
  });

  test("normalises an ELBv2 load balancer: type, scheme, state, DNS name, tags", async () => {
    const { factory } = makeSandboxFactory({ profile: place.profile });
    const records = await collectLoadBalancers(factory, scope);
    for (const lb of v2) {
      expect(records.find((r) => r.id === lb.arn)).toMatchObject({
        service: "elb",
        type: "load-balancer",
        arn: lb.arn,
        name: lb.name,
        region: place.region,
        state: lb.state,
        tags: lb.tags,
        attributes: { loadBalancerType: lb.type, scheme: lb.scheme, dnsName: lb.dnsName, vpcId: lb.vpcId },
      });
    }
  });

  test("normalises a classic load balancer: an ARN built for the partition, no state, its instances", async () => {
    const { factory } = makeSandboxFactory({ profile: place.profile });
    const records = await collectLoadBalancers(factory, scope);
    for (const lb of classic) {
      expect(records.find((r) => r.id === lb.name)).toMatchObject({
        service: "elb",
        type: "load-balancer",
        arn: `arn:aws:elasticloadbalancing:${place.region}:${place.account}:loadbalancer/${lb.name}`,
        name: lb.name,
        state: undefined,
        tags: lb.tags,
        attributes: {
          loadBalancerType: "classic",
          scheme: lb.scheme,
          dnsName: lb.dnsName,
          vpcId: lb.vpcId,
          instanceCount: lb.instances.length,
        },
      });
    }
  });

  test("reads tags 20 load balancers at a time", async () => {
    const many = structuredClone(estate);
    const r = many.accounts.find((a) => a.id === place.account)?.regions[place.region];
    const template = r?.loadBalancers[0];
    if (r === undefined || template === undefined) throw new Error("no load balancer to copy");
    for (let i = 0; i < 25; i++) {
      r.loadBalancers.push({
        ...template,
        name: `copy-${i}`,
        arn: template.arn.replace(/\/[^/]+\/([^/]+)$/, `/copy-${i}/$1`),
        tags: { Copy: String(i) },
      });
    }
    const { factory, sandbox } = makeSandboxFactory({ estate: many, profile: place.profile });
    const records = await collectLoadBalancers(factory, scope);
    expect(records.filter((rec) => rec.attributes["loadBalancerType"] !== "classic")).toHaveLength(
      r.loadBalancers.length,
    );
    expect(records.find((rec) => rec.name === "copy-24")?.tags).toEqual({ Copy: "24" });
    expect(sandbox.calls.filter((c) => c.service === "elbv2" && c.action === "DescribeTags")).toHaveLength(
      Math.ceil(r.loadBalancers.length / 20),
    );
  });

  test("a denied classic DescribeLoadBalancers names the permission", async () => {
    const { factory } = makeSandboxFactory({
      profile: place.profile,
      faults: {
        rules: [{ match: { service: "elb", action: "DescribeLoadBalancers" }, fail: "access-denied" }],
      },
    });
    const failure = collectLoadBalancers(factory, scope);
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toMatchObject({
      service: "elasticloadbalancing",
      action: "elasticloadbalancing:DescribeLoadBalancers",
      awsName: "AccessDenied",
    });
  });
});

describe("collectTargetGroups", () => {
  const place = richest((r) => r.targetGroups);
  const scope = { account: place.account, region: place.region };

  test("returns every target group across pages, with target health counts and tags", async () => {
    expect(place.items.length).toBeGreaterThan(1);
    const { factory, sandbox } = makeSandboxFactory({ profile: place.profile, pageSize: 1 });
    const records = await collectTargetGroups(factory, scope);
    expect(records.map((r) => r.id).sort()).toEqual(place.items.map((g) => g.arn).sort());
    expect(sandbox.calls.filter((c) => c.action === "DescribeTargetGroups").length).toBeGreaterThan(1);
    for (const group of place.items) {
      expect(records.find((r) => r.id === group.arn)).toMatchObject({
        service: "elb",
        type: "target-group",
        arn: group.arn,
        name: group.name,
        state: undefined,
        tags: group.tags,
        attributes: {
          protocol: group.protocol,
          port: group.port,
          targetType: group.targetType,
          vpcId: group.vpcId,
          loadBalancerCount: group.loadBalancerArns.length,
          targetCount: group.targets.length,
          healthyCount: group.targets.filter((t) => t.health === "healthy").length,
          unhealthyCount: group.targets.filter((t) => t.health === "unhealthy").length,
        },
      });
    }
  });

  test("a denied DescribeTargetHealth names the permission", async () => {
    const { factory } = makeSandboxFactory({
      profile: place.profile,
      faults: { rules: [{ match: { action: "DescribeTargetHealth" }, fail: "access-denied" }] },
    });
    await expect(collectTargetGroups(factory, scope)).rejects.toMatchObject({
      action: "elasticloadbalancing:DescribeTargetHealth",
      awsName: "AccessDenied",
    });
  });
});
