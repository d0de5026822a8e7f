import { describe, expect, it } from "vitest";
import { pillarRecommendations, type AuditCheck } from "../../../src/core/findings/audit-result.js";

const check = (id: string, failed: number, practices: [string, string][]): AuditCheck =>
  ({
    id,
    title: `${id} title`,
    remediation: `fix ${id}`,
    failed,
    wellArchitected: practices.map(([pillar, bestPractice]) => ({ pillar, bestPractice })),
  }) as unknown as AuditCheck;

describe("pillarRecommendations", () => {
  it("groups the failing checks by the pillar's best practices, the most failed first", () => {
    const checks = [
      check("rds.multi-az-off", 2, [["reliability", "REL10-BP01"]]),
      check("vpc.single-az", 1, [["reliability", "REL10-BP01"]]),
      check("rds.backups-off", 1, [["reliability", "REL09-BP01"]]),
      check("s3.bucket-versioning-off", 0, [["reliability", "REL09-BP02"]]),
      check("ebs.gp2-volume", 5, [["cost-optimization", "COST06-BP01"]]),
    ];
    expect(pillarRecommendations({ pillar: "reliability", checks })).toEqual([
      {
        bestPractice: "REL10-BP01",
        failed: 3,
        checks: [
          {
            id: "rds.multi-az-off",
            title: "rds.multi-az-off title",
            failed: 2,
            remediation: "fix rds.multi-az-off",
          },
          { id: "vpc.single-az", title: "vpc.single-az title", failed: 1, remediation: "fix vpc.single-az" },
        ],
      },
      {
        bestPractice: "REL09-BP01",
        failed: 1,
        checks: [
          {
            id: "rds.backups-off",
            title: "rds.backups-off title",
            failed: 1,
            remediation: "fix rds.backups-off",
          },
        ],
      },
    ]);
  });

  it("is empty outside a review and when nothing failed", () => {
    expect(
      pillarRecommendations({ pillar: undefined, checks: [check("a.b", 3, [["security", "SEC01"]])] }),
    ).toEqual([]);
    expect(
      pillarRecommendations({ pillar: "security", checks: [check("a.b", 0, [["security", "SEC01"]])] }),
    ).toEqual([]);
  });
});
