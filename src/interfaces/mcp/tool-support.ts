/**
 * What every MCP tool shares: the server's options, opening a session exactly as the CLI does
 * (configuration → sandbox → profile → STS → context → announcement) for the profile and regions
 * the agent names, the argument shapes for scope, and how results and failures are returned.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { CoworkerError, RefusedError } from "../../core/errors.js";
import { isSandboxMode, type CliEnv, type GlobalOptions } from "../cli/cli-env.js";
import { formatError } from "../cli/errors.js";
import type { Session, SessionRequest } from "../cli/session.js";
import type { PlanStore } from "../../workflows/plans/store.js";
import { withMcpProgress, type ProgressChannel } from "./io-host.js";

export interface McpServerOptions {
  /** The global options every session starts from (`--sandbox`, `--config`, `--workspace`, …). */
  globals: GlobalOptions;
  /** The server's log: stderr under stdio, never stdout. Write the text as given. */
  log: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The operating-system user, recorded in the audit log. */
  osUser: string;
  /**
   * Set by createMcpServer: sessions that may change the sandbox take turns through it. Each
   * loads the sandbox's state when it opens and saves it when it closes, so two at once would
   * lose one's changes; reads run side by side.
   */
  sandboxTurns?: Turnstile;
}

/** One at a time, in the order they asked: `const leave = await turns.enter(); … leave()`. */
export class Turnstile {
  private last: Promise<void> = Promise.resolve();

  async enter(): Promise<() => void> {
    let leave!: () => void;
    const mine = new Promise<void>((resolve) => (leave = resolve));
    const before = this.last;
    this.last = before.then(() => mine);
    await before;
    return leave;
  }
}

/** The CliEnv a session opened for a tool gets: everything to the log, no terminal, nobody to ask. */
export function toolCliEnv(options: McpServerOptions): CliEnv {
  return {
    stdout: options.log,
    stderr: options.log,
    env: options.env,
    cwd: options.cwd,
    isTTY: false,
    osUser: options.osUser,
  };
}

/** The globals of one tool call: the server's (with --quiet, no progress lines in the log), with the profile the agent named. */
export function globalsFor(options: McpServerOptions, profile: string | undefined): GlobalOptions {
  return { ...options.globals, ...(profile !== undefined && { profile }) };
}

/** Open a session for a tool call, its IoHost reporting progress to the client; announced. */
export async function openToolSession(
  options: McpServerOptions,
  profile: string | undefined,
  request: SessionRequest,
  channel: ProgressChannel,
): Promise<Session> {
  const { openSession } = await import("../cli/session.js");
  const takesTurn = isSandboxMode(options.globals) && request.operation === "mutate";
  const leave =
    takesTurn && options.sandboxTurns !== undefined ? await options.sandboxTurns.enter() : () => {};
  let session: Session;
  try {
    session = await openSession(globalsFor(options, profile), request, toolCliEnv(options));
  } catch (error) {
    leave();
    throw error;
  }
  session.announce();
  return {
    ...session,
    io: withMcpProgress(session.io, channel, options.log),
    close: async () => {
      try {
        await session.close();
      } finally {
        leave();
      }
    },
  };
}

export const profileArg = z
  .string()
  .min(1)
  .optional()
  .describe("the AWS profile (as in profiles.yaml); default: $AWS_PROFILE, or demo-dev in the sandbox");

export const regionsArg = z
  .union([z.literal("all"), z.array(z.string().min(1)).min(1)])
  .optional()
  .describe(
    "region codes, or `all` (each account's enabled regions, within the profile's); default: the profile's default region",
  );

export const accountsArg = z
  .union([z.literal("all"), z.array(z.string().regex(/^\d{12}$/, "a 12-digit account id")).min(1)])
  .optional()
  .describe(
    "account ids, or `all` (the organisation's active accounts, from its management account); default: the profile's account",
  );

export const roleArg = z
  .string()
  .regex(/^[\w+=,.@-]{1,64}$/, "an IAM role name (not an ARN)")
  .optional()
  .describe(
    "the role assumed in every account other than the profile's (default: orchestration.assumeRoleName)",
  );

export const yesArg = z
  .boolean()
  .optional()
  .describe(
    "start work estimated past the approval threshold (orchestration.thresholds) without asking: the CLI's --yes. Reads only.",
  );

export const resumeArg = z
  .union([z.literal(true), z.string().regex(/^[A-Za-z0-9-]+$/, "a runId from an earlier result")])
  .optional()
  .describe(
    "carry on an earlier scan of the same scope instead of starting afresh: its runId (from the earlier result), or true for the latest unfinished one; partitions it already read are not fetched again — the CLI's --resume",
  );

/** The announcement (CW_CTX_I0001's data), in every result that opened a session. */
export const announcementSchema = z
  .object({
    profile: z.string(),
    account: z.string(),
    alias: z.string().nullable().optional(),
    regions: z.union([z.array(z.string()), z.literal("all")]),
    classification: z.string(),
    permissions: z.string(),
    approvalMode: z.string(),
  })
  .describe("who and where: the profile, account, regions, classification, permissions and approval mode");

/** Region codes as the CLI checks them (a typo never costs an AWS call). */
export async function regionsOf(
  regions: readonly string[] | "all" | undefined,
): Promise<string[] | "all" | undefined> {
  if (regions === undefined || regions === "all") return regions;
  const { parseRegionsOption } = await import("../cli/commands/scan-command.js");
  return parseRegionsOption(regions.join(","));
}

/** A result: a readable summary for the model, the data as structuredContent. */
export function toolResult(text: string, structured: Record<string, unknown>): CallToolResult {
  // Through JSON, as the wire carries it (dates as strings); absent values are null, as in the
  // CLI's --format json, so every record has the same keys.
  const structuredContent = JSON.parse(
    JSON.stringify(structured, (_key, value: unknown) => (value === undefined ? null : value)),
  ) as Record<string, unknown>;
  return { content: [{ type: "text", text }], structuredContent };
}

const CHANGE_PATH =
  "Changes go through a plan: draft it with the plan_create_<blueprint> tool; a person reviews and approves it — in the form execute shows them through your MCP client when it supports elicitation, or in their own terminal (`aws-coworker plan approve <plan id>`) — then execute runs it. There is no approve tool: an AI agent cannot approve.";

/** What comes after a plan is drafted: the person approves it (a form through the client, or their terminal), then execute. */
export function approvalNextStep(planId: string): string {
  return `Next: show it to the person. A person approves it: when you call execute with planId ${planId}, AWS Coworker asks them in a form your MCP client shows them (if the client supports elicitation and the plan needs approval), or they run \`aws-coworker plan approve ${planId}\` in their own terminal. You cannot approve it.`;
}

/** A failure as a tool result (isError) whose text says how to recover; never a stack trace. */
export function toolFailure(error: unknown): CallToolResult {
  const { text } = formatError(error, { debug: false, color: false });
  const recovery = error instanceof RefusedError ? `\n${CHANGE_PATH}` : "";
  const code = error instanceof CoworkerError ? `[${error.code}] ` : "";
  return { isError: true, content: [{ type: "text", text: `${code}${text.trimEnd()}${recovery}` }] };
}

/** Run a tool's body; whatever it throws becomes a tool result with isError. */
export async function guarded(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    return toolFailure(error);
  }
}

/** The output every scan (inventory, audits, changes) shares, besides its own data. */
export const scanOutputShape = {
  announcement: announcementSchema,
  account: z.string().describe("the account whose credentials ran it (the profile's)"),
  regions: z.array(z.string()),
  generatedAt: z.string(),
  runId: z.string().nullable().describe("the run's journal id in the workspace"),
  failures: z
    .array(z.looseObject({ message: z.string() }))
    .describe("partitions not read: the result is partial when any"),
};

/** `…; partial: 2 partitions not read (first: …)`, or nothing when complete. */
export function partialNote(failures: readonly { message: string }[], runId?: string | null): string {
  const first = failures[0];
  const retry =
    runId === undefined || runId === null
      ? "Call again to retry."
      : `Call again with the same arguments and resume: "${runId}" to read only what is missing.`;
  return first === undefined
    ? ""
    : `\nPartial: ${failures.length} partition${failures.length === 1 ? "" : "s"} not read (first: ${first.message}). ${retry}`;
}

/** The workspace's plan store (plans, approvals, execution journals), as the CLI finds it. */
export async function planStoreOf(options: McpServerOptions): Promise<PlanStore> {
  const { resolveWorkspace } = await import("../cli/workspace.js");
  const { PlanStore } = await import("../../workflows/plans/store.js");
  return new PlanStore((await resolveWorkspace(options.globals, toolCliEnv(options))).dir);
}

/** A plan in a result: the fields an agent acts on, the rest passes through. */
export const planSchema = z.looseObject({
  id: z.string(),
  hash: z.string(),
  blueprint: z.string(),
  goal: z.string(),
  steps: z.array(z.looseObject({ id: z.string(), title: z.string() })),
});
