/**
 * Saved inventories (snapshots) in the workspace: `<workspace>/inventory/<time>-<account|org>.json`.
 * A snapshot is the inventory's JSON exactly as `inventory --format json` writes it, so a
 * file written either way can be loaded and diffed.
 */
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { z } from "zod";
import { UsageError } from "../../core/errors.js";
import type { InventoryResult } from "../../core/inventory/inventory-result.js";
import { renderInventoryJson } from "../../report/inventory/json.js";

/** The snapshots' folder, inside the workspace. */
export const SNAPSHOT_DIR = "inventory";

const SAVE_HINT =
  "save one with `aws-coworker inventory --save`, or pass a file `inventory --format json` wrote";

/** `20261101T120000Z-123456789012` (one account) or `20261101T120000Z-org` (several). */
export function snapshotName(result: Pick<InventoryResult, "account" | "accounts">, now: Date): string {
  const time = now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  const label = result.accounts.length > 1 ? "org" : (result.accounts[0]?.id ?? result.account);
  return `${time}-${label}`;
}

/**
 * Write the inventory to `<workspaceDir>/inventory/<name>.json` and return the file's path.
 * Never overwrites: a second snapshot in the same second gets `-2`, `-3`, … after its name.
 */
export async function saveSnapshot(
  result: InventoryResult,
  workspaceDir: string,
  now: Date,
): Promise<string> {
  const dir = join(workspaceDir, SNAPSHOT_DIR);
  await mkdir(dir, { recursive: true });
  const name = snapshotName(result, now);
  const text = renderInventoryJson(result);
  for (let n = 1; ; n++) {
    const file = join(dir, `${name}${n === 1 ? "" : `-${n}`}.json`);
    try {
      await writeFile(file, text, { encoding: "utf8", flag: "wx" });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

const attributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const snapshotSchema = z.looseObject({
  account: z.string(),
  accounts: z.array(z.looseObject({ id: z.string(), regions: z.array(z.string()) })),
  regions: z.array(z.string()),
  services: z.array(z.string()),
  generatedAt: z.string(),
  resources: z.array(
    z.looseObject({
      service: z.string(),
      type: z.string(),
      id: z.string(),
      arn: z.string(),
      name: z.string().nullish(),
      account: z.string(),
      region: z.string(),
      state: z.string().nullish(),
      tags: z.record(z.string(), z.string()),
      attributes: z.record(z.string(), attributeValue),
    }),
  ),
  coverage: z.looseObject({ notRead: z.array(z.looseObject({ partition: z.string() })) }),
});

/** Read a snapshot (or `inventory --format json` output). Throws UsageError when it is not one. */
export async function loadSnapshot(file: string): Promise<InventoryResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the snapshot ${file}: ${code ?? String(error)}`, {
      code: "SnapshotNotFound",
      hint: SAVE_HINT,
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not an inventory snapshot: it is not JSON`, {
      code: "InvalidSnapshot",
      hint: SAVE_HINT,
      cause: error,
    });
  }
  const parsed = snapshotSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? "" : ` at ${issue.path.join(".")}`;
    throw new UsageError(
      `${file} is not an inventory snapshot${where}: ${issue?.message ?? "unexpected shape"}`,
      { code: "InvalidSnapshot", hint: SAVE_HINT },
    );
  }
  // JSON writes absent values as null; the result type says undefined.
  const result = parsed.data as unknown as InventoryResult;
  for (const r of result.resources) {
    r.name = r.name ?? undefined;
    r.state = r.state ?? undefined;
  }
  return result;
}

/** The workspace's snapshots, by name (without `.json`), oldest first. */
export async function listSnapshots(workspaceDir: string): Promise<string[]> {
  try {
    const files = await readdir(join(workspaceDir, SNAPSHOT_DIR));
    return files
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.slice(0, -".json".length))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * The file a snapshot reference names: a path to a file (from `cwd`), or a snapshot in the
 * workspace by its name or a unique beginning of it (`20261101T12`).
 */
export async function resolveSnapshot(
  ref: string,
  where: { workspaceDir: string; cwd: string },
): Promise<string> {
  const path = resolve(where.cwd, ref);
  if (await isFile(path)) return path;
  const names = await listSnapshots(where.workspaceDir);
  const wanted = basename(ref).replace(/\.json$/, "");
  const exact = names.includes(wanted) ? [wanted] : names.filter((n) => n.startsWith(wanted));
  const dir = join(where.workspaceDir, SNAPSHOT_DIR);
  if (exact.length === 1) return join(dir, `${exact[0] as string}.json`);
  if (exact.length > 1) {
    throw new UsageError(
      `"${ref}" matches ${exact.length} snapshots: ${exact.slice(0, 5).join(", ")}${exact.length > 5 ? ", …" : ""}; give more of the name`,
      { code: "AmbiguousSnapshot" },
    );
  }
  const recent = names.slice(-5).reverse();
  throw new UsageError(
    `no snapshot "${ref}": not a file, nor a snapshot in ${dir}` +
      (recent.length === 0 ? " (there are none yet)" : `; the latest: ${recent.join(", ")}`),
    { code: "SnapshotNotFound", hint: SAVE_HINT },
  );
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    // Missing or unreadable: not a file we can use; the caller looks among the snapshots.
    return false;
  }
}
