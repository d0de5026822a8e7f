import { describe, expect, test } from "vitest";
import { AUDIT_FORMATS, isAuditFormat, renderAudit } from "../../../src/report/findings/index.js";
import { sampleAudit } from "../../_helpers/audit-fixtures.js";

describe("renderAudit", () => {
  test("knows the five formats and nothing else", () => {
    expect(AUDIT_FORMATS).toEqual(["table", "json", "markdown", "csv", "ocsf"]);
    expect(isAuditFormat("ocsf")).toBe(true);
    expect(isAuditFormat("html")).toBe(false);
    expect(isAuditFormat("")).toBe(false);
  });

  test.each(AUDIT_FORMATS)("dispatches %s to its renderer and ends with a line break", (format) => {
    const text = renderAudit(sampleAudit(), { format, color: false });
    expect(text.endsWith("\n")).toBe(true);
    expect(text).toContain("ec2.sg-open-ingress");
  });

  test("colours only the table, and only when asked", () => {
    const ANSI = new RegExp(String.fromCharCode(27) + "\\[[0-9;]*m");
    for (const format of AUDIT_FORMATS) {
      expect(renderAudit(sampleAudit(), { format, color: false })).not.toMatch(ANSI);
      if (format !== "table") expect(renderAudit(sampleAudit(), { format, color: true })).not.toMatch(ANSI);
    }
    expect(renderAudit(sampleAudit(), { format: "table", color: true })).toMatch(ANSI);
  });
});
