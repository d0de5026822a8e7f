import type { LoadBalancer, TargetGroup } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { LoadBalancerDescription } from "@aws-sdk/client-elastic-load-balancing";
import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { STG_IDLE_LB_ARN } from "../../../src/aws/sandbox/demo-ids.js";
import { generateEstate } from "../../../src/aws/sandbox/generate.js";
import { callerFor, collectPages, expectAwsError, NOW, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();
const prodEast = estate.accounts[4]?.regions["us-east-1"];
if (prodEast === undefined) throw new Error("demo: no prod us-east-1");

describe("ELBv2 DescribeLoadBalancers", () => {
  it("pages with Marker/NextMarker, every load balancer exactly once, in the SDK shape", async () => {
    const call = callerFor(sandboxOf(estate), "demo-prod");
    const { items, pages } = await collectPages(async (token) => {
      const out = await call("elbv2", "DescribeLoadBalancers", {
        PageSize: 1,
        ...(token === undefined ? {} : { Marker: token }),
      });
      return { items: out.LoadBalancers as LoadBalancer[], next: out.NextMarker as string | undefined };
    });
    expect(pages).toBe(prodEast.loadBalancers.length);
    expect(items.map((lb) => lb.LoadBalancerArn).sort()).toEqual(
      prodEast.loadBalancers.map((lb) => lb.arn).sort(),
    );
    expect(items[0]).toMatchObject({
      Type: "application",
      Scheme: "internet-facing",
      State: { Code: "active" },
      CreatedTime: expect.any(Date),
      CanonicalHostedZoneId: "Z35SXDOTRQ7X7K",
      AvailabilityZones: expect.arrayContaining([expect.objectContaining({ ZoneName: "us-east-1a" })]),
      SecurityGroups: [expect.stringMatching(/^sg-/)],
    });
  });

  it("selects by Names or ARNs, refusing both at once, unknown ones, and PageSize out of 1–400", async () => {
    const call = callerFor(sandboxOf(estate), "demo-staging");
    const out = await call("elbv2", "DescribeLoadBalancers", { Names: ["stg-legacy-portal-alb"] });
    expect((out.LoadBalancers as LoadBalancer[]).map((lb) => lb.LoadBalancerArn)).toEqual([STG_IDLE_LB_ARN]);
    await expectAwsError(
      call("elbv2", "DescribeLoadBalancers", { Names: ["x"], LoadBalancerArns: [STG_IDLE_LB_ARN] }),
      "ValidationError",
    );
    await expectAwsError(call("elbv2", "DescribeLoadBalancers", { Names: ["nope"] }), "LoadBalancerNotFound");
    await expectAwsError(call("elbv2", "DescribeLoadBalancers", { PageSize: 401 }), "ValidationError");
    await expectAwsError(call("elbv2", "DescribeLoadBalancers", { Marker: "bogus" }), "ValidationError");
  });
});

describe("ELBv2 target groups and health", () => {
  const call = callerFor(sandboxOf(estate), "demo-staging");
  const stgEast = estate.accounts[3]?.regions["us-east-1"];
  const idleGroup = stgEast?.targetGroups.find((tg) => tg.loadBalancerArns.includes(STG_IDLE_LB_ARN));

  it("lists a load balancer's target groups and refuses an unknown balancer", async () => {
    const out = await call("elbv2", "DescribeTargetGroups", { LoadBalancerArn: STG_IDLE_LB_ARN });
    expect(out.TargetGroups).toMatchObject([
      {
        TargetGroupArn: idleGroup?.arn,
        Protocol: "HTTP",
        Port: 8080,
        TargetType: "instance",
        LoadBalancerArns: [STG_IDLE_LB_ARN],
      },
    ]);
    await expectAwsError(
      call("elbv2", "DescribeTargetGroups", { LoadBalancerArn: `${STG_IDLE_LB_ARN}0` }),
      "LoadBalancerNotFound",
    );
    await expectAwsError(
      call("elbv2", "DescribeTargetGroups", { TargetGroupArns: [`${idleGroup?.arn ?? ""}0`] }),
      "TargetGroupNotFound",
    );
  });

  it("pages every target group exactly once", async () => {
    const big = generateEstate({
      accounts: 1,
      regions: ["us-east-1"],
      resourcesPerRegion: 1300,
      seed: 3,
      now: NOW,
    });
    const groups = big.estate.accounts[0]?.regions["us-east-1"]?.targetGroups ?? [];
    const bigCall = callerFor(
      sandboxOf(big.estate, { pageSize: 1 }),
      big.estate.accounts[0]?.profiles[0]?.name ?? "",
    );
    const { items } = await collectPages(async (token) => {
      const out = await bigCall(
        "elbv2",
        "DescribeTargetGroups",
        token === undefined ? {} : { Marker: token },
      );
      return { items: out.TargetGroups as TargetGroup[], next: out.NextMarker as string | undefined };
    });
    expect(groups.length).toBeGreaterThan(1);
    expect(items.map((tg) => tg.TargetGroupArn).sort()).toEqual(groups.map((tg) => tg.arn).sort());
  });

  it("reports healthy targets of a serving balancer, and none behind the idle one", async () => {
    const prod = callerFor(sandboxOf(estate), "demo-prod");
    const group = prodEast.targetGroups[0];
    const out = await prod("elbv2", "DescribeTargetHealth", { TargetGroupArn: group?.arn });
    expect(out.TargetHealthDescriptions).toHaveLength(group?.targets.length ?? -1);
    expect(out.TargetHealthDescriptions).toContainEqual({
      Target: { Id: group?.targets[0]?.id, Port: 8080 },
      HealthCheckPort: "8080",
      TargetHealth: { State: "healthy" },
    });
    expect(
      (await call("elbv2", "DescribeTargetHealth", { TargetGroupArn: idleGroup?.arn }))
        .TargetHealthDescriptions,
    ).toEqual([]);
    await expectAwsError(
      prod("elbv2", "DescribeTargetHealth", {
        TargetGroupArn: group?.arn,
        Targets: [{ Id: "i-0123456789abcdef0" }],
      }),
      "InvalidTarget",
    );
    await expectAwsError(
      prod("elbv2", "DescribeTargetHealth", { TargetGroupArn: "arn:aws:x" }),
      "TargetGroupNotFound",
    );
  });

  it("DescribeTags answers tags of balancers and target groups, at most 20 ARNs", async () => {
    const out = await call("elbv2", "DescribeTags", { ResourceArns: [STG_IDLE_LB_ARN, idleGroup?.arn] });
    expect(out.TagDescriptions).toMatchObject([
      {
        ResourceArn: STG_IDLE_LB_ARN,
        Tags: expect.arrayContaining([{ Key: "Application", Value: "legacy-portal" }]),
      },
      { ResourceArn: idleGroup?.arn, Tags: expect.any(Array) },
    ]);
    await expectAwsError(
      call("elbv2", "DescribeTags", { ResourceArns: Array.from({ length: 21 }, () => STG_IDLE_LB_ARN) }),
      "ValidationError",
    );
  });
});

describe("classic ELB", () => {
  const call = callerFor(sandboxOf(estate), "demo-prod");

  it("DescribeLoadBalancers answers the classic shape with the registered instances", async () => {
    const out = await call("elb", "DescribeLoadBalancers", {});
    const [lb] = out.LoadBalancerDescriptions as LoadBalancerDescription[];
    const estateLb = prodEast.classicLoadBalancers[0];
    expect(lb).toMatchObject({
      LoadBalancerName: "prod-legacy-reports-elb",
      Scheme: "internal",
      VPCId: estateLb?.vpcId,
      CreatedTime: expect.any(Date),
      ListenerDescriptions: [{ Listener: { Protocol: "HTTP", LoadBalancerPort: 80, InstancePort: 8080 } }],
      Instances: estateLb?.instances.map((i) => ({ InstanceId: i.instanceId })),
      HealthCheck: { Target: "HTTP:8080/health" },
    });
  });

  it("pages with Marker/PageSize, names a missing balancer LoadBalancerNotFound, and tags by name", async () => {
    const big = generateEstate({
      accounts: 1,
      regions: ["us-east-1"],
      resourcesPerRegion: 3000,
      seed: 12,
      now: NOW,
    });
    const classic = big.estate.accounts[0]?.regions["us-east-1"]?.classicLoadBalancers ?? [];
    expect(classic.length).toBeGreaterThan(1);
    const bigCall = callerFor(sandboxOf(big.estate), big.estate.accounts[0]?.profiles[0]?.name ?? "");
    const { items } = await collectPages(async (token) => {
      const out = await bigCall("elb", "DescribeLoadBalancers", {
        PageSize: 1,
        ...(token === undefined ? {} : { Marker: token }),
      });
      return {
        items: out.LoadBalancerDescriptions as LoadBalancerDescription[],
        next: out.NextMarker as string | undefined,
      };
    });
    expect(items.map((lb) => lb.LoadBalancerName).sort()).toEqual(classic.map((lb) => lb.name).sort());
    await expectAwsError(
      call("elb", "DescribeLoadBalancers", { LoadBalancerNames: ["nope"] }),
      "LoadBalancerNotFound",
    );
    const tags = await call("elb", "DescribeTags", { LoadBalancerNames: ["prod-legacy-reports-elb"] });
    expect(tags.TagDescriptions).toMatchObject([
      {
        LoadBalancerName: "prod-legacy-reports-elb",
        Tags: expect.arrayContaining([{ Key: "Owner", Value: "finops" }]),
      },
    ]);
  });

  it("DescribeInstanceHealth answers InService for the registered instances", async () => {
    const out = await call("elb", "DescribeInstanceHealth", { LoadBalancerName: "prod-legacy-reports-elb" });
    expect(out.InstanceStates).toEqual(
      prodEast.classicLoadBalancers[0]?.instances.map((i) => ({
        InstanceId: i.instanceId,
        State: "InService",
        ReasonCode: "N/A",
        Description: "N/A",
      })),
    );
  });
});
