/**
 * `aws-coworker ask --llm` through the CLI, in process, on the sandbox, against a loopback fake
 * of the Messages API: Claude is given exactly the MCP server's tools (no approve tool); a
 * tool_use runs the real tool through the gate and the audit log and its result goes back to
 * Claude; a plan it drafts is never executed through it (no execute tool, no approve tool); the turn cap holds.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { MAX_TURNS } from "../../../src/interfaces/ask/llm.js";
import { cli } from "../../_helpers/cli.js";
import { mcpHarness } from "../mcp/mcp-harness.js";
import {
  lastToolResults,
  message,
  resultText,
  startFakeMessagesApi,
  text,
  toolUse,
  type FakeMessagesApi,
  type Script,
} from "./messages-api-fake.js";

let cwd: string;
let fake: FakeMessagesApi | undefined;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "aws-coworker-ask-llm-"));
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function askLlm(script: Script, request: string, extra: string[] = []) {
  fake = await startFakeMessagesApi(script);
  return cli(["ask", "--llm", request, "--sandbox", "--profile", "demo-dev", ...extra], {
    cwd,
    env: { ANTHROPIC_API_KEY: "test", ANTHROPIC_BASE_URL: fake.url },
  });
}

function auditRecords(dir = cwd): { action: string; class: string; outcome: string }[] {
  return readFileSync(join(dir, ".aws-coworker", "audit", "audit-log.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { action: string; class: string; outcome: string });
}

describe("aws-coworker ask --llm", () => {
  test("Claude gets the MCP server's tools but execute, with their schemas, and no approve tool; its answer goes to stdout", async () => {
    const asked = await askLlm((req, i) => message(req, [text("Nothing to do.")], "end_turn", i), "hello");
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout).toBe("Nothing to do.\n");

    const h = await mcpHarness();
    const { tools: mcpTools } = await h.client.listTools();
    await h.close();
    const [request] = fake!.requests;
    expect(fake!.requests).toHaveLength(1);
    expect(request!.path).toBe("/v1/messages");
    expect(request!.headers["authorization"]).toBe("Bearer test"); // the key from ANTHROPIC_API_KEY
    const sent = request!.body.tools!;
    expect(sent.map((t) => t.name).sort()).toEqual(
      mcpTools
        .map((t) => t.name)
        .filter((n) => n !== "execute")
        .sort(),
    );
    expect(sent).toHaveLength(21);
    expect(sent.some((t) => /approv/i.test(t.name))).toBe(false);
    for (const tool of mcpTools.filter((t) => t.name !== "execute")) {
      expect(sent.find((t) => t.name === tool.name)?.input_schema).toEqual(tool.inputSchema);
    }
    expect(request!.body.model).toBe("claude-opus-5-5");
    // Prompt caching: a breakpoint after the system prompt (tools + system), one on the newest message.
    expect(request!.body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "hello", cache_control: { type: "ephemeral" } }] },
    ]);
    const system = request!.body.system;
    expect(Array.isArray(system) && system.length === 1 && system[0]!.cache_control).toEqual({
      type: "ephemeral",
    });
    const systemText = Array.isArray(system) ? system.map((b) => b.text).join("\n") : (system ?? "");
    expect(systemText).toContain('The person chose the profile "demo-dev"');
    expect(systemText).toContain("the sandbox");
    expect(systemText).toContain("aws-coworker plan approve <plan id>");
  });

  test("a tool_use of inventory runs through the sandbox: the tool_result carries its real resources, the audit log its calls", async () => {
    const asked = await askLlm(
      (req, i) =>
        i === 0
          ? message(
              req,
              [text("Looking."), toolUse("toolu_1", "inventory", { services: ["ec2"] })],
              "tool_use",
              i,
            )
          : message(req, [text("You have 8 instances.")], "end_turn", i),
      "what EC2 do we have?",
    );
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stderr).toContain('→ tool inventory {"services":["ec2"]}\n');
    expect(asked.stderr).toContain("demo-dev"); // the session's announcement
    expect(asked.stdout).toBe("You have 8 instances.\n");

    // What a person gets from the same inventory typed at the CLI, in another workspace.
    const typedDir = mkdtempSync(join(tmpdir(), "aws-coworker-ask-llm-typed-"));
    const typed = await cli(
      ["inventory", "--services", "ec2", "--format", "json", "--sandbox", "--profile", "demo-dev"],
      { cwd: typedDir },
    );
    const resources = (JSON.parse(typed.stdout) as { resources: { id: string; type: string }[] }).resources;
    expect(resources.filter((r) => r.type === "instance").length).toBeGreaterThan(0);

    expect(fake!.requests).toHaveLength(2);
    const second = fake!.requests[1]!.body;
    // The assistant turn goes back as it came, then the result of its tool_use.
    expect(second.messages[1]).toMatchObject({
      role: "assistant",
      content: [{ type: "text" }, { id: "toolu_1" }],
    });
    const [result] = lastToolResults(second);
    expect(result).toMatchObject({ tool_use_id: "toolu_1" });
    expect(result!.is_error).toBeUndefined();
    const sentText = resultText(result!);
    expect(sentText).toContain("Inventory of 1 account in us-east-1");
    for (const r of resources) expect(sentText).toContain(`"${r.id}"`);

    const records = auditRecords();
    expect(records.map((r) => r.action)).toEqual(expect.arrayContaining(["ec2:DescribeInstances"]));
    expect(records.every((r) => r.class === "discovery")).toBe(true);
    expect(
      auditRecords(typedDir)
        .filter((r) => r.action.startsWith("ec2:"))
        .map((r) => r.action)
        .sort(),
    ).toEqual(
      records
        .filter((r) => r.action.startsWith("ec2:"))
        .map((r) => r.action)
        .sort(),
    );
  });

  test("a plan Claude drafts and then executes never runs — not even one the approval mode would let run: no mutation reaches the sandbox", async () => {
    // Make the workspace's sandbox state first, to compare it after.
    const primed = await cli(["context", "--sandbox", "--profile", "demo-dev"], { cwd });
    expect(primed.code, primed.stderr).toBe(0);
    const estateFile = join(cwd, ".aws-coworker", "sandbox", "estate.json");
    const estate = readFileSync(estateFile, "utf8");
    let planId = "";
    const asked = await askLlm((req, i) => {
      if (i === 0) {
        return message(
          req,
          [
            // Tagging in demo-dev (destructive-only): `execute` over MCP would run it unasked.
            toolUse("toolu_1", "plan_create_tag", {
              select: "ec2:instance !tag:Owner",
              tags: { Owner: "platform-team" },
            }),
          ],
          "tool_use",
          i,
        );
      }
      if (i === 1) {
        planId = /plan-[a-z0-9-]+/.exec(resultText(lastToolResults(req)[0]!))?.[0] ?? "no plan id";
        return message(req, [toolUse("toolu_2", "execute", { planId })], "tool_use", i);
      }
      return message(req, [text("The plan needs your approval.")], "end_turn", i);
    }, "tag the instances that have no Owner with Owner=platform-team, and run it");
    expect(asked.code, asked.stderr).toBe(0);
    expect(planId).toMatch(/^plan-\d{8}-/);
    expect(asked.stderr).toContain(`→ tool execute {"planId":"${planId}"}`);
    expect(asked.stderr).toContain("← execute failed: execute is not available here");

    const [refused] = lastToolResults(fake!.requests[2]!.body);
    expect(refused).toMatchObject({ tool_use_id: "toolu_2", is_error: true });
    expect(resultText(refused!)).toContain("aws-coworker plan approve <plan id>");
    expect(resultText(refused!)).toContain("aws-coworker execute <plan id>");

    expect(readFileSync(estateFile, "utf8")).toBe(estate);
    expect(auditRecords().filter((r) => r.class !== "discovery")).toEqual([]);
  });

  test("a tool the server does not have (an approve tool, say) is an error result Claude sees; nothing is approved", async () => {
    const asked = await askLlm(
      (req, i) =>
        i === 0
          ? message(req, [toolUse("toolu_1", "plan_approve", { planId: "last" })], "tool_use", i)
          : message(req, [text("I cannot approve plans.")], "end_turn", i),
      "approve the last plan",
    );
    expect(asked.code, asked.stderr).toBe(0);
    const [result] = lastToolResults(fake!.requests[1]!.body);
    expect(result).toMatchObject({ tool_use_id: "toolu_1", is_error: true });
    expect(resultText(result!)).toContain('there is no tool "plan_approve"');
    expect(asked.stderr).toContain("← plan_approve failed:");
    expect(existsSync(join(cwd, ".aws-coworker", "approvals"))).toBe(false);
  });

  test(`the turn cap: after ${MAX_TURNS} turns still calling tools, it stops, says so and exits 4`, async () => {
    const asked = await askLlm(
      (req, i) => message(req, [text(`turn ${i + 1}`), toolUse(`toolu_${i}`, "context", {})], "tool_use", i),
      "loop forever",
    );
    expect(asked.code).toBe(4);
    expect(fake!.requests).toHaveLength(MAX_TURNS);
    expect(asked.stderr.match(/→ tool context \{\}/g)).toHaveLength(MAX_TURNS - 1);
    expect(asked.stderr).toContain(`stopped: Claude was still calling tools after ${MAX_TURNS} turns`);
    expect(asked.stdout).toBe(`turn ${MAX_TURNS}\n`);
    expect(asked.stderr).not.toMatch(/\n\s+at /);
  });

  test("--quiet drops the tool lines and the progress, not the announcement or the answer", async () => {
    const asked = await askLlm(
      (req, i) =>
        i === 0
          ? message(req, [toolUse("toolu_1", "inventory", { services: ["ec2"] })], "tool_use", i)
          : message(req, [text("8 instances.")], "end_turn", i),
      "how many instances?",
      ["--quiet"],
    );
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stderr).not.toContain("→ tool");
    expect(asked.stderr).not.toContain("partitions");
    expect(asked.stderr).toContain("READ-ONLY: inventory");
    expect(asked.stdout).toBe("8 instances.\n");
  });
});
