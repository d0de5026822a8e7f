/**
 * "What changed since the last inventory?": load two snapshots (files, or snapshot names in
 * the workspace) and diff them by ARN. Never prints.
 */
import { diffInventories, type InventoryDiff } from "../../core/inventory/inventory-diff.js";
import { loadSnapshot, resolveSnapshot } from "./snapshot.js";

export interface InventoryDiffOptions {
  /** The earlier snapshot: a file, or a snapshot's name (or unique beginning of it) in the workspace. */
  before: string;
  /** The later snapshot. */
  after: string;
}

export interface InventoryDiffDeps {
  /** The workspace folder, where snapshot names are looked up. */
  workspaceDir: string;
  /** Relative file paths are taken from here. */
  cwd: string;
}

export interface InventoryDiffResult {
  /** The files compared. */
  files: { before: string; after: string };
  diff: InventoryDiff;
}

export async function runInventoryDiff(
  options: InventoryDiffOptions,
  deps: InventoryDiffDeps,
): Promise<InventoryDiffResult> {
  const where = { workspaceDir: deps.workspaceDir, cwd: deps.cwd };
  const [beforeFile, afterFile] = await Promise.all([
    resolveSnapshot(options.before, where),
    resolveSnapshot(options.after, where),
  ]);
  const [before, after] = await Promise.all([loadSnapshot(beforeFile), loadSnapshot(afterFile)]);
  return { files: { before: beforeFile, after: afterFile }, diff: diffInventories(before, after) };
}
