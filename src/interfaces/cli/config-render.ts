/**
 * `config show` in YAML: the effective configuration with a trailing comment naming the
 * layer each value came from. A comment on a mapping covers everything under it, down to the
 * next comment, so a section that comes whole from one layer carries a single comment.
 */
import { Document, isMap, isScalar, isSeq } from "yaml";
import type { Node, Pair } from "yaml";
import { formatKeyPath } from "../../core/config/layers.js";
import type { KeyPathSegment, Origin } from "../../core/config/layers.js";
import type { LoadedConfig } from "./config-files.js";

export function renderConfigYaml(loaded: LoadedConfig): string {
  const doc = new Document(loaded.config);
  const chain = loaded.layers.map((layer) => `${layer.name} (${layer.source})`).join(" ← ");
  doc.commentBefore = ` Effective AWS Coworker configuration. Layers, lowest first: ${chain}`;
  const entries = Object.entries(loaded.provenance);
  const originUnder = (path: KeyPathSegment[]): string | undefined => {
    const key = formatKeyPath(path);
    const labels = new Set(
      entries
        .filter(([k]) => k === key || k.startsWith(`${key}.`) || k.startsWith(`${key}[`))
        .map(([, origin]) => label(origin)),
    );
    return labels.size === 1 ? [...labels][0] : undefined;
  };

  const visit = (node: unknown, path: KeyPathSegment[], inherited: string | undefined): void => {
    if (isMap(node)) {
      for (const pair of node.items as Pair<Node, Node>[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const childPath = [...path, key];
        const origin = originUnder(childPath);
        const value = pair.value;
        if (origin !== undefined && origin !== inherited) {
          if (isScalar(value) || isFlow(value)) {
            if (value !== null) value.comment = ` ${origin}`;
          } else if (isScalar(pair.key)) {
            pair.key.comment = ` ${origin}`;
          }
        }
        if (isFlow(value) && (isSeq(value) || isMap(value))) value.flow = true;
        visit(value, childPath, origin ?? inherited);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const childPath = [...path, index];
        const origin = originUnder(childPath);
        if (origin !== undefined && origin !== inherited && item !== null && typeof item === "object") {
          if (isScalar(item)) (item as Node).comment = ` ${origin}`;
          else (item as Node).commentBefore = ` ${origin}`;
        }
        visit(item, childPath, origin ?? inherited);
      });
    }
  };
  visit(doc.contents, [], undefined);
  return doc.toString({ lineWidth: 0 });
}

function label(origin: Origin): string {
  return `from ${origin.layer} (${origin.source})`;
}

/** Empty collections and lists of plain values (regions, allowedValues…) are shown on one line. */
function isFlow(node: unknown): node is Node {
  if (isMap(node)) return node.items.length === 0;
  return isSeq(node) && node.items.every((item) => isScalar(item));
}
