/**
 * `aws-coworker ask --llm` when something is wrong, against a loopback fake of the Messages API:
 * no API key (exit 2, nothing sent), the API refusing the key, failing or rate limiting (exit 4,
 * a clear message, no stack trace), nothing listening, and the options that do not go with --llm;
 * then where the model comes from (--model, ask.model, the built-in default) and --dry-run.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { runCli } from "../../../src/interfaces/cli/main.js";
import { cli } from "../../_helpers/cli.js";
import {
  apiError,
  message,
  startFakeMessagesApi,
  text,
  toolUse,
  type FakeMessagesApi,
  type Script,
} from "./messages-api-fake.js";

let cwd: string;
let fake: FakeMessagesApi;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "aws-coworker-ask-llm-errors-"));
});
afterEach(async () => {
  await fake.close();
});

const answer: Script = (req, i) => message(req, [text("ok")], "end_turn", i);

async function askLlm(script: Script, args: string[], env: Record<string, string | undefined> = {}) {
  fake = await startFakeMessagesApi(script);
  return cli(["ask", "--llm", ...args, "--sandbox", "--profile", "demo-dev"], {
    cwd,
    env: { ANTHROPIC_API_KEY: "test", ANTHROPIC_BASE_URL: fake.url, ...env },
  });
}

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

describe("aws-coworker ask --llm: failures", () => {
  test.each([
    ["unset", undefined],
    ["empty", ""],
  ])(
    "without ANTHROPIC_API_KEY (%s): exit 2, says to set it or drop --llm; nothing is sent, no AWS call",
    async (_, key) => {
      const asked = await askLlm(answer, ["what do we have?"], { ANTHROPIC_API_KEY: key });
      expect(asked.code).toBe(2);
      expect(asked.stderr).toContain(
        "error: --llm needs an Anthropic API key, and ANTHROPIC_API_KEY is not set",
      );
      expect(asked.stderr).toContain("set ANTHROPIC_API_KEY");
      expect(asked.stderr).toContain("or drop --llm");
      noStack(asked.stderr);
      expect(fake.requests).toHaveLength(0);
      expect(existsSync(join(cwd, ".aws-coworker", "audit"))).toBe(false);
    },
  );

  test("the API refuses the key (401): exit 4, the API's reason and what to check; not retried", async () => {
    const asked = await askLlm(() => apiError(401, "authentication_error", "invalid x-api-key"), ["hello"]);
    expect(asked.code).toBe(4);
    expect(asked.stderr).toContain(
      "error: the Anthropic API did not accept the API key (401 authentication_error: invalid x-api-key; request req_fake_0)",
    );
    expect(asked.stderr).toContain("check ANTHROPIC_API_KEY");
    expect(asked.stderr).not.toContain("Bearer");
    noStack(asked.stderr);
    expect(fake.requests).toHaveLength(1);
  });

  test.each([
    [
      500,
      "api_error",
      "Internal server error",
      "the Anthropic API failed, even after retries",
      "try again later",
    ],
    [
      529,
      "overloaded_error",
      "Overloaded",
      "the Anthropic API failed, even after retries",
      "try again later",
    ],
    [
      429,
      "rate_limit_error",
      "Too many requests",
      "the Anthropic API is rate limiting this key, even after retries",
      "wait a minute",
    ],
  ])(
    "the API answers %i: retried by the SDK, then exit 4 with a clear message",
    async (status, type, text, says, hint) => {
      const asked = await askLlm(() => apiError(status, type, text, { "retry-after-ms": "1" }), ["hello"]);
      expect(asked.code).toBe(4);
      expect(asked.stderr).toContain(`error: ${says} (${status} ${type}: ${text}; request req_fake_2)`);
      expect(asked.stderr).toContain(hint);
      noStack(asked.stderr);
      expect(fake.requests).toHaveLength(3);
    },
  );

  test("an unknown model (404): exit 4, names the model and where it is set", async () => {
    const asked = await askLlm(
      () => apiError(404, "not_found_error", "model: claude-nope"),
      ["hello", "--model", "claude-nope"],
    );
    expect(asked.code).toBe(4);
    expect(asked.stderr).toContain('the Anthropic API refused the request for model "claude-nope"');
    expect(asked.stderr).toContain("check --model (or ask.model in the configuration)");
    noStack(asked.stderr);
  });

  test("nothing listening at ANTHROPIC_BASE_URL: exit 4, connection refused, check the network", async () => {
    const port = await freePort();
    const asked = await askLlm(answer, ["hello"], { ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}` });
    expect(asked.code).toBe(4);
    expect(asked.stderr).toContain("error: could not reach the Anthropic API: ECONNREFUSED");
    expect(asked.stderr).toContain("check the network and ANTHROPIC_BASE_URL");
    noStack(asked.stderr);
  });

  test("Ctrl-C during a tool call: that call finishes, the next one never starts, exit 3", async () => {
    fake = await startFakeMessagesApi((req, i) =>
      message(req, [toolUse("toolu_1", "context", {}), toolUse("toolu_2", "inventory", {})], "tool_use", i),
    );
    // The person presses Ctrl-C as the context tool starts.
    const { code, stderr } = await interrupted("who am I, and what do I have?", new AbortController(), (t) =>
      t.startsWith("→ tool context"),
    );
    expect(code, stderr).toBe(3);
    expect(stderr).toContain("→ tool context {}");
    expect(stderr).toContain("Interrupted: Claude was stopped");
    expect(stderr).not.toContain("→ tool inventory");
    expect(fake.requests).toHaveLength(1);
    const audited = readFileSync(join(cwd, ".aws-coworker", "audit", "audit-log.jsonl"), "utf8");
    expect(audited).toContain("sts:GetCallerIdentity");
    expect(audited).not.toContain("ec2:Describe");
  });

  test("Ctrl-C while waiting for Claude: exit 3, no tool call", async () => {
    const interrupt = new AbortController();
    fake = await startFakeMessagesApi((req, i) => {
      interrupt.abort(); // pressed while the answer is on its way
      return message(req, [toolUse("toolu_1", "inventory", {})], "tool_use", i);
    });
    const { code } = await interrupted("inventory please", interrupt);
    expect(code).toBe(3);
    expect(existsSync(join(cwd, ".aws-coworker", "audit"))).toBe(false);
  });

  test("--format and --model outside --llm are usage errors (exit 2), nothing sent", async () => {
    const withFormat = await askLlm(answer, ["hello", "--format", "json"]);
    expect(withFormat.code).toBe(2);
    expect(withFormat.stderr).toContain("--format does not apply with --llm");
    const modelAlone = await cli(["ask", "what changed today?", "--model", "claude-x", "--sandbox"], { cwd });
    expect(modelAlone.code).toBe(2);
    expect(modelAlone.stderr).toContain("--model applies only with --llm");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("aws-coworker ask --llm: the model and --dry-run", () => {
  test("the model: --model, else ask.model from the configuration, else the built-in default", async () => {
    const overlay = join(cwd, "overlay.yaml");
    writeFileSync(overlay, "ask:\n  model: claude-sonnet-5-5\n");
    await askLlm(answer, ["hello", "--overlay", overlay]);
    const fromConfig = fake.requests[0]!.body.model;
    await fake.close();
    await askLlm(answer, ["hello", "--overlay", overlay, "--model", "claude-haiku-5-5"]);
    expect([fromConfig, fake.requests[0]!.body.model]).toEqual(["claude-sonnet-5-5", "claude-haiku-5-5"]);
  });

  test("the built-in default model is sent when nothing sets one", async () => {
    const asked = await askLlm(answer, ["hello"]);
    expect(asked.stderr).toContain("→ Claude (claude-opus-5-5)");
    expect(fake.requests[0]!.body.model).toBe("claude-opus-5-5");
  });

  test("--dry-run lists the tools Claude would get; no key needed, nothing sent, no AWS call", async () => {
    const asked = await askLlm(answer, ["--dry-run", "hello"], { ANTHROPIC_API_KEY: undefined });
    expect(asked.code, asked.stderr).toBe(0);
    const names = asked.stdout
      .trim()
      .split("\n")
      .map((l) => l.split("\t")[0]);
    expect(names).toHaveLength(21);
    expect(names).toContain("plan_create_tag");
    expect(names).not.toContain("execute");
    expect(names.some((n) => /approv/i.test(n!))).toBe(false);
    expect(asked.stderr).toContain("nothing is sent to it, no AWS call is made");
    expect(fake.requests).toHaveLength(0);
    expect(existsSync(join(cwd, ".aws-coworker", "audit"))).toBe(false);
  });
});

/** `ask --llm` with the Ctrl-C signal of `interrupt`; pressed also when `pressOn` says so of a stderr line. */
async function interrupted(
  request: string,
  interrupt: AbortController,
  pressOn: (stderrLine: string) => boolean = () => false,
): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const code = await runCli(["ask", "--llm", request, "--sandbox", "--profile", "demo-dev"], {
    stdout: () => undefined,
    stderr: (t) => {
      stderr += t;
      if (pressOn(t)) interrupt.abort();
    },
    env: { NO_COLOR: "1", ANTHROPIC_API_KEY: "test", ANTHROPIC_BASE_URL: fake.url },
    cwd,
    isTTY: false,
    osUser: "tester",
    signal: interrupt.signal,
  });
  return { code, stderr };
}

/** A loopback port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}
