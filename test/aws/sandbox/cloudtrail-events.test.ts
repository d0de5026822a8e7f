/**
 * CloudTrail LookupEvents in the sandbox (SPEC.md, CloudTrail): the account's events of the
 * client's region, newest first, with LookupEvents' filters, pagination, errors, the CloudTrail
 * record as JSON text, and the 2-per-second rate limit of the "aws" preset.
 */
import { describe, expect, it } from "vitest";
import { buildDemoEstate, DEMO_ACCOUNTS, DEMO_NOW } from "../../../src/aws/sandbox/demo.js";
import { createSandbox } from "../../../src/aws/sandbox/transport.js";
import { callerFor, expectAwsError, fakeTime } from "./_helpers.js";

const estate = buildDemoEstate();
const DAY = 86_400_000;

interface Page {
  Events: {
    EventId: string;
    EventName: string;
    ReadOnly: string;
    EventTime: Date;
    EventSource: string;
    Username: string;
    AccessKeyId?: string;
    Resources: { ResourceType: string; ResourceName: string }[];
    CloudTrailEvent: string;
  }[];
  NextToken?: string;
}

function setup(profile = "demo-dev") {
  const time = fakeTime(DEMO_NOW.getTime());
  const sandbox = createSandbox(estate, { clock: time.clock, sleep: time.sleep });
  const call = callerFor(sandbox, profile);
  const lookup = async (input: Record<string, unknown>, region = "us-east-1") =>
    (await call("cloudtrail", "LookupEvents", input, region)) as unknown as Page;
  return { time, sandbox, call, lookup };
}

async function all(lookup: ReturnType<typeof setup>["lookup"], input: Record<string, unknown>) {
  const events: Page["Events"] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await lookup({ ...input, ...(token && { NextToken: token }) });
    events.push(...page.Events);
    token = page.NextToken;
    pages++;
  } while (token !== undefined);
  return { events, pages };
}

describe("LookupEvents", () => {
  it("answers the region's events newest first, 50 a page by default, every one exactly once", async () => {
    const { lookup } = setup();
    const { events, pages } = await all(lookup, {});
    const stored =
      estate.accounts.find((a) => a.id === DEMO_ACCOUNTS.development)?.regions["us-east-1"]?.events ?? [];
    expect(events.length).toBe(stored.length);
    expect(pages).toBe(Math.ceil(stored.length / 50));
    expect(new Set(events.map((e) => e.EventId)).size).toBe(events.length);
    const times = events.map((e) => e.EventTime.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const first = await lookup({ MaxResults: 7 });
    expect(first.Events).toHaveLength(7);
    expect(first.NextToken).toBeDefined();
  });

  it("filters by one lookup attribute and by StartTime/EndTime (inclusive)", async () => {
    const { lookup } = setup();
    const writes = await all(lookup, {
      LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "false" }],
    });
    expect(writes.events.length).toBeGreaterThan(0);
    expect(writes.events.every((e) => e.ReadOnly === "false")).toBe(true);
    const byName = await all(lookup, {
      LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "ConsoleLogin" }],
    });
    expect(byName.events.map((e) => e.Username)).toEqual(["jdoe"]);
    const byUser = await all(lookup, {
      LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "dev-ci" }],
    });
    expect(byUser.events.every((e) => e.Username === "dev-ci")).toBe(true);
    const start = new Date(DEMO_NOW.getTime() - DAY);
    const lastDay = await all(lookup, { StartTime: start, EndTime: DEMO_NOW });
    expect(lastDay.events.length).toBeGreaterThan(0);
    expect(lastDay.events.every((e) => e.EventTime >= start && e.EventTime <= DEMO_NOW)).toBe(true);
  });

  it("carries the CloudTrail record: userIdentity by principal type, MFA and outcome of a console sign-in", async () => {
    const { lookup } = setup();
    const login = (
      await lookup({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "ConsoleLogin" }] })
    ).Events[0];
    const record = JSON.parse(login?.CloudTrailEvent ?? "{}") as {
      eventTime: string;
      userIdentity: { principalId: string };
    };
    expect(record).toMatchObject({
      eventVersion: "1.09",
      eventName: "ConsoleLogin",
      eventSource: "signin.amazonaws.com",
      awsRegion: "us-east-1",
      eventType: "AwsConsoleSignIn",
      eventCategory: "Management",
      readOnly: false,
      recipientAccountId: DEMO_ACCOUNTS.development,
      userIdentity: {
        type: "IAMUser",
        userName: "jdoe",
        arn: `arn:aws:iam::${DEMO_ACCOUNTS.development}:user/jdoe`,
      },
      responseElements: { ConsoleLogin: "Success" },
      additionalEventData: { MFAUsed: "No" },
    });
    expect(record.userIdentity.principalId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(record.eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const { lookup: prodLookup } = setup("demo-prod");
    const root = (
      await prodLookup({ LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "root" }] })
    ).Events[0];
    expect(JSON.parse(root?.CloudTrailEvent ?? "{}").userIdentity).toEqual({
      type: "Root",
      principalId: DEMO_ACCOUNTS.production,
      arn: `arn:aws:iam::${DEMO_ACCOUNTS.production}:root`,
      accountId: DEMO_ACCOUNTS.production,
    });
    const denied = (
      await prodLookup({
        LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "AttachUserPolicy" }],
      })
    ).Events[0];
    expect(JSON.parse(denied?.CloudTrailEvent ?? "{}")).toMatchObject({ errorCode: "AccessDenied" });
    expect(denied?.AccessKeyId).toBe("AKIA5NORTHWINDMARIA1");

    const { lookup: sbxLookup } = setup("demo-sandbox");
    const stop = (
      await sbxLookup({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "StopLogging" }] })
    ).Events[0];
    expect(JSON.parse(stop?.CloudTrailEvent ?? "{}").userIdentity).toMatchObject({
      type: "AssumedRole",
      arn: `arn:aws:sts::${DEMO_ACCOUNTS.sandbox}:assumed-role/PlatformEngineer/sam.lee`,
      sessionContext: { sessionIssuer: { type: "Role", userName: "PlatformEngineer" } },
    });
    expect(stop?.Resources[0]?.ResourceType).toBe("AWS::CloudTrail::Trail");
  });

  it("answers a region without events with an empty list, and EventCategory insight with none", async () => {
    const { lookup } = setup();
    expect((await lookup({}, "ca-central-1")).Events).toEqual([]);
    expect((await lookup({ EventCategory: "insight" })).Events).toEqual([]);
  });

  it("refuses what CloudTrail refuses, with its error names", async () => {
    const { lookup } = setup();
    await expectAwsError(lookup({ MaxResults: 51 }), "InvalidMaxResultsException");
    await expectAwsError(lookup({ MaxResults: 0 }), "InvalidMaxResultsException");
    await expectAwsError(
      lookup({
        LookupAttributes: [
          { AttributeKey: "ReadOnly", AttributeValue: "false" },
          { AttributeKey: "EventName", AttributeValue: "RunInstances" },
        ],
      }),
      "InvalidLookupAttributesException",
    );
    await expectAwsError(
      lookup({ LookupAttributes: [{ AttributeKey: "Region", AttributeValue: "x" }] }),
      "InvalidLookupAttributesException",
    );
    await expectAwsError(
      lookup({ StartTime: DEMO_NOW, EndTime: new Date(DEMO_NOW.getTime() - DAY) }),
      "InvalidTimeRangeException",
    );
    await expectAwsError(lookup({ NextToken: "not-a-token" }), "InvalidNextTokenException");
    await expectAwsError(lookup({ EventCategory: "management" }), "InvalidEventCategoryException");
  });

  it('is limited to 2 calls per second per account and region under the "aws" preset (ThrottlingException)', async () => {
    const time = fakeTime(DEMO_NOW.getTime());
    const sandbox = createSandbox(estate, {
      clock: time.clock,
      sleep: time.sleep,
      faults: { rateLimits: "aws" },
    });
    const call = callerFor(sandbox, "demo-dev");
    const lookup = (region = "us-east-1") => call("cloudtrail", "LookupEvents", { MaxResults: 5 }, region);
    await lookup();
    await lookup();
    await expectAwsError(lookup(), "ThrottlingException", 400);
    // Another region has its own bucket; another API of CloudTrail is not affected.
    await expect(lookup("us-west-2")).resolves.toBeDefined();
    await expect(call("cloudtrail", "DescribeTrails", {})).resolves.toBeDefined();
    time.advance(500);
    await lookup();
    await expectAwsError(lookup(), "ThrottlingException");
  });
});
