/**
 * `aws-coworker ask --llm "<request>"`: Claude answers the request with the MCP server's tools.
 * Our MCP server runs in process (the options `aws-coworker mcp` builds) and an MCP client talks
 * to it over an in-memory transport; its tools go to the Messages API as Claude's tools, and each
 * tool_use Claude sends is called through that client. So every AWS call goes through the MCP
 * tools: the same sessions, client factory, gate and audit log as the CLI and `mcp`. Like `ask`
 * without --llm, it reads and drafts and never changes AWS: Claude gets every tool but `execute`
 * (NOT_OFFERED), and a call of a tool it was not given is answered as an error without reaching
 * the server. There is no approve tool either; the person approves and executes at the CLI.
 */
import Anthropic from "@anthropic-ai/sdk";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpError, type CallToolResult, type Tool as McpTool } from "@modelcontextprotocol/sdk/types.js";
import { AbortError, ModelCallError } from "../../core/errors.js";
import { isSandboxMode, type GlobalOptions } from "../cli/cli-env.js";
import { createMcpServer, type McpServerOptions } from "../mcp/server.js";

/**
 * The MCP tools Claude is not given: ask drafts changes, it never makes them (the offline router
 * refuses "execute …" the same way), so no model's guess can run a plan — not even one the
 * approval mode would let run without a person.
 */
export const NOT_OFFERED: ReadonlySet<string> = new Set(["execute"]);

/** The most Messages API calls one request makes; then it stops and says so. */
export const MAX_TURNS = 12;
/** Room for adaptive thinking and the answer; low enough for a non-streaming request. */
const MAX_TOKENS = 16_000;
/** The structured data a tool result passes to Claude, at most (≈ 40k tokens: one account's inventory in every region fits); the rest is cut, with a note. */
export const MAX_DATA_CHARS = 150_000;

export interface LlmAskOptions {
  request: string;
  model: string;
  apiKey: string;
  /** Another endpoint of the Messages API (ANTHROPIC_BASE_URL): a proxy, or the tests' loopback fake. */
  baseURL: string | undefined;
  /** The options `aws-coworker mcp` would serve with (globals, log = stderr, env, cwd, OS user). */
  server: McpServerOptions;
  version: string;
  /** A line for the person (stderr): each tool Claude calls, a failed call, Claude's text between calls. */
  show: (line: string) => void;
  signal?: AbortSignal | undefined;
}

export interface LlmAskResult {
  /** Claude's last text: the answer. */
  text: string;
  /** answered: Claude ended its turn; turn-cap: still calling tools after MAX_TURNS; stopped: another stop reason. */
  outcome: "answered" | "turn-cap" | "stopped";
  stopReason: string | null;
}

/** What the model is told: what AWS Coworker is, where it works, and that it never approves. */
export function systemPrompt(globals: GlobalOptions): string {
  const isSandbox = isSandboxMode(globals);
  return [
    "You are AWS Coworker, a safety-first coworker for operating AWS accounts. A person asks you something at their terminal; answer it with the tools. Each tool reads AWS through AWS Coworker's gate and audit log (context, inventory, the audits, cost, recent changes, plans and runs) or drafts a change plan; every result starts from the announcement (profile, account, classification, permissions).",
    isSandbox
      ? "You work against the sandbox: a simulated AWS estate (the demo organisation, or an estate saved to a file), not a real account."
      : "You work against real AWS accounts.",
    globals.profile === undefined
      ? `The person named no profile: leave \`profile\` out to use the default (${isSandbox ? "demo-dev in the sandbox" : "$AWS_PROFILE"}), or pass the one the request names; call context to see the account.`
      : `The person chose the profile "${globals.profile}": leave \`profile\` out (it is the default) unless the request names another.`,
    "Regions and accounts: pass `regions` (codes, or all) and `accounts` when the request names them; otherwise the profile's default region and account are used.",
    "Changes: draft them with the plan_create_<blueprint> tools (or rollback for a run), then tell the person the plan id, what it changes and its blast radius. You cannot approve or execute a plan and no tool here can: tell the person to review it and run `aws-coworker plan approve <plan id>` in their own terminal, then `aws-coworker execute <plan id>`. Never look for another way to make a change (no aws CLI, no console steps).",
    "Answer briefly in plain text for a terminal: the facts the tools returned (resource ids, accounts, regions, figures), and what you did not check.",
  ].join("\n\n");
}

/** The MCP server in process and a client connected to it; `close` ends both. */
async function connect(
  server: McpServerOptions,
  version: string,
): Promise<{ client: Client; close(): Promise<void> }> {
  const mcp = createMcpServer(server, version);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await mcp.connect(serverSide);
  const client = new Client({ name: "aws-coworker-ask", version });
  await client.connect(clientSide);
  return {
    client,
    close: async () => {
      await client.close();
      await mcp.close();
    },
  };
}

/** The server's tools Claude is given: all MCP lists but NOT_OFFERED. */
async function offeredTools(client: Client): Promise<McpTool[]> {
  return (await client.listTools()).tools.filter((t) => !NOT_OFFERED.has(t.name));
}

/** The tools Claude would get (for `ask --llm --dry-run`). */
export async function listMcpTools(server: McpServerOptions, version: string): Promise<McpTool[]> {
  const { client, close } = await connect(server, version);
  try {
    return await offeredTools(client);
  } finally {
    await close();
  }
}

/** An MCP tool as a Messages API tool: same name, description and input schema. */
export function anthropicTool(tool: McpTool): Anthropic.Messages.Tool {
  return {
    name: tool.name,
    description: tool.description ?? tool.title ?? tool.name,
    input_schema: tool.inputSchema,
  };
}

export async function askClaude(options: LlmAskOptions): Promise<LlmAskResult> {
  const anthropic = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    logger: sdkLogger(options.server.log),
  });
  const { client, close } = await connect(options.server, options.version);
  try {
    const tools = (await offeredTools(client)).map(anthropicTool);
    const offered = new Set(tools.map((t) => t.name));
    const system = systemPrompt(options.server.globals);
    const messages: Anthropic.Messages.MessageParam[] = [{ role: "user", content: options.request }];
    for (let turn = 1; ; turn++) {
      const response = await createMessage(anthropic, options, { system, tools, messages });
      const text = textOf(response.content);
      const uses = response.content.filter((b) => b.type === "tool_use");
      const done = (outcome: LlmAskResult["outcome"]): LlmAskResult => ({
        text,
        outcome,
        stopReason: response.stop_reason,
      });
      if (response.stop_reason !== "tool_use" || uses.length === 0) {
        return done(
          response.stop_reason === "end_turn" || response.stop_reason === "stop_sequence"
            ? "answered"
            : "stopped",
        );
      }
      if (turn >= MAX_TURNS) return done("turn-cap");
      if (text !== "") options.show(`  ${text.replace(/\n/g, "\n  ")}\n`);
      // The assistant's turn goes back as it came (thinking blocks included), then one tool_result per tool_use.
      messages.push({ role: "assistant", content: response.content });
      const results: Anthropic.Messages.ToolResultBlockParam[] = [];
      for (const use of uses) {
        // Ctrl-C: the tool call running finishes (as at the CLI), no other starts.
        if (options.signal?.aborted === true) throw interrupted();
        options.show(`→ tool ${use.name} ${JSON.stringify(use.input)}\n`);
        const result = offered.has(use.name) ? await callTool(client, use) : notOffered(use.name);
        if (result.isError === true) options.show(`← ${use.name} failed: ${firstLine(result)}\n`);
        results.push(toolResultBlock(use.id, result));
      }
      messages.push({ role: "user", content: results });
    }
  } finally {
    await close();
  }
}

async function createMessage(
  anthropic: Anthropic,
  options: LlmAskOptions,
  body: { system: string; tools: Anthropic.Messages.Tool[]; messages: Anthropic.Messages.MessageParam[] },
): Promise<Anthropic.Messages.Message> {
  try {
    return await anthropic.messages.create(
      {
        model: options.model,
        max_tokens: MAX_TOKENS,
        tools: body.tools,
        ...cacheBreakpoints(body.system, body.messages),
      },
      options.signal === undefined ? {} : { signal: options.signal },
    );
  } catch (error) {
    throw modelCallFailure(error, options.model);
  }
}

/**
 * Prompt caching: every turn resends the tools (~20 KB), the system prompt and the conversation
 * so far. A breakpoint after the system prompt caches tools + system across turns and requests;
 * one on the newest message's last block caches the conversation up to it for the next turn.
 */
export function cacheBreakpoints(
  system: string,
  messages: readonly Anthropic.Messages.MessageParam[],
): { system: Anthropic.Messages.TextBlockParam[]; messages: Anthropic.Messages.MessageParam[] } {
  const ephemeral = { type: "ephemeral" } as const;
  // The newest message is the person's request or the tool results: a user message.
  const marked = messages.map((m, i): Anthropic.Messages.MessageParam => {
    if (i !== messages.length - 1 || m.role !== "user") return m;
    const blocks =
      typeof m.content === "string" ? [{ type: "text" as const, text: m.content }] : [...m.content];
    const last = blocks[blocks.length - 1];
    if (last === undefined || last.type === "thinking" || last.type === "redacted_thinking") return m;
    blocks[blocks.length - 1] = { ...last, cache_control: ephemeral };
    return { role: "user", content: blocks };
  });
  return { system: [{ type: "text", text: system, cache_control: ephemeral }], messages: marked };
}

/** A tool Claude was not given: answered here, the server never sees the call. */
function notOffered(name: string): CallToolResult {
  const text = NOT_OFFERED.has(name)
    ? `${name} is not available here: ask reads and drafts plans, it never executes one. Tell the person to review the plan, approve it with \`aws-coworker plan approve <plan id>\` and run \`aws-coworker execute <plan id>\` in their own terminal.`
    : `there is no tool "${name}"; the tools are the ones listed in this request (none approves or executes a plan).`;
  return { isError: true, content: [{ type: "text", text }] };
}

/** Call the tool Claude asked for; a protocol error (say, a tool the server does not have) becomes an error result Claude can correct. */
async function callTool(client: Client, use: Anthropic.Messages.ToolUseBlock): Promise<CallToolResult> {
  const args =
    typeof use.input === "object" && use.input !== null ? (use.input as Record<string, unknown>) : {};
  try {
    return (await client.callTool({ name: use.name, arguments: args })) as CallToolResult;
  } catch (error) {
    if (!(error instanceof McpError)) throw error;
    return { isError: true, content: [{ type: "text", text: error.message }] };
  }
}

/** A tool result for the Messages API: the tool's text, then its structured data as JSON (cut at MAX_DATA_CHARS). */
export function toolResultBlock(
  toolUseId: string,
  result: CallToolResult,
): Anthropic.Messages.ToolResultBlockParam {
  const texts = result.content.map((c) => (c.type === "text" ? c.text : `[${c.type} content not shown]`));
  if (result.structuredContent !== undefined) {
    const json = JSON.stringify(result.structuredContent);
    texts.push(
      json.length <= MAX_DATA_CHARS
        ? `Data (JSON): ${json}`
        : `Data (JSON, the first ${MAX_DATA_CHARS} of ${json.length} characters; ask for fewer services, regions or accounts for the rest): ${json.slice(0, MAX_DATA_CHARS)}`,
    );
  }
  const content = texts.filter((t) => t.trim() !== "").map((text) => ({ type: "text" as const, text }));
  return {
    type: "tool_result",
    tool_use_id: toolUseId,
    content: content.length > 0 ? content : [{ type: "text", text: "(no output)" }],
    ...(result.isError === true && { is_error: true }),
  };
}

function textOf(content: readonly Anthropic.Messages.ContentBlock[]): string {
  return content
    .flatMap((b) => (b.type === "text" ? [b.text] : []))
    .join("\n")
    .trim();
}

function firstLine(result: CallToolResult): string {
  const first = result.content.find((c) => c.type === "text");
  return (first?.type === "text" ? first.text : "").split("\n")[0] ?? "";
}

/** The SDK's own log lines (warnings; debug with ANTHROPIC_LOG) go to stderr, never stdout. */
function sdkLogger(
  log: (text: string) => void,
): NonNullable<ConstructorParameters<typeof Anthropic>[0]>["logger"] {
  const line =
    (level: string) =>
    (message: string, ...rest: unknown[]) =>
      log(
        `anthropic sdk ${level}: ${[message, ...rest.map((r) => (typeof r === "string" ? r : JSON.stringify(r)))].join(" ")}\n`,
      );
  return { error: line("error"), warn: line("warn"), info: line("info"), debug: line("debug") };
}

function interrupted(): AbortError {
  return new AbortError("Interrupted: Claude was stopped; the tool calls already made are in the audit log.");
}

const DROP_LLM = "or drop --llm to use the offline router";

/** A Messages API failure as an error the CLI prints plainly (exit 4); anything else passes through. */
export function modelCallFailure(error: unknown, model: string): unknown {
  if (error instanceof Anthropic.APIUserAbortError) return interrupted();
  if (error instanceof Anthropic.APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${causeText(error.cause)}` : "";
    return new ModelCallError(
      `could not reach the Anthropic API${error instanceof Anthropic.APIConnectionTimeoutError ? " (timed out)" : ""}${cause}`,
      { hint: `check the network and ANTHROPIC_BASE_URL, and try again; ${DROP_LLM}`, cause: error },
    );
  }
  if (!(error instanceof Anthropic.APIError)) return error;
  const status = error.status;
  const detail = `${status ?? "?"}${error.type === null ? "" : ` ${error.type}`}${error.apiMessage === null ? "" : `: ${error.apiMessage}`}${error.requestID == null ? "" : `; request ${error.requestID}`}`;
  const failed = (message: string, hint: string) =>
    new ModelCallError(`${message} (${detail})`, {
      hint,
      cause: error,
      ...(status !== undefined && { status }),
    });
  if (status === 401 || status === 403) {
    return failed(
      "the Anthropic API did not accept the API key",
      `check ANTHROPIC_API_KEY (a key from the Claude Console); ${DROP_LLM}`,
    );
  }
  if (status === 404 || status === 400) {
    return failed(
      `the Anthropic API refused the request for model "${model}"`,
      "check --model (or ask.model in the configuration) names a model your key may use",
    );
  }
  if (status === 429) {
    return failed(
      "the Anthropic API is rate limiting this key, even after retries",
      `wait a minute and try again; ${DROP_LLM}`,
    );
  }
  return failed(
    status !== undefined && status >= 500
      ? "the Anthropic API failed, even after retries"
      : "the Anthropic API answered with an error",
    `try again later; ${DROP_LLM}`,
  );
}

function causeText(cause: Error): string {
  const code = (cause as { code?: unknown }).code;
  const inner = cause.cause instanceof Error ? causeText(cause.cause) : "";
  return typeof code === "string" ? code : inner !== "" ? inner : cause.message;
}
