import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALL_CHECKS } from "../../src/core/checks/registry.js";
import { renderChecksDoc } from "../../src/report/checks-doc.js";

describe("docs/checks.md", () => {
  it("is what the checks' metadata renders (regenerate with npm run gen:checks-doc)", () => {
    const onDisk = readFileSync(new URL("../../docs/checks.md", import.meta.url), "utf8");
    expect(onDisk).toBe(renderChecksDoc(ALL_CHECKS));
  });

  it("has a section, with its remediation, for every check", () => {
    const doc = renderChecksDoc(ALL_CHECKS);
    for (const check of ALL_CHECKS) {
      expect(doc).toContain(`## ${check.id}\n`);
      expect(doc).toContain(check.remediation);
    }
  });
});
