/**
 * The demo sandbox account (222222222222): hand-launched experiments in the default VPC, a hackathon API.
 */
import {
  bucket,
  createSite,
  database,
  functions,
  securityGroup,
  standardTags,
  tcpFromCidr,
  TEAMS,
  workerTier,
  type Site,
} from "./demo-workloads.js";
import { addAccount, addFunctionRoles, policy, trail } from "./demo-accounts.js";
import { P, SBX, SBX_TRAIL_ARN } from "./demo-ids.js";
import type { EstateBuilder } from "./estate-builder.js";

export function buildSandbox(b: EstateBuilder): void {
  const account = addAccount(b, {
    id: SBX,
    name: "Northwind Sandbox",
    alias: "northwind-sandbox",
    environment: "sandbox",
    profile: "demo-sandbox",
    regions: ["us-east-1", "us-west-2"],
    // A playground nobody hardened: root without MFA, no password policy, no account-level block.
    security: { rootMfaEnabled: false, passwordPolicy: "none", accountPublicAccessBlock: "none" },
  });
  b.plant("iam-root-mfa-off", SBX, account, "global");
  b.plant("iam-password-policy-weak", SBX, account, "global");
  b.plant("s3-account-public-access-block-off", SBX, account, "global");
  const env = { env: "sbx", environment: "sandbox" };
  // The default VPC, where hand-launched experiments end up.
  // As AWS made it: the default security group keeps its rules, no flow log.
  const defaultVpc = b.addVpc(account, "us-east-1", {
    id: P.sbxDefaultVpc,
    cidr: "172.31.0.0/16",
    isDefault: true,
    defaultGroupId: P.sbxDefaultGroup,
    defaultGroupRules: true,
    flowLogs: false,
    tags: {},
    subnets: ["a", "b", "c"].map((z, i) => ({
      availabilityZone: `us-east-1${z}`,
      cidr: `172.31.${i * 16}.0/20`,
      isPublic: true,
      tags: {},
    })),
  });
  b.plant("vpc-flow-logs-off", P.sbxDefaultVpc, account, "us-east-1");
  b.plant("sg-default-allows-traffic", P.sbxDefaultGroup, account, "us-east-1");
  // Nobody turned EBS encryption by default on in the sandbox's main region.
  b.region(account, "us-east-1").ebsEncryptionByDefault = false;
  b.plant("ebs-encryption-by-default-off", "us-east-1", account, "us-east-1");
  const dv: Site = {
    b,
    account,
    region: "us-east-1",
    ...env,
    vpc: defaultVpc.vpc,
    publicSubnets: defaultVpc.subnets,
    privateSubnets: defaultVpc.subnets,
  };
  const sshGroup = securityGroup(dv, {
    id: P.sbxSshGroup,
    name: "launch-wizard-1",
    description: "launch-wizard-1 created 2026-03-14T10:02:11.000Z",
    team: TEAMS.platform,
    app: "experiments",
    ingress: [tcpFromCidr(22, 22, "0.0.0.0/0")],
  });
  b.plant("sg-open-ssh-ipv4", P.sbxSshGroup, account, "us-east-1");
  securityGroup(dv, {
    id: P.sbxUnusedGroup,
    name: "launch-wizard-3",
    description: "launch-wizard-3 created 2026-05-02T16:40:51.000Z",
    team: TEAMS.platform,
    app: "experiments",
    ingress: [tcpFromCidr(8888, 8888, "10.0.0.0/8")],
  });
  b.plant("sg-unused", P.sbxUnusedGroup, account, "us-east-1");
  const untagged = b.addInstance(account, "us-east-1", {
    id: P.sbxUntaggedInstance,
    subnet: defaultVpc.subnets[0] as (typeof defaultVpc.subnets)[number],
    type: "t3.medium",
    securityGroupIds: [sshGroup.id],
    tags: {},
    volumeTags: standardTags(dv, "sbx-scratch-root", TEAMS.platform, "experiments"),
    launchedDaysAgo: 37,
    hasPublicIp: true,
    keyName: "sbx-shared",
  });
  b.plant("untagged-resource", untagged.instance.id, account, "us-east-1");
  for (const [i, type] of (["t3.micro", "t3.small", "t4g.medium"] as const).entries()) {
    const name = `sbx-experiment-${String(i + 1).padStart(2, "0")}`;
    const experiment = b.addInstance(account, "us-east-1", {
      subnet: defaultVpc.subnets[i % 3] as (typeof defaultVpc.subnets)[number],
      type,
      securityGroupIds: [sshGroup.id],
      tags: standardTags(dv, name, TEAMS.platform, "experiments"),
      state: i === 1 ? "stopped" : "running",
      launchedDaysAgo: 20 + i * 9,
      hasPublicIp: true,
      keyName: "sbx-shared",
      // The first experiment's dataset disk, created while encryption by default was off.
      ...(i === 0 ? { dataVolumes: [{ id: P.sbxUnencryptedVolume, sizeGiB: 50, encrypted: false }] } : {}),
    });
    const dataset = experiment.volumes[1];
    if (dataset !== undefined) {
      b.plant("ebs-volume-unencrypted", dataset.id, account, "us-east-1");
      b.addSnapshot(account, "us-east-1", {
        id: P.sbxPublicSnapshot,
        volume: dataset,
        startedDaysAgo: 12,
        description: "hackathon dataset, shared with the partner teams",
        isPublic: true,
      });
      b.plant("ebs-snapshot-public", P.sbxPublicSnapshot, account, "us-east-1");
      b.plant("ebs-snapshot-unencrypted", P.sbxPublicSnapshot, account, "us-east-1");
    }
  }
  b.addDetachedInterface(account, "us-east-1", {
    id: P.sbxOrphanEni,
    subnet: defaultVpc.subnets[1] as (typeof defaultVpc.subnets)[number],
    securityGroupIds: [defaultVpc.defaultGroup.id],
    description: "manually created for a test",
  });
  b.plant("eni-orphaned", P.sbxOrphanEni, account, "us-east-1");
  b.addAddress(account, "us-east-1", {
    id: P.sbxLooseAddress,
    tags: standardTags(dv, "sbx-demo-ip", TEAMS.platform, "experiments"),
  });
  b.plant("eip-unassociated", P.sbxLooseAddress, account, "us-east-1");

  const west = createSite(b, account, "us-west-2", { ...env, secondOctet: 21, azCount: 2 });
  const api = workerTier(west, {
    app: "hackathon-api",
    team: TEAMS.web,
    count: 2,
    type: "t3.small",
    dataGiB: 0,
    ageDays: 60,
    role: "api",
  });
  database(west, {
    id: P.sbxPublicDb,
    app: "hackathon-api",
    team: TEAMS.web,
    engine: "postgres",
    engineVersion: "16.4",
    instanceClass: "db.t3.micro",
    storageGiB: 20,
    clientGroup: api.group,
    ageDays: 58,
    publiclyAccessible: true,
    multiAz: false,
  });
  b.plant("rds-public", P.sbxPublicDb, account, "us-west-2");
  b.plant("rds-single-az", P.sbxPublicDb, account, "us-west-2");
  functions(west, {
    app: "hackathon-api",
    team: TEAMS.web,
    names: [{ name: "hackathon-webhook", runtime: "nodejs20.x", memoryMb: 128, modifiedDaysAgo: 55 }],
  });

  bucket(dv, {
    name: P.sbxSuspendedBucket,
    region: "us-east-1",
    app: "experiments",
    team: TEAMS.platform,
    ageDays: 500,
    versioning: "Suspended",
  });
  b.plant("s3-versioning-off", P.sbxSuspendedBucket, account, "us-east-1");
  // A quick share: a public-read policy (without the TLS statement) and no public access block.
  b.addBucket(account, {
    name: P.sbxPublicBucket,
    region: "us-east-1",
    createdDaysAgo: 90,
    isPublic: true,
    tlsOnly: false,
    tags: standardTags(dv, P.sbxPublicBucket, TEAMS.platform, "experiments"),
  });
  b.plant("s3-public-bucket", P.sbxPublicBucket, account, "us-east-1");
  b.plant("s3-bucket-public-access-block-off", P.sbxPublicBucket, account, "us-east-1");
  b.plant("s3-no-tls-policy", P.sbxPublicBucket, account, "us-east-1");
  // An old share through the ACL (public-read), with the ACL settings of its block turned off.
  b.addBucket(account, {
    name: P.sbxAclBucket,
    region: "us-west-2",
    createdDaysAgo: 640,
    aclIsPublic: true,
    publicAccessBlock: {
      blockPublicAcls: false,
      ignorePublicAcls: false,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    },
    tags: standardTags(west, P.sbxAclBucket, TEAMS.web, "hackathon-api"),
  });
  b.plant("s3-public-acl", P.sbxAclBucket, account, "us-west-2");
  b.plant("s3-bucket-public-access-block-off", P.sbxAclBucket, account, "us-west-2");
  trail(b, account, "sandbox", { encrypt: false });
  b.plant("cloudtrail-not-kms-encrypted", SBX_TRAIL_ARN, account, "us-east-1");
  b.addUser(account, {
    userName: "sbx-admin",
    createdDaysAgo: 700,
    hasConsolePassword: true,
    passwordLastUsedDaysAgo: 4,
    hasMfa: true,
    accessKeys: [],
  });
  const hackathonBot = b.addUser(account, {
    userName: "hackathon-bot",
    createdDaysAgo: 300,
    hasConsolePassword: false,
    hasMfa: false,
    accessKeys: [{ id: P.sbxOldUnusedKey, createdDaysAgo: 300, lastUsedDaysAgo: 150 }],
  });
  b.plant("iam-access-key-old", P.sbxOldUnusedKey, account, "global");
  b.plant("iam-access-key-unused", P.sbxOldUnusedKey, account, "global");
  // The experiments runner was given everything "for now", in an inline policy.
  b.addRole(account, {
    roleName: P.sbxAdminRole,
    description: "Runs hackathon experiments from the CI runner",
    trustedPrincipals: [`arn:aws:iam::${SBX}:root`],
    attachedPolicyArns: [],
    inlinePolicies: [
      {
        name: "everything-for-now",
        document: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
        }),
      },
    ],
    createdDaysAgo: 280,
    lastUsedDaysAgo: 9,
  });
  b.plant("iam-admin-access", P.sbxAdminRole, account, "global");
  // A test role anyone may assume.
  b.addRole(account, {
    roleName: P.sbxOpenRole,
    description: "Cross-account assume-role test (hackathon)",
    trustedPrincipals: ["*"],
    attachedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    createdDaysAgo: 120,
  });
  b.plant("iam-role-trust-open", P.sbxOpenRole, account, "global");
  policy(
    b,
    account,
    {
      policyName: "hackathon-bot-s3",
      description: "The hackathon bot's scratch bucket",
      createdDaysAgo: 300,
      statements: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::northwind-sbx-experiments/*" }],
    },
    [hackathonBot],
  );
  addFunctionRoles(b, account);
}
