/**
 * The ask router against the corpus of requests (test/interfaces/ask/corpus.json, written
 * before the router): at least 95% routed as expected, and no request routed to a change
 * (a plan draft or a rollback) it did not ask for.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { routeRequest } from "../../../src/interfaces/ask/router.js";

interface Corpus {
  now: string;
  blueprints: string[];
  cases: { q: string; argv: string[] | null }[];
}

const LIST_OPTIONS = new Set(["--services", "--regions", "--accounts", "--types", "--service"]);

/** Command words, then the options as sorted groups (comma lists and --select tokens sorted). */
function normalise(argv: readonly string[] | null): string {
  if (argv === null) return "(not routed)";
  const words: string[] = [];
  let i = 0;
  while (i < argv.length && !argv[i]!.startsWith("--")) words.push(argv[i++]!);
  const groups: string[] = [];
  while (i < argv.length) {
    const flag = argv[i++]!;
    let value = i < argv.length && !argv[i]!.startsWith("--") ? argv[i++]! : "";
    if (LIST_OPTIONS.has(flag)) value = value.split(",").sort().join(",");
    if (flag === "--select") value = value.split(" ").sort().join(" ");
    groups.push(`${flag} ${value}`.trim());
  }
  return [...words, ...groups.sort()].join(" ");
}

const isChange = (argv: readonly string[] | null): boolean =>
  argv !== null && ((argv[0] === "plan" && argv[1] === "create") || argv[0] === "rollback");

describe.each(["corpus.json", "heldout.json", "heldout-2.json"])("ask router: %s", (file) => {
  const corpus = JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), "utf8")) as Corpus;
  const results = corpus.cases.map(({ q, argv }) => {
    const route = routeRequest(q, { now: new Date(corpus.now), blueprints: corpus.blueprints });
    const got = route.isRouted ? route.argv : null;
    return { q, expected: normalise(argv), got: normalise(got), expectedArgv: argv, gotArgv: got };
  });

  it.runIf(file === "corpus.json")("holds at least 150 requests", () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(150);
  });

  it("routes at least 95% of the requests as expected", () => {
    const misses = results.filter((r) => r.expected !== r.got);
    const accuracy = (results.length - misses.length) / results.length;
    console.log(
      `ask ${file}: ${results.length - misses.length}/${results.length} routed as expected (${(accuracy * 100).toFixed(1)}%)` +
        misses
          .map((m) => `\n  MISS ${JSON.stringify(m.q)}\n    expected ${m.expected}\n    got      ${m.got}`)
          .join(""),
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("never routes a request to a change it did not ask for", () => {
    const unasked = results.filter((r) => isChange(r.gotArgv) && !isChange(r.expectedArgv));
    expect(unasked.map((r) => r.q)).toEqual([]);
  });

  it("a draft's route is flagged as a draft", () => {
    for (const { q } of corpus.cases) {
      const route = routeRequest(q, { now: new Date(corpus.now), blueprints: corpus.blueprints });
      if (route.isRouted) expect(route.isDraft, q).toBe(isChange(route.argv));
    }
  });
});
