/**
 * Estates on disk: the CLI keeps the live sandbox at `<workspace>/sandbox/estate.json`
 * between invocations, and users load captured or generated estates from files.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { ConfigError } from "../../core/errors.js";
import { loadEstate, saveEstate, type Estate } from "./estate.js";
import { firstJsonErrorOffset } from "./json-error.js";

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
}

/** Line and column (from 1) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

function jsonProblem(text: string): string {
  const offset = firstJsonErrorOffset(text);
  if (offset >= text.length) return "the text ends too early";
  const { line, column } = lineAndColumn(text, offset);
  return `unexpected ${JSON.stringify(text.charAt(offset))} at line ${line}, column ${column}`;
}

/** Read and validate an estate file. ConfigError (with `file`) when missing, not JSON, or not an estate. */
export async function loadEstateFile(path: string): Promise<Estate> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (isNodeError(error) && error.code === "ENOENT") {
      throw new ConfigError(`estate file ${path} does not exist`, {
        code: "EstateFileNotFound",
        file: path,
        hint: "check the path, or create a demo estate with the sandbox commands",
        cause: error,
      });
    }
    throw new ConfigError(
      `estate file ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      {
        code: "EstateFileUnreadable",
        file: path,
        cause: error,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`estate file ${path} is not valid JSON: ${jsonProblem(text)}`, {
      code: "EstateFileInvalidJson",
      file: path,
      cause: error,
    });
  }
  try {
    return loadEstate(json);
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new ConfigError(`estate file ${path} is not a valid estate: ${error.message}`, {
        code: error.code,
        file: path,
        ...(error.keyPath === undefined ? {} : { keyPath: error.keyPath }),
        ...(error.hint === undefined ? {} : { hint: error.hint }),
        cause: error,
      });
    }
    throw error;
  }
}

/** Write an estate as stable, pretty JSON, creating folders; atomic (temporary file, then rename). */
export async function saveEstateFile(path: string, estate: Estate): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(temporary, saveEstate(estate), "utf8");
  await rename(temporary, path);
}
