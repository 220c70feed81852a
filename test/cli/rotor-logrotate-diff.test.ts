/**
 * rotor-logrotate against Debian's logrotate 3.21: each case builds the same fixture twice
 * in one scratch directory, runs logrotate on one and rotor-logrotate on the other, and
 * requires the same files, modes, contents, script output, state lines and exit code.
 * Known, documented differences of the engine (docs/logrotate-behaviour.md "DEVIATION"
 * cases: rotor never overwrites a stray plain `.1` under compress) are kept out of the
 * fixtures. logrotate must be installed (CI: apt-get install -y logrotate faketime).
 */
import { chmodSync, linkSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { expectSame, HAS_FAKETIME, runBoth, runBothAt, scratch } from "./support/logrotate-diff.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function fresh(): string {
  const dir = scratch();
  dirs.push(dir);
  return dir;
}

/** Writes `conf` (with `$W` for the work directory) and the logs given as name → content. */
function fixture(conf: string, logs: Record<string, string>): (work: string) => void {
  return (work) => {
    mkdirSync(join(work, "logs"));
    for (const [name, content] of Object.entries(logs)) writeFileSync(join(work, "logs", name), content, { mode: 0o644 });
    writeFileSync(join(work, "conf"), conf.replaceAll("$W", work));
  };
}

const scriptsBlock = `
  prerotate
    echo "pre [$1] [$2]" >> $W/out
  endscript
  postrotate
    echo "post [$1] [$2]" >> $W/out
  endscript
  firstaction
    echo "first [$1]" >> $W/out
  endscript
  lastaction
    echo "last [$1]" >> $W/out
  endscript`;

describe("rotor-logrotate -f gives what logrotate -f gives", () => {
  it("rotates with compress, shifting the compressed versions and dropping the oldest", async () => {
    const setup = fixture(`$W/logs/app.log {\n  rotate 2\n  compress\n  create 0640\n}\n`, { "app.log": "now\n", "app.log.1.gz": "", "app.log.2.gz": "" });
    const gz = (work: string) => {
      setup(work);
      // Real gzip files for the old versions, so that the listing can inflate them.
      writeFileSync(join(work, "logs", "app.log.1.gz"), gzipSync("one\n"));
      writeFileSync(join(work, "logs", "app.log.2.gz"), gzipSync("two\n"));
    };
    const result = await runBoth(fresh(), gz, ["-f"]);
    expectSame(result);
    expect(Object.keys(result.rotor.files)).toEqual(["conf", "logs", "logs/app.log", "logs/app.log.1.gz", "logs/app.log.2.gz"]);
  });

  it("runs shared scripts once for a glob of two logs, with the pattern text as $1", async () => {
    const setup = fixture(`$W/logs/*.log {\n  rotate 1\n  compress\n  sharedscripts${scriptsBlock}\n}\n`, { "a.log": "a\n", "b.log": "b\n" });
    const result = await runBoth(fresh(), setup, ["-f"]);
    expectSame(result);
    expect(result.rotor.files["out"]).toMatch(/first \[.*\/logs\/\*\.log \]\npre \[.*\*\.log \] \[\]\npost \[.*\*\.log \] \[\]\nlast/);
  });

  it("runs pre/postrotate for each log of a glob without sharedscripts, with $1 and $2", async () => {
    const setup = fixture(`$W/logs/*.log {\n  rotate 1${scriptsBlock}\n}\n`, { "a.log": "a\n", "b.log": "b\n" });
    expectSame(await runBoth(fresh(), setup, ["-f"]));
  });

  it("reports a missing log with exit code 1 and still rotates the others of the block", async () => {
    const setup = fixture(`$W/logs/missing.log $W/logs/app.log {\n  rotate 1\n}\n`, { "app.log": "x\n" });
    const result = await runBoth(fresh(), setup, ["-f"]);
    expectSame(result);
    expect(result.rotor.code).toBe(1);
    expect(result.rotor.stderr).toMatch(/error: stat of .*missing\.log failed: No such file or directory/);
  });

  it("skips a missing log quietly with missingok, and a glob that matches nothing too", async () => {
    const setup = fixture(`$W/logs/missing.log $W/logs/*.nomatch $W/logs/app.log {\n  rotate 1\n  missingok\n}\n`, { "app.log": "x\n" });
    const result = await runBoth(fresh(), setup, ["-f"]);
    expectSame(result);
    expect(result.rotor.code).toBe(0);
  });

  it("keeps an empty log under notifempty even with -f", async () => {
    const setup = fixture(`$W/logs/*.log {\n  rotate 1\n  notifempty\n}\n`, { "empty.log": "", "full.log": "x\n" });
    const result = await runBoth(fresh(), setup, ["-f"]);
    expectSame(result);
    expect(result.rotor.files["logs/empty.log"]).toBe("644 ");
  });

  it("stops every log of a shared block when the shared prerotate fails, still shifted, and runs lastaction", async () => {
    const conf = `$W/logs/*.log {\n  rotate 2\n  sharedscripts\n  prerotate\n    echo "pre [$1]" >> $W/out; exit 1\n  endscript\n  lastaction\n    echo "last [$1]" >> $W/out\n  endscript\n}\n`;
    const setup = fixture(conf, { "a.log": "a\n", "a.log.1": "a1\n", "b.log": "b\n" });
    const result = await runBoth(fresh(), setup, ["-f"]);
    expectSame(result);
    expect(result.rotor.code).toBe(1);
    expect(result.rotor.stderr).toMatch(/error: error running shared prerotate script for '.*\*\.log '/);
  });

  it("rotates nothing of a block whose firstaction fails", async () => {
    const conf = `$W/logs/app.log {\n  rotate 1\n  firstaction\n    exit 3\n  endscript\n}\n$W/logs/other.log {\n  rotate 1\n}\n`;
    const result = await runBoth(fresh(), fixture(conf, { "app.log": "x\n", "other.log": "y\n" }), ["-f"]);
    expectSame(result);
    expect(result.rotor.code).toBe(1);
    expect(result.rotor.stderr).toMatch(/error: error running first action script for .*app\.log /);
  });

  it("keeps the uncompressed version when the compressor fails, with exit code 1", async () => {
    const conf = `$W/logs/app.log {\n  rotate 1\n  compress\n  compresscmd /bin/false\n  postrotate\n    echo "post [$1] [$2]" >> $W/out\n  endscript\n}\n`;
    const result = await runBoth(fresh(), fixture(conf, { "app.log": "x\n" }), ["-f"]);
    expectSame(result);
    expect(result.rotor.stderr).toMatch(/error: failed to compress log .*app\.log\.1/);
  });

  it("compresses after the shared postrotate with delaycompress over two runs' worth of versions", async () => {
    const conf = `$W/logs/*.log {\n  rotate 3\n  compress\n  delaycompress\n  sharedscripts\n  postrotate\n    ls $W/logs >> $W/out\n  endscript\n}\n`;
    const result = await runBoth(fresh(), fixture(conf, { "a.log": "a\n", "a.log.1": "a1\n", "b.log": "b\n" }), ["-f"]);
    expectSame(result);
  });

  it("refuses a log whose directory is world writable, in logrotate's words", async () => {
    const conf = `$W/logs/app.log {\n  rotate 1\n}\n`;
    const setup = (work: string) => {
      fixture(conf, { "app.log": "x\n" })(work);
      chmodSync(join(work, "logs"), 0o777);
    };
    const result = await runBoth(fresh(), setup, ["-f"]);
    expectSame(result);
    expect(result.rotor.stderr).toContain('because parent directory has insecure permissions');
  });

  it("drops a whole block whose glob matches a log of an earlier block, and runs the later blocks", async () => {
    const conf = `$W/logs/a.log {\n  rotate 1\n}\n$W/logs/*.log {\n  rotate 2\n}\n$W/logs/c.txt {\n  rotate 1\n}\n`;
    const result = await runBoth(fresh(), fixture(conf, { "a.log": "a\n", "b.log": "b\n", "c.txt": "c\n" }), ["-f"]);
    expectSame(result);
    expect(result.rotor.stderr).toMatch(/error: .*conf:4 duplicate log entry for .*a\.log/);
  });

  it("skips a hard-linked log, a symlinked log and a directory with exit code 0", async () => {
    const conf = `$W/logs/linked.log $W/logs/sym.log $W/logs/dir.log $W/logs/plain.log {\n  rotate 1\n}\n`;
    const setup = (work: string) => {
      fixture(conf, { "linked.log": "l\n", "target": "t\n", "plain.log": "p\n" })(work);
      linkSync(join(work, "logs", "linked.log"), join(work, "logs", "other-name"));
      symlinkSync("target", join(work, "logs", "sym.log"));
      mkdirSync(join(work, "logs", "dir.log"));
    };
    const result = await runBoth(fresh(), setup, ["-f"]);
    expectSame(result);
    expect(result.rotor.files["logs/plain.log.1"]).toBe("644 p\n");
  });

  it("takes an unknown directive as a warning and rotates anyway", async () => {
    const result = await runBoth(fresh(), fixture(`$W/logs/app.log {\n  bogus\n  rotate 1\n}\n`, { "app.log": "x\n" }), ["-f"]);
    expectSame(result);
    expect(result.rotor.code).toBe(0);
    expect(result.rotor.stderr).toMatch(/^error: .*conf:2 unknown option 'bogus' -- ignoring line$/m);
  });

  it("undoes the globals of a file whose block has an error, and names a file of a directory as logrotate does", async () => {
    const setup = (work: string) => {
      mkdirSync(join(work, "logs"));
      for (const name of ["one.log", "two.log", "three.log"]) writeFileSync(join(work, "logs", name), `${name}\n`, { mode: 0o644 });
      mkdirSync(join(work, "conf"));
      // a: a global, a good block, then a bad one; b, read after a, must not see a's global.
      writeFileSync(join(work, "conf", "a"), `compress\n${work}/logs/two.log {\n  rotate 1\n}\n${work}/logs/one.log {\n  rotate 1\n  size 1x\n}\n`, { mode: 0o644 });
      writeFileSync(join(work, "conf", "b"), `${work}/logs/three.log {\n  rotate 1\n}\n`, { mode: 0o644 });
    };
    const result = await runBoth(fresh(), setup, ["-f"]);
    expectSame(result);
    expect(Object.keys(result.rotor.files).filter((name) => name.startsWith("logs/"))).toEqual(["logs/one.log", "logs/three.log.1", "logs/two.log.1.gz"]);
    const errors = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("error:"));
    expect(errors(result.rotor.stderr)).toEqual(errors(result.logrotate.stderr));
    expect(errors(result.rotor.stderr).map((line) => line.replace(/\/\S*\/logs\//, "W/logs/"))).toEqual(["error: a:7 unknown unit 'x'", "error: found error in W/logs/one.log , skipping", "error: found error in file a, skipping"]);
  });

  it.skipIf(!HAS_FAKETIME)("names dated versions at the same instant under faketime (dateext)", () => {
    const setup = fixture(`$W/logs/app.log {\n  rotate 2\n  dateext\n  create\n}\n`, { "app.log": "x\n", "app.log-20260310": "old1\n", "app.log-20260312": "old2\n" });
    const result = runBothAt(fresh(), "2026-03-15 10:30:00", setup, ["-f"]);
    expectSame(result);
    expect(Object.keys(result.rotor.files)).toEqual(["conf", "logs", "logs/app.log", "logs/app.log-20260312", "logs/app.log-20260315"]);
  });
});

describe("rotor-logrotate where logrotate refuses a rotation", () => {
  it.skipIf(!HAS_FAKETIME)("refuses a second dated rotation on the same day, with exit code 1, and still records it", () => {
    const setup = fixture(`$W/logs/app.log {\n  rotate 2\n  dateext\n}\n`, { "app.log": "x\n", "app.log-20260315": "earlier today\n" });
    const result = runBothAt(fresh(), "2026-03-15 10:30:00", setup, ["-f"]);
    expectSame(result);
    expect(result.logrotate.stderr).toContain("already exists, skipping rotation");
  });
});

describe("rotor-logrotate without -f decides what is due as logrotate does", () => {
  const local = (d: Date) => `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}-${d.getHours()}:${d.getMinutes()}:${d.getSeconds()}`;

  function dailyWithState(lastRotated: Date): (work: string) => void {
    const setup = fixture(`$W/logs/app.log {\n  daily\n  rotate 1\n}\n`, { "app.log": "x\n" });
    return (work) => {
      setup(work);
      writeFileSync(join(work, "..", "state"), `logrotate state -- version 2\n"${work}/logs/app.log" ${local(lastRotated)}\n`);
    };
  }

  it("rotates a daily log that the state says was rotated yesterday", async () => {
    const result = await runBoth(fresh(), dailyWithState(new Date(Date.now() - 86_400_000)), []);
    expectSame(result);
    expect(result.rotor.files["logs/app.log.1"]).toBe("644 x\n");
  });

  it("leaves a daily log that the state says was rotated today", async () => {
    const today = new Date();
    today.setHours(0, 0, 1);
    const result = await runBoth(fresh(), dailyWithState(today), []);
    expectSame(result);
    expect(result.rotor.files["logs/app.log.1"]).toBeUndefined();
  });
});

describe.skipIf(!HAS_FAKETIME)("rotor-logrotate decides due logs as logrotate does, at a pinned instant (Sunday 2026-03-15 10:30)", () => {
  /** Each log's block directive and the last rotation its state records. */
  const logs: Record<string, [string, string]> = {
    "weekly-8days.log": ["weekly", "2026-3-7-10:0:0"],
    "weekly-2days.log": ["weekly", "2026-3-13-10:0:0"],
    "weekly-sunday.log": ["weekly 0", "2026-3-14-23:0:0"],
    "weekly-monday.log": ["weekly 1", "2026-3-14-23:0:0"],
    "monthly-new.log": ["monthly", "2026-2-28-10:0:0"],
    "monthly-same.log": ["monthly", "2026-3-1-0:0:0"],
    "yearly-same.log": ["yearly", "2026-1-1-0:0:0"],
    "hourly-prev.log": ["hourly", "2026-3-15-9:59:0"],
    "hourly-same.log": ["hourly", "2026-3-15-10:1:0"],
    "size-small.log": ["size 100", "2026-1-1-0:0:0"],
    "size-big.log": ["size 1", "2026-3-15-10:1:0"],
    "minsize.log": ["daily\n  minsize 1k", "2026-3-14-10:0:0"],
    "maxsize.log": ["daily\n  maxsize 1", "2026-3-15-10:1:0"],
    "future.log": ["daily", "2026-3-20-10:0:0"],
  };

  it("rotates the same logs, without -f", () => {
    const setup = (work: string) => {
      const conf = Object.entries(logs).map(([name, [directive]]) => `$W/logs/${name} {\n  ${directive}\n  rotate 1\n}\n`).join("");
      fixture(conf, Object.fromEntries(Object.keys(logs).map((name) => [name, "some bytes\n"])))(work);
      const state = Object.entries(logs).map(([name, [, last]]) => `"${work}/logs/${name}" ${last}\n`).join("");
      writeFileSync(join(work, "..", "state"), `logrotate state -- version 2\n${state}`);
    };
    const result = runBothAt(fresh(), "2026-03-15 10:30:00", setup, []);
    expectSame(result);
    const rotated = Object.keys(result.rotor.files).filter((name) => name.endsWith(".1")).sort();
    expect(rotated).toEqual(
      // `weekly` alone means Sunday: today, so 2 days are enough (logrotate 3.21's default weekday 0).
      ["future.log", "hourly-prev.log", "maxsize.log", "monthly-new.log", "size-big.log", "weekly-2days.log", "weekly-8days.log", "weekly-sunday.log"].map((name) => `logs/${name}.1`),
    );
  });
});

