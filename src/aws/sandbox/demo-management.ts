/**
 * The demo management account (111111111111): organization tooling, billing reports, the organization trail.
 */
import { bucket, createSite, functions, kmsKey, TEAMS, workerTier } from "./demo-workloads.js";
import { addAccount, addFunctionRoles, policy, trail } from "./demo-accounts.js";
import { MGMT, P } from "./demo-ids.js";
import type { EstateBuilder } from "./estate-builder.js";

export function buildManagement(b: EstateBuilder): void {
  const account = addAccount(b, {
    id: MGMT,
    name: "Northwind Management",
    alias: "northwind-mgmt",
    environment: "management",
    profile: "demo-mgmt",
    regions: ["us-east-1"],
  });
  const site = createSite(b, account, "us-east-1", {
    env: "mgmt",
    environment: "management",
    secondOctet: 0,
    // The tooling VPC was built in one zone only.
    azCount: 1,
    vpcId: P.mgmtVpc,
  });
  b.plant("vpc-single-az", P.mgmtVpc, account, "us-east-1");
  workerTier(site, {
    app: "tooling",
    team: TEAMS.platform,
    count: 1,
    type: "t3.small",
    dataGiB: 0,
    ageDays: 400,
    role: "runner",
  });
  functions(site, {
    app: "org-automation",
    team: TEAMS.platform,
    names: [
      { name: "account-vending", runtime: "python3.12", memoryMb: 512, modifiedDaysAgo: 45 },
      { name: "guardrail-reporter", runtime: "python3.12", memoryMb: 256, modifiedDaysAgo: 12 },
      { name: "cost-anomaly-notifier", runtime: "nodejs20.x", memoryMb: 256, modifiedDaysAgo: 80 },
    ],
  });
  bucket(site, {
    name: "northwind-billing-reports",
    region: "us-east-1",
    app: "billing",
    team: TEAMS.finance,
    ageDays: 1200,
    kms: true,
  });
  const trailKey = kmsKey(site, {
    alias: "alias/northwind-cloudtrail",
    description: "Encrypts the organization trail's log files",
    app: "audit-logging",
    team: TEAMS.platform,
    ageDays: 1000,
  });
  trail(b, account, "mgmt", { kmsKeyId: b.keyArn(account, "us-east-1", trailKey) });
  b.addUser(account, {
    userName: P.mgmtAdminUser,
    createdDaysAgo: 1300,
    hasConsolePassword: true,
    passwordLastUsedDaysAgo: 210,
    hasMfa: true,
    accessKeys: [],
    attachedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
  });
  b.plant("iam-admin-access", P.mgmtAdminUser, account, "global");
  const billingExport = b.addUser(account, {
    userName: "billing-export",
    createdDaysAgo: 800,
    hasConsolePassword: false,
    hasMfa: false,
    accessKeys: [{ id: P.mgmtOldKey, createdDaysAgo: 200, lastUsedDaysAgo: 1 }],
  });
  b.plant("iam-access-key-old", P.mgmtOldKey, account, "global");
  policy(
    b,
    account,
    {
      policyName: "billing-export-write",
      description: "Write cost and usage reports to northwind-billing-reports",
      createdDaysAgo: 800,
      statements: [
        {
          Effect: "Allow",
          Action: ["s3:PutObject", "s3:GetBucketLocation"],
          Resource: ["arn:aws:s3:::northwind-billing-reports", "arn:aws:s3:::northwind-billing-reports/*"],
        },
      ],
    },
    [billingExport],
  );
  addFunctionRoles(b, account);
}
