/**
 * moveMany on real temp directories: every move made once, by the calling thread, the
 * worker, or both; each failure reported at its own index with its code; nothing replaced.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { moveMany } from "../../src/rotate/move-many.js";

const root = mkdtempSync(join(tmpdir(), "rotor-move-many-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `count` logs over `dirs` directories under a fresh directory; the moves log -> log.1, grouped by directory. */
function tree(name: string, count: number, dirs = 4): { at: string; moves: Array<[string, string]> } {
  const at = join(root, name);
  const moves: Array<[string, string]> = [];
  for (let d = 0; d < dirs; d++) {
    mkdirSync(join(at, `d${d}`), { recursive: true });
    for (let i = d; i < count; i += dirs) {
      const log = join(at, `d${d}`, `app${i}.log`);
      writeFileSync(log, `log ${i}\n`);
      moves.push([log, `${log}.1`]);
    }
  }
  return { at, moves };
}

describe.each([
  ["the calling thread and the worker together", false],
  ["the worker alone", true],
])("moveMany, made by %s", (_, workerOnly) => {
  it("makes every move once, keeping each file's content", async () => {
    const { at, moves } = tree(`all-${workerOnly}`, 400);
    const errors = await moveMany(moves, { workerOnly });
    expect(errors).toEqual(moves.map(() => null));
    for (const [from, to] of moves) {
      expect(existsSync(from)).toBe(false);
      expect(readFileSync(to, "utf8")).toBe(`log ${from.match(/app(\d+)\.log$/)![1]}\n`);
    }
    expect(readdirSync(join(at, "d0")).every((name) => name.endsWith(".log.1"))).toBe(true);
  });

  it("reports a move whose target is taken (EEXIST) or whose source is gone (ENOENT) at its index, replacing nothing, and makes the others", async () => {
    const { moves } = tree(`failing-${workerOnly}`, 200);
    // At both ends, so that whichever thread makes them meets failures.
    const taken = [0, moves.length - 1];
    const gone = [1, moves.length - 2];
    for (const k of taken) writeFileSync(moves[k]![1], "in the way\n");
    for (const k of gone) rmSync(moves[k]![0]);
    const errors = await moveMany(moves, { workerOnly });
    const codes = errors.map((error) => (error === null ? null : (error as NodeJS.ErrnoException).code));
    expect(codes).toEqual(moves.map((_, k) => (taken.includes(k) ? "EEXIST" : gone.includes(k) ? "ENOENT" : null)));
    expect(errors[0]).toBeInstanceOf(Error);
    expect(errors[0]!.message).toContain(moves[0]![0]);
    for (const k of taken) {
      expect(readFileSync(moves[k]![1], "utf8")).toBe("in the way\n");
      expect(existsSync(moves[k]![0])).toBe(true);
    }
    for (const [k, [from, to]] of moves.entries()) if (!taken.includes(k) && !gone.includes(k)) expect([existsSync(from), existsSync(to)]).toEqual([false, true]);
  });
});

describe("moveMany", () => {
  it("makes a few moves on the calling thread alone", async () => {
    const { moves } = tree("few", 5, 1);
    expect(await moveMany(moves)).toEqual([null, null, null, null, null]);
    for (const [from, to] of moves) expect([existsSync(from), existsSync(to)]).toEqual([false, true]);
  });

  it.each([
    ["with the calling thread's help", false],
    ["by the worker alone, which answers them in turn", true],
  ])("serves three batches at once, %s", async (_, workerOnly) => {
    const batches = [tree(`at-once-${workerOnly}-1`, 300), tree(`at-once-${workerOnly}-2`, 300), tree(`at-once-${workerOnly}-3`, 300)];
    // The middle batch's last move fails: its answer must come back to it, not to another.
    const [, middle] = batches;
    const failing = middle!.moves.at(-1)!;
    writeFileSync(failing[1], "in the way\n");
    const errors = await Promise.all(batches.map(({ moves }) => moveMany(moves, { workerOnly })));
    expect(errors.map((batch) => batch.map((error) => (error === null ? null : (error as NodeJS.ErrnoException).code)))).toEqual([
      Array(300).fill(null),
      [...Array(299).fill(null), "EEXIST"],
      Array(300).fill(null),
    ]);
    for (const [from, to] of batches.flatMap(({ moves }) => moves).filter((move) => move !== failing)) expect([existsSync(from), existsSync(to)]).toEqual([false, true]);
  });
});
