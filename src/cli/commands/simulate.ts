/**
 * `rotor simulate CONFIG --for 30d`: every rotation the config's jobs would do, with its
 * time, found by running the real daemon in virtual time on a scratch copy of the files
 * (see simulate/simulation.ts). The real files are never touched.
 */
import type { Command } from "commander";
import { formatDuration } from "../../daemon/index.js";
import { parseInterval } from "../../triggers/index.js";
import { CliError } from "../errors.js";
import { wallNow, type CliIO } from "../io.js";
import { loadConfig } from "../load-config.js";
import { formatLocal } from "../local-time-text.js";
import { createScratch, listScratch } from "../simulate/scratch.js";
import { simulate } from "../simulate/simulation.js";
import { sizeOption } from "../values.js";

interface Flags {
  for: number;
  start?: number;
  grow: number;
  keepScratch?: boolean;
}

export function defineSimulateCommand(program: Command, io: CliIO): void {
  program
    .command("simulate")
    .description("run the config's jobs in virtual time on a scratch copy and print every rotation they would do")
    .argument("<config>", "rotor YAML (.yaml, .yml) or a logrotate config")
    .option("--for <duration>", "how much time to simulate, e.g. 30d, 12h, 1h30m", durationOption, 86_400_000)
    .option("--start <time>", "when the simulation starts (ISO 8601; default now)", startOption)
    .option("--grow <size>", "append this much to every log each simulated hour (0 = logs do not grow)", sizeOption("--grow"), 1024)
    .option("--keep-scratch", "leave the scratch copy in place and print where it is")
    .action(async (config: string, flags: Flags) => {
      const model = loadConfig(config);
      const scratch = await createScratch(model);
      const start = flags.start ?? wallNow(io);
      try {
        io.out(`simulating ${config} from ${formatLocal(start)} for ${formatDuration(flags.for)} on a scratch copy`);
        const result = await simulate({
          scratch,
          startMs: start,
          durationMs: flags.for,
          growPerHour: flags.grow,
          onEvent: (at, event, fields) => {
            const where = typeof fields.log === "string" ? fields.log.slice(scratch.root.length) : "";
            if (event === "rotated") io.out(`${formatLocal(at)}  ${fields.job}  rotated ${where}  (${fields.trigger})`);
            // A script's arguments name the scratch copies; the user knows the real paths.
            else if (event === "script") io.out(`${formatLocal(at)}  would run script: ${fields.script} ${String(fields.args).replaceAll(scratch.root, "")}`.trimEnd());
            else if (event === "rotation-error" || event === "job-failed" || event === "log-missing") io.out(`${formatLocal(at)}  ${fields.job}  ${event}: ${fields.message ?? fields.error ?? where}`);
          },
        });
        io.out(`${result.rotations} rotation${result.rotations === 1 ? "" : "s"}, ${result.errors} error${result.errors === 1 ? "" : "s"}`);
        if (flags.keepScratch) {
          io.out(`scratch copy kept in ${scratch.root}:`);
          for (const file of await listScratch(scratch.root)) io.out(`  ${file}`);
        }
      } finally {
        if (!flags.keepScratch) await scratch.remove();
      }
    });
}

function durationOption(value: string): number {
  try {
    return parseInterval(value, "--for");
  } catch (error) {
    throw new CliError((error as Error).message, { exitCode: 2, showUsage: true });
  }
}

function startOption(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new CliError(`Expected \`--start\` to be an ISO 8601 time such as 2026-03-29T00:00:00Z, got \`${value}\``, { exitCode: 2, showUsage: true });
  return ms;
}
