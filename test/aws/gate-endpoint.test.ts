/**
 * The gate under a client pointed at a real HTTP endpoint (as with moto or LocalStack via
 * AWS_ENDPOINT_URL): mutating and sensitive calls never reach the transport, and the refusal
 * says why; reads do reach it. The endpoint is a loopback server that counts requests.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as ec2 from "@aws-sdk/client-ec2";
import * as iam from "@aws-sdk/client-iam";
import * as lambda from "@aws-sdk/client-lambda";
import * as rds from "@aws-sdk/client-rds";
import * as s3 from "@aws-sdk/client-s3";
import * as sts from "@aws-sdk/client-sts";
import { createClientFactory, type ClientFactory } from "../../src/aws/clients.js";
import { AuditLog } from "../../src/aws/audit-log/writer.js";
import { RefusedError } from "../../src/core/errors.js";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETKEY";
const TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKENzzz";
const KEY_ID = "AKIAZZZZEXAMPLEKEYID";

let server: Server;
let endpoint: string;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push(`${req.method} ${req.url} ${body.slice(0, 80)}`);
      res.writeHead(200, { "content-type": "text/xml", "x-amzn-requestid": "loopback-1" });
      res.end(
        '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>loopback-1</requestId><reservationSet/></DescribeInstancesResponse>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function makeFactory(auditFile: string, transport: { endpointUrl?: string }): ClientFactory {
  return createClientFactory({
    profile: "integration",
    defaultRegion: "us-east-1",
    transport: {
      kind: "aws",
      ...transport,
      credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET, sessionToken: TOKEN },
    },
    audit: new AuditLog(auditFile),
    account: "123456789012",
    who: { osUser: "tester", callerArn: "arn:aws:sts::123456789012:assumed-role/Ops/tester" },
    policy: {
      profile: "integration",
      permissions: "read-write",
      allowsDirectExecution: true,
      declaredSensitiveReads: [],
    },
    maxAttempts: 1,
  });
}

type Send = (f: ClientFactory) => Promise<unknown>;

const MUTATIONS: Array<[string, Send]> = [
  [
    "ec2:TerminateInstances",
    async (f) =>
      (await f.ec2()).send(new ec2.TerminateInstancesCommand({ InstanceIds: ["i-0123456789abcdef0"] })),
  ],
  [
    "ec2:RunInstances",
    async (f) =>
      (await f.ec2()).send(
        new ec2.RunInstancesCommand({ ImageId: "ami-12345678", MinCount: 1, MaxCount: 1 }),
      ),
  ],
  [
    "ec2:CreateTags",
    async (f) =>
      (await f.ec2()).send(
        new ec2.CreateTagsCommand({ Resources: ["i-1"], Tags: [{ Key: "Owner", Value: "x" }] }),
      ),
  ],
  ["ec2:DeleteVolume", async (f) => (await f.ec2()).send(new ec2.DeleteVolumeCommand({ VolumeId: "vol-1" }))],
  [
    "ec2:AuthorizeSecurityGroupIngress",
    async (f) => (await f.ec2()).send(new ec2.AuthorizeSecurityGroupIngressCommand({ GroupId: "sg-1" })),
  ],
  [
    "s3:DeleteBucket",
    async (f) => (await f.s3()).send(new s3.DeleteBucketCommand({ Bucket: "northwind-logs" })),
  ],
  [
    "s3:PutBucketPolicy",
    async (f) =>
      (await f.s3()).send(new s3.PutBucketPolicyCommand({ Bucket: "northwind-logs", Policy: "{}" })),
  ],
  [
    "s3:PutObject",
    async (f) =>
      (await f.s3()).send(new s3.PutObjectCommand({ Bucket: "northwind-logs", Key: "k", Body: "x" })),
  ],
  [
    "rds:DeleteDBInstance",
    async (f) => (await f.rds()).send(new rds.DeleteDBInstanceCommand({ DBInstanceIdentifier: "db1" })),
  ],
  [
    "lambda:DeleteFunction",
    async (f) => (await f.lambda()).send(new lambda.DeleteFunctionCommand({ FunctionName: "fn" })),
  ],
  [
    "lambda:InvokeFunction",
    async (f) => (await f.lambda()).send(new lambda.InvokeCommand({ FunctionName: "fn" })),
  ],
  ["iam:CreateUser", async (f) => (await f.iam()).send(new iam.CreateUserCommand({ UserName: "mallory" }))],
  [
    "iam:AttachUserPolicy",
    async (f) =>
      (await f.iam()).send(
        new iam.AttachUserPolicyCommand({
          UserName: "u",
          PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        }),
      ),
  ],
  [
    "sts:AssumeRole",
    async (f) =>
      (await f.sts()).send(
        new sts.AssumeRoleCommand({
          RoleArn: "arn:aws:iam::123456789012:role/Admin",
          RoleSessionName: "s",
        }),
      ),
  ],
];

const SENSITIVE_READS: Array<[string, Send]> = [
  [
    "ec2:GetPasswordData",
    async (f) => (await f.ec2()).send(new ec2.GetPasswordDataCommand({ InstanceId: "i-1" })),
  ],
  [
    "s3:GetObject",
    async (f) =>
      (await f.s3()).send(new s3.GetObjectCommand({ Bucket: "northwind-logs", Key: "secrets.env" })),
  ],
  [
    "lambda:GetFunction",
    async (f) => (await f.lambda()).send(new lambda.GetFunctionCommand({ FunctionName: "fn" })),
  ],
  ["sts:GetSessionToken", async (f) => (await f.sts()).send(new sts.GetSessionTokenCommand({}))],
];

describe.sequential("the gate in front of a real HTTP endpoint", () => {
  test.each([...MUTATIONS, ...SENSITIVE_READS])(
    "%s is refused before anything reaches the endpoint, and the refusal says why",
    async (action, send) => {
      const auditFile = join(mkdtempSync(join(tmpdir(), "cw-gate-")), "audit.jsonl");
      const before = received.length;
      const error = await send(makeFactory(auditFile, { endpointUrl: endpoint })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RefusedError);
      const refused = error as RefusedError;
      expect(refused.action).toBe(action);
      expect(refused.message).toContain(action);
      expect(refused.message).toMatch(/never mutates outside an approved plan step|returns secrets/);
      expect(refused.hint).toMatch(/approve/);
      expect(received.length).toBe(before);
      const record = JSON.parse(readFileSync(auditFile, "utf8").trim());
      expect(record).toMatchObject({ action, outcome: "refused" });
    },
  );

  test("a read goes through to the endpoint (so the refusals above are the gate's doing)", async () => {
    const auditFile = join(mkdtempSync(join(tmpdir(), "cw-gate-")), "audit.jsonl");
    const before = received.length;
    const client = await makeFactory(auditFile, { endpointUrl: endpoint }).ec2();
    const out = await client.send(new ec2.DescribeInstancesCommand({}));
    expect(out.Reservations).toEqual([]);
    expect(received.length).toBe(before + 1);
    expect(received.at(-1)).toContain("Action=DescribeInstances");
    const record = JSON.parse(readFileSync(auditFile, "utf8").trim());
    expect(record).toMatchObject({
      action: "ec2:DescribeInstances",
      outcome: "ok",
      requestId: "loopback-1",
      transport: "aws",
    });
  });

  test("AWS_ENDPOINT_URL is honoured, and mutations still never reach it", async () => {
    const auditFile = join(mkdtempSync(join(tmpdir(), "cw-gate-")), "audit.jsonl");
    const saved = process.env["AWS_ENDPOINT_URL"];
    process.env["AWS_ENDPOINT_URL"] = endpoint;
    try {
      const factory = makeFactory(auditFile, {});
      const before = received.length;
      await expect(
        (await factory.ec2()).send(new ec2.TerminateInstancesCommand({ InstanceIds: ["i-1"] })),
      ).rejects.toBeInstanceOf(RefusedError);
      expect(received.length).toBe(before);
      await (await factory.ec2()).send(new ec2.DescribeInstancesCommand({}));
      expect(received.length).toBe(before + 1);
    } finally {
      if (saved === undefined) delete process.env["AWS_ENDPOINT_URL"];
      else process.env["AWS_ENDPOINT_URL"] = saved;
    }
  });

  test("no credential or session token ever lands in the audit log", async () => {
    const auditFile = join(mkdtempSync(join(tmpdir(), "cw-gate-")), "audit.jsonl");
    const factory = makeFactory(auditFile, { endpointUrl: endpoint });
    await (await factory.ec2()).send(new ec2.DescribeInstancesCommand({}));
    for (const [, send] of [...MUTATIONS, ...SENSITIVE_READS]) await send(factory).catch(() => undefined);
    const log = readFileSync(auditFile, "utf8");
    expect(log.split("\n").filter(Boolean).length).toBe(1 + MUTATIONS.length + SENSITIVE_READS.length);
    for (const secret of [SECRET, TOKEN, KEY_ID]) expect(log).not.toContain(secret);
  });
});
