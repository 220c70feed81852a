/**
 * lockState with real processes on a real temporary directory: the lock file, a stale
 * lock left by a process that has exited, and the flock that util-linux's flock(1) and the
 * real logrotate 3.21 hold on a state file — which rotor must notice, though Node cannot
 * flock. Nothing here waits on wall-clock time: each holder says when it holds the lock
 * (a line on its stdout), and lets go when told (its stdin closes, or a FIFO opens).
 */
import { spawn as spawnProcess, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lockState, nodeStateFs, StateLockedError, StateStore } from "../../../src/daemon/state/index.js";
import { holdFlock } from "../../../src/daemon/state/flock-hold.js";
import { run, VirtualClock } from "../../../src/scheduler/index.js";

const LOGROTATE = "/usr/sbin/logrotate";
const HAS_FLOCK = spawnSync("flock", ["--version"]).status === 0;

const dirs: string[] = [];
function stateInTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rotor-lock-"));
  dirs.push(dir);
  const state = join(dir, "status");
  writeFileSync(state, "logrotate state -- version 2\n", { mode: 0o600 });
  return state;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const lock = (state: string) => run(() => lockState(state, { fs: nodeStateFs }), { clock: new VirtualClock({ autojump: true }) });

/** Resolves when `child` prints `line` on stdout. */
function printed(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.split("\n").includes(line)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code} before printing ${line}: ${out}`)));
  });
}

const exited = (child: ChildProcess): Promise<number | null> => new Promise((resolve) => child.on("exit", resolve));

describe("lockState on a real disk", () => {
  it("creates <state>.lock with this pid, mode 0600, and a second lock is refused with exit code 3", async () => {
    const state = stateInTempDir();
    const held = await lock(state);
    expect(JSON.parse(readFileSync(`${state}.lock`, "utf8"))).toMatchObject({ pid: process.pid });
    expect(statSync(`${state}.lock`).mode & 0o777).toBe(0o600);
    const error = await lock(state).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateLockedError);
    expect((error as StateLockedError).exitCode).toBe(3);
    await run(() => held.release());
    expect(existsSync(`${state}.lock`)).toBe(false);
  });

  it("takes over the lock of a process that has exited", async () => {
    const state = stateInTempDir();
    const gone = spawnSync(process.execPath, ["-e", ""]).pid!;
    writeFileSync(`${state}.lock`, `${JSON.stringify({ pid: gone, host: nodeStateFs.hostname, since: 0 })}\n`);
    await lock(state);
    expect(JSON.parse(readFileSync(`${state}.lock`, "utf8")).pid).toBe(process.pid);
  });

  it.skipIf(!HAS_FLOCK)("notices an flock held on the state file by flock(1)", async () => {
    const state = stateInTempDir();
    const holder = spawnProcess("flock", ["-o", state, "sh", "-c", "echo locked; exec cat"], { stdio: ["pipe", "pipe", "inherit"] });
    await printed(holder, "locked");
    try {
      const error = await lock(state).catch((e: unknown) => e);
      expect((error as StateLockedError).holder).toEqual({ kind: "flock" });
      expect(existsSync(`${state}.lock`)).toBe(false);
    } finally {
      holder.stdin!.end();
      await exited(holder);
    }
    await lock(state);
  });

  it("notices the real logrotate 3.21 while it runs on the same state file", async () => {
    expect(existsSync(LOGROTATE), `${LOGROTATE} is needed: apt-get install -y logrotate`).toBe(true);
    const state = stateInTempDir();
    const dir = join(state, "..");
    writeFileSync(join(dir, "app.log"), "live\n");
    expect(spawnSync("mkfifo", [join(dir, "gate")]).status).toBe(0);
    // firstaction runs with the lock held: it says so, then waits until the FIFO is opened.
    writeFileSync(join(dir, "conf"), `${join(dir, "app.log")} {\n  rotate 1\n  firstaction\n    echo locked; cat ${join(dir, "gate")}\n  endscript\n}\n`, { mode: 0o644 });
    const logrotate = spawnProcess(LOGROTATE, ["-f", "-s", state, join(dir, "conf")], { stdio: ["ignore", "pipe", "inherit"] });
    await printed(logrotate, "locked");
    let code: number | null;
    try {
      const error = await lock(state).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateLockedError);
      expect((error as StateLockedError).holder).toEqual({ kind: "flock" });
    } finally {
      spawnSync("sh", ["-c", `: > ${join(dir, "gate")}`]);
      code = await exited(logrotate);
    }
    expect(code).toBe(0);
    await lock(state);
  });

  it.skipIf(!HAS_FLOCK)("holds the same flock as logrotate, so a real logrotate started meanwhile stops with exit 3 and rotates nothing", async () => {
    expect(existsSync(LOGROTATE), `${LOGROTATE} is needed: apt-get install -y logrotate`).toBe(true);
    const state = stateInTempDir();
    const dir = join(state, "..");
    writeFileSync(join(dir, "app.log"), "live\n");
    writeFileSync(join(dir, "conf"), `${join(dir, "app.log")} {\n  rotate 1\n}\n`, { mode: 0o644 });
    const held = await lock(state);
    const refused = spawnSync(LOGROTATE, ["-f", "-s", state, join(dir, "conf")], { encoding: "utf8" });
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain("already locked");
    expect(existsSync(join(dir, "app.log.1"))).toBe(false);
    await run(() => held.release());
    expect(spawnSync(LOGROTATE, ["-f", "-s", state, join(dir, "conf")]).status).toBe(0);
    expect(existsSync(join(dir, "app.log.1"))).toBe(true);
  });

  it.skipIf(!HAS_FLOCK)("takes the flock again on the new file that each write of the state puts in place, and lets it go at close", async () => {
    const state = stateInTempDir();
    const flocked = () => spawnSync("flock", ["-n", "-E", "75", state, "true"]).status === 75;
    const clock = new VirtualClock({ autojump: true, start: Date.UTC(2026, 2, 15) });
    const store = await run(() => StateStore.open(state, { fs: nodeStateFs }), { clock });
    const inode = statSync(state).ino;
    await run(() => store.record("/var/log/app.log", clock.wallNow()), { clock });
    expect(statSync(state).ino).not.toBe(inode); // written by a rename: a new file
    await store.lock.renewed();
    expect(flocked()).toBe(true);
    await run(() => store.close(), { clock });
    expect(flocked()).toBe(false);
  });
});

describe.skipIf(!HAS_FLOCK)("holdFlock's holder", () => {
  const flocked = (path: string) => spawnSync("flock", ["-n", "-E", "75", path, "true"]).status === 75;

  it("moves its one lock from file to file on renew, and lets go of the last at release", async () => {
    const first = stateInTempDir();
    const files = [first, `${first}.b`, `${first}.c`];
    for (const file of files.slice(1)) writeFileSync(file, "x");
    const hold = await holdFlock(first);
    if (typeof hold !== "object") throw new Error(`not held: ${hold}`);
    expect(flocked(first)).toBe(true);
    for (const [k, file] of files.slice(1).entries()) {
      expect(await hold.renew!(file)).toBe(true);
      expect(flocked(file)).toBe(true);
      expect(flocked(files[k]!)).toBe(false);
    }
    expect(await hold.renew!(files[2]!)).toBe(true); // asked again for the file it holds
    expect(flocked(files[2]!)).toBe(true);
    await hold.release();
    expect(files.map(flocked)).toEqual([false, false, false]);
  });

  it("says so when another program holds the next file, holds nothing then, and takes it once it is free", async () => {
    const first = stateInTempDir();
    const next = `${first}.next`;
    writeFileSync(next, "x");
    const hold = await holdFlock(first);
    if (typeof hold !== "object") throw new Error(`not held: ${hold}`);
    const other = spawnProcess("flock", ["-n", next, "-c", "echo locked; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
    await printed(other, "locked");
    expect(await hold.renew!(next)).toBe(false);
    expect(flocked(first)).toBe(false);
    other.stdin!.end();
    await exited(other);
    expect(await hold.renew!(next)).toBe(true);
    expect(flocked(next)).toBe(true);
    expect(await hold.renew!(join(first, "..", "missing"))).toBe(false);
    expect(flocked(next)).toBe(false);
    await hold.release();
  });

  it("never runs the user's ~/.bashrc, as cron starts it (no SHLVL; its stdin a socket, which bash takes for sshd's), nor BASH_ENV", async () => {
    const state = stateInTempDir();
    const home = mkdtempSync(join(tmpdir(), "rotor-home-"));
    const marker = join(home, "bashrc-ran");
    writeFileSync(join(home, ".bashrc"), `touch ${marker}\n`);
    writeFileSync(join(home, "bash-env"), `touch ${marker}\n`);
    const saved = { HOME: process.env.HOME, SHLVL: process.env.SHLVL, BASH_ENV: process.env.BASH_ENV };
    process.env.HOME = home;
    process.env.BASH_ENV = join(home, "bash-env");
    delete process.env.SHLVL;
    try {
      const hold = await holdFlock(state);
      if (typeof hold !== "object") throw new Error(`not held: ${hold}`);
      expect(flocked(state)).toBe(true);
      await hold.release();
    } finally {
      for (const [name, value] of Object.entries(saved)) if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    expect(existsSync(marker)).toBe(false);
    rmSync(home, { recursive: true, force: true });
  });

  it("is taken at once when another program holds the file", async () => {
    const state = stateInTempDir();
    const other = spawnProcess("flock", ["-n", state, "-c", "echo locked; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
    await printed(other, "locked");
    expect(await holdFlock(state)).toBe("taken");
    other.stdin!.end();
    await exited(other);
  });
});
