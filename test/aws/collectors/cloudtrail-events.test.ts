/**
 * The CloudTrail events collector against the sandbox: LookupEvents pages → ChangeEventRecord,
 * the principal of each identity type, the console sign-in's MFA and outcome, the error of a
 * failed call — and only the request parameters the detections read.
 */
import { describe, expect, it } from "vitest";
import { collectChangeEvents } from "../../../src/aws/collectors/cloudtrail-events.js";
import { buildDemoEstate, DEMO_ACCOUNTS, DEMO_NOW } from "../../../src/aws/sandbox/demo.js";
import { makeSandboxFactory } from "../../_helpers/sandbox-factory.js";

const DEV = DEMO_ACCOUNTS.development;
const DAY = 86_400_000;

describe("collectChangeEvents", () => {
  it("reads every write event of the window, page by page, with its principal and outcome", async () => {
    const estate = buildDemoEstate();
    const events = estate.accounts.find((a) => a.id === DEV)!.regions["us-east-1"]!.events;
    events.push({
      eventId: "5ec2e700-0000-4000-8000-000000000001",
      eventTime: new Date(DEMO_NOW.getTime() - 3_600_000).toISOString(),
      eventName: "UpdateFunctionConfiguration20150331v2",
      eventSource: "lambda.amazonaws.com",
      username: "priya.sharma",
      principalArn: `arn:aws:iam::${DEV}:user/priya.sharma`,
      sourceIp: "198.51.100.31",
      userAgent: "aws-cli/2",
      readOnly: false,
      resources: [{ type: "AWS::Lambda::Function", name: "dev-fn" }],
      requestParameters: { functionName: "dev-fn", environment: { variables: { DB_PASSWORD: "hunter2" } } },
    });
    const { factory } = makeSandboxFactory({ estate });
    const pages: number[] = [];
    const collected = await collectChangeEvents(
      factory,
      { account: DEV, region: "us-east-1" },
      {
        startTime: new Date(DEMO_NOW.getTime() - 8 * DAY),
        endTime: DEMO_NOW,
        includeReads: false,
        onPage: (n) => pages.push(n),
      },
    );
    const expected = events.filter(
      (e) => !e.readOnly && Date.parse(e.eventTime) >= DEMO_NOW.getTime() - 8 * DAY,
    );
    expect(collected.events).toHaveLength(expected.length);
    expect(collected.pages).toBe(Math.ceil(expected.length / 50));
    expect(pages.reduce((a, b) => a + b, 0)).toBe(expected.length);

    const login = collected.events.find((e) => e.eventName === "ConsoleLogin");
    expect(login).toMatchObject({
      principal: { type: "iam-user", name: "jdoe", id: `arn:aws:iam::${DEV}:user/jdoe` },
      isMfaUsed: false,
      consoleLogin: "Success",
      sourceIp: "198.51.100.23",
      account: DEV,
      region: "us-east-1",
      isReadOnly: false,
    });
    const ingress = collected.events.find(
      (e) => e.eventName === "AuthorizeSecurityGroupIngress" && e.principal.name === "jdoe",
    );
    expect(ingress?.requestParameters).toMatchObject({
      groupId: expect.any(String),
      ipPermissions: expect.any(Object),
    });

    // Only the parameters the detections read are kept: no secret reaches a journal or report.
    const update = collected.events.find((e) => e.eventId === "5ec2e700-0000-4000-8000-000000000001");
    expect(update).toBeDefined();
    expect(update?.requestParameters).toBeUndefined();
    expect(JSON.stringify(collected.events)).not.toContain("hunter2");
  });

  it("names assumed-role sessions by role and session, AWS services by service, with reads when asked", async () => {
    const { factory } = makeSandboxFactory({ profile: "demo-sandbox" });
    const { events } = await collectChangeEvents(
      factory,
      { account: DEMO_ACCOUNTS.sandbox, region: "us-east-1" },
      { startTime: new Date(DEMO_NOW.getTime() - 2 * DAY), endTime: DEMO_NOW, includeReads: true },
    );
    const stop = events.find((e) => e.eventName === "StopLogging");
    expect(stop?.principal).toEqual({
      type: "assumed-role",
      id: `arn:aws:sts::${DEMO_ACCOUNTS.sandbox}:assumed-role/PlatformEngineer/sam.lee`,
      name: "PlatformEngineer/sam.lee",
      roleArn: `arn:aws:iam::${DEMO_ACCOUNTS.sandbox}:role/PlatformEngineer`,
    });
    const service = events.find((e) => e.principal.type === "aws-service");
    expect(service?.principal).toEqual({
      type: "aws-service",
      id: "lambda.amazonaws.com",
      name: "lambda.amazonaws.com",
    });
    expect(service?.isReadOnly).toBe(true);
  });
});
