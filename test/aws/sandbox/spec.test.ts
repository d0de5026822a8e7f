import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SIMULATED_OPERATIONS } from "../../../src/aws/sandbox/transport.js";

const spec = readFileSync(
  fileURLToPath(new URL("../../../src/aws/sandbox/SPEC.md", import.meta.url)),
  "utf8",
);

describe("SPEC.md", () => {
  const operations = Object.entries(SIMULATED_OPERATIONS).flatMap(([service, actions]) =>
    actions.map((a) => [service, a]),
  );

  it.each(operations)("documents %s %s", (_service, action) => {
    expect(spec).toContain(`\`${action}\``);
  });
});
