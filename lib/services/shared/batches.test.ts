import { describe, expect, it } from "vitest";
import { BatchQueue, type Outcome } from "./batches";

// The group commit under audit inserts and level stores: who waits, who goes together, and that one
// bad item never takes the others down.

/** A run that records its batches and waits to be released, as a database round trip would. */
function recordingRun(fail: (items: string[]) => boolean = () => false) {
  const batches: string[][] = [];
  const run = async (items: string[]): Promise<Outcome<string>[]> => {
    batches.push(items);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (fail(items)) throw new Error(`batch ${items.join(",")} failed`);
    return items.map((item) => (item.startsWith("refused") ? { error: new Error(`${item} refused`) } : { value: item.toUpperCase() }));
  };
  return { batches, run };
}

describe("BatchQueue", () => {
  it("runs an item alone at once, and those submitted meanwhile together in the next batch", async () => {
    const { batches, run } = recordingRun();
    const queue = new BatchQueue(run, 10);
    const results = await Promise.all(["a", "b", "c", "d"].map((item) => queue.submit("level", item)));
    expect(results).toEqual(["A", "B", "C", "D"]);
    expect(batches).toEqual([["a"], ["b", "c", "d"]]);
  });

  it("never puts more than maxBatch items in one batch, and keeps their order", async () => {
    const { batches, run } = recordingRun();
    const queue = new BatchQueue(run, 2);
    await Promise.all(["a", "b", "c", "d", "e"].map((item) => queue.submit("level", item)));
    expect(batches).toEqual([["a"], ["b", "c"], ["d", "e"]]);
  });

  it("answers a refused item's error to it alone", async () => {
    const { run } = recordingRun();
    const queue = new BatchQueue(run, 10);
    const results = await Promise.allSettled(["a", "b", "refused-c", "d"].map((item) => queue.submit("level", item)));
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
  });

  it("runs each item of a failed batch again on its own: only the bad one fails", async () => {
    const { batches, run } = recordingRun((items) => items.includes("bad"));
    const queue = new BatchQueue(run, 10);
    const results = await Promise.allSettled(["a", "b", "bad", "c"].map((item) => queue.submit("level", item)));
    expect(results).toMatchObject([
      { status: "fulfilled", value: "A" }, { status: "fulfilled", value: "B" }, { status: "rejected", reason: { message: "batch bad failed" } }, { status: "fulfilled", value: "C" },
    ]);
    expect(batches).toEqual([["a"], ["b", "bad", "c"], ["b"], ["bad"], ["c"]]);
  });

  it("keeps keys apart: another key's items neither wait for nor join this one's batch", async () => {
    const { batches, run } = recordingRun();
    const queue = new BatchQueue(run, 10);
    await Promise.all([queue.submit("one", "a"), queue.submit("two", "x"), queue.submit("one", "b"), queue.submit("two", "y")]);
    expect(batches).toEqual([["a"], ["x"], ["b"], ["y"]]);
  });

  it("starts afresh once a key's queue has drained", async () => {
    const { batches, run } = recordingRun();
    const queue = new BatchQueue(run, 10);
    await queue.submit("level", "a");
    await queue.submit("level", "b");
    expect(batches).toEqual([["a"], ["b"]]);
  });
});
