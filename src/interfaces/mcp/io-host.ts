/**
 * The MCP host's IoHost: a session's messages and spans go to the server's log (stderr under
 * stdio; never stdout, which carries only the protocol), and, when the request carries a
 * progressToken, each partition that ends becomes an MCP progress notification. It always
 * answers `confirm` with false: an agent drafts plans, a person approves them.
 */
import type { ServerNotification } from "@modelcontextprotocol/sdk/types.js";
import { ProgressBoard, isProgressPlanData } from "../../orchestrate/progress.js";
import type { CliIoHost } from "../cli/io-host.js";

/** The part of a tool call's `extra` that progress needs. */
export interface ProgressChannel {
  _meta?: { progressToken?: string | number | undefined } | undefined;
  sendNotification: (notification: ServerNotification) => Promise<void>;
}

export function withMcpProgress(
  io: CliIoHost,
  channel: ProgressChannel,
  log: (text: string) => void,
): CliIoHost {
  const token = channel._meta?.progressToken;
  const board = new ProgressBoard(() => performance.now());
  const send = (message: string) => {
    if (token === undefined) return;
    const s = board.snapshot();
    channel
      .sendNotification({
        method: "notifications/progress",
        params: {
          progressToken: token,
          progress: s.resumed + s.done + s.failed,
          ...(s.total > 0 && { total: s.total }),
          message,
        },
      })
      .catch((error: unknown) =>
        log(
          `could not send a progress notification: ${error instanceof Error ? error.message : String(error)}\n`,
        ),
      );
  };
  return {
    canAsk: false,
    notify(message) {
      if (message.code === "CW_ORC_I0002" && isProgressPlanData(message.data)) {
        board.plan(message.data);
        send(message.message);
      }
      io.notify(message);
    },
    spanStart(span) {
      board.start(span);
      io.spanStart(span);
    },
    spanEnd(span) {
      board.end(span);
      io.spanEnd(span);
      send(`${span.ok ? "done" : "failed"}: ${span.label}`);
    },
    confirm: async () => false,
    finish: () => io.finish(),
  };
}
