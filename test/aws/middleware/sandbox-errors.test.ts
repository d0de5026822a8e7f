/** Sandbox answers reach callers as the SDK's own exception classes, with AWS's names. */
import { describe, expect, test } from "vitest";
import { DescribeVolumesCommand, EC2ServiceException } from "@aws-sdk/client-ec2";
import {
  DBInstanceNotFoundFault,
  DBSnapshotNotFoundFault,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
} from "@aws-sdk/client-rds";
import { GetBucketTaggingCommand, NoSuchBucket } from "@aws-sdk/client-s3";
import { makeSandboxFactory } from "../../_helpers/sandbox-factory.js";

describe("sandbox errors through the factory", () => {
  test("EC2 errors keep AWS's dotted names on the service's base exception", async () => {
    const { factory } = makeSandboxFactory();
    const error = await (
      await factory.ec2("us-east-1")
    )
      .send(new DescribeVolumesCommand({ VolumeIds: ["vol-0000000000000dead"] }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EC2ServiceException);
    expect((error as Error).name).toBe("InvalidVolume.NotFound");
    expect((error as EC2ServiceException).$metadata.httpStatusCode).toBe(400);
  });

  test("RDS's wire code becomes the SDK's modelled fault class", async () => {
    const { factory } = makeSandboxFactory();
    const error = await (
      await factory.rds("us-east-1")
    )
      .send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: "no-such-db" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DBInstanceNotFoundFault);
  });

  test("RDS DBSnapshotNotFound becomes DBSnapshotNotFoundFault", async () => {
    const { factory } = makeSandboxFactory();
    const error = await (
      await factory.rds("us-east-1")
    )
      .send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: "no-such-snapshot" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DBSnapshotNotFoundFault);
    expect((error as DBSnapshotNotFoundFault).$metadata.httpStatusCode).toBe(404);
  });

  test("S3's modelled errors are their own classes", async () => {
    const { factory } = makeSandboxFactory();
    const error = await (
      await factory.s3("us-east-1")
    )
      .send(new GetBucketTaggingCommand({ Bucket: "no-such-bucket-anywhere" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoSuchBucket);
    expect((error as Error).name).toBe("NoSuchBucket");
  });
});
