/** Hand-made inventory results for renderer tests. */
import type { InventoryResult } from "../../src/core/inventory/inventory-result.js";
import { summarizeInventory } from "../../src/core/inventory/inventory-result.js";
import type { ResourceRecord } from "../../src/core/inventory/resource-record.js";

export function record(overrides: Partial<ResourceRecord> & Pick<ResourceRecord, "id">): ResourceRecord {
  return {
    service: "ec2",
    type: "instance",
    arn: `arn:aws:ec2:us-east-1:333333333333:instance/${overrides.id}`,
    name: undefined,
    account: "333333333333",
    region: "us-east-1",
    state: "running",
    tags: {},
    attributes: {},
    ...overrides,
  };
}

export function inventoryResult(
  resources: ResourceRecord[],
  failures: InventoryResult["failures"] = [],
  regions: string[] = ["us-east-1", "eu-west-1"],
): InventoryResult {
  const services: InventoryResult["services"] = ["ec2", "ebs", "vpc", "s3", "rds", "lambda"];
  return {
    account: "333333333333",
    regions,
    services,
    generatedAt: "2026-11-01T12:00:00.000Z",
    summary: summarizeInventory(resources, services, regions, failures),
    resources,
    failures,
  };
}

export const SAMPLE_RESOURCES: ResourceRecord[] = [
  record({
    id: "i-0123456789abcdef0",
    name: "web-1",
    tags: { Name: "web-1", Owner: "platform-team" },
    attributes: {
      instanceType: "t3.micro",
      availabilityZone: "us-east-1a",
      privateIpAddress: "10.0.1.10",
      publicIpAddress: null,
    },
  }),
  record({
    service: "ebs",
    type: "volume",
    id: "vol-0aaa",
    arn: "arn:aws:ec2:eu-west-1:333333333333:volume/vol-0aaa",
    region: "eu-west-1",
    state: "available",
    attributes: { sizeGiB: 100, volumeType: "gp3", attachedTo: null, isEncrypted: false },
  }),
  record({
    service: "s3",
    type: "bucket",
    id: "acme-logs",
    arn: "arn:aws:s3:::acme-logs",
    name: "acme-logs",
    state: undefined,
    tags: { "cost|center": "a|b", Note: 'say "hi", ok' },
    attributes: { creationDate: "2025-01-01T00:00:00.000Z" },
  }),
];

export const RDS_FAILURE: InventoryResult["failures"][number] = {
  partition: "333333333333/eu-west-1/rds",
  service: "rds",
  region: "eu-west-1",
  code: "AwsCallFailed",
  awsName: "AccessDenied",
  message:
    "access denied: the caller may not call rds:DescribeDBInstances in account 333333333333, region eu-west-1 (AccessDenied).",
  hint: "Grant rds:DescribeDBInstances.",
};
