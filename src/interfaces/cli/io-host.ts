/**
 * The CLI's IoHost: results go to stdout (written by commands), everything else to stderr.
 *
 * Progress of a partitioned run (spans, and the CW_ORC_I0002 plan message) is
 * - live on a TTY outside CI: a block redrawn in place — overall bar, %, partitions done,
 *   running, failed and time left; a line per account (queued / running / done / failed,
 *   resources so far); a line per running partition with its elapsed time;
 * - plain lines otherwise: one per finished partition, `✓ [12/120] label: 3 resources (40 ms)`;
 * - nothing with --quiet (which also drops info messages other than the announcement).
 */
import pc from "picocolors";
import type { IoHost, IoMessage, SpanEnd, SpanStart } from "../../core/io-host.js";
import { isProgressPlanData, ProgressBoard, type ProgressSnapshot } from "../../orchestrate/progress.js";
import { formatDuration } from "../../orchestrate/scope.js";

export interface CliIoHostOptions {
  stderr: (text: string) => void;
  isTTY: boolean;
  isCI: boolean;
  color: boolean;
  debug: boolean;
  /** No progress, no info messages (the announcement and warnings stay). */
  quiet?: boolean;
  /** Ask a question on the terminal; absent where nobody can answer (then the answer is no). */
  ask?: (question: string) => Promise<string>;
  /** Milliseconds clock for elapsed times (default performance.now). */
  clock?: () => number;
}

export interface CliIoHost extends IoHost {
  /** Whether a question can be put to a person (a TTY outside CI, with a way to ask). */
  readonly canAsk: boolean;
  /** Clear the live block (before the result is written, or on exit). */
  finish(): void;
}

const MAX_ACCOUNT_LINES = 8;
const MAX_RUNNING_LINES = 10;
const WIDTH = 100;
const REDRAW_MS = 80;

export function createCliIoHost(options: CliIoHostOptions): CliIoHost {
  const colors = pc.createColors(options.color);
  const live = options.isTTY && !options.isCI;
  const quiet = options.quiet === true;
  const clock = options.clock ?? (() => performance.now());
  const board = new ProgressBoard(clock);
  const canAsk = options.ask !== undefined && options.isTTY && !options.isCI;
  let drawnLines = 0;

  const clearBlock = () => {
    if (drawnLines === 0) return;
    options.stderr(`\r\x1b[${drawnLines}A\x1b[J`);
    drawnLines = 0;
  };
  const drawBlock = () => {
    if (!live || quiet) return;
    lastDraw = clock();
    const lines = renderBlock(board.snapshot(), lastDraw, colors);
    clearBlock();
    if (lines.length === 0) return;
    options.stderr(lines.map((l) => `${l.slice(0, WIDTH + 20)}\x1b[K\n`).join(""));
    drawnLines = lines.length;
  };
  const isDrawing = () => drawnLines > 0;
  // At most one redraw per REDRAW_MS: a fast run ends hundreds of spans a second.
  let lastDraw = Number.NEGATIVE_INFINITY;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const requestDraw = () => {
    if (!live || quiet) return;
    if (clock() - lastDraw >= REDRAW_MS) {
      drawBlock();
      return;
    }
    pending ??= setTimeout(() => {
      pending = undefined;
      drawBlock();
    }, REDRAW_MS);
    pending.unref?.();
  };

  return {
    canAsk,
    notify(message: IoMessage) {
      if (message.level === "debug" && !options.debug) return;
      if (message.code === "CW_ORC_I0002" && isProgressPlanData(message.data)) board.plan(message.data);
      if (quiet && message.level === "info" && message.code !== "CW_CTX_I0001") return;
      const wasDrawing = isDrawing();
      clearBlock();
      const prefix =
        message.level === "error"
          ? colors.red("error: ")
          : message.level === "warn"
            ? colors.yellow("warning: ")
            : "";
      options.stderr(`${prefix}${message.message}\n`);
      if (wasDrawing || board.hasPlan) drawBlock();
    },
    spanStart(span: SpanStart) {
      board.start(span);
      requestDraw();
    },
    spanEnd(span: SpanEnd) {
      board.end(span);
      if (quiet) return;
      if (live) {
        // The block counts failures; the workflow's warning names each one.
        requestDraw();
        return;
      }
      const s = board.snapshot();
      const counters = Object.entries(span.counters)
        .map(([k, v]) => `${v} ${v === 1 && k.endsWith("s") ? k.slice(0, -1) : k}`)
        .join(", ");
      const mark = span.ok ? colors.green("✓") : colors.red("✗");
      const detail = span.ok ? counters : (span.error ?? "failed");
      const position = s.total > 0 ? `[${s.resumed + s.done + s.failed}/${s.total}] ` : "";
      options.stderr(
        `${mark} ${position}${span.label}${detail ? `: ${detail}` : ""} (${Math.round(span.durationMs)} ms)\n`,
      );
    },
    async confirm(question: string) {
      if (!canAsk || options.ask === undefined) return false;
      clearBlock();
      const answer = await options.ask(`${question} [y/N] `);
      return /^y(es)?$/i.test(answer.trim());
    },
    finish() {
      if (pending !== undefined) clearTimeout(pending);
      pending = undefined;
      clearBlock();
    },
  };
}

/** What an account's finished partitions counted: `12 resources`, or `8 pages · 350 events`. */
function tallyOf(a: ProgressSnapshot["accounts"][number]): string {
  const counted = Object.entries(a.counters).filter(([name]) => name !== "resources" || a.resources > 0);
  return counted.length === 0
    ? `${a.resources} resources`
    : counted
        .map(([name, n]) => `${n} ${n === 1 && name.endsWith("s") ? name.slice(0, -1) : name}`)
        .join(" · ");
}

function renderBlock(s: ProgressSnapshot, now: number, c: ReturnType<typeof pc.createColors>): string[] {
  if (s.total === 0 && s.running.length === 0) return [];
  const barWidth = 24;
  const filled = Math.round((s.percent / 100) * barWidth);
  const bar = `${c.green("█".repeat(filled))}${c.dim("░".repeat(barWidth - filled))}`;
  const left = s.secondsLeft === undefined ? "" : ` · ${formatDuration(s.secondsLeft)} left`;
  const lines = [
    `${bar} ${String(s.percent).padStart(3)}% · ${s.resumed + s.done + s.failed}/${s.total} partitions · ${s.running.length} running · ${s.queued} queued${s.failed > 0 ? c.red(` · ${s.failed} failed`) : ""}${left}`,
  ];
  if (s.accounts.length > 1) {
    for (const a of s.accounts.slice(0, MAX_ACCOUNT_LINES)) {
      const state =
        a.queued + a.running === 0
          ? a.failed > 0
            ? c.red("done with failures")
            : c.green("done")
          : a.running > 0
            ? c.cyan("running")
            : c.dim("queued");
      lines.push(
        `  ${a.account}  ${state}  ${a.done} done · ${a.running} running · ${a.queued} queued${a.failed > 0 ? c.red(` · ${a.failed} failed`) : ""} · ${tallyOf(a)}`,
      );
    }
    if (s.accounts.length > MAX_ACCOUNT_LINES)
      lines.push(c.dim(`  … ${s.accounts.length - MAX_ACCOUNT_LINES} more accounts`));
  }
  for (const r of s.running.slice(0, MAX_RUNNING_LINES)) {
    lines.push(`  ${c.cyan("›")} ${r.label} ${c.dim(`${((now - r.startedAt) / 1000).toFixed(1)} s`)}`);
  }
  if (s.running.length > MAX_RUNNING_LINES)
    lines.push(c.dim(`  … ${s.running.length - MAX_RUNNING_LINES} more running`));
  return lines;
}
