/**
 * The built-in core layer: the conservative defaults every configuration starts from.
 * The organisation's file and an overlay extend it (see layers.ts). Permissive settings
 * (e.g. no approval in sandboxes) belong in the organisation's file, written down on purpose.
 */
import type { LayerInput } from "./layers.js";
import type { ConfigLayer } from "./schema.js";

export const CORE_DEFAULTS = {
  profiles: {},
  patterns: { profiles: [], accounts: [] },
  accounts: {},
  environments: {
    sandbox: { directExecution: true, iacOnly: false, approvalMode: "destructive-only" },
    development: { directExecution: true, iacOnly: false, approvalMode: "destructive-only" },
    test: { directExecution: true, iacOnly: false, approvalMode: "destructive-only" },
    staging: { directExecution: false, iacOnly: true, approvalMode: "all-mutations" },
    production: { directExecution: false, iacOnly: true, approvalMode: "always" },
    unknown: { directExecution: false, iacOnly: false, approvalMode: "always" },
  },
  tagging: {
    required: [
      { key: "Owner", description: "The team or person responsible for the resource." },
      {
        key: "Environment",
        allowedValues: ["sandbox", "development", "test", "staging", "production"],
        description: "The environment the resource belongs to.",
      },
      {
        key: "CostCenter",
        pattern: "^CC-[0-9]+$",
        description: "The cost center billed for the resource, e.g. CC-1234.",
      },
    ],
  },
  orchestration: {
    thresholds: {
      resources: { advise: 50, partition: 200 },
      regions: { advise: 3, partition: 8 },
      accounts: { advise: 3, partition: 10 },
      estimatedSeconds: { advise: 300, requireApproval: 600 },
    },
    maxParallelWorkers: 10,
    batchSize: 50,
    assumeRoleName: "OrganizationAccountAccessRole",
  },
  workspace: { dir: ".aws-coworker" },
  cost: { cacheTtlMinutes: 360 },
  ask: { model: "claude-opus-5-5" },
  audit: {},
  checks: {
    maxPortRange: 1000,
    snapshotMaxAgeDays: 365,
    stoppedInstanceMaxDays: 30,
    accessKeyMaxAgeDays: 90,
    accessKeyMaxUnusedDays: 90,
    idleLoadBalancerDays: 14,
    trustedAccounts: [],
    suppressions: [],
  },
  changes: {
    workingHours: {
      days: ["mon", "tue", "wed", "thu", "fri"],
      start: "08:00",
      end: "19:00",
      timeZone: "UTC",
    },
    automationPrincipals: [],
    baselineDays: 7,
    failedBurst: { count: 10, windowMinutes: 10 },
    massDeletion: { count: 20, windowMinutes: 60 },
  },
  // EC2's figures are AWS's published API throttling; the other services publish none, so
  // theirs are approximations (documented quotas where there are some, e.g. LookupEvents).
  rateLimits: {
    enabled: true,
    ec2: {
      nonMutating: { burst: 100, refillPerSecond: 20 },
      unfilteredNonMutating: { burst: 50, refillPerSecond: 10 },
      mutating: { burst: 50, refillPerSecond: 5 },
      resourceIntensive: { burst: 50, refillPerSecond: 5 },
    },
    services: {
      s3: { burst: 200, refillPerSecond: 100 },
      rds: { burst: 100, refillPerSecond: 20 },
      lambda: { burst: 15, refillPerSecond: 15 },
      iam: { burst: 20, refillPerSecond: 10 },
      sts: { burst: 600, refillPerSecond: 600 },
      organizations: { burst: 20, refillPerSecond: 10 },
      elasticloadbalancing: { burst: 20, refillPerSecond: 10 },
      cloudtrail: { burst: 10, refillPerSecond: 10 },
      kms: { burst: 100, refillPerSecond: 100 },
      cloudwatch: { burst: 20, refillPerSecond: 20 },
    },
    actions: {
      "ec2:CreateTags": { burst: 100, refillPerSecond: 10 },
      "ec2:DeleteTags": { burst: 100, refillPerSecond: 10 },
      "ec2:DeleteVolume": { burst: 100, refillPerSecond: 5 },
      "ec2:DeleteSnapshot": { burst: 100, refillPerSecond: 5 },
      "ec2:DeleteNetworkInterface": { burst: 100, refillPerSecond: 5 },
      "ec2:RunInstances": { burst: 5, refillPerSecond: 2 },
      "ec2:StartInstances": { burst: 5, refillPerSecond: 2 },
      "ec2:TerminateInstances": { burst: 100, refillPerSecond: 5 },
      "cloudtrail:LookupEvents": { burst: 2, refillPerSecond: 2 },
      "cloudtrail:ListTrails": { burst: 5, refillPerSecond: 5 },
      "kms:DescribeKey": { burst: 2000, refillPerSecond: 2000 },
      "kms:GetKeyRotationStatus": { burst: 1000, refillPerSecond: 1000 },
      "kms:ListResourceTags": { burst: 50, refillPerSecond: 50 },
      "cloudwatch:DescribeAlarms": { burst: 9, refillPerSecond: 9 },
      "cloudwatch:GetMetricData": { burst: 50, refillPerSecond: 50 },
      "cloudwatch:GetMetricStatistics": { burst: 400, refillPerSecond: 400 },
      "cloudwatch:ListMetrics": { burst: 25, refillPerSecond: 25 },
    },
  },
  plans: {
    approvalExpiryHours: 24,
    mcpApproval: "elicitation",
    maxResources: 100,
    typedCountAbove: 10,
    protectTag: { key: "aws-coworker:protect", value: "true", untilKey: "aws-coworker:protect-until" },
    instanceTypes: {},
    monthlyCostLimitUsd: {},
    naming: [],
    rules: [],
  },
} as const satisfies ConfigLayer;

/** The core layer as mergeLayers takes it. */
export const coreLayer: LayerInput = { name: "core", source: "built-in", data: CORE_DEFAULTS };
