/** EC2 instances → ResourceRecord (DescribeInstances, with the SDK's paginator). */
import { paginateDescribeInstances, type Instance } from "@aws-sdk/client-ec2";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { ec2Arn } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { isoDate, nameTag, tagMap } from "./tags.js";

export async function collectInstances(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const client = factory.ec2(scope.region);
  const site = {
    service: "ec2",
    action: "ec2:DescribeInstances",
    account: scope.account,
    region: scope.region,
  };
  return withAwsErrors(site, async () => {
    const records: ResourceRecord[] = [];
    const pages = paginateDescribeInstances(
      { client, pageSize: pageSizeWithin(scope.pageSize, 5, 1000), stopOnSameToken: true },
      {},
    );
    for await (const page of pages) {
      for (const reservation of page.Reservations ?? []) {
        for (const instance of reservation.Instances ?? []) {
          if (instance.InstanceId !== undefined) records.push(toRecord(instance, instance.InstanceId, scope));
        }
      }
    }
    return records;
  });
}

function toRecord(instance: Instance, id: string, scope: CollectScope): ResourceRecord {
  const tags = tagMap(instance.Tags);
  return {
    service: "ec2",
    type: "instance",
    id,
    arn: ec2Arn(scope.region, scope.account, "instance", id),
    name: nameTag(tags),
    account: scope.account,
    region: scope.region,
    state: instance.State?.Name,
    tags,
    attributes: {
      instanceType: instance.InstanceType ?? null,
      availabilityZone: instance.Placement?.AvailabilityZone ?? null,
      vpcId: instance.VpcId ?? null,
      subnetId: instance.SubnetId ?? null,
      privateIpAddress: instance.PrivateIpAddress ?? null,
      publicIpAddress: instance.PublicIpAddress ?? null,
      imageId: instance.ImageId ?? null,
      platform: instance.PlatformDetails ?? instance.Platform ?? null,
      launchTime: isoDate(instance.LaunchTime),
    },
  };
}
