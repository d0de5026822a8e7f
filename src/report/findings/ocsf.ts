/**
 * An audit as OCSF 1.1.0 Detection Findings (class_uid 2004, category_uid 2 "Findings"): a
 * JSON array with one event per finding, in the shape Security Hub and Prowler consumers read
 * (https://schema.ocsf.io/1.1.0/classes/detection_finding), with the `cloud` and `datetime`
 * profiles.
 *
 * Mapping (ours → OCSF):
 * - every event: activity_id 1 "Create", type_uid 200401 "Detection Finding: Create",
 *   class_uid 2004, category_uid 2; `time` is `generatedAt` in milliseconds since the epoch
 *   (OCSF timestamp_t), `time_dt` is `generatedAt` itself (ISO 8601).
 * - severity → severity_id / severity: critical 5 Critical, high 4 High, medium 3 Medium,
 *   low 2 Low, informational 1 Informational.
 * - status → status_id / status / status_code (status_code as Prowler writes it):
 *   - fail: 1 "New", FAIL;
 *   - suppressed: 3 "Suppressed", FAIL (it still fails; the configuration accepts it), with the
 *     reason in status_detail and `unmapped.suppression`;
 *   - not-evaluated and error are emitted too, and marked as what they are: status_id 99
 *     "Other" with status "Not Evaluated" / "Error", status_code NOT_EVALUATED / ERROR, and
 *     severity_id 0 "Unknown" (the check's own severity is in `unmapped.check_severity`).
 *     Dropping them would let a SIEM read a gap in the audit as a clean bill of health (a
 *     finding we could not evaluate is never a pass); giving them the check's severity, or
 *     status New, would raise alerts about problems nobody has seen. Consumers that want only
 *     detections keep status_id 1 and 3.
 * - finding_info: uid `aws-coworker/<check id>/<account>/<region>/<resource ARN, or id>`
 *   (stable between runs, so a consumer can update the same finding; check ids, accounts and
 *   regions hold no `/`, so it is unambiguous), title (the check's title), desc (the check's
 *   description), types [check id], created_time (= time).
 * - resources: one, uid = ARN (or the id when there is no ARN: account- and region-wide
 *   findings), name, type (our record kind, e.g. `security-group`), region, group.name (the
 *   service, from the check id), cloud_partition (from the ARN), labels `key:value` (the tags,
 *   as Prowler writes them) and data {id, tags} (the tags as an object).
 * - cloud: provider "AWS", account {uid, name (from Organizations, when known), type_id 10
 *   "AWS Account"}, region (`global` for account-wide findings, as in our own formats).
 * - remediation: desc (the check's remediation), references (the Well-Architected best
 *   practices and the CIS control, as text; we hold no URLs and invent none).
 * - metadata: version "1.1.0", product {uid "aws-coworker", name and vendor_name "AWS Coworker"}
 *   (no product version: the renderer does no I/O and the result does not carry one), profiles
 *   ["cloud", "datetime"], event_code (the check id).
 * - unmapped: evidence, monthly_cost_usd, pillars (the Well-Architected pillars with best
 *   practices), cis, the fix (CLI, IaC), our status and severity, the suppression, the
 *   permission a not-evaluated check needed, the workflow and run id.
 */
import type { AuditCheck, AuditResult } from "../../core/findings/audit-result.js";
import type { EvidenceObject, Finding, FindingStatus } from "../../core/findings/finding.js";
import type { Severity } from "../../core/findings/severity.js";
import { suppressionLabel } from "./overview.js";

export const OCSF_VERSION = "1.1.0";

export interface OcsfDetectionFinding {
  activity_id: 1;
  activity_name: "Create";
  category_uid: 2;
  category_name: "Findings";
  class_uid: 2004;
  class_name: "Detection Finding";
  type_uid: 200401;
  type_name: "Detection Finding: Create";
  severity_id: 0 | 1 | 2 | 3 | 4 | 5;
  severity: "Unknown" | "Informational" | "Low" | "Medium" | "High" | "Critical";
  status_id: 1 | 3 | 99;
  status: "New" | "Suppressed" | "Not Evaluated" | "Error";
  status_code: "FAIL" | "NOT_EVALUATED" | "ERROR";
  status_detail: string;
  time: number;
  time_dt: string;
  message: string;
  finding_info: {
    uid: string;
    title: string;
    desc: string;
    types: string[];
    created_time: number;
    created_time_dt: string;
  };
  resources: {
    uid: string;
    name: string;
    type: string;
    region: string;
    group: { name: string };
    cloud_partition?: string;
    labels: string[];
    data: { id: string; tags: Record<string, string> };
  }[];
  cloud: {
    provider: "AWS";
    account: { uid: string; name?: string; type_id: 10; type: "AWS Account" };
    region: string;
  };
  remediation: { desc: string; references: string[] };
  metadata: {
    version: typeof OCSF_VERSION;
    product: { uid: "aws-coworker"; name: "AWS Coworker"; vendor_name: "AWS Coworker" };
    profiles: ["cloud", "datetime"];
    event_code: string;
  };
  unmapped: {
    status: FindingStatus;
    check_severity: Severity;
    evidence: EvidenceObject;
    monthly_cost_usd?: number;
    pillars: { pillar: string; best_practice: string }[];
    cis?: string;
    fix: { cli?: string; iac?: string };
    suppression?: { reason: string; expires: string | null };
    permission?: string;
    workflow: string;
    run_id?: string;
  };
}

const SEVERITY: Record<Severity, { id: 1 | 2 | 3 | 4 | 5; name: OcsfDetectionFinding["severity"] }> = {
  critical: { id: 5, name: "Critical" },
  high: { id: 4, name: "High" },
  medium: { id: 3, name: "Medium" },
  low: { id: 2, name: "Low" },
  informational: { id: 1, name: "Informational" },
};

const STATUS: Record<FindingStatus, Pick<OcsfDetectionFinding, "status_id" | "status" | "status_code">> = {
  fail: { status_id: 1, status: "New", status_code: "FAIL" },
  suppressed: { status_id: 3, status: "Suppressed", status_code: "FAIL" },
  "not-evaluated": { status_id: 99, status: "Not Evaluated", status_code: "NOT_EVALUATED" },
  error: { status_id: 99, status: "Error", status_code: "ERROR" },
};

/** The stable id of a finding: the same check, account, region and resource give the same uid. */
export function ocsfFindingUid(f: Finding): string {
  return `aws-coworker/${f.checkId}/${f.account}/${f.region}/${f.resource.arn || f.resource.id}`;
}

export function toOcsfFindings(result: AuditResult): OcsfDetectionFinding[] {
  const time = Date.parse(result.generatedAt);
  const timeDt = result.generatedAt;
  const checks = new Map<string, AuditCheck>(result.checks.map((k) => [k.id, k]));
  const accountNames = new Map(result.accounts.map((a) => [a.id, a.name]));
  return result.findings.map((f) => {
    const check = checks.get(f.checkId);
    const isDetection = f.status === "fail" || f.status === "suppressed";
    const severity = isDetection ? SEVERITY[f.severity] : { id: 0 as const, name: "Unknown" as const };
    const accountName = accountNames.get(f.account);
    const partition = /^arn:([^:]+):/.exec(f.resource.arn)?.[1];
    const pillars = (check?.wellArchitected ?? []).map((w) => ({
      pillar: w.pillar,
      best_practice: w.bestPractice,
    }));
    const cis = check?.cis;
    return {
      activity_id: 1,
      activity_name: "Create",
      category_uid: 2,
      category_name: "Findings",
      class_uid: 2004,
      class_name: "Detection Finding",
      type_uid: 200401,
      type_name: "Detection Finding: Create",
      severity_id: severity.id,
      severity: severity.name,
      ...STATUS[f.status],
      status_detail: f.status === "suppressed" ? `suppressed: ${suppressionLabel(f)}` : f.message,
      time,
      time_dt: timeDt,
      message: f.message,
      finding_info: {
        uid: ocsfFindingUid(f),
        title: f.title,
        desc: check?.description ?? f.title,
        types: [f.checkId],
        created_time: time,
        created_time_dt: timeDt,
      },
      resources: [
        {
          uid: f.resource.arn || f.resource.id,
          name: f.resource.name ?? f.resource.id,
          type: f.resource.type,
          region: f.region,
          group: { name: f.checkId.split(".")[0] ?? f.checkId },
          ...(partition !== undefined && { cloud_partition: partition }),
          labels: Object.keys(f.resource.tags)
            .sort()
            .map((k) => `${k}:${f.resource.tags[k] ?? ""}`),
          data: { id: f.resource.id, tags: f.resource.tags },
        },
      ],
      cloud: {
        provider: "AWS",
        account: {
          uid: f.account,
          ...(accountName !== undefined && { name: accountName }),
          type_id: 10,
          type: "AWS Account",
        },
        region: f.region,
      },
      remediation: {
        desc: check?.remediation ?? "",
        references: [
          ...(check?.wellArchitected ?? []).map((w) => `AWS Well-Architected ${w.bestPractice}`),
          ...(cis === undefined ? [] : [`CIS AWS Foundations Benchmark v3.0.0 ${cis}`]),
        ],
      },
      metadata: {
        version: OCSF_VERSION,
        product: { uid: "aws-coworker", name: "AWS Coworker", vendor_name: "AWS Coworker" },
        profiles: ["cloud", "datetime"],
        event_code: f.checkId,
      },
      unmapped: {
        status: f.status,
        check_severity: f.severity,
        evidence: f.evidence,
        ...(f.monthlyCostUsd !== undefined && { monthly_cost_usd: f.monthlyCostUsd }),
        pillars,
        ...(cis !== undefined && { cis }),
        fix: { ...check?.fix },
        ...(f.suppression !== undefined && {
          suppression: { reason: f.suppression.reason, expires: f.suppression.expires ?? null },
        }),
        ...(f.permission !== undefined && { permission: f.permission }),
        workflow: result.workflow,
        ...(result.runId !== undefined && { run_id: result.runId }),
      },
    };
  });
}

/** The OCSF events as a JSON array, two-space indented, with a trailing newline. */
export function renderAuditOcsf(result: AuditResult): string {
  return `${JSON.stringify(toOcsfFindings(result), null, 2)}\n`;
}
