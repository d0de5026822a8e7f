/**
 * docs/plans.md stays true: every example command without a placeholder runs through the CLI
 * (in process, on the sandbox, in order, in one workspace) and succeeds — a plan example drafts
 * a plan governance does not block.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { cli } from "./_helpers/cli.js";

const DOC = readFileSync(new URL("../docs/plans.md", import.meta.url), "utf8");

/** `npx aws-coworker …` lines of the first code block, without placeholders, split like a shell would. */
function examples(): { argv: string[]; out: string | undefined; line: string }[] {
  const block = /```sh\n([\s\S]*?)```/.exec(DOC)?.[1] ?? "";
  return block
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l.startsWith("npx aws-coworker ") && !l.includes("<"))
    .map((line) => {
      const [command, out] = line.split(/\s+>\s+/);
      const argv = [...(command ?? "").slice("npx aws-coworker ".length).matchAll(/'([^']*)'|(\S+)/g)].map(
        (m) => m[1] ?? m[2]!,
      );
      return { argv, out, line };
    });
}

test("every runnable example in docs/plans.md succeeds on the sandbox", async () => {
  const cwd = mkdtempSync(join(tmpdir(), "cw-docs-plans-"));
  const list = examples();
  expect(list.length).toBeGreaterThan(10);
  for (const { argv, out, line } of list) {
    const run = await cli(argv, { cwd });
    expect(run.code, `${line}\n${run.stderr}`).toBe(0);
    if (out !== undefined) writeFileSync(join(cwd, out), run.stdout);
  }
}, 120_000);
