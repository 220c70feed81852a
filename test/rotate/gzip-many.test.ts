/**
 * gzipMany on real temp directories: each compression made once, by the calling thread, the
 * helper thread, or both, with the same bytes, mode and checks as compressToTemporary; each
 * other outcome (source gone, something at the target, too large, an error) reported at its
 * own index with nothing left behind.
 */
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync, gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { gzipMany, type GzipJob } from "../../src/rotate/gzip-many.js";
import { farMatch, WINDOW_TEST_SIZES } from "./support/gzip-inputs.js";

const root = mkdtempSync(join(tmpdir(), "rotor-gzip-many-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const LARGEST = 64 * 1024;

/** `count` versions `app<i>.log.1` over `dirs` directories, each mode 0640; the jobs compress each into `.1.gz`, grouped by directory. */
function tree(name: string, count: number, dirs = 4): { at: string; jobs: GzipJob[] } {
  const at = join(root, name);
  const jobs: GzipJob[] = [];
  for (let d = 0; d < dirs; d++) {
    mkdirSync(join(at, `d${d}`), { recursive: true });
    for (let i = d; i < count; i += dirs) {
      const from = join(at, `d${d}`, `app${i}.log.1`);
      writeFileSync(from, `line of log ${i}\n`.repeat(50));
      chmodSync(from, 0o640);
      jobs.push({ from, to: `${from}.gz`, temporary: `${from}.gz.rotor-tmp`, level: null });
    }
  }
  return { at, jobs };
}

describe.each([
  ["the calling thread and the helper together", false],
  ["the helper alone", true],
])("gzipMany, made by %s", (_, workerOnly) => {
  it("writes each compression into its temporary name, with the source's bytes and mode, and leaves the source", async () => {
    const { jobs } = tree(`all-${workerOnly}`, 200);
    const outcomes = await gzipMany(jobs, LARGEST, { workerOnly });
    expect(outcomes).toEqual(jobs.map(() => "written"));
    for (const { from, to, temporary } of jobs) {
      expect(gunzipSync(readFileSync(temporary))).toEqual(readFileSync(from));
      expect(readFileSync(temporary)).toEqual(gzipSync(readFileSync(from))); // compressFile's bytes
      expect(lstatSync(temporary).mode & 0o7777).toBe(0o640);
      expect(existsSync(to)).toBe(false);
    }
  });

  it("gives zlib's default bytes whatever window the size chooses (sizes around each window's limit)", async () => {
    const { jobs } = tree(`sizes-${workerOnly}`, WINDOW_TEST_SIZES.length, 2);
    jobs.forEach(({ from }, k) => writeFileSync(from, farMatch(WINDOW_TEST_SIZES[k]!)));
    const outcomes = await gzipMany(jobs, LARGEST, { workerOnly });
    expect(outcomes).toEqual(jobs.map(() => "written"));
    for (const { from, temporary } of jobs) expect(readFileSync(temporary).equals(gzipSync(readFileSync(from)))).toBe(true);
  });

  it("reports a gone source, something at the target, a source too large, and an unreadable source at their indexes, touching nothing for them", async () => {
    const { at, jobs } = tree(`outcomes-${workerOnly}`, 80, 1);
    const dir = join(at, "d0");
    rmSync(jobs[1]!.from); // gone
    writeFileSync(jobs[2]!.to, "already"); // a file in the way
    mkdirSync(jobs[3]!.to); // a directory in the way
    symlinkSync("/etc/hostname", jobs[4]!.to); // a symlink in the way
    writeFileSync(jobs[5]!.from, Buffer.alloc(LARGEST + 1)); // too large
    rmSync(jobs[6]!.from);
    symlinkSync("/etc/hostname", jobs[6]!.from); // a symlink is never followed
    writeFileSync(jobs[7]!.temporary, "left by a crash"); // cleared first
    const outcomes = await gzipMany(jobs, LARGEST, { workerOnly });
    expect(outcomes.slice(0, 6)).toEqual(["written", "nothing", { inTheWay: "file" }, { inTheWay: "directory" }, { inTheWay: "symlink" }, "large"]);
    expect(outcomes[6]).toBeInstanceOf(Error);
    expect(outcomes[6]).toMatchObject({ code: "ELOOP" });
    expect(outcomes[7]).toBe("written");
    expect(gunzipSync(readFileSync(jobs[7]!.temporary))).toEqual(readFileSync(jobs[7]!.from));
    expect(outcomes.slice(8).every((outcome) => outcome === "written")).toBe(true);
    const temporaries = readdirSync(dir).filter((name) => name.endsWith(".rotor-tmp"));
    expect(temporaries.sort()).toEqual(jobs.filter((_, k) => outcomes[k] === "written").map(({ temporary }) => temporary.slice(dir.length + 1)).sort());
    expect(readFileSync(jobs[2]!.to, "utf8")).toBe("already");
  });

  it("gives an error clearing the temporary name as coming before the compression, as compressToTemporary does (a name too long once .rotor-tmp is added)", async () => {
    const { at, jobs } = tree(`long-${workerOnly}`, 70, 1);
    const from = join(at, "d0", `${"l".repeat(243)}.log.1`); // its .gz: 250 bytes, its temporary: 260
    writeFileSync(from, "a line\n");
    jobs[0] = { from, to: `${from}.gz`, temporary: `${from}.gz.rotor-tmp`, level: null };
    const outcomes = await gzipMany(jobs, LARGEST, { workerOnly });
    expect(outcomes[0]).toEqual({ before: expect.objectContaining({ code: "ENAMETOOLONG" }) });
    expect(outcomes.slice(1).every((outcome) => outcome === "written")).toBe(true);
  });

  it("gives the source's mode past the umask and its owner, and replaces a symlink left at the temporary name without following it", async () => {
    const { jobs } = tree(`owner-${workerOnly}`, 70, 1);
    chmodSync(jobs[0]!.from, 0o666); // more than the umask (022) lets open give
    chownSync(jobs[1]!.from, 4321, 8765);
    const aside = join(root, `aside-${workerOnly}`);
    writeFileSync(aside, "not to be touched");
    symlinkSync(aside, jobs[2]!.temporary);
    const outcomes = await gzipMany(jobs, LARGEST, { workerOnly });
    expect(outcomes.every((outcome) => outcome === "written")).toBe(true);
    expect(lstatSync(jobs[0]!.temporary).mode & 0o7777).toBe(0o666);
    expect(lstatSync(jobs[1]!.temporary)).toMatchObject({ uid: 4321, gid: 8765 });
    expect(lstatSync(jobs[3]!.temporary)).toMatchObject({ uid: process.getuid!(), gid: process.getgid!() });
    expect(lstatSync(jobs[2]!.temporary).isFile()).toBe(true);
    expect(gunzipSync(readFileSync(jobs[2]!.temporary))).toEqual(readFileSync(jobs[2]!.from));
    expect(readFileSync(aside, "utf8")).toBe("not to be touched");
  });
});

describe("gzipMany", () => {
  it("compresses a few on the calling thread alone, at the level asked", async () => {
    const { jobs } = tree("few", 3, 1);
    const leveled = jobs.map((job) => ({ ...job, level: 1 }));
    expect(await gzipMany(leveled, LARGEST)).toEqual(["written", "written", "written"]);
    for (const { from, temporary } of leveled) expect(readFileSync(temporary)).toEqual(gzipSync(readFileSync(from), { level: 1 }));
  });

  it.runIf(process.getuid?.() === 0)("gives each compressed file its source's owner (as root)", async () => {
    const { jobs } = tree("owners", 2, 1);
    chownSync(jobs[0]!.from, 1234, 4321);
    expect(await gzipMany(jobs, LARGEST)).toEqual(["written", "written"]);
    expect(lstatSync(jobs[0]!.temporary)).toMatchObject({ uid: 1234, gid: 4321 });
    expect(lstatSync(jobs[1]!.temporary)).toMatchObject({ uid: 0, gid: lstatSync(jobs[1]!.from).gid });
  });

  it("gives back as they are the errors of looking at the names (a target behind a symlink loop), and treats a name under a file as missing", async () => {
    const { at, jobs } = tree("before", 2, 1);
    symlinkSync(join(at, "loopB"), join(at, "loopA"));
    symlinkSync(join(at, "loopA"), join(at, "loopB"));
    const looping = { ...jobs[0]!, to: join(at, "loopA", "x.gz"), temporary: join(at, "x.gz.rotor-tmp") };
    const underFile = { ...jobs[1]!, from: join(jobs[1]!.from, "x") };
    const [loop, missing] = await gzipMany([looping, underFile], LARGEST);
    expect(loop).toEqual({ before: expect.objectContaining({ code: "ELOOP" }) });
    expect(missing).toBe("nothing");
    expect(existsSync(looping.temporary)).toBe(false);
  });
});
