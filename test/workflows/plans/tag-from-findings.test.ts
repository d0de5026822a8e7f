/**
 * The tag blueprint from tag-compliance findings, end to end on the sandbox: the audit's JSON →
 * a plan that sets on each EC2 resource only the required tags it lacks (given, or the
 * finding's suggestion) → execution → the tag-compliance audit no longer reports them.
 */
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../../src/aws/sandbox/demo.js";
import { auditSettingsOf } from "../../../src/core/checks/settings.js";
import { silentIoHost } from "../../../src/core/io-host.js";
import { TAGGABLE_TYPES } from "../../../src/core/plans/blueprints/tag.js";
import { parseFindingsFile } from "../../../src/core/plans/findings-input.js";
import { renderAuditJson } from "../../../src/report/findings/json.js";
import { runAudit } from "../../../src/workflows/audit/index.js";
import { planHarness, type PlanHarness } from "../../_helpers/plan-harness.js";

const DEV = DEMO_ACCOUNTS.development;

async function tagCompliance(h: PlanHarness) {
  return runAudit(
    {
      workflow: "tag-compliance",
      regions: ["us-east-1"],
      settings: auditSettingsOf(h.config),
      suppressions: h.config.checks.suppressions,
    },
    { factory: h.readFactory, io: silentIoHost, account: DEV },
  );
}

const isEc2Missing = (f: { checkId: string; status: string; evidence: Record<string, unknown> }) =>
  f.checkId === "tags.missing-required" &&
  f.status === "fail" &&
  Object.hasOwn(TAGGABLE_TYPES, String(f.evidence["resourceType"]));

describe("the tag blueprint from tag-compliance findings", () => {
  test("tags each resource with what it lacks (given or suggested) and the audit then passes them", async () => {
    const h = await planHarness();
    const before = (await tagCompliance(h)).findings.filter(isEc2Missing);
    expect(before.length).toBeGreaterThan(0);
    const findings = parseFindingsFile(renderAuditJson(await tagCompliance(h)), "tags.json", "tag");
    const { plan } = await h.create({
      blueprint: "tag",
      findings,
      set: { "tags.Owner": "platform-team", "tags.CostCenter": "CC-1001", useSuggestions: "true" },
      regions: ["us-east-1"],
    });
    expect(plan.parameters).toMatchObject({ source: "findings", useSuggestions: true });
    // Only the keys each lacks: a tag it carries is never overwritten.
    for (const s of plan.steps) {
      const keys = (s.params["Tags"] as { Key: string }[]).map((t) => t.Key);
      for (const id of s.params["Resources"] as string[]) {
        const f = before.find((b) => b.resource.id === id)!;
        expect(keys.every((k) => (f.evidence["missing"] as string[]).includes(k))).toBe(true);
      }
    }
    expect(plan.blastRadius.isDestructive).toBe(false);
    const run = await h.execute(plan.id);
    expect(run.kind === "run" && run.status).toBe("completed");
    expect(h.mutationsReached().every((m) => m === "ec2:CreateTags")).toBe(true);
    const tagged = new Set(plan.steps.flatMap((s) => s.params["Resources"] as string[]));
    const after = (await tagCompliance(h)).findings.filter(isEc2Missing);
    expect(after.filter((f) => tagged.has(f.resource.id))).toEqual([]);
  });

  test("without values for what is missing, nothing can be tagged: refused before any call, saying why", async () => {
    const h = await planHarness();
    const findings = parseFindingsFile(renderAuditJson(await tagCompliance(h)), "tags.json", "tag");
    await expect(
      h.create({ blueprint: "tag", findings, set: {}, regions: ["us-east-1"] }),
    ).rejects.toMatchObject({
      code: "NothingToDo",
      message: expect.stringContaining("or --set useSuggestions=true"),
    });
    expect(h.mutationsReached()).toEqual([]);
  });
});
