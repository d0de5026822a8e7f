/** An IoHost that records every message and span, for assertions. Declines every question. */
import type { IoHost, IoMessage, SpanEnd, SpanStart } from "../../src/core/io-host.js";

export type RecordedSpan = ({ kind: "start" } & SpanStart) | ({ kind: "end" } & SpanEnd);

export interface RecordingIoHost extends IoHost {
  messages: IoMessage[];
  spans: RecordedSpan[];
}

export function recordingIoHost(): RecordingIoHost {
  const messages: IoMessage[] = [];
  const spans: RecordedSpan[] = [];
  return {
    messages,
    spans,
    notify: (message) => void messages.push(message),
    spanStart: (span) => void spans.push({ kind: "start", ...span }),
    spanEnd: (span) => void spans.push({ kind: "end", ...span }),
    confirm: async () => false,
  };
}
