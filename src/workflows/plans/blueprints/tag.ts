import { UsageError } from "../../../core/errors.js";
import { resolveParams } from "../../../core/plans/blueprints/blueprint.js";
import {
  matchesSelection,
  parseSelection,
  TAG_PARAMS,
  tagBlueprint,
  tagsFromFindings,
  type TaggableResource,
} from "../../../core/plans/blueprints/tag.js";
import { findingsOfAccount } from "../../../core/plans/findings-input.js";
import { readTaggable } from "../../../aws/collectors/plan-facts.js";
import type { BlueprintDefinition } from "./definition.js";

export const tag: BlueprintDefinition = {
  summary:
    "bulk tagging of a selection of EC2 resources (--select, or the tag-compliance findings of --from-findings), in batches",
  params: TAG_PARAMS,
  takesSelection: true,
  takesFindings: true,
  createsResources: false,
  async draft({ set, select, findings, regions, ctx, factory }) {
    if (select === undefined && findings === undefined) {
      throw new UsageError("the tag blueprint needs --select or --from-findings", {
        code: "BlueprintParamMissing",
        hint: "e.g. --select 'ec2:instance tag:Environment=development' or --select 'ec2:instance !tag:Owner', or --from-findings tag-compliance.json.",
      });
    }
    const params = resolveParams("tag", TAG_PARAMS, set);
    const given = Object.fromEntries(
      Object.entries(set)
        .filter(([k]) => k.startsWith("tags."))
        .map(([k, v]) => [k.slice("tags.".length), v]),
    );
    const tagParams = Object.fromEntries(Object.entries(given).map(([k, v]) => [`tags.${k}`, v]));
    const selection = select === undefined ? undefined : parseSelection(select);
    if (findings !== undefined) {
      const { mine, notes } = findingsOfAccount(findings, ctx.account);
      const wanted = tagsFromFindings(mine, given, params["useSuggestions"] === true);
      const resources: TaggableResource[] = [];
      for (const region of [...new Set(wanted.targets.map((t) => t.region))].sort()) {
        const here = wanted.targets.filter((t) => t.region === region);
        const found = await readTaggable(factory, { account: ctx.account, region, pageSize: 1000 }, [
          ...new Set(here.map((t) => t.type)),
        ]);
        for (const t of here) {
          const r = found.find((f) => f.id === t.id && f.type === t.type);
          if (r === undefined) notes.push(`${t.type} ${t.id} (${region}) no longer exists; left out.`);
          else if (selection === undefined || matchesSelection(r, selection)) resources.push(r);
        }
      }
      if (resources.length === 0) {
        throw new UsageError(
          `nothing to tag: none of the ${mine.length} tag-compliance findings of account ${ctx.account} can be acted on${notes.length + wanted.notes.length > 0 ? ` (${[...notes, ...wanted.notes].join(" ")})` : ""}`,
          { code: "NothingToDo", hint: "Run `aws-coworker tag-compliance` to see what lacks tags." },
        );
      }
      const draft = tagBlueprint(
        given,
        {
          resources,
          selection: select === undefined ? "tag-compliance findings" : `tag-compliance findings, ${select}`,
          tagsFor: Object.fromEntries(wanted.targets.map((t) => [t.id, t.tags])),
        },
        ctx,
      );
      return {
        parameters: {
          source: "findings",
          useSuggestions: params["useSuggestions"] === true,
          ...(select !== undefined && { select }),
          ...tagParams,
        },
        draft: { ...draft, notes: [...notes, ...wanted.notes, ...draft.notes] },
      };
    }
    const resources: TaggableResource[] = [];
    for (const region of regions.length > 0 ? regions : [ctx.region]) {
      const found = await readTaggable(
        factory,
        { account: ctx.account, region, pageSize: 1000 },
        selection!.types,
      );
      resources.push(...found.filter((f) => matchesSelection(f, selection!)));
    }
    return {
      parameters: { select: select!, ...tagParams },
      draft: tagBlueprint(given, { resources, selection: select! }, ctx),
    };
  },
};
