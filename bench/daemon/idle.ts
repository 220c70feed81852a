/**
 * `npm run bench:daemon-idle`: what `rotor run` costs while nothing is due. The daemon runs
 * as a real process with BENCH_FILES logs configured (default 10,000), in jobs of
 * BENCH_FILES_PER_JOB logs each (default 1: 10,000 jobs, the worst case; 100 gives 100
 * jobs whose paths are globs of 100 logs, as /var/log/app-N/*.log would), each daily at
 * midnight in UTC and watched for `size: 100M`, so every log has its watch and every job its
 * calendar timer. It is measured from /proc after it has settled: CPU time over
 * BENCH_SECONDS (default 60) and resident memory. Beside it, side by side in the same run,
 * an idle Node process with one 1 s interval timer — the floor of any Node daemon.
 *
 * Targets (issue 5): under 1 % of one core, under 150 MB resident.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const FILES = Number(process.env.BENCH_FILES ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const PER_JOB = Number(process.env.BENCH_FILES_PER_JOB ?? 1);
const rotor = fileURLToPath(new URL("../../dist/src/cli/rotor.js", import.meta.url));
const TICKS = 100; // USER_HZ on Linux: /proc/PID/stat counts CPU time in 1/100 s

interface Sample {
  cpuSeconds: number;
  rssMiB: number;
  peakMiB: number;
}

function sample(pid: number): Sample {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { cpuSeconds, rssMiB: kib("VmRSS") / 1024, peakMiB: kib("VmHWM") / 1024 };
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      seen += chunk;
      if (pattern.test(seen)) resolve();
      if (seen.length > 1_000_000) seen = seen.slice(-10_000);
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code} before ${pattern}: ${seen.slice(-2000)}`)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(name: string, child: ChildProcess, ready: Promise<void>): Promise<Sample & { name: string; startMs: number }> {
  const started = performance.now();
  await ready;
  const startMs = performance.now() - started;
  await sleep(5000); // let start-up work (first stats, JIT, GC) settle
  const before = sample(child.pid!);
  await sleep(SECONDS * 1000);
  const after = sample(child.pid!);
  child.kill("SIGTERM");
  return { name, startMs, cpuSeconds: after.cpuSeconds - before.cpuSeconds, rssMiB: after.rssMiB, peakMiB: after.peakMiB };
}

const dir = mkdtempSync(join(tmpdir(), "rotor-idle-"));
try {
  const lines = ["jobs:"];
  for (let job = 0; job * PER_JOB < FILES; job++) {
    const group = PER_JOB === 1 ? "." : `app-${job}`;
    mkdirSync(join(dir, group), { recursive: true });
    for (let i = job * PER_JOB; i < Math.min(FILES, (job + 1) * PER_JOB); i++) writeFileSync(join(dir, group, `app-${i}.log`), "a line\n");
    const path = PER_JOB === 1 ? `app-${job}.log` : `${group}/*.log`;
    lines.push(`  app-${job}: { path: "${path}", daily: true, timezone: UTC, size: 100M, keep: 3 }`);
  }
  writeFileSync(join(dir, "rotor.yaml"), lines.join("\n") + "\n");
  chmodSync(join(dir, "rotor.yaml"), 0o644);

  const daemon = spawn(process.execPath, [rotor, "run", join(dir, "rotor.yaml"), "--state", join(dir, "status"), "--log-format", "json"], { stdio: ["ignore", "ignore", "pipe"] });
  const idle = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000); console.error('ready')"], { stdio: ["ignore", "ignore", "pipe"] });
  const [r, n] = await Promise.all([
    measure("rotor run", daemon, waitForLine(daemon, /"event":"started"/)),
    measure("idle node (floor)", idle, waitForLine(idle, /ready/)),
  ]);
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.log(`rotor run idle with ${FILES} logs configured in ${lines.length - 1} jobs; measured ${SECONDS} s after 5 s of settling; load average ${load}`);
  console.log("| process | ready after | CPU over the window | % of one core | RSS | peak RSS |");
  console.log("|---|---|---|---|---|---|");
  for (const row of [r, n]) {
    const percent = (100 * row.cpuSeconds) / SECONDS;
    console.log(`| ${row.name} | ${(row.startMs / 1000).toFixed(1)} s | ${row.cpuSeconds.toFixed(2)} s | ${percent.toFixed(2)} % | ${row.rssMiB.toFixed(0)} MiB | ${row.peakMiB.toFixed(0)} MiB |`);
  }
  const percent = (100 * r.cpuSeconds) / SECONDS;
  console.log(`targets: CPU < 1 % of one core: ${percent < 1 ? "PASS" : "FAIL"} (${percent.toFixed(2)} %); resident < 150 MB: ${r.peakMiB * 1.048576 < 150 ? "PASS" : "FAIL"} (peak ${(r.peakMiB * 1.048576).toFixed(0)} MB)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
