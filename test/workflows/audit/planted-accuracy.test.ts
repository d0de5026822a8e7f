/**
 * Accuracy of the audits against estates with planted problems: every planted problem is found
 * (recall 100%) and no finding lands on a resource planted as clean (precision 100%), per
 * check — on the demo estate and on generated estates — end to end through the client
 * factory, the sandbox and the scan (every account of the organisation, every region).
 */
import { describe, expect, it } from "vitest";
import type { PlantedProblem, PlantedProblemKind } from "../../../src/aws/sandbox/planted.js";
import { buildDemoEstate, DEMO_NOW, DEMO_PLANTED_PROBLEMS } from "../../../src/aws/sandbox/demo.js";
import type { Estate } from "../../../src/aws/sandbox/estate.js";
import { generateEstate } from "../../../src/aws/sandbox/generate.js";
import type { CheckPack } from "../../../src/core/checks/check.js";
import { ALL_CHECKS } from "../../../src/core/checks/registry.js";
import { auditSettingsOf } from "../../../src/core/checks/settings.js";
import { CORE_DEFAULTS } from "../../../src/core/config/defaults.js";
import type { Finding } from "../../../src/core/findings/finding.js";
import { runAudit } from "../../../src/workflows/audit/index.js";
import { makeOrgFactories } from "../../_helpers/org-factory.js";
import { recordingIoHost } from "../../_helpers/recording-io-host.js";

/**
 * The planted kinds each check must report, and at which severity when the check grades its
 * findings. A check absent from this table must report nothing on these estates.
 */
const PLANTED_BY_CHECK: Readonly<
  Record<string, readonly { kind: PlantedProblemKind; severity?: Finding["severity"] }[]>
> = {
  "ec2.sg-open-ingress": [
    { kind: "sg-open-ssh-ipv4", severity: "critical" },
    { kind: "sg-open-rdp-ipv6", severity: "critical" },
  ],
  "ec2.sg-wide-port-range": [{ kind: "sg-wide-port-range" }],
  "ec2.sg-unused": [{ kind: "sg-unused" }],
  "ebs.volume-unattached": [{ kind: "ebs-unattached-volume" }],
  "ec2.eip-unassociated": [{ kind: "eip-unassociated" }],
  "ec2.eni-orphaned": [{ kind: "eni-orphaned" }],
  "ebs.snapshot-old": [{ kind: "ebs-snapshot-old" }],
  "elb.load-balancer-idle": [{ kind: "elb-idle" }],
  "rds.storage-unencrypted": [{ kind: "rds-unencrypted" }],
  "rds.publicly-accessible": [{ kind: "rds-public" }],
};

/** Checks whose truth these estates do not plant yet (their findings are not asserted). */
const NOT_PLANTED_YET = new Set([
  "ec2.sg-default-allows-traffic",
  "ec2.sg-redundant-rule",
  "ebs.snapshot-unencrypted",
  "ebs.volume-unencrypted",
  "ebs.gp2-volume",
  "rds.multi-az-off",
  "rds.backups-off",
  "ec2.previous-generation-type",
  "ec2.instance-stopped-long",
]);

const WORKFLOWS: readonly Exclude<CheckPack, "tag-compliance">[] = [
  "security",
  "sg-audit",
  "cleanup",
  "review",
];

async function auditAll(
  estate: Estate,
  profile: string,
  account: string,
  now: Date,
): Promise<Map<string, Finding[]>> {
  const byCheck = new Map<string, Finding[]>();
  for (const workflow of WORKFLOWS) {
    const { factory, factoryFor } = makeOrgFactories({ estate, profile });
    const result = await runAudit(
      {
        workflow,
        accounts: "all",
        regions: "all",
        settings: auditSettingsOf(CORE_DEFAULTS),
        suppressions: [],
        concurrency: 8,
      },
      { factory, factoryFor, io: recordingIoHost(), account, now: () => now },
    );
    expect(result.failures).toEqual([]);
    expect(result.findings.filter((f) => f.status === "error" || f.status === "not-evaluated")).toEqual([]);
    for (const f of result.findings) {
      const list = byCheck.get(f.checkId) ?? [];
      // A check in several packs reports the same finding in each: keep one.
      if (!list.some((g) => g.resource.arn === f.resource.arn && g.account === f.account)) list.push(f);
      byCheck.set(f.checkId, list);
    }
  }
  return byCheck;
}

const key = (account: string, region: string, id: string) => `${account} ${region} ${id}`;

function assertAccurate(byCheck: Map<string, Finding[]>, planted: readonly PlantedProblem[]): void {
  for (const check of ALL_CHECKS) {
    if (NOT_PLANTED_YET.has(check.id)) continue;
    const expected = PLANTED_BY_CHECK[check.id] ?? [];
    const want = planted
      .filter((p) => expected.some((e) => e.kind === p.problem))
      .map((p) => key(p.account, p.region, p.resourceId));
    const found = (byCheck.get(check.id) ?? []).map((f) => key(f.account, f.region, f.resource.id));
    expect({ check: check.id, found: [...new Set(found)].sort() }).toEqual({
      check: check.id,
      found: [...new Set(want)].sort(),
    });
    for (const e of expected.filter((x) => x.severity !== undefined)) {
      const ids = new Set(
        planted.filter((p) => p.problem === e.kind).map((p) => key(p.account, p.region, p.resourceId)),
      );
      for (const f of byCheck.get(check.id) ?? []) {
        if (ids.has(key(f.account, f.region, f.resource.id)))
          expect(`${check.id} ${f.resource.id} ${f.severity}`).toBe(
            `${check.id} ${f.resource.id} ${e.severity ?? ""}`,
          );
      }
    }
  }
}

describe("audit accuracy on planted estates", () => {
  it("finds every planted problem of the demo estate and nothing on its clean resources", async () => {
    const byCheck = await auditAll(buildDemoEstate(), "demo-mgmt", "111111111111", DEMO_NOW);
    assertAccurate(byCheck, DEMO_PLANTED_PROBLEMS);
  });

  it.each([11, 12])(
    "finds every planted problem of a generated estate (seed %i), precision and recall 100%%",
    async (seed) => {
      const now = new Date("2026-11-01T00:00:00Z");
      const { estate, expectedFindings } = generateEstate({
        accounts: 3,
        regions: ["us-east-1", "eu-west-1"],
        resourcesPerRegion: 150,
        seed,
        now,
        problemRates: {
          "sg-open-ssh-ipv4": 0.2,
          "sg-unused": 0.2,
          "ebs-unattached-volume": 0.2,
          "elb-idle": 0.3,
        },
      });
      const first = estate.accounts[0];
      const byCheck = await auditAll(estate, first?.profiles[0]?.name ?? "", first?.id ?? "", now);
      assertAccurate(byCheck, expectedFindings);
    },
  );
});
