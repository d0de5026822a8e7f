/**
 * A loopback fake of the Anthropic Messages API (node:http on 127.0.0.1, a free port): it records
 * every request and answers each `POST /v1/messages` with the next scripted reply — a Message in
 * the API's shape (id, type, role, model, content blocks, stop_reason, usage) or an error body.
 * A reply may be a function of the request, to answer what the conversation so far says (e.g.
 * execute the plan id the last tool result named).
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ContentBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
}
export interface ToolResultBlock {
  type: "tool_result";
  tool_use_id: string;
  is_error?: boolean;
  content: string | { type: string; text: string }[];
}
export interface MessagesRequest {
  model: string;
  max_tokens: number;
  system?: string | { type: "text"; text: string; cache_control?: { type: string } }[];
  tools?: { name: string; description: string; input_schema: unknown }[];
  messages: { role: "user" | "assistant"; content: string | (ContentBlock | ToolResultBlock)[] }[];
}
export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: MessagesRequest;
}
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}
export type Script = (request: MessagesRequest, index: number) => Reply;

export interface FakeMessagesApi {
  /** For ANTHROPIC_BASE_URL. */
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export async function startFakeMessagesApi(script: Script): Promise<FakeMessagesApi> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const body = (raw === "" ? {} : JSON.parse(raw)) as MessagesRequest;
      const index = requests.length;
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      const reply =
        req.method === "POST" && (req.url ?? "").split("?")[0] === "/v1/messages"
          ? script(body, index)
          : apiError(404, "not_found_error", `no route ${req.method} ${req.url}`);
      res.writeHead(reply.status, {
        "content-type": "application/json",
        "request-id": `req_fake_${index}`,
        ...reply.headers,
      });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** A Message: the assistant's turn, as the API sends it. */
export function message(
  request: MessagesRequest,
  content: ContentBlock[],
  stopReason: "end_turn" | "tool_use" | "max_tokens" | "refusal",
  index: number,
): Reply {
  return {
    status: 200,
    body: {
      id: `msg_fake_${index}`,
      type: "message",
      role: "assistant",
      model: request.model,
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      usage: {
        input_tokens: 100 + index,
        output_tokens: 20,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    },
  };
}

export const text = (t: string): ContentBlock => ({ type: "text", text: t });
export const toolUse = (id: string, name: string, input: Record<string, unknown>): ContentBlock => ({
  type: "tool_use",
  id,
  name,
  input,
});

/** An error as the API answers one. */
export function apiError(
  status: number,
  type: string,
  text: string,
  headers: Record<string, string> = {},
): Reply {
  return { status, headers, body: { type: "error", error: { type, message: text } } };
}

/** The tool_result blocks of the request's last user turn. */
export function lastToolResults(request: MessagesRequest): ToolResultBlock[] {
  const last = request.messages[request.messages.length - 1];
  if (last === undefined || typeof last.content === "string") return [];
  return last.content.filter((b): b is ToolResultBlock => b.type === "tool_result");
}

/** The text of a tool_result block. */
export function resultText(block: ToolResultBlock): string {
  return typeof block.content === "string" ? block.content : block.content.map((c) => c.text).join("\n");
}
