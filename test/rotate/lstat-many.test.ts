/**
 * lstatMany on a real temp directory: each lstat exactly what nodeFs's lstat says (every
 * field, every type, null for a missing name or one under a file), whichever thread made it,
 * and the error of one that fails at its own index.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nodeFs } from "../../src/rotate/index.js";
import { lstatMany } from "../../src/rotate/lstat-many.js";

const root = mkdtempSync(join(tmpdir(), "rotor-lstat-many-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Files of several sizes and modes, a directory, a symlink, a FIFO, a missing name and one under a file: 100 paths in all. */
function paths(name: string): string[] {
  const at = join(root, name);
  mkdirSync(join(at, "dir"), { recursive: true });
  const all: string[] = [];
  for (let i = 0; i < 94; i++) {
    const file = join(at, `app${i}.log`);
    writeFileSync(file, "x".repeat(i * 37), { mode: 0o600 + (i % 8) * 0o10 });
    all.push(file);
  }
  symlinkSync("/etc/hostname", join(at, "link"));
  expect(spawnSync("mkfifo", [join(at, "fifo")]).status).toBe(0);
  return [...all, join(at, "dir"), join(at, "link"), join(at, "fifo"), join(at, "missing"), join(at, "app1.log", "under-a-file"), at];
}

describe.each([
  ["the calling thread and the helper together", false],
  ["the helper alone", true],
])("lstatMany, made by %s", (_, workerOnly) => {
  it("says of each path what nodeFs's lstat says", async () => {
    const all = paths(`all-${workerOnly}`);
    const found = await lstatMany(all, { workerOnly });
    const expected = await Promise.all(all.map((path) => nodeFs.lstat(path)));
    expect(found).toEqual(expected);
    expect(found.slice(-6).map((info) => (info instanceof Error ? "error" : (info?.type ?? null)))).toEqual(["directory", "symlink", "other", null, null, "directory"]);
  });
});

describe("lstatMany", () => {
  it("gives the error of a path it cannot look at (a symlink loop) at its index, and the others", async () => {
    const at = join(root, "loop");
    mkdirSync(at);
    symlinkSync(join(at, "b"), join(at, "a"));
    symlinkSync(join(at, "a"), join(at, "b"));
    writeFileSync(join(at, "ok.log"), "ok");
    const [looped, ok] = await lstatMany([join(at, "a", "x"), join(at, "ok.log")]);
    expect(looped).toMatchObject({ code: "ELOOP" });
    expect(ok).toMatchObject({ type: "file", size: 2 });
  });
});
