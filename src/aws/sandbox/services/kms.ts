/**
 * KMS: ListKeys, DescribeKey, ListAliases, ListResourceTags, GetKeyRotationStatus. Pages are
 * Limit/Marker with NextMarker and Truncated. Keys are regional: customer managed keys and the
 * AWS managed keys (`alias/aws/ebs`…) services created in the region.
 */
import type {
  DescribeKeyRequest,
  DescribeKeyResponse,
  GetKeyRotationStatusRequest,
  GetKeyRotationStatusResponse,
  KeyMetadata,
  ListAliasesRequest,
  ListAliasesResponse,
  ListKeysRequest,
  ListKeysResponse,
  ListResourceTagsRequest,
  ListResourceTagsResponse,
} from "@aws-sdk/client-kms";
import type { EstateKmsKey } from "../estate.js";
import { awsError } from "../errors.js";
import { pageFrom } from "../paging.js";
import { op, regionOf, toDate, type Handler, type ServiceContext } from "./context.js";

function keyArn(ctx: ServiceContext, k: EstateKmsKey): string {
  return `arn:aws:kms:${ctx.region}:${ctx.account.id}:key/${k.id}`;
}

function aliasArn(ctx: ServiceContext, alias: string): string {
  return `arn:aws:kms:${ctx.region}:${ctx.account.id}:${alias}`;
}

function page<T>(
  ctx: ServiceContext,
  items: readonly T[],
  input: { Limit?: number | undefined; Marker?: string | undefined },
  maxLimit: number,
): { items: T[]; Truncated: boolean; NextMarker?: string } {
  const limit = input.Limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)) {
    throw awsError(
      "ValidationException",
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value ${limit < 1 ? "greater than or equal to 1" : `less than or equal to ${maxLimit}`}`,
    );
  }
  const p = pageFrom(ctx.action, items, input.Marker, limit ?? ctx.pageSize, () =>
    awsError("InvalidMarkerException", "Invalid marker: it was not issued by a previous call."),
  );
  return p.nextToken === undefined
    ? { items: p.items, Truncated: false }
    : { items: p.items, Truncated: true, NextMarker: p.nextToken };
}

/**
 * The key a KeyId names: a key id or key ARN, and (where `aliases` is true, as for
 * DescribeKey) an alias name or alias ARN. Anything else is NotFoundException.
 */
function findKey(ctx: ServiceContext, keyId: string | undefined, aliases: boolean): EstateKmsKey {
  const id = keyId ?? "";
  const keys = regionOf(ctx).kmsKeys;
  const aliasName = id.startsWith("alias/") ? id : /^arn:aws:kms:[^:]+:\d{12}:(alias\/.+)$/.exec(id)?.[1];
  if (aliasName !== undefined) {
    const byAlias = aliases ? keys.find((k) => k.aliases.includes(aliasName)) : undefined;
    if (byAlias === undefined || (id.startsWith("arn:") && aliasArn(ctx, aliasName) !== id)) {
      throw awsError("NotFoundException", `Alias ${aliasArn(ctx, aliasName)} is not found.`);
    }
    return byAlias;
  }
  const key = keys.find((k) => k.id === id || keyArn(ctx, k) === id);
  if (key === undefined) {
    throw awsError(
      "NotFoundException",
      /^[0-9a-f-]{36}$/.test(id) || id.startsWith("arn:")
        ? `Key '${id.startsWith("arn:") ? id : `arn:aws:kms:${ctx.region}:${ctx.account.id}:key/${id}`}' does not exist`
        : `Invalid keyId '${id}'`,
    );
  }
  return key;
}

function listKeys(ctx: ServiceContext, input: ListKeysRequest): ListKeysResponse {
  const { items, ...rest } = page(ctx, regionOf(ctx).kmsKeys, input, 1000);
  return { Keys: items.map((k) => ({ KeyId: k.id, KeyArn: keyArn(ctx, k) })), ...rest };
}

function keyMetadata(ctx: ServiceContext, k: EstateKmsKey): KeyMetadata {
  return {
    AWSAccountId: ctx.account.id,
    KeyId: k.id,
    Arn: keyArn(ctx, k),
    CreationDate: toDate(k.createdAt),
    Enabled: k.state === "Enabled",
    Description: k.description,
    KeyUsage: "ENCRYPT_DECRYPT",
    KeyState: k.state,
    ...(k.deletionAt === undefined
      ? {}
      : { DeletionDate: toDate(k.deletionAt), PendingDeletionWindowInDays: 30 }),
    Origin: "AWS_KMS",
    KeyManager: k.keyManager,
    CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
    KeySpec: "SYMMETRIC_DEFAULT",
    EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
    MultiRegion: false,
  };
}

function describeKey(ctx: ServiceContext, input: DescribeKeyRequest): DescribeKeyResponse {
  return { KeyMetadata: keyMetadata(ctx, findKey(ctx, input.KeyId, true)) };
}

function listAliases(ctx: ServiceContext, input: ListAliasesRequest): ListAliasesResponse {
  const keys = input.KeyId === undefined ? regionOf(ctx).kmsKeys : [findKey(ctx, input.KeyId, false)];
  const aliases = keys.flatMap((k) => k.aliases.map((alias) => ({ alias, key: k })));
  const { items, ...rest } = page(ctx, aliases, input, 100);
  return {
    Aliases: items.map(({ alias, key }) => ({
      AliasName: alias,
      AliasArn: aliasArn(ctx, alias),
      TargetKeyId: key.id,
      CreationDate: toDate(key.createdAt),
      LastUpdatedDate: toDate(key.createdAt),
    })),
    ...rest,
  };
}

function listResourceTags(ctx: ServiceContext, input: ListResourceTagsRequest): ListResourceTagsResponse {
  const key = findKey(ctx, input.KeyId, false);
  const tags = Object.entries(key.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
  const { items, ...rest } = page(ctx, tags, input, 50);
  return { Tags: items, ...rest };
}

function getKeyRotationStatus(
  ctx: ServiceContext,
  input: GetKeyRotationStatusRequest,
): GetKeyRotationStatusResponse {
  const key = findKey(ctx, input.KeyId, false);
  if (key.state === "PendingDeletion") {
    throw awsError("KMSInvalidStateException", `${keyArn(ctx, key)} is pending deletion.`);
  }
  return {
    KeyId: keyArn(ctx, key),
    KeyRotationEnabled: key.rotationEnabled,
    ...(key.rotationEnabled ? { RotationPeriodInDays: 365 } : {}),
  };
}

export const KMS_HANDLERS: Readonly<Record<string, Handler>> = {
  ListKeys: op(listKeys),
  DescribeKey: op(describeKey),
  ListAliases: op(listAliases),
  ListResourceTags: op(listResourceTags),
  GetKeyRotationStatus: op(getKeyRotationStatus),
};
