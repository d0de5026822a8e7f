import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/core/errors.js";
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import { saveEstate } from "../../../src/aws/sandbox/estate.js";
import { loadEstateFile, saveEstateFile } from "../../../src/aws/sandbox/store.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sandbox-store-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function refusal(path: string): Promise<ConfigError> {
  const error = await loadEstateFile(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe("estate files", () => {
  it("save → load round-trips, creating the folder", async () => {
    const estate = buildDemoEstate();
    const path = join(dir, "workspace", "sandbox", "estate.json");
    await saveEstateFile(path, estate);
    expect(await readFile(path, "utf8")).toBe(saveEstate(estate));
    expect(saveEstate(await loadEstateFile(path))).toBe(saveEstate(estate));
  });

  it("says when the file does not exist", async () => {
    const e = await refusal(join(dir, "missing.json"));
    expect(e.code).toBe("EstateFileNotFound");
    expect(e.file).toBe(join(dir, "missing.json"));
    expect(e.message).toContain("does not exist");
  });

  it("says where the JSON is broken", async () => {
    const path = join(dir, "broken.json");
    await writeFile(path, '{\n  "version": 1,\n  "company": oops\n}\n');
    const e = await refusal(path);
    expect(e.code).toBe("EstateFileInvalidJson");
    expect(e.message).toMatch(/is not valid JSON: unexpected "o" at line 3, column 14/);
  });

  it("says when the file is JSON but not an estate, naming file and path", async () => {
    const path = join(dir, "not-an-estate.json");
    await writeFile(
      path,
      JSON.stringify({
        version: 1,
        company: "x",
        capturedAt: "2026-01-01T00:00:00Z",
        accounts: [{ id: "1" }],
      }),
    );
    const e = await refusal(path);
    expect(e.code).toBe("EstateInvalid");
    expect(e.file).toBe(path);
    expect(e.keyPath).toBe("estate.accounts[0].name");
    expect(e.message).toContain("is not a valid estate: estate.accounts[0].name: is required");
  });
});
