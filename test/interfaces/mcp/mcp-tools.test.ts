/**
 * The MCP server through a real SDK client over InMemoryTransport, on the sandbox: the tools and
 * their annotations, each read tool's result (structuredContent with the announcement, and a
 * summary), progress notifications, several profiles in one session, and errors as tool results.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ErrorCode, McpError, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { PLAN_TOOL_NAMES } from "../../../src/interfaces/mcp/tools/plan-create.js";
import { BLUEPRINTS } from "../../../src/workflows/plans/blueprints/index.js";
import { mcpHarness, type McpHarness } from "./mcp-harness.js";

let h: McpHarness;
beforeEach(async () => {
  h = await mcpHarness();
});
afterEach(async () => {
  await h.close();
});

const structured = (r: CallToolResult) => r.structuredContent as Record<string, unknown>;

describe("aws-coworker mcp: tools", () => {
  test("lists one tool per workflow, with schemas and truthful annotations, and no approve tool", async () => {
    const { tools } = await h.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(
      [
        "changes",
        "cleanup",
        "context",
        "cost",
        "execute",
        "inventory",
        ...PLAN_TOOL_NAMES,
        "plan_list",
        "plan_show",
        "review",
        "rollback",
        "runs_list",
        "runs_show",
        "security",
        "sg-audit",
        "tag-compliance",
      ].sort(),
    );
    expect(tools.some((t) => /approve/i.test(t.name))).toBe(false);
    for (const t of tools) {
      expect(t.outputSchema?.type).toBe("object");
      expect(t.inputSchema.type).toBe("object");
      expect(t.annotations).toBeDefined();
    }
    for (const name of [
      "context",
      "inventory",
      "security",
      "sg-audit",
      "tag-compliance",
      "cleanup",
      "review",
      "cost",
      "changes",
    ])
      expect(byName.get(name)?.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        openWorldHint: true,
      });
    for (const name of ["plan_show", "plan_list", "runs_list", "runs_show"])
      expect(byName.get(name)?.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    expect(byName.get("execute")?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
    });
    for (const name of PLAN_TOOL_NAMES)
      expect(byName.get(name)?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(byName.get("rollback")?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
    });
    // One drafting tool per blueprint, its parameters as typed arguments.
    expect(PLAN_TOOL_NAMES).toEqual(
      Object.keys(BLUEPRINTS).map((b) => `plan_create_${b.replace(/-/g, "_")}`),
    );
    type Prop = { type?: string; enum?: string[]; minimum?: number; maximum?: number; items?: unknown };
    const props = (name: string) => byName.get(name)?.inputSchema.properties as Record<string, Prop>;
    const vpc = props("plan_create_vpc");
    expect(vpc["azs"]).toMatchObject({ type: "integer", minimum: 1, maximum: 6 });
    expect(vpc["nat"]?.enum).toEqual(expect.arrayContaining(["none", "one", "per-az"]));
    expect(vpc["tags"]).toMatchObject({ type: "object" });
    expect(vpc["select"]).toBeUndefined();
    expect(props("plan_create_s3_bucket")["versioning"]).toMatchObject({ type: "boolean" });
    expect(props("plan_create_security_group")["ingress"]).toMatchObject({ type: "array" });
    expect(byName.get("plan_create_tag")?.inputSchema.required).toEqual(["select"]);
    expect(byName.get("plan_create_delete")?.inputSchema.required).toEqual(["select"]);
    expect(props("plan_create_delete")["tags"]).toBeUndefined();
  });

  test("a client that listed the tools (as every agent does) accepts each result: the structured content passes its check of the output schema", async () => {
    // After tools/list the SDK client validates structuredContent against each outputSchema;
    // a field the schema does not declare (accounts, coverage, checks…) must pass through.
    await h.client.listTools();
    const calls: [string, Record<string, unknown>][] = [
      ["context", {}],
      ["inventory", { services: ["ec2"] }],
      ["security", {}],
      ["sg-audit", {}],
      ["tag-compliance", {}],
      ["cleanup", {}],
      ["review", { pillar: "security" }],
      ["cost", {}],
      ["changes", {}],
      ["plan_create_tag", { select: "ec2:instance !tag:Owner", tags: { Owner: "x" } }],
      ["plan_show", { planId: "last" }],
      ["plan_list", {}],
      ["execute", { planId: "last", dryRun: true }],
      ["runs_list", {}],
    ];
    for (const [name, args] of calls) {
      const result = await h.call(name, args);
      expect(result.isError, `${name}: ${h.text(result)}`).toBeFalsy();
      expect(result.structuredContent, name).toBeDefined();
    }
  });

  test("two profiles in one session: each result carries its own announcement", async () => {
    const dev = await h.call("context", { profile: "demo-dev" });
    const prod = await h.call("context", { profile: "demo-prod", regions: ["eu-west-1"] });
    expect(dev.isError).toBeFalsy();
    expect(structured(dev)["announcement"]).toMatchObject({
      profile: "demo-dev",
      account: "333333333333",
      classification: "development",
      approvalMode: "destructive-only",
    });
    expect(structured(prod)["announcement"]).toMatchObject({
      profile: "demo-prod",
      account: "555555555555",
      classification: "production",
      permissions: "read-only",
      regions: ["eu-west-1"],
    });
    expect(structured(prod)["isReadOnly"]).toBe(true);
    expect(h.text(prod)).toContain("555555555555");
    // The announcements went to the log, never to the protocol's stream.
    expect(h.log()).toContain("READ-ONLY");
  });

  test("inventory of several accounts and regions reports progress per partition", async () => {
    const progress: { progress: number; total?: number }[] = [];
    const result = (await h.client.callTool(
      {
        name: "inventory",
        arguments: {
          profile: "demo-mgmt",
          accounts: "all",
          regions: ["us-east-1", "eu-west-1"],
          services: ["ec2", "s3"],
        },
      },
      undefined,
      { onprogress: (p) => void progress.push(p) },
    )) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const data = structured(result) as {
      accounts: unknown[];
      resources: unknown[];
      announcement: { profile: string };
    };
    expect(data.announcement.profile).toBe("demo-mgmt");
    expect(data.accounts.length).toBeGreaterThan(1);
    expect(data.resources.length).toBeGreaterThan(0);
    expect(h.text(result)).toMatch(/Inventory of \d+ accounts in us-east-1, eu-west-1/);
    expect(progress.length).toBeGreaterThan(1);
    const last = progress.at(-1)!;
    expect(last.total).toBeGreaterThan(0);
    expect(last.progress).toBe(last.total);
  });

  test("the audits, cost and changes answer with findings and the announcement", async () => {
    for (const [name, args] of [
      ["security", {}],
      ["sg-audit", { regions: ["us-east-1"] }],
      ["tag-compliance", { types: ["ec2:instance"] }],
      ["cleanup", {}],
      ["review", { pillar: "reliability" }],
    ] as const) {
      const r = await h.call(name, { profile: "demo-dev", ...args });
      expect(r.isError, `${name}: ${h.text(r)}`).toBeFalsy();
      const data = structured(r) as {
        workflow: string;
        findings: unknown[];
        announcement: { account: string };
      };
      expect(data.workflow).toBe(name);
      expect(data.announcement.account).toBe("333333333333");
      expect(h.text(r)).toMatch(/failed finding/);
    }
    const cleanup = await h.call("cleanup", { profile: "demo-dev" });
    expect(h.text(cleanup)).toContain("Nothing was deleted");

    const cost = await h.call("cost", { profile: "demo-dev", by: "service" });
    expect(cost.isError, h.text(cost)).toBeFalsy();
    expect(structured(cost)["costExplorer"]).toMatchObject({ status: "ok" });
    expect(h.text(cost)).toMatch(/Spend .*\$\d/);

    const changes = await h.call("changes", { profile: "demo-dev", since: "7d" });
    expect(changes.isError, h.text(changes)).toBeFalsy();
    expect((structured(changes)["summary"] as { events: number }).events).toBeGreaterThan(0);
    expect(h.auditActions()).toEqual([]);
  });

  test("a user error is a tool result with isError and the fix; no session is opened for a bad argument", async () => {
    const region = await h.call("inventory", { profile: "demo-dev", regions: ["moon-1"] });
    expect(region.isError).toBe(true);
    expect(h.text(region)).toContain("moon-1");
    expect(h.text(region)).not.toMatch(/\n\s+at /);

    const profile = await h.call("context", { profile: "nobody" });
    expect(profile.isError).toBe(true);
    expect(h.text(profile)).toContain("nobody");

    // Arguments that fail the schema: a tool result the model can correct from (SEP-1303),
    // answered before the tool runs.
    const schema = await h.call("inventory", { regions: 5 });
    expect(schema.isError).toBe(true);
    expect(h.text(schema)).toMatch(/Input validation error/);
    expect(h.log()).not.toContain("moon-1 ");
  });

  test("resume: a scan of the same scope carries on from its journal — what it read is not fetched again", async () => {
    const ec2Reads = () =>
      readFileSync(join(h.cwd, ".aws-coworker", "audit", "audit-log.jsonl"), "utf8")
        .split("\n")
        .filter((l) => l.includes('"action":"ec2:Describe')).length;
    const scope = { profile: "demo-dev", services: ["ec2"], regions: ["us-east-1", "eu-west-1"] };
    const first = structured(await h.call("inventory", scope)) as {
      runId: string;
      resources: { id: string }[];
    };
    const readsBefore = ec2Reads();
    expect(readsBefore).toBeGreaterThan(0);

    const again = await h.call("inventory", { ...scope, resume: first.runId });
    expect(again.isError, h.text(again)).toBeFalsy();
    const resumed = structured(again) as { runId: string; resources: { id: string }[] };
    expect(resumed.runId).toBe(first.runId);
    expect(resumed.resources.map((r) => r.id).sort()).toEqual(first.resources.map((r) => r.id).sort());
    expect(ec2Reads()).toBe(readsBefore);

    // Another scope cannot carry on that run: a usage error naming the run's scope.
    const other = await h.call("inventory", { ...scope, regions: ["us-east-1"], resume: first.runId });
    expect(other.isError).toBe(true);
    expect(h.text(other)).toContain("a resumed run must ask for the same scope");
  });

  test("an unknown tool is a protocol error (Invalid params) that lists the tools; nothing runs", async () => {
    const call = h.client.callTool({ name: "approve", arguments: { planId: "plan-x" } });
    await expect(call).rejects.toBeInstanceOf(McpError);
    await expect(call).rejects.toMatchObject({ code: ErrorCode.InvalidParams });
    await expect(call).rejects.toThrow(
      /unknown tool "approve"; the tools are: context, inventory, .*execute, rollback/,
    );
    // A known tool still runs after it.
    const context = await h.call("context", { profile: "demo-dev" });
    expect(context.isError, h.text(context)).toBeFalsy();
    expect(h.auditActions()).toEqual([]);
  });
});
