import { UsageError } from "../../../core/errors.js";
import { resolveParams } from "../../../core/plans/blueprints/blueprint.js";
import {
  DELETABLE_TYPES,
  DELETE_PARAMS,
  deleteBlueprint,
  undeletableTypes,
  type DeletableResource,
} from "../../../core/plans/blueprints/delete.js";
import { matchesSelection, parseSelection } from "../../../core/plans/blueprints/tag.js";
import {
  readExisting,
  readGroupsInUse,
  readTerminationProtected,
} from "../../../aws/collectors/plan-facts.js";
import type { BlueprintDefinition } from "./definition.js";

export const del: BlueprintDefinition = {
  summary: `deletion of a selection of resources (--select: ${DELETABLE_TYPES.join(", ")}), one step each`,
  params: DELETE_PARAMS,
  takesSelection: true,
  createsResources: false,
  async draft({ set, select, regions, ctx, factory, now }) {
    if (select === undefined) {
      throw new UsageError("the delete blueprint needs --select", {
        code: "BlueprintParamMissing",
        hint: "e.g. --select 'ec2:instance tag:Environment=development' or --select 'ebs:volume !tag:Owner'.",
      });
    }
    resolveParams("delete", DELETE_PARAMS, set);
    const selection = parseSelection(select);
    const unsupported = undeletableTypes(selection);
    if (unsupported.length > 0) {
      throw new UsageError(`the delete blueprint does not delete ${unsupported.join(", ")}`, {
        code: "SelectionInvalid",
        hint: `It deletes ${DELETABLE_TYPES.join(", ")}.`,
      });
    }
    const resources: DeletableResource[] = [];
    for (const region of regions.length > 0 ? regions : [ctx.region]) {
      const scope = { account: ctx.account, region, pageSize: 1000 };
      const found = (await readExisting(factory, scope, selection.types)).filter((r) =>
        matchesSelection({ ...r, name: r.name ?? r.id }, selection),
      );
      const instances = found.filter((r) => r.type === "ec2:instance").map((r) => r.id);
      const guarded = await readTerminationProtected(factory, scope, instances);
      const groups = found.filter((r) => r.type === "vpc:security-group").map((r) => r.id);
      const inUse = await readGroupsInUse(factory, scope, groups);
      resources.push(
        ...found.map((r) => ({
          ...r,
          ...(guarded.has(r.id) && { awsProtection: "termination protection (disableApiTermination)" }),
          ...(inUse.has(r.id) && { usedBy: inUse.get(r.id)! }),
        })),
      );
    }
    return { parameters: { select }, draft: deleteBlueprint({ resources, selection: select }, ctx, now) };
  },
};
