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
  },
  workspace: { dir: ".aws-coworker" },
  audit: {},
} as const satisfies ConfigLayer;

/** The core layer as mergeLayers takes it. */
export const coreLayer: LayerInput = { name: "core", source: "built-in", data: CORE_DEFAULTS };
