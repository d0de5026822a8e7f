import { resolveParams } from "../../../core/plans/blueprints/blueprint.js";
import {
  defaultBucketName,
  S3_BUCKET_PARAMS,
  s3BucketBlueprint,
} from "../../../core/plans/blueprints/s3-bucket.js";
import { readBucketFacts } from "../../../aws/collectors/plan-facts.js";
import type { BlueprintDefinition } from "./definition.js";

export const s3Bucket: BlueprintDefinition = {
  summary: "a private, encrypted, versioned bucket with a TLS-only policy and lifecycle",
  params: S3_BUCKET_PARAMS,
  createsResources: true,
  async draft({ set, ctx, factory }) {
    const parameters = resolveParams("s3-bucket", S3_BUCKET_PARAMS, set, {
      name: defaultBucketName(set["prefix"] ?? "data", ctx.account, ctx.region),
    });
    const facts = await readBucketFacts(
      factory,
      { account: ctx.account, region: ctx.region },
      String(parameters["name"]),
    );
    return { parameters, draft: s3BucketBlueprint(parameters, facts, ctx) };
  },
};
