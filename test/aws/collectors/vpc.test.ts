import { describe, expect, test } from "vitest";
import type { ClientFactory } from "../../../src/aws/clients.js";
import type { CollectScope } from "../../../src/aws/collectors/collect-scope.js";
import {
  collectInternetGateways,
  collectNatGateways,
  collectNetworkAcls,
  collectNetworkInterfaces,
  collectRouteTables,
  collectSecurityGroups,
  collectSubnets,
  collectVpcs,
} from "../../../src/aws/collectors/vpc.js";
import type { EstateRegion } from "../../../src/aws/sandbox/estate.js";
import type { ResourceRecord } from "../../../src/core/inventory/resource-record.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { DEV_ACCOUNT, makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { richest, type Place } from "./_estate.js";

const estate = buildDemoEstate();
const dev = estate.accounts.find((a) => a.id === DEV_ACCOUNT);
const region = "eu-west-1";
const vpcs = dev?.regions[region]?.vpcs ?? [];
const subnets = dev?.regions[region]?.subnets ?? [];

describe("collectVpcs and collectSubnets", () => {
  test("return every VPC and subnet of the region once, across pages", async () => {
    expect(subnets.length).toBeGreaterThan(1);
    const { factory } = makeSandboxFactory({ pageSize: 1 });
    const scope = { account: DEV_ACCOUNT, region };
    expect((await collectVpcs(factory, scope)).map((r) => r.id).sort()).toEqual(vpcs.map((v) => v.id).sort());
    expect((await collectSubnets(factory, scope)).map((r) => r.id).sort()).toEqual(
      subnets.map((s) => s.id).sort(),
    );
  });

  test("normalise a VPC and a subnet with ARNs in the account's name", async () => {
    const { factory } = makeSandboxFactory();
    const scope = { account: DEV_ACCOUNT, region };
    const vpc = vpcs[0];
    const subnet = subnets[0];
    expect((await collectVpcs(factory, scope)).find((r) => r.id === vpc?.id)).toMatchObject({
      service: "vpc",
      type: "vpc",
      arn: `arn:aws:ec2:${region}:${DEV_ACCOUNT}:vpc/${vpc?.id}`,
      tags: vpc?.tags,
      attributes: { cidrBlock: vpc?.cidr },
    });
    expect((await collectSubnets(factory, scope)).find((r) => r.id === subnet?.id)).toMatchObject({
      service: "vpc",
      type: "subnet",
      arn: `arn:aws:ec2:${region}:${DEV_ACCOUNT}:subnet/${subnet?.id}`,
      attributes: {
        vpcId: subnet?.vpcId,
        cidrBlock: subnet?.cidr,
        availabilityZone: subnet?.availabilityZone,
      },
    });
  });
});

interface NetworkCase {
  type: string;
  action: string;
  collect: (factory: ClientFactory, scope: CollectScope) => Promise<ResourceRecord[]>;
  place: Place<{ id: string; tags: Record<string, string> }>;
  arnType: string;
  expected: (item: never) => Partial<ResourceRecord>;
}

const networkCase = <T extends { id: string; tags: Record<string, string> }>(c: {
  type: string;
  action: string;
  collect: NetworkCase["collect"];
  list: (r: EstateRegion) => readonly T[];
  arnType?: string;
  expected: (item: T) => Partial<ResourceRecord>;
}): NetworkCase => ({ ...c, arnType: c.arnType ?? c.type, place: richest(c.list) });

const NETWORK_CASES: NetworkCase[] = [
  networkCase({
    type: "route-table",
    action: "DescribeRouteTables",
    collect: collectRouteTables,
    list: (r) => r.routeTables,
    expected: (t) => {
      const defaultRoute = t.routes.find((route) => route.destinationCidr === "0.0.0.0/0");
      return {
        state: undefined,
        attributes: {
          vpcId: t.vpcId,
          isMain: t.isMain,
          subnetAssociationCount: t.associations.filter((a) => a.subnetId !== undefined).length,
          defaultRouteTarget: defaultRoute?.gatewayId ?? defaultRoute?.natGatewayId ?? null,
        },
      };
    },
  }),
  networkCase({
    type: "internet-gateway",
    action: "DescribeInternetGateways",
    collect: collectInternetGateways,
    list: (r) => r.internetGateways,
    expected: (g) => ({
      state: g.vpcId === undefined ? "detached" : "available",
      attributes: { vpcId: g.vpcId ?? null },
    }),
  }),
  networkCase({
    type: "nat-gateway",
    action: "DescribeNatGateways",
    collect: collectNatGateways,
    list: (r) => r.natGateways,
    arnType: "natgateway",
    expected: (g) => ({
      state: g.state,
      attributes: {
        vpcId: g.vpcId,
        subnetId: g.subnetId,
        connectivityType: g.connectivityType,
        publicIp: g.publicIp ?? null,
        privateIp: g.privateIp,
        allocationId: g.allocationId ?? null,
      },
    }),
  }),
  networkCase({
    type: "network-acl",
    action: "DescribeNetworkAcls",
    collect: collectNetworkAcls,
    list: (r) => r.networkAcls,
    expected: (a) => {
      const rules = a.entries.filter((e) => e.ruleNumber !== 32767);
      return {
        state: undefined,
        attributes: {
          vpcId: a.vpcId,
          isDefault: a.isDefault,
          inboundRuleCount: rules.filter((e) => !e.egress).length,
          outboundRuleCount: rules.filter((e) => e.egress).length,
          subnetAssociationCount: a.associations.length,
        },
      };
    },
  }),
  networkCase({
    type: "security-group",
    action: "DescribeSecurityGroups",
    collect: collectSecurityGroups,
    list: (r) => r.securityGroups,
    expected: (g) => ({
      name: g.tags["Name"] ?? g.name,
      state: undefined,
      attributes: {
        groupName: g.name,
        description: g.description,
        vpcId: g.vpcId,
        inboundRuleCount: g.ingress.length,
        outboundRuleCount: g.egress.length,
      },
    }),
  }),
  networkCase({
    type: "network-interface",
    action: "DescribeNetworkInterfaces",
    collect: collectNetworkInterfaces,
    list: (r) => r.networkInterfaces,
    expected: (i) => ({
      state: i.attachment === undefined ? "available" : "in-use",
      attributes: {
        interfaceType: i.interfaceType,
        vpcId: i.vpcId,
        subnetId: i.subnetId,
        privateIpAddress: i.privateIp,
        publicIp: i.publicIp ?? null,
        attachedTo: i.attachment?.instanceId ?? i.attachment?.instanceOwnerId ?? null,
        isRequesterManaged: i.requesterManaged,
      },
    }),
  }),
];

describe.each(NETWORK_CASES)("the $type collector", ({ type, action, collect, place, arnType, expected }) => {
  const scope = { account: place.account, region: place.region };

  test("returns every one of the region once, across pages", async () => {
    expect(place.items.length).toBeGreaterThan(0);
    const { factory, sandbox } = makeSandboxFactory({ profile: place.profile, pageSize: 1 });
    const records = await collect(factory, scope);
    expect(records.map((r) => r.id).sort()).toEqual(place.items.map((x) => x.id).sort());
    expect(sandbox.calls.filter((c) => c.action === action).length).toBe(place.items.length);
  });

  test("normalises each: ARN in the account's name, Name tag, tags, state and attributes", async () => {
    const { factory } = makeSandboxFactory({ profile: place.profile });
    const records = await collect(factory, scope);
    for (const item of place.items) {
      expect(records.find((r) => r.id === item.id)).toMatchObject({
        service: "vpc",
        type,
        arn: `arn:aws:ec2:${place.region}:${place.account}:${arnType}/${item.id}`,
        name: item.tags["Name"],
        account: place.account,
        region: place.region,
        tags: item.tags,
        ...expected(item as never),
      });
    }
  });

  test(`a denied ${action} names the permission`, async () => {
    const { factory } = makeSandboxFactory({
      profile: place.profile,
      faults: { rules: [{ match: { action }, fail: "access-denied" }] },
    });
    await expect(collect(factory, scope)).rejects.toMatchObject({
      service: "ec2",
      action: `ec2:${action}`,
      account: place.account,
      region: place.region,
      awsName: "UnauthorizedOperation",
    });
  });
});
