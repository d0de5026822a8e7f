/** The registry: well-formed, unique ids, each check in the file named after it, complete metadata. */
import { describe, expect, it } from "vitest";
import { CHECK_PACKS, PILLARS } from "../../../src/core/checks/check.js";
import { ALL_CHECKS, checksFor } from "../../../src/core/checks/registry.js";
import { isSeverity } from "../../../src/core/findings/severity.js";

const ID = /^([a-z0-9]+)\.([a-z0-9]+(?:-[a-z0-9]+)*)$/;
/** The Well-Architected best-practice prefix of each pillar (e.g. SEC05-BP02). */
const PILLAR_PREFIX = {
  security: "SEC",
  reliability: "REL",
  "cost-optimization": "COST",
  "operational-excellence": "OPS",
  "performance-efficiency": "PERF",
  sustainability: "SUS",
} as const;

describe("ALL_CHECKS", () => {
  it("has unique ids", () => {
    const ids = ALL_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(ALL_CHECKS.map((c) => [c.id, c] as const))("%s", (id, check) => {
    it("has a kebab-case id namespaced service.name", () => {
      expect(id).toMatch(ID);
    });

    it("is exported from src/core/checks/<service>/<name>.ts", async () => {
      const [, service, name] = ID.exec(id) ?? [];
      const module = (await import(`../../../src/core/checks/${service}/${name}.ts`)) as Record<
        string,
        unknown
      >;
      expect(Object.values(module)).toContain(check);
    });

    it("has a title, description, valid severity, packs and pillars", () => {
      expect(check.title.trim()).not.toBe("");
      expect(check.description.trim()).not.toBe("");
      expect(isSeverity(check.severity)).toBe(true);
      expect(check.packs.length).toBeGreaterThan(0);
      for (const pack of check.packs) expect(CHECK_PACKS).toContain(pack);
      expect(new Set(check.packs).size).toBe(check.packs.length);
      expect(check.wellArchitected.length).toBeGreaterThan(0);
      for (const { pillar, bestPractice } of check.wellArchitected) {
        expect(PILLARS).toContain(pillar);
        expect(bestPractice).toMatch(new RegExp(`^${PILLAR_PREFIX[pillar]}\\d{2}-BP\\d{2} \\S`));
      }
    });

    it("has a remediation and a fix", () => {
      expect(check.remediation.trim()).not.toBe("");
      const fixes = [check.fix.cli, check.fix.iac].filter((f) => f !== undefined && f.trim() !== "");
      expect(fixes.length).toBeGreaterThan(0);
    });

    it("does not use the kind it applies to, except to compare records of that kind", () => {
      expect(new Set(check.uses).size).toBe(check.uses.length);
      // Only to compare with its neighbours: groups referencing a group, tags to suggest values from.
      if (check.uses.includes(check.appliesTo))
        expect(["ec2.sg-unused", "tags.missing-required", "tags.invalid-value"]).toContain(id);
    });
  });
});

describe("checksFor", () => {
  it.each(CHECK_PACKS.filter((p) => p !== "review"))("runs exactly the checks of the %s pack", (pack) => {
    expect(checksFor(pack).map((c) => c.id)).toEqual(
      ALL_CHECKS.filter((c) => c.packs.includes(pack)).map((c) => c.id),
    );
  });

  it("reviews a pillar with every check serving it, whatever its pack, except the tag checks", () => {
    const security = checksFor("review", "security").map((c) => c.id);
    expect(security).toContain("ec2.sg-open-ingress");
    expect(security).toContain("rds.publicly-accessible");
    expect(security).not.toContain("ebs.gp2-volume");
    expect(checksFor("review", "reliability").map((c) => c.id)).toEqual(
      ALL_CHECKS.filter((c) => c.wellArchitected.some((w) => w.pillar === "reliability")).map((c) => c.id),
    );
    expect(checksFor("review", "reliability").map((c) => c.id)).toEqual(
      expect.arrayContaining(["rds.multi-az-off", "rds.backups-off", "vpc.single-az"]),
    );
    const cost = checksFor("review", "cost-optimization").map((c) => c.id);
    expect(cost).toContain("ebs.gp2-volume");
    expect(cost.filter((id) => id.startsWith("tags."))).toEqual([]);
  });

  it("reviews the review pack when no pillar is given", () => {
    expect(checksFor("review").every((c) => c.packs.includes("review"))).toBe(true);
  });

  it("gives every pillar at least one check", () => {
    for (const pillar of PILLARS) expect(checksFor("review", pillar).length).toBeGreaterThan(0);
  });
});
