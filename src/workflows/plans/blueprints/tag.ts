import { UsageError } from "../../../core/errors.js";
import { resolveParams } from "../../../core/plans/blueprints/blueprint.js";
import {
  matchesSelection,
  parseSelection,
  TAG_PARAMS,
  tagBlueprint,
  type TaggableResource,
} from "../../../core/plans/blueprints/tag.js";
import { readTaggable } from "../../../aws/collectors/plan-facts.js";
import type { BlueprintDefinition } from "./definition.js";

export const tag: BlueprintDefinition = {
  summary: "bulk tagging of a selection of EC2 resources (--select), in batches",
  params: TAG_PARAMS,
  takesSelection: true,
  createsResources: false,
  async draft({ set, select, regions, ctx, factory }) {
    if (select === undefined) {
      throw new UsageError("the tag blueprint needs --select", {
        code: "BlueprintParamMissing",
        hint: "e.g. --select 'ec2:instance tag:Environment=development' or --select 'ec2:instance !tag:Owner'.",
      });
    }
    resolveParams("tag", TAG_PARAMS, set);
    const selection = parseSelection(select);
    const resources: TaggableResource[] = [];
    for (const region of regions.length > 0 ? regions : [ctx.region]) {
      const found = await readTaggable(
        factory,
        { account: ctx.account, region, pageSize: 1000 },
        selection.types,
      );
      resources.push(...found.filter((f) => matchesSelection(f, selection)));
    }
    const given = Object.fromEntries(
      Object.entries(set)
        .filter(([k]) => k.startsWith("tags."))
        .map(([k, v]) => [k.slice("tags.".length), v]),
    );
    return {
      parameters: { select, ...Object.fromEntries(Object.entries(given).map(([k, v]) => [`tags.${k}`, v])) },
      draft: tagBlueprint(given, { resources, selection: select }, ctx),
    };
  },
};
