import { describe, expect, test } from "vitest";
import { renderAuditJson } from "../../../src/report/findings/json.js";
import { sampleAudit } from "../../_helpers/audit-fixtures.js";

describe("renderAuditJson", () => {
  test("writes the whole result, keys in the object's order, two-space indented, with a trailing newline", () => {
    const result = sampleAudit();
    const text = renderAuditJson(result);
    expect(text.endsWith("}\n")).toBe(true);
    expect(
      text.startsWith('{\n  "workflow": "security",\n  "pillar": null,\n  "account": "111111111111",'),
    ).toBe(true);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(Object.keys(result));
    expect(parsed["findings"]).toHaveLength(result.findings.length);
  });

  test("writes absent values as null, and keeps the suppression, cost and permission of each finding", () => {
    const parsed = JSON.parse(renderAuditJson(sampleAudit())) as {
      runId: unknown;
      findings: { status: string; resource: { name: unknown }; suppression?: unknown; permission?: string }[];
    };
    expect(parsed.runId).toBeNull();
    const notEvaluated = parsed.findings.find((f) => f.status === "not-evaluated");
    expect(notEvaluated?.resource.name).toBeNull();
    expect(notEvaluated?.permission).toBe("rds:DescribeDBInstances");
    expect(parsed.findings.find((f) => f.status === "suppressed")?.suppression).toEqual({
      reason: "bastion host, approved by security",
      expires: "2027-01-31",
    });
  });
});
