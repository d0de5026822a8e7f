/**
 * S3 → audit records: each bucket of a region with its ACL's public grants, its policy and
 * S3's verdict on it (GetBucketPolicyStatus), its Block Public Access settings, its default
 * encryption and its versioning. "Not configured" answers (NoSuchBucketPolicy,
 * NoSuchPublicAccessBlockConfiguration, ServerSideEncryptionConfigurationNotFoundError) are
 * facts, not failures. The account's buckets are listed once (the inventory's listing).
 */
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  type PublicAccessBlockConfiguration,
} from "@aws-sdk/client-s3";
import type { BucketRecord, PublicAccessBlock } from "../../core/audit/records.js";
import type { ClientFactory } from "../clients.js";
import { s3BucketArn } from "./arn.js";
import { absentWhen, withAwsErrors } from "./aws-errors.js";
import type { CollectScope } from "./collect-scope.js";
import { mapConcurrently } from "./pages.js";
import type { BucketLocation } from "./s3.js";
import { tagMap } from "./tags.js";

const GROUP_URI = "http://acs.amazonaws.com/groups/global/";
/** Buckets read at once in a region (each with its seven reads in parallel). */
const BUCKETS_IN_FLIGHT = 8;

export async function collectBucketRecords(
  factory: ClientFactory,
  scope: CollectScope,
  buckets: readonly BucketLocation[],
): Promise<BucketRecord[]> {
  const client = await factory.s3(scope.region);
  const site = (action: string) => ({ service: "s3", action, account: scope.account, region: scope.region });
  const inRegion = buckets.filter((b) => b.region === scope.region);
  // S3 serves thousands of requests per second per bucket: the per-bucket reads need no pacing.
  const records = await mapConcurrently(inRegion, BUCKETS_IN_FLIGHT, async (bucket) => {
    const Bucket = bucket.name;
    // Independent reads: all at once, so a bucket costs one round trip, not seven.
    const [tagging, acl, policy, policyStatus, block, encryption, versioning] = await Promise.all([
      absentWhen(["NoSuchTagSet", "NoSuchBucket"], site("s3:GetBucketTagging"), () =>
        client.send(new GetBucketTaggingCommand({ Bucket })),
      ),
      withAwsErrors(site("s3:GetBucketAcl"), () => client.send(new GetBucketAclCommand({ Bucket }))),
      absentWhen(["NoSuchBucketPolicy"], site("s3:GetBucketPolicy"), () =>
        client.send(new GetBucketPolicyCommand({ Bucket })),
      ),
      absentWhen(["NoSuchBucketPolicy"], site("s3:GetBucketPolicyStatus"), () =>
        client.send(new GetBucketPolicyStatusCommand({ Bucket })),
      ),
      absentWhen(["NoSuchPublicAccessBlockConfiguration"], site("s3:GetBucketPublicAccessBlock"), () =>
        client.send(new GetPublicAccessBlockCommand({ Bucket })),
      ),
      absentWhen(
        ["ServerSideEncryptionConfigurationNotFoundError"],
        site("s3:GetEncryptionConfiguration"),
        () => client.send(new GetBucketEncryptionCommand({ Bucket })),
      ),
      withAwsErrors(site("s3:GetBucketVersioning"), () =>
        client.send(new GetBucketVersioningCommand({ Bucket })),
      ),
    ]);
    const record: BucketRecord = {
      kind: "bucket",
      account: scope.account,
      region: scope.region,
      id: Bucket,
      arn: bucket.arn ?? s3BucketArn(scope.region, Bucket),
      name: Bucket,
      tags: tagMap(tagging?.TagSet),
      createdAt: bucket.creationDate ?? undefined,
      publicGrants: (acl.Grants ?? []).flatMap((g) => {
        const uri = g.Grantee?.URI ?? "";
        if (!uri.startsWith(GROUP_URI)) return [];
        const group = uri.slice(GROUP_URI.length);
        return group === "AllUsers" || group === "AuthenticatedUsers"
          ? [{ grantee: group, permission: g.Permission ?? "UNKNOWN" } as const]
          : [];
      }),
      policy: policy?.Policy,
      isPolicyPublic: policyStatus?.PolicyStatus?.IsPublic,
      publicAccessBlock: publicAccessBlockOf(block?.PublicAccessBlockConfiguration),
      encryption:
        encryption?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
          ?.SSEAlgorithm,
      versioning: versioning.Status,
    };
    return record;
  });
  return records;
}

/** Block Public Access settings as AWS answers them (an unset flag is off). */
export function publicAccessBlockOf(
  c: PublicAccessBlockConfiguration | undefined,
): PublicAccessBlock | undefined {
  if (c === undefined) return undefined;
  return {
    blockPublicAcls: c.BlockPublicAcls === true,
    ignorePublicAcls: c.IgnorePublicAcls === true,
    blockPublicPolicy: c.BlockPublicPolicy === true,
    restrictPublicBuckets: c.RestrictPublicBuckets === true,
  };
}
