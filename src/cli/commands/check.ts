/**
 * `rotor check CONFIG`: validates a config strictly (every problem with file:line:column,
 * exit 1) and shows what each job will do — its files, what wakes it, and its next
 * rotations as a timeline, counted from the state file's last rotations when there is one.
 */
import type { Command } from "commander";
import { buildJobs, describeSchedule, formatDuration, nextScheduled, upcoming, type JobSpec } from "../../daemon/index.js";
import { nodeStateFs, readState } from "../../daemon/state/index.js";
import { wallNow, type CliIO } from "../io.js";
import { loadConfig } from "../load-config.js";
import { formatLocal } from "../local-time-text.js";
import { defaultStatePath } from "../state-path.js";
import { integerOption } from "../values.js";

interface Flags {
  state: string;
  count: number;
}

export function defineCheckCommand(program: Command, io: CliIO): void {
  program
    .command("check")
    .description("validate a config and show each job's next rotations")
    .argument("<config>", "rotor YAML (.yaml, .yml) or a logrotate config")
    .option("-s, --state <file>", "the state file to count from (read only, not locked)", defaultStatePath())
    .option("-n, --count <n>", "how many upcoming rotations to show per job", integerOption("--count", 1), 3)
    .action(async (config: string, flags: Flags) => {
      const jobs = buildJobs(loadConfig(config));
      const state = await readState(flags.state, { fs: nodeStateFs }).catch(() => null);
      const now = wallNow(io);
      io.out(`${config}: ${jobs.length} job${jobs.length === 1 ? "" : "s"}, no problems`);
      for (const job of jobs) {
        io.out("");
        for (const line of describeJob(job, now, (log) => state?.entries.get(log), flags.count)) io.out(line);
      }
    });
}

/**
 * The lines `rotor check` prints for one job.
 *
 * @example
 * describeJob(job, Date.now(), () => undefined, 3);
 */
export function describeJob(job: JobSpec, now: number, lastOf: (log: string) => number | undefined, count: number): string[] {
  const s = job.entry.settings;
  const zone = s.timezone ?? undefined;
  const lines = [`${job.name}`, `  files: ${job.entry.patterns.map((p) => p.path).join(" ")}`];
  const keeps = s.keep < 0 ? "keeps every version" : `keeps ${s.keep} version${s.keep === 1 ? "" : "s"}`;
  const compress = s.compress === false ? "" : `, compressed (${typeof s.compress === "string" ? s.compress : s.compress.command})`;
  lines.push(`  ${keeps}${compress}${job.logrotateRules ? " (logrotate's rules decide at each wake-up)" : ""}`);
  if (job.sizeThreshold !== null) lines.push(`  rotates when a file passes ${job.sizeThreshold} bytes (watched; polled every ${formatDuration(job.checkMs)})`);
  if (job.schedule !== null) {
    const lasts = job.entry.patterns.map((p) => lastOf(p.path)).filter((t): t is number => t !== undefined);
    const last = lasts.length > 0 ? Math.max(...lasts) : null;
    const times = upcoming(job.schedule, now, last, count);
    // An interval or boundary already passed since the last rotation fires at start-up.
    const overdue = last !== null && job.schedule.kind !== "every" && nextScheduled(job.schedule, last, last) <= now;
    lines.push(`  ${describeSchedule(job.schedule)}${last === null ? "" : `; last rotated ${formatLocal(last, zone)}`}`);
    if (overdue) lines.push(`  overdue: rotates as soon as the daemon starts`);
    lines.push(`  next: ${times.map((t) => formatLocal(t, zone)).join(", ")}`);
  }
  return lines;
}
