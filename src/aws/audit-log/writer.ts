/**
 * The append-only, hash-chained audit log (JSON lines). Each record carries the hash of the
 * one before, so `audit-log verify` finds any edited, removed or reordered line. Appends are
 * synchronous so records land in call order even when many calls run in parallel.
 */
import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync } from "node:fs";
import { dirname } from "node:path";
import { GENESIS_HASH, hashRecord, type AuditEntry, type AuditRecord } from "./record.js";

export interface AuditSink {
  append(entry: AuditEntry): AuditRecord;
}

export interface AuditLogOptions {
  /** Clock for record timestamps (injected so tests are deterministic). */
  now?: () => Date;
}

export class AuditLog implements AuditSink {
  readonly file: string;
  private readonly now: () => Date;
  private seq: number;
  private prev: string;

  constructor(file: string, options: AuditLogOptions = {}) {
    this.file = file;
    this.now = options.now ?? (() => new Date());
    mkdirSync(dirname(file), { recursive: true });
    const last = readLastRecord(file);
    this.seq = last?.seq ?? 0;
    this.prev = last?.hash ?? GENESIS_HASH;
  }

  append(entry: AuditEntry): AuditRecord {
    const body: Omit<AuditRecord, "hash"> = {
      v: 1,
      seq: this.seq + 1,
      ts: this.now().toISOString(),
      prev: this.prev,
      ...entry,
    };
    const record: AuditRecord = { ...body, hash: hashRecord(body) };
    appendFileSync(this.file, JSON.stringify(record) + "\n", { mode: 0o600 });
    this.seq = record.seq;
    this.prev = record.hash;
    return record;
  }
}

/** An in-memory sink, for library users who keep their own log, and for tests. */
export class MemoryAuditSink implements AuditSink {
  readonly records: AuditRecord[] = [];
  private readonly now: () => Date;

  constructor(options: AuditLogOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  append(entry: AuditEntry): AuditRecord {
    const last = this.records.at(-1);
    const body: Omit<AuditRecord, "hash"> = {
      v: 1,
      seq: (last?.seq ?? 0) + 1,
      ts: this.now().toISOString(),
      prev: last?.hash ?? GENESIS_HASH,
      ...entry,
    };
    const record = { ...body, hash: hashRecord(body) };
    this.records.push(record);
    return record;
  }
}

/** Read the last complete line of the log without reading the whole file. */
function readLastRecord(file: string): AuditRecord | undefined {
  if (!existsSync(file)) return undefined;
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return undefined;
    const chunk = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(chunk);
    readSync(fd, buf, 0, chunk, size - chunk);
    const lines = buf
      .toString("utf8")
      .split("\n")
      .filter((l) => l.trim() !== "");
    const lastLine = lines.at(-1);
    if (lastLine === undefined) return undefined;
    try {
      return JSON.parse(lastLine) as AuditRecord;
    } catch (cause) {
      throw new Error(
        `the audit log ${file} ends with a line that is not JSON; run "aws-coworker audit-log verify" to find where it was damaged`,
        { cause },
      );
    }
  } finally {
    closeSync(fd);
  }
}
