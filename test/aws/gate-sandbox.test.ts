/**
 * The gate under clients the factory plugs into the sandbox: no mutating or sensitive call
 * reaches the sandbox (its call log stays empty and the estate is unchanged), whatever the
 * profile's permissions, and each refusal says why and what to do instead.
 */
import { describe, expect, test } from "vitest";
import * as ec2 from "@aws-sdk/client-ec2";
import * as iam from "@aws-sdk/client-iam";
import * as lambda from "@aws-sdk/client-lambda";
import * as rds from "@aws-sdk/client-rds";
import * as s3 from "@aws-sdk/client-s3";
import * as sts from "@aws-sdk/client-sts";
import { MemoryAuditSink } from "../../src/aws/audit-log/writer.js";
import { createClientFactory, type ClientFactory } from "../../src/aws/clients.js";
import { buildDemoEstate } from "../../src/aws/sandbox/demo.js";
import { saveEstate } from "../../src/aws/sandbox/estate.js";
import { createSandbox } from "../../src/aws/sandbox/transport.js";
import { RefusedError } from "../../src/core/errors.js";
import type { GatePolicy } from "../../src/core/safety/gate.js";

const DEV = "333333333333";

function setup(policy: Partial<GatePolicy> = {}) {
  const estate = buildDemoEstate();
  const sandbox = createSandbox(estate, { sleep: async () => undefined });
  const audit = new MemoryAuditSink();
  const factory = createClientFactory({
    profile: "demo-dev",
    defaultRegion: "us-east-1",
    transport: { kind: "sandbox", sandbox },
    audit,
    who: { osUser: "tester", callerArn: undefined },
    policy: {
      profile: "demo-dev",
      permissions: "read-write",
      allowsDirectExecution: true,
      declaredSensitiveReads: [],
      ...policy,
    },
  });
  const volume = estate.accounts.find((a) => a.id === DEV)!.regions["us-east-1"]!.volumes[0]!;
  return { sandbox, audit, factory, volumeId: volume.id, before: saveEstate(sandbox.estate) };
}

type Send = (f: ClientFactory, ids: { volumeId: string }) => Promise<unknown>;

const REFUSED: Array<[string, Send]> = [
  [
    "ec2:DeleteVolume",
    async (f, { volumeId }) => (await f.ec2()).send(new ec2.DeleteVolumeCommand({ VolumeId: volumeId })),
  ],
  [
    "ec2:TerminateInstances",
    async (f) =>
      (await f.ec2()).send(new ec2.TerminateInstancesCommand({ InstanceIds: ["i-0bad0000000000002"] })),
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
    async (f, { volumeId }) =>
      (await f.ec2()).send(
        new ec2.CreateTagsCommand({ Resources: [volumeId], Tags: [{ Key: "Owner", Value: "x" }] }),
      ),
  ],
  [
    "ec2:DeleteTags",
    async (f, { volumeId }) => (await f.ec2()).send(new ec2.DeleteTagsCommand({ Resources: [volumeId] })),
  ],
  [
    "ec2:ReleaseAddress",
    async (f) => (await f.ec2()).send(new ec2.ReleaseAddressCommand({ AllocationId: "eipalloc-1" })),
  ],
  [
    "ec2:AuthorizeSecurityGroupIngress",
    async (f) =>
      (await f.ec2()).send(
        new ec2.AuthorizeSecurityGroupIngressCommand({
          GroupId: "sg-1",
          IpProtocol: "tcp",
          FromPort: 22,
          ToPort: 22,
          CidrIp: "0.0.0.0/0",
        }),
      ),
  ],
  [
    "ec2:GetPasswordData",
    async (f) => (await f.ec2()).send(new ec2.GetPasswordDataCommand({ InstanceId: "i-0bad0000000000002" })),
  ],
  [
    "s3:DeleteBucket",
    async (f) => (await f.s3()).send(new s3.DeleteBucketCommand({ Bucket: "northwind-dev-logs" })),
  ],
  [
    "s3:GetObject",
    async (f) => (await f.s3()).send(new s3.GetObjectCommand({ Bucket: "northwind-dev-logs", Key: "x" })),
  ],
  [
    "rds:DeleteDBInstance",
    async (f) => (await f.rds()).send(new rds.DeleteDBInstanceCommand({ DBInstanceIdentifier: "db" })),
  ],
  [
    "lambda:InvokeFunction",
    async (f) => (await f.lambda()).send(new lambda.InvokeCommand({ FunctionName: "fn" })),
  ],
  [
    "iam:CreateAccessKey",
    async (f) => (await f.iam()).send(new iam.CreateAccessKeyCommand({ UserName: "alice" })),
  ],
  [
    "sts:AssumeRole",
    async (f) =>
      (await f.sts()).send(
        new sts.AssumeRoleCommand({ RoleArn: `arn:aws:iam::${DEV}:role/Admin`, RoleSessionName: "x" }),
      ),
  ],
];

describe("the gate in front of the sandbox", () => {
  test.each(REFUSED)("%s never reaches the sandbox, even for a read-write profile", async (action, send) => {
    const { sandbox, audit, factory, volumeId, before } = setup();
    const error = await send(factory, { volumeId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as RefusedError).action).toBe(action);
    expect((error as RefusedError).message).toContain(action);
    expect((error as RefusedError).hint).toMatch(/plan/);
    expect(sandbox.calls).toEqual([]);
    expect(saveEstate(sandbox.estate)).toBe(before);
    expect(audit.records).toMatchObject([{ action, outcome: "refused", transport: "sandbox" }]);
  });

  test("a read reaches the sandbox (so the refusals are the gate's doing)", async () => {
    const { sandbox, factory, volumeId } = setup();
    const out = await (await factory.ec2()).send(new ec2.DescribeVolumesCommand({ VolumeIds: [volumeId] }));
    expect(out.Volumes?.[0]?.VolumeId).toBe(volumeId);
    expect(sandbox.calls).toMatchObject([{ service: "ec2", action: "DescribeVolumes", account: DEV }]);
  });

  test("a dry run is planning: it reaches the sandbox and changes nothing", async () => {
    const { sandbox, factory, volumeId, before } = setup();
    const error = await (
      await factory.ec2()
    )
      .send(new ec2.DeleteVolumeCommand({ VolumeId: volumeId, DryRun: true }))
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(RefusedError);
    expect(sandbox.calls.length).toBeGreaterThan(0);
    expect(saveEstate(sandbox.estate)).toBe(before);
  });

  test("a sensitive read passes only when the workflow declared it", async () => {
    const { sandbox, factory } = setup({ declaredSensitiveReads: ["ec2:GetPasswordData"] });
    const error = await (
      await factory.ec2()
    )
      .send(new ec2.GetPasswordDataCommand({ InstanceId: "i-0bad0000000000002" }))
      .catch((e: unknown) => e);
    // It got past the gate: the sandbox answered (whatever it answered).
    expect(error).not.toBeInstanceOf(RefusedError);
    expect(sandbox.calls.map((c) => c.action)).toEqual(["GetPasswordData"]);
  });

  test("an authorisation for another step does not open this one", async () => {
    const { sandbox, factory: _unused, volumeId } = setup();
    const audit = new MemoryAuditSink();
    const factory = createClientFactory({
      profile: "demo-dev",
      defaultRegion: "us-east-1",
      transport: { kind: "sandbox", sandbox },
      audit,
      account: DEV,
      who: { osUser: "tester", callerArn: undefined },
      policy: {
        profile: "demo-dev",
        permissions: "read-write",
        allowsDirectExecution: true,
        declaredSensitiveReads: [],
        authorization: {
          planId: "plan-1",
          planHash: "sha256:a",
          stepId: "s1",
          action: "ec2:CreateTags",
          account: DEV,
          region: "us-east-1",
          approval: {
            planHash: "sha256:a",
            account: DEV,
            profile: "demo-dev",
            expiresAt: "2999-01-01T00:00:00Z",
          },
        },
      },
    });
    await expect(
      (await factory.ec2()).send(new ec2.DeleteVolumeCommand({ VolumeId: volumeId })),
    ).rejects.toMatchObject({
      code: "AuthorizationMismatch",
    });
    expect(sandbox.calls).toEqual([]);
  });
});
