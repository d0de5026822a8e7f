/**
 * The pure parts of `ask --llm`: an MCP tool as a Messages API tool, an MCP result as a
 * tool_result (text, then the data as JSON, cut past MAX_DATA_CHARS), the system prompt, and
 * the prompt-caching breakpoints.
 */
import type Anthropic from "@anthropic-ai/sdk";
import { describe, expect, test } from "vitest";
import {
  anthropicTool,
  cacheBreakpoints,
  MAX_DATA_CHARS,
  systemPrompt,
  toolResultBlock,
} from "../../../src/interfaces/ask/llm.js";

describe("anthropicTool", () => {
  test("keeps the MCP tool's name, description and input schema", () => {
    const inputSchema = {
      type: "object" as const,
      properties: { planId: { type: "string" } },
      required: ["planId"],
    };
    expect(
      anthropicTool({ name: "execute", title: "Execute", description: "Run a plan.", inputSchema }),
    ).toEqual({
      name: "execute",
      description: "Run a plan.",
      input_schema: inputSchema,
    });
    expect(anthropicTool({ name: "x", title: "The X", inputSchema: { type: "object" } }).description).toBe(
      "The X",
    );
  });
});

describe("toolResultBlock", () => {
  test("the tool's text, then its structured data as JSON", () => {
    expect(
      toolResultBlock("toolu_1", {
        content: [{ type: "text", text: "2 resources" }],
        structuredContent: { resources: ["i-1", "i-2"] },
      }),
    ).toEqual({
      type: "tool_result",
      tool_use_id: "toolu_1",
      content: [
        { type: "text", text: "2 resources" },
        { type: "text", text: 'Data (JSON): {"resources":["i-1","i-2"]}' },
      ],
    });
  });

  test("an error result is is_error, with its text", () => {
    const block = toolResultBlock("toolu_2", {
      isError: true,
      content: [{ type: "text", text: "[ApprovalMissing] refused" }],
    });
    expect(block).toMatchObject({
      is_error: true,
      content: [{ type: "text", text: "[ApprovalMissing] refused" }],
    });
  });

  test("data past MAX_DATA_CHARS is cut, saying how much and how to get the rest", () => {
    const big = { ids: Array.from({ length: MAX_DATA_CHARS / 5 }, (_, i) => `i-${i}`) };
    const block = toolResultBlock("toolu_3", {
      content: [{ type: "text", text: "many" }],
      structuredContent: big,
    });
    const data = (block.content as { text: string }[])[1]!.text;
    const total = JSON.stringify(big).length;
    expect(data).toContain(`the first ${MAX_DATA_CHARS} of ${total} characters`);
    expect(data).toContain("ask for fewer services, regions or accounts");
    expect(data.length).toBeLessThan(MAX_DATA_CHARS + 200);
  });

  test("no text at all is still a valid block", () => {
    expect(toolResultBlock("toolu_4", { content: [] }).content).toEqual([
      { type: "text", text: "(no output)" },
    ]);
  });
});

describe("systemPrompt", () => {
  test.each([
    [{ sandbox: true, profile: "demo-dev" }, ['the profile "demo-dev"', "the sandbox"]],
    [{ sandbox: true }, ["demo-dev in the sandbox", "the sandbox"]],
    [{}, ["$AWS_PROFILE", "real AWS accounts"]],
  ])("%j: names where it works, and that it never approves", (globals, says) => {
    const prompt = systemPrompt(globals);
    for (const s of says) expect(prompt).toContain(s);
    expect(prompt).toContain("You cannot approve or execute a plan");
    expect(prompt).toContain("aws-coworker plan approve <plan id>");
  });
});

describe("cacheBreakpoints", () => {
  test("marks the system prompt and only the newest message's last block; earlier turns stay as they were", () => {
    const earlier: Anthropic.Messages.MessageParam[] = [
      { role: "user", content: "list my instances" },
      { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "inventory", input: {} }] },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "t1", content: "a" },
          { type: "tool_result", tool_use_id: "t2", content: "b" },
        ],
      },
    ];
    const { system, messages } = cacheBreakpoints("You are AWS Coworker.", earlier);
    expect(system).toEqual([
      { type: "text", text: "You are AWS Coworker.", cache_control: { type: "ephemeral" } },
    ]);
    expect(messages.slice(0, 2)).toEqual(earlier.slice(0, 2));
    expect(messages[2]).toEqual({
      role: "user",
      content: [
        { type: "tool_result", tool_use_id: "t1", content: "a" },
        { type: "tool_result", tool_use_id: "t2", content: "b", cache_control: { type: "ephemeral" } },
      ],
    });
    // The conversation itself is not changed (the next turn marks its own newest message).
    expect(JSON.stringify(earlier)).not.toContain("cache_control");
    expect(cacheBreakpoints("s", [{ role: "user", content: "hi" }]).messages).toEqual([
      { role: "user", content: [{ type: "text", text: "hi", cache_control: { type: "ephemeral" } }] },
    ]);
  });
});
