/**
 * The inventory's service registry: how each service is collected and where its partitions
 * run. Adding a service to the inventory is adding an entry here (and its collector).
 *
 * Each service's collectors (and so its AWS SDK package) are loaded when it is first
 * collected: an inventory of `--services s3` does not load the EC2 or IAM packages.
 */
import type { ClientFactory } from "../../aws/clients.js";
import type { CollectScope } from "../../aws/collectors/collect-scope.js";
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
  <M>(load: () => Promise<M>, pick: (module: M) => Collector[]): InventoryServiceSpec["collect"] =>
  async ({ factory, scope }) => {
    const records: ResourceRecord[] = [];
    for (const collect of pick(await load())) records.push(...(await collect(factory, scope)));
    return records;
  };

const spec = (
  service: InventoryService,
  placement: InventoryServiceSpec["placement"],
  collect: InventoryServiceSpec["collect"],
): InventoryServiceSpec => ({ service, label: INVENTORY_SERVICE_LABELS[service], placement, collect });

const ec2 = () => import("../../aws/collectors/ec2.js");
const ebs = () => import("../../aws/collectors/ebs.js");
const vpc = () => import("../../aws/collectors/vpc.js");
const s3 = () => import("../../aws/collectors/s3.js");
const rds = () => import("../../aws/collectors/rds.js");
const lambda = () => import("../../aws/collectors/lambda.js");
const elb = () => import("../../aws/collectors/elb.js");
const iam = () => import("../../aws/collectors/iam.js");
const cloudtrail = () => import("../../aws/collectors/cloudtrail.js");
const kms = () => import("../../aws/collectors/kms.js");

export const INVENTORY_SERVICE_SPECS: Readonly<Record<InventoryService, InventoryServiceSpec>> = {
  ec2: spec(
    "ec2",
    "regional",
    all(ec2, (m) => [m.collectInstances, m.collectElasticIps, m.collectImages]),
  ),
  ebs: spec(
    "ebs",
    "regional",
    all(ebs, (m) => [m.collectVolumes, m.collectSnapshots]),
  ),
  vpc: spec(
    "vpc",
    "regional",
    all(vpc, (m) => [
      m.collectVpcs,
      m.collectSubnets,
      m.collectRouteTables,
      m.collectInternetGateways,
      m.collectNatGateways,
      m.collectNetworkAcls,
      m.collectSecurityGroups,
      m.collectNetworkInterfaces,
    ]),
  ),
  // ListBuckets is global: listed once per account, each bucket placed in its own region.
  s3: spec("s3", "regional", async ({ factory, scope, regions, shared, now }) => {
    const { collectBuckets, listBucketLocations } = await s3();
    return collectBuckets(factory, scope, {
      buckets: await shared("s3:buckets", () =>
        listBucketLocations(factory, { account: scope.account, regions, pageSize: scope.pageSize }),
      ),
      now,
    });
  }),
  rds: spec(
    "rds",
    "regional",
    all(rds, (m) => [m.collectDbInstances, m.collectDbClusters]),
  ),
  lambda: spec(
    "lambda",
    "regional",
    all(lambda, (m) => [m.collectFunctions]),
  ),
  elb: spec(
    "elb",
    "regional",
    all(elb, (m) => [m.collectLoadBalancers, m.collectTargetGroups]),
  ),
  // IAM is global: one partition per account; its records carry the region "global".
  iam: spec(
    "iam",
    "global",
    all(iam, (m) => [m.collectIamUsers, m.collectIamRoles, m.collectIamPolicies]),
  ),
  cloudtrail: spec(
    "cloudtrail",
    "regional",
    all(cloudtrail, (m) => [m.collectTrails]),
  ),
  kms: spec(
    "kms",
    "regional",
    all(kms, (m) => [m.collectKeys]),
  ),
};
