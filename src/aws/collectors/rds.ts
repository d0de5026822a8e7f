/** RDS DB instances → ResourceRecord (DescribeDBInstances, with the SDK's paginator; tags come inline). */
import { paginateDescribeDBInstances, type DBInstance } from "@aws-sdk/client-rds";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { partitionOf } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { isoDate, tagMap } from "./tags.js";

export async function collectDbInstances(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const client = factory.rds(scope.region);
  const site = {
    service: "rds",
    action: "rds:DescribeDBInstances",
    account: scope.account,
    region: scope.region,
  };
  return withAwsErrors(site, async () => {
    const records: ResourceRecord[] = [];
    const pages = paginateDescribeDBInstances(
      { client, pageSize: pageSizeWithin(scope.pageSize, 20, 100), stopOnSameToken: true },
      {},
    );
    for await (const page of pages) {
      for (const db of page.DBInstances ?? []) {
        if (db.DBInstanceIdentifier !== undefined) records.push(toRecord(db, db.DBInstanceIdentifier, scope));
      }
    }
    return records;
  });
}

function toRecord(db: DBInstance, id: string, scope: CollectScope): ResourceRecord {
  const tags = tagMap(db.TagList);
  return {
    service: "rds",
    type: "db-instance",
    id,
    arn: db.DBInstanceArn ?? `arn:${partitionOf(scope.region)}:rds:${scope.region}:${scope.account}:db:${id}`,
    name: tags["Name"] ?? id,
    account: scope.account,
    region: scope.region,
    state: db.DBInstanceStatus,
    tags,
    attributes: {
      engine: db.Engine ?? null,
      engineVersion: db.EngineVersion ?? null,
      instanceClass: db.DBInstanceClass ?? null,
      allocatedStorageGiB: db.AllocatedStorage ?? null,
      isMultiAz: db.MultiAZ ?? null,
      isPubliclyAccessible: db.PubliclyAccessible ?? null,
      isStorageEncrypted: db.StorageEncrypted ?? null,
      availabilityZone: db.AvailabilityZone ?? null,
      clusterId: db.DBClusterIdentifier ?? null,
      createTime: isoDate(db.InstanceCreateTime),
    },
  };
}
