/**
 * S3 Control: the account-level public access block, in the sandbox (transport and SDK through
 * the client factory) and against a custom endpoint (the account id host prefix).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as iam from "@aws-sdk/client-iam";
import * as s3control from "@aws-sdk/client-s3-control";
import { MemoryAuditSink } from "../../../src/aws/audit-log/writer.js";
import { createClientFactory } from "../../../src/aws/clients.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { freePort, hasMoto, waitForServer } from "../../_helpers/moto.js";
import { makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { callerFor, expectAwsError, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();

function factoryFor(endpoint: string, permissions: "read-only" | "read-write") {
  return createClientFactory({
    profile: "integration",
    defaultRegion: "us-east-1",
    transport: {
      kind: "aws",
      endpointUrl: endpoint,
      credentials: { accessKeyId: "AKIAZZZZEXAMPLEKEYID", secretAccessKey: "not-a-real-secret" },
    },
    audit: new MemoryAuditSink(),
    account: "123456789012",
    who: { osUser: "tester", callerArn: undefined },
    policy: {
      profile: "integration",
      permissions,
      allowsDirectExecution: permissions === "read-write",
      declaredSensitiveReads: [],
    },
    maxAttempts: 1,
  });
}

describe("S3 Control GetPublicAccessBlock (sandbox transport)", () => {
  it("answers the account's block, NoSuchPublicAccessBlockConfiguration (404) when none, AccessDenied for another account", async () => {
    const sandbox = sandboxOf(estate);
    const prod = callerFor(sandbox, "demo-prod");
    expect(await prod("s3control", "GetPublicAccessBlock", { AccountId: "555555555555" })).toEqual({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      },
    });
    expect(
      await callerFor(sandbox, "demo-dev")("s3control", "GetPublicAccessBlock", {
        AccountId: "333333333333",
      }),
    ).toEqual({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    const sbx = callerFor(sandbox, "demo-sandbox");
    await expectAwsError(
      sbx("s3control", "GetPublicAccessBlock", { AccountId: "222222222222" }),
      "NoSuchPublicAccessBlockConfiguration",
      404,
    );
    await expectAwsError(
      prod("s3control", "GetPublicAccessBlock", { AccountId: "222222222222" }),
      "AccessDenied",
      403,
    );
  });

  it("PutPublicAccessBlock and DeletePublicAccessBlock change what it answers", async () => {
    const sandbox = sandboxOf(estate);
    const sbx = callerFor(sandbox, "demo-sandbox");
    const all = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    };
    await sbx("s3control", "PutPublicAccessBlock", {
      AccountId: "222222222222",
      PublicAccessBlockConfiguration: all,
    });
    expect(await sbx("s3control", "GetPublicAccessBlock", { AccountId: "222222222222" })).toEqual({
      PublicAccessBlockConfiguration: all,
    });
    await sbx("s3control", "DeletePublicAccessBlock", { AccountId: "222222222222" });
    await expectAwsError(
      sbx("s3control", "GetPublicAccessBlock", { AccountId: "222222222222" }),
      "NoSuchPublicAccessBlockConfiguration",
      404,
    );
  });
});

describe("S3 Control and IAM audit reads through the client factory (sandbox)", () => {
  it("GetPublicAccessBlock is the read s3:GetAccountPublicAccessBlock, and errors are the SDK's classes", async () => {
    const { factory, audit } = makeSandboxFactory({ profile: "demo-prod" });
    const out = await (
      await factory.s3control("us-east-1")
    ).send(new s3control.GetPublicAccessBlockCommand({ AccountId: "555555555555" }));
    expect(out.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicPolicy: false });
    expect(audit.records.at(-1)).toMatchObject({
      action: "s3:GetAccountPublicAccessBlock",
      class: "discovery",
      outcome: "ok",
    });
    const { factory: sbx } = makeSandboxFactory({ profile: "demo-sandbox" });
    const error = await (
      await sbx.s3control("us-east-1")
    )
      .send(new s3control.GetPublicAccessBlockCommand({ AccountId: "222222222222" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(s3control.S3ControlServiceException);
    expect((error as Error).name).toBe("NoSuchPublicAccessBlockConfiguration");
  });

  it("the credential report errors reach callers as the SDK's modelled classes", async () => {
    const { factory } = makeSandboxFactory({ profile: "demo-dev" });
    const error = await (
      await factory.iam()
    )
      .send(new iam.GetCredentialReportCommand({}))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(iam.CredentialReportNotPresentException);
    await (await factory.iam()).send(new iam.GenerateCredentialReportCommand({}));
    const report = await (await factory.iam()).send(new iam.GetCredentialReportCommand({}));
    expect(new TextDecoder().decode(report.Content).split("\n")[1]).toMatch(/^<root_account>,/);
  });
});

describe("S3 Control against a custom endpoint (AWS_ENDPOINT_URL, moto, LocalStack)", () => {
  let server: Server;
  let endpoint: string;
  const seen: { url: string | undefined; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url, headers: req.headers });
      res.writeHead(200, { "content-type": "application/xml", "x-amz-request-id": "loopback-1" });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets></PublicAccessBlockConfiguration>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("sends to the endpoint itself (no account id host prefix), the account id in x-amz-account-id", async () => {
    const factory = factoryFor(endpoint, "read-only");
    const out = await (
      await factory.s3control("us-east-1")
    ).send(new s3control.GetPublicAccessBlockCommand({ AccountId: "123456789012" }));
    expect(out.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: false,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe("/v20180820/configuration/publicAccessBlock");
    expect(seen[0]?.headers.host).toBe(endpoint.replace("http://", ""));
    expect(seen[0]?.headers["x-amz-account-id"]).toBe("123456789012");
    factory.destroy();
  });
});

describe.skipIf(!hasMoto)("S3 Control against moto (a real AWS API endpoint)", () => {
  let moto: ChildProcess | undefined;
  let endpoint = "";

  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
    await waitForServer(endpoint);
  }, 30_000);

  afterAll(() => {
    moto?.kill();
  });

  it("answers NoSuchPublicAccessBlockConfiguration, then the block put there (the gate refuses to put it)", async () => {
    const factory = factoryFor(endpoint, "read-write");
    const control = await factory.s3control("us-east-1");
    const missing = await control
      .send(new s3control.GetPublicAccessBlockCommand({ AccountId: "123456789012" }))
      .catch((e: unknown) => e);
    expect((missing as Error).name).toBe("NoSuchPublicAccessBlockConfiguration");
    const block = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    };
    const refused = await control
      .send(
        new s3control.PutPublicAccessBlockCommand({
          AccountId: "123456789012",
          PublicAccessBlockConfiguration: block,
        }),
      )
      .catch((e: unknown) => e);
    expect((refused as Error).message).toMatch(/refused s3:PutAccountPublicAccessBlock/);
    // Put it straight to moto, as the account's administrator would.
    const put = await fetch(`${endpoint}/v20180820/configuration/publicAccessBlock`, {
      method: "PUT",
      headers: {
        "x-amz-account-id": "123456789012",
        "content-type": "application/xml",
        // moto routes by the credential scope's service (S3 Control signs as s3).
        authorization:
          "AWS4-HMAC-SHA256 Credential=AKIAZZZZEXAMPLEKEYID/20261101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0",
      },
      body: `<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`,
    });
    expect(put.ok).toBe(true);
    const out = await control.send(new s3control.GetPublicAccessBlockCommand({ AccountId: "123456789012" }));
    expect(out.PublicAccessBlockConfiguration).toEqual(block);
    factory.destroy();
  });
});
