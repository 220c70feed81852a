/**
 * shareWithHelper's guarantee when the helper thread dies mid-list: no item is made twice
 * (the calling thread may still have a chunk of its share due), every item is made or
 * reported failed, and the dead helper's own items are reported as not known to be made.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shareWithHelper, type JobCalls } from "../../src/rotate/helper-thread.js";

const root = mkdtempSync(join(tmpdir(), "rotor-helper-thread-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * Appends its item's number to a file, after some system calls (so that the calling thread's
 * share spreads over many turns of its loop); the item marked "die" ends the helper thread
 * instead (self-contained: its source is also the helper's).
 */
function recordingJob({ fs }: JobCalls, [file, item, die]: readonly string[]): number {
  // `require` exists in the helper's code (eval'd as CommonJS), and there it is not the main thread.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the helper's CommonJS, above
  const inHelper = typeof require === "function" && !(require("node:worker_threads") as { isMainThread: boolean }).isMainThread;
  if (die === "die" && inHelper) process.exit(1);
  for (let call = 0; call < 20; call++) fs.lstatSync(file!.slice(0, file!.lastIndexOf("/")));
  fs.appendFileSync(file!, `${item}\n`);
  return 0;
}

describe("shareWithHelper", () => {
  it("makes no item twice when the helper dies while the calling thread still has its share to make", async () => {
    const file = join(root, "made.txt");
    const count = 2000;
    // The helper takes items from the back: the last one ends it at once.
    const items = Array.from({ length: count }, (_, i) => [file, String(i), i === count - 1 ? "die" : ""]);
    const outcomes = await shareWithHelper("recording", recordingJob, items);
    // Enough turns of the loop for any chunk of the calling thread's share still due to run.
    for (let turn = 0; turn < count / 16; turn++) await new Promise((resolve) => setImmediate(resolve));
    const made = readFileSync(file, "utf8").trim().split("\n").map(Number);
    expect(made.length).toBe(new Set(made).size);
    expect(made.length).toBe(count - 1);
    expect(outcomes[count - 1]).toMatchObject({ error: expect.objectContaining({ message: expect.stringContaining("died") }) });
    expect(outcomes.slice(0, count - 1).every((outcome) => "result" in outcome && outcome.result === 0)).toBe(true);
  });
});
