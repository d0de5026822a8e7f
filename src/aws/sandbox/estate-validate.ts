/**
 * Minimal structural validation of an estate read from JSON: the fields the sandbox relies on
 * have the right JSON type, timestamps parse, ids are unique. Unknown fields are kept.
 * Lists added in later versions of the format (per-region lists, `iam.policies`, `iam.groups`)
 * may be missing and are filled with []; a missing `rootAccessKeysPresent` is false. The first problem is reported with its path, e.g.
 * `accounts[1].regions["us-east-1"].instances[3].launchedAt: expected an ISO timestamp, got "yesterday"`.
 */
import { ConfigError } from "../../core/errors.js";
import type { Estate } from "./estate.js";

type Kind = "string" | "number" | "boolean" | "timestamp" | "tags" | "strings" | "array" | "object";
type FieldSpec = Kind | `${Kind}?`;
type Spec = Record<string, FieldSpec>;

const REGION_LISTS: Record<string, { idField: string; spec: Spec }> = {
  vpcs: {
    idField: "id",
    spec: {
      id: "string",
      cidr: "string",
      isDefault: "boolean",
      enableDnsSupport: "boolean?",
      enableDnsHostnames: "boolean?",
      tags: "tags",
    },
  },
  subnets: {
    idField: "id",
    spec: { id: "string", vpcId: "string", cidr: "string", availabilityZone: "string", tags: "tags" },
  },
  securityGroups: {
    idField: "id",
    spec: { id: "string", name: "string", vpcId: "string", ingress: "array", egress: "array", tags: "tags" },
  },
  instances: {
    idField: "id",
    spec: {
      id: "string",
      reservationId: "string",
      type: "string",
      state: "string",
      launchedAt: "timestamp",
      subnetId: "string",
      vpcId: "string",
      securityGroupIds: "strings",
      disableApiTermination: "boolean?",
      clientToken: "string?",
      tags: "tags",
    },
  },
  volumes: {
    idField: "id",
    spec: {
      id: "string",
      sizeGiB: "number",
      type: "string",
      availabilityZone: "string",
      encrypted: "boolean",
      createdAt: "timestamp",
      attachments: "array",
      tags: "tags",
    },
  },
  snapshots: {
    idField: "id",
    spec: {
      id: "string",
      volumeId: "string",
      startedAt: "timestamp",
      encrypted: "boolean",
      isPublic: "boolean?",
      tags: "tags",
    },
  },
  addresses: { idField: "allocationId", spec: { allocationId: "string", publicIp: "string", tags: "tags" } },
  networkInterfaces: {
    idField: "id",
    spec: {
      id: "string",
      subnetId: "string",
      vpcId: "string",
      privateIp: "string",
      requesterManaged: "boolean",
      securityGroupIds: "strings",
      attachment: "object?",
      tags: "tags",
    },
  },
  dbInstances: {
    idField: "id",
    spec: {
      id: "string",
      engine: "string",
      instanceClass: "string",
      storageEncrypted: "boolean",
      publiclyAccessible: "boolean",
      createdAt: "timestamp",
      tags: "tags",
    },
  },
  functions: {
    idField: "name",
    spec: {
      name: "string",
      runtime: "string",
      memoryMb: "number",
      lastModifiedAt: "timestamp",
      tags: "tags",
    },
  },
  loadBalancers: {
    idField: "arn",
    spec: { arn: "string", name: "string", type: "string", createdAt: "timestamp", tags: "tags" },
  },
  targetGroups: { idField: "arn", spec: { arn: "string", name: "string", targets: "array", tags: "tags" } },
  trails: { idField: "name", spec: { name: "string", arn: "string", isLogging: "boolean", tags: "tags" } },
  events: {
    idField: "eventId",
    spec: {
      eventId: "string",
      eventTime: "timestamp",
      eventName: "string",
      eventSource: "string",
      principalArn: "string",
      readOnly: "boolean",
      resources: "array",
    },
  },
  images: {
    idField: "id",
    spec: { id: "string", name: "string", createdAt: "timestamp", blockDevices: "array", tags: "tags" },
  },
  routeTables: {
    idField: "id",
    spec: {
      id: "string",
      vpcId: "string",
      isMain: "boolean",
      routes: "array",
      associations: "array",
      tags: "tags",
    },
  },
  internetGateways: { idField: "id", spec: { id: "string", vpcId: "string?", tags: "tags" } },
  natGateways: {
    idField: "id",
    spec: {
      id: "string",
      vpcId: "string",
      subnetId: "string",
      state: "string",
      networkInterfaceId: "string",
      createdAt: "timestamp",
      deletedAt: "timestamp?",
      clientToken: "string?",
      failure: "object?",
      tags: "tags",
    },
  },
  networkAcls: {
    idField: "id",
    spec: {
      id: "string",
      vpcId: "string",
      isDefault: "boolean",
      entries: "array",
      associations: "array",
      tags: "tags",
    },
  },
  dbClusters: {
    idField: "id",
    spec: {
      id: "string",
      engine: "string",
      storageEncrypted: "boolean",
      memberIds: "strings",
      createdAt: "timestamp",
      tags: "tags",
    },
  },
  classicLoadBalancers: {
    idField: "name",
    spec: { name: "string", vpcId: "string", createdAt: "timestamp", instances: "array", tags: "tags" },
  },
  kmsKeys: {
    idField: "id",
    spec: {
      id: "string",
      keyManager: "string",
      state: "string",
      createdAt: "timestamp",
      aliases: "strings",
      tags: "tags",
    },
  },
  flowLogs: {
    idField: "id",
    spec: {
      id: "string",
      resourceId: "string",
      trafficType: "string",
      logDestinationType: "string",
      logDestination: "string",
      status: "string",
      createdAt: "timestamp",
      tags: "tags",
    },
  },
  dbSnapshots: {
    idField: "identifier",
    spec: {
      identifier: "string",
      dbInstanceId: "string",
      snapshotType: "string",
      createdAt: "timestamp",
      engine: "string",
      allocatedStorageGiB: "number",
      encrypted: "boolean",
      kmsKeyId: "string?",
      status: "string",
      isPublic: "boolean?",
      tags: "tags",
    },
  },
};

const ACCOUNT_SPEC: Spec = {
  id: "string",
  name: "string",
  alias: "string?",
  email: "string",
  environment: "string",
  joinedAt: "timestamp",
  profiles: "array",
  enabledRegions: "strings",
  rootMfaEnabled: "boolean",
  rootAccessKeysPresent: "boolean",
  passwordPolicy: "object?",
  accountPublicAccessBlock: "object?",
  iam: "object",
  buckets: "array",
  regions: "object",
  costs: "array",
  costExplorer: "object?",
};
const PROFILE_SPEC: Spec = {
  name: "string",
  roleName: "string?",
  sessionName: "string?",
  userName: "string?",
};
const USER_SPEC: Spec = {
  userName: "string",
  userId: "string",
  createdAt: "timestamp",
  hasConsolePassword: "boolean",
  passwordLastUsedAt: "timestamp?",
  mfaDevices: "array",
  accessKeys: "array",
  groups: "strings",
  attachedPolicyArns: "strings",
  inlinePolicies: "array?",
  tags: "tags",
};
const ACCESS_KEY_SPEC: Spec = {
  accessKeyId: "string",
  status: "string",
  createdAt: "timestamp",
  lastUsedAt: "timestamp?",
};
const ROLE_SPEC: Spec = {
  roleName: "string",
  roleId: "string",
  createdAt: "timestamp",
  trustedPrincipals: "strings",
  trustCondition: "object?",
  attachedPolicyArns: "strings",
  inlinePolicies: "array?",
  tags: "tags",
};
const GROUP_SPEC: Spec = {
  groupName: "string",
  groupId: "string",
  path: "string",
  createdAt: "timestamp",
  attachedPolicyArns: "strings",
  inlinePolicies: "array",
};
const INLINE_POLICY_SPEC: Spec = { name: "string", document: "string" };
const PUBLIC_ACCESS_BLOCK_SPEC: Spec = {
  blockPublicAcls: "boolean",
  ignorePublicAcls: "boolean",
  blockPublicPolicy: "boolean",
  restrictPublicBuckets: "boolean",
};
const PASSWORD_POLICY_SPEC: Spec = {
  minimumPasswordLength: "number",
  requireSymbols: "boolean",
  requireNumbers: "boolean",
  requireUppercaseCharacters: "boolean",
  requireLowercaseCharacters: "boolean",
  allowUsersToChangePassword: "boolean",
  expirePasswords: "boolean",
  maxPasswordAge: "number?",
  passwordReusePrevention: "number?",
  hardExpiry: "boolean?",
};
const POLICY_SPEC: Spec = {
  policyName: "string",
  policyId: "string",
  path: "string",
  createdAt: "timestamp",
  updatedAt: "timestamp",
  defaultVersion: "number",
  document: "string",
  tags: "tags",
};
const BUCKET_SPEC: Spec = {
  name: "string",
  region: "string",
  createdAt: "timestamp",
  tags: "tags",
  publicAccessBlock: "object?",
  policy: "object?",
  aclIsPublic: "boolean",
  encryption: "object",
  lifecycleRules: "array?",
  sizeBytes: "number?",
  objectCount: "number?",
};
const COST_SPEC: Spec = { month: "string", service: "string", amountUsd: "number" };
const COST_EXPLORER_SPEC: Spec = { enabled: "boolean?", anomalyMonitors: "strings?", events: "array?" };
const COST_EVENT_SPEC: Spec = {
  kind: "string",
  service: "string",
  region: "string",
  from: "string",
  to: "string?",
  dailyUsd: "number",
  tags: "tags",
};

function fail(path: string, problem: string): never {
  throw new ConfigError(`${path}: ${problem}`, {
    code: "EstateInvalid",
    keyPath: path,
    hint: "fix the estate JSON, or regenerate it (see src/aws/sandbox/SPEC.md for the format)",
  });
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return "an object";
  return String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkField(path: string, value: unknown, spec: FieldSpec): void {
  const optional = spec.endsWith("?");
  const kind = (optional ? spec.slice(0, -1) : spec) as Kind;
  if (value === undefined) {
    if (!optional) fail(path, `is required`);
    return;
  }
  switch (kind) {
    case "string":
    case "number":
    case "boolean":
      if (typeof value !== kind) fail(path, `expected a ${kind}, got ${describe(value)}`);
      return;
    case "timestamp":
      if (
        typeof value !== "string" ||
        Number.isNaN(Date.parse(value)) ||
        !/^\d{4}-\d{2}-\d{2}T/.test(value)
      ) {
        fail(path, `expected an ISO timestamp, got ${describe(value)}`);
      }
      return;
    case "strings":
      if (!Array.isArray(value)) fail(path, `expected a list of strings, got ${describe(value)}`);
      value.forEach((v, i) => {
        if (typeof v !== "string") fail(`${path}[${i}]`, `expected a string, got ${describe(v)}`);
      });
      return;
    case "tags":
      if (!isObject(value)) fail(path, `expected tags as an object of strings, got ${describe(value)}`);
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== "string") fail(`${path}.${k}`, `expected a string tag value, got ${describe(v)}`);
      }
      return;
    case "array":
      if (!Array.isArray(value)) fail(path, `expected a list, got ${describe(value)}`);
      return;
    case "object":
      if (!isObject(value)) fail(path, `expected an object, got ${describe(value)}`);
      return;
  }
}

function checkObject(path: string, value: unknown, spec: Spec): Record<string, unknown> {
  if (!isObject(value)) fail(path, `expected an object, got ${describe(value)}`);
  for (const [key, fieldSpec] of Object.entries(spec)) checkField(`${path}.${key}`, value[key], fieldSpec);
  return value;
}

function checkList(path: string, value: unknown, spec: Spec, idField: string, seen: Set<string>): void {
  if (!Array.isArray(value)) fail(path, `expected a list, got ${describe(value)}`);
  value.forEach((item, i) => {
    const obj = checkObject(`${path}[${i}]`, item, spec);
    const id = obj[idField] as string;
    if (seen.has(id)) fail(`${path}[${i}].${idField}`, `duplicate id ${JSON.stringify(id)}`);
    seen.add(id);
  });
}

/** Validate (and fill missing per-region lists of) an estate parsed from JSON. */
export function parseEstate(json: unknown): Estate {
  const root = "estate";
  const estate = checkObject(root, json, {
    version: "number",
    company: "string",
    capturedAt: "timestamp",
    organization: "object?",
    accounts: "array",
  });
  if (estate.version !== 1)
    fail(`${root}.version`, `unsupported version ${describe(estate.version)}; expected 1`);
  if (estate.organization !== undefined) {
    checkObject(`${root}.organization`, estate.organization, { id: "string", managementAccountId: "string" });
  }
  const accountIds = new Set<string>();
  const profileNames = new Set<string>();
  const bucketNames = new Set<string>();
  (estate.accounts as unknown[]).forEach((rawAccount, ai) => {
    const path = `${root}.accounts[${ai}]`;
    if (isObject(rawAccount) && rawAccount.rootAccessKeysPresent === undefined) {
      rawAccount.rootAccessKeysPresent = false;
    }
    const account = checkObject(path, rawAccount, ACCOUNT_SPEC);
    const id = account.id as string;
    if (!/^\d{12}$/.test(id)) fail(`${path}.id`, `expected a 12-digit account id, got ${describe(id)}`);
    if (accountIds.has(id)) fail(`${path}.id`, `duplicate account id ${id}`);
    accountIds.add(id);
    (account.profiles as unknown[]).forEach((p, pi) => {
      const profile = checkObject(`${path}.profiles[${pi}]`, p, PROFILE_SPEC);
      const name = profile.name as string;
      if (profileNames.has(name))
        fail(`${path}.profiles[${pi}].name`, `duplicate profile ${JSON.stringify(name)}`);
      profileNames.add(name);
      if (profile.roleName === undefined && profile.userName === undefined) {
        fail(`${path}.profiles[${pi}]`, "needs roleName or userName");
      }
    });
    if (isObject(account.iam) && account.iam.policies === undefined) account.iam.policies = [];
    if (isObject(account.iam) && account.iam.groups === undefined) account.iam.groups = [];
    if (account.passwordPolicy !== undefined) {
      checkObject(`${path}.passwordPolicy`, account.passwordPolicy, PASSWORD_POLICY_SPEC);
    }
    if (account.accountPublicAccessBlock !== undefined) {
      checkObject(
        `${path}.accountPublicAccessBlock`,
        account.accountPublicAccessBlock,
        PUBLIC_ACCESS_BLOCK_SPEC,
      );
    }
    const iam = checkObject(`${path}.iam`, account.iam, {
      users: "array",
      roles: "array",
      policies: "array",
      groups: "array",
      credentialReportGeneratedAt: "timestamp?",
    });
    const inline = (listPath: string, list: unknown): void => {
      if (list !== undefined) checkList(listPath, list, INLINE_POLICY_SPEC, "name", new Set());
    };
    checkList(`${path}.iam.groups`, iam.groups, GROUP_SPEC, "groupName", new Set());
    (iam.groups as Record<string, unknown>[]).forEach((g, gi) =>
      inline(`${path}.iam.groups[${gi}].inlinePolicies`, g.inlinePolicies),
    );
    (iam.users as unknown[]).forEach((u, ui) => {
      if (isObject(u) && u.groups === undefined) u.groups = [];
      if (isObject(u) && u.attachedPolicyArns === undefined) u.attachedPolicyArns = [];
      const user = checkObject(`${path}.iam.users[${ui}]`, u, USER_SPEC);
      inline(`${path}.iam.users[${ui}].inlinePolicies`, user.inlinePolicies);
      (user.accessKeys as unknown[]).forEach((k, ki) =>
        checkObject(`${path}.iam.users[${ui}].accessKeys[${ki}]`, k, ACCESS_KEY_SPEC),
      );
      (user.mfaDevices as unknown[]).forEach((d, di) =>
        checkObject(`${path}.iam.users[${ui}].mfaDevices[${di}]`, d, {
          serialNumber: "string",
          enabledAt: "timestamp",
        }),
      );
    });
    (iam.roles as unknown[]).forEach((r, ri) => {
      const role = checkObject(`${path}.iam.roles[${ri}]`, r, ROLE_SPEC);
      inline(`${path}.iam.roles[${ri}].inlinePolicies`, role.inlinePolicies);
    });
    checkList(`${path}.iam.policies`, iam.policies, POLICY_SPEC, "policyName", new Set());
    checkList(`${path}.buckets`, account.buckets, BUCKET_SPEC, "name", bucketNames);
    (account.costs as unknown[]).forEach((c, ci) => checkObject(`${path}.costs[${ci}]`, c, COST_SPEC));
    if (account.costExplorer !== undefined) {
      const ce = account.costExplorer as Record<string, unknown>;
      checkObject(`${path}.costExplorer`, ce, COST_EXPLORER_SPEC);
      ((ce.events as unknown[] | undefined) ?? []).forEach((e, ei) =>
        checkObject(`${path}.costExplorer.events[${ei}]`, e, COST_EVENT_SPEC),
      );
    }
    const regions = account.regions as Record<string, unknown>;
    for (const [regionName, rawRegion] of Object.entries(regions)) {
      const regionPath = `${path}.regions[${JSON.stringify(regionName)}]`;
      if (!isObject(rawRegion)) fail(regionPath, `expected an object, got ${describe(rawRegion)}`);
      checkObject(regionPath, rawRegion, { ebsEncryptionByDefault: "boolean?" });
      for (const [listName, { idField, spec }] of Object.entries(REGION_LISTS)) {
        if (rawRegion[listName] === undefined) rawRegion[listName] = [];
        checkList(`${regionPath}.${listName}`, rawRegion[listName], spec, idField, new Set());
      }
    }
  });
  return json as Estate;
}
