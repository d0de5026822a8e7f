/**
 * Cost Explorer answers kept in the workspace (`<workspace>/cache/cost/<sha-256 of the question>.json`),
 * so asking the same question again within cost.cacheTtlMinutes costs no request. The workflow
 * decides whether an entry is fresh; a file that cannot be read or parsed is a miss.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CostExplorerData } from "../../core/cost/cost-data.js";
import type { CostCache } from "../../workflows/cost/index.js";

export const COST_CACHE_DIR = "cache/cost";

export function workspaceCostCache(workspaceDir: string): CostCache {
  const dir = join(workspaceDir, COST_CACHE_DIR);
  const fileOf = (key: string): string => join(dir, `${createHash("sha256").update(key).digest("hex")}.json`);
  return {
    async read(key) {
      let text: string;
      try {
        text = await readFile(fileOf(key), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
      try {
        const entry = JSON.parse(text) as { key?: string; data?: CostExplorerData };
        // A hash collision or a hand-edited file is a miss, never someone else's answer.
        return entry.key === key ? entry.data : undefined;
      } catch {
        return undefined;
      }
    },
    async write(key, data) {
      await mkdir(dir, { recursive: true });
      await writeFile(fileOf(key), `${JSON.stringify({ key, data })}\n`, "utf8");
    },
  };
}
