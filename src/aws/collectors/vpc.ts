/** VPCs and subnets → ResourceRecord (DescribeVpcs, DescribeSubnets, with the SDK's paginators). */
import { paginateDescribeSubnets, paginateDescribeVpcs, type Subnet, type Vpc } from "@aws-sdk/client-ec2";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { ec2Arn } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { nameTag, tagMap } from "./tags.js";

export async function collectVpcs(factory: ClientFactory, scope: CollectScope): Promise<ResourceRecord[]> {
  const client = factory.ec2(scope.region);
  const site = { service: "ec2", action: "ec2:DescribeVpcs", account: scope.account, region: scope.region };
  return withAwsErrors(site, async () => {
    const records: ResourceRecord[] = [];
    const pages = paginateDescribeVpcs(
      { client, pageSize: pageSizeWithin(scope.pageSize, 5, 1000), stopOnSameToken: true },
      {},
    );
    for await (const page of pages) {
      for (const vpc of page.Vpcs ?? []) {
        if (vpc.VpcId !== undefined) records.push(vpcRecord(vpc, vpc.VpcId, scope));
      }
    }
    return records;
  });
}

export async function collectSubnets(factory: ClientFactory, scope: CollectScope): Promise<ResourceRecord[]> {
  const client = factory.ec2(scope.region);
  const site = {
    service: "ec2",
    action: "ec2:DescribeSubnets",
    account: scope.account,
    region: scope.region,
  };
  return withAwsErrors(site, async () => {
    const records: ResourceRecord[] = [];
    const pages = paginateDescribeSubnets(
      { client, pageSize: pageSizeWithin(scope.pageSize, 5, 1000), stopOnSameToken: true },
      {},
    );
    for await (const page of pages) {
      for (const subnet of page.Subnets ?? []) {
        if (subnet.SubnetId !== undefined) records.push(subnetRecord(subnet, subnet.SubnetId, scope));
      }
    }
    return records;
  });
}

function vpcRecord(vpc: Vpc, id: string, scope: CollectScope): ResourceRecord {
  const tags = tagMap(vpc.Tags);
  // A VPC shared with this account (AWS RAM) is listed too; its ARN names the owner.
  const owner = vpc.OwnerId ?? scope.account;
  return {
    service: "vpc",
    type: "vpc",
    id,
    arn: ec2Arn(scope.region, owner, "vpc", id),
    name: nameTag(tags),
    account: scope.account,
    region: scope.region,
    state: vpc.State,
    tags,
    attributes: {
      cidrBlock: vpc.CidrBlock ?? null,
      isDefault: vpc.IsDefault ?? null,
      ...(owner !== scope.account && { ownerId: owner }),
    },
  };
}

function subnetRecord(subnet: Subnet, id: string, scope: CollectScope): ResourceRecord {
  const tags = tagMap(subnet.Tags);
  const owner = subnet.OwnerId ?? scope.account;
  return {
    service: "vpc",
    type: "subnet",
    id,
    arn: subnet.SubnetArn ?? ec2Arn(scope.region, owner, "subnet", id),
    name: nameTag(tags),
    account: scope.account,
    region: scope.region,
    state: subnet.State,
    tags,
    attributes: {
      vpcId: subnet.VpcId ?? null,
      cidrBlock: subnet.CidrBlock ?? null,
      availabilityZone: subnet.AvailabilityZone ?? null,
      availableIpAddressCount: subnet.AvailableIpAddressCount ?? null,
      isPublicIpOnLaunch: subnet.MapPublicIpOnLaunch ?? null,
      ...(owner !== scope.account && { ownerId: owner }),
    },
  };
}
