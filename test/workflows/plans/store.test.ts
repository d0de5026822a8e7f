/** The plan store: `last`, ids that sort by time, and runs listed newest first. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { sealPlan } from "../../../src/core/plans/hash.js";
import { newId, PlanStore, sha256 } from "../../../src/workflows/plans/store.js";
import { planHarness } from "../../_helpers/plan-harness.js";

describe("the plan store", () => {
  test("ids sort by time to the millisecond", () => {
    const a = newId("plan", new Date("2026-12-04T10:00:00.100Z"), "vpc");
    const b = newId("plan", new Date("2026-12-04T10:00:00.900Z"), "rollback");
    expect(a).toMatch(/^plan-20261204-100000100-vpc-[0-9a-f]{4}$/);
    expect([b, a].sort()).toEqual([a, b]);
  });

  test("last is the plan made most recently, even when its id sorts first (same second, another label)", async () => {
    const h = await planHarness();
    const { plan } = await h.create({
      blueprint: "tag",
      select: "ec2:instance",
      set: { "tags.ReviewedBy": "x" },
      regions: ["us-east-1"],
    });
    const store = new PlanStore(mkdtempSync(join(tmpdir(), "cw-store-")));
    const { hash: _h, ...content } = plan;
    const older = sealPlan(
      { ...content, id: "plan-20261204-100000-zzz-0001", createdAt: "2026-12-04T10:00:00.100Z" },
      sha256,
    );
    const newer = sealPlan(
      { ...content, id: "plan-20261204-100000-aaa-0002", createdAt: "2026-12-04T10:00:00.900Z" },
      sha256,
    );
    store.save(older);
    store.save(newer);
    expect(store.load("last").id).toBe(newer.id);
  });
});
