/**
 * The inventory's service registry: how each service is collected and where its partitions
 * run. Adding a service to the inventory is adding an entry here (and its collector).
 */
import type { ClientFactory } from "../../aws/clients.js";
import { collectTrails } from "../../aws/collectors/cloudtrail.js";
import type { CollectScope } from "../../aws/collectors/collect-scope.js";
import { collectSnapshots, collectVolumes } from "../../aws/collectors/ebs.js";
import { collectElasticIps, collectImages, collectInstances } from "../../aws/collectors/ec2.js";
import { collectLoadBalancers, collectTargetGroups } from "../../aws/collectors/elb.js";
import { collectIamPolicies, collectIamRoles, collectIamUsers } from "../../aws/collectors/iam.js";
import { collectKeys } from "../../aws/collectors/kms.js";
import { collectFunctions } from "../../aws/collectors/lambda.js";
import { collectDbClusters, collectDbInstances } from "../../aws/collectors/rds.js";
import { collectBuckets, listBucketLocations } from "../../aws/collectors/s3.js";
import {
  collectInternetGateways,
  collectNatGateways,
  collectNetworkAcls,
  collectNetworkInterfaces,
  collectRouteTables,
  collectSecurityGroups,
  collectSubnets,
  collectVpcs,
} from "../../aws/collectors/vpc.js";
import {
  INVENTORY_SERVICE_LABELS,
  type InventoryService,
  type ResourceRecord,
} from "../../core/inventory/resource-record.js";
import type { ScanSource } from "../scan/run-scan.js";

export interface InventoryServiceSpec extends ScanSource<ResourceRecord> {
  service: InventoryService;
}

type Collector = (factory: ClientFactory, scope: CollectScope) => Promise<ResourceRecord[]>;

/** Several collectors of one service, one after the other (each a few calls; partitions run in parallel). */
const all =
  (...collectors: Collector[]): InventoryServiceSpec["collect"] =>
  async ({ factory, scope }) => {
    const records: ResourceRecord[] = [];
    for (const collect of collectors) records.push(...(await collect(factory, scope)));
    return records;
  };

const spec = (
  service: InventoryService,
  placement: InventoryServiceSpec["placement"],
  collect: InventoryServiceSpec["collect"],
): InventoryServiceSpec => ({ service, label: INVENTORY_SERVICE_LABELS[service], placement, collect });

export const INVENTORY_SERVICE_SPECS: Readonly<Record<InventoryService, InventoryServiceSpec>> = {
  ec2: spec("ec2", "regional", all(collectInstances, collectElasticIps, collectImages)),
  ebs: spec("ebs", "regional", all(collectVolumes, collectSnapshots)),
  vpc: spec(
    "vpc",
    "regional",
    all(
      collectVpcs,
      collectSubnets,
      collectRouteTables,
      collectInternetGateways,
      collectNatGateways,
      collectNetworkAcls,
      collectSecurityGroups,
      collectNetworkInterfaces,
    ),
  ),
  // ListBuckets is global: listed once per account, each bucket placed in its own region.
  s3: spec("s3", "regional", async ({ factory, scope, regions, shared, now }) =>
    collectBuckets(factory, scope, {
      buckets: await shared("s3:buckets", () =>
        listBucketLocations(factory, { account: scope.account, regions, pageSize: scope.pageSize }),
      ),
      now,
    }),
  ),
  rds: spec("rds", "regional", all(collectDbInstances, collectDbClusters)),
  lambda: spec("lambda", "regional", all(collectFunctions)),
  elb: spec("elb", "regional", all(collectLoadBalancers, collectTargetGroups)),
  // IAM is global: one partition per account; its records carry the region "global".
  iam: spec("iam", "global", all(collectIamUsers, collectIamRoles, collectIamPolicies)),
  cloudtrail: spec("cloudtrail", "regional", all(collectTrails)),
  kms: spec("kms", "regional", all(collectKeys)),
};
