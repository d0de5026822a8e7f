/**
 * Finds and reads the configuration files (YAML) and hands them to core's mergeLayers.
 *
 * Which files, in one place:
 * - the core layer is built in (src/core/config/defaults.ts);
 * - the organisation's file (org layer): --config FILE, else $AWS_COWORKER_CONFIG, else — in
 *   sandbox mode — the bundled demo configuration config/demo.yaml, else ./aws-coworker.yaml
 *   when it exists;
 * - the overlay: --overlay FILE, else $AWS_COWORKER_OVERLAY, else none.
 * A file named explicitly (flag or variable) must exist. Loading never touches the network.
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, isNode, parseDocument } from "yaml";
import { coreLayer } from "../../core/config/defaults.js";
import { mergeLayers } from "../../core/config/layers.js";
import type { LayerInput, LayerName, MergeResult } from "../../core/config/layers.js";
import { ConfigError } from "../../core/errors.js";

/** The bundled demo configuration (Northwind Analytics), at the package root: config/demo.yaml. */
export const DEMO_CONFIG_FILE = fileURLToPath(new URL("../../../config/demo.yaml", import.meta.url));

/** The organisation's file looked for in the current directory when none is named. */
export const DEFAULT_CONFIG_FILE = "aws-coworker.yaml";

export type ReadTextFile = (path: string) => Promise<string>;

export interface LoadConfigOptions {
  /** --config */
  orgFile?: string | undefined;
  /** --overlay */
  overlayFile?: string | undefined;
  /** Sandbox mode: without an org file, the bundled demo configuration is the org layer. */
  useDemo?: boolean | undefined;
  env: Record<string, string | undefined>;
  cwd: string;
  readFile: ReadTextFile;
}

export interface LoadedLayer {
  name: LayerName;
  source: string;
}

export interface LoadedConfig extends MergeResult {
  /** The layers used, lowest precedence first. */
  layers: LoadedLayer[];
}

export interface ConfigFile {
  name: LayerName;
  /** The absolute path. */
  path: string;
  /** How the file was chosen, for messages: "--config", "AWS_COWORKER_CONFIG", … */
  via: string;
  /** false for the implicit ./aws-coworker.yaml, which may be absent. */
  isRequired: boolean;
}

/** The files that make up the configuration, lowest precedence first (core is built in, so not listed). */
export function findConfigFiles(options: Omit<LoadConfigOptions, "readFile">): ConfigFile[] {
  const { env, cwd } = options;
  const files: ConfigFile[] = [];
  const at = (file: string) => resolve(cwd, file);
  const fromEnv = (name: string) => (env[name] === undefined || env[name] === "" ? undefined : env[name]);

  const orgEnv = fromEnv("AWS_COWORKER_CONFIG");
  if (options.orgFile !== undefined) {
    files.push({ name: "org", path: at(options.orgFile), via: "--config", isRequired: true });
  } else if (orgEnv !== undefined) {
    files.push({ name: "org", path: at(orgEnv), via: "AWS_COWORKER_CONFIG", isRequired: true });
  } else if (options.useDemo === true) {
    files.push({ name: "org", path: DEMO_CONFIG_FILE, via: "--sandbox (bundled demo)", isRequired: true });
  } else {
    files.push({ name: "org", path: at(DEFAULT_CONFIG_FILE), via: "default", isRequired: false });
  }

  const overlayEnv = fromEnv("AWS_COWORKER_OVERLAY");
  if (options.overlayFile !== undefined) {
    files.push({ name: "overlay", path: at(options.overlayFile), via: "--overlay", isRequired: true });
  } else if (overlayEnv !== undefined) {
    files.push({ name: "overlay", path: at(overlayEnv), via: "AWS_COWORKER_OVERLAY", isRequired: true });
  }
  return files;
}

/** Read, validate and merge the configuration layers. Throws ConfigError for any problem. */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const layers: LayerInput[] = [coreLayer];
  for (const file of findConfigFiles(options)) {
    const layer = await readLayer(file, options);
    if (layer !== undefined) layers.push(layer);
  }
  const { config, provenance } = mergeLayers(layers);
  return { config, provenance, layers: layers.map(({ name, source }) => ({ name, source })) };
}

/** Read one configuration file as a layer; undefined when an optional file does not exist. */
export async function readLayer(
  file: ConfigFile,
  options: { cwd: string; readFile: ReadTextFile },
): Promise<LayerInput | undefined> {
  const source = displayPath(file.path, options.cwd);
  let text: string;
  try {
    text = await options.readFile(file.path);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "ENOENT" && !file.isRequired) return undefined;
    throw new ConfigError(
      code === "ENOENT"
        ? `configuration file ${source} (from ${file.via}) does not exist`
        : `cannot read configuration file ${source} (from ${file.via}): ${typeof code === "string" ? code : String(error)}`,
      {
        file: source,
        code: code === "ENOENT" ? "ConfigNotFound" : "ConfigUnreadable",
        hint:
          code === "ENOENT"
            ? `Check the path given by ${file.via}, or create the file with \`aws-coworker config init --out ${source}\`.`
            : "Check that the path is a readable file.",
        cause: error,
      },
    );
  }
  return parseLayer(file.name, source, text);
}

/** Parse YAML text into a layer that can point at lines. Throws ConfigError on a syntax error. */
export function parseLayer(name: LayerName, source: string, text: string): LayerInput {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const position = syntax.linePos?.[0];
    const at = position === undefined ? "" : ` at line ${position.line}, column ${position.col}`;
    const [summary = syntax.message, excerpt = ""] = syntax.message.split(/ at line \d+, column \d+:\n/);
    const problem =
      syntax.code === "MULTIPLE_DOCS"
        ? "a configuration file holds one YAML document; remove the extra ---"
        : summary;
    const snippet =
      excerpt.trimEnd() === "" ? "" : `\n${excerpt.trimEnd().replace(/^\n*/, "").replace(/^/gm, "    ")}`;
    throw new ConfigError(`YAML syntax error in ${source}${at}: ${problem}${snippet}`, {
      file: source,
      code: "ConfigSyntax",
      hint: `Fix the YAML in ${source} (indentation uses spaces; quote values containing ": " or starting with *).`,
    });
  }
  return {
    name,
    source,
    data: doc.toJS(),
    locate: (path) => {
      const node = doc.getIn(path, true);
      if (!isNode(node) || node.range == null) return undefined;
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { line, column: col };
    },
  };
}

/** A path as the user should read it: ./relative inside the working directory, else absolute. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return path;
  return `.${sep}${rel}`;
}
