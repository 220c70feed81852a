/**
 * `rotor run` as a real process on real files: signals, reloads and a graceful stop. Each
 * test waits for the daemon's own log events (JSON lines on stderr), never for a duration.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const rotor = fileURLToPath(new URL("../../dist/src/cli/rotor.js", import.meta.url));

interface Daemon {
  child: ChildProcess;
  events: Array<Record<string, unknown>>;
  /** Resolves with the first event (from the start) that matches. */
  until(match: (event: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exit: Promise<number | null>;
}

function startDaemon(dir: string, ...args: string[]): Daemon {
  const child = spawn(process.execPath, [rotor, "run", join(dir, "rotor.yaml"), "--state", join(dir, "status"), "--log-format", "json", ...args], { stdio: ["ignore", "ignore", "pipe"] });
  const events: Array<Record<string, unknown>> = [];
  const waiters: Array<{ match: (event: Record<string, unknown>) => boolean; resolve: (event: Record<string, unknown>) => void }> = [];
  let buffered = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) {
      const event = JSON.parse(line) as Record<string, unknown>;
      events.push(event);
      for (const waiter of [...waiters]) {
        if (waiter.match(event)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      }
    }
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const until = (match: (event: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const seen = events.find(match);
      if (seen) resolve(seen);
      else waiters.push({ match, resolve });
    });
  running.push(child);
  return { child, events, until, exit };
}

const running: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), "rotor-daemon-"));
  dirs.push(dir);
  writeConfig(dir, config);
  return dir;
}

function writeConfig(dir: string, config: string): void {
  writeFileSync(join(dir, "rotor.yaml"), config);
  chmodSync(join(dir, "rotor.yaml"), 0o644);
}

/** Whether process `pid` has a handler for `signal` (its SigCgt mask in /proc). */
function catchesSignal(pid: number, signal: "SIGHUP"): boolean {
  const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return mask !== undefined && (BigInt(`0x${mask}`) & (1n << BigInt(constants.signals[signal] - 1))) !== 0n;
}

/** Resolves once `condition` holds, checking it at each turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe("rotor run", () => {
  it("reloads a good config on SIGHUP, restarting only the job that changed, and keeps the old one after a bad config", async () => {
    const dir = scratch(`jobs:\n  a: { path: a.log, daily: true, keep: 2 }\n  b: { path: b.log, daily: true, keep: 2 }\n`);
    const daemon = startDaemon(dir);
    await daemon.until((e) => e.event === "started");
    writeConfig(dir, `jobs:\n  a: { path: a.log, daily: true, keep: 2 }\n  b: { path: b.log, daily: true, keep: 3 }\n  c: { path: c.log, hourly: true, keep: 1 }\n`);
    daemon.child.kill("SIGHUP");
    const reloaded = await daemon.until((e) => e.event === "reloaded");
    expect(reloaded).toMatchObject({ jobs: 3, started: 2, stopped: 0, unchanged: 1 });
    const restarted = daemon.events.filter((e) => e.event === "job-started").map((e) => e.job);
    expect(restarted).toEqual(["a", "b", "b", "c"]);

    writeConfig(dir, `jobs:\n  a: { path: a.log, daily: true, kep: 2 }\n`);
    daemon.child.kill("SIGHUP");
    const failed = await daemon.until((e) => e.event === "reload-failed");
    expect(String(failed.error)).toContain("rotor.yaml:2:");
    expect(String(failed.error)).toContain("did you mean `keep`?");
    daemon.child.kill("SIGTERM");
    expect(await daemon.exit).toBe(0);
    // The three jobs of the good config ran until the end: the bad one changed nothing.
    expect(daemon.events.filter((e) => e.event === "job-started")).toHaveLength(4);
  });

  it("survives a SIGHUP that arrives while the config is being read, and serves it once started", async () => {
    // The config is a FIFO: the daemon's read of it waits until the test writes, so the
    // SIGHUP is sent while the daemon is reading its config, whatever the machine's speed.
    const dir = mkdtempSync(join(tmpdir(), "rotor-daemon-"));
    dirs.push(dir);
    const fifo = join(dir, "rotor.yaml");
    execFileSync("mkfifo", ["-m", "0644", fifo]);
    const daemon = startDaemon(dir);
    await until(() => catchesSignal(daemon.child.pid!, "SIGHUP"));
    daemon.child.kill("SIGHUP");
    const config = `jobs:\n  a: { path: a.log, daily: true, keep: 2 }\n`;
    writeFileSync(fifo, config);
    await daemon.until((e) => e.event === "started");
    // The reload reads the FIFO again.
    writeFileSync(fifo, config);
    expect(await daemon.until((e) => e.event === "reloaded")).toMatchObject({ jobs: 1, unchanged: 1 });
    daemon.child.kill("SIGTERM");
    expect(await daemon.exit).toBe(0);
  });

  it("lets a compression in progress finish on SIGTERM, then exits 0 with the state written", async () => {
    const dir = scratch(`jobs:\n  big: { path: big.log, size: 1024, check: 1s, keep: 2, compress: gzip }\n`);
    // Several MiB of random text: gzip takes long enough to be caught in the middle.
    writeFileSync(join(dir, "big.log"), randomBytes(24 * 1024 * 1024).toString("base64"));
    const daemon = startDaemon(dir, "--verbose");
    await daemon.until((e) => e.event === "step" && String(e.step).startsWith("compress "));
    daemon.child.kill("SIGTERM");
    expect(await daemon.exit).toBe(0);
    const names = readdirSync(dir).sort();
    expect(names).toEqual(["big.log", "big.log.1.gz", "rotor.yaml", "status"]);
    // The archive is whole: gzip -t checks it end to end.
    execFileSync("gzip", ["-t", join(dir, "big.log.1.gz")]);
    const order = daemon.events.map((e) => e.event).filter((e) => ["stop-requested", "rotated", "stopped"].includes(String(e)));
    expect(order).toEqual(["stop-requested", "rotated", "stopped"]);
    expect(existsSync(join(dir, ".big.log.rotor-journal"))).toBe(false);
  });

  it("waits with --wait-for-state-lock while another program (logrotate) holds the state file, then starts and holds it", async () => {
    const dir = scratch(`jobs:\n  a: { path: a.log, daily: true, keep: 2 }\n`);
    const state = join(dir, "status");
    writeFileSync(state, "logrotate state -- version 2\n", { mode: 0o600 });
    // flock(1) holds the lock as logrotate does, until its stdin closes.
    const holder = spawn("flock", [state, "-c", "echo locked; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "ignore"] });
    running.push(holder);
    await new Promise((resolve) => holder.stdout!.once("data", resolve));
    const daemon = startDaemon(dir, "--wait-for-state-lock");
    expect(await daemon.until((e) => e.event === "waiting-for-state-lock" || e.event === "started")).toMatchObject({ event: "waiting-for-state-lock" });
    holder.stdin!.end();
    await daemon.until((e) => e.event === "started");
    // Now the daemon holds it: a probe as logrotate's is refused.
    expect(spawnSync("flock", ["-n", "-E", "75", state, "true"]).status).toBe(75);
    daemon.child.kill("SIGTERM");
    expect(await daemon.exit).toBe(0);
  });

  it("refuses a config writable by others with exit 1 and says how to fix it", () => {
    const dir = scratch(`jobs:\n  a: { path: a.log, daily: true }\n`);
    chmodSync(join(dir, "rotor.yaml"), 0o666);
    let result: { status: number | null; stderr: string } = { status: null, stderr: "" };
    try {
      execFileSync(process.execPath, [rotor, "run", join(dir, "rotor.yaml"), "--state", join(dir, "status")], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      result = error as { status: number; stderr: string };
    }
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("is writable by group or others (mode 0666)");
    expect(result.stderr).toContain(`chmod go-w ${join(dir, "rotor.yaml")}`);
  });
});
