/**
 * The boundaries the design fixes, checked over every source file:
 * - only src/aws/ imports the AWS SDK (@aws-sdk/*, @smithy/*);
 * - only src/aws/clients.ts constructs SDK clients;
 * - src/core/ imports only src/core/ and zod (no I/O, no SDK, no clock or randomness);
 * - only the CLI's main.ts touches `process`;
 * - a gate policy carries a step authorisation only where the session makes the executor's
 *   step factory (src/interfaces/cli/session.ts), and only the executor builds authorisations;
 * - a person's approval is recorded only by recordApproval (plan approve at a terminal, and the
 *   MCP server's elicitation form), and "not required" only by the execute workflow.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = new URL("..", import.meta.url).pathname;
const SRC = join(ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

const files = sourceFiles(SRC).map((file) => ({
  path: relative(ROOT, file),
  text: readFileSync(file, "utf8"),
}));

function imports(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(
    /(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
  )) {
    found.push((m[1] ?? m[2])!);
  }
  return found;
}

/**
 * `new <Something>Client(`: an AWS SDK client is always `<Service>Client`. A bare `new Client(` is
 * the MCP SDK's client (ask --llm talks to our own MCP server in process); the AWS SDK's base
 * class cannot be meant, since no module outside src/aws/ may import @aws-sdk/* or @smithy/*.
 */
const CONSTRUCTS_SDK_CLIENT = /new\s+(?!Client\s*\()[A-Za-z0-9_.]*Client\s*\(/;

/** Source text without comments, so documentation may name what code must not use. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
}

describe("architecture", () => {
  test("there are source files to check", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  test("no module outside src/aws/ imports the AWS SDK", () => {
    const offenders = files
      .filter((f) => !f.path.startsWith("src/aws/"))
      .filter((f) => imports(f.text).some((i) => i.startsWith("@aws-sdk/") || i.startsWith("@smithy/")))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  test("a step authorisation is put on a gate policy only by the session's step factory", () => {
    // `authorization` as an object member (`{ ...policy, authorization }` or `authorization: x`).
    const setsAuthorization = /[{,]\s*authorization\s*[,}]|\bauthorization\s*:\s*(?!StepAuthorization)[^\s;]/;
    const offenders = files
      .filter((f) => f.path !== "src/interfaces/cli/session.ts")
      .filter((f) => setsAuthorization.test(code(f.text)))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
    const builders = files
      .filter((f) => /:\s*StepAuthorization\s*=>\s*\(\{/.test(code(f.text)))
      .map((f) => f.path);
    expect(builders).toEqual(["src/aws/executor/run-plan.ts"]);
  });

  test("approvals are recorded only where a person gives one (recordApproval) or none is required (execute)", () => {
    const savers = files.filter((f) => /\.saveApproval\(/.test(code(f.text))).map((f) => f.path);
    expect(savers.sort()).toEqual([
      "src/interfaces/cli/commands/plan-approve.ts",
      "src/workflows/plans/execute.ts",
    ]);
    const recorders = files
      .filter((f) => /\brecordApproval\(/.test(code(f.text)))
      .filter((f) => !f.path.endsWith("plan-approve.ts"))
      .map((f) => f.path);
    expect(recorders).toEqual(["src/interfaces/mcp/elicit-approval.ts"]);
    // …and no MCP tool's name speaks of approving.
    const toolNames = files.flatMap((f) =>
      [...f.text.matchAll(/registerTool\(\s*"([^"]+)"/g)].map((m) => m[1]),
    );
    expect(toolNames.length).toBeGreaterThan(8);
    expect(toolNames.filter((n) => /approv/i.test(n ?? ""))).toEqual([]);
  });

  test("no SDK client is constructed outside the factory (src/aws/clients.ts)", () => {
    const offenders = files
      .filter((f) => f.path !== "src/aws/clients.ts")
      .filter((f) => CONSTRUCTS_SDK_CLIENT.test(code(f.text)))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  test("core/ imports only core/ and zod", () => {
    const offenders = files
      .filter((f) => f.path.startsWith("src/core/"))
      .flatMap((f) =>
        imports(f.text)
          .filter((i) => !(i.startsWith(".") || i === "zod"))
          .map((i) => `${f.path}: ${i}`),
      );
    expect(offenders).toEqual([]);
    const escaping = files
      .filter((f) => f.path.startsWith("src/core/"))
      .flatMap((f) =>
        imports(f.text)
          .filter((i) => i.startsWith("../") && i.includes("/../"))
          .map((i) => `${f.path}: ${i}`),
      );
    expect(escaping.filter((e) => !e.includes("core/"))).toEqual([]);
  });

  test("core/ reads no clock and no randomness", () => {
    const offenders = files
      .filter((f) => f.path.startsWith("src/core/"))
      .filter((f) => /Date\.now\(|new Date\(\s*\)|Math\.random\(/.test(code(f.text)))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  test("only the CLI entry point touches process", () => {
    const allowed = new Set(["src/interfaces/cli/main.ts", "src/interfaces/mcp/stdio.ts"]);
    const offenders = files
      .filter((f) => !allowed.has(f.path))
      .filter((f) => /\bprocess\./.test(code(f.text)))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  test("the checker itself catches a violation", () => {
    expect(imports('import { EC2Client } from "@aws-sdk/client-ec2";')).toEqual(["@aws-sdk/client-ec2"]);
    expect(CONSTRUCTS_SDK_CLIENT.test(code("const c = new ec2.EC2Client({});"))).toBe(true);
    expect(CONSTRUCTS_SDK_CLIENT.test(code("const c = new S3Client(config);"))).toBe(true);
    expect(CONSTRUCTS_SDK_CLIENT.test(code('const mcp = new Client({ name: "x" });'))).toBe(false);
    expect(/\bprocess\./.test(code("// process.env in a comment"))).toBe(false);
  });
});
