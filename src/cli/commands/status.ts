/**
 * `rotor status`: what the state file knows — each log's last rotation and its size now —
 * and, given the config, each job's next scheduled rotation and the logs the state does not
 * know yet. Reads the state without locking it, so it works while the daemon runs.
 */
import { lstat } from "node:fs/promises";
import type { Command } from "commander";
import { fnmatch } from "../../config/index.js";
import { buildJobs, filesOf, nextScheduled, type JobSpec } from "../../daemon/index.js";
import { nodeStateFs, readState } from "../../daemon/state/index.js";
import { nodeFs } from "../../rotate/index.js";
import { run } from "../../scheduler/index.js";
import { CliError } from "../errors.js";
import { wallNow, type CliIO } from "../io.js";
import { loadConfig } from "../load-config.js";
import { formatLocal } from "../local-time-text.js";
import { defaultStatePath } from "../state-path.js";

interface Flags {
  state: string;
  config?: string;
}

export function defineStatusCommand(program: Command, io: CliIO): void {
  program
    .command("status")
    .description("show each log's last rotation and size, and with --config each job's next rotation")
    .option("-s, --state <file>", "the state file (read only, not locked)", defaultStatePath())
    .option("-c, --config <file>", "the daemon's config, to show jobs and their next rotations")
    .action(async (flags: Flags) => {
      const state = await readState(flags.state, { fs: nodeStateFs });
      // Without a config there is nothing to show but the state; with one, its logs are
      // listed even before their first rotation, so a new daemon's jobs can be checked.
      if (!state.existed && flags.config === undefined) throw new CliError(`No state file at ${flags.state}: nothing has been rotated with it yet (give the daemon's --state, or --config to list the jobs' logs)`);
      for (const problem of state.problems) io.err(`rotor: warning: ${problem.message}`);
      const now = wallNow(io);
      const jobs = flags.config === undefined ? [] : buildJobs(loadConfig(flags.config));
      const rows: string[][] = [["LOG", "LAST ROTATED", "SIZE", "JOB", "NEXT"]];
      const row = async (log: string, last: number | null, job: JobSpec | undefined): Promise<string[]> => {
        const size = await lstat(log).then((info) => String(info.size), () => "missing");
        const next = job?.schedule ? formatLocal(nextScheduled(job.schedule, now, last), job.entry.settings.timezone ?? undefined) : job?.sizeThreshold != null ? `when > ${job.sizeThreshold} B` : "";
        return [log, last === null ? "never" : formatLocal(last), size, job?.name ?? "", next];
      };
      for (const [log, last] of state.entries) rows.push(await row(log, last, jobs.find((candidate) => owns(candidate, log))));
      for (const job of jobs) {
        for (const log of await run(() => filesOf(job.entry, nodeFs))) if (!state.entries.has(log)) rows.push(await row(log, null, job));
      }
      if (!state.existed) io.err(`rotor: no state file at ${flags.state} yet: no log has been rotated with it`);
      for (const line of table(rows)) io.out(line);
    });
}

function owns(job: JobSpec, log: string): boolean {
  return job.entry.patterns.some((pattern) => pattern.path === log || (pattern.glob && matchesBySegment(pattern.path, log)));
}

/** A glob matches segment by segment, as the daemon expands it (a `*` never crosses a `/`). */
function matchesBySegment(glob: string, path: string): boolean {
  const globs = glob.split("/");
  const names = path.split("/");
  return globs.length === names.length && globs.every((segment, index) => fnmatch(segment, names[index]!));
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd());
}
