/** EBS volumes → ResourceRecord (DescribeVolumes, with the SDK's paginator). */
import { paginateDescribeVolumes, type Volume } from "@aws-sdk/client-ec2";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { ec2Arn } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { isoDate, nameTag, tagMap } from "./tags.js";

export async function collectVolumes(factory: ClientFactory, scope: CollectScope): Promise<ResourceRecord[]> {
  const client = factory.ec2(scope.region);
  const site = {
    service: "ec2",
    action: "ec2:DescribeVolumes",
    account: scope.account,
    region: scope.region,
  };
  return withAwsErrors(site, async () => {
    const records: ResourceRecord[] = [];
    const pages = paginateDescribeVolumes(
      { client, pageSize: pageSizeWithin(scope.pageSize, 5, 500), stopOnSameToken: true },
      {},
    );
    for await (const page of pages) {
      for (const volume of page.Volumes ?? []) {
        if (volume.VolumeId !== undefined) records.push(toRecord(volume, volume.VolumeId, scope));
      }
    }
    return records;
  });
}

function toRecord(volume: Volume, id: string, scope: CollectScope): ResourceRecord {
  const tags = tagMap(volume.Tags);
  const attachedTo = (volume.Attachments ?? [])
    .map((a) => a.InstanceId)
    .filter((instanceId): instanceId is string => instanceId !== undefined);
  return {
    service: "ebs",
    type: "volume",
    id,
    arn: ec2Arn(scope.region, scope.account, "volume", id),
    name: nameTag(tags),
    account: scope.account,
    region: scope.region,
    state: volume.State,
    tags,
    attributes: {
      sizeGiB: volume.Size ?? null,
      volumeType: volume.VolumeType ?? null,
      availabilityZone: volume.AvailabilityZone ?? null,
      isEncrypted: volume.Encrypted ?? null,
      attachedTo: attachedTo.length === 0 ? null : attachedTo.join(","),
      iops: volume.Iops ?? null,
      createTime: isoDate(volume.CreateTime),
    },
  };
}
