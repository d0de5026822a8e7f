/**
 * The CLI's IoHost: results go to stdout (written by commands), everything else to stderr.
 * Progress is a live status line on a TTY outside CI, and plain lines otherwise.
 */
import pc from "picocolors";
import type { IoHost, IoMessage, SpanEnd, SpanStart } from "../../core/io-host.js";

export interface CliIoHostOptions {
  stderr: (text: string) => void;
  isTTY: boolean;
  isCI: boolean;
  color: boolean;
  debug: boolean;
  /** Ask a question on the terminal; absent where nobody can answer (then the answer is no). */
  ask?: (question: string) => Promise<string>;
}

export function createCliIoHost(options: CliIoHostOptions): IoHost & { finish(): void } {
  const colors = pc.createColors(options.color);
  const live = options.isTTY && !options.isCI;
  const running = new Map<string, SpanStart>();
  let done = 0;
  let failed = 0;
  let statusShown = false;

  const clearStatus = () => {
    if (statusShown) options.stderr("\r\x1b[K");
    statusShown = false;
  };
  const showStatus = () => {
    if (!live) return;
    const names = [...running.values()].slice(0, 3).map((s) => s.label);
    const more = running.size > 3 ? ` +${running.size - 3}` : "";
    const line = `${colors.cyan("…")} ${done} done${failed ? colors.red(`, ${failed} failed`) : ""}, ${running.size} running: ${names.join(", ")}${more}`;
    options.stderr(`\r\x1b[K${line.slice(0, 160)}`);
    statusShown = true;
  };

  return {
    notify(message: IoMessage) {
      if (message.level === "debug" && !options.debug) return;
      clearStatus();
      const prefix =
        message.level === "error"
          ? colors.red("error: ")
          : message.level === "warn"
            ? colors.yellow("warning: ")
            : "";
      options.stderr(`${prefix}${message.message}\n`);
      showStatusIfRunning();
    },
    spanStart(span: SpanStart) {
      running.set(span.id, span);
      showStatus();
    },
    spanEnd(span: SpanEnd) {
      running.delete(span.id);
      done += 1;
      if (!span.ok) failed += 1;
      if (live) {
        if (!span.ok) {
          clearStatus();
          options.stderr(`${colors.red("✗")} ${span.label}: ${span.error ?? "failed"}\n`);
        }
        showStatus();
        return;
      }
      const counters = Object.entries(span.counters)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ");
      const mark = span.ok ? colors.green("✓") : colors.red("✗");
      const detail = span.ok ? counters : (span.error ?? "failed");
      options.stderr(
        `${mark} ${span.label}${detail ? `: ${detail}` : ""} (${Math.round(span.durationMs)} ms)\n`,
      );
    },
    async confirm(question: string) {
      if (!options.ask || !options.isTTY || options.isCI) return false;
      clearStatus();
      const answer = await options.ask(`${question} [y/N] `);
      return /^y(es)?$/i.test(answer.trim());
    },
    finish() {
      clearStatus();
    },
  };

  function showStatusIfRunning() {
    if (running.size > 0) showStatus();
  }
}
