/**
 * rotor-logrotate against Debian's logrotate 3.21, second part: copytruncate and copy,
 * olddir (relative, absolute, missing, created, on another device), su, shred, and include
 * (a file, a directory, the taboo lists). Each case compares files, modes, contents, owners,
 * the scripts' output, the state and the exit code (see rotor-logrotate-diff.test.ts).
 */
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { expectSame, HAS_FAKETIME, runBoth, runBothAt, scratch, type BothOptions } from "./support/logrotate-diff.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A tmpfs (another device than the scratch directories under /tmp), if there is one. */
const SHM = existsSync("/dev/shm") ? "/dev/shm" : null;

function fresh(): string {
  const dir = scratch();
  dirs.push(dir);
  return dir;
}

interface Case {
  name: string;
  /** The config, `$W` standing for the work directory and `$X` for the extra directory. */
  conf: string;
  /** Files under the work directory (`logs/` holds the logs); a name ending in `/` is a directory. */
  files: Record<string, string>;
  /** Run after the files are written (ownership, modes). */
  then?: (work: string) => void;
  code?: number;
  /** A directory on another device for the case, made empty before each run. */
  extra?: boolean;
  /** The run's instant, under faketime (dated names). */
  at?: string;
}

const SCRIPTS = `
  prerotate
    echo "pre [$1]" >> $W/out; ls $W/logs >> $W/out
  endscript
  postrotate
    echo "post [$1] [$2]" >> $W/out; ls $W/logs >> $W/out
  endscript`;
const live = { "logs/app.log": "live\n" };
const block = (body: string, pattern = "$W/logs/app.log") => `${pattern} {\n${body}\n}\n`;

const cases: Case[] = [
  { name: "copytruncate: copies to .1, empties the live log in place, then compresses, around the scripts", conf: block(`  rotate 2\n  copytruncate\n  compress${SCRIPTS}`), files: { ...live, "logs/app.log.1.gz": "v1\n" } },
  { name: "copytruncate ignores create, and delaycompress keeps .1 plain", conf: block(`  rotate 2\n  copytruncate\n  create 0600 daemon adm\n  compress\n  delaycompress`), files: { ...live, "logs/app.log.1": "v1\n" } },
  { name: "copy leaves the live log as it is", conf: block(`  rotate 1\n  copy`), files: live },
  { name: "renamecopy goes through a temporary name, with create", conf: block(`  rotate 1\n  renamecopy\n  create 0640${SCRIPTS}`), files: live },
  { name: "olddir (relative) holds every version; a stray next to the log is left alone", conf: block(`  rotate 2\n  olddir old`), files: { ...live, "logs/app.log.1": "stray\n", "logs/old/": "", "logs/old/app.log.1": "o1\n", "logs/old/app.log.2": "o2\n" } },
  { name: "olddir (absolute) with compress", conf: block(`  rotate 2\n  olddir $W/archive\n  compress`), files: { ...live, "archive/": "", "archive/app.log.1.gz": "a1\n" } },
  // With no log left at all, both write a state file holding the header alone (16d).
  { name: "a missing olddir without createolddir is a config error: nothing rotates, exit 1", conf: block(`  rotate 2\n  olddir old`), files: live, code: 1 },
  { name: "a missing olddir in an included file drops the rest of that file only", conf: `include $W/first.conf\n${block("  rotate 1", "$W/logs/c.log")}`, files: { ...live, "logs/b.log": "b\n", "logs/c.log": "c\n", "first.conf": block(`  rotate 2\n  olddir old`) + block("  rotate 1", "$W/logs/b.log") }, code: 1 },
  { name: "a missing directory of the log is a config error with olddir, skipped with missingok", conf: block("  rotate 1", "$W/logs/ok.log") + block(`  olddir old\n  missingok`, "$W/none/a.log") + block(`  olddir old`, "$W/none/b.log") + block("  rotate 1", "$W/logs/app.log"), files: { ...live, "logs/ok.log": "ok\n" }, code: 1 },
  {
    name: "a missing olddir drops its block and every later block of the file, not the earlier ones",
    conf: block("  rotate 2", "$W/logs/a.log") + block("  rotate 2\n  olddir old", "$W/logs/b.log") + block("  rotate 2", "$W/logs/c.log"),
    files: { "logs/a.log": "a\n", "logs/b.log": "b\n", "logs/c.log": "c\n" },
    code: 1,
  },
  { name: "createolddir 0750 daemon adm makes the olddir with that mode and owner", conf: block(`  rotate 2\n  olddir old\n  createolddir 0750 daemon adm`), files: live },
  { name: "createolddir makes the missing parents of the olddir too, with its mode", conf: block(`  rotate 2\n  olddir old/deeper\n  createolddir 0700`), files: live },
  { name: "createolddir gives the missing parents of the olddir its owner too (16e)", conf: block(`  rotate 2\n  olddir old/deeper\n  createolddir 0750 daemon adm`), files: live },
  { name: "olddir with dateext and compress", conf: block(`  rotate 2\n  olddir old\n  dateext\n  compress`), files: { ...live, "logs/old/": "", "logs/old/app.log-20260310.gz": "d10\n" }, at: "2026-03-15 10:00:00" },
  { name: "an olddir on another device refuses a plain rename as a config error", conf: block("  rotate 1", "$W/logs/ok.log") + block(`  rotate 2\n  olddir $X`), files: { ...live, "logs/ok.log": "ok\n" }, extra: true, code: 1 },
  { name: "an olddir on another device is refused for the first match of a glob", conf: block("  rotate 1", "$W/logs/ok.log") + block(`  olddir $X`, "$W/logs/*.txt"), files: { ...live, "logs/ok.log": "ok\n", "logs/b.txt": "b\n", "logs/a.txt": "a\n" }, extra: true, code: 1 },
  { name: "an olddir on another device takes copytruncate's copy", conf: block(`  rotate 2\n  olddir $X\n  copytruncate\n  compress`), files: live, extra: true },
  { name: "an olddir on another device takes copy's copy", conf: block(`  rotate 1\n  olddir $X\n  copy`), files: live, extra: true },
  {
    name: "su in a group-writable directory: rotated and compressed, owners kept",
    conf: block(`  rotate 2\n  su daemon adm\n  create\n  compress`),
    files: { ...live, "logs/app.log.1.gz": "v1\n" },
    then: (work) => {
      // The scratch directory is 0700: daemon must be able to reach the logs.
      chmodSync(dirname(work), 0o755);
      chmodSync(work, 0o755);
      chownSync(join(work, "logs"), 1, 4);
      chmodSync(join(work, "logs"), 0o775);
      for (const name of ["app.log", "app.log.1.gz"]) chownSync(join(work, "logs", name), 1, 4);
    },
  },
  {
    name: "su without the right to write the log's directory: Permission denied, nothing changes, exit 1",
    conf: block(`  rotate 2\n  su daemon adm\n  create\n  compress`),
    files: { ...live, "logs/app.log.1.gz": "v1\n" },
    then: (work) => {
      chmodSync(dirname(work), 0o755);
      chmodSync(work, 0o755);
    },
    code: 1,
  },
  // Under su logrotate sets no owner on the files it makes (createOutputFile chowns only as
  // root), so a root-owned log's new file and compressed version end up the su user's (16f).
  {
    name: "su with a log owned by someone else: the new log and the compressed version are the su user's",
    conf: block(`  rotate 1\n  su daemon adm\n  create 0640\n  compress`),
    files: { ...live, "logs/app.log.1.gz": "v1\n" },
    then: (work) => {
      chmodSync(dirname(work), 0o755);
      chmodSync(work, 0o777);
      chownSync(join(work, "logs"), 1, 4);
      chmodSync(join(work, "logs"), 0o755);
    },
  },
  {
    name: "su runs the file operations as the user and the scripts as root",
    conf: block(`  rotate 1\n  su daemon adm\n  create 0640\n  compress\n  postrotate\n    id -u >> $W/out\n  endscript`),
    files: live,
    then: (work) => {
      chmodSync(dirname(work), 0o755);
      chmodSync(work, 0o777);
      chownSync(join(work, "logs"), 1, 4);
      chmodSync(join(work, "logs"), 0o755);
      chownSync(join(work, "logs", "app.log"), 1, 4);
    },
  },
  { name: "shred removes the disposed version", conf: block(`  rotate 1\n  shred\n  shredcycles 2`), files: { ...live, "logs/app.log.1": "v1\n", "logs/app.log.2": "v2\n" } },
  { name: "shred with compress removes the compressed source too", conf: block(`  rotate 1\n  shred\n  compress`), files: { ...live, "logs/app.log.1.gz": "v1\n" } },
  { name: "include of a file applies its blocks", conf: `rotate 3\ninclude $W/more.conf\n`, files: { ...live, "more.conf": block("  compress") } },
  {
    name: "include of a directory reads its files in order and skips the default taboo endings",
    conf: `rotate 1\ninclude $W/conf.d\n`,
    files: { ...live, "logs/b.log": "b\n", "logs/c.log": "c\n", "logs/d.log": "d\n", "conf.d/": "", "conf.d/a": block("  compress"), "conf.d/b.conf": block("  rotate 2", "$W/logs/b.log"), "conf.d/c.dpkg-old": block("  rotate 3", "$W/logs/c.log"), "conf.d/d~": block("  rotate 3", "$W/logs/d.log") },
  },
  {
    name: "tabooext + and taboopat widen the taboo list for a later include",
    conf: `tabooext + .off\ntaboopat + skip-*\ninclude $W/conf.d\n`,
    files: { ...live, "logs/b.log": "b\n", "logs/c.log": "c\n", "conf.d/": "", "conf.d/a.conf": block("  rotate 1"), "conf.d/b.off": block("  rotate 1", "$W/logs/b.log"), "conf.d/skip-c": block("  rotate 1", "$W/logs/c.log") },
  },
  {
    name: "tabooext without + replaces the list",
    conf: `tabooext .conf\ninclude $W/conf.d\n`,
    files: { ...live, "logs/b.log": "b\n", "conf.d/": "", "conf.d/a.conf": block("  rotate 1"), "conf.d/b~": block("  rotate 1", "$W/logs/b.log") },
  },
  { name: "an include of a missing file is an error, the rest still rotates", conf: `include $W/nothing.conf\n${block("  rotate 1")}`, files: live, code: 1 },
];

function fixture(c: Case, extra: string): (work: string) => void {
  return (work) => {
    if (c.extra) {
      rmSync(extra, { recursive: true, force: true });
      mkdirSync(extra);
    }
    const expand = (text: string) => text.replaceAll("$W", work).replaceAll("$X", extra);
    for (const [name, content] of Object.entries(c.files)) {
      if (name.endsWith("/")) mkdirSync(join(work, name), { recursive: true });
      else {
        mkdirSync(join(work, name, ".."), { recursive: true });
        writeFileSync(join(work, name), name.endsWith(".gz") ? gzipSync(content) : expand(content), { mode: 0o644 });
      }
    }
    writeFileSync(join(work, "conf"), expand(c.conf));
    c.then?.(work);
  };
}


describe("rotor-logrotate -f gives what logrotate -f gives: copies, olddir, su, shred, include", () => {
  it.each(cases)("$name", async (c) => {
    if (c.extra && SHM === null) return;
    if (c.at && !HAS_FAKETIME) return;
    const dir = fresh();
    const extra = join(SHM ?? "/tmp", `${basename(dir)}-olddir`);
    if (c.extra) dirs.push(extra);
    const options: BothOptions = c.extra ? { extra: [extra] } : {};
    const setup = fixture(c, extra);
    const result = c.at ? runBothAt(dir, c.at, setup, ["-f"], options) : await runBoth(dir, setup, ["-f"], options);
    expectSame(result);
    expect(result.rotor.code).toBe(c.code ?? 0);
    if (c.code === 1 && /olddir/.test(c.conf)) expect(result.rotor.stderr).toMatch(/^error: .*conf:\d+ (error verifying (olddir|log file) path|olddir .* are on different devices)/m);
  });

  it("makes createolddir's directory 0755 where logrotate makes it 07777 (DEVIATION in src/rotate/policy.ts), and the rest the same", async () => {
    const c: Case = { name: "", conf: block(`  rotate 2\n  olddir old\n  createolddir`), files: live };
    const result = await runBoth(fresh(), fixture(c, ""), ["-f"]);
    expect(result.logrotate.files["logs/old"]).toBe("dir 7777");
    expect(result.rotor.files["logs/old"]).toBe("dir 755");
    expect({ ...result.rotor.files, "logs/old": "" }).toEqual({ ...result.logrotate.files, "logs/old": "" });
    expect(result.rotor.code).toBe(result.logrotate.code);
  });
});
