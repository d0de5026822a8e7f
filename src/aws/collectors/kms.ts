/**
 * KMS keys → ResourceRecord: ListKeys (the SDK's paginator), DescribeKey per key for who
 * manages it (`keyManager`: CUSTOMER or AWS), its state and spec, ListAliases once per region
 * for each key's aliases, and ListResourceTags for customer managed keys (AWS managed keys
 * cannot carry tags). Key policies and rotation status are not read.
 */
import {
  DescribeKeyCommand,
  paginateListAliases,
  paginateListKeys,
  paginateListResourceTags,
  type KeyMetadata,
} from "@aws-sdk/client-kms";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { partitionOf } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { callSite, pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { itemsFromPages, mapConcurrently, PER_RESOURCE_CONCURRENCY } from "./pages.js";
import { isoDate, tagMap } from "./tags.js";

export async function collectKeys(factory: ClientFactory, scope: CollectScope): Promise<ResourceRecord[]> {
  const client = await factory.kms(scope.region);
  const keys = await withAwsErrors(callSite(scope, "kms:ListKeys"), () =>
    itemsFromPages(
      paginateListKeys(
        { client, pageSize: pageSizeWithin(scope.pageSize, 1, 1000), stopOnSameToken: true },
        {},
      ),
      (p) => p.Keys,
    ),
  );
  const aliasEntries = await withAwsErrors(callSite(scope, "kms:ListAliases"), () =>
    itemsFromPages(
      paginateListAliases(
        { client, pageSize: pageSizeWithin(scope.pageSize, 1, 100), stopOnSameToken: true },
        {},
      ),
      (p) => p.Aliases,
    ),
  );
  const aliases = new Map<string, string[]>();
  for (const a of aliasEntries) {
    if (a.TargetKeyId === undefined || a.AliasName === undefined) continue;
    aliases.set(a.TargetKeyId, [...(aliases.get(a.TargetKeyId) ?? []), a.AliasName]);
  }

  const ids = keys.flatMap((k) => (k.KeyId === undefined ? [] : [k.KeyId]));
  return mapConcurrently(ids, PER_RESOURCE_CONCURRENCY, async (keyId) => {
    const described = await withAwsErrors(callSite(scope, "kms:DescribeKey"), () =>
      client.send(new DescribeKeyCommand({ KeyId: keyId })),
    );
    const metadata = described.KeyMetadata ?? { KeyId: keyId };
    const tags =
      metadata.KeyManager === "CUSTOMER"
        ? await withAwsErrors(callSite(scope, "kms:ListResourceTags"), () =>
            itemsFromPages(
              paginateListResourceTags(
                { client, pageSize: pageSizeWithin(scope.pageSize, 1, 50), stopOnSameToken: true },
                { KeyId: keyId },
              ),
              (p) => p.Tags,
            ),
          )
        : [];
    return keyRecord(
      metadata,
      keyId,
      (aliases.get(keyId) ?? []).sort(),
      tagMap(tags.map((t) => ({ Key: t.TagKey, Value: t.TagValue }))),
      scope,
    );
  });
}

function keyRecord(
  key: KeyMetadata,
  id: string,
  aliases: readonly string[],
  tags: Record<string, string>,
  scope: CollectScope,
): ResourceRecord {
  return {
    service: "kms",
    type: "key",
    id,
    arn: key.Arn ?? `arn:${partitionOf(scope.region)}:kms:${scope.region}:${scope.account}:key/${id}`,
    name: tags["Name"] ?? aliases[0],
    account: scope.account,
    region: scope.region,
    state: key.KeyState,
    tags,
    attributes: {
      keyManager: key.KeyManager ?? null,
      aliases: aliases.length === 0 ? null : aliases.join(","),
      description: key.Description === undefined || key.Description === "" ? null : key.Description,
      keyUsage: key.KeyUsage ?? null,
      keySpec: key.KeySpec ?? null,
      origin: key.Origin ?? null,
      isMultiRegion: key.MultiRegion ?? null,
      creationDate: isoDate(key.CreationDate),
      deletionDate: isoDate(key.DeletionDate),
    },
  };
}
