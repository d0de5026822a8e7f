import { describe, expect, test } from "vitest";
import { batchesOf, itemsFromPages, mapConcurrently } from "../../../src/aws/collectors/pages.js";

describe("batchesOf", () => {
  test.each([
    [[], 20, []],
    [[1, 2, 3], 2, [[1, 2], [3]]],
    [[1, 2], 2, [[1, 2]]],
  ])("%j in batches of %i is %j", (items, size, expected) => {
    expect(batchesOf(items, size)).toEqual(expected);
  });
});

describe("itemsFromPages", () => {
  test("concatenates the items of every page; a page without items adds none", async () => {
    async function* pages() {
      yield { Items: [1, 2] };
      yield {};
      yield { Items: [3] };
    }
    expect(await itemsFromPages(pages(), (p: { Items?: number[] }) => p.Items)).toEqual([1, 2, 3]);
  });
});

describe("mapConcurrently", () => {
  test("keeps the items' order and never runs more than the limit at once", async () => {
    let running = 0;
    let peak = 0;
    const result = await mapConcurrently([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  test("rejects with the first failure and starts no item after it", async () => {
    const started: number[] = [];
    const failure = mapConcurrently([1, 2, 3, 4, 5], 1, async (n) => {
      started.push(n);
      if (n === 2) throw new Error("boom");
      return n;
    });
    await expect(failure).rejects.toThrow("boom");
    expect(started).toEqual([1, 2]);
  });

  test("an empty list calls nothing", async () => {
    expect(await mapConcurrently([], 4, async () => 1)).toEqual([]);
  });
});
