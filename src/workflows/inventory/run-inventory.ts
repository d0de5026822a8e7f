/**
 * "Give me an inventory of this AWS account": EC2 instances, EBS volumes, VPCs and subnets,
 * S3 buckets, RDS DB instances and Lambda functions of one account in the selected regions.
 *
 * Regions are validated before any AWS call. The work runs as partitions (service × region)
 * on a small worker pool; a failed partition is reported in `failures` and never stops the
 * others; a refusal by the safety model propagates. Never prints: progress goes to the IoHost.
 */
import type { ClientFactory } from "../../aws/clients.js";
import { collectVolumes } from "../../aws/collectors/ebs.js";
import { collectInstances } from "../../aws/collectors/ec2.js";
import { collectFunctions } from "../../aws/collectors/lambda.js";
import { collectDbInstances } from "../../aws/collectors/rds.js";
import { collectBuckets, listBucketLocations, type BucketLocation } from "../../aws/collectors/s3.js";
import { collectSubnets, collectVpcs } from "../../aws/collectors/vpc.js";
import type { CollectScope } from "../../aws/collectors/collect-scope.js";
import { AwsCallError, CoworkerError, UsageError } from "../../core/errors.js";
import {
  compareResources,
  INVENTORY_SERVICES,
  summarizeInventory,
  type InventoryFailure,
  type InventoryResult,
} from "../../core/inventory/inventory-result.js";
import {
  INVENTORY_SERVICE_LABELS,
  type InventoryService,
  type ResourceRecord,
} from "../../core/inventory/resource-record.js";
import type { IoHost } from "../../core/io-host.js";
import { runPartitions } from "../../orchestrate/pool.js";
import { selectRegions } from "./select-regions.js";

export interface InventoryOptions {
  /** Regions to inventory; default: the factory's default region (the profile's). */
  regions?: readonly string[];
  /** Services to inventory; default: all of them. */
  services?: readonly InventoryService[];
  /** The profile's configured regions, if any: a region outside them is a usage error. */
  allowedRegions?: readonly string[];
  /** Partitions that run at once (default 4). */
  concurrency?: number;
  /** Page size asked of each List/Describe call (clamped per API); default: the service's own. */
  pageSize?: number;
}

export interface InventoryDeps {
  factory: ClientFactory;
  io: IoHost;
  /** The account the factory's credentials reach (from the session's context resolution). */
  account: string;
  now?: () => Date;
}

interface Partition {
  id: string;
  service: InventoryService;
  region: string;
}

const DEFAULT_CONCURRENCY = 4;

const LABELS = INVENTORY_SERVICE_LABELS;

export async function runInventory(options: InventoryOptions, deps: InventoryDeps): Promise<InventoryResult> {
  const regions = selectRegions({
    requested: options.regions,
    defaultRegion: deps.factory.defaultRegion,
    allowedRegions: options.allowedRegions,
  });
  const services = selectServices(options.services);
  const now = deps.now ?? (() => new Date());
  const { factory, account } = deps;

  // ListBuckets is global: list once, shared by the S3 partitions of every region.
  let bucketListing: Promise<BucketLocation[]> | undefined;
  const buckets = () =>
    (bucketListing ??= listBucketLocations(factory, { account, regions, pageSize: options.pageSize }));

  const collect = async (p: Partition): Promise<ResourceRecord[]> => {
    const scope: CollectScope = { account, region: p.region, pageSize: options.pageSize };
    switch (p.service) {
      case "ec2":
        return collectInstances(factory, scope);
      case "ebs":
        return collectVolumes(factory, scope);
      case "vpc":
        return [...(await collectVpcs(factory, scope)), ...(await collectSubnets(factory, scope))];
      case "s3":
        return collectBuckets(factory, scope, await buckets());
      case "rds":
        return collectDbInstances(factory, scope);
      case "lambda":
        return collectFunctions(factory, scope);
    }
  };

  const partitions: Partition[] = regions.flatMap((region) =>
    services.map((service) => ({ id: `${account}/${region}/${service}`, service, region })),
  );
  const outcomes = await runPartitions(partitions, collect, {
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    io: deps.io,
    spanOf: (p) => ({ id: p.id, label: `${LABELS[p.service]} in ${p.region}` }),
    countersOf: (records) => ({ resources: records.length }),
  });

  const byArn = new Map<string, ResourceRecord>();
  const failures: InventoryFailure[] = [];
  for (const outcome of outcomes) {
    if (outcome.ok) {
      for (const record of outcome.value) if (!byArn.has(record.arn)) byArn.set(record.arn, record);
      continue;
    }
    const failure = toFailure(outcome.partition, outcome.error);
    failures.push(failure);
    deps.io.notify({
      code: "CW_INV_W0001",
      level: "warn",
      message: `${LABELS[failure.service]} in ${failure.region} could not be listed: ${failure.message}`,
      data: failure,
    });
  }
  const resources = [...byArn.values()].sort(compareResources);

  return {
    account,
    regions,
    services,
    generatedAt: now().toISOString(),
    summary: summarizeInventory(resources, services, regions, failures),
    resources,
    failures,
  };
}

function selectServices(requested: readonly InventoryService[] | undefined): InventoryService[] {
  if (requested === undefined || requested.length === 0) return [...INVENTORY_SERVICES];
  const unknown = requested.filter((s) => !INVENTORY_SERVICES.includes(s));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown service ${unknown.map((s) => `"${s}"`).join(", ")}; the inventory covers ${INVENTORY_SERVICES.join(", ")}`,
      { code: "UnknownService" },
    );
  }
  return INVENTORY_SERVICES.filter((s) => requested.includes(s));
}

function toFailure(partition: Partition, error: unknown): InventoryFailure {
  const base = { partition: partition.id, service: partition.service, region: partition.region };
  if (error instanceof CoworkerError) {
    return {
      ...base,
      code: error.code,
      awsName: error instanceof AwsCallError ? error.awsName : undefined,
      message: error.message,
      hint: error.hint,
    };
  }
  // Not an AWS answer: most likely a bug. Reported as data, like any failed partition.
  const name = error instanceof Error ? error.name : "UnknownError";
  const message = error instanceof Error ? error.message : String(error);
  return {
    ...base,
    code: name,
    awsName: undefined,
    message: `unexpected error: ${message}`,
    hint: undefined,
  };
}
