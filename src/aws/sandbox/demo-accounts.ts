/**
 * What every demo account has: the PlatformEngineer and SecurityAuditor roles (and the
 * Organizations access role in member accounts), Lambda execution roles, and a logging trail
 * with its bucket.
 */
import { TEAMS } from "./demo-workloads.js";
import { MGMT, P } from "./demo-ids.js";
import type { AccountSpec, EstateBuilder, PolicySpec } from "./estate-builder.js";
import {
  policyArn,
  type EstateAccount,
  type EstateEnvironment,
  type EstateIamPolicy,
  type EstateIamRole,
  type EstateIamUser,
} from "./estate.js";

export function addAccount(
  b: EstateBuilder,
  spec: {
    id: string;
    name: string;
    alias: string;
    environment: EstateEnvironment;
    profile: string;
    regions: string[];
    /** Root user, password policy and account-level public access block (clean by default). */
    security?: Pick<
      AccountSpec,
      "rootMfaEnabled" | "rootAccessKeysPresent" | "passwordPolicy" | "accountPublicAccessBlock"
    >;
  },
): EstateAccount {
  const account = b.addAccount({
    ...spec.security,
    id: spec.id,
    name: spec.name,
    alias: spec.alias,
    email: `aws+${spec.alias}@northwind-analytics.example`,
    environment: spec.environment,
    profiles: [{ name: spec.profile, roleName: "PlatformEngineer", sessionName: "demo-user" }],
    enabledRegions: spec.regions,
    joinedDaysAgo: spec.environment === "management" ? 1400 : 1100,
  });
  const engineer = b.addRole(account, {
    roleName: "PlatformEngineer",
    description: "Day-to-day platform operations (assumed through IAM Identity Center)",
    trustedPrincipals: [`arn:aws:iam::${MGMT}:root`],
    attachedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess"],
    createdDaysAgo: 900,
    lastUsedDaysAgo: 0.1,
  });
  b.addRole(account, {
    roleName: "SecurityAuditor",
    description: "Read-only access for the security team",
    trustedPrincipals: [`arn:aws:iam::${MGMT}:root`],
    attachedPolicyArns: ["arn:aws:iam::aws:policy/SecurityAudit"],
    createdDaysAgo: 900,
    lastUsedDaysAgo: 3,
  });
  if (spec.environment !== "management") {
    b.addRole(account, {
      roleName: P.orgAccessRole,
      description: "Created by AWS Organizations",
      trustedPrincipals: [`arn:aws:iam::${MGMT}:root`],
      attachedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      createdDaysAgo: 1100,
      lastUsedDaysAgo: 40,
    });
    // By design: AWS Organizations gives the role AdministratorAccess.
    b.plant("iam-admin-access", P.orgAccessRole, account, "global");
  }
  policy(
    b,
    account,
    {
      policyName: "NorthwindRequireTags",
      path: "/northwind/",
      description: "Deny launching instances and creating volumes without Owner and CostCenter tags",
      createdDaysAgo: 880,
      updatedDaysAgo: 400,
      statements: [
        {
          Effect: "Deny",
          Action: ["ec2:RunInstances", "ec2:CreateVolume"],
          Resource: ["arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:volume/*"],
        },
      ],
    },
    [engineer],
  );
  return account;
}

/** A customer managed policy, attached to the given users and roles. */
export function policy(
  b: EstateBuilder,
  account: EstateAccount,
  spec: PolicySpec,
  attachTo: readonly (EstateIamUser | EstateIamRole)[],
): EstateIamPolicy {
  const created = b.addPolicy(account, spec);
  for (const target of attachTo) target.attachedPolicyArns.push(policyArn(account.id, created));
  return created;
}

/** Lambda execution roles for every function the account runs. */
export function addFunctionRoles(b: EstateBuilder, account: EstateAccount): void {
  const names = new Set<string>();
  for (const region of Object.values(account.regions)) {
    for (const fn of region.functions) names.add(fn.roleArn.slice(fn.roleArn.lastIndexOf("/") + 1));
  }
  for (const roleName of [...names].sort()) {
    b.addRole(account, {
      roleName,
      description: "Lambda execution role",
      trustedPrincipals: ["lambda.amazonaws.com"],
      attachedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
      createdDaysAgo: 300,
      lastUsedDaysAgo: 0.2,
      path: "/service-role/",
    });
  }
}

/**
 * The account's multi-region trail in us-east-1 and its bucket. Its logs are encrypted with
 * `kmsKeyId`, or else with a new `alias/northwind-cloudtrail` key of the account unless
 * `encrypt` is false.
 */
export function trail(
  b: EstateBuilder,
  account: EstateAccount,
  env: string,
  options: { isLogging?: boolean; kmsKeyId?: string; encrypt?: boolean; logFileValidation?: boolean } = {},
): void {
  const name = env === "mgmt" ? "northwind-org-trail" : `northwind-${env === "stg" ? "staging" : env}-trail`;
  const kmsKeyId =
    options.kmsKeyId ??
    (options.encrypt === false
      ? undefined
      : b.keyArn(
          account,
          "us-east-1",
          b.addKmsKey(account, "us-east-1", {
            alias: "alias/northwind-cloudtrail",
            description: "Encrypts the account trail's log files",
            createdDaysAgo: 1000,
            tags: {
              Name: "northwind-cloudtrail",
              Owner: TEAMS.platform.owner,
              Environment: account.environment,
              CostCenter: TEAMS.platform.costCenter,
              Application: "audit-logging",
            },
          }),
        ));
  b.addTrail(account, "us-east-1", {
    name,
    bucketName: `northwind-cloudtrail-${account.id}`,
    isLogging: options.isLogging ?? true,
    isOrganizationTrail: env === "mgmt",
    ...(options.logFileValidation === undefined ? {} : { logFileValidation: options.logFileValidation }),
    ...(kmsKeyId === undefined ? {} : { kmsKeyId }),
    tags: { Owner: TEAMS.platform.owner, CostCenter: TEAMS.platform.costCenter },
  });
  b.addBucket(account, {
    name: `northwind-cloudtrail-${account.id}`,
    region: "us-east-1",
    createdDaysAgo: 1000,
    kms: true,
    versioning: true,
    tags: {
      Name: `northwind-cloudtrail-${account.id}`,
      Owner: TEAMS.platform.owner,
      Environment: account.environment,
      CostCenter: TEAMS.platform.costCenter,
      Application: "audit-logging",
    },
  });
}
