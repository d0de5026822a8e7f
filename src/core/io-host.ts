/**
 * How workflows talk to the person (or agent) running them. A workflow never prints:
 * it emits messages and progress spans through an IoHost, and the interface decides
 * where they go (stderr on the CLI, notifications over MCP, a list in tests).
 */
export type MessageLevel = "debug" | "info" | "warn" | "error" | "result";

export interface IoMessage {
  /** A code from core/events.ts, e.g. `CW_CTX_I0001`. Consumers match the code, never the text. */
  code: string;
  level: MessageLevel;
  message: string;
  data?: unknown;
}

export interface SpanStart {
  /** Stable id of the unit of work, e.g. `123456789012/eu-west-1/ec2`. */
  id: string;
  label: string;
}

export interface SpanEnd extends SpanStart {
  ok: boolean;
  durationMs: number;
  counters: Record<string, number>;
  error?: string;
}

export interface IoHost {
  notify(message: IoMessage): void;
  spanStart(span: SpanStart): void;
  spanEnd(span: SpanEnd): void;
  /** Ask a yes/no question. Hosts that cannot ask (CI, MCP) answer false. */
  confirm(question: string): Promise<boolean>;
}

/** An IoHost that drops everything and declines every question. */
export const silentIoHost: IoHost = {
  notify: () => undefined,
  spanStart: () => undefined,
  spanEnd: () => undefined,
  confirm: async () => false,
};
