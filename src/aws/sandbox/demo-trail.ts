/**
 * The demo estate's CloudTrail history: 14 days of routine activity in every region where an
 * account runs workloads (people on weekdays in working hours, CI any time, AWS services), and
 * in the last 24 hours before DEMO_NOW (a Saturday) the unusual activity DEMO_PLANTED_ACTIVITY
 * lists. Together with the events the account builders record (jdoe's console sign-in and
 * security group change, maria.gonzalez's denied CreateAccessKey, the CI deployments), that is
 * exactly what `changes --since 24h` should report with the demo configuration
 * (config/demo.yaml: automationPrincipals).
 */
import { DEV, MGMT, P, PROD, SBX, SBX_TRAIL_ARN, STG } from "./demo-ids.js";
import type { EstateBuilder } from "./estate-builder.js";
import type { EstateAccount } from "./estate.js";
import { addTrailHistory, workloadRegions, type PlantedActivity, type TrailActor } from "./trail-history.js";

export type { PlantedActivity };

const HISTORY_DAYS = 14;
const SEED = 0x7472_6169;

const session = (account: string, role: string, name: string) =>
  `arn:aws:sts::${account}:assumed-role/${role}/${name}`;
const user = (account: string, name: string) => `arn:aws:iam::${account}:user/${name}`;

const CONSOLE =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";

function person(principalArn: string, username: string, sourceIp: string): TrailActor {
  return { principalArn, username, kind: "person", sourceIp };
}

function automation(principalArn: string, username: string): TrailActor {
  return {
    principalArn,
    username,
    kind: "automation",
    sourceIp: "10.40.0.12",
    userAgent: "aws-sdk-js/3.600.0 ua/2.1 os/linux",
  };
}

const LAMBDA: TrailActor = {
  principalArn: "lambda.amazonaws.com",
  username: "lambda.amazonaws.com",
  kind: "service",
};

const ACTORS: Readonly<Record<string, readonly TrailActor[]>> = {
  [MGMT]: [
    person(session(MGMT, "PlatformEngineer", "dana.wright"), "dana.wright", "198.51.100.41"),
    automation(session(MGMT, "terraform-ci", "terraform-run"), "terraform-run"),
    LAMBDA,
  ],
  [SBX]: [
    person(session(SBX, "PlatformEngineer", "sam.lee"), "sam.lee", "198.51.100.57"),
    automation(user(SBX, "hackathon-bot"), "hackathon-bot"),
    LAMBDA,
  ],
  [DEV]: [
    person(user(DEV, P.devUserNoMfa), P.devUserNoMfa, "198.51.100.23"),
    person(user(DEV, "priya.sharma"), "priya.sharma", "198.51.100.31"),
    automation(user(DEV, "dev-ci"), "dev-ci"),
    LAMBDA,
  ],
  [STG]: [
    person(session(STG, "PlatformEngineer", "lena.fischer"), "lena.fischer", "198.51.100.64"),
    automation(user(STG, "stg-ci"), "stg-ci"),
    LAMBDA,
  ],
  [PROD]: [
    person(user(PROD, "maria.gonzalez"), "maria.gonzalez", "198.51.100.72"),
    person(session(PROD, "PlatformEngineer", "omar.haddad"), "omar.haddad", "198.51.100.88"),
    automation(user(PROD, "ci-deployer"), "ci-deployer"),
    LAMBDA,
  ],
};

/** Literal ids of the planted events (the account builders' own events have seeded ids). */
const id = (n: number) => `0d3e0000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export const DEMO_PLANTED_ACTIVITY: readonly PlantedActivity[] = [
  { kind: "root-activity", account: PROD, subject: "root" },
  { kind: "console-login-no-mfa", account: DEV, subject: user(DEV, P.devUserNoMfa) },
  { kind: "failed-calls-burst", account: PROD, subject: user(PROD, "maria.gonzalez") },
  { kind: "mass-deletion", account: DEV, subject: user(DEV, "dev-ci") },
  {
    kind: "new-principal",
    account: STG,
    subject: session(STG, "OrganizationAccountAccessRole", "contractor-temp"),
  },
  { kind: "unusual-region", account: SBX, subject: "eu-west-1" },
  { kind: "outside-working-hours", account: SBX, subject: session(SBX, "PlatformEngineer", "sam.lee") },
  { kind: "outside-working-hours", account: DEV, subject: user(DEV, P.devUserNoMfa) },
  {
    kind: "outside-working-hours",
    account: STG,
    subject: session(STG, "OrganizationAccountAccessRole", "contractor-temp"),
  },
  { kind: "outside-working-hours", account: PROD, subject: user(PROD, "maria.gonzalez") },
  { kind: "trail-stopped", account: SBX, subject: SBX_TRAIL_ARN },
  { kind: "ingress-opened-to-world", account: DEV, subject: P.devBastionGroup },
];

function accountOf(b: EstateBuilder, accountId: string): EstateAccount {
  const account = b.estate.accounts.find((a) => a.id === accountId);
  if (account === undefined) throw new Error(`demo: no account ${accountId}`);
  return account;
}

function plantActivity(b: EstateBuilder): void {
  const prod = accountOf(b, PROD);
  const sbx = accountOf(b, SBX);
  const dev = accountOf(b, DEV);
  const stg = accountOf(b, STG);

  // Root signs in to the production console (with MFA) on a Saturday morning.
  b.addEvent(prod, "us-east-1", {
    eventId: id(1),
    daysAgo: 0.7,
    eventName: "ConsoleLogin",
    eventSource: "signin.amazonaws.com",
    username: "root",
    principalArn: `arn:aws:iam::${PROD}:root`,
    sourceIp: "203.0.113.199",
    userAgent: CONSOLE,
    responseElements: { ConsoleLogin: "Success" },
    additionalEventData: {
      LoginTo: "https://console.aws.amazon.com/console/home",
      MobileVersion: "No",
      MFAUsed: "Yes",
    },
  });

  // maria.gonzalez's key, from an unfamiliar address, tries IAM calls it may not make: 12 denials in 4 minutes.
  const denied = [
    "CreateUser",
    "AttachUserPolicy",
    "PutUserPolicy",
    "CreateLoginProfile",
    "UpdateAssumeRolePolicy",
    "CreateAccessKey",
    "AttachRolePolicy",
    "CreateRole",
    "PutRolePolicy",
    "AddUserToGroup",
    "CreatePolicyVersion",
  ];
  denied.forEach((eventName, i) =>
    b.addEvent(prod, "us-east-1", {
      eventId: id(10 + i),
      daysAgo: 0.4 - (i + 1) * (20 / 86_400),
      eventName,
      eventSource: "iam.amazonaws.com",
      username: "maria.gonzalez",
      principalArn: user(PROD, "maria.gonzalez"),
      accessKeyId: "AKIA5NORTHWINDMARIA1",
      sourceIp: "192.0.2.144",
      userAgent: "Boto3/1.35.0 md/Botocore#1.35.0 ua/2.0 os/linux",
      errorCode: "AccessDenied",
      errorMessage: `User: ${user(PROD, "maria.gonzalez")} is not authorized to perform: iam:${eventName} because no identity-based policy allows the iam:${eventName} action`,
    }),
  );

  // sam.lee stops the sandbox trail and restarts it half an hour later.
  const samArn = session(SBX, "PlatformEngineer", "sam.lee");
  const trail = [{ type: "AWS::CloudTrail::Trail", name: SBX_TRAIL_ARN }];
  b.addEvent(sbx, "us-east-1", {
    eventId: id(30),
    daysAgo: 0.45,
    eventName: "StopLogging",
    eventSource: "cloudtrail.amazonaws.com",
    username: "sam.lee",
    principalArn: samArn,
    sourceIp: "198.51.100.57",
    resources: trail,
    requestParameters: { name: SBX_TRAIL_ARN },
  });
  b.addEvent(sbx, "us-east-1", {
    eventId: id(31),
    daysAgo: 0.43,
    eventName: "StartLogging",
    eventSource: "cloudtrail.amazonaws.com",
    username: "sam.lee",
    principalArn: samArn,
    sourceIp: "198.51.100.57",
    resources: trail,
    requestParameters: { name: SBX_TRAIL_ARN },
  });
  // …and meanwhile launches GPU instances in eu-west-1, where the sandbox account runs nothing, then terminates them.
  for (let i = 0; i < 3; i++) {
    const instanceId = `i-0e0c0${String(i).padStart(12, "0")}`;
    const resources = [{ type: "AWS::EC2::Instance", name: instanceId }];
    const common = {
      eventSource: "ec2.amazonaws.com",
      username: "sam.lee",
      principalArn: samArn,
      sourceIp: "198.51.100.57",
      resources,
    };
    b.addEvent(sbx, "eu-west-1", {
      ...common,
      eventId: id(40 + i),
      daysAgo: 0.44 - i / 1440,
      eventName: "RunInstances",
      requestParameters: { instanceType: "p3.8xlarge", minCount: 1, maxCount: 1 },
    });
    b.addEvent(sbx, "eu-west-1", {
      ...common,
      eventId: id(50 + i),
      daysAgo: 0.42 - i / 1440,
      eventName: "TerminateInstances",
      requestParameters: { instancesSet: { items: [{ instanceId }] } },
    });
  }

  // dev-ci's cleanup job deletes 25 snapshots in 12 minutes.
  for (let i = 0; i < 25; i++) {
    const snapshotId = `snap-0de1e7e${String(i).padStart(10, "0")}`;
    b.addEvent(dev, "us-east-1", {
      eventId: id(100 + i),
      daysAgo: 0.52 - (i * 0.5) / 1440,
      eventName: "DeleteSnapshot",
      eventSource: "ec2.amazonaws.com",
      username: "dev-ci",
      principalArn: user(DEV, "dev-ci"),
      accessKeyId: "AKIA5NORTHWINDDEVCI1",
      sourceIp: "10.40.0.12",
      userAgent: "aws-sdk-js/3.600.0 ua/2.1 os/linux",
      resources: [{ type: "AWS::EC2::Snapshot", name: snapshotId }],
      requestParameters: { snapshotId },
    });
  }

  // A contractor session nobody has used before, through the organisation's access role.
  const contractor = session(STG, "OrganizationAccountAccessRole", "contractor-temp");
  for (let i = 0; i < 2; i++) {
    b.addEvent(stg, "us-east-1", {
      eventId: id(200 + i),
      daysAgo: 0.3 - i / 1440,
      eventName: "UpdateFunctionConfiguration20150331v2",
      eventSource: "lambda.amazonaws.com",
      username: "contractor-temp",
      principalArn: contractor,
      sourceIp: "203.0.113.87",
      resources: [
        { type: "AWS::Lambda::Function", name: stg.regions["us-east-1"]?.functions[0]?.name ?? "stg-fn" },
      ],
    });
  }
}

/** The demo's history and planted activity (after every other part of the estate is built). */
export function addDemoTrailHistory(b: EstateBuilder): void {
  for (const account of b.estate.accounts) {
    const actors = ACTORS[account.id] ?? [];
    for (const region of workloadRegions(account)) {
      addTrailHistory(b, account, region, { days: HISTORY_DAYS, actors, seed: SEED });
    }
  }
  plantActivity(b);
}
