/**
 * Amazon's public Amazon Linux images and the SSM public parameters naming the latest ones:
 * DescribeImages (Owners amazon, ImageIds, name filters, ExecutableUsers), RunInstances, and
 * ssm:GetParameter/GetParameters, in the transport and through the client factory's SDK clients.
 */
import type { Image } from "@aws-sdk/client-ec2";
import * as ssm from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { AMAZON_LINUX_PARAMETERS, AMAZON_OWNER_ID } from "../../../src/aws/sandbox/public-images.js";
import { makeSandboxFactory } from "../../_helpers/sandbox-factory.js";
import { callerFor, expectAwsError, sandboxOf } from "./_helpers.js";

const estate = buildDemoEstate();
const X86 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
const ARM = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

describe("Amazon's public images (DescribeImages)", () => {
  it("are owned by amazon, public, visible to every account, with ids per region", async () => {
    const sandbox = sandboxOf(estate);
    const prod = callerFor(sandbox, "demo-prod");
    const dev = callerFor(sandbox, "demo-dev");
    const east = (await prod("ec2", "DescribeImages", { Owners: ["amazon"] })).Images as Image[];
    expect(east.length).toBeGreaterThanOrEqual(4);
    expect(east.every((i) => i.OwnerId === AMAZON_OWNER_ID && i.ImageOwnerAlias === "amazon")).toBe(true);
    expect(east.every((i) => i.Public === true && i.State === "available")).toBe(true);
    expect(east.map((i) => i.Name)).toContain("al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64");
    expect(east.map((i) => i.Name)).toContain("al2023-ami-2023.6.20241212.0-kernel-6.1-arm64");
    expect(east[0]).toMatchObject({
      ImageId: expect.stringMatching(/^ami-[0-9a-f]{17}$/),
      ImageLocation: `amazon/${east[0]?.Name}`,
      RootDeviceName: "/dev/xvda",
      BlockDeviceMappings: [{ Ebs: { SnapshotId: expect.stringMatching(/^snap-/), Encrypted: false } }],
    });
    const byOwnerId = (await dev("ec2", "DescribeImages", { Owners: [AMAZON_OWNER_ID] })).Images as Image[];
    expect(byOwnerId.map((i) => i.ImageId)).toEqual(east.map((i) => i.ImageId));
    const west = (await prod("ec2", "DescribeImages", { Owners: ["amazon"] }, "us-west-2")).Images as Image[];
    expect(west.map((i) => i.Name)).toEqual(east.map((i) => i.Name));
    expect(west.map((i) => i.ImageId).filter((id) => east.some((e) => e.ImageId === id))).toEqual([]);
  });

  it("answer ImageIds, name filters and ExecutableUsers all, and are not the account's own", async () => {
    const call = callerFor(sandboxOf(estate), "demo-prod");
    const arm = await call("ec2", "DescribeImages", {
      Owners: ["amazon"],
      Filters: [
        { Name: "name", Values: ["al2023-ami-2023.*-kernel-6.1-arm64"] },
        { Name: "architecture", Values: ["arm64"] },
      ],
    });
    const names = (arm.Images as Image[]).map((i) => i.Name).sort();
    expect(names).toEqual([
      "al2023-ami-2023.6.20241121.0-kernel-6.1-arm64",
      "al2023-ami-2023.6.20241212.0-kernel-6.1-arm64",
    ]);
    const id = (arm.Images as Image[])[0]?.ImageId;
    const byId = await call("ec2", "DescribeImages", { ImageIds: [id] });
    expect((byId.Images as Image[]).map((i) => i.ImageId)).toEqual([id]);
    const shared = await call("ec2", "DescribeImages", { ExecutableUsers: ["all"], Owners: ["amazon"] });
    expect((shared.Images as Image[]).length).toBeGreaterThanOrEqual(4);
    expect((await call("ec2", "DescribeImages", { ExecutableUsers: ["self"] })).Images).toEqual([]);
    const own = (await call("ec2", "DescribeImages", { Owners: ["self"], MaxResults: 1000 }))
      .Images as Image[];
    const prodEast = estate.accounts.find((a) => a.id === "555555555555")?.regions["us-east-1"];
    expect(own.map((i) => i.ImageId).sort()).toEqual(prodEast?.images.map((i) => i.id).sort());
    expect(own.some((i) => i.OwnerId === AMAZON_OWNER_ID)).toBe(false);
    const ownerAlias = await call("ec2", "DescribeImages", {
      Filters: [{ Name: "owner-alias", Values: ["amazon"] }],
      MaxResults: 1000,
    });
    expect((ownerAlias.Images as Image[]).every((i) => i.OwnerId === AMAZON_OWNER_ID)).toBe(true);
  });

  it("are accepted by RunInstances", async () => {
    const sandbox = sandboxOf(estate);
    const call = callerFor(sandbox, "demo-dev");
    const { Parameter } = await call("ssm", "GetParameter", { Name: X86 });
    const imageId = (Parameter as { Value: string }).Value;
    const subnet = estate.accounts.find((a) => a.id === "333333333333")?.regions["us-east-1"]?.subnets[0];
    const out = await call("ec2", "RunInstances", {
      ImageId: imageId,
      InstanceType: "t3.micro",
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnet?.id,
    });
    expect(out.Instances).toMatchObject([{ ImageId: imageId, State: { Name: "pending" } }]);
  });
});

describe("SSM GetParameter / GetParameters (public Amazon Linux parameters)", () => {
  it("answers the region's latest image id with AWS's parameter shape", async () => {
    const call = callerFor(sandboxOf(estate), "demo-dev");
    const out = await call("ssm", "GetParameter", { Name: X86 });
    expect(out.Parameter).toEqual({
      Name: X86,
      Type: "String",
      Value: expect.stringMatching(/^ami-[0-9a-f]{17}$/),
      Version: expect.any(Number),
      LastModifiedDate: expect.any(Date),
      ARN: `arn:aws:ssm:us-east-1::parameter${X86}`,
      DataType: "aws:ec2:image",
    });
    const value = (out.Parameter as { Value: string }).Value;
    const images = (await call("ec2", "DescribeImages", { ImageIds: [value] })).Images as Image[];
    expect(images[0]).toMatchObject({
      Name: "al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64",
      Architecture: "x86_64",
    });
    const arm = (await call("ssm", "GetParameter", { Name: ARM })).Parameter as { Value: string };
    const armImage = (await call("ec2", "DescribeImages", { ImageIds: [arm.Value] })).Images as Image[];
    expect(armImage[0]?.Architecture).toBe("arm64");
    const west = (await call("ssm", "GetParameter", { Name: X86 }, "us-west-2")).Parameter as {
      Value: string;
    };
    expect(west.Value).not.toBe(value);
    const byArn = await call("ssm", "GetParameter", { Name: `arn:aws:ssm:us-east-1::parameter${X86}` });
    expect(byArn.Parameter).toMatchObject({ Name: X86, Value: value });
    for (const name of AMAZON_LINUX_PARAMETERS) {
      await expect(call("ssm", "GetParameter", { Name: name })).resolves.toHaveProperty(
        "Parameter.Name",
        name,
      );
    }
  });

  it("answers ParameterNotFound for unknown names, and ValidationException for bad requests", async () => {
    const call = callerFor(sandboxOf(estate), "demo-dev");
    await expectAwsError(
      call("ssm", "GetParameter", { Name: "/aws/service/ami-amazon-linux-latest/no-such-image" }),
      "ParameterNotFound",
      400,
    );
    await expectAwsError(call("ssm", "GetParameter", { Name: "/my/own/param" }), "ParameterNotFound");
    await expectAwsError(call("ssm", "GetParameter", {}), "ValidationException");
    await expectAwsError(call("ssm", "GetParameter", { Name: "" }), "ValidationException");
    await expectAwsError(call("ssm", "GetParameters", { Names: [] }), "ValidationException");
    await expectAwsError(
      call("ssm", "GetParameters", { Names: Array.from({ length: 11 }, (_, i) => `/p${i}`) }),
      "ValidationException",
    );
    const many = await call("ssm", "GetParameters", { Names: [X86, ARM, "/nope", X86] });
    expect((many.Parameters as { Name: string }[]).map((p) => p.Name)).toEqual([X86, ARM]);
    expect(many.InvalidParameters).toEqual(["/nope"]);
  });

  it("goes through the client factory as a read (ParameterNotFound is the SDK's own exception)", async () => {
    const { factory, audit } = makeSandboxFactory();
    const client = await factory.ssm("us-east-1");
    const out = await client.send(new ssm.GetParameterCommand({ Name: X86 }));
    expect(out.Parameter?.Value).toMatch(/^ami-/);
    expect(audit.records.at(-1)).toMatchObject({ action: "ssm:GetParameter", outcome: "ok" });
    const error = await client.send(new ssm.GetParameterCommand({ Name: "/nope" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ssm.ParameterNotFound);
  });
});
