/** The pure changes analysis: change types, the window, each unusual-activity rule, filters. */
import { describe, expect, it } from "vitest";
import { analyzeChanges } from "../../../src/core/changes/analyze.js";
import type { ChangeEventRecord, ChangePrincipal } from "../../../src/core/changes/change-event.js";
import { changeTypeOf } from "../../../src/core/changes/change-type.js";
import {
  detectUnusual,
  isWithinWorkingHours,
  type ChangesSettings,
} from "../../../src/core/changes/unusual.js";
import { changesWindow } from "../../../src/core/changes/window.js";
import { CORE_DEFAULTS } from "../../../src/core/config/defaults.js";
import { UsageError } from "../../../src/core/errors.js";

const SETTINGS: ChangesSettings = { ...CORE_DEFAULTS.changes, automationPrincipals: ["*-ci"] };
const ACCOUNT = "123456789012";
const JDOE: ChangePrincipal = { type: "iam-user", id: `arn:aws:iam::${ACCOUNT}:user/jdoe`, name: "jdoe" };
const CI: ChangePrincipal = {
  type: "iam-user",
  id: `arn:aws:iam::${ACCOUNT}:user/build-ci`,
  name: "build-ci",
};
const ROOT: ChangePrincipal = { type: "root", id: `arn:aws:iam::${ACCOUNT}:root`, name: "root" };
const SERVICE: ChangePrincipal = {
  type: "aws-service",
  id: "backup.amazonaws.com",
  name: "backup.amazonaws.com",
};

let n = 0;
/** A write at a working hour (Wednesday 2026-10-28 10:00 UTC) unless told otherwise. */
function ev(over: Partial<ChangeEventRecord> = {}): ChangeEventRecord {
  n++;
  return {
    eventId: `e-${String(n).padStart(5, "0")}`,
    eventTime: "2026-10-28T10:00:00.000Z",
    eventName: "CreateTags",
    eventSource: "ec2.amazonaws.com",
    account: ACCOUNT,
    region: "us-east-1",
    isReadOnly: false,
    principal: JDOE,
    resources: [],
    ...over,
  };
}
const BASELINE = [
  ev({ eventTime: "2026-10-26T10:00:00.000Z" }),
  ev({ eventTime: "2026-10-26T11:00:00.000Z", principal: CI }),
];
const detect = (window: ChangeEventRecord[], baseline = BASELINE, settings = SETTINGS) =>
  detectUnusual({ window, baseline, settings }).map((u) => `${u.kind}:${u.severity}:${u.subject}`);

describe("changeTypeOf", () => {
  it.each([
    ["RunInstances", "ec2.amazonaws.com", false, "create"],
    ["TerminateInstances", "ec2.amazonaws.com", false, "delete"],
    ["DeleteBucket", "s3.amazonaws.com", false, "delete"],
    ["ModifyDBInstance", "rds.amazonaws.com", false, "modify"],
    ["CreateTags", "ec2.amazonaws.com", false, "modify"],
    ["DeleteTags", "ec2.amazonaws.com", false, "modify"],
    ["PutBucketTagging", "s3.amazonaws.com", false, "modify"],
    ["PutBucketVersioning", "s3.amazonaws.com", false, "modify"],
    ["AttachRolePolicy", "iam.amazonaws.com", false, "permission"],
    ["PutBucketPolicy", "s3.amazonaws.com", false, "permission"],
    ["AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", false, "permission"],
    ["StopLogging", "cloudtrail.amazonaws.com", false, "permission"],
    ["CreateRoute", "ec2.amazonaws.com", false, "network"],
    ["DeleteNatGateway", "ec2.amazonaws.com", false, "network"],
    ["ChangeResourceRecordSets", "route53.amazonaws.com", false, "network"],
    ["ConsoleLogin", "signin.amazonaws.com", false, "sign-in"],
    ["DescribeInstances", "ec2.amazonaws.com", true, "read"],
    ["SomethingNew", "newservice.amazonaws.com", false, "modify"],
  ] as const)("%s (%s, read-only %s) is %s", (eventName, eventSource, isReadOnly, type) => {
    expect(changeTypeOf({ eventName, eventSource, isReadOnly })).toBe(type);
  });
});

describe("changesWindow", () => {
  const now = new Date("2026-11-01T00:00:00Z");
  it("reads durations back from now and ISO times (UTC without a zone), with the baseline before", () => {
    expect(changesWindow({ since: "24h", baselineDays: 7, now })).toEqual({
      since: "2026-10-31T00:00:00.000Z",
      until: "2026-11-01T00:00:00.000Z",
      baselineSince: "2026-10-24T00:00:00.000Z",
    });
    expect(changesWindow({ since: "2026-10-30T12:00", until: "90m", baselineDays: 1, now })).toEqual({
      since: "2026-10-30T12:00:00.000Z",
      until: "2026-10-31T22:30:00.000Z",
      baselineSince: "2026-10-29T12:00:00.000Z",
    });
    // The baseline stops at CloudTrail's 90 days.
    expect(changesWindow({ since: "88d", baselineDays: 7, now }).baselineSince).toBe(
      "2026-08-03T00:00:00.000Z",
    );
  });
  it.each([
    [{ since: "yesterday" }, "InvalidTime"],
    [{ since: "1d", until: "2d" }, "InvalidTimeRange"],
    [{ since: "91d" }, "InvalidTimeRange"],
  ])("refuses %o with %s", (o, code) => {
    expect(() => changesWindow({ ...o, baselineDays: 7, now })).toThrow(UsageError);
    try {
      changesWindow({ ...o, baselineDays: 7, now });
    } catch (e) {
      expect((e as UsageError).code).toBe(code);
    }
  });
});

describe("isWithinWorkingHours", () => {
  const hours = {
    days: ["mon", "tue", "wed", "thu", "fri"] as const,
    start: "08:00",
    end: "19:00",
    timeZone: "UTC",
  };
  it.each([
    ["2026-10-28T08:00:00Z", "UTC", true],
    ["2026-10-28T07:59:00Z", "UTC", false],
    ["2026-10-28T19:00:00Z", "UTC", false],
    ["2026-10-31T10:00:00Z", "UTC", false],
    // 18:30 UTC is 19:30 in Paris (CET, after the clocks went back on Oct 25).
    ["2026-10-28T18:30:00Z", "Europe/Paris", false],
    ["2026-10-28T07:30:00Z", "Europe/Paris", true],
  ])("%s in %s: %s", (iso, timeZone, within) => {
    expect(isWithinWorkingHours(iso, { ...hours, days: [...hours.days], timeZone })).toBe(within);
  });
});

describe("detectUnusual", () => {
  it("reports nothing for routine work by known principals in known regions during working hours", () => {
    expect(detect([ev(), ev({ principal: CI, eventTime: "2026-10-31T03:00:00.000Z" })])).toEqual([]);
  });

  it("root use is critical, once per account, and not also a new principal or out of hours", () => {
    const found = detect([
      ev({
        principal: ROOT,
        eventName: "ConsoleLogin",
        eventSource: "signin.amazonaws.com",
        consoleLogin: "Success",
        isMfaUsed: true,
        eventTime: "2026-10-31T03:00:00.000Z",
      }),
      ev({ principal: ROOT, eventName: "CreateUser", eventSource: "iam.amazonaws.com" }),
    ]);
    expect(found).toEqual([`root-activity:critical:root`]);
  });

  it("a console sign-in without MFA by a user (not a federated session) is high", () => {
    const login = { eventName: "ConsoleLogin", eventSource: "signin.amazonaws.com", consoleLogin: "Success" };
    expect(detect([ev({ ...login, isMfaUsed: false })])).toEqual([`console-login-no-mfa:high:${JDOE.id}`]);
    expect(detect([ev({ ...login, isMfaUsed: true })])).toEqual([]);
    const federated: ChangePrincipal = {
      type: "assumed-role",
      id: "arn:aws:sts::1:assumed-role/Sso/jdoe",
      name: "Sso/jdoe",
      roleArn: `arn:aws:iam::${ACCOUNT}:role/Sso`,
    };
    expect(
      detect(
        [ev({ ...login, isMfaUsed: false, principal: federated })],
        [...BASELINE, ev({ principal: federated, eventTime: "2026-10-26T10:00:00.000Z" })],
      ),
    ).toEqual([]);
  });

  it("failed calls make a burst at the configured count within the window: high when denied", () => {
    const at = (i: number) => new Date(Date.parse("2026-10-28T10:00:00Z") + i * 30_000).toISOString();
    const denied = Array.from({ length: 10 }, (_, i) => ev({ eventTime: at(i), errorCode: "AccessDenied" }));
    expect(detect(denied)).toEqual([`failed-calls-burst:high:${JDOE.id}`]);
    expect(detect(denied.slice(0, 9))).toEqual([]);
    const throttled = Array.from({ length: 10 }, (_, i) =>
      ev({ eventTime: at(i), errorCode: "ThrottlingException" }),
    );
    expect(detect(throttled)).toEqual([`failed-calls-burst:medium:${JDOE.id}`]);
    // Spread over more than the window: no burst.
    const spread = Array.from({ length: 10 }, (_, i) =>
      ev({ eventTime: at(i * 3), errorCode: "AccessDenied" }),
    );
    expect(detect(spread)).toEqual([]);
  });

  it("mass deletion: successful deletions at the count within the window", () => {
    const at = (i: number) => new Date(Date.parse("2026-10-28T10:00:00Z") + i * 60_000).toISOString();
    const deletes = Array.from({ length: 20 }, (_, i) =>
      ev({ eventName: "DeleteSnapshot", eventTime: at(i) }),
    );
    const found = detectUnusual({ window: deletes, baseline: BASELINE, settings: SETTINGS });
    expect(found.map((u) => u.kind)).toEqual(["mass-deletion"]);
    expect(found[0]?.eventIds).toHaveLength(20);
    expect(detect(deletes.map((e) => ({ ...e, errorCode: "AccessDenied" })).slice(0, 5))).toEqual([]);
    expect(detect(deletes.slice(0, 19))).toEqual([]);
  });

  it("new principals and unused regions are told against a baseline that has events; AWS services never", () => {
    const stranger: ChangePrincipal = { type: "iam-user", id: `arn:aws:iam::${ACCOUNT}:user/x`, name: "x" };
    expect(detect([ev({ principal: stranger })])).toEqual([`new-principal:medium:${stranger.id}`]);
    expect(detect([ev({ principal: stranger })], [])).toEqual([]);
    expect(detect([ev({ region: "sa-east-1" })])).toEqual([`unusual-region:medium:sa-east-1`]);
    expect(detect([ev({ region: "sa-east-1", principal: SERVICE })])).toEqual([]);
    // A known role under a new session is not new.
    const role = `arn:aws:iam::${ACCOUNT}:role/Deploy`;
    const s1: ChangePrincipal = { type: "assumed-role", id: "s1", name: "Deploy/a", roleArn: role };
    const s2: ChangePrincipal = { type: "assumed-role", id: "s2", name: "Deploy/b", roleArn: role };
    expect(detect([ev({ principal: s2 })], [...BASELINE, ev({ principal: s1 })])).toEqual([]);
  });

  it("writes by people outside working hours are low; automation and services work any time", () => {
    const saturday = "2026-10-31T10:00:00.000Z";
    expect(detect([ev({ eventTime: saturday })])).toEqual([`outside-working-hours:low:${JDOE.id}`]);
    expect(detect([ev({ eventTime: saturday, principal: CI })])).toEqual([]);
    expect(detect([ev({ eventTime: saturday, isReadOnly: true, eventName: "DescribeInstances" })])).toEqual(
      [],
    );
    expect(
      detect([ev({ eventTime: saturday })], BASELINE, {
        ...SETTINGS,
        workingHours: { ...SETTINGS.workingHours, days: ["sat"] },
      }),
    ).toEqual([]);
  });

  it.each([
    ["trail-stopped", "critical", { eventName: "StopLogging", eventSource: "cloudtrail.amazonaws.com" }],
    ["trail-stopped", "critical", { eventName: "DeleteTrail", eventSource: "cloudtrail.amazonaws.com" }],
    ["flow-logs-deleted", "high", { eventName: "DeleteFlowLogs" }],
    [
      "bucket-made-public",
      "critical",
      {
        eventName: "PutBucketPolicy",
        eventSource: "s3.amazonaws.com",
        requestParameters: {
          bucketName: "b",
          bucketPolicy: {
            Statement: [
              { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
            ],
          },
        },
      },
    ],
    [
      "bucket-made-public",
      "critical",
      {
        eventName: "PutBucketAcl",
        eventSource: "s3.amazonaws.com",
        requestParameters: {
          AccessControlPolicy: {
            AccessControlList: {
              Grant: [
                { Grantee: { URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "READ" },
              ],
            },
          },
        },
      },
    ],
    [
      "bucket-made-public",
      "critical",
      {
        eventName: "PutBucketAcl",
        eventSource: "s3.amazonaws.com",
        requestParameters: { "x-amz-acl": ["public-read"] },
      },
    ],
    [
      "bucket-made-public",
      "critical",
      { eventName: "DeleteBucketPublicAccessBlock", eventSource: "s3.amazonaws.com" },
    ],
    [
      "bucket-made-public",
      "critical",
      {
        eventName: "PutBucketPublicAccessBlock",
        eventSource: "s3.amazonaws.com",
        requestParameters: {
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: false,
            RestrictPublicBuckets: true,
          },
        },
      },
    ],
    [
      "ingress-opened-to-world",
      "high",
      {
        eventName: "AuthorizeSecurityGroupIngress",
        requestParameters: { ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: "0.0.0.0/0" }] } }] } },
      },
    ],
    [
      "ingress-opened-to-world",
      "high",
      {
        eventName: "AuthorizeSecurityGroupIngress",
        requestParameters: { ipPermissions: { items: [{ ipv6Ranges: { items: [{ cidrIpv6: "::/0" }] } }] } },
      },
    ],
    ["access-key-created", "medium", { eventName: "CreateAccessKey", eventSource: "iam.amazonaws.com" }],
    [
      "admin-policy-attached",
      "high",
      {
        eventName: "AttachRolePolicy",
        eventSource: "iam.amazonaws.com",
        requestParameters: { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
      },
    ],
    [
      "admin-policy-attached",
      "high",
      {
        eventName: "PutUserPolicy",
        eventSource: "iam.amazonaws.com",
        requestParameters: {
          policyDocument: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
        },
      },
    ],
    [
      "kms-key-deletion-scheduled",
      "high",
      { eventName: "ScheduleKeyDeletion", eventSource: "kms.amazonaws.com" },
    ],
    ["guardduty-disabled", "high", { eventName: "DeleteDetector", eventSource: "guardduty.amazonaws.com" }],
    [
      "guardduty-disabled",
      "high",
      {
        eventName: "UpdateDetector",
        eventSource: "guardduty.amazonaws.com",
        requestParameters: { enable: false },
      },
    ],
    [
      "config-disabled",
      "high",
      { eventName: "StopConfigurationRecorder", eventSource: "config.amazonaws.com" },
    ],
  ] as const)("%s (%s) for %o", (kind, severity, over) => {
    const e = ev({ ...(over as Partial<ChangeEventRecord>), resources: [{ name: "the-resource" }] });
    expect(detect([e])).toEqual([`${kind}:${severity}:the-resource`]);
    // A failed attempt changed nothing.
    expect(detect([{ ...e, errorCode: "AccessDenied" }])).toEqual([]);
  });

  it.each([
    [
      "a private bucket policy",
      {
        eventName: "PutBucketPolicy",
        eventSource: "s3.amazonaws.com",
        requestParameters: {
          bucketPolicy: {
            Statement: [
              { Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "s3:*", Resource: "*" },
            ],
          },
        },
      },
    ],
    [
      "a public statement with a condition",
      {
        eventName: "PutBucketPolicy",
        eventSource: "s3.amazonaws.com",
        requestParameters: {
          bucketPolicy: {
            Statement: [
              {
                Effect: "Allow",
                Principal: "*",
                Action: "s3:GetObject",
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } },
              },
            ],
          },
        },
      },
    ],
    [
      "ingress from a private range",
      {
        eventName: "AuthorizeSecurityGroupIngress",
        requestParameters: {
          ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: "10.0.0.0/8" }] } }] },
        },
      },
    ],
    [
      "a read-only policy attached",
      {
        eventName: "AttachRolePolicy",
        eventSource: "iam.amazonaws.com",
        requestParameters: { policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
      },
    ],
    [
      "GuardDuty enabled",
      {
        eventName: "UpdateDetector",
        eventSource: "guardduty.amazonaws.com",
        requestParameters: { enable: true },
      },
    ],
  ] as const)("nothing for %s", (_name, over) => {
    expect(detect([ev(over as Partial<ChangeEventRecord>)])).toEqual([]);
  });
});

describe("analyzeChanges", () => {
  const window = {
    since: "2026-10-28T00:00:00.000Z",
    until: "2026-10-29T00:00:00.000Z",
    baselineSince: "2026-10-21T00:00:00.000Z",
  };
  const events = [
    ...BASELINE,
    ev({ eventTime: "2026-10-28T09:00:00.000Z", resources: [{ type: "AWS::EC2::Instance", name: "i-1" }] }),
    ev({
      eventTime: "2026-10-28T11:00:00.000Z",
      principal: CI,
      eventName: "TerminateInstances",
      resources: [{ type: "AWS::EC2::Instance", name: "i-1" }],
    }),
    ev({
      eventTime: "2026-10-28T12:00:00.000Z",
      principal: CI,
      eventName: "AttachRolePolicy",
      eventSource: "iam.amazonaws.com",
      errorCode: "AccessDenied",
    }),
  ];
  it("summarises who, what, which resources and a timeline of the window only", () => {
    const a = analyzeChanges({ events, window, filters: {}, settings: SETTINGS });
    expect(a.summary).toMatchObject({ events: 3, failed: 1, principals: 2, resources: 1 });
    expect(a.summary.byChangeType).toMatchObject({ modify: 1, delete: 1, permission: 1 });
    expect(a.principals.map((p) => [p.principal.name, p.events, p.failed])).toEqual([
      ["build-ci", 2, 1],
      ["jdoe", 1, 0],
    ]);
    expect(a.resources).toEqual([
      expect.objectContaining({ name: "i-1", events: 2, eventNames: ["CreateTags", "TerminateInstances"] }),
    ]);
    expect(a.timeline).toHaveLength(25);
    expect(a.timeline.filter((b) => b.events > 0).map((b) => b.start)).toEqual([
      "2026-10-28T09:00:00.000Z",
      "2026-10-28T11:00:00.000Z",
      "2026-10-28T12:00:00.000Z",
    ]);
    expect(a.events.map((e) => e.eventTime)).toEqual([...a.events.map((e) => e.eventTime)].sort().reverse());
  });
  it("filters by principal, service, resource and event name (globs)", () => {
    const count = (filters: Parameters<typeof analyzeChanges>[0]["filters"]) =>
      analyzeChanges({ events, window, filters, settings: SETTINGS }).summary.events;
    expect(count({ principal: ["*-ci"] })).toBe(2);
    expect(count({ service: ["iam.amazonaws.com"] })).toBe(1);
    expect(count({ service: ["ec2"] })).toBe(2);
    expect(count({ resource: ["i-*"] })).toBe(2);
    expect(count({ event: ["Terminate*", "CreateTags"] })).toBe(2);
    expect(count({ principal: ["nobody"] })).toBe(0);
  });
});
