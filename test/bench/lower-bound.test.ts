import { describe, expect, it } from "vitest";
import { ChainTracker, lowerBound, type RecordedCall } from "../../bench/lower-bound.js";

const EC2 = { id: "ec2:DescribeInstances", burst: 100, refillPerSecond: 20 };
const TAGS = { id: "lambda:ListTags", burst: 15, refillPerSecond: 15 };

function calls(
  n: number,
  over: Partial<Omit<RecordedCall, "chain">> & { chain?: (i: number) => string },
): RecordedCall[] {
  return Array.from({ length: n }, (_, i) => ({
    account: over.account ?? "111111111111",
    region: over.region ?? "us-east-1",
    bucket: over.bucket ?? EC2,
    chain:
      over.chain?.(i) ??
      `single-${over.account ?? ""}-${over.region ?? ""}-${over.bucket?.id ?? EC2.id}-${i}`,
  }));
}

describe("lowerBound", () => {
  it.each([
    ["no calls", [], 0],
    ["calls within the burst, independent: one latency", calls(100, {}), 50],
    ["calls beyond the burst: the excess ÷ refill rate", calls(140, {}), 2000],
    ["one chain of 30 pages: 30 latencies", calls(30, { chain: () => "pages" }), 1500],
    [
      "the larger of rate and chain in one bucket",
      calls(140, { chain: (i) => (i < 50 ? "pages" : `x${i}`) }),
      2500,
    ],
    [
      "buckets of different accounts do not add up",
      [...calls(140, { account: "1" }), ...calls(140, { account: "2" })],
      2000,
    ],
    [
      "buckets of different regions do not add up",
      [...calls(140, { region: "eu-west-1" }), ...calls(120, { region: "us-east-1" })],
      2000,
    ],
    [
      "the slowest bucket sets the bound",
      [...calls(140, {}), ...calls(76, { bucket: TAGS })],
      (61 / 15) * 1000,
    ],
  ] as const)("%s", (_name, recorded, expected) => {
    expect(lowerBound(recorded, { latencyMs: 50 }).boundMs).toBeCloseTo(expected, 6);
  });

  it("names the group that sets the bound, with its figures", () => {
    const result = lowerBound([...calls(140, {}), ...calls(76, { bucket: TAGS, region: "eu-west-1" })], {
      latencyMs: 50,
    });
    expect(result.binding).toMatchObject({
      account: "111111111111",
      region: "eu-west-1",
      bucket: "lambda:ListTags",
      calls: 76,
      longestChain: 1,
      chainMs: 50,
    });
    expect(result.groups).toHaveLength(2);
  });

  it("counts a chain's whole length for every bucket it touches", () => {
    const first = {
      account: "1",
      region: "r",
      bucket: { ...EC2, id: "ec2:DescribeInstances/unfiltered" },
      chain: "p",
    };
    const rest = calls(9, { account: "1", region: "r", chain: () => "p" });
    const result = lowerBound([first, ...rest], { latencyMs: 50 });
    expect(result.groups.map((g) => g.chainMs)).toEqual([500, 500]);
  });
});

describe("ChainTracker", () => {
  it("links a page to the call whose answer gave its token, and starts a chain otherwise", () => {
    const tracker = new ChainTracker();
    const a = tracker.chainOf(undefined);
    tracker.answered(a, "t1");
    const b = tracker.chainOf(undefined);
    tracker.answered(b, undefined);
    const a2 = tracker.chainOf("t1");
    tracker.answered(a2, "t2");
    // A retried page (it was throttled) sends the same token again: same chain.
    expect(tracker.chainOf("t2")).toBe(a);
    expect(tracker.chainOf("t2")).toBe(a);
    expect(a2).toBe(a);
    expect(b).not.toBe(a);
    expect(tracker.chainOf("unknown")).not.toBe(a);
  });
});
