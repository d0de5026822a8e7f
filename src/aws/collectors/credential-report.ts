/**
 * The IAM credential report: GenerateCredentialReport, then GetCredentialReport (a CSV, one row
 * per user and `<root_account>` first). AWS builds it asynchronously and keeps it for four
 * hours; while it is being built, GetCredentialReport answers ReportInProgress and the call is
 * retried after a pause. The SDK names those wire codes after its own classes
 * (ReportInProgress → CredentialReportNotReadyException, ReportNotPresent →
 * CredentialReportNotPresentException, ReportExpired → CredentialReportExpiredException);
 * both spellings are recognised.
 */
import { GenerateCredentialReportCommand, GetCredentialReportCommand } from "@aws-sdk/client-iam";
import type { ClientFactory } from "../clients.js";
import { toAwsCallError, type CallSite } from "./aws-errors.js";

export interface CredentialReportRow {
  user: string;
  arn: string;
  userCreationTime: string | undefined;
  passwordEnabled: boolean;
  passwordLastUsed: string | undefined;
  mfaActive: boolean;
  accessKeys: {
    slot: 1 | 2;
    isActive: boolean;
    lastRotatedAt: string | undefined;
    lastUsedAt: string | undefined;
  }[];
}

/** GetCredentialReport's "not ready yet" answers, by wire code and by SDK class name. */
const REPORT_NOT_READY = new Set([
  "ReportInProgress",
  "ReportNotPresent",
  "ReportExpired",
  "CredentialReportNotReadyException",
  "CredentialReportNotPresentException",
  "CredentialReportExpiredException",
]);

/** The most the tool waits for AWS to build the report. */
const MAX_WAIT_MS = 60_000;

export async function readCredentialReport(
  factory: ClientFactory,
  site: Omit<CallSite, "action">,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<CredentialReportRow[]> {
  const client = await factory.iam();
  let waited = 0;
  let pause = 250;
  for (;;) {
    let action = "iam:GenerateCredentialReport";
    try {
      const generated = await client.send(new GenerateCredentialReportCommand({}));
      if (generated.State === "COMPLETE") {
        action = "iam:GetCredentialReport";
        const report = await client.send(new GetCredentialReportCommand({}));
        return parseCredentialReport(new TextDecoder().decode(report.Content ?? new Uint8Array()));
      }
    } catch (error) {
      const name = error instanceof Error ? error.name : "";
      if (!REPORT_NOT_READY.has(name) || waited >= MAX_WAIT_MS)
        throw toAwsCallError(error, { ...site, action });
    }
    if (waited >= MAX_WAIT_MS) {
      throw toAwsCallError(
        Object.assign(new Error(`the credential report was not ready after ${MAX_WAIT_MS / 1000} s`), {
          name: "ReportInProgress",
          $fault: "server",
          // An AWS answer (so it is reported as one, with the permission), not a bug.
          $metadata: {},
        }),
        { ...site, action: "iam:GetCredentialReport" },
      );
    }
    await sleep(pause);
    waited += pause;
    pause = Math.min(pause * 2, 5_000);
  }
}

/** Parse the report's CSV (AWS's column names; `N/A`, `no_information`, `not_supported` are absent values). */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = splitCsvLine(lines[0] ?? "");
  const col = (row: string[], name: string): string | undefined => {
    const i = header.indexOf(name);
    const v = i < 0 ? undefined : row[i];
    return v === undefined || ["N/A", "no_information", "not_supported", ""].includes(v) ? undefined : v;
  };
  return lines.slice(1).map((line) => {
    const row = splitCsvLine(line);
    const key = (slot: 1 | 2) => ({
      slot,
      isActive: col(row, `access_key_${slot}_active`) === "true",
      lastRotatedAt: col(row, `access_key_${slot}_last_rotated`),
      lastUsedAt: col(row, `access_key_${slot}_last_used_date`),
    });
    return {
      user: col(row, "user") ?? "",
      arn: col(row, "arn") ?? "",
      userCreationTime: col(row, "user_creation_time"),
      passwordEnabled: col(row, "password_enabled") === "true",
      passwordLastUsed: col(row, "password_last_used"),
      mfaActive: col(row, "mfa_active") === "true",
      accessKeys: [key(1), key(2)],
    };
  });
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(field);
      field = "";
    } else field += c;
  }
  out.push(field);
  return out;
}
