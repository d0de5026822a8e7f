/** Verify the audit log's hash chain and report the first bad record. */
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { GENESIS_HASH, hashRecord, type AuditRecord } from "./record.js";

export type AuditVerifyResult =
  | { ok: true; file: string; records: number; lastHash: string }
  | {
      ok: false;
      file: string;
      /** 1-based line number of the first bad record. */
      line: number;
      seq: number | undefined;
      problem: string;
      /** Records before the bad one, which do verify. */
      validRecords: number;
    };

export async function verifyAuditLog(file: string): Promise<AuditVerifyResult> {
  if (!existsSync(file)) return { ok: true, file, records: 0, lastHash: GENESIS_HASH };
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let lineNo = 0;
  let count = 0;
  const bad = (seq: number | undefined, problem: string): AuditVerifyResult => {
    lines.close();
    return { ok: false, file, line: lineNo, seq, problem, validRecords: count };
  };
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() === "") return bad(undefined, "empty line: a record was removed or the file was edited");
    let record: AuditRecord;
    try {
      record = JSON.parse(line) as AuditRecord;
    } catch {
      return bad(undefined, "not valid JSON: the line was edited or truncated");
    }
    const { hash, ...body } = record;
    if (typeof record.seq !== "number" || typeof hash !== "string") {
      return bad(undefined, "not an audit record (no seq or hash)");
    }
    if (hashRecord(body) !== hash) {
      return bad(record.seq, "its content does not match its hash: the record was edited");
    }
    if (record.prev !== prev) {
      return bad(
        record.seq,
        record.seq > expectedSeq
          ? `records ${expectedSeq}..${record.seq - 1} are missing: removed`
          : record.seq < expectedSeq
            ? "it is out of order: records were reordered"
            : "its previous-hash link is broken: a record before it was removed, reordered or replaced",
      );
    }
    if (record.seq !== expectedSeq) {
      return bad(record.seq, `sequence number ${record.seq} where ${expectedSeq} was expected`);
    }
    prev = hash;
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, file, records: count, lastHash: prev };
}
