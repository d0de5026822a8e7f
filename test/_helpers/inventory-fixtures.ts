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
  const account = "333333333333";
  const cells = regions.flatMap((region) => services.map((service) => ({ account, service, region })));
  const notRead = failures.flatMap((f) =>
    f.service === undefined || f.region === undefined
      ? []
      : [{ account: f.account, service: f.service, region: f.region }],
  );
  return {
    account,
    accounts: [
      {
        id: account,
        name: undefined,
        access: "profile",
        roleArn: undefined,
        regions,
        status: failures.length > 0 ? "partial" : "complete",
      },
    ],
    regions,
    services,
    generatedAt: "2026-11-01T12:00:00.000Z",
    runId: undefined,
    summary: summarizeInventory(resources, cells, notRead),
    resources,
    failures,
    coverage: {
      planned: cells.length,
      read: cells.length - notRead.length,
      empty: [],
      notRead: failures.map((f) => ({ partition: f.partition, reason: f.reason })),
      skippedRegions: [],
      resumed: 0,
    },
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
  account: "333333333333",
  service: "rds",
  stage: "collect",
  reason: "not-permitted",
  region: "eu-west-1",
  code: "AwsCallFailed",
  awsName: "AccessDenied",
  message:
    "access denied: the caller may not call rds:DescribeDBInstances in account 333333333333, region eu-west-1 (AccessDenied).",
  hint: "Grant rds:DescribeDBInstances.",
};

/**
 * Two reachable accounts (the profile's 111111111111 and 222222222222 through a role) and an
 * unreachable one; IAM as a global service; one region skipped as not opted in.
 */
export function multiAccountResult(): InventoryResult {
  const services: InventoryResult["services"] = ["ec2", "iam"];
  const regionsOf: Record<string, string[]> = {
    "111111111111": ["us-east-1"],
    "222222222222": ["us-east-1", "eu-west-1"],
  };
  const cells = Object.entries(regionsOf).flatMap(([account, regions]) => [
    ...regions.map((region) => ({ account, service: "ec2" as const, region })),
    { account, service: "iam" as const, region: "global" },
  ]);
  const resources = [
    record({ id: "i-1", account: "111111111111", arn: "arn:aws:ec2:us-east-1:111111111111:instance/i-1" }),
    record({
      id: "i-2",
      account: "222222222222",
      region: "eu-west-1",
      arn: "arn:aws:ec2:eu-west-1:222222222222:instance/i-2",
    }),
    record({
      service: "iam",
      type: "role",
      id: "Admin",
      account: "222222222222",
      region: "global",
      state: undefined,
      arn: "arn:aws:iam::222222222222:role/Admin",
    }),
  ];
  const failures: InventoryResult["failures"] = [
    {
      partition: "333333333333",
      account: "333333333333",
      service: undefined,
      region: undefined,
      stage: "access",
      reason: "not-permitted",
      code: "AwsCallFailed",
      awsName: "AccessDenied",
      message:
        "access denied: the caller may not call sts:AssumeRole in account 333333333333, region us-east-1 (AccessDenied).",
      hint: "Grant sts:AssumeRole.",
    },
  ];
  return {
    account: "111111111111",
    accounts: [
      {
        id: "111111111111",
        name: "Mgmt",
        access: "profile",
        roleArn: undefined,
        regions: regionsOf["111111111111"]!,
        status: "complete",
      },
      {
        id: "222222222222",
        name: "Sandbox",
        access: "assumed-role",
        roleArn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole",
        regions: regionsOf["222222222222"]!,
        status: "complete",
      },
      {
        id: "333333333333",
        name: "Dev",
        access: "assumed-role",
        roleArn: "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole",
        regions: [],
        status: "unreachable",
      },
    ],
    regions: ["us-east-1", "eu-west-1"],
    services,
    generatedAt: "2026-11-01T12:00:00.000Z",
    runId: "20261101T120000Z-abc123",
    summary: summarizeInventory(resources, cells),
    resources,
    failures,
    coverage: {
      planned: cells.length,
      read: cells.length,
      empty: ["111111111111/global/iam", "222222222222/us-east-1/ec2"],
      notRead: [{ partition: "333333333333", reason: "not-permitted" }],
      skippedRegions: [{ account: "222222222222", region: "af-south-1", reason: "not-opted-in" }],
      resumed: 0,
    },
  };
}
