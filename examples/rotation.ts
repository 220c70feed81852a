/**
 * The article's final program: four long-running rotation jobs as tasks on one event loop,
 * on one thread, each pausing at `sleep` so that the others can run.
 *
 * Python (from the article, abridged):
 *
 *     def rotate_file(path, keep_versions):
 *         path = Path(path)
 *         if not path.exists():
 *             return
 *         for i in range(keep_versions, 1, -1):
 *             old = path.with_suffix(path.suffix + f".{i-1}")
 *             new = path.with_suffix(path.suffix + f".{i}")
 *             if old.exists():
 *                 old.rename(new)
 *         path.rename(path.with_suffix(path.suffix + ".1"))
 *
 *     def rotate_by_interval(path, keep_versions, rotate_secs):
 *         while True:
 *             yield from asyncio.sleep(rotate_secs)
 *             rotate_file(path, keep_versions)
 *
 *     def rotate_daily(path, keep_versions):
 *         while True:
 *             now = datetime.datetime.now()
 *             last_midnight = now.replace(hour=0, minute=0, second=0)
 *             next_midnight = last_midnight + datetime.timedelta(1)
 *             yield from asyncio.sleep((next_midnight - now).total_seconds())
 *             rotate_file(path, keep_versions)
 *
 *     def rotate_by_size(path, keep_versions, max_size, check_interval_secs):
 *         while True:
 *             yield from asyncio.sleep(check_interval_secs)
 *             try:
 *                 filesize = Path(path).stat().st_size
 *                 if filesize > max_size:
 *                     rotate_file(path, keep_versions)
 *             except FileNotFoundError:
 *                 pass
 *
 *     def main(argv):
 *         loop = asyncio.get_event_loop()
 *         rotate1 = loop.create_task(rotate_by_interval("/tmp/file1", 3, 30))
 *         rotate2 = loop.create_task(rotate_by_interval("/tmp/file2", 5, 20))
 *         rotate3 = loop.create_task(rotate_by_size("/tmp/file3", 3, 1024, 60))
 *         rotate4 = loop.create_task(rotate_daily("/tmp/file4", 5))
 *         loop.run_forever()
 *
 * This is the seed's toy rotation, written straight on node:fs; rotor's real rotation
 * engine comes later. Times are in milliseconds, as everywhere in rotor.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { VirtualClock, run, sleep, sleepUntil, spawn, type Clock, type Operation } from "rotor";

const SECOND = 1000;

/** What the jobs need from outside, passed in rather than read from globals (see STYLE.md). */
export interface JobEnv {
  /** Wall-clock time: Python's datetime.now(), read from the loop's clock. */
  now(): Date;
  /** Told of each rotation, for the demo's output; the Python rotates silently. */
  rotated(file: string, why: string): void;
}

/**
 * Python's rotate_file: file.(K-1) → file.K, …, file.1 → file.2, then file → file.1. The
 * rename onto file.K replaces it, so at most K versions remain. Returns false, doing
 * nothing, when the file does not exist.
 */
export function rotateFile(file: string, keepVersions: number): boolean {
  if (!fs.existsSync(file)) return false;
  for (let i = keepVersions; i > 1; i--) {
    const older = `${file}.${i - 1}`;
    if (fs.existsSync(older)) fs.renameSync(older, `${file}.${i}`);
  }
  fs.renameSync(file, `${file}.1`);
  return true;
}

/** Rotates the file every `rotateMs`. */
export function* rotateByInterval(file: string, keepVersions: number, rotateMs: number, env: JobEnv): Operation<never> {
  for (;;) {
    yield* sleep(rotateMs);
    if (rotateFile(file, keepVersions)) env.rotated(file, `every ${rotateMs / SECOND} s`);
  }
}

/**
 * Rotates the file at every local midnight. `sleepUntil` waits for a wall-clock instant,
 * where the Python sleeps for a computed duration: that stays right across a DST change
 * (the duration, computed on naive local times, is an hour off that day) and after the
 * machine slept past midnight. setHours() also zeroes the milliseconds, which the Python's
 * replace() keeps (so it wakes a few microseconds after midnight).
 */
export function* rotateDaily(file: string, keepVersions: number, env: JobEnv): Operation<never> {
  for (;;) {
    const nextMidnight = env.now();
    nextMidnight.setHours(24, 0, 0, 0); // hour 24 of today is 00:00 tomorrow, local time
    yield* sleepUntil(nextMidnight);
    if (rotateFile(file, keepVersions)) env.rotated(file, "daily, at midnight");
  }
}

/** Checks the file's size every `checkIntervalMs` and rotates it once over `maxSize` bytes. */
export function* rotateBySize(file: string, keepVersions: number, maxSize: number, checkIntervalMs: number, env: JobEnv): Operation<never> {
  for (;;) {
    yield* sleep(checkIntervalMs);
    const size = fs.statSync(file, { throwIfNoEntry: false })?.size; // Python's `except FileNotFoundError`
    if (size !== undefined && size > maxSize && rotateFile(file, keepVersions)) {
      env.rotated(file, `${size} bytes > ${maxSize}`);
    }
  }
}

/**
 * Not in the article: the application writing its logs, so that the jobs find something
 * to rotate. A 100-byte line to each file every 10 s, at 5, 15, 25 s…: never at the same
 * instant as a rotation, which all fall on multiples of 10 s here.
 */
function* writeLogs(files: string[], env: JobEnv): Operation<never> {
  yield* sleep(5 * SECOND);
  for (let n = 1; ; n++) {
    const line = `${formatLocal(env.now())} line ${n}`.padEnd(99) + "\n";
    for (const file of files) fs.appendFileSync(file, line);
    yield* sleep(10 * SECOND);
  }
}

/** "2026-01-01 23:58:10" in local time, as Python prints a naive datetime. */
export function formatLocal(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

export interface RotationOptions {
  /**
   * Default: virtual time from 2026-01-01 23:58:10 local time, so the run passes midnight
   * and prints the same lines in every time zone.
   */
  clock?: Clock;
  /** Where file1…file4 live. Default: a fresh temporary directory, removed at the end. */
  dir?: string;
  /** How long to run, in ms of the clock's time (default 250 s); the Python runs forever. */
  duration?: number;
}

export async function main(print: (line: string) => void = console.log, options: RotationOptions = {}): Promise<void> {
  const clock = options.clock ?? new VirtualClock({ autojump: true, start: new Date(2026, 0, 1, 23, 58, 10) });
  const duration = options.duration ?? 250 * SECOND;
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "rotor-seed-"));
  const [file1, file2, file3, file4] = ["file1", "file2", "file3", "file4"].map((name) => path.join(dir, name)) as [string, string, string, string];
  const env: JobEnv = {
    now: () => new Date(clock.wallNow()),
    rotated: (file, why) => print(`${formatLocal(env.now())}  ${path.basename(file)} rotated (${why})`),
  };

  print(`from ${formatLocal(env.now())}, for ${duration / SECOND} s:`);
  try {
    await run(
      function* rotationDemo() {
        // Python's four loop.create_task() calls, plus the writer; spawned tasks are
        // children of this one, which cannot end before them.
        const jobs = [
          yield* spawn(rotateByInterval(file1, 3, 30 * SECOND, env), { name: "file1 every 30 s" }),
          yield* spawn(rotateByInterval(file2, 5, 20 * SECOND, env), { name: "file2 every 20 s" }),
          yield* spawn(rotateBySize(file3, 3, 1024, 60 * SECOND, env), { name: "file3 over 1 KiB" }),
          yield* spawn(rotateDaily(file4, 5, env), { name: "file4 daily" }),
          yield* spawn(writeLogs([file1, file2, file3, file4], env), { name: "writer" }),
        ];
        // Where Python's loop.run_forever() never returns, the demo stops after `duration`.
        yield* sleep(duration);
        for (const job of jobs) job.cancel("the demo is over");
      },
      { clock },
    );
    const left = fs.readdirSync(dir);
    print(`at ${formatLocal(env.now())}, the directory holds:`);
    for (const base of ["file1", "file2", "file3", "file4"]) {
      print(`  ${left.filter((name) => name === base || name.startsWith(`${base}.`)).sort().join("  ")}`);
    }
  } finally {
    if (options.dir === undefined) fs.rmSync(dir, { recursive: true, force: true });
  }
}
