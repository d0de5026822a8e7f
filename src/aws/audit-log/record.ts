import { createHash } from "node:crypto";
import { canonicalJson } from "../../core/canonical-json.js";
import type { ActionClass } from "../../core/safety/actions.js";

/** What the audit middleware knows about one AWS call. Never holds credentials or parameters in clear. */
export interface AuditEntry {
  /** Who: the OS user running the tool and the AWS principal, once known. */
  who: { osUser: string; callerArn: string | undefined };
  profile: string;
  account: string | undefined;
  region: string;
  /** `service:Action`. */
  action: string;
  class: ActionClass;
  /** sha256 of the canonical JSON of the call's input, after the SDK's own sensitive-field filter. */
  paramsDigest: string;
  outcome: "ok" | "refused" | "error";
  /** Refusal code or AWS error name. */
  errorName?: string;
  durationMs: number;
  attempts?: number;
  requestId?: string;
  transport: "aws" | "sandbox";
}

/** One line of the audit log: the entry, its place in the chain and the chain hashes. */
export interface AuditRecord extends AuditEntry {
  v: 1;
  seq: number;
  ts: string;
  /** Hash of the previous record ("0"×64 for the first). */
  prev: string;
  /** sha256 over the canonical JSON of every other field of this record. */
  hash: string;
}

export const GENESIS_HASH = "0".repeat(64);

export function hashRecord(record: Omit<AuditRecord, "hash">): string {
  return createHash("sha256").update(canonicalJson(record)).digest("hex");
}

export function digestParams(params: unknown): string {
  return (
    "sha256:" +
    createHash("sha256")
      .update(canonicalJson(params ?? {}))
      .digest("hex")
  );
}
