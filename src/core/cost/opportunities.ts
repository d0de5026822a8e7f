/**
 * Optimisation opportunities, each with its estimated monthly saving and the command that shows
 * the detail: the unused resources the cleanup checks find (their own cost figures), gp2 → gp3
 * and previous-generation instance types (the review checks), and Cost Explorer's rightsizing
 * and Savings Plans purchase recommendations.
 */
import type { Finding } from "../findings/finding.js";
import type { CostExplorerData } from "./cost-data.js";
import type { CostOpportunity } from "./cost-overview.js";

/** The checks whose failures are opportunities, and what kind. */
const CHECK_KINDS: Readonly<Record<string, CostOpportunity["kind"]>> = {
  "ebs.gp2-volume": "gp2-to-gp3",
  "ec2.previous-generation-type": "previous-generation",
};

export interface OpportunityScope {
  /** The flags that scope the cleanup/review commands as this run was scoped, e.g. `--regions us-east-1`. */
  scopeFlags: string;
}

const round = (n: number): number => Math.round(n * 100) / 100;

export function costOpportunities(
  findings: readonly Finding[],
  ce: Pick<CostExplorerData, "rightsizing" | "savingsPlan"> | undefined,
  scope: OpportunityScope,
): CostOpportunity[] {
  const flags = scope.scopeFlags === "" ? "" : ` ${scope.scopeFlags}`;
  const out: CostOpportunity[] = [];
  const kindOf = (f: Finding): CostOpportunity["kind"] | undefined =>
    f.status !== "fail"
      ? undefined
      : (CHECK_KINDS[f.checkId] ?? (f.monthlyCostUsd !== undefined ? "unused-resource" : undefined));
  // Deleting an unused resource saves all it costs: it is not also counted for a cheaper type.
  const unused = new Set(
    findings.filter((f) => kindOf(f) === "unused-resource").map((f) => `${f.account}|${f.resource.arn}`),
  );
  for (const f of findings) {
    const kind = kindOf(f);
    if (kind === undefined) continue;
    if (kind !== "unused-resource" && unused.has(`${f.account}|${f.resource.arn}`)) continue;
    const evidenceSaving = f.evidence["monthlySavingUsd"];
    const monthlySaving =
      kind === "unused-resource"
        ? f.monthlyCostUsd
        : typeof evidenceSaving === "number"
          ? evidenceSaving
          : undefined;
    const basis = f.evidence["costBasis"];
    out.push({
      kind,
      source: f.checkId,
      title: f.title,
      account: f.account,
      region: f.region,
      resourceId: f.resource.id,
      monthlySaving,
      basis:
        typeof basis === "string"
          ? basis
          : monthlySaving === undefined
            ? "not estimated: the price table has no instance prices; Cost Explorer's rightsizing covers running instances"
            : "the check's estimate from the built-in price table",
      command:
        kind === "unused-resource"
          ? `aws-coworker cleanup${flags}`
          : `aws-coworker review --pillar cost${flags}`,
    });
  }
  for (const r of ce?.rightsizing ?? []) {
    out.push({
      kind: "rightsizing",
      source: "ce:GetRightsizingRecommendation",
      title:
        r.action === "TERMINATE"
          ? `Terminate idle instance (${r.currentType ?? "?"})`
          : `Rightsize ${r.currentType ?? "?"} → ${r.targetType ?? "?"}`,
      account: r.account,
      region: r.region ?? "global",
      resourceId: r.resourceId,
      monthlySaving: round(r.monthlySaving),
      basis: "Cost Explorer rightsizing recommendation (same instance family)",
      command: "aws ce get-rightsizing-recommendation --service AmazonEC2",
    });
  }
  const sp = ce?.savingsPlan;
  if (sp !== undefined) {
    out.push({
      kind: "savings-plan",
      source: "ce:GetSavingsPlansPurchaseRecommendation",
      title: `Buy a Compute Savings Plan: $${sp.hourlyCommitment.toFixed(2)}/hour, 1 year, no upfront`,
      account: "",
      region: "global",
      resourceId: "",
      monthlySaving: round(sp.monthlySaving),
      basis: "Cost Explorer Savings Plans purchase recommendation (30-day lookback)",
      command:
        "aws ce get-savings-plans-purchase-recommendation --savings-plans-type COMPUTE_SP --term-in-years ONE_YEAR --payment-option NO_UPFRONT --lookback-period-in-days THIRTY_DAYS",
    });
  }
  return out.sort(
    (a, b) => (b.monthlySaving ?? -1) - (a.monthlySaving ?? -1) || (a.resourceId < b.resourceId ? -1 : 1),
  );
}
