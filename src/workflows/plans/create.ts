/**
 * `plan create <blueprint>`: read what the blueprint needs from the account (reads only),
 * draft the steps, check them against governance, seal the plan with its hash and save it in
 * the workspace. Nothing is changed in AWS.
 */
import type { Config } from "../../core/config/schema.js";
import type { ResolvedContext } from "../../core/context/resolve.js";
import { UsageError } from "../../core/errors.js";
import { assemblePlan } from "../../core/plans/assemble.js";
import {
  resolveParams,
  type BlueprintContext,
  type BlueprintParam,
  type Draft,
} from "../../core/plans/blueprints/blueprint.js";
import {
  defaultBucketName,
  S3_BUCKET_PARAMS,
  s3BucketBlueprint,
} from "../../core/plans/blueprints/s3-bucket.js";
import {
  matchesSelection,
  parseSelection,
  TAG_PARAMS,
  tagBlueprint,
} from "../../core/plans/blueprints/tag.js";
import { defaultVpcCidr, VPC_PARAMS, vpcBlueprint } from "../../core/plans/blueprints/vpc.js";
import type { Plan } from "../../core/plans/plan.js";
import { planTags } from "../../core/plans/tags.js";
import type { ClientFactory } from "../../aws/clients.js";
import { readBucketFacts, readTaggable, readVpcFacts } from "../../aws/collectors/plan-facts.js";
import type { PlanStore} from "./store.js";
import { newId, sha256 } from "./store.js";

export const BLUEPRINTS: Readonly<Record<string, { summary: string; params: readonly BlueprintParam[] }>> = {
  vpc: {
    summary: "a VPC with public/private subnets over AZs, internet gateway, NAT, route tables, flow logs",
    params: VPC_PARAMS,
  },
  "s3-bucket": {
    summary: "a private, encrypted, versioned bucket with a TLS-only policy and lifecycle",
    params: S3_BUCKET_PARAMS,
  },
  tag: { summary: "bulk tagging of a selection of EC2 resources (--select), in batches", params: TAG_PARAMS },
};

export interface CreatePlanOptions {
  blueprint: string;
  /** `--set key=value` pairs (tags as tags.<Key>). */
  set: Readonly<Record<string, string>>;
  /** The tag blueprint's selection (`--select`). */
  select?: string;
  /** The regions to plan in (the tag blueprint reads several; the others use the first). */
  regions: readonly string[];
}

export interface CreatePlanDeps {
  factory: ClientFactory;
  config: Config;
  context: ResolvedContext;
  store: PlanStore;
  now: () => Date;
  osUser: string;
}

export interface CreatePlanResult {
  plan: Plan;
  files: { json: string; markdown: string };
}

export async function createPlan(
  options: CreatePlanOptions,
  deps: CreatePlanDeps,
): Promise<CreatePlanResult> {
  const spec = BLUEPRINTS[options.blueprint];
  if (spec === undefined) {
    throw new UsageError(`there is no blueprint "${options.blueprint}"`, {
      code: "BlueprintNotFound",
      hint: `Blueprints: ${Object.keys(BLUEPRINTS).join(", ")} (see \`aws-coworker plan blueprints\`).`,
    });
  }
  const { context, config } = deps;
  const region = options.regions[0] ?? context.defaultRegion;
  const now = deps.now();
  const id = newId("plan", now, options.blueprint);
  const tags = planTags(config.tagging.required, context.classification, options.set);
  const ctx: BlueprintContext = {
    planId: id,
    account: context.account.id,
    region,
    classification: context.classification,
    config,
    tags,
  };
  const scope = { account: context.account.id, region, pageSize: 1000 };
  let draft: Draft;
  let parameters: Plan["parameters"];
  switch (options.blueprint) {
    case "vpc": {
      const facts = await readVpcFacts(deps.factory, scope);
      parameters = resolveParams("vpc", VPC_PARAMS, options.set, {
        cidr: defaultVpcCidr(facts.existingCidrs),
      });
      draft = vpcBlueprint(parameters, facts, ctx);
      break;
    }
    case "s3-bucket": {
      const prefix = options.set["prefix"] ?? "data";
      parameters = resolveParams("s3-bucket", S3_BUCKET_PARAMS, options.set, {
        name: defaultBucketName(prefix, context.account.id, region),
      });
      const facts = await readBucketFacts(deps.factory, scope, String(parameters["name"]));
      draft = s3BucketBlueprint(parameters, facts, ctx);
      break;
    }
    default: {
      if (options.select === undefined) {
        throw new UsageError("the tag blueprint needs --select", {
          code: "BlueprintParamMissing",
          hint: "e.g. --select 'ec2:instance tag:Environment=development' or --select 'ec2:instance !tag:Owner'.",
        });
      }
      resolveParams("tag", TAG_PARAMS, options.set);
      const selection = parseSelection(options.select);
      const resources = [];
      for (const r of options.regions.length > 0 ? options.regions : [region]) {
        const found = await readTaggable(deps.factory, { ...scope, region: r }, selection.types);
        resources.push(...found.filter((f) => matchesSelection(f, selection)));
      }
      parameters = {
        select: options.select,
        ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`tags.${k}`, v])),
      };
      const given = Object.fromEntries(
        Object.entries(options.set)
          .filter(([k]) => k.startsWith("tags."))
          .map(([k, v]) => [k.slice(5), v]),
      );
      draft = tagBlueprint(given, { resources, selection: options.select }, ctx);
      break;
    }
  }
  const plan = assemblePlan({
    id,
    now,
    createdBy: { osUser: deps.osUser, callerArn: context.callerArn },
    blueprint: options.blueprint,
    parameters,
    context: {
      profile: context.profile.name,
      account: context.account.id,
      ...(context.account.alias !== undefined && { accountAlias: context.account.alias }),
      regions: [...new Set(draft.steps.map((s) => s.region))],
      classification: context.classification,
    },
    draft,
    requiredTags: options.blueprint === "tag" ? {} : tags,
    allowedRegions: context.profile.allowedRegions,
    config,
    sha256,
  });
  return { plan, files: deps.store.save(plan) };
}
