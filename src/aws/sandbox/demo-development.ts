/**
 * The demo development account (333333333333): the data platform, web and ML workloads in three regions.
 */
import {
  auroraCluster,
  bucket,
  createSite,
  database,
  functions,
  goldenImage,
  kmsKey,
  securityGroup,
  standardTags,
  tcpFromCidr,
  TEAMS,
  webTier,
  workerTier,
  type Site,
} from "./demo-workloads.js";
import { addAccount, addFunctionRoles, policy, trail } from "./demo-accounts.js";
import { ALB_GROUPS, DEV, DEV_TRAIL_ARN, P } from "./demo-ids.js";
import type { EstateBuilder } from "./estate-builder.js";

export function buildDevelopment(b: EstateBuilder): void {
  const account = addAccount(b, {
    id: DEV,
    name: "Northwind Development",
    alias: "northwind-dev",
    environment: "development",
    profile: "demo-dev",
    regions: ["us-east-1", "us-west-2", "eu-west-1"],
    // Root access keys left over from the account's first automation scripts.
    security: { rootAccessKeysPresent: true },
  });
  b.plant("iam-root-access-keys", DEV, account, "global");
  const env = { env: "dev", environment: "development" };

  const east = createSite(b, account, "us-east-1", { ...env, secondOctet: 30, azCount: 2 });
  const ingest = webTier(east, {
    app: "ingest-api",
    team: TEAMS.data,
    count: 2,
    type: "t3.medium",
    requestsPerWeek: 180_000,
    ageDays: 200,
    albGroupId: ALB_GROUPS.devIngest,
  });
  b.plant("sg-open-ingress-web-lb", ALB_GROUPS.devIngest, account, "us-east-1");
  const etl = workerTier(east, {
    app: "etl-pipeline",
    team: TEAMS.data,
    count: 2,
    type: "c6i.xlarge",
    dataGiB: 200,
    ageDays: 150,
  });
  webTier(east, {
    app: "insights-web",
    team: TEAMS.web,
    count: 2,
    type: "t3.large",
    requestsPerWeek: 95_000,
    ageDays: 120,
    albGroupId: ALB_GROUPS.devInsights,
  });
  b.plant("sg-open-ingress-web-lb", ALB_GROUPS.devInsights, account, "us-east-1");
  database(east, {
    id: P.devSingleAzDb,
    multiAz: false,
    app: "warehouse",
    team: TEAMS.data,
    engine: "postgres",
    engineVersion: "16.4",
    instanceClass: "db.t4g.medium",
    storageGiB: 100,
    clientGroup: etl.group,
    ageDays: 300,
  });
  b.plant("rds-single-az", P.devSingleAzDb, account, "us-east-1");
  auroraCluster(east, {
    id: "dev-analytics-aurora",
    app: "analytics",
    team: TEAMS.data,
    engine: "aurora-postgresql",
    engineVersion: "16.4",
    instanceClass: "db.t4g.medium",
    instanceCount: 1,
    clientGroup: etl.group,
    ageDays: 110,
  });
  goldenImage(east, {
    name: "northwind-base-al2023-2026-09-15",
    app: "platform",
    team: TEAMS.platform,
    ageDays: 47,
  });
  goldenImage(east, {
    name: "northwind-etl-worker-2026-10-02",
    app: "etl-pipeline",
    team: TEAMS.data,
    ageDays: 30,
  });
  kmsKey(east, {
    alias: "alias/dev-warehouse",
    description: "Encrypts the development warehouse exports",
    app: "warehouse",
    team: TEAMS.data,
    ageDays: 300,
  });
  kmsKey(east, {
    alias: "alias/dev-old-experiments",
    description: "Experiments of 2025 (scheduled for deletion)",
    app: "experiments",
    team: TEAMS.ml,
    ageDays: 420,
    state: "PendingDeletion",
  });
  database(east, {
    id: P.devNoBackupDb,
    // Backups were turned off "to save costs" in development.
    backupRetentionDays: 0,
    app: "ingest-api",
    team: TEAMS.data,
    engine: "mysql",
    engineVersion: "8.0.39",
    instanceClass: "db.t3.medium",
    storageGiB: 50,
    clientGroup: ingest.group,
    ageDays: 190,
  });
  b.plant("rds-backups-off", P.devNoBackupDb, account, "us-east-1");
  const bastionGroup = securityGroup(east, {
    id: P.devBastionGroup,
    name: "dev-bastion-sg",
    description: "SSH to the dev bastion",
    team: TEAMS.platform,
    app: "bastion",
    ingress: [tcpFromCidr(22, 22, "0.0.0.0/0", "temporary - jdoe")],
  });
  b.plant("sg-open-ssh-ipv4", P.devBastionGroup, account, "us-east-1");
  const bastion = b.addInstance(account, "us-east-1", {
    id: P.devBastion,
    subnet: east.publicSubnets[0] as Site["publicSubnets"][number],
    type: "t2.micro",
    securityGroupIds: [bastionGroup.id],
    // Launched by hand: `dev` is not an allowed Environment (the volumes were tagged right).
    tags: { ...standardTags(east, "dev-bastion-01", TEAMS.platform, "bastion"), Environment: "dev" },
    volumeTags: standardTags(east, "dev-bastion-01", TEAMS.platform, "bastion"),
    launchedDaysAgo: 250,
    keyName: "dev-bastion",
  });
  b.plant("ec2-previous-generation", P.devBastion, account, "us-east-1");
  b.plant("tag-invalid-value", P.devBastion, account, "us-east-1");
  b.addAddress(account, "us-east-1", {
    id: P.devBastionAddress,
    instance: bastion.instance,
    // CostCenter with three digits: the policy wants CC- and four.
    tags: { ...standardTags(east, "dev-bastion-ip", TEAMS.platform, "bastion"), CostCenter: "CC-404" },
  });
  b.plant("tag-invalid-value", P.devBastionAddress, account, "us-east-1");
  const notebook = b.addInstance(account, "us-east-1", {
    id: P.devPartialInstance,
    subnet: east.privateSubnets[1] as Site["privateSubnets"][number],
    type: "t3.large",
    securityGroupIds: [etl.group.id],
    tags: { Name: "dev-ml-notebook-01", Environment: "development", Application: "ml-scoring" },
    volumeTags: standardTags(east, "dev-ml-notebook-01", TEAMS.ml, "ml-scoring"),
    launchedDaysAgo: 64,
    state: "stopped",
    stoppedDaysAgo: 45,
  });
  b.plant("partially-tagged-resource", notebook.instance.id, account, "us-east-1");
  b.plant("ec2-instance-stopped-long", notebook.instance.id, account, "us-east-1");
  for (const [n, id, size] of [
    [1, P.devLooseVolume1, 500],
    [2, P.devLooseVolume2, 100],
  ] as const) {
    b.addVolume(account, "us-east-1", {
      id,
      availabilityZone: "us-east-1a",
      sizeGiB: size,
      type: "gp2",
      createdDaysAgo: 180 + n * 40,
      tags: standardTags(east, `dev-etl-scratch-${n}`, TEAMS.data, "etl-pipeline"),
    });
    b.plant("ebs-unattached-volume", id, account, "us-east-1");
    b.plant("ebs-gp2-volume", id, account, "us-east-1");
  }
  const etlData = etl.volumes.find((v) => v.attachments[0]?.device === "/dev/sdf");
  if (etlData === undefined) throw new Error("demo: the ETL worker has no data volume");
  for (const [id, days] of [
    [P.devOldSnapshot1, 400],
    [P.devOldSnapshot2, 730],
  ] as const) {
    b.addSnapshot(account, "us-east-1", {
      id,
      volume: etlData,
      startedDaysAgo: days,
      description: "before schema migration",
    });
    b.plant("ebs-snapshot-old", id, account, "us-east-1");
  }
  functions(east, {
    app: "ingest-api",
    team: TEAMS.data,
    names: [
      { name: "ingest-normalizer", runtime: "python3.12", memoryMb: 1024, modifiedDaysAgo: 3 },
      { name: "ingest-dlq-replayer", runtime: "python3.11", memoryMb: 256, modifiedDaysAgo: 40 },
    ],
  });

  const west = createSite(b, account, "us-west-2", { ...env, secondOctet: 31, azCount: 2 });
  b.region(account, "us-west-2").ebsEncryptionByDefault = false;
  b.plant("ebs-encryption-by-default-off", "us-west-2", account, "us-west-2");
  const wideGroup = securityGroup(west, {
    id: P.devWideGroup,
    name: "dev-etl-workers-sg",
    description: "ETL workers (ephemeral ports)",
    team: TEAMS.data,
    app: "etl-pipeline",
    ingress: [
      tcpFromCidr(8443, 8443, west.vpc.cidr, "internal API"),
      // Added later; it already allows the internal API rule above.
      tcpFromCidr(1024, 65535, "10.0.0.0/8", "ephemeral ports"),
    ],
  });
  b.plant("sg-wide-port-range", P.devWideGroup, account, "us-west-2");
  b.plant("sg-redundant-rule", P.devWideGroup, account, "us-west-2");
  for (let i = 0; i < 3; i++) {
    const name = `dev-etl-batch-${String(i + 1).padStart(2, "0")}`;
    b.addInstance(account, "us-west-2", {
      subnet: west.privateSubnets[i % 2] as Site["privateSubnets"][number],
      type: "m5.large",
      securityGroupIds: [wideGroup.id],
      tags: standardTags(west, name, TEAMS.data, "etl-pipeline"),
      launchedDaysAgo: 90 - i * 11,
      dataVolumes: [{ sizeGiB: 150 }],
    });
  }
  workerTier(west, {
    app: "ml-scoring",
    team: TEAMS.ml,
    count: 2,
    type: "t3.large",
    dataGiB: 0,
    ageDays: 75,
  });
  b.addDetachedInterface(account, "us-west-2", {
    id: P.devOrphanEni,
    subnet: west.privateSubnets[0] as Site["privateSubnets"][number],
    securityGroupIds: [wideGroup.id],
    description: "left behind by a deleted endpoint test",
  });
  b.plant("eni-orphaned", P.devOrphanEni, account, "us-west-2");
  b.addFunction(account, "us-west-2", {
    name: P.devUntaggedFunction,
    runtime: "nodejs18.x",
    memoryMb: 128,
    description: "",
    modifiedDaysAgo: 210,
    roleName: "dev-scratch-lambda-role",
    tags: {},
  });
  b.plant("untagged-resource", P.devUntaggedFunction, account, "us-west-2");

  const eu = createSite(b, account, "eu-west-1", { ...env, secondOctet: 32, azCount: 2 });
  webTier(eu, {
    app: "insights-web",
    team: TEAMS.web,
    count: 2,
    type: "t3.medium",
    requestsPerWeek: 40_000,
    ageDays: 100,
    albGroupId: ALB_GROUPS.devEuInsights,
  });
  b.plant("sg-open-ingress-web-lb", ALB_GROUPS.devEuInsights, account, "eu-west-1");
  securityGroup(eu, {
    id: P.devUnusedGroup,
    name: "dev-legacy-api-sg",
    description: "legacy API (decommissioned)",
    team: TEAMS.web,
    app: "legacy-api",
    ingress: [tcpFromCidr(8080, 8080, eu.vpc.cidr)],
  });
  b.plant("sg-unused", P.devUnusedGroup, account, "eu-west-1");

  for (const [region, short] of [
    ["us-east-1", "use1"],
    ["us-west-2", "usw2"],
    ["eu-west-1", "euw1"],
  ] as const) {
    bucket(east, {
      name: `northwind-dev-ingest-raw-${short}`,
      region,
      app: "ingest-api",
      team: TEAMS.data,
      ageDays: 400,
    });
  }
  // Policy settings of the block turned off to try sharing features with a partner.
  bucket(east, {
    name: P.devSharingBucket,
    region: "us-west-2",
    app: "ml-scoring",
    team: TEAMS.ml,
    ageDays: 220,
    publicAccessBlock: {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: false,
      restrictPublicBuckets: false,
    },
  });
  b.plant("s3-bucket-public-access-block-off", P.devSharingBucket, account, "us-west-2");
  b.addGroup(account, {
    groupName: "developers",
    createdDaysAgo: 700,
    attachedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    inlinePolicies: [
      {
        name: "developers-self-service",
        document: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["iam:ChangePassword", "iam:GetUser", "iam:*MFADevice*"],
              Resource: `arn:aws:iam::${DEV}:user/\${aws:username}`,
            },
          ],
        }),
      },
    ],
  });
  b.addGroup(account, {
    groupName: P.devAdminGroup,
    createdDaysAgo: 700,
    attachedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
  });
  b.addUser(account, {
    userName: P.devAdminUser,
    createdDaysAgo: 680,
    hasConsolePassword: true,
    passwordLastUsedDaysAgo: 3,
    hasMfa: true,
    accessKeys: [],
    groups: [P.devAdminGroup],
  });
  b.plant("iam-admin-access", P.devAdminUser, account, "global");
  // A monitoring vendor's account trusted without an external id.
  b.addRole(account, {
    roleName: P.devVendorRole,
    description: "Read-only access for the monitoring vendor",
    trustedPrincipals: [`arn:aws:iam::${P.vendorAccount}:root`],
    attachedPolicyArns: ["arn:aws:iam::aws:policy/SecurityAudit"],
    createdDaysAgo: 330,
    lastUsedDaysAgo: 0.3,
  });
  b.plant("iam-role-trust-open", P.devVendorRole, account, "global");
  trail(b, account, "dev", { logFileValidation: false });
  b.plant("cloudtrail-log-validation-off", DEV_TRAIL_ARN, account, "us-east-1");
  b.addUser(account, {
    userName: P.devUserNoMfa,
    createdDaysAgo: 500,
    hasConsolePassword: true,
    passwordLastUsedDaysAgo: 1,
    hasMfa: false,
    accessKeys: [],
    groups: ["developers"],
  });
  b.plant("iam-user-no-mfa", P.devUserNoMfa, account, "global");
  b.addUser(account, {
    userName: "priya.sharma",
    createdDaysAgo: 420,
    hasConsolePassword: true,
    passwordLastUsedDaysAgo: 0.5,
    hasMfa: true,
    accessKeys: [],
    groups: ["developers"],
  });
  b.addUser(account, {
    userName: "dev-ci",
    createdDaysAgo: 600,
    hasConsolePassword: false,
    hasMfa: false,
    accessKeys: [{ createdDaysAgo: 20, lastUsedDaysAgo: 0.2 }],
  });
  const legacyReporting = b.addUser(account, {
    userName: "legacy-reporting",
    createdDaysAgo: 60,
    hasConsolePassword: false,
    hasMfa: false,
    accessKeys: [{ id: P.devUnusedKey, createdDaysAgo: 120 }],
  });
  // Created four months ago and never used: unused, and old too.
  b.plant("iam-access-key-unused", P.devUnusedKey, account, "global");
  b.plant("iam-access-key-old", P.devUnusedKey, account, "global");
  policy(
    b,
    account,
    {
      policyName: "legacy-reporting-read",
      description: "Read the raw ingest buckets for the legacy reports",
      createdDaysAgo: 60,
      statements: [
        {
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:ListBucket"],
          Resource: "arn:aws:s3:::northwind-dev-ingest-raw-*",
        },
      ],
    },
    [legacyReporting],
  );
  policy(
    b,
    account,
    {
      policyName: "dev-temp-admin-2025",
      description: "Temporary admin for the 2025 migration (no longer attached)",
      createdDaysAgo: 390,
      statements: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    },
    [],
  );
  addFunctionRoles(b, account);

  const principal = `arn:aws:iam::${DEV}:user/jdoe`;
  b.addEvent(account, "us-east-1", {
    daysAgo: 0.8,
    eventName: "AuthorizeSecurityGroupIngress",
    eventSource: "ec2.amazonaws.com",
    username: "jdoe",
    principalArn: principal,
    sourceIp: "198.51.100.23",
    resources: [{ type: "AWS::EC2::SecurityGroup", name: P.devBastionGroup }],
    requestParameters: {
      groupId: P.devBastionGroup,
      ipPermissions: { items: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIp: "0.0.0.0/0" }] },
    },
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 0.3,
    eventName: "RunInstances",
    eventSource: "ec2.amazonaws.com",
    username: "dev-ci",
    principalArn: `arn:aws:iam::${DEV}:user/dev-ci`,
    resources: [{ type: "AWS::EC2::Instance", name: ingest.instances[0]?.id ?? "" }],
    userAgent: "aws-sdk-js/3.600.0 ua/2.1 os/linux",
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 0.29,
    eventName: "CreateTags",
    eventSource: "ec2.amazonaws.com",
    username: "dev-ci",
    principalArn: `arn:aws:iam::${DEV}:user/dev-ci`,
    resources: [{ type: "AWS::EC2::Instance", name: ingest.instances[0]?.id ?? "" }],
    userAgent: "aws-sdk-js/3.600.0 ua/2.1 os/linux",
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 0.1,
    eventName: "DescribeInstances",
    eventSource: "ec2.amazonaws.com",
    username: "demo-user",
    principalArn: `arn:aws:sts::${DEV}:assumed-role/PlatformEngineer/demo-user`,
    readOnly: true,
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 2.5,
    eventName: "DeleteBucket",
    eventSource: "s3.amazonaws.com",
    username: "priya.sharma",
    principalArn: `arn:aws:iam::${DEV}:user/priya.sharma`,
    resources: [{ type: "AWS::S3::Bucket", name: "northwind-dev-tmp-2025" }],
  });
  b.addEvent(account, "us-east-1", {
    daysAgo: 0.85,
    eventName: "ConsoleLogin",
    eventSource: "signin.amazonaws.com",
    username: "jdoe",
    principalArn: principal,
    sourceIp: "198.51.100.23",
    userAgent:
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
    responseElements: { ConsoleLogin: "Success" },
    additionalEventData: {
      LoginTo: "https://console.aws.amazon.com/console/home",
      MobileVersion: "No",
      MFAUsed: "No",
    },
  });
}
