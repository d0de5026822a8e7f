/**
 * Lambda functions → ResourceRecord (ListFunctions with the SDK's paginator, ListTags per
 * function). ListFunctions also returns each function's environment variables, which often
 * hold secrets: records are built from an explicit list of fields, so they never carry them.
 */
import { ListTagsCommand, paginateListFunctions, type FunctionConfiguration } from "@aws-sdk/client-lambda";
import type { ResourceRecord } from "../../core/inventory/resource-record.js";
import type { ClientFactory } from "../clients.js";
import { partitionOf } from "./arn.js";
import { withAwsErrors } from "./aws-errors.js";
import { pageSizeWithin, type CollectScope } from "./collect-scope.js";
import { mapConcurrently, PER_RESOURCE_CONCURRENCY } from "./pages.js";
import { isoDate, sortedTags } from "./tags.js";

export async function collectFunctions(
  factory: ClientFactory,
  scope: CollectScope,
): Promise<ResourceRecord[]> {
  const client = await factory.lambda(scope.region);
  const site = (action: string) => ({
    service: "lambda",
    action,
    account: scope.account,
    region: scope.region,
  });

  // Each function becomes its record as its page arrives, so the configurations (environment
  // variables included) are not held while the ListTags calls, paced per account and region,
  // run; the tags are filled in then.
  const records = await withAwsErrors(site("lambda:ListFunctions"), async () => {
    const found: ResourceRecord[] = [];
    const pages = paginateListFunctions(
      { client, pageSize: pageSizeWithin(scope.pageSize, 1, 50), stopOnSameToken: true },
      {},
    );
    for await (const page of pages) {
      for (const fn of page.Functions ?? []) {
        if (fn.FunctionName === undefined) continue;
        const arn =
          fn.FunctionArn ??
          `arn:${partitionOf(scope.region)}:lambda:${scope.region}:${scope.account}:function:${fn.FunctionName}`;
        found.push(toRecord(fn, fn.FunctionName, arn, scope));
      }
    }
    return found;
  });

  return mapConcurrently(records, PER_RESOURCE_CONCURRENCY, async (record) => {
    const listed = await withAwsErrors(site("lambda:ListTags"), () =>
      client.send(new ListTagsCommand({ Resource: record.arn })),
    );
    record.tags = sortedTags(listed.Tags);
    return record;
  });
}

/** The function's record, without its tags (ListTags adds them). */
function toRecord(fn: FunctionConfiguration, name: string, arn: string, scope: CollectScope): ResourceRecord {
  return {
    service: "lambda",
    type: "function",
    id: name,
    arn,
    name,
    account: scope.account,
    region: scope.region,
    state: fn.State,
    tags: {},
    attributes: {
      runtime: fn.Runtime ?? null,
      packageType: fn.PackageType ?? null,
      memorySizeMiB: fn.MemorySize ?? null,
      timeoutSeconds: fn.Timeout ?? null,
      architectures: fn.Architectures === undefined ? null : fn.Architectures.join(","),
      codeSizeBytes: fn.CodeSize ?? null,
      lastModified: isoDate(fn.LastModified),
    },
  };
}
