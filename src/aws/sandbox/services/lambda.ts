/**
 * Lambda: ListFunctions (MaxItems/Marker, at most 50 per page), GetFunction, ListTags,
 * TagResource, UntagResource.
 */
import type {
  FunctionConfiguration,
  GetFunctionRequest,
  GetFunctionResponse,
  ListFunctionsRequest,
  ListFunctionsResponse,
  ListTagsRequest,
  ListTagsResponse,
  TagResourceRequest,
  UntagResourceRequest,
  Runtime,
  Architecture,
} from "@aws-sdk/client-lambda";
import type { EstateFunction } from "../estate.js";
import { awsError } from "../errors.js";
import { hashString } from "../prng.js";
import { pageFrom } from "../paging.js";
import { op, regionOf, type Handler, type ServiceContext } from "./context.js";

/** Lambda's timestamp format: `2026-10-01T12:00:00.000+0000`. */
export function lambdaTimestamp(iso: string): string {
  return new Date(iso).toISOString().replace("Z", "+0000");
}

function arnOf(ctx: ServiceContext, fn: EstateFunction): string {
  return `arn:aws:lambda:${ctx.region}:${ctx.account.id}:function:${fn.name}`;
}

function configuration(ctx: ServiceContext, fn: EstateFunction): FunctionConfiguration {
  const sha = Buffer.from(
    Array.from({ length: 8 }, (_, i) =>
      hashString(`${fn.name}:${fn.lastModifiedAt}:${i}`).toString(16).padStart(8, "0"),
    ).join(""),
    "hex",
  ).toString("base64");
  return {
    FunctionName: fn.name,
    FunctionArn: arnOf(ctx, fn),
    Runtime: fn.runtime as Runtime,
    Role: fn.roleArn,
    Handler: fn.handler,
    CodeSize: fn.codeSizeBytes,
    Description: fn.description,
    Timeout: fn.timeoutSeconds,
    MemorySize: fn.memoryMb,
    LastModified: lambdaTimestamp(fn.lastModifiedAt),
    CodeSha256: sha,
    Version: "$LATEST",
    TracingConfig: { Mode: "PassThrough" },
    RevisionId: `${hashString(fn.name).toString(16).padStart(8, "0")}-0000-4000-8000-${hashString(fn.lastModifiedAt).toString(16).padStart(12, "0")}`,
    PackageType: "Zip",
    Architectures: [fn.architecture as Architecture],
    EphemeralStorage: { Size: 512 },
    LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/${fn.name}` },
  };
}

function listFunctions(ctx: ServiceContext, input: ListFunctionsRequest): ListFunctionsResponse {
  const max = input.MaxItems;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 10_000)) {
    throw awsError(
      "ValidationException",
      `1 validation error detected: Value '${max}' at 'maxItems' failed to satisfy constraint: Member must have value ${max < 1 ? "greater than or equal to 1" : "less than or equal to 10000"}`,
    );
  }
  // ListFunctions answers at most 50 functions per call, whatever MaxItems asks for.
  const size = Math.min(max ?? ctx.pageSize, 50);
  const page = pageFrom(ctx.action, regionOf(ctx).functions, input.Marker, size, () =>
    awsError(
      "InvalidParameterValueException",
      "Invalid Marker: the marker was not issued by a previous ListFunctions call.",
    ),
  );
  return {
    Functions: page.items.map((fn) => configuration(ctx, fn)),
    ...(page.nextToken === undefined ? {} : { NextMarker: page.nextToken }),
  };
}

/** A function by name, partial ARN or full ARN. */
function functionFor(ctx: ServiceContext, ref: string | undefined): EstateFunction {
  const name =
    ref?.includes(":function:") === true ? (ref.split(":function:")[1]?.split(":")[0] ?? "") : (ref ?? "");
  const fn = regionOf(ctx).functions.find((f) => f.name === name);
  if (fn === undefined) {
    throw awsError(
      "ResourceNotFoundException",
      `Function not found: arn:aws:lambda:${ctx.region}:${ctx.account.id}:function:${name}`,
      404,
    );
  }
  return fn;
}

function getFunction(ctx: ServiceContext, input: GetFunctionRequest): GetFunctionResponse {
  const fn = functionFor(ctx, input.FunctionName);
  return {
    Configuration: configuration(ctx, fn),
    Code: {
      RepositoryType: "S3",
      Location: `https://awslambda-${ctx.region}-tasks.s3.${ctx.region}.amazonaws.com/snapshots/${ctx.account.id}/${fn.name}`,
    },
    ...(Object.keys(fn.tags).length > 0 ? { Tags: { ...fn.tags } } : {}),
  };
}

function listTags(ctx: ServiceContext, input: ListTagsRequest): ListTagsResponse {
  return { Tags: { ...functionFor(ctx, input.Resource).tags } };
}

function tagResource(ctx: ServiceContext, input: TagResourceRequest): Record<string, never> {
  const fn = functionFor(ctx, input.Resource);
  const tags = { ...fn.tags, ...(input.Tags ?? {}) };
  if (Object.keys(tags).length > 50)
    throw awsError("InvalidParameterValueException", "Too many tags: at most 50 are allowed.");
  if (Object.keys(input.Tags ?? {}).some((k) => k.startsWith("aws:"))) {
    throw awsError("InvalidParameterValueException", "Tag keys starting with 'aws:' are reserved.");
  }
  fn.tags = tags;
  return {};
}

function untagResource(ctx: ServiceContext, input: UntagResourceRequest): Record<string, never> {
  const fn = functionFor(ctx, input.Resource);
  for (const key of input.TagKeys ?? []) delete fn.tags[key];
  return {};
}

export const LAMBDA_HANDLERS: Readonly<Record<string, Handler>> = {
  ListFunctions: op(listFunctions),
  GetFunction: op(getFunction),
  ListTags: op(listTags),
  TagResource: op(tagResource),
  UntagResource: op(untagResource),
};
